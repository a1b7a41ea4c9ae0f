"""HTTP plumbing shared by every emulated vendor: clock, router, request/response, request log,
fault injector and the threaded HTTP/1.1 server.

Stdlib only: fault injection has to close a connection at precise points of an exchange
(before or after the body was read, after the handler ran), which needs the raw socket.
"""
import collections
import datetime
import functools
import json
import re
import socket
import ssl
import sys
import threading
import time
import traceback
import zlib
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from socketserver import TCPServer
from typing import Callable, Optional
from urllib.parse import parse_qs, unquote, urlsplit

CONTROL_PREFIX = "/_emulator"


class Clock:
    """Real time plus an adjustable offset, so tests can expire tokens without sleeping.

    It can also stand still (``freeze``): a test that steps through work second by second then
    sees exactly the moments it advanced to, however long the machine takes between two requests.
    """

    def __init__(self):
        self._offset = 0.0
        self._frozen_at = None
        self._lock = threading.Lock()

    def now(self) -> float:
        with self._lock:
            return (time.time() if self._frozen_at is None else self._frozen_at) + self._offset

    @property
    def offset(self) -> float:
        with self._lock:
            return self._offset

    @property
    def frozen(self) -> bool:
        with self._lock:
            return self._frozen_at is not None

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._offset += seconds

    def freeze(self, frozen: bool = True) -> None:
        """Stop the clock where it stands, or let it run again from there (it never goes back)."""
        with self._lock:
            if frozen and self._frozen_at is None:
                self._frozen_at = time.time()
            elif not frozen and self._frozen_at is not None:
                self._offset -= time.time() - self._frozen_at
                self._frozen_at = None

    def reset(self) -> None:
        with self._lock:
            self._offset = 0.0
            self._frozen_at = None


def iso_utc(timestamp: float) -> str:
    moment = datetime.datetime.fromtimestamp(timestamp, datetime.timezone.utc)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass
class Response:
    status: int
    body: bytes = b""
    headers: list = field(default_factory=list)  # (name, value) pairs; Content-Length is added when sent
    endless: bool = False  # a chunked body that repeats ``body`` until the client hangs up


def json_response(data, status: int = 200, headers=None) -> Response:
    body = json.dumps(data).encode("utf-8")
    return Response(status, body, [("Content-Type", "application/json")] + list(headers or []))


def text_response(text: str, status: int = 200, content_type: str = "text/plain; charset=utf-8") -> Response:
    return Response(status, text.encode("utf-8"), [("Content-Type", content_type)])


def empty_response(status: int = 204) -> Response:
    return Response(status)


class HttpError(Exception):
    """Raised by handlers and auth helpers to answer with a JSON error body."""

    def __init__(self, status: int, data, headers=None):
        super().__init__(f"HTTP {status}: {data}")
        self.response = json_response(data, status, headers)


@dataclass
class Request:
    """One parsed HTTP request. ``path`` is the raw (still percent-encoded) path, as logged."""

    method: str
    path: str
    query_string: str = ""
    headers: dict = field(default_factory=dict)
    body: bytes = b""
    params: dict = field(default_factory=dict)  # decoded path parameters of the matched route

    def __post_init__(self):
        self.query = parse_qs(self.query_string, keep_blank_values=True)
        self.headers = {name.lower(): value for name, value in self.headers.items()}

    def header(self, name: str, default=None):
        return self.headers.get(name.lower(), default)

    def query_value(self, name: str, default=None):
        """First value of a query parameter, name matched case-insensitively (CCS mixes cases)."""
        wanted = name.lower()
        for key, values in self.query.items():
            if key.lower() == wanted:
                return values[0]
        return default

    def json(self):
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise HttpError(400, {"message": "request body is not valid JSON"}) from None

    def form(self) -> dict:
        """The body parsed as application/x-www-form-urlencoded: name -> list of values."""
        return parse_qs(self.body.decode("utf-8", errors="replace"), keep_blank_values=True)

    def bearer_token(self) -> Optional[str]:
        scheme, dummy, token = (self.header("Authorization") or "").partition(" ")
        token = token.strip()
        return token if scheme.lower() == "bearer" and token else None


