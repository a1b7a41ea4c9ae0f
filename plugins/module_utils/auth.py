# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the three vendors' bearer-token schemes have in common.

Each vendor file (``cylance/auth.py``, ``ccs/auth.py``, ``oci/auth.py``) only
says how to obtain a token; this base class decides when: lazily before the
first call, never when the user passed ``access_token``, and once more after
a 401 when credentials allow it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import binascii
import json
import re
import time

from ansible_collections.secops.executions.plugins.module_utils.errors import OptionError, ResponseFormatError
from ansible_collections.secops.executions.plugins.module_utils.times import iso_utc

# Used when a token's lifetime cannot be read from it: the shortest lifetime
# any of the three vendors is known to use, so callers refresh early, not late.
ASSUMED_LIFETIME = 1500


class Token(object):
    """An access token and what is known about it."""

    def __init__(self, access_token, expires_at=None, scopes=None, refresh_token=None, token_type="Bearer"):
        self.access_token = clean_token(access_token)
        self.expires_at = expires_at
        self.scopes = scopes
        self.refresh_token = clean_token(refresh_token)
        self.token_type = token_type

    def as_result(self, now=None):
        """The public part of a token module's result (the token itself is added by the caller)."""
        now = time.time() if now is None else now
        result = {"expires_in": None, "expires_at": None}
        if plausible_epoch(self.expires_at):
            result["expires_in"] = max(0, int(self.expires_at - now))
            result["expires_at"] = iso_utc(self.expires_at)
        if self.scopes is not None:
            result["scopes"] = list(self.scopes)
        return result


class TokenAuth(object):
    """Bearer-token strategy for HttpClient: ``headers()`` and ``reauthenticate()``."""

    #: Said after a 401 that no re-authentication could fix.
    unauthorized_hint = "The access token was refused: it may have expired or lack a permission"

    def __init__(self, access_token=None, on_token=None, on_secret=None):
        access_token = clean_token(access_token)
        if access_token and not header_safe(access_token):
            raise OptionError("access_token", "has characters an HTTP header cannot carry (only Latin-1 ones can); copy the token again")
        self.token = Token(access_token) if access_token else None
        self.fetch_count = 0
        self._on_token = on_token
        self._on_secret = on_secret

    def hide(self, value):
        """Mask ``value`` (a signed assertion, a Basic credential...) in every output, as soon as it is made."""
        if self._on_secret is not None and value:
            self._on_secret(value)
        return value

    def header_names(self):
        """The headers that carry credentials: dropped when a redirect leaves the API's origin."""
        return ("Authorization",) + tuple(self.extra_headers())

    def can_fetch(self):
        """True when credentials allow obtaining a new token."""
        raise NotImplementedError

    def fetch(self, client):
        """Obtain a new Token through ``client``."""
        raise NotImplementedError

    def extra_headers(self):
        return {}

    def headers(self, client):
        if self.token is None:
            self.renew(client)
        headers = {"Authorization": "Bearer {0}".format(self.token.access_token)}
        headers.update(self.extra_headers())
        return headers

    def renew(self, client):
        self.token = self.fetch(client)
        self.fetch_count += 1
        if self._on_token is not None:
            self._on_token(self.token)
        return self.token

    def reauthenticate(self, client):
        if not self.can_fetch():
            return False
        self.renew(client)
        return True


# The result key in which a module hands tokens it renewed to its action plugin, which keeps them
# for the later tasks of the run and removes the key before anything shows or registers the result.
RENEWED_TOKENS_KEY = "secops_renewed_tokens"


def renewed_tokens(token):
    """``token``'s access and refresh tokens, hex-encoded: no-log values mask every readable form of them."""
    return dict((name, binascii.hexlify(value.encode("utf-8")).decode("ascii"))
                for name, value in (("access_token", token.access_token), ("refresh_token", token.refresh_token)) if value)


def read_renewed_tokens(encoded):
    """The tokens ``renewed_tokens`` encoded, or {} when they are missing or were damaged on the way."""
    tokens = {}
    for name in ("access_token", "refresh_token"):
        try:
            tokens[name] = binascii.unhexlify(encoded[name]).decode("utf-8")
        except (KeyError, TypeError, ValueError, UnicodeError):
            return {}
    return tokens


def clean_token(value):
    """A token as given, without the surrounding whitespace a YAML block scalar or a slurped file adds."""
    return value.strip() if isinstance(value, str) else value


def jwt_claims(token):
    """Claims of a JWT, read without verifying it (only to learn exp and scopes); {} if not a JWT."""
    parts = token.split(".") if isinstance(token, str) else []
    if len(parts) != 3:
        return {}
    payload = parts[1] + "=" * (-len(parts[1]) % 4)
    try:
        claims = json.loads(base64.urlsafe_b64decode(payload.encode("ascii")).decode("utf-8"))
    except (ValueError, UnicodeError, TypeError):
        return {}
    return claims if isinstance(claims, dict) else {}


_SCOPE_SEPARATORS = re.compile(r"[,\s]+")
# 9999-12-31T23:59:59Z, the last moment a datetime holds: a later "exp" (say 1e300) is not a time.
LAST_EPOCH = 253402300799


def plausible_epoch(value):
    """True for seconds since the epoch that name a real moment (a number, not a bool, not beyond year 9999)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= LAST_EPOCH


def lifetime_of(expires_in):
    """Seconds from an answer's ``expires_in`` (digits or a whole number); ASSUMED_LIFETIME when it is not a usable one."""
    text = str(expires_in or "")
    if not (text.isascii() and text.isdigit()) or len(text) > 10:
        return ASSUMED_LIFETIME
    return int(text)


def scope_list(value):
    """Scopes from an answer: a comma- or space-separated string, or a list of strings; None for anything else."""
    if isinstance(value, str):
        return [scope for scope in _SCOPE_SEPARATORS.split(value) if scope]
    if isinstance(value, list) and all(isinstance(scope, str) for scope in value):
        return value
    return None


def header_safe(token):
    """True when ``token`` can travel in an HTTP header: http.client sends header values as Latin-1."""
    try:
        token.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def token_from_answer(response, path, scope_keys=(), **extra):
    """The Token in a token endpoint's JSON answer, read the same way for every vendor.

    The lifetime comes from the token's own ``exp`` claim when it is a JWT, else from the
    answer's ``expires_in``, else ASSUMED_LIFETIME. Scopes come from the first of
    ``scope_keys`` found in the answer or in the token's claims (comma- or space-separated).
    """
    body = response.json
    if not isinstance(body, dict) or not body.get("access_token") or not isinstance(body["access_token"], str):
        raise ResponseFormatError("POST", path, response.status, "no access_token in the answer")
    if not header_safe(body["access_token"]):
        raise ResponseFormatError("POST", path, response.status, "an access_token that an HTTP header cannot carry (characters beyond Latin-1)")
    claims = jwt_claims(body["access_token"])
    expires_at = claims.get("exp") if plausible_epoch(claims.get("exp")) else time.time() + lifetime_of(body.get("expires_in"))
    scopes = None
    for key in scope_keys:
        value = body.get(key) or claims.get(key)
        if value:
            scopes = scope_list(value)
            break
    return Token(body["access_token"], expires_at=expires_at, scopes=scopes, **extra)
