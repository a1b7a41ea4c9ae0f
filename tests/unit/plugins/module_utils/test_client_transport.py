# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The transport's bounds: body size (decoded), one deadline per request, broken bodies, writes seen, the guard.

The deadline tests talk real HTTP to a loopback server that drips its answer.
"""

import gzip
import http.server
import socket
import threading
import time
import tracemalloc
import zlib

import pytest
import requests
from urllib3.exceptions import DecodeError, ProtocolError, ReadTimeoutError

from ansible_collections.secops.executions.plugins.module_utils import client as http_client
from ansible_collections.secops.executions.plugins.module_utils.errors import (
    ApiError, ControllerGoneError, ResponseTooLargeError, TransportError, UncertainWriteError,
)
from ansible_collections.secops.executions.plugins.module_utils.waiting import Waiter

from ansible_collections.secops.executions.tests.unit.plugins.module_utils.fakes import FakeClock, FakeRaw, FakeSession

MIB = 1024 * 1024


def client_over(*answers, **options):
    sleeps = []
    client = http_client.HttpClient("https://api.example.com", session=FakeSession(*answers), sleep=sleeps.append, **options)
    return client, sleeps


# ---- bounded bodies ---------------------------------------------------------------------------------------

def test_a_content_length_above_the_limit_is_refused_before_reading():
    answer = FakeRaw.streaming(200, [ProtocolError("must not be read")], {"Content-Length": str(512 * MIB)})
    client, dummy = client_over(answer, max_response_size=MIB)
    with pytest.raises(ResponseTooLargeError) as info:
        client.get("/packages/v2")
    assert info.value.msg == ("GET /packages/v2 returned HTTP 200 with a body that announces 536870912 bytes, more than "
                              "max_response_size (1048576 bytes) allows; it was not read further. Raise max_response_size "
                              "if the answer is really this large")
    assert answer.closed and len(client.session.sent) == 1  # closed, and not asked again


def test_a_body_that_goes_on_stops_at_the_limit():
    client, dummy = client_over(FakeRaw.streaming(200, [b"x" * 1000] * 1000), max_response_size=10000)
    with pytest.raises(ResponseTooLargeError, match=r"is larger, more than max_response_size \(10000 bytes\)"):
        client.get("/x")


def test_a_body_at_the_limit_is_read():
    client, dummy = client_over(FakeRaw(200, b"7" * 100), max_response_size=100)
    assert client.get("/x").content == b"7" * 100


def test_a_gzip_bomb_is_decoded_only_up_to_the_limit():
    bomb = gzip.compress(bytes(256 * MIB), 9)
    client, dummy = client_over(FakeRaw(200, bomb, {"Content-Encoding": "gzip"}), max_response_size=MIB)
    tracemalloc.start()
    try:
        with pytest.raises(ResponseTooLargeError):
            client.get("/x")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * MIB, peak  # the limit and a few pieces, not 256 MiB


@pytest.mark.parametrize("encoding,encode", [
    ("gzip", gzip.compress),
    ("deflate", zlib.compress),
    ("deflate", lambda data: zlib.compress(data)[2:-4]),  # without the zlib header, as some servers send it
    ("gzip", lambda data: gzip.compress(data[:5]) + gzip.compress(data[5:])),  # two gzip members
    ("identity", lambda data: data),
])
def test_compressed_answers_are_decoded(encoding, encode):
    client, dummy = client_over(FakeRaw(200, encode(b'{"items": [1, 2, 3]}'), {"Content-Encoding": encoding}))
    assert client.get("/x").json == {"items": [1, 2, 3]}


def test_only_encodings_the_client_bounds_are_asked_for():
    client, dummy = client_over()
    assert client.session.headers["Accept-Encoding"] == "gzip, deflate"


# ---- a body broken after the headers -------------------------------------------------------------------

BROKEN = [
    ProtocolError("Connection broken: IncompleteRead(10 bytes read, 90 more expected)"),
    ReadTimeoutError(None, "/x", "Read timed out."),
    DecodeError("Received response with content-encoding: gzip, but failed to decode it."),
    ConnectionResetError(104, "Connection reset by peer"),
    requests.exceptions.ChunkedEncodingError("Connection broken"),
    requests.exceptions.ContentDecodingError("failed to decode"),
]


@pytest.mark.parametrize("method,idempotent,retried", [
    ("GET", None, True),
    ("PUT", None, True),
    ("DELETE", None, True),
    ("POST", True, True),  # a token request is safe to repeat
    ("POST", None, False),  # processed: the uncertain write, never sent again
    ("PATCH", None, False),
])
@pytest.mark.parametrize("error", BROKEN, ids=lambda error: type(error).__name__)
def test_a_body_broken_after_the_headers(method, idempotent, retried, error):
    client, sleeps = client_over(FakeRaw.streaming(200, [b'{"id": ', error]), FakeRaw(200, {"id": "x"}))
    if retried:
        assert client.request(method, "/x", json_body={}, idempotent=idempotent).json == {"id": "x"}
        assert len(client.session.sent) == 2 and len(sleeps) == 1
        return
    with pytest.raises(UncertainWriteError) as info:
        client.request(method, "/x", json_body={}, what="the execution 'nightly'")
    assert len(client.session.sent) == 1 and client.wrote
    assert "the connection broke while reading the answer" in info.value.msg
    assert "may have reached the server and was not sent again" in info.value.msg


def test_a_corrupt_gzip_body_is_a_broken_body():
    client, dummy = client_over(*[FakeRaw(200, b"\x1f\x8b not gzip at all", {"Content-Encoding": "gzip"})] * 4)
    with pytest.raises(TransportError, match="the connection broke while reading the answer .*4 attempts"):
        client.get("/x")


# ---- writes seen, for changed=true on a later failure ---------------------------------------------------

@pytest.mark.parametrize("method,status,use_auth,wrote", [
    ("POST", 201, True, True),
    ("DELETE", 204, True, True),
    ("PUT", 200, True, True),
    ("POST", 400, True, False),  # refused: nothing changed
    ("GET", 200, True, False),
    ("POST", 200, False, False),  # a token request
])
def test_writes_that_reached_the_server_are_counted(method, status, use_auth, wrote):
    client, dummy = client_over(FakeRaw(status, {}))
    try:
        client.request(method, "/x", json_body={}, use_auth=use_auth)
    except ApiError:
        pass
    assert client.wrote is wrote


# ---- the guard: nothing more once Ansible is gone ------------------------------------------------------

class Gone(object):
    def __init__(self, after=0):
        self.calls = []
        self.after = after

    def __call__(self, doing):
        self.calls.append(doing)
        if len(self.calls) > self.after:
            raise ControllerGoneError(doing)


def test_no_request_is_sent_once_ansible_is_gone():
    client, dummy = client_over(FakeRaw(201, {}), guard=Gone())
    with pytest.raises(ControllerGoneError, match="Stopped before sending POST /x: the Ansible process"):
        client.post("/x", json_body={})
    assert client.session.sent == []


def test_no_retry_pause_starts_once_ansible_is_gone():
    client, sleeps = client_over(FakeRaw(503), FakeRaw(200, {}), guard=Gone(after=1))
    with pytest.raises(ControllerGoneError, match="before waiting to retry GET /x"):
        client.get("/x")
    assert len(client.session.sent) == 1 and sleeps == []


# ---- a wait's end bounds the retries of a poll ------------------------------------------------------------

def test_no_retry_starts_past_a_wait_deadline():
    clock = FakeClock()
    client, sleeps = client_over(FakeRaw(503), FakeRaw(200, {}), clock=clock)
    with client.retries_until(clock() + 0.1):
        with pytest.raises(ApiError, match="The wait_timeout ends before another try"):
            client.get("/x")
    assert len(client.session.sent) == 1 and sleeps == []


def test_retries_go_on_within_a_wait_deadline_and_after_it():
    clock = FakeClock()
    client, sleeps = client_over(FakeRaw(503), FakeRaw(200, {}), FakeRaw(503), FakeRaw(200, {}), clock=clock)
    with client.retries_until(clock() + 100):
        client.get("/x")
    client.get("/x")
    assert len(client.session.sent) == 4 and len(sleeps) == 2


class PollingClient(object):
    """What a Waiter uses of its client: sleep (guarded) and retries_until."""

    def __init__(self, clock):
        self.clock = clock
        self.deadlines = []
        self.slept = []

    def sleep(self, seconds, doing="waiting"):
        self.slept.append(seconds)
        self.clock.sleep(seconds)

    def retries_until(self, deadline):
        self.deadlines.append(deadline)
        return _Nothing()


class _Nothing(object):
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_a_waiter_polls_within_its_deadline_and_sleeps_through_the_client():
    clock = FakeClock()
    client = PollingClient(clock)
    states = iter([False, False, True])
    Waiter(60, 5, clock=clock, client=client).until(lambda: next(states), bool, lambda state: ("", {}))
    assert client.slept == [5, 5] and client.deadlines == [60, 60, 60]


# ---- one deadline per request, over real HTTP ---------------------------------------------------------------

class DrippingServer(object):
    """Answers each connection with ``prefix`` at once, then ``answer`` one byte every ``pause`` seconds (until the client hangs up)."""

    def __init__(self, answer, pause=0.2, prefix=b""):
        self.answer = answer
        self.pause = pause
        self.prefix = prefix
        self.connections = 0
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(8)
        self.url = "http://127.0.0.1:{0}".format(self.listener.getsockname()[1])
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                connection, dummy = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._drip, args=(connection,), daemon=True).start()

    def _drip(self, connection):
        connection.recv(65536)
        try:
            connection.sendall(self.prefix)
            for index in range(len(self.answer)):
                connection.sendall(self.answer[index:index + 1])
                time.sleep(self.pause)
        except OSError:
            pass
        finally:
            connection.close()

    def close(self):
        self.listener.close()


BODY = b'{"items": [' + b"1, " * 200 + b"1]}"
HEADERS = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(BODY)


def headers_then_drip():
    """The headers at once, then the body a byte every 0.2 s: every read comes within any read timeout."""
    return DrippingServer(BODY, 0.2, prefix=HEADERS)


@pytest.mark.parametrize("start,missing", [(lambda: DrippingServer(HEADERS + BODY, 0.2), "no answer"), (headers_then_drip, "no complete answer")],
                         ids=["dripped headers", "dripped body"])
def test_a_dripping_server_is_cut_off_at_the_timeout(start, missing):
    server = start()
    client = http_client.HttpClient(server.url, timeout=1, retries=0)
    started = time.monotonic()
    try:
        with pytest.raises(TransportError, match=r"GET /x failed: {0} within the 1 s timeout \(1 attempt\)".format(missing)):
            client.get("/x")
    finally:
        server.close()
    assert time.monotonic() - started < 10  # 1 s, loosely: the drip would take over 2 minutes


def test_a_dripped_answer_to_a_post_is_an_uncertain_write():
    server = headers_then_drip()
    client = http_client.HttpClient(server.url, timeout=1, retries=3)
    try:
        with pytest.raises(UncertainWriteError, match="no complete answer within the 1 s timeout"):
            client.post("/x", json_body={})
    finally:
        server.close()
    assert server.connections == 1 and client.wrote


def test_a_quick_answer_is_untouched_by_the_deadline():
    server = DrippingServer(HEADERS + BODY, pause=0.0)
    try:
        assert http_client.HttpClient(server.url, timeout=5).get("/x").json["items"][-1] == 1
    finally:
        server.close()


class RedirectThenAnswer(http.server.BaseHTTPRequestHandler):
    """/start redirects with a body that never ends; /end answers."""

    protocol_version = "HTTP/1.1"

    def do_GET(self):  # pylint: disable=invalid-name
        if self.path == "/start":
            self.send_response(302)
            self.send_header("Location", "/end")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            try:
                while True:
                    self.wfile.write(b"10000\r\n" + b" " * 65536 + b"\r\n")
            except OSError:
                return
        body = b'{"ok": true}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_the_body_of_a_followed_redirect_is_not_read():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), RedirectThenAnswer)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    started = time.monotonic()
    try:
        client = http_client.HttpClient("http://127.0.0.1:{0}".format(server.server_address[1]), timeout=10, retries=0)
        assert client.get("/start").json == {"ok": True}
    finally:
        server.shutdown()
        server.server_close()
    assert time.monotonic() - started < 5  # reading the endless body would last until the 10 s timeout, and fail
