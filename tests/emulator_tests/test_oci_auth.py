"""Oracle: IDCS-like client-credentials grant, JWKS, and MCS API checks (Identifier, scopes, customers)."""
import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa

from secops_emulator import oci
from secops_emulator.core import HttpError, Request

IDENTIFIER = "5d1c3f0e-8b2a-4c6d-9e7f-1a2b3c4d5e6f"
AUTOMATION = ("mcs-automation", "demo-oci-client-secret")
READER = ("mcs-reader", "reader-oci-secret")
ALL_SCOPES = "mcs:oci:api:User mcs:oci:api:PrivilegedUser mcs:oci:api:Approver"
CONFIG_TYPES = "/selfservice/v1/customers/services/EBSO/products/config/types"


def get_token(url, client=AUTOMATION, scope=None):
    form = {"grant_type": "client_credentials"}
    if scope is not None:
        form["scope"] = scope
    return requests.post(url + "/oauth2/v1/token", data=form, auth=client, timeout=5)


def access_token(url, **kwargs):
    response = get_token(url, **kwargs)
    assert response.status_code == 200, response.text
    return response.json()["access_token"]


def mcs_get(url, path, token, identifier=IDENTIFIER):
    headers = {"Authorization": "Bearer " + token}
    if identifier is not None:
        headers["Identifier"] = identifier
    return requests.get(url + path, headers=headers, timeout=5)


def test_client_credentials_grant(url):
    response = get_token(url)
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 3600
    claims = jwt.decode(body["access_token"], options={"verify_signature": False})
    assert claims["iss"] == "https://identity.oraclecloud.com/" and claims["aud"] == "urn:opc:mcs"
    assert claims["sub"] == claims["client_id"] == "mcs-automation"
    assert claims["scope"] == ALL_SCOPES
    assert claims["exp"] - claims["iat"] == 3600 and claims["jti"]


def test_client_credentials_in_form_fields(url):
    form = {"grant_type": "client_credentials", "client_id": READER[0], "client_secret": READER[1]}
    response = requests.post(url + "/oauth2/v1/token", data=form, timeout=5)
    assert response.status_code == 200


def test_requested_scopes_are_narrowed(url):
    claims = jwt.decode(access_token(url, scope="mcs:oci:api:Approver mcs:oci:api:User"), options={"verify_signature": False})
    assert claims["scope"] == "mcs:oci:api:User mcs:oci:api:Approver"


def test_scope_beyond_the_client_is_invalid_scope(url):
    response = get_token(url, client=READER, scope="mcs:oci:api:User mcs:oci:api:Approver")
    assert response.status_code == 400 and response.json() == {"error": "invalid_scope"}


@pytest.mark.parametrize("client", [("mcs-automation", "wrong"), ("nobody", "demo-oci-client-secret")])
def test_bad_client_is_invalid_client(url, client):
    response = get_token(url, client=client)
    assert response.status_code == 401 and response.json() == {"error": "invalid_client"}
    assert "demo-oci-client-secret" not in response.text


def test_unsupported_grant_type(url):
    response = requests.post(url + "/oauth2/v1/token", data={"grant_type": "password"}, auth=AUTOMATION, timeout=5)
    assert response.status_code == 400 and response.json()["error"] == "unsupported_grant_type"


def test_jwks_verifies_the_token(url):
    token = access_token(url)
    keys = requests.get(url + "/admin/v1/SigningCert/jwk", timeout=5).json()["keys"]
    assert len(keys) == 1 and keys[0]["kty"] == "RSA" and keys[0]["use"] == "sig" and keys[0]["alg"] == "RS256"
    assert keys[0]["kid"] == jwt.get_unverified_header(token)["kid"]
    claims = jwt.decode(token, jwt.PyJWK(keys[0]).key, algorithms=["RS256"], audience="urn:opc:mcs",
                        issuer="https://identity.oraclecloud.com/")
    assert claims["client_id"] == "mcs-automation"


def test_config_types(url):
    response = mcs_get(url, CONFIG_TYPES, access_token(url, scope="mcs:oci:api:User"))
    assert response.status_code == 200
    assert response.json() == ["Trace & Debug", "Trace"]


def test_unknown_service_type_is_a_404(url):
    assert mcs_get(url, CONFIG_TYPES.replace("EBSO", "NOPE"), access_token(url)).status_code == 404


@pytest.mark.parametrize("identifier", [None, "00000000-0000-0000-0000-000000000000"], ids=["missing", "wrong"])
def test_identifier_header_is_required(url, identifier):
    response = mcs_get(url, CONFIG_TYPES, access_token(url), identifier=identifier)
    assert response.status_code == 401 and "message" in response.json()


def test_bad_bearer_tokens_are_a_401(url):
    token = access_token(url)
    assert requests.get(url + CONFIG_TYPES, headers={"Identifier": IDENTIFIER}, timeout=5).status_code == 401
    tampered = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    assert mcs_get(url, CONFIG_TYPES, tampered).status_code == 401
    foreign_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    claims = jwt.decode(token, options={"verify_signature": False})
    forged = jwt.encode(claims, foreign_key, algorithm="RS256", headers={"kid": jwt.get_unverified_header(token)["kid"]})
    assert mcs_get(url, CONFIG_TYPES, forged).status_code == 401


def test_expired_token_is_a_401(url, control):
    token = access_token(url)
    control.advance(3601)
    assert mcs_get(url, CONFIG_TYPES, token).status_code == 401
    assert mcs_get(url, CONFIG_TYPES, access_token(url)).status_code == 200


def test_missing_scope_is_a_403(url):
    response = mcs_get(url, CONFIG_TYPES, access_token(url, scope="mcs:oci:api:PrivilegedUser"))
    assert response.status_code == 403 and "message" in response.json()


@pytest.fixture(name="store")
def store_fixture(emulator):
    return emulator.emulator.state.stores["oci"]


def mcs_request(token):
    return Request("GET", "/selfservice/v1/...", headers={"Authorization": "Bearer " + token, "Identifier": IDENTIFIER})


def require_status(store, request, scope, csi):
    try:
        oci.require(store, request, scope, csi)
    except HttpError as error:
        return error.response.status, error.response.body.decode()
    return 200, ""


def test_require_checks_customer_mapping_and_opt_in(url, store, reseed):
    token = mcs_request(access_token(url))
    assert require_status(store, token, oci.SCOPE_APPROVER, "22334455") == (200, "")
    status, message = require_status(store, token, oci.SCOPE_APPROVER, "99887766")
    assert status == 403 and "may not act" in message  # not this client's customer
    assert require_status(store, token, oci.SCOPE_APPROVER, "11111111")[0] == 403  # unknown CSI

    clients = [{"client_id": AUTOMATION[0], "client_secret": AUTOMATION[1], "scopes": ALL_SCOPES.split(),
                "customers": ["22334455", "99887766"]}]
    reseed({"oci": {"clients": clients}})
    status, message = require_status(store, mcs_request(access_token(url)), oci.SCOPE_APPROVER, "99887766")
    assert status == 403 and "opted in" in message


def test_require_reader_lacks_privileged_scopes(url, store):
    token = mcs_request(access_token(url, client=READER))
    assert require_status(store, token, oci.SCOPE_USER, "22334455")[0] == 200
    assert require_status(store, token, oci.SCOPE_PRIVILEGED_USER, "22334455")[0] == 403
    assert require_status(store, token, oci.SCOPE_APPROVER, None)[0] == 403
