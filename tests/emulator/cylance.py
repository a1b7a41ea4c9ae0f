"""Cylance / Aurora User API v2: auth (POST /auth/v2/token) and the bearer-token check.

The client signs its own HS256 "auth token" with the application secret; the server answers with
an access token carrying the granted scopes. See docs/emulator.md for which rules are documented.
"""
import base64
import binascii
import hashlib
import hmac
import json
import secrets
import uuid
from functools import partial

import jwt

from .core import HttpError, json_response

VENDOR = "cylance"
ISSUER = "http://cylance.com"
MAX_AUTH_TOKEN_SPAN = 1800  # exp - iat beyond this is a 400 (documented)
MAX_IAT_SKEW = 300  # iat this far in the future is refused (assumed tolerance)


def _error(status: int, message: str) -> HttpError:
    return HttpError(status, {"message": message})


class CylanceStore:
    """Applications from the seed plus issued access tokens and seen auth-token ids."""

    def __init__(self, clock):
        self.clock = clock
        self.signing_key = secrets.token_bytes(32)  # the server's own key for access tokens
        self.config = {}
        self.apps = {}
        self.used_jtis = {}
        self.access_tokens = {}

    def reset(self, config: dict) -> None:
        self.config = config
        # app_id -> (tenant_id, application)
        self.apps = {app["app_id"]: (tenant["tenant_id"], app) for tenant in config["tenants"] for app in tenant["applications"]}
        self.used_jtis = {}  # (app_id, jti) -> exp of that auth token
        self.access_tokens = {}  # jti -> exp; a token whose jti is gone counts as revoked

    def revoke_tokens(self) -> None:
        self.access_tokens.clear()

    def remember_jti(self, app_id: str, jti: str, exp: float) -> bool:
        """False when this auth token id was already used and has not expired yet."""
        now = self.clock.now()
        self.used_jtis = {key: expiry for key, expiry in self.used_jtis.items() if expiry > now}
        if (app_id, jti) in self.used_jtis:
            return False
        self.used_jtis[(app_id, jti)] = exp
        return True

    def issue(self, tenant_id: str, app_id: str, scopes: list) -> str:
        now = int(self.clock.now())
        claims = {"tid": tenant_id, "sub": app_id, "scp": scopes, "iat": now,
                  "exp": now + self.config["token_ttl"], "jti": str(uuid.uuid4())}
        self.access_tokens[claims["jti"]] = claims["exp"]
        return jwt.encode(claims, self.signing_key, algorithm="HS256")


def _b64url_json(part: str):
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def _decode_auth_token(token: str, secret_for) -> dict:
    """Claims of an HS256 JWT whose key is ``secret_for(sub)``; 401 on any defect.

    Done with hmac rather than PyJWT: application secrets are often shorter than the 32 bytes
    PyJWT asks for, and the vendor accepts them.
    """
    try:
        header_part, payload_part, signature_part = token.split(".")
        header, claims = _b64url_json(header_part), _b64url_json(payload_part)
        signature = base64.urlsafe_b64decode(signature_part + "=" * (-len(signature_part) % 4))
    except (ValueError, binascii.Error, AttributeError):
        raise _error(401, "auth token is not a well-formed JWT") from None
    if not isinstance(header, dict) or header.get("alg") != "HS256" or not isinstance(claims, dict):
        raise _error(401, "auth token must be an HS256 JWT")
    secret = secret_for(claims.get("sub"))
    expected = hmac.new(secret.encode("utf-8"), f"{header_part}.{payload_part}".encode("ascii"), hashlib.sha256).digest()
    if not hmac.compare_digest(expected, signature):
        raise _error(401, "auth token signature is invalid")
    return claims


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _requested_scopes(claims: dict):
    """Scopes asked for in ``scp`` (one comma-separated string), or None when absent."""
    if "scp" not in claims:
        return None
    if not isinstance(claims["scp"], str):
        raise _error(400, "scp must be one comma-separated string")
    return [scope.strip() for scope in claims["scp"].split(",") if scope.strip()]


def issue_token(store: CylanceStore, request):
    """POST /auth/v2/token {"auth_token": "<JWT signed with the application secret>"}."""
    body = request.json()
    token = body.get("auth_token") if isinstance(body, dict) else None
    if not isinstance(token, str) or not token:
        raise _error(400, "auth_token is required")

    def secret_for(app_id):
        if not isinstance(app_id, str) or app_id not in store.apps:
            raise _error(401, "unknown application")
        return str(store.apps[app_id][1]["app_secret"])

    claims = _decode_auth_token(token, secret_for)
    tenant_id, app = store.apps[claims["sub"]]
    if claims.get("iss") != ISSUER:
        raise _error(401, "iss must be " + ISSUER)
    if claims.get("tid") != tenant_id:
        raise _error(401, "tid does not own this application")
    iat, exp = claims.get("iat"), claims.get("exp")
    if not _is_number(iat) or not _is_number(exp):
        raise _error(400, "iat and exp must be numeric dates")
    if exp - iat > MAX_AUTH_TOKEN_SPAN:
        raise _error(400, f"exp may be at most {MAX_AUTH_TOKEN_SPAN} seconds after iat")
    requested = _requested_scopes(claims)
    now = store.clock.now()
    if exp <= now:
        raise _error(401, "auth token has expired")
    if iat > now + MAX_IAT_SKEW:
        raise _error(401, "auth token iat is in the future")
    jti = claims.get("jti")
    if not isinstance(jti, str) or not jti:
        raise _error(401, "jti is required")
    if not store.remember_jti(app["app_id"], jti, exp):
        raise _error(401, "auth token was already used (jti replay)")

    privileges = app["privileges"]
    granted = list(privileges) if requested is None else [scope for scope in privileges if scope in requested]
    return json_response({"access_token": store.issue(tenant_id, app["app_id"], granted)})


def require(store: CylanceStore, request, scope: str) -> dict:
    """Claims of the request's bearer access token: 401 if missing/invalid/expired/revoked, 403 without ``scope``."""
    token = request.bearer_token()
    if not token:
        raise _error(401, "missing bearer token")
    try:
        claims = jwt.decode(token, store.signing_key, algorithms=["HS256"], options={"verify_exp": False, "verify_iat": False})
    except jwt.InvalidTokenError:
        raise _error(401, "invalid access token") from None
    if claims.get("jti") not in store.access_tokens:
        raise _error(401, "access token was revoked")
    if claims["exp"] <= store.clock.now():
        raise _error(401, "access token has expired")
    if scope not in claims.get("scp", []):
        raise _error(403, f"access token lacks the {scope} scope")
    return claims


def register(router, state) -> None:
    store = CylanceStore(state.clock)
    state.add_store(VENDOR, store)
    router.add("POST", "/auth/v2/token", partial(issue_token, store), vendor=VENDOR)
