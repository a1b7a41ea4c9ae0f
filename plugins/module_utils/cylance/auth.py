# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cylance / Aurora User API v2 authentication.

The client signs its own short-lived JWT with the application secret (HS256)
and trades it at ``POST /auth/v2/token`` for an access token.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time
import traceback
import uuid
import warnings

from ansible_collections.secops.executions.plugins.module_utils.auth import TokenAuth, token_from_answer
from ansible_collections.secops.executions.plugins.module_utils.errors import MissingLibraryError

ISSUER = "http://cylance.com"
# The API answers 400 to an authentication JWT that lives longer than this.
MAX_JWT_LIFETIME = 1800
TOKEN_PATH = "/auth/v2/token"

REGIONS = {
    "na": "https://protectapi.cylance.com",
    "apne1": "https://protectapi-apne1.cylance.com",
    "au": "https://protectapi-au.cylance.com",
    "euc1": "https://protectapi-euc1.cylance.com",
    "sae1": "https://protectapi-sae1.cylance.com",
    # BlackBerry's own samples use the dotted host; older code uses protectapi-us.
    "us-gov": "https://protectapi.us.cylance.com",
}


def base_url(params):
    return params.get("api_url") or REGIONS[params.get("region") or "na"]


def authentication_jwt(tenant_id, app_id, app_secret, scopes=None, now=None, lifetime=MAX_JWT_LIFETIME, jti=None):
    """The signed JWT the token endpoint expects; ``scp`` is one comma-separated string."""
    try:
        import jwt  # imported late: it costs ~70 ms and only token requests need it
    except ImportError:
        raise MissingLibraryError("pyjwt", traceback.format_exc())
    issued = int(time.time() if now is None else now)
    claims = {
        "iss": ISSUER,
        "sub": app_id,
        "tid": tenant_id,
        "iat": issued,
        "exp": issued + min(int(lifetime), MAX_JWT_LIFETIME),
        "jti": jti or str(uuid.uuid4()),
    }
    if scopes:
        claims["scp"] = ",".join(scopes)
    with warnings.catch_warnings():
        # The vendor chooses the secret's length; a short one is not ours to warn about.
        warnings.simplefilter("ignore")
        token = jwt.encode(claims, app_secret, algorithm="HS256")
    return token.decode("ascii") if isinstance(token, bytes) else token


class CylanceAuth(TokenAuth):
    unauthorized_hint = (
        "The access token was refused: it may have expired; get a new one with secops.executions.cylance_token "
        "or give tenant_id, app_id and app_secret so that the module can renew it"
    )

    def __init__(self, tenant_id=None, app_id=None, app_secret=None, scopes=None, access_token=None, on_token=None, on_secret=None):
        super(CylanceAuth, self).__init__(access_token=access_token, on_token=on_token, on_secret=on_secret)
        self.tenant_id = tenant_id
        self.app_id = app_id
        self.app_secret = app_secret
        self.scopes = scopes

    def can_fetch(self):
        return bool(self.tenant_id and self.app_id and self.app_secret)

    def fetch(self, client):
        # A new assertion (new jti) for every attempt: the API refuses one it has already seen,
        # so a retry after a lost answer must not replay the first.
        def body():
            return {"auth_token": self.hide(authentication_jwt(self.tenant_id, self.app_id, self.app_secret, self.scopes))}

        response = client.post(
            TOKEN_PATH, json_body=body, use_auth=False, idempotent=True, ok=(200,),
            hint="Check tenant_id, app_id, app_secret and region (credentials work only in their own region), "
                 "and that this host's clock is right: the API rejects tokens issued in the future or already expired",
        )
        # The API documents only access_token; lifetime and scopes are read from the token (a JWT).
        return token_from_answer(response, TOKEN_PATH, scope_keys=("scp",))


def build_auth(params, on_token=None, on_secret=None):
    return CylanceAuth(
        tenant_id=params.get("tenant_id"),
        app_id=params.get("app_id"),
        app_secret=params.get("app_secret"),
        # An empty environment variable reads as [""]: no scope asked for.
        scopes=[scope for scope in params.get("scopes") or [] if scope],
        access_token=params.get("access_token"),
        on_token=on_token,
        on_secret=on_secret,
    )
