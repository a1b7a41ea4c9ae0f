"""Oracle MCS: an IDCS-like identity provider (client-credentials grant, JWKS) and the MCS API auth.

The MCS API verifies RS256 bearer JWTs against the key set registered in the portal, and the
``Identifier`` header names that registration.
"""
import base64
import binascii
import hmac
import uuid
from functools import partial
from typing import Optional

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from .core import HttpError, json_response

VENDOR = "oci"
ISSUER = "https://identity.oraclecloud.com/"
AUDIENCE = "urn:opc:mcs"
SCOPE_USER = "mcs:oci:api:User"
SCOPE_PRIVILEGED_USER = "mcs:oci:api:PrivilegedUser"
SCOPE_APPROVER = "mcs:oci:api:Approver"


def _oauth_error(status: int, error: str, headers=None) -> HttpError:
    return HttpError(status, {"error": error}, headers)


def _denied(status: int, message: str) -> HttpError:
    return HttpError(status, {"message": message})


class OciStore:
    """Clients and customers from the seed, the signing key, and the ids of live tokens."""

    def __init__(self, clock):
        self.clock = clock
        # One RSA key per process: generating it on every reset would slow tests down.
        self.private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "emulator-" + uuid.uuid4().hex[:12]
        self.config = {}
        self.clients = {}
        self.customers = {}
        self.issued = {}

    def reset(self, config: dict) -> None:
        self.config = config
        self.clients = {client["client_id"]: client for client in config["clients"]}
        self.customers = {str(customer["support_identifier"]): customer for customer in config["customers"]}
        self.issued = {}  # jti -> exp; a token whose jti is gone counts as revoked

    def revoke_tokens(self) -> None:
        self.issued.clear()

    def jwks(self) -> dict:
        key = RSAAlgorithm.to_jwk(self.private_key.public_key(), as_dict=True)
        key.update({"kid": self.kid, "use": "sig", "alg": "RS256"})
        return {"keys": [key]}

    def issue(self, client_id: str, scopes: list) -> dict:
        now = int(self.clock.now())
        ttl = self.config["token_ttl"]
        claims = {"iss": ISSUER, "sub": client_id, "client_id": client_id, "aud": AUDIENCE, "scope": " ".join(scopes),
                  "iat": now, "exp": now + ttl, "jti": str(uuid.uuid4())}
        self.issued[claims["jti"]] = claims["exp"]
        token = jwt.encode(claims, self.private_key, algorithm="RS256", headers={"kid": self.kid})
        return {"access_token": token, "token_type": "Bearer", "expires_in": ttl}


def _client_credentials(request, form: dict):
    """(client_id, client_secret) from HTTP Basic, else from the client_id/client_secret form fields."""
    scheme, dummy, encoded = (request.header("Authorization") or "").partition(" ")
    if scheme.lower() == "basic":
        try:
            client_id, dummy, secret = base64.b64decode(encoded.strip(), validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None, None
        return client_id, secret
    return form.get("client_id"), form.get("client_secret")


def issue_token(store: OciStore, request):
    """POST /oauth2/v1/token, grant_type=client_credentials&scope=<space-separated scopes>."""
    form = {name: values[0] for name, values in request.form().items()}
    client_id, secret = _client_credentials(request, form)
    client = store.clients.get(client_id)
    if client is None or not hmac.compare_digest(str(secret or "").encode("utf-8"), str(client["client_secret"]).encode("utf-8")):
        raise _oauth_error(401, "invalid_client", [("WWW-Authenticate", 'Basic realm="emulator"')])
    if form.get("grant_type") != "client_credentials":
        raise _oauth_error(400, "unsupported_grant_type" if form.get("grant_type") else "invalid_request")
    allowed = client["scopes"]
    requested = form.get("scope", "").split()
    if any(scope not in allowed for scope in requested):
        raise _oauth_error(400, "invalid_scope")
    granted = [scope for scope in allowed if scope in requested] if requested else list(allowed)
    return json_response(store.issue(client["client_id"], granted))


def signing_keys(store: OciStore, _request):
    """GET /admin/v1/SigningCert/jwk: the public key set tokens are verified against."""
    return json_response(store.jwks())


def _verified_claims(store: OciStore, request) -> dict:
    token = request.bearer_token()
    if not token:
        raise _denied(401, "missing bearer token")
    if request.header("Identifier") != store.config["identifier"]:
        raise _denied(401, "missing or unknown Identifier header")
    try:
        if jwt.get_unverified_header(token).get("kid") != store.kid:
            raise _denied(401, "token is not signed by the registered key set")
        claims = jwt.decode(token, store.private_key.public_key(), algorithms=["RS256"], audience=AUDIENCE,
                            issuer=ISSUER, options={"verify_exp": False, "verify_iat": False})
    except jwt.InvalidTokenError:
        raise _denied(401, "invalid bearer token") from None
    if claims.get("jti") not in store.issued:
        raise _denied(401, "bearer token was revoked")
    if claims["exp"] <= store.clock.now():
        raise _denied(401, "bearer token has expired")
    return claims


def require(store: OciStore, request, scope: str, support_identifier: Optional[str] = None) -> dict:
    """Claims of a valid MCS call holding ``scope``; with a CSI, the caller must also serve that
    customer and the customer must have opted in to the Configuration functionality (else 403).
    """
    claims = _verified_claims(store, request)
    if scope not in claims.get("scope", "").split():
        raise _denied(403, f"token lacks the {scope} scope")
    if support_identifier is not None:
        client = store.clients.get(claims.get("client_id"), {})
        customer = store.customers.get(support_identifier)
        if customer is None or support_identifier not in [str(csi) for csi in client.get("customers", [])]:
            raise _denied(403, "this client may not act on that customer")
        if not customer.get("opted_in"):
            raise _denied(403, "the customer has not opted in to the Configuration functionality")
    return claims


def config_types(store: OciStore, request):
    """GET /selfservice/v1/customers/services/{serviceType}/products/config/types (scope User)."""
    require(store, request, SCOPE_USER)
    types = store.config["config_types"].get(request.params["serviceType"])
    if types is None:
        raise HttpError(404, {"message": "unknown service type"})
    return json_response(types)


def register(router, state) -> None:
    store = OciStore(state.clock)
    state.add_store(VENDOR, store)
    router.add("POST", "/oauth2/v1/token", partial(issue_token, store), vendor=VENDOR)
    router.add("GET", "/admin/v1/SigningCert/jwk", partial(signing_keys, store), vendor=VENDOR)
    router.add("GET", "/selfservice/v1/customers/services/{serviceType}/products/config/types",
               partial(config_types, store), vendor=VENDOR)
