# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one HTTP client every module uses.

It owns the session, timeouts, TLS, proxies, retries with ``Retry-After``,
the single re-authentication on 401 and the redaction of paths in errors. Each attempt
has one deadline from connect to the last byte (``timeout``) and one size cap on the
decoded body (``max_response_size``), so no server can keep a task alive or fill memory.
Vendor knowledge lives elsewhere: an auth strategy object supplies headers.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import email.utils
import json
import random
import re
import signal
import threading
import time
import traceback
import zlib

from http.client import responses as HTTP_REASONS
from urllib.parse import urlencode, urlsplit

try:
    import requests
    from requests import exceptions as req_exc
    from urllib3.exceptions import HTTPError as Urllib3Error
    from urllib3.exceptions import NewConnectionError
except ImportError:
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()
else:
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None

from ansible_collections.secops.executions.plugins.module_utils.redaction import redact_url
from ansible_collections.secops.executions.plugins.module_utils.errors import (
    ApiError,
    AuthenticationError,
    ResponseFormatError,
    ResponseTooLargeError,
    SecopsError,
    TransportError,
    UncertainWriteError,
    vendor_message,
)

COLLECTION_VERSION = "0.2.0"
USER_AGENT = "secops.executions/{0}".format(COLLECTION_VERSION)

# Statuses worth another try. Only 429 is safe for a write: the server refused
# it before doing anything. 500/502/503/504 may come after the write happened.
RETRY_STATUSES = frozenset((429, 500, 502, 503, 504))
SAFE_WRITE_RETRY_STATUSES = frozenset((429,))
IDEMPOTENT_METHODS = frozenset(("GET", "HEAD", "PUT", "DELETE", "OPTIONS"))
READ_METHODS = frozenset(("GET", "HEAD", "OPTIONS"))
BACKOFF_BASE = 1.0
BACKOFF_CAP = 30.0
# 32 MiB: hundreds of times the largest page the vendors document (option max_response_size).
DEFAULT_MAX_RESPONSE_SIZE = 32 * 1024 * 1024
# Bodies are read, and decompressed, in pieces of this size: a gzip bomb stops at the cap.
READ_CHUNK = 64 * 1024
# Only encodings the client can decode with a bound (requests would also offer br/zstd when installed).
ACCEPT_ENCODING = "gzip, deflate"

CONNECTION_HINT = "Check api_url, the network path and the proxy settings"
TLS_HINT = "Set ca_path to the CA bundle that signed the server certificate, or validate_certs: false for a test system"
PROXY_HINT = "Check the proxy option and the *_proxy environment variables"
HEADER_HINT = "Check the access token and the credentials for stray characters (a token read from a file may end with a line break)"
NOT_FOUND_WARNING = ("{0} {1} answered 404 without the API's JSON error body and was taken as 'not found'; "
                     "if api_url points to another service, nothing was checked")
REDIRECT_HINT = "The server redirects to {0}; set api_url to the final address (for example https:// instead of http://)"
WAIT_OVER_HINT = "The wait_timeout ends before another try"


def retry_after_seconds(value, now=None):
    """Seconds asked by a ``Retry-After`` header (delta seconds or an HTTP date), or None."""
    if value is None:
        return None
    value = value.strip()
    if re.match(r"^[0-9]+$", value):  # not str.isdigit(): it accepts "²"
        return float(value)
    try:
        stamp = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if stamp is None:
        return None
    now = time.time() if now is None else now
    return max(0.0, stamp.timestamp() - now)


def backoff_delay(attempt, rand=random.random):
    """Exponential backoff with equal jitter: half fixed, half random."""
    ceiling = min(BACKOFF_CAP, BACKOFF_BASE * (2 ** attempt))
    return ceiling / 2.0 + rand() * ceiling / 2.0


def build_proxies(proxy):
    """``proxy`` as a URL string or a scheme->URL dict; None keeps the *_proxy environment variables."""
    if not proxy:
        return None
    if isinstance(proxy, dict):
        return dict(proxy)
    return {"http": proxy, "https": proxy}


class _RetryableTransportError(Exception):
    """No answer, but nothing can have happened on the server: safe to send again."""

    def __init__(self, reason):
        super(_RetryableTransportError, self).__init__(reason)
        self.reason = reason


