# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

import base64
import sys
import json
import uuid
from urllib.parse import parse_qs

import jwt
import pytest

from ansible_collections.secops.executions.plugins.module_utils import auth as common
from ansible_collections.secops.executions.plugins.module_utils.ccs import auth as ccs
from ansible_collections.secops.executions.plugins.module_utils.cylance import auth as cylance
from ansible_collections.secops.executions.plugins.module_utils.errors import MissingLibraryError
from ansible_collections.secops.executions.plugins.module_utils.client import HttpClient
from ansible_collections.secops.executions.plugins.module_utils.oci import auth as oci
from ansible_collections.secops.executions.tests.unit.plugins.module_utils.fakes import FakeRaw, FakeSession

SECRET = "app-secret-with-%&+="


class TestCylanceJwt:
    def decode(self, token):
        return jwt.decode(token, SECRET, algorithms=["HS256"], options={"verify_exp": False, "verify_iat": False})

    def test_claims_and_signature(self):
        token = cylance.authentication_jwt("TENANT", "APP", SECRET, now=1_800_000_000)
        assert jwt.get_unverified_header(token)["alg"] == "HS256"
        claims = self.decode(token)
        assert claims["iss"] == "http://cylance.com"
        assert (claims["sub"], claims["tid"]) == ("APP", "TENANT")
        assert claims["exp"] - claims["iat"] == 1800 and claims["iat"] == 1_800_000_000
        assert uuid.UUID(claims["jti"]).version == 4
        assert "scp" not in claims

    def test_scopes_are_one_comma_separated_string(self):
        claims = self.decode(cylance.authentication_jwt("T", "A", SECRET, scopes=["device:list", "zone:read"]))
        assert claims["scp"] == "device:list,zone:read"

    def test_lifetime_never_exceeds_1800(self):
        claims = self.decode(cylance.authentication_jwt("T", "A", SECRET, lifetime=7200))
        assert claims["exp"] - claims["iat"] == 1800

    def test_wrong_secret_does_not_verify(self):
        token = cylance.authentication_jwt("T", "A", SECRET)
        with pytest.raises(jwt.InvalidSignatureError):
            jwt.decode(token, "other", algorithms=["HS256"], options={"verify_exp": False})

    def test_each_token_has_a_fresh_jti(self):
        first, second = (self.decode(cylance.authentication_jwt("T", "A", SECRET)) for dummy in range(2))
        assert first["jti"] != second["jti"]

    @pytest.mark.parametrize("region,host", sorted(cylance.REGIONS.items()))
    def test_regions(self, region, host):
        assert cylance.base_url({"region": region, "api_url": None}) == host

    def test_api_url_overrides_region(self):
        assert cylance.base_url({"region": "euc1", "api_url": "http://127.0.0.1:8710"}) == "http://127.0.0.1:8710"

    def test_token_exchange_reads_expiry_and_scopes_from_the_access_token(self):
        access = jwt.encode({"exp": 1_900_000_000, "scp": ["device:list"]}, "server", algorithm="HS256")
        session = FakeSession(FakeRaw(200, {"access_token": access}))
        client = HttpClient("https://protectapi.cylance.com", session=session)
        token = cylance.CylanceAuth("T", "A", SECRET).fetch(client)
        sent = session.sent[0]
        assert sent["url"] == "https://protectapi.cylance.com/auth/v2/token" and set(sent["json"]) == {"auth_token"}
        assert token.expires_at == 1_900_000_000 and token.scopes == ["device:list"]

    def test_a_retried_token_request_signs_a_new_assertion(self):
        # The first answer was lost after the server had seen the assertion: replaying it would be refused.
        access = jwt.encode({"exp": 1_900_000_000}, "server", algorithm="HS256")
        session = FakeSession(FakeRaw(503, {"message": "busy"}, {"Retry-After": "0"}), FakeRaw(200, {"access_token": access}))
        client = HttpClient("https://protectapi.cylance.com", session=session, sleep=lambda seconds: None)
        cylance.CylanceAuth("T", "A", SECRET).fetch(client)
        first, second = (jwt.decode(sent["json"]["auth_token"], SECRET, algorithms=["HS256"]) for sent in session.sent)
        assert first["jti"] != second["jti"]


