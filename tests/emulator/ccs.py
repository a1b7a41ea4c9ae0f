"""Symantec CCS REST API: OAuth2 token endpoint (password and refresh grants) and the bearer check.

Tokens are opaque random strings kept server-side, like a classic OAuth2 authorization server.
"""
import base64
import binascii
import hmac
import secrets
from functools import partial

from .core import HttpError, json_response

VENDOR = "ccs"
BASE = "/ccs/api/v1"


def _grant_error(status: int, error: str, description: str) -> HttpError:
    return HttpError(status, {"error": error, "error_description": description})


class CcsStore:
    """Users from the seed plus issued access and refresh tokens."""

    def __init__(self, clock):
        self.clock = clock
        self.config = {}
        self.users = {}
        self.access_tokens = {}
        self.refresh_tokens = {}

    def reset(self, config: dict) -> None:
        self.config = config
        # Windows account names are case-insensitive: key users by the folded name.
        self.users = {str(user["username"]).casefold(): user for user in config["users"]}
        self.access_tokens = {}  # token -> (username, expiry)
        self.refresh_tokens = {}  # token -> username; rotated on every refresh

    def revoke_tokens(self) -> None:
        """Invalidate access tokens only: a client can still refresh or log in again."""
        self.access_tokens.clear()

    def check_password(self, username: str, submitted: str):
        """The user record when ``submitted`` is that user's password in the configured encoding."""
        user = self.users.get(username.casefold())
        if user is None:
            return None
        if self.config["password_encoding"] == "base64":
            try:
                submitted = base64.b64decode(submitted, validate=True).decode("utf-8")
            except (binascii.Error, UnicodeDecodeError):
                return None
        return user if hmac.compare_digest(submitted.encode("utf-8"), str(user["password"]).encode("utf-8")) else None

    def issue(self, username: str) -> dict:
        ttl = self.config["token_ttl"]
        access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        self.access_tokens[access] = (username, self.clock.now() + ttl)
        self.refresh_tokens[refresh] = username
        return {"access_token": access, "refresh_token": refresh, "token_type": "bearer", "expires_in": ttl}


def issue_token(store: CcsStore, request):
    """POST /ccs/api/v1/oauth/tokens with an OAuth2 form body.

    The body is parsed as a form whatever the Content-Type: the vendor samples label it
    application/json, and parse_qs keeps percent-encoded ``& + % =`` and ``\\`` intact.
    """
    form = {name: values[0] for name, values in request.form().items()}
    grant_type = form.get("grant_type")
    if grant_type == "password":
        user = store.check_password(form.get("username", ""), form.get("password", ""))
        if user is None:
            raise _grant_error(401, "invalid_grant", "The user name or password is incorrect.")
        return json_response(store.issue(user["username"]))
    if grant_type == "refresh_token":
        username = store.refresh_tokens.pop(form.get("refresh_token", ""), None)
        if username is None:
            raise _grant_error(401, "invalid_grant", "The refresh token is invalid or was already used.")
        return json_response(store.issue(username))
    if not grant_type:
        raise _grant_error(400, "invalid_request", "grant_type is required.")
    raise HttpError(400, {"error": "unsupported_grant_type"})


def require(store: CcsStore, request) -> str:
    """User name behind the request's bearer token; 401 if missing, unknown, expired or revoked."""
    token = request.bearer_token()
    entry = store.access_tokens.get(token) if token else None
    if entry is None:
        raise HttpError(401, {"message": "Authorization has been denied for this request."})
    username, expiry = entry
    if expiry <= store.clock.now():
        raise HttpError(401, {"message": "Authorization has been denied for this request (token expired)."})
    return username


def register(router, state) -> None:
    store = CcsStore(state.clock)
    state.add_store(VENDOR, store)
    # CCS documents and samples mix /Jobs and /jobs: every CCS route matches case-insensitively.
    router.add("POST", BASE + "/oauth/tokens", partial(issue_token, store), vendor=VENDOR, ignore_case=True)