class Response(object):
    """What a request produced: status, headers and the body, parsed on demand."""

    def __init__(self, method, path, status, headers, content, mask=None):
        self.method = method
        self.path = path
        self.status = status
        self.headers = headers
        self.content = content or b""
        # What removes echoed secrets from a message made of the body (a SecretMask), if any.
        self.mask = mask

    @property
    def text(self):
        return self.content.decode("utf-8", "replace")

    @property
    def json(self):
        """The JSON body; an HTML page, broken JSON or an empty body is a ResponseFormatError."""
        content_type = self.headers.get("Content-Type", "")
        if not self.content.strip():
            raise ResponseFormatError(self.method, self.path, self.status, "an empty body where JSON was expected")
        if "html" in content_type.lower():
            raise ResponseFormatError(
                self.method, self.path, self.status,
                "an HTML page where JSON was expected ({0}); is the API URL right?".format(
                    vendor_message(self.content, content_type, self.mask)),
            )
        try:
            return json.loads(self.text)
        except ValueError as exc:
            raise ResponseFormatError(self.method, self.path, self.status, "a body that is not valid JSON ({0})".format(exc))
        except RecursionError:
            raise ResponseFormatError(self.method, self.path, self.status, "JSON nested too deeply to read")

    @property
    def json_or_none(self):
        """The JSON body, or None for an empty one (for 204-style answers)."""
        return self.json if self.content.strip() else None


# What an answer calls for (HttpClient._classify).
ACCEPT, REAUTHENTICATE, RETRY, FAIL = "accept", "reauthenticate", "retry", "fail"


class Call(object):
    """One logical request, however many attempts it takes.

    ``idempotent`` overrides the method's default: token requests are POSTs that are safe
    to repeat. ``ok`` and ``allow_status`` are the statuses returned rather than raised.
    ``what`` names the object a write creates, for the message when its outcome is
    unknown; ``outcome`` words what to check (default: "was created", or "took effect" for
    PATCH and PUT). ``hint`` is added to an error. ``json_body`` may be a function that
    makes the body: it is called for each attempt, for bodies that must not be sent twice
    (a signed one-time assertion).
    """

    def __init__(self, client, method, path, query=None, json_body=None, data=None, headers=None, use_auth=True,
                 idempotent=None, ok=(200, 201, 202, 204), allow_status=(), what=None, outcome=None, hint=None):
        self.method = method.upper()
        self.idempotent = self.method in IDEMPOTENT_METHODS if idempotent is None else idempotent
        self.url = client.url(path)
        self.shown_path = redact_url(_path_for_messages(self.url, query))
        self.query = query
        self.json_body = json_body
        self.data = data
        self.headers = headers or {}
        self.use_auth = bool(use_auth and client.auth is not None)
        self.accepted = tuple(ok) + tuple(allow_status)
        self.what = what
        self.outcome = outcome
        self.hint = hint
        # Token requests are POSTs without the API's auth: they change nothing the task reports.
        self.is_write = self.method not in READ_METHODS and bool(use_auth)
        self.attempt = 0
        self.reauthenticated = False
        self.wait_over = False

    def body(self):
        return self.json_body() if callable(self.json_body) else self.json_body


