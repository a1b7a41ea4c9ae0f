# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

import email.utils

import pytest
import requests
from urllib3.exceptions import NewConnectionError

from ansible_collections.secops.executions.plugins.module_utils import client as http_client
from ansible_collections.secops.executions.plugins.module_utils.errors import (
    ApiError, AuthenticationError, ResponseFormatError, TransportError, UncertainWriteError,
)

from ansible_collections.secops.executions.tests.unit.plugins.module_utils.fakes import FakeRaw, FakeSession


class Harness:
    """An HttpClient over a FakeSession, with its sleeps and warnings recorded."""

    def __init__(self, *answers, **kwargs):
        self.sleeps = []
        self.warnings = []
        self.session = FakeSession(*answers)
        self.client = http_client.HttpClient("https://api.example.com/", session=self.session, sleep=self.sleeps.append,
                                             warn=self.warnings.append, **kwargs)


def refused():
    reason = NewConnectionError(None, "Failed to establish a new connection: [Errno 111] Connection refused")
    return requests.exceptions.ConnectionError(requests.packages.urllib3.exceptions.MaxRetryError(None, "/x", reason))


def dropped():
    return requests.exceptions.ConnectionError("('Connection aborted.', RemoteDisconnected('Remote end closed connection without response'))")


class TestRetryAfter:
    def test_delta_seconds(self):
        assert http_client.retry_after_seconds("7") == 7.0

    def test_http_date(self):
        now = 1_800_000_000
        header = email.utils.formatdate(now + 12, usegmt=True)
        assert http_client.retry_after_seconds(header, now=now) == pytest.approx(12, abs=1)

    def test_past_date_means_now(self):
        assert http_client.retry_after_seconds(email.utils.formatdate(1_000, usegmt=True), now=2_000) == 0

    @pytest.mark.parametrize("value", [None, "", "soon", "-3"])
    def test_unusable(self, value):
        assert http_client.retry_after_seconds(value) is None


class TestBackoff:
    def test_grows_exponentially_within_jitter_bounds(self):
        assert http_client.backoff_delay(0, rand=lambda: 0.0) == 0.5
        assert http_client.backoff_delay(0, rand=lambda: 1.0) == 1.0
        assert http_client.backoff_delay(3, rand=lambda: 0.0) == 4.0
        assert http_client.backoff_delay(3, rand=lambda: 1.0) == 8.0

    def test_capped(self):
        assert http_client.backoff_delay(20, rand=lambda: 1.0) == http_client.BACKOFF_CAP


class TestRedaction:
    def test_userinfo_and_secret_query_values(self):
        url = "https://AKIA:sekrit@bucket.example.com/p?access_token=abc&page=2&client_secret=x"
        shown = http_client.redact_url(url)
        assert "sekrit" not in shown and "AKIA" not in shown and "abc" not in shown and "=x" not in shown
        assert "page=2" in shown

    def test_plain_path_untouched(self):
        assert http_client.redact_url("/packages/v2/executions?page=1") == "/packages/v2/executions?page=1"


