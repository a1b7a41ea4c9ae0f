"""Fault injection: injected statuses and bodies, delays, the connection-drop points, and transport faults."""
import base64
import itertools
import time
import zlib

import pytest
import requests

from secops_emulator.fixture import ControlError

TOKEN_PATH = "^/auth/v2/token$"


def post_token(url, auth_token, **kwargs):
    return requests.post(url + "/auth/v2/token", json={"auth_token": auth_token}, timeout=5, **kwargs)


def last_log_entry(control):
    return control.requests()[-1]


def test_status_with_retry_after_then_normal_service(url, control, cylance_auth_token):
    control.fault(method="POST", path=TOKEN_PATH, status=503, retry_after="2")
    response = post_token(url, cylance_auth_token())
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "2"
    assert response.json() == {"message": "Service Unavailable"}
    assert post_token(url, cylance_auth_token()).status_code == 200
    assert [entry["fault"] for entry in control.requests()] == ["status", None]


def test_retry_after_http_date_is_sent_verbatim(url, control):
    control.fault(path="^/ccs/", status=429, retry_after="Wed, 21 Oct 2026 07:28:00 GMT")
    response = requests.post(url + "/ccs/api/v1/oauth/tokens", timeout=5)
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "Wed, 21 Oct 2026 07:28:00 GMT"


def test_html_error_page(url, control):
    control.fault(path="/oauth2/", status=502, body="html")
    response = requests.post(url + "/oauth2/v1/token", timeout=5)
    assert response.status_code == 502
    assert response.headers["Content-Type"].startswith("text/html")
    assert "<html>" in response.text


def test_malformed_json(url, control):
    control.fault(path="/jwk$", status=200, body="malformed")
    response = requests.get(url + "/admin/v1/SigningCert/jwk", timeout=5)
    assert response.status_code == 200 and response.headers["Content-Type"] == "application/json"
    with pytest.raises(ValueError):
        response.json()


def test_empty_body(url, control):
    control.fault(path="/jwk$", status=500, body="empty")
    response = requests.get(url + "/admin/v1/SigningCert/jwk", timeout=5)
    assert response.status_code == 500
    assert response.content == b"" and response.headers["Content-Length"] == "0"


def test_delay_only_then_handled_normally(url, control):
    control.fault(path="/jwk$", delay=0.3)
    started = time.monotonic()
    response = requests.get(url + "/admin/v1/SigningCert/jwk", timeout=5)
    assert time.monotonic() - started >= 0.3
    assert response.status_code == 200 and response.json()["keys"]
    assert last_log_entry(control)["fault"] == "delay"


def test_delay_can_trigger_a_client_timeout(url, control):
    control.fault(path="/jwk$", delay=0.3)
    with pytest.raises(requests.exceptions.ReadTimeout):
        requests.get(url + "/admin/v1/SigningCert/jwk", timeout=0.1)
    deadline = time.monotonic() + 3
    while not control.requests() and time.monotonic() < deadline:
        time.sleep(0.05)  # let the delayed request finish inside this test
    assert last_log_entry(control)["fault"] == "delay"


def test_drop_before_body(url, control, cylance_auth_token):
    control.fault(method="POST", path=TOKEN_PATH, drop="before_body")
    token = cylance_auth_token()
    with pytest.raises(requests.exceptions.ConnectionError):
        post_token(url, token)
    entry = last_log_entry(control)
    assert entry["status"] is None and entry["fault"] == "drop_before_body"
    assert post_token(url, token).status_code == 200  # nothing was processed: the jti is still fresh


def test_drop_after_body_processes_nothing(url, control, cylance_auth_token):
    control.fault(method="POST", path=TOKEN_PATH, drop="after_body")
    token = cylance_auth_token()
    with pytest.raises(requests.exceptions.ConnectionError):
        post_token(url, token)
    assert last_log_entry(control)["fault"] == "drop_after_body"
    assert post_token(url, token).status_code == 200


def test_drop_after_processing_changes_state(url, control):
    form = {"grant_type": "password", "username": "CORP\\ccsadmin", "password": base64.b64encode(b"Adm1n&P+ss%=w0rd").decode()}
    refresh_token = requests.post(url + "/ccs/api/v1/oauth/tokens", data=form, timeout=5).json()["refresh_token"]
    control.fault(method="POST", path="/oauth/tokens$", drop="after_processing")
    refresh = {"grant_type": "refresh_token", "refresh_token": refresh_token}
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.post(url + "/ccs/api/v1/oauth/tokens", data=refresh, timeout=5)
    entry = last_log_entry(control)
    assert entry["status"] is None and entry["fault"] == "drop_after_processing"
    # The POST reached the server: the refresh token was rotated although no answer came back.
    assert requests.post(url + "/ccs/api/v1/oauth/tokens", data=refresh, timeout=5).status_code == 401


