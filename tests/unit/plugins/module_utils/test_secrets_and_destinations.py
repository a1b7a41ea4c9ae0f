# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The pure parts of issue 12 items 5, 6, 9 and 12: the forms a secret travels in, proxy
credentials, URL and path checks, empty environment values, trimmed tokens, credential headers on
redirects, a 404 that is no API error, and the renewed CCS tokens handed to the action plugin."""

import base64
import json
import os
import stat
from urllib.parse import quote, quote_plus

import pytest
import requests

from ansible.module_utils.basic import AnsibleFallbackNotFound

from ansible_collections.secops.executions.plugins.module_utils import client as http_client
from ansible_collections.secops.executions.plugins.module_utils.auth import Token, TokenAuth, read_renewed_tokens, renewed_tokens
from ansible_collections.secops.executions.plugins.module_utils.ccs.auth import CcsAuth
from ansible_collections.secops.executions.plugins.module_utils.errors import OptionError, TransportError
from ansible_collections.secops.executions.plugins.module_utils.oci.auth import OciAuth
from ansible_collections.secops.executions.plugins.module_utils.options import (
    Option, check_destinations, check_path_values, set_env_fallback, url_problem)
from ansible_collections.secops.executions.plugins.module_utils.redaction import (
    REDACTED, SecretMask, crosses_network_in_clear, is_loopback, proxy_secrets, secret_forms)
from ansible_collections.secops.executions.plugins.plugin_utils.token_cache import TokenCache

from ansible_collections.secops.executions.tests.unit.plugins.module_utils.fakes import FakeRaw, FakeSession


# ---- item 5: secrets in every form ------------------------------------------------------------------

def test_secret_forms_cover_base64_url_encoding_both_and_the_trimmed_value():
    forms = secret_forms("p&ss w0rd=\n")
    encoded = base64.b64encode(b"p&ss w0rd=").decode()
    assert {"p&ss w0rd=\n", "p&ss w0rd=", quote("p&ss w0rd=", safe=""), quote_plus("p&ss w0rd="), encoded,
            quote(encoded, safe=""), quote_plus(encoded)} <= forms


@pytest.mark.parametrize("value", [None, "", "   ", 42, ["a"]])
def test_nothing_to_mask_gives_no_forms(value):
    assert secret_forms(value) == set()


def test_proxy_secrets_are_the_user_information_and_the_password_only():
    found = proxy_secrets({"https": "http://svc%40corp:p%40ss@proxy.example.com:3128", "http": "http://proxy.example.com:3128"})
    assert found == {"svc%40corp:p%40ss", "svc@corp:p@ss", "p%40ss", "p@ss"}
    assert proxy_secrets("http://proxy.example.com:3128") == set() and proxy_secrets(None) == set()
    assert proxy_secrets(["http://u:p@proxy"]) == set()  # a wrong type is refused elsewhere, never a traceback here


def test_a_secret_mask_hides_what_plugins_are_given_and_make_in_every_form():
    options = [Option("password", "", no_log=True), Option("username", ""), Option("proxy", "")]
    params = {"password": "p&ss w0rd", "username": "CORP\\ops", "proxy": "http://svc:pr0xy@proxy.example.com:3128"}
    mask = SecretMask(options, params)
    mask.add_token(Token("acc3ss-t0ken", refresh_token="r3fresh"))
    mask.add("Basic " + base64.b64encode(b"id:s3cret").decode())
    echoed = "rejected: user=CORP\\ops password={0} {1} proxy=svc:pr0xy@proxy.example.com tokens acc3ss-t0ken r3fresh {2}".format(
        quote_plus("p&ss w0rd"), base64.b64encode(b"p&ss w0rd").decode(), "Basic " + base64.b64encode(b"id:s3cret").decode())
    shown = mask(echoed)
    for secret in ("p&ss w0rd", quote_plus("p&ss w0rd"), base64.b64encode(b"p&ss w0rd").decode(), "pr0xy", "acc3ss-t0ken",
                   "r3fresh", base64.b64encode(b"id:s3cret").decode()):
        assert secret not in shown
    # What is not secret stays readable: the user name and the proxy's host.
    assert "user=CORP\\ops" in shown and "@proxy.example.com" in shown and REDACTED in shown
    assert SecretMask()("nothing to hide") == "nothing to hide"


def test_an_echoed_secret_is_masked_before_the_message_is_cut_short():
    """A long echo would cut a secret in two; cut, it no longer matches what masks the output later."""
    from ansible_collections.secops.executions.plugins.module_utils.errors import MAX_MESSAGE, vendor_message

    secret = "S" * 40 + "-long-client-secret-" + "T" * 40
    body = json.dumps({"message": "x" * (MAX_MESSAGE - 30) + " secret=" + secret})
    mask = SecretMask()
    mask.add(secret)
    assert secret[:10] in vendor_message(body)  # without the mask: a piece of the secret
    masked = vendor_message(body, mask=mask)
    assert "SSSSS" not in masked and "TTTTT" not in masked and REDACTED in masked


def test_the_client_masks_the_error_a_server_builds_from_a_secret():
    mask = SecretMask()
    mask.add("s3cret-value")
    session = FakeSession(FakeRaw(400, {"message": "bad password " + base64.b64encode(b"s3cret-value").decode()}))
    client = http_client.HttpClient("https://api.example.com", session=session, retries=0, mask=mask)
    with pytest.raises(http_client.ApiError) as error:
        client.get("/x")
    assert "s3cret" not in error.value.msg and base64.b64encode(b"s3cret-value").decode() not in error.value.msg
    assert REDACTED in error.value.msg


def test_tokens_lose_the_whitespace_a_block_scalar_or_a_file_adds():
    assert Token("abc\n").access_token == "abc"
    assert TokenAuth(access_token="  abc\r\n").token.access_token == "abc"
    auth = CcsAuth(access_token="a\n", refresh_token="r\n")
    assert auth.token.refresh_token == "r" and auth.can_fetch()


def test_hide_hands_a_made_secret_to_the_frame():
    hidden = []
    auth = TokenAuth(on_secret=hidden.append)
    assert auth.hide("Basic c2VjcmV0") == "Basic c2VjcmV0" and hidden == ["Basic c2VjcmV0"]


def test_oracle_hides_the_basic_value_before_sending_it_and_shows_only_the_token_path():
    hidden = []
    session = FakeSession(FakeRaw(200, {"no": "token"}))
    client = http_client.HttpClient("https://mcs.example.com", session=session)
    auth = OciAuth("id", token_url="https://user:pw@idp.example.com/oauth2/v1/token?client_secret=q", client_id="app",
                   client_secret="s3cret", on_secret=hidden.append)
    with pytest.raises(Exception) as error:
        auth.fetch(client)
    basic = session.sent[0]["headers"]["Authorization"]
    assert basic in hidden and basic.split(" ", 1)[1] in hidden
    assert "pw" not in str(error.value) and "client_secret=q" not in str(error.value) and "/oauth2/v1/token" in str(error.value)


def test_a_header_requests_refuses_is_named_without_its_value():
    class Auth(object):
        unauthorized_hint = ""

        def header_names(self):
            return ("Authorization",)

        def headers(self, client):
            return {"Authorization": "Bearer s3cret-half\nother-half"}

    client = http_client.HttpClient("http://127.0.0.1:9", auth=Auth(), retries=0)
    with pytest.raises(TransportError) as error:
        client.get("/x")
    assert "header" in error.value.msg and "s3cret-half" not in error.value.msg and "other-half" not in error.value.msg


# ---- item 6: credentials go only where they belong ------------------------------------------------

@pytest.mark.parametrize("value", ["https://api.example.com", "http://127.0.0.1:8080/x", "HTTPS://Idp.example.com/oauth2/v1/token"])
def test_absolute_http_urls_pass(value):
    assert url_problem(value) is None


@pytest.mark.parametrize("value", ["idcs-1.identity.oraclecloud.com/oauth2/v1/token", "/oauth2/v1/token", "ftp://api.example.com",
                                   "https://", "user:pa55@host/path", "http://[::1"])
def test_relative_or_other_urls_are_refused_without_echoing_them(value):
    problem = url_problem(value)
    assert problem and "pa55" not in problem and "oraclecloud" not in problem


def test_check_destinations_names_the_url_option_and_a_missing_ca_file(tmp_path):
    options = [Option("api_url", "x", url=True), Option("token_url", "x", url=True), Option("identifier", "x")]
    assert check_destinations({"api_url": "https://a.example.com", "identifier": "not a url"}, options) is None
    assert check_destinations({"api_url": "https://a.example.com", "token_url": "idp/token"}, options)[0] == "token_url"
    assert check_destinations({"ca_path": str(tmp_path / "missing.pem")}, options)[0] == "ca_path"
    (tmp_path / "ca.pem").write_text("PEM")
    assert check_destinations({"ca_path": str(tmp_path / "ca.pem")}, options) is None


@pytest.mark.parametrize("value", [".", "..", "...", " .. ", [".."], ["web01", "."]])
def test_path_values_made_only_of_dots_are_refused_naming_the_option(value):
    with pytest.raises(OptionError) as error:
        check_path_values({"instance_id": value}, ("instance_id",))
    assert error.value.option == "instance_id"


@pytest.mark.parametrize("value", [None, "", "DCMATI", "a.b", "..a", ["web01.corp.example"]])
def test_other_path_values_pass(value):
    check_path_values({"instance_id": value}, ("instance_id",))


@pytest.mark.parametrize("host, expected", [("localhost", True), ("127.0.0.5", True), ("::1", True), ("[::1]", True),
                                            ("api.localhost", True), ("example.com", False), ("10.0.0.1", False), (None, False)])
def test_loopback_hosts(host, expected):
    assert is_loopback(host) is expected


def test_a_redirect_to_another_origin_drops_every_credential_header():
    session = http_client._Session(("Authorization", "Identifier"))
    original = requests.Request("GET", "https://api.example.com/x", headers={"Authorization": "Bearer t", "Identifier": "i"}).prepare()
    answer = requests.Response()
    answer.request = original
    for target, kept in (("https://other.example.com/x", False), ("https://api.example.com/y", True)):
        following = original.copy()
        following.url = target
        session.rebuild_auth(following, answer)
        assert ("Identifier" in following.headers, "Authorization" in following.headers) == (kept, kept)


# ---- item 9: inputs ----------------------------------------------------------------------------

def test_an_empty_environment_variable_is_unset(monkeypatch):
    monkeypatch.setenv("SECOPS_TEST_EMPTY", "")
    monkeypatch.setenv("SECOPS_TEST_BLANK", "  ")
    monkeypatch.setenv("SECOPS_TEST_SET", "euc1")
    with pytest.raises(AnsibleFallbackNotFound):
        set_env_fallback("SECOPS_TEST_EMPTY", "SECOPS_TEST_BLANK")
    assert set_env_fallback("SECOPS_TEST_EMPTY", "SECOPS_TEST_SET") == "euc1"


@pytest.mark.parametrize("answer, warned", [
    (FakeRaw(404, {"message": "package execution not found"}), False),
    (FakeRaw(404, "<html><h1>Not Found</h1></html>", {"Content-Type": "text/html"}), True),
    (FakeRaw(404, b""), True),
])
def test_a_404_is_not_found_and_one_without_an_api_error_body_warns(answer, warned):
    warnings = []
    client = http_client.HttpClient("https://api.example.com", session=FakeSession(answer), warn=warnings.append)
    assert client.not_found(client.get("/x", allow_status=(404,))) is True
    assert bool(warnings) is warned and all("api_url" in warning for warning in warnings)


def test_a_200_is_found():
    client = http_client.HttpClient("https://api.example.com", session=FakeSession(FakeRaw(200, [])))
    assert client.not_found(client.get("/x")) is False


# ---- item 12: rotating CCS refresh tokens ------------------------------------------------------

def test_renewed_tokens_travel_hex_encoded_and_come_back_whole():
    encoded = renewed_tokens(Token("access-1", refresh_token="refresh-1"))
    assert "access-1" not in str(encoded) and read_renewed_tokens(encoded) == {"access_token": "access-1", "refresh_token": "refresh-1"}


@pytest.mark.parametrize("damaged", [None, {}, {"access_token": "61"}, {"access_token": "6********", "refresh_token": "62"},
                                     {"access_token": "ff", "refresh_token": "62"}])
def test_damaged_renewed_tokens_are_ignored(damaged):
    assert read_renewed_tokens(damaged or {}) == {}


def test_the_token_cache_is_private_and_keyed_by_url_and_first_refresh_token(tmp_path):
    cache = TokenCache(str(tmp_path / "cache"))
    assert cache.get("https://ccs.example.com", "r0") == {}
    cache.put("https://ccs.example.com/", "r0", {"access_token": "a1", "refresh_token": "r1"})
    assert cache.get("https://ccs.example.com", "r0") == {"access_token": "a1", "refresh_token": "r1"}
    assert cache.get("https://ccs.example.com", "r1") == {} and cache.get("https://other.example.com", "r0") == {}
    (stored,) = os.listdir(str(tmp_path / "cache"))
    assert "r0" not in stored
    assert stat.S_IMODE(os.stat(str(tmp_path / "cache" / stored)).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(str(tmp_path / "cache")).st_mode) == 0o700


@pytest.mark.parametrize("url, expected", [("http://api.example.com", True), ("HTTP://10.1.2.3:8080/x", True), ("https://api.example.com", False),
                                           ("http://127.0.0.1:8080", False), ("http://localhost", False), (None, False)])
def test_plain_http_to_another_machine_crosses_the_network_in_clear(url, expected):
    assert crosses_network_in_clear(url) is expected
