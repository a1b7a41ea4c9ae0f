# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where RenewedTokensAction keeps renewed tokens between the tasks of one run (no Ansible import: unit-testable)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import json
import os
import tempfile


class TokenCache(object):
    """Renewed tokens by (API URL, refresh token first given), in a private folder of one run."""

    def __init__(self, folder):
        self.folder = folder

    def _file(self, api_url, refresh_token):
        key = hashlib.sha256("{0}\n{1}".format((api_url or "").rstrip("/"), refresh_token).encode("utf-8")).hexdigest()
        return os.path.join(self.folder, key + ".json")

    def get(self, api_url, refresh_token):
        try:
            with open(self._file(api_url, refresh_token)) as stored:
                tokens = json.load(stored)
        except (IOError, OSError, ValueError):
            return {}
        return tokens if isinstance(tokens, dict) else {}

    def put(self, api_url, refresh_token, tokens):
        if not os.path.isdir(self.folder):
            os.makedirs(self.folder, mode=0o700)
        # Written whole, then renamed: a task reading at the same moment sees the old pair or the new one.
        handle, temporary = tempfile.mkstemp(dir=self.folder)
        with os.fdopen(handle, "w") as stored:
            json.dump(tokens, stored)
        os.replace(temporary, self._file(api_url, refresh_token))