class TestRetries:
    def test_get_retries_503_then_succeeds(self):
        h = Harness(FakeRaw(503), FakeRaw(200, {"ok": 1}))
        assert h.client.get("/things").json == {"ok": 1}
        assert len(h.session.sent) == 2 and len(h.sleeps) == 1 and "retry 1 of 3" in h.warnings[0]

    def test_retry_after_is_honoured(self):
        h = Harness(FakeRaw(429, headers={"Retry-After": "4"}), FakeRaw(200, {}))
        h.client.get("/things")
        assert h.sleeps == [4.0] and "Retry-After" in h.warnings[0]

    def test_retry_after_beyond_budget_fails_at_once(self):
        h = Harness(FakeRaw(429, {"message": "slow down"}, {"Retry-After": "120"}), retry_max_wait=60)
        with pytest.raises(ApiError) as info:
            h.client.get("/things")
        assert h.sleeps == [] and "asked to wait 120 s" in info.value.msg and "slow down" in info.value.msg

    def test_count_is_bounded(self):
        h = Harness(*[FakeRaw(502) for dummy in range(3)], retries=2)
        with pytest.raises(ApiError) as info:
            h.client.get("/things")
        assert len(h.session.sent) == 3 and info.value.status == 502 and "Gave up after 2 retries" in info.value.msg

    def test_total_wait_is_bounded(self):
        h = Harness(*[FakeRaw(503) for dummy in range(6)], retries=5, retry_max_wait=3)
        with pytest.raises(ApiError):
            h.client.get("/things")
        assert sum(h.sleeps) <= 3

    def test_post_not_resent_on_5xx(self):
        h = Harness(FakeRaw(503), FakeRaw(201, {}))
        with pytest.raises(ApiError) as info:
            h.client.post("/things", json_body={"a": 1})
        assert len(h.session.sent) == 1 and info.value.status == 503

    def test_post_retried_on_429(self):
        h = Harness(FakeRaw(429, headers={"Retry-After": "1"}), FakeRaw(201, {"id": "x"}))
        assert h.client.post("/things", json_body={}).json == {"id": "x"}
        assert len(h.session.sent) == 2

    def test_post_retried_when_never_sent(self):
        h = Harness(refused(), FakeRaw(201, {}))
        h.client.post("/things", json_body={})
        assert len(h.session.sent) == 2

    def test_post_dropped_after_sending_is_not_resent(self):
        h = Harness(dropped(), FakeRaw(201, {}))
        with pytest.raises(UncertainWriteError) as info:
            h.client.post("/things", json_body={}, what="the execution 'nightly'")
        assert len(h.session.sent) == 1
        assert "check whether the execution 'nightly' was created" in info.value.msg

    def test_a_patch_dropped_after_sending_asks_whether_the_change_took_effect(self):
        h = Harness(dropped())
        with pytest.raises(UncertainWriteError) as info:
            h.client.patch("/things", json_body={}, what="the change of the job 'Nightly'")
        assert len(h.session.sent) == 1
        assert "check whether the change of the job 'Nightly' took effect before running the task again" in info.value.msg

    def test_a_caller_words_what_to_check_after_a_lost_answer(self):
        h = Harness(dropped())
        with pytest.raises(UncertainWriteError) as info:
            h.client.post("/jobs/1", json_body={"Operation": "abort"}, what="the abort of the run 1", outcome="took effect")
        assert "check whether the abort of the run 1 took effect" in info.value.msg

    def test_get_dropped_is_retried(self):
        h = Harness(dropped(), FakeRaw(200, {}))
        h.client.get("/things")
        assert len(h.session.sent) == 2

    def test_refused_everywhere_is_a_transport_error(self):
        h = Harness(*[refused() for dummy in range(4)])
        with pytest.raises(TransportError) as info:
            h.client.get("/things")
        assert "Connection refused (4 attempts)" in info.value.msg and "api_url" in info.value.msg

    def test_tls_error_is_explained(self):
        h = Harness(requests.exceptions.SSLError("certificate verify failed: self-signed certificate"))
        with pytest.raises(TransportError) as info:
            h.client.get("/things")
        assert "TLS error" in info.value.msg and "ca_path" in info.value.msg


class FakeAuth:
    unauthorized_hint = "token refused"

    def __init__(self, can_renew=True):
        self.renewals = 0
        self.can_renew = can_renew

    def headers(self, client):
        return {"Authorization": "Bearer t{0}".format(self.renewals)}

    def reauthenticate(self, client):
        if not self.can_renew:
            return False
        self.renewals += 1
        return True


class TestAuthentication:
    def test_one_reauthentication_on_401(self):
        auth = FakeAuth()
        h = Harness(FakeRaw(401), FakeRaw(200, {}), auth=auth)
        h.client.get("/things")
        assert auth.renewals == 1
        assert [s["headers"]["Authorization"] for s in h.session.sent] == ["Bearer t0", "Bearer t1"]

    def test_second_401_fails_with_hint(self):
        auth = FakeAuth()
        h = Harness(FakeRaw(401), FakeRaw(401, {"message": "expired"}), auth=auth)
        with pytest.raises(AuthenticationError) as info:
            h.client.get("/things")
        assert auth.renewals == 1 and "expired" in info.value.msg and "token refused" in info.value.msg

    def test_post_401_is_resent_after_reauthentication(self):
        # A 401 means the server refused the request before acting on it.
        auth = FakeAuth()
        h = Harness(FakeRaw(401), FakeRaw(201, {}), auth=auth)
        h.client.post("/things", json_body={})
        assert len(h.session.sent) == 2


