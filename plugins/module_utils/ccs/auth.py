# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Symantec Control Compliance Suite (CCS) REST API authentication.

OAuth2 password grant at ``POST /ccs/api/v1/oauth/tokens`` (form body; the
CCS 12.x documentation sends the password Base64-encoded), refresh grant when
a refresh token is known, and a fresh login when a 401 cannot be fixed by it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64

from urllib.parse import urlencode

from ansible_collections.secops.executions.plugins.module_utils.auth import TokenAuth, clean_token, token_from_answer
from ansible_collections.secops.executions.plugins.module_utils.errors import ApiError

API_PREFIX = "/ccs/api/v1"
TOKEN_PATH = "oauth/tokens"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
LOGIN_HINT = ("Check username (DOMAIN\\user), password and password_encoding, "
              "and that the REST API is enabled on the CCS application server")


def base_url(params):
    """``api_url`` may be given with or without the ``/ccs/api/v1`` suffix."""
    url = params["api_url"].rstrip("/")
    if url.lower().endswith(API_PREFIX):
        url = url[:-len(API_PREFIX)]
    return url + API_PREFIX


def encode_password(password, encoding):
    if encoding == "base64":
        return base64.b64encode(password.encode("utf-8")).decode("ascii")
    return password


def password_form(username, password, encoding="base64"):
    """The url-encoded body; values are escaped so that DOMAIN\\user and & + % = survive."""
    return urlencode([("grant_type", "password"), ("username", username), ("password", encode_password(password, encoding))])


def refresh_form(refresh_token):
    return urlencode([("grant_type", "refresh_token"), ("refresh_token", refresh_token)])


class CcsAuth(TokenAuth):
    unauthorized_hint = (
        "The access token was refused: it may have expired; get a new one with secops.executions.ccs_token "
        "or give username and password so that the module can log in again"
    )

    def __init__(self, username=None, password=None, password_encoding="base64", access_token=None, refresh_token=None, on_token=None, on_secret=None):
        super(CcsAuth, self).__init__(access_token=access_token, on_token=on_token, on_secret=on_secret)
        self.username = username
        self.password = password
        self.password_encoding = password_encoding
        refresh_token = clean_token(refresh_token)
        if self.token is not None:
            self.token.refresh_token = refresh_token
        self._refresh_token = refresh_token

    def can_fetch(self):
        return bool(self._refresh_token or (self.username and self.password))

    def fetch(self, client):
        if self._refresh_token:
            try:
                return self._grant(client, refresh_form(self._refresh_token), "Log in again: the refresh token was refused")
            except ApiError:
                # An expired refresh token is normal; the password still works if we have it.
                self._refresh_token = None
                if not (self.username and self.password):
                    raise
        self.hide(encode_password(self.password, self.password_encoding))
        return self._grant(client, password_form(self.username, self.password, self.password_encoding), LOGIN_HINT)

    def _grant(self, client, form, hint):
        response = client.post(TOKEN_PATH, data=form, headers=FORM, use_auth=False, idempotent=True, ok=(200,), hint=hint)
        body = response.json if isinstance(response.json, dict) else {}
        token = token_from_answer(response, API_PREFIX + "/" + TOKEN_PATH, refresh_token=body.get("refresh_token") or None,
                                  token_type=str(body.get("token_type") or "Bearer").capitalize())
        self._refresh_token = token.refresh_token
        return token


def build_auth(params, on_token=None, on_secret=None):
    return CcsAuth(
        username=params.get("username"),
        password=params.get("password"),
        password_encoding=params.get("password_encoding") or "base64",
        access_token=params.get("access_token"),
        refresh_token=params.get("refresh_token"),
        on_token=on_token,
        on_secret=on_secret,
    )
