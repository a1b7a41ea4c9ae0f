# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Oracle Managed Cloud Self-Service API authentication.

The platform trusts JWTs from the customer's own identity provider, whose key
set (JWKS) the customer registered; every call names that key set with the
``Identifier`` header. A token is either given, or obtained with the OAuth2
client-credentials grant at the provider's ``token_url``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64

from urllib.parse import quote, urlencode

from ansible_collections.secops.executions.plugins.module_utils.auth import TokenAuth, token_from_answer

API_PREFIX = "/selfservice/v1"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def base_url(params):
    """``api_url`` is the gateway host; a trailing ``/selfservice/v1`` is tolerated."""
    url = params["api_url"].rstrip("/")
    if url.endswith(API_PREFIX):
        url = url[:-len(API_PREFIX)]
    return url


def basic_credentials(client_id, client_secret):
    # RFC 6749 2.3.1: form-encode both parts before joining them.
    pair = "{0}:{1}".format(quote(client_id, safe=""), quote(client_secret, safe=""))
    return "Basic " + base64.b64encode(pair.encode("utf-8")).decode("ascii")


class OciAuth(TokenAuth):
    unauthorized_hint = (
        "The token or the Identifier was refused: the token may have expired, or identifier does not name "
        "the key set registered for this identity provider"
    )

    def __init__(self, identifier, access_token=None, token_url=None, client_id=None, client_secret=None, scopes=None, on_token=None, on_secret=None):
        super(OciAuth, self).__init__(access_token=access_token, on_token=on_token, on_secret=on_secret)
        self.identifier = identifier
        self.token_url = token_url
        self.client_id = client_id
        self.client_secret = client_secret
        self.scopes = scopes

    def can_fetch(self):
        return bool(self.token_url and self.client_id and self.client_secret)

    def extra_headers(self):
        return {"Identifier": self.identifier}

    def fetch(self, client):
        fields = [("grant_type", "client_credentials")]
        if self.scopes:
            fields.append(("scope", " ".join(self.scopes)))
        basic = self.hide(basic_credentials(self.client_id, self.client_secret))
        self.hide(basic.split(" ", 1)[1])
        headers = dict(FORM, Authorization=basic)
        response = client.post(self.token_url, data=urlencode(fields), headers=headers, use_auth=False, idempotent=True, ok=(200,),
                               hint="Check token_url, client_id, client_secret and that the client may request the scopes asked for")
        # response.path is the token URL as messages may show it (no host, no credentials).
        return token_from_answer(response, response.path, scope_keys=("scope",))


def build_auth(params, on_token=None, on_secret=None):
    return OciAuth(
        identifier=params["identifier"],
        access_token=params.get("access_token"),
        token_url=params.get("token_url"),
        client_id=params.get("client_id"),
        client_secret=params.get("client_secret"),
        # An empty environment variable reads as [""]: no scope asked for.
        scopes=[scope for scope in params.get("scopes") or [] if scope],
        on_token=on_token,
        on_secret=on_secret,
    )