def _split_path(path: str) -> list:
    if len(path) > 1:
        path = path.rstrip("/")  # a trailing slash is tolerated everywhere
    return path.split("/")


@dataclass
class Route:
    method: str
    template: str
    handler: Callable
    vendor: Optional[str]
    ignore_case: bool

    def __post_init__(self):
        self.pattern = _split_path(self.template)
        # A literal segment beats a parameter: /customers/services/... over /customers/{csi}/...
        self.literal_count = sum(1 for part in self.pattern if not part.startswith("{"))

    def match(self, segments: list) -> Optional[dict]:
        """Path parameters when ``segments`` (decoded) fit the template, else None."""
        if len(self.pattern) != len(segments):
            return None
        params = {}
        for expected, actual in zip(self.pattern, segments):
            if expected.startswith("{") and expected.endswith("}"):
                if not actual:
                    return None
                params[expected[1:-1]] = actual
            elif expected != actual and not (self.ignore_case and expected.lower() == actual.lower()):
                return None
        return params


@dataclass
class Match:
    handler: Callable
    params: dict
    vendor: Optional[str]


def _not_found(_request):
    return json_response({"message": "no route"}, 404)


class Router:
    """Maps (method, path template) to handlers; ``{name}`` segments become request.params."""

    def __init__(self):
        self._routes = []

    def add(self, method: str, template: str, handler: Callable, vendor: Optional[str] = None, ignore_case: bool = False):
        self._routes.append(Route(method.upper(), template, handler, vendor, ignore_case))

    def resolve(self, method: str, path: str) -> Match:
        # Decode AFTER splitting so that %2F inside a parameter ("FRD Enable%2FDisable") stays one segment.
        segments = [unquote(part) for part in _split_path(path)]
        candidates = [(route, route.match(segments)) for route in self._routes]
        candidates = [(route, params) for route, params in candidates if params is not None]
        allowed = [(route, params) for route, params in candidates if route.method == method.upper()]
        if allowed:
            route, params = max(allowed, key=lambda pair: pair[0].literal_count)
            return Match(route.handler, params, route.vendor)
        if candidates:
            methods = ", ".join(sorted({route.method for route, dummy in candidates}))

            def not_allowed(_request):
                return json_response({"message": "method not allowed"}, 405, [("Allow", methods)])
            return Match(not_allowed, {}, candidates[0][0].vendor)
        return Match(_not_found, {}, None)


class RequestLog:
    """Bounded in-memory log of vendor requests; ``seq`` keeps growing across clears."""

    def __init__(self, max_entries: int = 10000):
        self._entries = collections.deque(maxlen=max_entries)
        self._seq = 0
        self._lock = threading.Lock()

    def record(self, entry: dict) -> None:
        """Store ``entry`` (time, method, path, query, status, fault, vendor, proxied, content_type) under the next seq."""
        with self._lock:
            self._seq += 1
            self._entries.append({"seq": self._seq, **entry})

    def since(self, seq: int = 0) -> list:
        with self._lock:
            return [dict(entry) for entry in self._entries if entry["seq"] > seq]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


DROP_MODES = ("before_body", "after_body", "after_processing", "mid_body")
BODY_KINDS = ("malformed", "html", "empty", "endless", "gzip_bomb")
# A gzip bomb: 1 GiB of zeros, about 1 MiB compressed (made once, on first use).
BOMB_SIZE = 1024 ** 3
ENDLESS_BLOCK = b" " * 65536


