# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A scripted, misbehaving HTTP server for the hostile-world tests, and a one-task play runner.

The emulator is honest: it answers as the vendors do. The servers users meet are not always so
(proxies, broken load balancers, buggy or compromised endpoints). ``HostileServer`` answers every
request with whatever a test's handler returns: bodies that never end, bytes that drip, gzip
bombs, connections cut in the middle of a body, lists that never stop paging, errors that echo
the request. It logs what it saw, so a test can count requests exactly.

    def handler(seen):                      # seen: Seen(method, path, query, headers, body)
        return Reply(json={"page_items": [], "total_pages": 10 ** 6})

    with HostileServer(handler) as server:
        run = run_task("cylance_package_execution_info", {"api_url": server.url, ...}, tmp_path)
        assert len(server.requests) < 100

``run_task`` plays one module task with ``ansible-playbook`` and returns its registered result,
the output, the wall time and the peak memory of the largest process of the run.
"""

import gzip
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections import namedtuple
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

import yaml

from .playbook import ANSIBLE_PLAYBOOK, COLLECTIONS

# What the server saw: ``headers`` with lower-case names, ``query`` as a dict of last values.
Seen = namedtuple("Seen", "method path query headers body")


class Reply(object):
    """What to answer.

    - ``json`` or ``body`` (bytes or str): the body; ``chunks`` (an iterable of bytes, may be
      endless) streams it instead, chunked unless ``content_length`` is given;
    - ``drip``: seconds to sleep before each chunk (a slow or malicious peer);
    - ``gzip``: compress the body and send ``Content-Encoding: gzip``;
    - ``content_length``: the ``Content-Length`` to announce, true or not;
    - ``cut_after``: close the connection after this many body bytes (headers already sent);
    - ``close``: close the connection without any answer.
    """

    def __init__(self, status=200, json=None, body=None, headers=None, chunks=None, drip=0.0, gzip=False, cut_after=None,
                 close=False, content_length=None):
        self.status = status
        self.json = json
        self.body = body
        self.headers = dict(headers or {})
        self.chunks = chunks
        self.drip = drip
        self.gzip = gzip
        self.cut_after = cut_after
        self.close = close
        self.content_length = content_length

    def payload(self):
        if self.json is not None:
            data = json.dumps(self.json).encode("utf-8")
            self.headers.setdefault("Content-Type", "application/json")
        elif isinstance(self.body, str):
            data = self.body.encode("utf-8")
        else:
            data = self.body or b""
        if self.gzip:
            data = gzip.compress(data)
            self.headers["Content-Encoding"] = "gzip"
        return data


def endless(block=b" " * 65536):
    """Chunks that never end."""
    while True:
        yield block


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # quiet: the tests read server.requests
        pass

    def _serve(self):
        split = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        seen = Seen(self.command, split.path, dict(parse_qsl(split.query, keep_blank_values=True)),
                    dict((name.lower(), value) for name, value in self.headers.items()), body)
        self.server.log(seen)
        reply = self.server.handler(seen) or Reply(404, json={"message": "Not Found"})
        try:
            self._answer(reply)
        except (BrokenPipeError, ConnectionResetError, socket.timeout):
            pass  # the client gave up: that is often the point of the test
        self.close_connection = True

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

    def _answer(self, reply):
        if reply.close:
            self._drop()
            return
        self.send_response(reply.status)
        streamed = reply.chunks is not None
        data = b"" if streamed else reply.payload()
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if reply.content_length is not None:
            self.send_header("Content-Length", str(reply.content_length))
        elif streamed:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        chunked = streamed and reply.content_length is None
        sent = 0
        for chunk in (reply.chunks if streamed else [data]):
            if reply.drip:
                time.sleep(reply.drip)
            if reply.cut_after is not None and sent + len(chunk) > reply.cut_after:
                self._write(chunk[:reply.cut_after - sent], chunked)
                self._drop()
                return
            self._write(chunk, chunked)
            sent += len(chunk)
        if chunked:
            self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _write(self, chunk, chunked):
        if chunked:
            self.wfile.write("{0:x}\r\n".format(len(chunk)).encode("ascii") + chunk + b"\r\n")
        else:
            self.wfile.write(chunk)
        self.wfile.flush()

    def _drop(self):
        self.wfile.flush()
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.close_connection = True


class HostileServer(ThreadingHTTPServer):
    """A loopback HTTP server answering with ``handler(seen)``; use it as a context manager."""

    daemon_threads = True

    def __init__(self, handler):
        super(HostileServer, self).__init__(("127.0.0.1", 0), _Handler)
        self.handler = handler
        self.requests = []
        self._lock = threading.Lock()
        self._thread = None

    @property
    def url(self):
        return "http://127.0.0.1:{0}".format(self.server_address[1])

    def log(self, seen):
        with self._lock:
            self.requests.append(seen)

    def __enter__(self):
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()
        return False


TaskRun = namedtuple("TaskRun", "result rc output seconds peak_rss_mb")

# Runs a command and prints the peak RSS (KiB) of its largest descendant: ansible-playbook, its
# workers and the module process, each waited for by its parent.
_MEASURE = ("import resource, subprocess, sys; rc = subprocess.call(sys.argv[1:]); "
            "sys.stderr.write('peak_rss_kib=%d\\n' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(rc)")


def run_task(module, args, workdir, check_mode=False, timeout=None, verbosity=0, env=None, limit=900):
    """Play one task of ``secops.executions.<module>`` and return a TaskRun.

    ``timeout`` is the task keyword (Ansible's own deadline for the task); ``limit`` bounds the
    whole ansible-playbook run from here, so that a hang fails the test instead of CI.
    """
    workdir = str(workdir)
    outcome = os.path.join(workdir, "{0}-result.json".format(module))
    if os.path.exists(outcome):
        os.unlink(outcome)
    task = {"name": "Hostile case", "secops.executions." + module: args, "register": "outcome", "ignore_errors": True}
    if check_mode:
        task["check_mode"] = True
    if timeout is not None:
        task["timeout"] = timeout
    keep = {"name": "Keep the result", "ansible.builtin.copy": {"content": "{{ outcome | to_json }}", "dest": outcome, "mode": "0600"}}
    play = [{"name": "Hostile case", "hosts": "localhost", "gather_facts": False, "tasks": [task, keep]}]
    path = os.path.join(workdir, "{0}-play.yml".format(module))
    with open(path, "w") as handle:
        yaml.safe_dump(play, handle, sort_keys=False, width=1000)
    command = [sys.executable, "-c", _MEASURE, ANSIBLE_PLAYBOOK, "-i", "localhost,", "-c", "local",
               "-e", json.dumps({"ansible_python_interpreter": sys.executable}), path]
    if verbosity:
        command.append("-" + "v" * verbosity)
    environment = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS, ANSIBLE_NOCOLOR="1", ANSIBLE_FORCE_COLOR="0",
                       ANSIBLE_STDOUT_CALLBACK="default", ANSIBLE_DEPRECATION_WARNINGS="0", ANSIBLE_RETRY_FILES_ENABLED="0")
    environment.update(env or {})
    started = time.time()
    process = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment, cwd=workdir, timeout=limit,
                             check=False)
    seconds = round(time.time() - started, 1)
    errors = process.stderr.decode("utf-8", "replace")
    peak = [line for line in errors.splitlines() if line.startswith("peak_rss_kib=")]
    peak_mb = round(int(peak[-1].split("=")[1]) / 1024.0, 1) if peak else None
    result = None
    if os.path.exists(outcome):
        with open(outcome) as handle:
            result = json.load(handle)
    output = process.stdout.decode("utf-8", "replace") + errors
    return TaskRun(result, process.returncode, output, seconds, peak_mb)