class HttpClient(object):
    """One session against one API base URL.

    ``auth`` is a strategy with ``headers(client)`` and ``reauthenticate(client)``;
    it may be None for token endpoints.
    """

    def __init__(self, base_url, timeout=30, validate_certs=True, ca_path=None, proxy=None, retries=3, retry_max_wait=60,
                 max_response_size=DEFAULT_MAX_RESPONSE_SIZE, warn=None, sleep=time.sleep, clock=time.monotonic, guard=None,
                 auth=None, session=None, mask=None):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retries = retries
        self.retry_max_wait = retry_max_wait
        self.max_response_size = max_response_size
        self.auth = auth
        # mask(text) removes the secrets the caller knows (a SecretMask) from messages made of a server's answer.
        self.mask = mask
        self.request_count = 0
        # Writes the server answered (any status below 400) and writes whose fate is unknown: a
        # failure after either reports changed=true.
        self.writes = 0
        self._warn = warn or (lambda message: None)
        self._sleep = sleep
        self._clock = clock
        # guard(doing) raises when the task should not go on (Ansible is gone); called before
        # every request and every sleep.
        self._guard = guard or (lambda doing: None)
        self._waited = 0.0
        self._stop_retrying_at = None
        self.session = session or _Session(getattr(auth, "header_names", tuple)())
        self.session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json", "Accept-Encoding": ACCEPT_ENCODING})
        # Passed on every request too: requests lets REQUESTS_CA_BUNDLE override a session-level value.
        self.verify = ca_path if (ca_path and validate_certs) else bool(validate_certs)
        self.session.verify = self.verify
        if not validate_certs:
            _silence_insecure_warning()
        proxies = build_proxies(proxy)
        if proxies:
            self.session.proxies.update(proxies)

    @property
    def wrote(self):
        """True once a write reached the server (or may have)."""
        return self.writes > 0

    def sleep(self, seconds, doing="waiting"):
        """Sleep, unless the task should stop (the guard raises first)."""
        self._guard(doing)
        self._sleep(seconds)

    @contextlib.contextmanager
    def retries_until(self, deadline):
        """Inside the block, no retry starts that would begin after ``deadline`` (a ``clock`` value): a wait's end."""
        previous = self._stop_retrying_at
        self._stop_retrying_at = deadline
        try:
            yield
        finally:
            self._stop_retrying_at = previous

    def url(self, path):
        if path.startswith("http://") or path.startswith("https://"):
            return path
        # The last guard behind each module's option checks: a '.' or '..' segment would reach another endpoint.
        if any(part in (".", "..") for part in path.split("?", 1)[0].split("/")):
            raise SecopsError("refusing to send a request to {0}: a path segment made only of dots would reach another "
                              "API endpoint".format(path))
        return "{0}/{1}".format(self.base_url, path.lstrip("/"))

    def not_found(self, response):
        """True for a 404 (taken as "no such object"); warns when its body is not an API error (a wrong api_url).

        Assumption: the three APIs describe a missing object in a JSON object body. A 404 without
        one (an HTML page, an empty body) still means "not found", which is the tolerant reading,
        but the task says it may have reached the wrong service.
        """
        if response.status != 404:
            return False
        try:
            is_api_error = isinstance(response.json_or_none, dict)
        except ResponseFormatError:
            is_api_error = False
        if not is_api_error:
            self._warn(NOT_FOUND_WARNING.format(response.method, response.path))
        return True

    # Verb shortcuts keep call sites short and explicit about success statuses.
    def get(self, path, query=None, **kwargs):
        return self.request("GET", path, query=query, **kwargs)

    def post(self, path, **kwargs):
        return self.request("POST", path, **kwargs)

    def put(self, path, **kwargs):
        return self.request("PUT", path, **kwargs)

    def patch(self, path, **kwargs):
        return self.request("PATCH", path, **kwargs)

    def delete(self, path, **kwargs):
        return self.request("DELETE", path, **kwargs)

    def request(self, method, path, **options):
        """Send a request and return a Response whose status is in ``ok`` or ``allow_status``.

        ``options`` are those of ``Call``. One loop of attempts: the transport's failures and
        the server's answers are classified (``_classify``), and each class has one action.
        """
        call = Call(self, method, path, **options)
        while True:
            response = self._attempt(call)
            if response is None:  # a transport failure that will be retried
                continue
            verdict = self._classify(call, response)
            if verdict == REAUTHENTICATE:
                # One fresh token per request; a second 401 means the credentials are the problem.
                call.reauthenticated = True
                if self.auth.reauthenticate(self):
                    continue
                verdict = self._classify(call, response)
            if verdict == ACCEPT:
                return response
            if verdict == RETRY:
                call.attempt += 1
                wait = retry_after_seconds(response.headers.get("Retry-After"))
                delay = self._retry_delay(call, wait)
                if delay is not None:
                    self._pause(call, "HTTP {0}".format(response.status), delay, wait is not None)
                    continue
                raise self._error(response, hint=self._exhausted_hint(call, wait) or call.hint)
            hint = call.hint
            if response.status == 401 and call.use_auth and not hint:
                hint = self.auth.unauthorized_hint
            raise self._error(response, hint=hint)

    @staticmethod
    def _classify(call, response):
        """What an answer calls for: ACCEPT, REAUTHENTICATE (a first 401), RETRY or FAIL."""
        status = response.status
        if status == 401 and call.use_auth and not call.reauthenticated:
            return REAUTHENTICATE
        if status in (RETRY_STATUSES if call.idempotent else SAFE_WRITE_RETRY_STATUSES):
            return RETRY
        if status in call.accepted:
            return ACCEPT
        return FAIL

    def _attempt(self, call):
        """One attempt: the Response, or None after a transport failure that is retried (after the pause)."""
        headers = dict(call.headers)
        if call.use_auth:
            headers.update(self.auth.headers(self))
        # Every request, not only writes: nobody waits for the answer when Ansible is gone.
        self._guard("sending {0} {1}".format(call.method, call.shown_path))
        try:
            return self._send(call, headers)
        except _RetryableTransportError as exc:
            call.attempt += 1
            delay = self._retry_delay(call, None)
            if delay is not None:
                self._pause(call, exc.reason, delay, False)
                return None
            tries = "1 attempt" if call.attempt == 1 else "{0} attempts".format(call.attempt)
            hint = WAIT_OVER_HINT if call.wait_over else CONNECTION_HINT
            raise TransportError(call.method, call.shown_path, "{0} ({1})".format(exc.reason, tries), hint=hint)

    def _send(self, call, headers):
        """One HTTP exchange within ``timeout`` seconds, connect to last byte.

        A failure safe to retry raises _RetryableTransportError; a write whose fate is unknown raises UncertainWriteError.
        """
        self.request_count += 1
        deadline = self._clock() + self.timeout
        raw = None
        try:
            with _alarm(self.timeout):
                raw = self._open(call, headers)
                try:
                    return self._answer(call, raw, deadline)
                finally:
                    raw.close()
        except _DeadlinePassed:
            # After the headers, the server answered (and a write was counted): only the body is missing.
            reason = "no {0}answer within the {1} s timeout".format("complete " if raw is not None else "", _seconds(self.timeout))
            raise self._lost(call, reason, answered=raw is not None)

    def _open(self, call, headers):
        """Send the request and read the status and headers."""
        method, shown_path = call.method, call.shown_path
        try:
            return self.session.request(
                method, call.url, params=call.query, json=call.body(), data=call.data, headers=headers, stream=True,
                timeout=self.timeout, allow_redirects=method in ("GET", "HEAD"), verify=self.verify,
                hooks={"response": [_skip_redirect_body]},
            )
        except req_exc.SSLError as exc:
            raise TransportError(method, shown_path, "TLS error: {0}".format(_tls_reason(exc)), hint=TLS_HINT)
        except req_exc.ProxyError as exc:
            raise TransportError(method, shown_path, "proxy error: {0}".format(_short(exc)), hint=PROXY_HINT)
        except (req_exc.ConnectTimeout, req_exc.ConnectionError, req_exc.Timeout) as exc:
            if _never_sent(exc):
                raise _RetryableTransportError(_short(exc))
            raise self._lost(call, _short(exc))
        except req_exc.InvalidHeader:
            # Never the exception's text: it holds repr() of the header value, a token or a credential.
            raise TransportError(method, shown_path, "a request header holds a line break or another character HTTP does not allow",
                                 hint=HEADER_HINT)
        except req_exc.RequestException as exc:
            raise TransportError(method, shown_path, _short(exc))

    def _answer(self, call, raw, deadline):
        """The Response of an answer whose headers arrived; its body read within the cap and the deadline."""
        if call.is_write and raw.status_code < 400:
            self.writes += 1
        if 300 <= raw.status_code < 400:
            location = redact_url(raw.headers.get("Location", "?"))
            raise ApiError(call.method, call.shown_path, raw.status_code, raw.reason or "", hint=REDIRECT_HINT.format(location))
        try:
            content = read_body(raw, self.max_response_size, deadline, self._clock)
        except _TooLarge as exc:
            raise ResponseTooLargeError(call.method, call.shown_path, raw.status_code, self.max_response_size, exc.declared)
        except _BODY_ERRORS as exc:
            # Headers came, the body broke off: like a dropped connection, but the server did answer.
            raise self._lost(call, "the connection broke while reading the answer ({0})".format(_short(exc)), answered=True)
        return Response(call.method, call.shown_path, raw.status_code, raw.headers, content, self.mask)

    def _lost(self, call, reason, answered=False):
        """The error for an answer that never came whole: retried for a repeatable request, uncertain for a write."""
        if call.idempotent:
            return _RetryableTransportError(reason)
        if call.is_write and not answered:
            self.writes += 1  # when answered, counted as the headers arrived
        return UncertainWriteError(call.method, call.shown_path, reason, what=call.what or "the object", outcome=call.outcome)

    def _retry_delay(self, call, wait):
        """Seconds to pause before the next attempt, or None when no retry is allowed (retries, retry_max_wait, a wait's end)."""
        if call.attempt > self.retries:
            return None
        if wait is not None and self._waited + wait > self.retry_max_wait:
            return None
        delay = wait if wait is not None else backoff_delay(call.attempt - 1)
        delay = min(delay, max(0.0, self.retry_max_wait - self._waited))
        if self._stop_retrying_at is not None and self._clock() + delay >= self._stop_retrying_at:
            call.wait_over = True
            return None
        return delay

    def _pause(self, call, cause, delay, asked):
        self._warn("{0} {1}: {2}, retry {3} of {4} in {5:.1f} s{6}".format(
            call.method, call.shown_path, cause, call.attempt, self.retries, delay, " (Retry-After)" if asked else ""))
        self._waited += delay
        self.sleep(delay, "waiting to retry {0} {1}".format(call.method, call.shown_path))

    def _exhausted_hint(self, call, wait):
        if call.wait_over:
            return WAIT_OVER_HINT
        if wait is not None and self._waited + wait > self.retry_max_wait:
            return "The server asked to wait {0:.0f} s, more than retry_max_wait ({1} s) allows".format(wait, self.retry_max_wait)
        if call.attempt > 1:
            return "Gave up after {0} retries".format(call.attempt - 1)
        return None

    @staticmethod
    def _error(response, hint=None):
        message = vendor_message(response.content, response.headers.get("Content-Type", ""), response.mask)
        cls = AuthenticationError if response.status == 401 else ApiError
        reason = HTTP_REASONS.get(response.status, "")
        return cls(response.method, response.path, response.status, reason, message, hint=hint)