@functools.lru_cache(maxsize=1)
def _gzip_bomb() -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1024 * 1024)
    parts = [compressor.compress(block) for dummy in range(BOMB_SIZE // len(block))]
    return b"".join(parts) + compressor.flush()


@dataclass
class Fault:
    """One fault rule; see docs/emulator.md for the semantics of each field."""

    method: str = "*"
    path: str = ""
    times: int = 1
    status: Optional[int] = None
    retry_after: Optional[str] = None
    delay: float = 0.0
    body: Optional[str] = None
    drop: Optional[str] = None
    drip: Optional[float] = None

    @classmethod
    def from_spec(cls, spec: dict) -> "Fault":
        """Validate a control-API fault spec; raises ValueError with a readable message."""
        if not isinstance(spec, dict):
            raise ValueError("fault spec must be a JSON object")
        unknown = set(spec) - set(cls.__dataclass_fields__)  # pylint: disable=no-member
        if unknown:
            raise ValueError(f"unknown fault keys: {', '.join(sorted(unknown))}")
        fault = cls(**spec)
        fault.method = str(fault.method).upper()
        if fault.retry_after is not None:
            fault.retry_after = str(fault.retry_after)
        fault.validate()
        return fault

    def validate(self) -> None:
        try:
            re.compile(self.path)
        except (re.error, TypeError) as exc:
            raise ValueError(f"path is not a valid regular expression: {exc}") from None
        if not isinstance(self.times, int) or isinstance(self.times, bool) or self.times < 1:
            raise ValueError("times must be an integer >= 1")
        if self.status is not None and (not isinstance(self.status, int) or not 200 <= self.status <= 599):
            raise ValueError("status must be an integer between 200 and 599")
        if not isinstance(self.delay, (int, float)) or isinstance(self.delay, bool) or self.delay < 0:
            raise ValueError("delay must be a number of seconds >= 0")
        if self.body not in (None,) + BODY_KINDS:
            raise ValueError(f"body must be null or one of {', '.join(BODY_KINDS)}")
        if self.drop not in (None,) + DROP_MODES:
            raise ValueError(f"drop must be null or one of {', '.join(DROP_MODES)}")
        if self.drop and (self.status is not None or self.body or self.retry_after is not None):
            raise ValueError("drop cannot be combined with status, body or retry_after")
        if self.drip is not None and (not isinstance(self.drip, (int, float)) or isinstance(self.drip, bool) or self.drip <= 0):
            raise ValueError("drip must be a number of bytes per second > 0")
        if self.drip is not None and self.drop:
            raise ValueError("drip cannot be combined with drop")

    @property
    def responds(self) -> bool:
        """True when the fault answers instead of the real handler."""
        return self.drop is None and (self.status is not None or self.body is not None or self.retry_after is not None)

    @property
    def kind(self) -> str:
        if self.drop:
            return "drop_" + self.drop
        if self.responds:
            return self.body or "status"
        if self.drip is not None:
            return "drip"
        return "delay"

    def matches(self, method: str, path: str) -> bool:
        return self.method in ("*", method.upper()) and re.search(self.path, path) is not None

    def response(self) -> Response:
        status = self.status or 503
        reason = _reason(status)
        if self.body == "malformed":
            response = Response(status, b'{"message": "truncated', [("Content-Type", "application/json")])
        elif self.body == "html":
            page = f"<html><head><title>{status} {reason}</title></head><body><h1>{reason}</h1></body></html>"
            response = text_response(page, status, "text/html; charset=utf-8")
        elif self.body == "empty":
            response = Response(status, b"", [("Content-Type", "application/json")])
        elif self.body == "endless":
            response = Response(status, ENDLESS_BLOCK, [("Content-Type", "application/json")], endless=True)
        elif self.body == "gzip_bomb":
            response = Response(status, _gzip_bomb(), [("Content-Type", "application/json"), ("Content-Encoding", "gzip")])
        else:
            response = json_response({"message": reason or "injected fault"}, status)
        if self.retry_after is not None:
            response.headers.append(("Retry-After", self.retry_after))
        return response

    def to_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}  # pylint: disable=no-member


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


class FaultInjector:
    """Ordered fault rules; the first matching rule fires and uses up one of its ``times``."""

    def __init__(self):
        self._faults = []
        self._lock = threading.Lock()

    def add(self, spec: dict) -> Fault:
        fault = Fault.from_spec(spec)
        with self._lock:
            self._faults.append(fault)
        return fault

    def take(self, method: str, path: str) -> Optional[Fault]:
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, path):
                    fault.times -= 1
                    if fault.times == 0:
                        self._faults.remove(fault)
                    return fault
        return None

    def as_list(self) -> list:
        with self._lock:
            return [fault.to_dict() for fault in self._faults]

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()


