"""Router matching and HTTP/1.1 behaviour of the server."""
import http.client
import socket
from urllib.parse import urlsplit

import requests

from secops_emulator.core import Request, Router, json_response


def echo(request):
    return json_response(request.params)


def make_router():
    router = Router()
    router.add("GET", "/customers/{csi}/{serviceType}/types/{type}/{activity}/instances", echo, vendor="oci")
    router.add("GET", "/customers/services/{serviceType}/types/{type}/{activity}/instances", lambda _r: json_response("literal"))
    router.add("DELETE", "/ccs/api/v1/Jobs", echo, vendor="ccs", ignore_case=True)
    return router


def test_params_are_decoded_after_splitting():
    match = make_router().resolve("GET", "/customers/22334455/EBSO/types/Trace%20%26%20Debug/FRD%20Enable%2FDisable/instances/")
    assert match.params == {"csi": "22334455", "serviceType": "EBSO", "type": "Trace & Debug", "activity": "FRD Enable/Disable"}
    assert match.vendor == "oci"


def test_literal_segments_win_over_parameters():
    match = make_router().resolve("GET", "/customers/services/EBSO/types/Trace/X/instances")
    assert match.handler(Request("GET", "/")).body == b'"literal"'


def test_case_insensitive_routes():
    router = make_router()
    assert router.resolve("DELETE", "/ccs/api/v1/jobs").vendor == "ccs"
    assert router.resolve("DELETE", "/CCS/Api/V1/JOBS").vendor == "ccs"
    assert router.resolve("GET", "/Customers/services/EBSO/types/T/A/instances").handler(Request("GET", "/")).status == 404


def test_wrong_method_is_a_405_with_allow():
    response = make_router().resolve("POST", "/ccs/api/v1/jobs").handler(Request("POST", "/"))
    assert response.status == 405 and ("Allow", "DELETE") in response.headers


def test_query_lookup_is_case_insensitive():
    request = Request("DELETE", "/ccs/api/v1/Jobs", "JobID=abc&DeleteJob=False&DeleteJob=True")
    assert request.query_value("jobid") == "abc" and request.query_value("deletejob") == "False"
    assert request.query["DeleteJob"] == ["False", "True"] and request.query_value("missing", "x") == "x"


def test_keep_alive_with_content_length(url):
    target = urlsplit(url)
    connection = http.client.HTTPConnection(target.hostname, target.port, timeout=5)
    try:
        connection.request("GET", "/_emulator/health")
        first = connection.getresponse()
        assert first.version == 11 and first.getheader("Content-Length") == str(len(first.read()))
        sock = connection.sock
        connection.request("POST", "/nowhere", body=b'{"x": 1}', headers={"Content-Type": "application/json"})
        second = connection.getresponse()
        assert second.status == 404 and second.read() == b'{"message": "no route"}'
        assert connection.sock is sock  # the same TCP connection served both requests
    finally:
        connection.close()


def test_chunked_request_body(url, cylance_auth_token):
    body = ('{"auth_token": "%s"}' % cylance_auth_token()).encode()
    response = requests.post(url + "/auth/v2/token", data=iter([body[:10], body[10:]]), headers={"Content-Type": "application/json"}, timeout=5)
    assert response.status_code == 200


def test_405_over_http(url):
    response = requests.get(url + "/auth/v2/token", timeout=5)
    assert response.status_code == 405 and response.headers["Allow"] == "POST"


def test_unparsable_content_length_is_a_400_and_closes(url, control):
    target = urlsplit(url)
    with socket.create_connection((target.hostname, target.port), timeout=5) as sock:
        sock.sendall(b"POST /auth/v2/token HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n")
        reply = b""
        while chunk := sock.recv(4096):
            reply += chunk
    assert reply.startswith(b"HTTP/1.1 400 ") and b"Connection: close" in reply
    assert control.requests()[-1]["status"] == 400