# --- the body: read within the size cap and the deadline ---------------------------------------------

class _DeadlinePassed(Exception):
    """The attempt's ``timeout`` ran out (raised by the alarm or between two pieces of the body)."""


class _TooLarge(Exception):
    def __init__(self, declared=None):
        super(_TooLarge, self).__init__(declared)
        self.declared = declared


# What a body broken off after the headers raises: urllib3's ProtocolError/ReadTimeoutError/DecodeError
# (all HTTPError), a socket error, or a corrupt compressed stream.
_BODY_ERRORS = (Urllib3Error, OSError, zlib.error, req_exc.RequestException) if HAS_REQUESTS else ()


def read_body(raw, limit, deadline, clock=time.monotonic):
    """The decoded body of ``raw`` (a requests response opened with ``stream=True``), at most ``limit`` bytes.

    A ``Content-Length`` above the limit is refused before reading; compressed bodies are decoded
    piece by piece, so the limit counts decoded bytes and is never exceeded by much.
    """
    declared = _content_length(raw.headers)
    if declared is not None and declared > limit:
        raise _TooLarge(declared)
    decoder = _Decoder(raw.headers.get("Content-Encoding"))
    body = bytearray()
    for chunk in raw.raw.stream(READ_CHUNK, decode_content=False):
        for piece in decoder.decode(chunk):
            body += piece
            if len(body) > limit:
                raise _TooLarge()
        if clock() > deadline:
            raise _DeadlinePassed()
    body += decoder.flush()
    if len(body) > limit:
        raise _TooLarge()
    return bytes(body)