class Dispatcher:
    """Decides what happens to each request: control API, injected fault, or vendor route."""

    def __init__(self, router: Router, control_router: Router, log: RequestLog, faults: FaultInjector, clock: Clock):
        self.router = router
        self.control_router = control_router
        self.log = log
        self.faults = faults
        self.clock = clock
        # Handlers mutate shared state; one at a time keeps them simple. Delays happen outside it.
        self.lock = threading.RLock()

    def handle(self, exchange: "_Handler") -> None:
        target = urlsplit(exchange.path)
        if target.path == CONTROL_PREFIX or target.path.startswith(CONTROL_PREFIX + "/"):
            match = self.control_router.resolve(exchange.command, target.path)
            body = self._read_body(exchange)
            if body is not None:
                exchange.send(self._call(match, self._request(exchange, target, match, body)))
            return
        started = self.clock.now()
        match = self.router.resolve(exchange.command, target.path)
        fault = self.faults.take(exchange.command, target.path)
        status = None  # stays None when the connection is dropped
        try:
            status, deliver = self._serve(exchange, target, match, fault)
        finally:
            # Logged before the answer leaves, so a client that reads the log right after its
            # answer always finds its request there. An absolute request target
            # (http://host/path) is what clients send to a forward proxy: the emulator serves it
            # too, so proxy settings can be tested end to end.
            self.log.record({"time": iso_utc(started), "method": exchange.command, "path": target.path, "query": target.query,
                             "status": status, "fault": fault.kind if fault else None, "vendor": match.vendor,
                             "proxied": bool(target.netloc), "content_type": exchange.headers.get("Content-Type")})
        deliver()

    def _serve(self, exchange: "_Handler", target, match: Match, fault: Optional[Fault]):
        """Decide the answer to one vendor request: (status to log or None, the I/O that delivers it)."""
        drop = fault.drop if fault else None
        if fault:
            time.sleep(fault.delay)
        if drop == "before_body":
            return None, exchange.drop
        body = self._read_body(exchange)
        if body is None:
            return 400, _nothing  # _read_body already answered
        if drop == "after_body":
            return None, exchange.drop
        if fault and fault.responds:
            response = fault.response()
        else:
            response = self._call(match, self._request(exchange, target, match, body))
        if drop == "after_processing":
            return None, exchange.drop
        if drop == "mid_body":
            # Processed, and the status and headers sent: the connection breaks in the body.
            return response.status, functools.partial(exchange.send, response, cut=True)
        return response.status, functools.partial(exchange.send, response, drip=fault.drip if fault else None)

    @staticmethod
    def _read_body(exchange: "_Handler") -> Optional[bytes]:
        """The request body, or None after answering 400 to framing we cannot parse."""
        try:
            return exchange.read_body()
        except ValueError:  # bad Content-Length or chunk size: the rest of the stream is unusable
            exchange.close_connection = True
            exchange.send(json_response({"message": "malformed request framing"}, 400))
            return None

    @staticmethod
    def _request(exchange: "_Handler", target, match: Match, body: bytes) -> Request:
        return Request(exchange.command, target.path, target.query, dict(exchange.headers.items()), body, match.params)

    def _call(self, match: Match, request: Request) -> Response:
        with self.lock:
            try:
                return match.handler(request)
            except HttpError as exc:
                return exc.response
            except Exception:  # pylint: disable=broad-except  # a handler bug must not kill the connection
                traceback.print_exc(file=sys.stderr)
                return json_response({"message": "internal emulator error"}, 500)


def _nothing():
    """Delivery of an answer that was already sent."""