def test_drop_over_tls(emulator, control, cylance_auth_token):
    control.fault(method="POST", path=TOKEN_PATH, drop="after_body")
    with pytest.raises(requests.exceptions.ConnectionError):
        post_token(emulator.tls_url, cylance_auth_token(), verify=emulator.ca_path)
    assert post_token(emulator.tls_url, cylance_auth_token(), verify=emulator.ca_path).status_code == 200


def test_keep_alive_session_recovers_after_a_drop(url, control):
    control.fault(path="/jwk$", drop="after_body")
    with requests.Session() as session:
        assert session.get(url + "/_emulator/health", timeout=5).status_code == 200
        with pytest.raises(requests.exceptions.ConnectionError):
            session.get(url + "/admin/v1/SigningCert/jwk", timeout=5)
        assert session.get(url + "/admin/v1/SigningCert/jwk", timeout=5).status_code == 200


def test_method_filter_times_and_order(url, control):
    control.fault(method="GET", path="/jwk$", status=500, times=2)
    control.fault(path="/jwk$", status=404)
    assert requests.post(url + "/oauth2/v1/token", timeout=5).status_code == 401
    statuses = [requests.get(url + "/admin/v1/SigningCert/jwk", timeout=5).status_code for dummy in range(4)]
    assert statuses == [500, 500, 404, 200]
    assert control.faults() == []


def test_list_and_clear_faults(control):
    control.fault(path="x", status=500, times=3)
    assert control.faults() == [{"method": "*", "path": "x", "times": 3, "status": 500, "retry_after": None,
                                 "delay": 0.0, "body": None, "drop": None, "drip": None}]
    control.clear_faults()
    assert control.faults() == []


@pytest.mark.parametrize("spec", [
    {"path": "("}, {"times": 0}, {"status": 99}, {"delay": -1}, {"body": "xml"}, {"drop": "sometimes"},
    {"drop": "after_body", "status": 500}, {"colour": "red"}, {"drip": 0}, {"drip": True}, {"drip": 5, "drop": "mid_body"},
])
def test_invalid_fault_specs_are_refused(control, spec):
    with pytest.raises(ControlError) as error:
        control.fault(**spec)
    assert error.value.status == 400


# ---- transport faults: a body cut in the middle, dripped, endless or a gzip bomb ----------------------

def test_mid_body_processes_then_breaks_the_body(url, control, cylance_auth_token):
    control.fault(method="POST", path=TOKEN_PATH, drop="mid_body")
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        post_token(url, cylance_auth_token())
    entry = last_log_entry(control)
    # The handler ran and the status went out: the log shows it, and the fault kind.
    assert entry["status"] == 200 and entry["fault"] == "drop_mid_body"


def test_drip_sends_the_real_answer_slowly(url, control):
    control.fault(path="/jwk$", drip=200)
    started = time.monotonic()
    response = requests.get(url + "/admin/v1/SigningCert/jwk", timeout=30)
    elapsed = time.monotonic() - started
    assert response.status_code == 200 and response.json()
    # One byte every 5 ms: the answer takes at least its length in milliseconds x 5 (loosely).
    assert elapsed >= len(response.content) / 200.0 * 0.8
    assert last_log_entry(control)["fault"] == "drip"


def test_drip_keeps_within_each_read_timeout(url, control):
    control.fault(path="/jwk$", drip=20)
    answer = requests.get(url + "/admin/v1/SigningCert/jwk", timeout=0.5, stream=True)
    first = next(answer.iter_content(1))
    answer.close()
    # Each byte comes well within the 0.5 s read timeout: only a total deadline stops such a server.
    assert first


def test_endless_body_never_ends(url, control):
    control.fault(path="/jwk$", status=200, body="endless")
    with requests.get(url + "/admin/v1/SigningCert/jwk", timeout=10, stream=True) as answer:
        assert answer.headers["Transfer-Encoding"] == "chunked"
        received = sum(len(chunk) for chunk in itertools.islice(answer.iter_content(65536), 200))
    assert received >= 200 * 65536 * 0.9
    assert last_log_entry(control)["fault"] == "endless"


def test_gzip_bomb_is_small_on_the_wire_and_huge_decoded(url, control):
    control.fault(path="/jwk$", status=200, body="gzip_bomb")
    with requests.get(url + "/admin/v1/SigningCert/jwk", timeout=60, stream=True) as answer:
        compressed = answer.raw.read(decode_content=False)
    assert answer.headers["Content-Encoding"] == "gzip" and len(compressed) < 2 * 1024 * 1024
    # Decoded with a bound here: the first 16 MiB are zeros, and there is much more.
    decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    head = decoder.decompress(compressed, 16 * 1024 * 1024)
    assert head == bytes(16 * 1024 * 1024) and decoder.unconsumed_tail
