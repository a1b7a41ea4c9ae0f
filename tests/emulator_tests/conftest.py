"""Shared fixtures: one emulator (HTTP + HTTPS) for the session, reset before every test."""
import base64
import hashlib
import hmac
import json
import time
import uuid

import pytest
from secops_emulator.fixture import start_emulator

CYLANCE_TENANT = "8a2f5b3c-1d4e-4f6a-9b7c-0d1e2f3a4b5c"
CYLANCE_APP = "0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b"
CYLANCE_SECRET = "demo-cylance-app-secret-7f3a9c"
CYLANCE_READONLY_APP = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
CYLANCE_READONLY_SECRET = "readonly-cylance-secret-42"
CYLANCE_OTHER_TENANT = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def sign_hs256(claims: dict, secret: str, header=None) -> str:
    """An HS256 JWT built with the stdlib, like the collection's modules do (no PyJWT key-length warning)."""
    signing_input = _b64url(json.dumps(header or {"alg": "HS256", "typ": "JWT"}).encode()) + "." + _b64url(json.dumps(claims).encode())
    signature = hmac.new(secret.encode("utf-8"), signing_input.encode("ascii"), hashlib.sha256).digest()
    return signing_input + "." + _b64url(signature)


@pytest.fixture(scope="session", name="emulator")
def emulator_fixture(tmp_path_factory):
    handle = start_emulator(tls=True, cert_dir=str(tmp_path_factory.mktemp("tls")))
    yield handle
    handle.stop()


@pytest.fixture(autouse=True, name="control")
def control_fixture(emulator):
    emulator.control.reset()
    return emulator.control


@pytest.fixture
def url(emulator):
    return emulator.url


@pytest.fixture
def reseed(control):
    """``reseed(data)`` loads ``data`` over the defaults; the defaults come back after the test."""
    yield control.seed
    control.seed({})


@pytest.fixture
def cylance_auth_token():
    """``cylance_auth_token(secret=..., **claims)`` signs an auth JWT; a claim set to None is left out."""
    def build(secret=CYLANCE_SECRET, header=None, **overrides):
        now = int(time.time())
        claims = {"iss": "http://cylance.com", "sub": CYLANCE_APP, "tid": CYLANCE_TENANT,
                  "iat": now, "exp": now + 1800, "jti": str(uuid.uuid4())}
        claims.update(overrides)
        return sign_hs256({name: value for name, value in claims.items() if value is not None}, secret, header)
    return build