class _Handler(BaseHTTPRequestHandler):
    """Socket-level side of one connection; the Dispatcher decides, this class does the I/O."""

    protocol_version = "HTTP/1.1"
    server_version = "secops-emulator/1.0"
    timeout = 120  # idle keep-alive connections are closed after this many seconds
    # Headers and body are two writes: with Nagle's algorithm the body of a small answer waits
    # for the client's delayed ACK (40 ms on Linux) on every keep-alive request. Servers set
    # TCP_NODELAY for this reason.
    disable_nagle_algorithm = True

    def setup(self):
        if isinstance(self.request, ssl.SSLSocket):
            # The listening socket defers the handshake so a slow client cannot block accept().
            self.request.settimeout(self.timeout)
            self.request.do_handshake()
        super().setup()
        self.server.track(self.request)

    def finish(self):
        try:
            super().finish()
        finally:
            self.server.untrack(self.request)

    def _dispatch(self):
        self.server.dispatcher.handle(self)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _dispatch

    def read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            return self._read_chunked()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _read_chunked(self) -> bytes:
        chunks = []
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass  # skip trailers
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline()

    def send(self, response: Response, drip: Optional[float] = None, cut: bool = False) -> None:
        """Answer; ``drip`` sends the body at that many bytes per second, ``cut`` breaks off in its middle."""
        self.send_response(response.status)
        for name, value in response.headers:
            self.send_header(name, value)
        if response.endless:
            self.send_header("Transfer-Encoding", "chunked")
        elif response.status not in (204, 304):  # RFC 9110 forbids Content-Length on these
            self.send_header("Content-Length", str(len(response.body)))
        if self.close_connection or cut or response.endless or drip:
            self.close_connection = True
            self.send_header("Connection", "close")
        self.end_headers()
        try:
            self._write_body(response, drip, cut)
        except (BrokenPipeError, ConnectionResetError, socket.timeout):
            self.close_connection = True  # the client gave up, as a client facing these faults should

    def _write_body(self, response: Response, drip: Optional[float], cut: bool) -> None:
        if cut:
            self.wfile.write(response.body[:len(response.body) // 2])
            self.wfile.flush()
            self.drop()
        elif response.endless:
            chunk = b"%x\r\n%s\r\n" % (len(response.body), response.body)
            while True:
                self.wfile.write(chunk)
        elif drip:
            for index in range(len(response.body)):
                self.wfile.write(response.body[index:index + 1])
                self.wfile.flush()
                time.sleep(1.0 / drip)
        else:
            self.wfile.write(response.body)
            self.wfile.flush()

    def drop(self) -> None:
        """Close the connection without answering."""
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def version_string(self):
        return self.server_version  # no Python version in the Server header

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        pass  # requests are recorded in the RequestLog; per-request stderr lines would be noise


class HttpServer(ThreadingHTTPServer):
    """Threaded HTTP/1.1 server (HTTPS when given an SSL context) running in a background thread."""

    daemon_threads = True

    def __init__(self, dispatcher: Dispatcher, host: str = "127.0.0.1", port: int = 0, ssl_context: Optional[ssl.SSLContext] = None):
        super().__init__((host, port), _Handler)
        self.dispatcher = dispatcher
        self.scheme = "https" if ssl_context else "http"
        if ssl_context:
            self.socket = ssl_context.wrap_socket(self.socket, server_side=True, do_handshake_on_connect=False)
        self._connections = set()
        self._connections_lock = threading.Lock()
        self._thread = None

    def server_bind(self):
        # HTTPServer.server_bind resolves the FQDN of the host, which can stall on reverse DNS.
        TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"{self.scheme}://{host}:{port}"

    def start(self) -> "HttpServer":
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.1},
                                        name=f"emulator-{self.scheme}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread:
            self.shutdown()
            self._thread.join()
            self._thread = None
        self.server_close()
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:  # wake keep-alive handlers blocked on a read
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def track(self, connection) -> None:
        with self._connections_lock:
            self._connections.add(connection)

    def untrack(self, connection) -> None:
        with self._connections_lock:
            self._connections.discard(connection)

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], (ssl.SSLError, ConnectionError, TimeoutError)):
            return  # clients hanging up or refusing our certificate are expected
        super().handle_error(request, client_address)
