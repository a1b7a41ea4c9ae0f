"""CCS POST /ccs/api/v1/oauth/tokens: password and refresh grants, encodings, and the bearer helper."""
import base64
from urllib.parse import urlencode

import pytest
import requests

from secops_emulator import ccs
from secops_emulator.core import HttpError, Request

TOKEN_PATH = "/ccs/api/v1/oauth/tokens"
ADMIN = "CORP\\ccsadmin"
ADMIN_PASSWORD = "Adm1n&P+ss%=w0rd"


def b64(text):
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def password_grant(url, username=ADMIN, password=b64(ADMIN_PASSWORD), path=TOKEN_PATH):
    form = {"grant_type": "password", "username": username, "password": password}
    return requests.post(url + path, data=form, timeout=5)  # requests urlencodes a dict body


def refresh_grant(url, refresh_token):
    return requests.post(url + TOKEN_PATH, data={"grant_type": "refresh_token", "refresh_token": refresh_token}, timeout=5)


def test_password_grant_with_domain_user_and_special_characters(url):
    response = password_grant(url)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"access_token", "refresh_token", "token_type", "expires_in"}
    assert body["token_type"] == "bearer" and body["expires_in"] == 3600
    assert body["access_token"] != body["refresh_token"]


def test_form_string_labelled_application_json_like_the_vendor_samples(url):
    form = urlencode({"grant_type": "password", "username": ADMIN, "password": b64(ADMIN_PASSWORD)})
    response = requests.post(url + TOKEN_PATH, data=form, headers={"Content-Type": "application/json"}, timeout=5)
    assert response.status_code == 200


def test_unencoded_form_values_break_like_on_the_real_server(url, reseed):
    # The 2019 samples concatenate the form without urlencoding: '&' splits the password.
    reseed({"ccs": {"password_encoding": "plain"}})
    raw = "grant_type=password&username=" + ADMIN + "&password=" + ADMIN_PASSWORD
    response = requests.post(url + TOKEN_PATH, data=raw, headers={"Content-Type": "application/json"}, timeout=5)
    assert response.status_code == 401


def test_path_is_case_insensitive(url):
    assert password_grant(url, path="/CCS/API/V1/OAuth/Tokens").status_code == 200


def test_username_is_case_insensitive(url):
    assert password_grant(url, username="corp\\CCSADMIN").status_code == 200


@pytest.mark.parametrize("username, password", [
    (ADMIN, b64("wrong")),
    (ADMIN, ADMIN_PASSWORD),  # clear text while the server expects base64
    ("CORP\\nobody", b64(ADMIN_PASSWORD)),
    ("ccsadmin", b64(ADMIN_PASSWORD)),
])
def test_bad_credentials_are_invalid_grant(url, username, password):
    response = password_grant(url, username, password)
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_grant"
    assert ADMIN_PASSWORD not in response.text and b64(ADMIN_PASSWORD) not in response.text


def test_plain_password_encoding(url, reseed):
    reseed({"ccs": {"password_encoding": "plain"}})
    assert password_grant(url, password=ADMIN_PASSWORD).status_code == 200
    assert password_grant(url, password=b64(ADMIN_PASSWORD)).status_code == 401
    assert password_grant(url, "CORP\\auditor", "Aud1t0r!").status_code == 200


def test_refresh_grant_rotates_tokens(url):
    first = password_grant(url).json()
    second = refresh_grant(url, first["refresh_token"])
    assert second.status_code == 200
    assert second.json()["access_token"] != first["access_token"]
    assert second.json()["refresh_token"] != first["refresh_token"]

    reused = refresh_grant(url, first["refresh_token"])
    assert reused.status_code == 401 and reused.json()["error"] == "invalid_grant"
    assert refresh_grant(url, second.json()["refresh_token"]).status_code == 200


def test_unknown_refresh_token_is_invalid_grant(url):
    assert refresh_grant(url, "made-up").status_code == 401


def test_unsupported_and_missing_grant_types(url):
    response = requests.post(url + TOKEN_PATH, data={"grant_type": "client_credentials"}, timeout=5)
    assert response.status_code == 400 and response.json() == {"error": "unsupported_grant_type"}
    response = requests.post(url + TOKEN_PATH, data={"username": ADMIN}, timeout=5)
    assert response.status_code == 400 and response.json()["error"] == "invalid_request"


@pytest.fixture(name="store")
def store_fixture(emulator):
    return emulator.emulator.state.stores["ccs"]


def bearer(token):
    return Request("GET", "/ccs/api/v1/Jobs", headers={"Authorization": "Bearer " + token})


def test_require_returns_the_user(store, url):
    token = password_grant(url).json()["access_token"]
    assert ccs.require(store, bearer(token)) == ADMIN


def test_require_refuses_missing_unknown_expired_and_revoked_tokens(store, url, control):
    for request in (Request("GET", "/ccs/api/v1/Jobs"), bearer("unknown")):
        with pytest.raises(HttpError) as error:
            ccs.require(store, request)
        assert error.value.response.status == 401

    token = password_grant(url).json()["access_token"]
    control.advance(3601)
    with pytest.raises(HttpError):
        ccs.require(store, bearer(token))

    tokens = password_grant(url).json()
    control.revoke_tokens("ccs")
    with pytest.raises(HttpError):
        ccs.require(store, bearer(tokens["access_token"]))
    # Revocation spares refresh tokens, so a client can recover with one refresh.
    refreshed = refresh_grant(url, tokens["refresh_token"]).json()
    assert ccs.require(store, bearer(refreshed["access_token"])) == ADMIN
