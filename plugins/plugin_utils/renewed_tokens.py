# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin base for modules whose refresh tokens rotate (CCS): later tasks get the renewed tokens.

A CCS refresh token works once. With ``access_token`` and ``refresh_token`` in ``module_defaults``
(the pattern the guides show), the first task that renews uses the refresh token up, and every
later task would be handed the used one again. So a module that renewed returns the new tokens
(hex-encoded, under ``RENEWED_TOKENS_KEY``); this plugin removes them from the result and keeps
them on the controller, in a file of this run's private temporary directory (mode 0600, deleted
when ansible-playbook exits), named by a hash of the refresh token the task was given. A later
task given that same refresh token gets the renewed pair instead.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from ansible import constants as C
from ansible.plugins.action import ActionBase

from ansible_collections.secops.executions.plugins.module_utils.auth import RENEWED_TOKENS_KEY, read_renewed_tokens
from ansible_collections.secops.executions.plugins.plugin_utils.token_cache import TokenCache

CACHE_FOLDER = "secops-renewed-tokens"


class RenewedTokensAction(ActionBase):
    """Runs the module with the latest renewed tokens of its session, and keeps those it renews."""

    _supports_check_mode = True
    _supports_async = True
    #: Environment variables the module falls back to for these options (AWX injects them).
    env = {"api_url": None, "refresh_token": None}

    def run(self, tmp=None, task_vars=None):
        result = super(RenewedTokensAction, self).run(tmp, task_vars)
        args = dict(self._task.args)
        api_url = args.get("api_url") or os.environ.get(self.env["api_url"] or "", "")
        given = args.get("refresh_token") or os.environ.get(self.env["refresh_token"] or "", "")
        given = given.strip() if isinstance(given, str) else ""
        cache = TokenCache(os.path.join(C.DEFAULT_LOCAL_TMP, CACHE_FOLDER))
        if given:
            args.update(cache.get(api_url, given))
        wrap_async = self._task.async_val and not self._connection.has_native_async
        result.update(self._execute_module(module_args=args, task_vars=task_vars, wrap_async=wrap_async))
        renewed = read_renewed_tokens(result.pop(RENEWED_TOKENS_KEY, None) or {})
        if given and renewed:
            cache.put(api_url, given, renewed)
        if not wrap_async:
            self._remove_tmp_path(self._connection._shell.tmpdir)
        return result