class TestErrors:
    def test_error_names_status_method_path_and_vendor_message(self):
        h = Harness(FakeRaw(404, {"message": "Execution not found"}))
        with pytest.raises(ApiError) as info:
            h.client.get("/packages/v2/executions/abc", query={"page": 1})
        assert info.value.msg == "GET /packages/v2/executions/abc?page=1 returned HTTP 404 Not Found: Execution not found"
        assert info.value.fail_kwargs()["status"] == 404

    def test_secret_query_values_never_reach_the_message(self):
        h = Harness(FakeRaw(400, "bad"))
        with pytest.raises(ApiError) as info:
            h.client.get("/x", query={"token": "s3cr3t"})
        assert "s3cr3t" not in info.value.msg

    def test_redirect_on_write_is_an_error(self):
        h = Harness(FakeRaw(301, headers={"Location": "https://api.example.com/things"}))
        with pytest.raises(ApiError) as info:
            h.client.post("/things", json_body={})
        assert "redirects" in info.value.msg and h.session.sent[0]["allow_redirects"] is False

    @pytest.mark.parametrize("raw,problem", [
        (FakeRaw(200, "<html><body>Gateway login</body></html>", {"Content-Type": "text/html"}), "an HTML page"),
        (FakeRaw(200, '{"id": ', {"Content-Type": "application/json"}), "not valid JSON"),
        (FakeRaw(200, b"", {"Content-Type": "application/json"}), "an empty body"),
    ])
    def test_unexpected_bodies_are_readable(self, raw, problem):
        h = Harness(raw)
        with pytest.raises(ResponseFormatError) as info:
            h.client.get("/things").json
        assert problem in info.value.msg


class TestSessionSettings:
    def test_ca_path_wins_over_system_store_and_environment(self):
        # requests would let REQUESTS_CA_BUNDLE override a session-level setting: it is sent per request.
        h = Harness(FakeRaw(200, {}), ca_path="/etc/ca.pem")
        h.client.get("/x")
        assert h.session.verify == "/etc/ca.pem" and h.session.sent[0]["verify"] == "/etc/ca.pem"

    def test_validate_certs_false(self):
        h = Harness(validate_certs=False, ca_path="/etc/ca.pem")
        assert h.session.verify is False

    def test_proxy_string_applies_to_both_schemes(self):
        h = Harness(proxy="http://proxy:3128")
        assert h.session.proxies == {"http": "http://proxy:3128", "https": "http://proxy:3128"}

    def test_no_proxy_option_keeps_environment(self):
        h = Harness()
        assert h.session.proxies == {}


# ---- the classification of answers, apart from the loop ----------------------------------------

class TokenAuthStub(object):
    unauthorized_hint = "hint"


@pytest.mark.parametrize("method,status,reauthenticated,idempotent,verdict", [
    ("GET", 200, False, None, http_client.ACCEPT),
    ("GET", 404, False, None, http_client.FAIL),
    ("GET", 401, False, None, http_client.REAUTHENTICATE),
    ("GET", 401, True, None, http_client.FAIL),
    ("GET", 503, False, None, http_client.RETRY),
    ("POST", 503, False, None, http_client.FAIL),  # a write may have reached the server
    ("POST", 429, False, None, http_client.RETRY),  # 429 says it did not
    ("POST", 503, False, True, http_client.RETRY),  # a token request is safe to repeat
    ("DELETE", 204, False, None, http_client.ACCEPT),
])
def test_classify(method, status, reauthenticated, idempotent, verdict):
    client = http_client.HttpClient("https://api.example.com", session=FakeSession(), auth=TokenAuthStub())
    call = http_client.Call(client, method, "/x", idempotent=idempotent)
    call.reauthenticated = reauthenticated
    assert client._classify(call, http_client.Response(method, "/x", status, {}, b"")) == verdict


def test_allow_status_is_accepted_and_calls_without_auth_never_reauthenticate():
    client = http_client.HttpClient("https://api.example.com", session=FakeSession(), auth=TokenAuthStub())
    answer = http_client.Response("GET", "/x", 404, {}, b"")
    assert client._classify(http_client.Call(client, "GET", "/x", allow_status=(404,)), answer) == http_client.ACCEPT
    unauthorized = http_client.Response("POST", "/token", 401, {}, b"")
    assert client._classify(http_client.Call(client, "POST", "/token", use_auth=False), unauthorized) == http_client.FAIL


class TestDotSegments:
    @pytest.mark.parametrize("path", ["/executions/../logs/", "/a/./b", "/devices/v2/..", "..?x=1"])
    def test_a_dot_segment_is_never_sent(self, path):
        harness = Harness()
        with pytest.raises(http_client.SecopsError, match="only of dots"):
            harness.client.get(path)
        assert harness.session.sent == []

    def test_dots_inside_a_segment_and_in_the_query_are_fine(self):
        assert http_client.HttpClient("https://api.example.com/").url("/files/log.1.zip?after=..") == \
            "https://api.example.com/files/log.1.zip?after=.."
