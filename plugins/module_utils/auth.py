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
import json
import re
import time

from ansible_collections.secops.executions.plugins.module_utils.errors import ResponseFormatError
from ansible_collections.secops.executions.plugins.module_utils.times import iso_utc

# Used when a token's lifetime cannot be read from it: the shortest lifetime
# any of the three vendors is known to use, so callers refresh early, not late.
ASSUMED_LIFETIME = 1500


class Token(object):
    """An access token and what is known about it."""

    def __init__(self, access_token, expires_at=None, scopes=None, refresh_token=None, token_type="Bearer"):
        self.access_token = access_token
        self.expires_at = expires_at
        self.scopes = scopes
        self.refresh_token = refresh_token
        self.token_type = token_type

    def as_result(self, now=None):
        """The public part of a token module's result (the token itself is added by the caller)."""
        now = time.time() if now is None else now
        result = {"expires_in": None, "expires_at": None}
        if self.expires_at is not None:
            result["expires_in"] = max(0, int(self.expires_at - now))
            result["expires_at"] = iso_utc(self.expires_at)
        if self.scopes is not None:
            result["scopes"] = list(self.scopes)
        return result


class TokenAuth(object):
    """Bearer-token strategy for HttpClient: ``headers()`` and ``reauthenticate()``."""

    #: Said after a 401 that no re-authentication could fix.
    unauthorized_hint = "The access token was refused: it may have expired or lack a permission"

    def __init__(self, access_token=None, on_token=None):
        self.token = Token(access_token) if access_token else None
        self.fetch_count = 0
        self._on_token = on_token

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


def token_from_answer(response, path, scope_keys=(), **extra):
    """The Token in a token endpoint's JSON answer, read the same way for every vendor.

    The lifetime comes from the token's own ``exp`` claim when it is a JWT, else from the
    answer's ``expires_in``, else ASSUMED_LIFETIME. Scopes come from the first of
    ``scope_keys`` found in the answer or in the token's claims (comma- or space-separated).
    """
    body = response.json
    if not isinstance(body, dict) or not body.get("access_token") or not isinstance(body["access_token"], str):
        raise ResponseFormatError("POST", path, response.status, "no access_token in the answer")
    claims = jwt_claims(body["access_token"])
    lifetime = body.get("expires_in")
    if isinstance(claims.get("exp"), (int, float)) and not isinstance(claims["exp"], bool):
        expires_at = claims["exp"]
    else:
        expires_at = time.time() + (int(lifetime) if str(lifetime or "").isdigit() else ASSUMED_LIFETIME)
    scopes = None
    for key in scope_keys:
        value = body.get(key) or claims.get(key)
        if value:
            scopes = [scope for scope in _SCOPE_SEPARATORS.split(value) if scope] if isinstance(value, str) else value
            break
    return Token(body["access_token"], expires_at=expires_at, scopes=scopes, **extra)