class TestCcsForm:
    def test_domain_user_and_special_characters_survive(self):
        form = ccs.password_form("CORP\\jdoe", "p&ss+w%rd=1", encoding="plain")
        fields = parse_qs(form, strict_parsing=True)
        assert fields == {"grant_type": ["password"], "username": ["CORP\\jdoe"], "password": ["p&ss+w%rd=1"]}

    def test_base64_password(self):
        fields = parse_qs(ccs.password_form("CORP\\jdoe", "p&ss+w%rd=1"))
        assert base64.b64decode(fields["password"][0]).decode() == "p&ss+w%rd=1"

    def test_refresh_form(self):
        assert parse_qs(ccs.refresh_form("r+t/=")) == {"grant_type": ["refresh_token"], "refresh_token": ["r+t/="]}

    @pytest.mark.parametrize("url", ["https://ccs:12431", "https://ccs:12431/", "https://ccs:12431/ccs/api/v1", "https://ccs:12431/CCS/api/v1/"])
    def test_base_url_suffix_added_once(self, url):
        assert ccs.base_url({"api_url": url}) == "https://ccs:12431/ccs/api/v1"

    def test_refresh_grant_first_then_password_when_refused(self):
        session = FakeSession(FakeRaw(401, {"error": "invalid_grant"}), FakeRaw(200, {"access_token": "a2", "refresh_token": "r2", "expires_in": 60}))
        client = HttpClient("https://ccs:12431/ccs/api/v1", session=session)
        strategy = ccs.CcsAuth("CORP\\u", "pw", access_token="a1", refresh_token="r1")
        assert strategy.reauthenticate(client)
        grants = [parse_qs(s["data"])["grant_type"][0] for s in session.sent]
        assert grants == ["refresh_token", "password"]
        assert strategy.token.access_token == "a2" and strategy.token.refresh_token == "r2"
        assert session.sent[0]["headers"]["Content-Type"] == "application/x-www-form-urlencoded"


class TestOci:
    def test_basic_credentials_are_form_encoded_first(self):
        header = oci.basic_credentials("my client", "s:e&c")
        assert base64.b64decode(header.split()[1]).decode() == "my%20client:s%3Ae%26c"

    def test_identifier_on_every_call(self):
        strategy = oci.OciAuth("GUID", access_token="tok")
        assert strategy.headers(None) == {"Authorization": "Bearer tok", "Identifier": "GUID"}

    def test_given_token_without_credentials_is_not_renewed(self):
        assert oci.OciAuth("GUID", access_token="tok").reauthenticate(None) is False

    def test_client_credentials_grant(self):
        session = FakeSession(FakeRaw(200, {"access_token": "x.y.z", "expires_in": 3600, "scope": "mcs:oci:api:User"}))
        client = HttpClient("https://mcs.example.com", session=session)
        token = oci.OciAuth("GUID", token_url="https://idp.example.com/oauth2/v1/token", client_id="c", client_secret="s",
                            scopes=["mcs:oci:api:User"]).fetch(client)
        sent = session.sent[0]
        assert sent["url"] == "https://idp.example.com/oauth2/v1/token"
        assert parse_qs(sent["data"]) == {"grant_type": ["client_credentials"], "scope": ["mcs:oci:api:User"]}
        assert token.scopes == ["mcs:oci:api:User"]


class TestCommon:
    def test_jwt_claims_of_non_jwt_is_empty(self):
        assert common.jwt_claims("opaque") == {} and common.jwt_claims("a.b.c") == {}

    def test_jwt_claims(self):
        payload = base64.urlsafe_b64encode(json.dumps({"exp": 5}).encode()).decode().rstrip("=")
        assert common.jwt_claims("h." + payload + ".s") == {"exp": 5}

    def test_token_result(self):
        result = common.Token("t", expires_at=1_000 + 90, scopes=["a"]).as_result(now=1_000)
        assert result == {"expires_in": 90, "expires_at": "1970-01-01T00:18:10Z", "scopes": ["a"]}


def test_missing_pyjwt_is_a_readable_failure(monkeypatch):
    monkeypatch.setitem(sys.modules, "jwt", None)  # makes "import jwt" raise ImportError
    with pytest.raises(MissingLibraryError) as info:
        cylance.authentication_jwt("T", "A", SECRET)
    assert "(pyjwt)" in info.value.msg and "exception" in info.value.fail_kwargs()
