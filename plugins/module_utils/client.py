# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one HTTP client every module uses.

It owns the session, timeouts, TLS, proxies, retries with ``Retry-After``,
the single re-authentication on 401 and the redaction of paths in errors.
Vendor knowledge lives elsewhere: an auth strategy object supplies headers.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import email.utils
import json
import random
import re
import time
import traceback

from http.client import responses as HTTP_REASONS
from urllib.parse import urlencode, urlsplit

try:
    import requests
    from requests import exceptions as req_exc
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
    TransportError,
    UncertainWriteError,
    vendor_message,
)

COLLECTION_VERSION = "0.1.0"
USER_AGENT = "secops.executions/{0}".format(COLLECTION_VERSION)

# Statuses worth another try. Only 429 is safe for a write: the server refused
# it before doing anything. 500/502/503/504 may come after the write happened.
RETRY_STATUSES = frozenset((429, 500, 502, 503, 504))
SAFE_WRITE_RETRY_STATUSES = frozenset((429,))
IDEMPOTENT_METHODS = frozenset(("GET", "HEAD", "PUT", "DELETE", "OPTIONS"))
BACKOFF_BASE = 1.0
BACKOFF_CAP = 30.0

CONNECTION_HINT = "Check api_url, the network path and the proxy settings"
TLS_HINT = "Set ca_path to the CA bundle that signed the server certificate, or validate_certs: false for a test system"
PROXY_HINT = "Check the proxy option and the *_proxy environment variables"
REDIRECT_HINT = "The server redirects to {0}; set api_url to the final address (for example https:// instead of http://)"


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

    def __init__(self, method, path, status, headers, content):
        self.method = method
        self.path = path
        self.status = status
        self.headers = headers
        self.content = content or b""

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
                "an HTML page where JSON was expected ({0}); is the API URL right?".format(vendor_message(self.content, content_type)),
            )
        try:
            return json.loads(self.text)
        except ValueError as exc:
            raise ResponseFormatError(self.method, self.path, self.status, "a body that is not valid JSON ({0})".format(exc))

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
        self.attempt = 0
        self.reauthenticated = False

    def body(self):
        return self.json_body() if callable(self.json_body) else self.json_body


class HttpClient(object):
    """One session against one API base URL.

    ``auth`` is a strategy with ``headers(client)`` and ``reauthenticate(client)``;
    it may be None for token endpoints.
    """

    def __init__(self, base_url, timeout=30, validate_certs=True, ca_path=None, proxy=None,
                 retries=3, retry_max_wait=60, warn=None, sleep=time.sleep, auth=None, session=None):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retries = retries
        self.retry_max_wait = retry_max_wait
        self.auth = auth
        self.request_count = 0
        self._warn = warn or (lambda message: None)
        self._sleep = sleep
        self._waited = 0.0
        self.session = session or requests.Session()
        self.session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})
        # Passed on every request too: requests lets REQUESTS_CA_BUNDLE override a session-level value.
        self.verify = ca_path if (ca_path and validate_certs) else bool(validate_certs)
        self.session.verify = self.verify
        if not validate_certs:
            _silence_insecure_warning()
        proxies = build_proxies(proxy)
        if proxies:
            self.session.proxies.update(proxies)

    def url(self, path):
        if path.startswith("http://") or path.startswith("https://"):
            return path
        return "{0}/{1}".format(self.base_url, path.lstrip("/"))

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
                if self._may_retry(call.attempt, wait):
                    self._pause(call, "HTTP {0}".format(response.status), wait)
                    continue
                raise self._error(response, hint=self._exhausted_hint(call.attempt, wait) or call.hint)
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
        try:
            return self._send(call, headers)
        except _RetryableTransportError as exc:
            call.attempt += 1
            if self._may_retry(call.attempt, None):
                self._pause(call, exc.reason, None)
                return None
            tries = "1 attempt" if call.attempt == 1 else "{0} attempts".format(call.attempt)
            raise TransportError(call.method, call.shown_path, "{0} ({1})".format(exc.reason, tries), hint=CONNECTION_HINT)

    def _send(self, call, headers):
        """One HTTP exchange; a failure safe to retry raises _RetryableTransportError, a write whose fate is unknown raises."""
        self.request_count += 1
        method, shown_path = call.method, call.shown_path
        try:
            raw = self.session.request(
                method, call.url, params=call.query, json=call.body(), data=call.data, headers=headers,
                timeout=self.timeout, allow_redirects=method in ("GET", "HEAD"), verify=self.verify,
            )
        except req_exc.SSLError as exc:
            raise TransportError(method, shown_path, "TLS error: {0}".format(_tls_reason(exc)), hint=TLS_HINT)
        except req_exc.ProxyError as exc:
            raise TransportError(method, shown_path, "proxy error: {0}".format(_short(exc)), hint=PROXY_HINT)
        except (req_exc.ConnectTimeout, req_exc.ConnectionError, req_exc.Timeout) as exc:
            if _never_sent(exc) or call.idempotent:
                raise _RetryableTransportError(_short(exc))
            raise UncertainWriteError(method, shown_path, _short(exc), what=call.what or "the object", outcome=call.outcome)
        except req_exc.RequestException as exc:
            raise TransportError(method, shown_path, _short(exc))
        if 300 <= raw.status_code < 400:
            location = redact_url(raw.headers.get("Location", "?"))
            raise ApiError(method, shown_path, raw.status_code, raw.reason or "", hint=REDIRECT_HINT.format(location))
        return Response(method, shown_path, raw.status_code, raw.headers, raw.content)

    def _may_retry(self, attempt, wait):
        if attempt > self.retries:
            return False
        if wait is not None and self._waited + wait > self.retry_max_wait:
            return False
        return True

    def _pause(self, call, cause, wait):
        delay = wait if wait is not None else backoff_delay(call.attempt - 1)
        delay = min(delay, max(0.0, self.retry_max_wait - self._waited))
        self._warn("{0} {1}: {2}, retry {3} of {4} in {5:.1f} s{6}".format(
            call.method, call.shown_path, cause, call.attempt, self.retries, delay, " (Retry-After)" if wait is not None else ""))
        self._waited += delay
        self._sleep(delay)

    def _exhausted_hint(self, attempt, wait):
        if wait is not None and self._waited + wait > self.retry_max_wait:
            return "The server asked to wait {0:.0f} s, more than retry_max_wait ({1} s) allows".format(wait, self.retry_max_wait)
        if attempt > 1:
            return "Gave up after {0} retries".format(attempt - 1)
        return None

    @staticmethod
    def _error(response, hint=None):
        message = vendor_message(response.content, response.headers.get("Content-Type", ""))
        cls = AuthenticationError if response.status == 401 else ApiError
        reason = HTTP_REASONS.get(response.status, "")
        return cls(response.method, response.path, response.status, reason, message, hint=hint)


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
