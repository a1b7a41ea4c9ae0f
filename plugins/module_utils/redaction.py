# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Credentials out of URLs and messages: what to redact and which forms of a secret to mask.

Its own file so that vendor code can redact without importing the transport (client.py).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import ipaddress
import re

from urllib.parse import parse_qsl, quote, quote_plus, unquote, urlencode, urlsplit, urlunsplit

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


def secret_forms(value):
    """A secret and the forms it travels in: trimmed, URL-encoded, Base64, Base64 URL-encoded.

    Each form goes to Ansible's no-log values, so that a server echoing a request (a login
    form, an Authorization header) in its error cannot put the secret into a message.
    """
    if not isinstance(value, str) or not value.strip():
        return set()
    forms = set()
    for plain in (value, value.strip()):
        encoded = base64.b64encode(plain.encode("utf-8")).decode("ascii")
        forms.update((plain, quote(plain, safe=""), quote_plus(plain), encoded, quote(encoded, safe=""), quote_plus(encoded)))
    return forms


def proxy_secrets(proxy):
    """The secret parts of proxy URLs (``user:password`` and the password); the host stays readable."""
    urls = proxy.values() if isinstance(proxy, dict) else [proxy]
    found = set()
    for url in urls:
        netloc = urlsplit(url).netloc if isinstance(url, str) else ""
        if "@" not in netloc:
            continue
        userinfo = netloc.rsplit("@", 1)[0]
        found.add(userinfo)
        found.add(unquote(userinfo))
        if ":" in userinfo:
            password = userinfo.split(":", 1)[1]
            found.update(value for value in (password, unquote(password)) if value)
    return found


def is_loopback(host):
    """True for this machine's own addresses (plain http:// to them never crosses a network)."""
    host = (host or "").strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def crosses_network_in_clear(url):
    """True for a plain http:// URL to another machine: whatever is sent to it can be read on the way."""
    if not isinstance(url, str):
        return False
    parts = urlsplit(url.strip())
    return parts.scheme.lower() == "http" and not is_loopback(parts.hostname)
