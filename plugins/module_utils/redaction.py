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


class SecretMask(object):
    """Masking for code that has no AnsibleModule to do it (the inventory and lookup plugins, the event source).

    It gathers the secrets such code is given (the ``no_log`` connection options, proxy credentials)
    and makes (tokens, signed assertions, Basic credentials), each in every form it travels in,
    and replaces them in a text: a server that echoes the request in its error cannot show them.
    """

    def __init__(self, options=(), params=None):
        self.forms = set()
        self.add_params(options, params or {})

    def add_params(self, options, params):
        """The secrets among connection ``params``: the ``no_log`` ``options`` and the proxy's credentials."""
        for option in options:
            if option.no_log:
                self.add(params.get(option.name))
        for value in proxy_secrets(params.get("proxy")):
            self.add(value)

    def add(self, value):
        """Mask ``value`` and its forms from now on (the auth strategies' ``on_secret``)."""
        self.forms.update(secret_forms(value))

    def add_token(self, token):
        """The auth strategies' ``on_token``: a token obtained is a secret like any password."""
        for value in (token.access_token, token.refresh_token):
            self.add(value)

    def __call__(self, text):
        text = str(text)
        # Longest first: a short form may be part of a longer one (a value inside its Base64 pair).
        for form in sorted(self.forms, key=len, reverse=True):
            text = text.replace(form, REDACTED)
        return text


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