def _skip_redirect_body(response, *args, **kwargs):
    """requests reads a redirect's body before it follows the redirect: never used, it could also be endless."""
    if response.is_redirect:
        response.raw.close()
        response._content, response._content_consumed = b"", True  # pylint: disable=protected-access
    return response


def _content_length(headers):
    value = (headers.get("Content-Length") or "").strip()
    return int(value) if re.match(r"^[0-9]+$", value) else None


class _Decoder(object):
    """Undoes ``Content-Encoding: gzip`` or ``deflate`` in pieces of at most READ_CHUNK bytes."""

    def __init__(self, encoding):
        encoding = (encoding or "").strip().lower()
        self._wbits = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}.get(encoding)
        self._raw_deflate_tried = False
        self._zlib = zlib.decompressobj(self._wbits) if self._wbits else None

    def decode(self, data):
        if self._zlib is None:
            yield data
            return
        pending = data
        while pending:
            try:
                piece = self._zlib.decompress(pending, READ_CHUNK)
            except zlib.error:
                if self._wbits != zlib.MAX_WBITS or self._raw_deflate_tried:
                    raise
                # "deflate" without its zlib header, as some servers send it.
                self._raw_deflate_tried = True
                self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                continue
            self._raw_deflate_tried = True
            if piece:
                yield piece
            pending = self._zlib.unconsumed_tail
            if not pending and self._zlib.eof and self._zlib.unused_data:
                pending = self._zlib.unused_data  # a gzip stream of several members
                self._zlib = zlib.decompressobj(self._wbits)

    def flush(self):
        return self._zlib.flush() if self._zlib is not None else b""


