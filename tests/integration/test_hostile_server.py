# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The hostile test server does what each Reply asks, so that the hostile cases test the modules, not the server."""

import gzip
import http.client
import itertools
import time

import pytest
import requests

from reliability.hostile import HostileServer, Reply, endless, run_task


def test_json_reply_and_request_log():
    with HostileServer(lambda seen: Reply(201, json={"echo": seen.query.get("q")})) as server:
        answer = requests.post(server.url + "/items?q=1", json={"a": 1}, headers={"X-Probe": "yes"}, timeout=10)
    assert answer.status_code == 201 and answer.json() == {"echo": "1"}
    (seen,) = server.requests
    assert (seen.method, seen.path, seen.query, seen.body) == ("POST", "/items", {"q": "1"}, b'{"a": 1}')
    assert seen.headers["x-probe"] == "yes"


def test_gzip_body_is_sent_compressed():
    with HostileServer(lambda seen: Reply(body=b"x" * 100000, gzip=True)) as server:
        raw = requests.get(server.url, stream=True, timeout=10).raw
        compressed = raw.read(decode_content=False)
    assert len(compressed) < 1000 and gzip.decompress(compressed) == b"x" * 100000


def test_endless_chunks_keep_coming():
    with HostileServer(lambda seen: Reply(chunks=endless(b"y" * 1024))) as server:
        with requests.get(server.url, stream=True, timeout=10) as answer:
            received = sum(len(chunk) for chunk in itertools.islice(answer.iter_content(1024), 4096))
    assert received == 4096 * 1024


def test_cut_after_breaks_the_body():
    with HostileServer(lambda seen: Reply(chunks=[b"z" * 1000] * 10, cut_after=2500)) as server:
        with pytest.raises(requests.exceptions.ChunkedEncodingError):
            requests.get(server.url, timeout=10).content  # pylint: disable=expression-not-assigned


def test_close_answers_nothing():
    with HostileServer(lambda seen: Reply(close=True)) as server:
        with pytest.raises(requests.exceptions.ConnectionError):
            requests.get(server.url, timeout=10)
    assert len(server.requests) == 1


def test_drip_and_a_false_content_length():
    with HostileServer(lambda seen: Reply(chunks=[b"a"] * 3, drip=0.2, content_length=10)) as server:
        connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
        connection.request("GET", "/")
        answer = connection.getresponse()
        started = time.time()
        with pytest.raises(http.client.IncompleteRead):
            answer.read()
    assert answer.getheader("Content-Length") == "10" and time.time() - started >= 0.5


def test_run_task_returns_the_result_and_the_peak_memory(tmp_path):
    with HostileServer(lambda seen: Reply(500, json={"message": "hostile"})) as server:
        run = run_task("cylance_package_execution_info", {"api_url": server.url, "access_token": "t0ken", "retries": 0}, tmp_path)
    assert run.result["failed"] and "500" in run.result["msg"] and "hostile" in run.result["msg"]
    assert [seen.path for seen in server.requests] == ["/packages/v2/executions"]
    assert run.peak_rss_mb > 10 and run.seconds > 0
