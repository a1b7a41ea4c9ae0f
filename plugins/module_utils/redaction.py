# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Credentials out of URLs, for messages and results.

Its own file so that vendor code can redact without importing the transport (client.py).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from urllib.parse import urlencode, urlsplit, urlunsplit, parse_qsl

_SECRET_QUERY_KEY = re.compile(r"(token|secret|password|passwd|pwd|key|signature|sig|auth|code|credential)", re.I)
REDACTED = "********"


def redact_url(url):
    """Drop credentials from a URL or path: userinfo and secret-looking query values."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        netloc = "{0}@{1}".format(REDACTED, netloc.rsplit("@", 1)[1])
    query = parts.query
    if query:
        pairs = [(k, REDACTED if _SECRET_QUERY_KEY.search(k) else v) for k, v in parse_qsl(query, keep_blank_values=True)]
        query = urlencode(pairs, safe="*")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
