# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The frame itself (module.py, token_module.py): a real AnsibleModule, a scripted HTTP session.

Handlers are tested over the shared FakeApi; these tests cover what the fake stands in for:
option rules, dispatch by state, diff only in diff mode, one readable failure, tokens that
join ``no_log_values``, token modules that ignore a token handed down by module_defaults.
"""

import contextlib
import json

import pytest

from ansible.module_utils import basic

from ansible_collections.secops.executions.plugins.module_utils import client as client_module
from ansible_collections.secops.executions.plugins.module_utils import module as module_module
from ansible_collections.secops.executions.plugins.module_utils.auth import RENEWED_TOKENS_KEY, read_renewed_tokens
from ansible_collections.secops.executions.plugins.module_utils.errors import OptionError, SecopsError
from ansible_collections.secops.executions.plugins.module_utils.module import ApiModule
from ansible_collections.secops.executions.plugins.module_utils.oci.connection import VENDOR
from ansible_collections.secops.executions.plugins.module_utils.token_module import run_token_module

from ansible_collections.secops.executions.tests.unit.plugins.module_utils.fakes import FakeRaw, FakeSession

CONNECTION = {"api_url": "https://mcs.example.com", "identifier": "0f2d9c56-3f6b-4a7e-9d1c-5b8e7a6f4c3d"}
CREDENTIALS = {"token_url": "https://idp.example.com/oauth2/v1/token", "client_id": "app", "client_secret": "s3cret-client"}


class Exited(Exception):
    def __init__(self, kind, result):
        super(Exited, self).__init__(kind)
        self.kind = kind
        self.result = result


@contextlib.contextmanager
def module_args(args):
    """The module arguments AnsibleModule reads, on every ansible-core release of the matrix."""
    try:
        from ansible.module_utils.testing import patch_module_args  # ansible-core 2.19 and later
    except ImportError:
        patch_module_args = None
    if patch_module_args is not None:
        with patch_module_args(args):
            yield
        return
    saved = basic._ANSIBLE_ARGS
    basic._ANSIBLE_ARGS = json.dumps({"ANSIBLE_MODULE_ARGS": args}).encode()
    try:
        yield
    finally:
        basic._ANSIBLE_ARGS = saved


def exit_as(kind):
    def leave(self, **result):
        raise Exited(kind, result)
    return leave


@pytest.fixture
def session(monkeypatch):
    """The scripted session every HttpClient of the test gets; exit_json and fail_json raise Exited."""
    fake = FakeSession()
    monkeypatch.setattr(client_module, "_Session", lambda *credential_headers: fake)
    monkeypatch.setattr(basic.AnsibleModule, "exit_json", exit_as("exit"))
    monkeypatch.setattr(basic.AnsibleModule, "fail_json", exit_as("fail"))
    return fake


def run(args, body, **spec):
    """Build an ApiModule for the Oracle vendor with ``args`` and call ``body(api)``; returns Exited."""
    with module_args(dict(CONNECTION, **args)):
        api = ApiModule(VENDOR, argument_spec=dict(state=dict(type="str", default="present"), **spec))
        with pytest.raises(Exited) as exited:
            body(api)
    return api, exited.value


def handlers(diff):
    return {"present": lambda api: (True, {"id": "3-7JZXAMZ"}, diff), "absent": lambda api: (False, {}, None)}


def test_run_state_dispatches_by_state_and_puts_the_result_under_its_key(session):
    dummy, exited = run({"access_token": "t"}, lambda api: api.run_state(handlers({"before": {}, "after": {"a": 1}}), result_key="execution"))
    assert exited.kind == "exit" and exited.result["changed"] is True and exited.result["execution"] == {"id": "3-7JZXAMZ"}
    assert "diff" not in exited.result  # diff mode is off
    dummy, exited = run({"access_token": "t", "state": "absent"}, lambda api: api.run_state(handlers(None)))
    assert exited.result["changed"] is False and "execution" not in exited.result


def test_the_diff_is_returned_in_diff_mode_only(session):
    diff = {"before": {"scheduled_time": None}, "after": {"scheduled_time": "2026-11-23T15:00:00Z"}}
    api, exited = run({"access_token": "t", "_ansible_diff": True}, lambda api: api.run_state(handlers(diff)))
    assert api.diff is True and exited.result["diff"] == diff and exited.result["id"] == "3-7JZXAMZ"


def test_check_mode_reaches_the_handler(session):
    seen = []
    api, exited = run({"access_token": "t", "_ansible_check_mode": True},
                      lambda api: api.run(lambda api: seen.append(api.check_mode) or {"changed": False}))
    assert seen == [True] and exited.kind == "exit"


def test_a_secops_error_is_one_failure_with_its_details_and_no_traceback(session):
    def logic(api):
        raise SecopsError("Execution 3-7 was created but not scheduled", execution_id="3-7")
    dummy, exited = run({"access_token": "t"}, lambda api: api.run(logic))
    assert exited.kind == "fail" and exited.result["msg"] == "Execution 3-7 was created but not scheduled"
    assert exited.result["execution_id"] == "3-7" and "exception" not in exited.result


def test_bad_connection_values_fail_before_the_logic_runs(session):
    called = []
    dummy, exited = run({"access_token": "t", "retries": -1}, lambda api: api.run(lambda api: called.append(1)))
    assert exited.kind == "fail" and exited.result["msg"].startswith("retries: ") and called == [] and session.sent == []


def test_an_option_error_from_the_logic_names_the_option(session):
    def logic(api):
        raise OptionError("scheduled_time", "is in the past")
    dummy, exited = run({"access_token": "t"}, lambda api: api.run(logic))
    assert exited.result["msg"] == "scheduled_time: is in the past"


def test_a_token_obtained_by_a_module_joins_no_log_values(session):
    session.answers[:] = [FakeRaw(200, {"access_token": "fresh-token-value", "expires_in": 600}), FakeRaw(200, [])]

    def logic(api):
        api.client.get("/selfservice/v1/anything")
        return {"changed": False}
    api, exited = run(CREDENTIALS, lambda api: api.run(logic))
    assert exited.kind == "exit" and "fresh-token-value" in api.module.no_log_values
    assert session.sent[1]["headers"]["Authorization"] == "Bearer fresh-token-value"
    assert session.sent[1]["headers"]["Identifier"] == CONNECTION["identifier"]


def test_the_client_is_built_from_the_connection_options(session):
    api, dummy = run({"access_token": "t", "timeout": 7, "retries": 1, "validate_certs": False},
                     lambda api: api.run(lambda api: {"changed": False, "client": [api.client.timeout, api.client.retries, api.client.verify]}))
    assert (api.client.timeout, api.client.retries, api.client.verify) == (7, 1, False)
    assert api.client is api.client  # one client per task


def test_any_failure_after_a_write_reports_changed(session):
    session.answers[:] = [FakeRaw(201, {"id": "3-7"}), FakeRaw(503), FakeRaw(503)]

    def logic(api):
        api.client.post("/selfservice/v1/executions", json_body={})
        api.client.get("/selfservice/v1/executions/3-7")
    dummy, exited = run({"access_token": "t", "retries": 1}, lambda api: api.run(logic))
    assert exited.kind == "fail" and exited.result["changed"] is True and "HTTP 503" in exited.result["msg"]


def test_a_failure_before_any_write_reports_no_change(session):
    session.answers[:] = [FakeRaw(404, {"message": "nope"})]
    dummy, exited = run({"access_token": "t"}, lambda api: api.run(lambda api: api.client.get("/selfservice/v1/x")))
    assert exited.kind == "fail" and "changed" not in exited.result


def test_the_client_gets_the_size_cap_and_the_lifeline(session):
    api, dummy = run({"access_token": "t", "max_response_size": 1024},
                     lambda api: api.run(lambda api: {"changed": False, "cap": api.client.max_response_size}))
    assert api.client.max_response_size == 1024 and api.client._guard == api.lifeline.check


def test_a_max_response_size_below_one_byte_is_refused_first(session):
    dummy, exited = run({"access_token": "t", "max_response_size": 0}, lambda api: api.run(lambda api: {"changed": False}))
    assert exited.result["msg"] == "max_response_size: must be at least 1 byte, got 0" and session.sent == []


def test_a_missing_requests_library_is_a_readable_failure(session, monkeypatch):
    monkeypatch.setattr(module_module, "HAS_REQUESTS", False)
    dummy, exited = run({"access_token": "t"}, lambda api: api.run(lambda api: {"changed": False, "url": api.client.base_url}))
    assert exited.kind == "fail" and "requests" in exited.result["msg"]


# ---- token_module.py ----------------------------------------------------------------------------

def token_run(args):
    with module_args(dict(CONNECTION, **args)):
        with pytest.raises(Exited) as exited:
            run_token_module(VENDOR)
    return exited.value


def test_a_token_module_returns_its_token_with_expiry_and_scopes(session):
    session.answers[:] = [FakeRaw(200, {"access_token": "new-token", "expires_in": 600, "scope": "mcs:oci:api:User"})]
    exited = token_run(CREDENTIALS)
    assert exited.kind == "exit" and exited.result["changed"] is False
    assert exited.result["access_token"] == "new-token" and exited.result["scopes"] == ["mcs:oci:api:User"]
    assert 590 <= exited.result["expires_in"] <= 600 and exited.result["expires_at"].endswith("Z")
    assert exited.result["api_url"] == CONNECTION["api_url"]


def test_a_token_module_ignores_a_token_handed_down_and_logs_in(session):
    session.answers[:] = [FakeRaw(200, {"access_token": "new-token"})]
    exited = token_run(dict(CREDENTIALS, access_token="old-token-from-module-defaults"))
    assert exited.result["access_token"] == "new-token"
    assert session.sent[0]["url"] == CREDENTIALS["token_url"]


def test_a_token_module_runs_in_check_mode_too(session):
    session.answers[:] = [FakeRaw(200, {"access_token": "new-token"})]
    exited = token_run(dict(CREDENTIALS, _ansible_check_mode=True))
    assert exited.kind == "exit" and exited.result["access_token"] == "new-token"


# ---- secrets, destinations and renewed tokens (issue 12) -------------------------------------------

def test_given_secrets_join_no_log_values_in_every_form_and_proxy_credentials_too(session):
    api, exited = run(dict(CREDENTIALS, access_token="given-token\n", proxy="http://svc:Pr0xy-pw@proxy.example.com:3128"),
                      lambda api: api.run(lambda api: {"changed": False}))
    masked = api.module.no_log_values
    assert {"s3cret-client", "czNjcmV0LWNsaWVudA==", "given-token", "Pr0xy-pw", "svc:Pr0xy-pw"} <= masked
    assert not any("proxy.example.com" in value for value in masked)  # the proxy host stays readable


def test_a_relative_token_url_fails_on_the_option_before_any_request(session):
    dummy, exited = run(dict(CREDENTIALS, token_url="idcs-1.identity.oraclecloud.com/oauth2/v1/token"),
                        lambda api: api.run(lambda api: {"changed": False, "url": api.client.base_url}))
    assert exited.kind == "fail" and exited.result["msg"].startswith("token_url: ") and session.sent == []


def test_plain_http_to_another_host_and_unchecked_certificates_warn_once(session, monkeypatch):
    warnings = []
    monkeypatch.setattr(basic.AnsibleModule, "warn", lambda self, message: warnings.append(message))
    run({"access_token": "t", "api_url": "http://mcs.example.com", "validate_certs": False},
        lambda api: api.run(lambda api: {"changed": False, "url": [api.client.base_url, api.client.base_url]}))
    assert len(warnings) == 2 and "api_url uses plain http://" in warnings[0] and "validate_certs is false" in warnings[1]
    del warnings[:]
    run({"access_token": "t", "api_url": "http://127.0.0.1:8080"}, lambda api: api.run(lambda api: {"changed": False, "url": api.client.base_url}))
    assert warnings == []


def ccs_run(args, logic):
    from ansible_collections.secops.executions.plugins.module_utils.ccs.connection import VENDOR as CCS
    with module_args(dict({"api_url": "https://ccs.example.com:12431"}, **args)):
        api = ApiModule(CCS)
        with pytest.raises(Exited) as exited:
            api.run(logic)
    return api, exited.value


def test_a_ccs_module_that_renewed_hands_the_new_tokens_to_its_action_plugin_even_when_it_fails(session):
    session.answers[:] = [FakeRaw(401, {"message": "expired"}), FakeRaw(200, {"access_token": "a1", "refresh_token": "r1"}),
                          FakeRaw(500, {"message": "broken"})]

    def logic(api):
        api.client.get("jobs")
        return {"changed": False}
    api, exited = ccs_run({"access_token": "a0", "refresh_token": "r0", "retries": 0}, logic)
    assert exited.kind == "fail"
    assert read_renewed_tokens(exited.result[RENEWED_TOKENS_KEY]) == {"access_token": "a1", "refresh_token": "r1"}
    assert {"a1", "r1"} <= api.module.no_log_values


def test_a_ccs_module_that_did_not_renew_returns_no_tokens(session):
    session.answers[:] = [FakeRaw(200, [])]
    dummy, exited = ccs_run({"access_token": "a0", "refresh_token": "r0"}, lambda api: dict(changed=False, jobs=api.client.get("jobs").json))
    assert exited.kind == "exit" and RENEWED_TOKENS_KEY not in exited.result