@contextlib.contextmanager
def _alarm(seconds):
    """Raise _DeadlinePassed in this thread after ``seconds``, wherever it blocks (connect, TLS, headers, body).

    Socket timeouts bound each read, not the whole answer: a server that drips a byte now and
    then would never time out. Signals reach only the main thread; elsewhere the body loop's
    own check remains.
    """
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _deadline_passed)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)


def _deadline_passed(signum, frame):
    raise _DeadlinePassed()


def _seconds(value):
    return "{0:g}".format(value)


# --- redirects: credentials stay with their origin ---------------------------------------------

if HAS_REQUESTS:
    class _Session(requests.Session):
        """A session that drops every credential header, not only Authorization, on a redirect to another origin."""

        def __init__(self, credential_headers=()):
            super(_Session, self).__init__()
            self.credential_headers = tuple(credential_headers)

        def rebuild_auth(self, prepared_request, response):
            if self.should_strip_auth(response.request.url, prepared_request.url):
                for name in self.credential_headers:
                    prepared_request.headers.pop(name, None)
            super(_Session, self).rebuild_auth(prepared_request, response)


def _path_for_messages(url, query):
    path = urlsplit(url).path
    if query:
        path = "{0}?{1}".format(path, urlencode(sorted((k, v) for k, v in query.items() if v is not None), doseq=True))
    return path


def _never_sent(exc):
    """True when the failure happened before any byte of the request left this host."""
    if isinstance(exc, req_exc.ConnectTimeout):
        return True
    # requests wraps urllib3's MaxRetryError, whose reason is the NewConnectionError.
    current = exc
    for dummy in range(5):
        if isinstance(current, NewConnectionError):
            return True
        wrapped = getattr(current, "reason", None)
        if wrapped is None and current.args and isinstance(current.args[0], BaseException):
            wrapped = current.args[0]
        if wrapped is None:
            return False
        current = wrapped
    return False


# What a transport failure means, from the text urllib3 wraps it in (first match wins).
_REASONS = (
    (re.compile(r"\[Errno -?\d+\] ([^'\")]+)"), "{0}"),  # Connection refused, Name or service not known...
    (re.compile(r"Read timed out\. \(read timeout=([\d.]+)\)"), "no answer within the {0} s timeout"),
    (re.compile(r"timed out"), "timed out"),
    (re.compile(r"Remote end closed connection|RemoteDisconnected|Connection aborted"), "the server closed the connection without answering"),
)


def _short(exc):
    text = str(exc)
    for pattern, template in _REASONS:
        match = pattern.search(text)
        if match:
            return template.format(*[group.strip() for group in match.groups()])
    return re.sub(r"<urllib3\.[^>]+>:?\s*", "", text)[:300]


def _tls_reason(exc):
    match = re.search(r"\[SSL: [A-Z_]+\] ([^'\"]+)", str(exc))
    return match.group(1).strip() if match else _short(exc)


def _silence_insecure_warning():
    try:
        import urllib3
        urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
    except Exception:  # pylint: disable=broad-except
        pass
