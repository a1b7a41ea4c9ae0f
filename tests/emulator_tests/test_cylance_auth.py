"""Cylance POST /auth/v2/token validation rules and the bearer-token helper."""
import time
import uuid

import jwt
import pytest
import requests

from secops_emulator import cylance
from secops_emulator.core import HttpError, Request

TENANT = "8a2f5b3c-1d4e-4f6a-9b7c-0d1e2f3a4b5c"
OTHER_TENANT = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"
APP = "0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b"
READONLY_APP = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
READONLY_SECRET = "readonly-cylance-secret-42"
ALL_PRIVILEGES = ["opticspkgdeploy:create", "opticspkgdeploy:read", "opticspkgdeploy:delete", "opticspkgdeploy:list",
                  "opticspkgconfig:create", "opticspkgconfig:read", "opticspkgconfig:list", "opticspkgconfig:delete",
                  "device:list", "device:read", "zone:list", "zone:read"]


def post_token(url, auth_token):
    return requests.post(url + "/auth/v2/token", json={"auth_token": auth_token}, timeout=5)


def access_claims(response):
    return jwt.decode(response.json()["access_token"], options={"verify_signature": False})


def test_valid_auth_token_returns_only_an_access_token(url, cylance_auth_token):
    response = post_token(url, cylance_auth_token())
    assert response.status_code == 200
    assert list(response.json()) == ["access_token"]
    claims = access_claims(response)
    assert claims["tid"] == TENANT and claims["sub"] == APP
    assert claims["scp"] == ALL_PRIVILEGES
    assert claims["exp"] - claims["iat"] == 1800
    assert claims["jti"]


def test_span_of_exactly_1800_seconds_is_accepted(url, cylance_auth_token):
    now = int(time.time())
    assert post_token(url, cylance_auth_token(iat=now, exp=now + 1800)).status_code == 200


@pytest.mark.parametrize("overrides, status", [
    ({"secret": "not-the-secret"}, 401),
    ({"sub": "00000000-0000-4000-8000-000000000000"}, 401),
    ({"iss": "https://cylance.com"}, 401),
    ({"tid": OTHER_TENANT}, 401),
    ({"jti": None}, 401),
    ({"iat": "now"}, 400),
    ({"exp": None}, 400),
    ({"scp": ["device:list", "zone:list"]}, 400),
    ({"header": {"alg": "none", "typ": "JWT"}}, 401),
], ids=["wrong-secret", "unknown-app", "wrong-iss", "wrong-tid", "no-jti", "iat-not-numeric", "no-exp", "scp-list", "alg-none"])
def test_invalid_auth_tokens_are_refused(url, cylance_auth_token, overrides, status):
    response = post_token(url, cylance_auth_token(**overrides))
    assert response.status_code == status
    assert set(response.json()) == {"message"}


def test_span_over_1800_seconds_is_a_400(url, cylance_auth_token):
    now = int(time.time())
    response = post_token(url, cylance_auth_token(iat=now, exp=now + 1801))
    assert response.status_code == 400


def test_expired_auth_token_is_a_401(url, cylance_auth_token):
    now = int(time.time())
    assert post_token(url, cylance_auth_token(iat=now - 600, exp=now - 5)).status_code == 401


def test_iat_more_than_five_minutes_ahead_is_a_401(url, cylance_auth_token):
    now = int(time.time())
    assert post_token(url, cylance_auth_token(iat=now + 400, exp=now + 1000)).status_code == 401
    assert post_token(url, cylance_auth_token(iat=now + 200, exp=now + 1000)).status_code == 200


def test_replayed_jti_is_a_401(url, cylance_auth_token):
    token = cylance_auth_token()
    assert post_token(url, token).status_code == 200
    assert post_token(url, token).status_code == 401
    jti = str(uuid.uuid4())
    assert post_token(url, cylance_auth_token(jti=jti)).status_code == 200
    now = int(time.time())
    assert post_token(url, cylance_auth_token(jti=jti, iat=now - 1, exp=now + 600)).status_code == 401


def test_requested_scopes_are_narrowed_to_the_app_privileges(url, cylance_auth_token):
    response = post_token(url, cylance_auth_token(scp="device:list, opticspkgdeploy:read,policy:read"))
    assert response.status_code == 200
    assert access_claims(response)["scp"] == ["opticspkgdeploy:read", "device:list"]


def test_readonly_app_is_not_granted_create(url, cylance_auth_token):
    token = cylance_auth_token(secret=READONLY_SECRET, sub=READONLY_APP, scp="opticspkgdeploy:create,opticspkgdeploy:read")
    response = post_token(url, token)
    assert response.status_code == 200
    assert access_claims(response)["scp"] == ["opticspkgdeploy:read"]


@pytest.mark.parametrize("body", [b"not json", b"{}", b'{"auth_token": 5}', b"[]"])
def test_malformed_bodies_are_a_400(url, body):
    response = requests.post(url + "/auth/v2/token", data=body, headers={"Content-Type": "application/json"}, timeout=5)
    assert response.status_code == 400


def test_garbage_auth_token_is_a_401(url):
    assert post_token(url, "a.b.c").status_code == 401


def test_errors_never_echo_the_secret(url, cylance_auth_token):
    response = post_token(url, cylance_auth_token(secret="wrong-secret", tid=OTHER_TENANT))
    assert "secret-7f3a9c" not in response.text and "wrong-secret" not in response.text


@pytest.fixture(name="store")
def store_fixture(emulator):
    return emulator.emulator.state.stores["cylance"]


@pytest.fixture(name="access_token")
def access_token_fixture(url, cylance_auth_token):
    return post_token(url, cylance_auth_token(scp="device:list")).json()["access_token"]


def bearer(token):
    return Request("GET", "/devices/v2", headers={"Authorization": "Bearer " + token})


def test_require_accepts_a_token_with_the_scope(store, access_token):
    assert cylance.require(store, bearer(access_token), "device:list")["tid"] == TENANT


@pytest.mark.parametrize("request_, status", [
    (Request("GET", "/devices/v2"), 401),
    (bearer("not-a-jwt"), 401),
    (bearer(jwt.encode({"jti": "x", "exp": 2 ** 31, "scp": ["device:list"]}, "k" * 32, algorithm="HS256")), 401),
], ids=["missing", "garbage", "foreign-signature"])
def test_require_refuses_bad_tokens(store, request_, status):
    with pytest.raises(HttpError) as error:
        cylance.require(store, request_, "device:list")
    assert error.value.response.status == status


def test_require_without_the_scope_is_a_403(store, access_token):
    with pytest.raises(HttpError) as error:
        cylance.require(store, bearer(access_token), "device:read")
    assert error.value.response.status == 403


def test_require_refuses_expired_and_revoked_tokens(store, control, url, cylance_auth_token, access_token):
    control.revoke_tokens("cylance")
    with pytest.raises(HttpError) as error:
        cylance.require(store, bearer(access_token), "device:list")
    assert error.value.response.status == 401

    fresh = post_token(url, cylance_auth_token(scp="device:list")).json()["access_token"]
    cylance.require(store, bearer(fresh), "device:list")
    control.advance(1801)
    with pytest.raises(HttpError) as error:
        cylance.require(store, bearer(fresh), "device:list")
    assert error.value.response.status == 401
