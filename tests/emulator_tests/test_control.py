"""Control API: request log, reset, seed, clock and token revocation."""
import datetime
import time

import pytest
import requests

from secops_emulator.fixture import ControlError

JWK_PATH = "/admin/v1/SigningCert/jwk"


def oci_token(url):
    form = {"grant_type": "client_credentials"}
    response = requests.post(url + "/oauth2/v1/token", data=form, auth=("mcs-automation", "demo-oci-client-secret"), timeout=5)
    return response.json()["access_token"]


def config_types(url, token):
    headers = {"Authorization": "Bearer " + token, "Identifier": "5d1c3f0e-8b2a-4c6d-9e7f-1a2b3c4d5e6f"}
    return requests.get(url + "/selfservice/v1/customers/services/EBSO/products/config/types", headers=headers, timeout=5)


def test_health(control):
    assert control.health() == {"status": "ok"}


def test_request_log_records_vendor_requests_only(url, control):
    requests.get(url + JWK_PATH + "?a=1&b=%20x", timeout=5)
    requests.delete(url + "/no/such/path", timeout=5)
    control.faults()  # control calls are never logged
    first, second = control.requests()
    assert first["method"] == "GET" and first["path"] == JWK_PATH and first["query"] == "a=1&b=%20x"
    assert first["status"] == 200 and first["fault"] is None and first["vendor"] == "oci"
    assert second["path"] == "/no/such/path" and second["status"] == 404 and second["vendor"] is None
    assert second["seq"] == first["seq"] + 1
    moment = datetime.datetime.fromisoformat(first["time"].replace("Z", "+00:00"))
    assert moment.tzinfo is not None


def test_request_log_records_the_content_type_as_sent(url, control):
    requests.delete(url + "/ccs/api/v1/Jobs?jobid=x", headers={"Content-Type": "application/json"}, timeout=5)
    requests.get(url + JWK_PATH, timeout=5)
    with_type, without = control.requests()
    assert with_type["content_type"] == "application/json" and without["content_type"] is None


def test_unknown_path_is_a_json_404(url):
    response = requests.get(url + "/nothing/here", timeout=5)
    assert response.status_code == 404 and response.json() == {"message": "no route"}


def test_requests_since_and_clear(url, control):
    requests.get(url + JWK_PATH, timeout=5)
    seq = control.requests()[-1]["seq"]
    requests.get(url + JWK_PATH + "?second", timeout=5)
    assert [entry["query"] for entry in control.requests(since=seq)] == ["second"]
    control.clear_requests()
    assert control.requests() == []
    requests.get(url + JWK_PATH, timeout=5)
    assert control.requests()[0]["seq"] > seq  # sequence numbers never restart


def test_bad_since_is_a_400(url):
    assert requests.get(url + "/_emulator/requests?since=abc", timeout=5).status_code == 400


def test_reset_clears_tokens_log_faults_and_clock(url, control):
    token = oci_token(url)
    control.fault(path="nothing-matches-this", status=500)
    control.advance(60)
    control.reset()
    assert control.requests() == [] and control.faults() == [] and control.now()["offset"] == 0
    assert config_types(url, token).status_code == 401


def test_clock_advance_expires_tokens(url, control):
    # The Oracle token lives 3600 s; the clock stands still, so a busy machine's real seconds cannot decide.
    control.freeze()
    token = oci_token(url)
    before = control.now()["epoch"]
    state = control.advance(3599)
    assert state["offset"] == 3599 and state["epoch"] == before + 3599
    assert config_types(url, token).status_code == 200
    control.advance(1)
    assert config_types(url, token).status_code == 401


def test_a_frozen_clock_moves_only_when_advanced_and_runs_on_from_there(control):
    frozen = control.freeze()
    assert frozen["frozen"] is True
    time.sleep(0.3)
    assert control.now()["epoch"] == frozen["epoch"]
    assert control.advance(10)["epoch"] == frozen["epoch"] + 10
    running = control.freeze(False)
    assert running["frozen"] is False and running["epoch"] >= frozen["epoch"] + 10
    time.sleep(0.3)
    assert control.now()["epoch"] > running["epoch"]
    control.reset()
    assert control.now()["frozen"] is False and control.now()["offset"] == 0


def test_a_bad_freeze_is_a_400(url):
    answer = requests.post(url + "/_emulator/clock", json={"freeze": "yes"}, timeout=5)
    assert answer.status_code == 400 and "freeze" in answer.json()["message"]


def test_clock_cannot_go_back(control):
    with pytest.raises(ControlError) as error:
        control.advance(-5)
    assert error.value.status == 400


def test_revoke_one_vendor_then_reauthenticate(url, control):
    token = oci_token(url)
    control.revoke_tokens("ccs")
    assert config_types(url, token).status_code == 200
    control.revoke_tokens("oci")
    assert config_types(url, token).status_code == 401
    assert config_types(url, oci_token(url)).status_code == 200
    control.revoke_tokens()
    with pytest.raises(ControlError):
        control.revoke_tokens("nobody")


def test_seed_replaces_the_loaded_seed(url, control, reseed):
    reseed({"oci": {"config_types": {"EBSO": ["Only"]}}})
    token = oci_token(url)
    assert config_types(url, token).json() == ["Only"]
    control.reset()
    assert config_types(url, oci_token(url)).json() == ["Only"]
    control.seed({})
    assert config_types(url, oci_token(url)).json() == ["Trace & Debug", "Trace"]


@pytest.mark.parametrize("data", [{"oracle": {}}, {"ccs": {"passwords": []}}, {"ccs": {"password_encoding": "rot13"}},
                                  {"oci": {"clients": [{"client_id": "x"}]}}])
def test_bad_seed_is_a_400(control, data):
    with pytest.raises(ControlError) as error:
        control.seed(data)
    assert error.value.status == 400
