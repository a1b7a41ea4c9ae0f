# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Typed errors that render themselves into one readable ``fail_json``.

Every failure a module can meet is one of these, so each module needs a single
``except SecopsError`` and never shows a traceback.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import json
import re

_HTML_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")
# Keys vendors put their human message under, most specific first.
_MESSAGE_KEYS = ("message", "Message", "error_description", "errorMessage", "ErrorMessage", "detail", "title", "error", "Error")
MAX_MESSAGE = 300


class SecopsError(Exception):
    """Base of every error the collection raises on purpose."""

    def __init__(self, msg, **details):
        super(SecopsError, self).__init__(msg)
        self.msg = msg
        self.details = details

    def fail_kwargs(self):
        """Keyword arguments for ``AnsibleModule.fail_json``."""
        kwargs = dict(self.details)
        kwargs["msg"] = self.msg
        return kwargs


class OptionError(SecopsError):
    """Invalid input, found before any request was sent."""

    def __init__(self, option, problem):
        super(OptionError, self).__init__("{0}: {1}".format(option, problem), option=option)
        self.option = option


class TransportError(SecopsError):
    """No HTTP response: refused connection, timeout, TLS failure, dropped socket."""

    def __init__(self, method, path, reason, hint=None):
        msg = "{0} {1} failed: {2}".format(method, path, reason)
        if hint:
            msg = "{0}. {1}".format(msg, hint)
        super(TransportError, self).__init__(msg, method=method, path=path)


class UncertainWriteError(TransportError):
    """A write may have reached the server, but no answer came back.

    It is never re-sent: a second POST could start a second execution.
    """

    def __init__(self, method, path, reason, what="the object", outcome=None):
        # A POST creates (an object, a run), a PATCH changes one; callers word other writes themselves.
        outcome = outcome or ("took effect" if method in ("PATCH", "PUT") else "was created")
        hint = (
            "The request may have reached the server and was not sent again; "
            "check whether {0} {1} before running the task again".format(what, outcome)
        )
        super(UncertainWriteError, self).__init__(method, path, reason, hint)


class ApiError(SecopsError):
    """The server answered with an unexpected status."""

    def __init__(self, method, path, status, reason="", vendor_message="", hint=None):
        msg = "{0} {1} returned HTTP {2}".format(method, path, status)
        if reason:
            msg = "{0} {1}".format(msg, reason)
        if vendor_message:
            msg = "{0}: {1}".format(msg, vendor_message)
        if hint:
            msg = "{0}. {1}".format(msg, hint)
        super(ApiError, self).__init__(msg, status=status, method=method, path=path)
        self.status = status
        self.reason = reason
        self.vendor_message = vendor_message

    def with_hint(self, hint):
        """The same answer, said again with what would fix it."""
        return type(self)(self.details["method"], self.details["path"], self.status, self.reason, self.vendor_message, hint=hint)


@contextlib.contextmanager
def hint_on(status, hint):
    """Inside the block, an ApiError with ``status`` is raised again carrying ``hint`` (say, what a 403 lacked)."""
    try:
        yield
    except ApiError as exc:
        if exc.status != status:
            raise
        raise exc.with_hint(hint)


@contextlib.contextmanager
def after_write(changed, **ids):
    """Inside the block, a failure also says whether the task changed something and which object it is about.

    Details the failure already has win: a failure that knows better keeps its own words.
    """
    try:
        yield
    except SecopsError as exc:
        if changed:
            exc.details.setdefault("changed", True)
        for key, value in ids.items():
            if value is not None:
                exc.details.setdefault(key, value)
        raise


class AuthenticationError(ApiError):
    """Credentials or token refused (401), after the one re-authentication allowed."""


class ResponseFormatError(SecopsError):
    """A 2xx answer whose body is not what the API documents (HTML, broken JSON, empty)."""

    def __init__(self, method, path, status, problem):
        msg = "{0} {1} returned HTTP {2} with {3}".format(method, path, status, problem)
        super(ResponseFormatError, self).__init__(msg, status=status, method=method, path=path)


class ResponseTooLargeError(SecopsError):
    """An answer larger than ``max_response_size``: refused from its Content-Length, or read no further than the cap."""

    def __init__(self, method, path, status, limit, declared=None):
        size = "announces {0} bytes".format(declared) if declared is not None else "is larger"
        msg = ("{0} {1} returned HTTP {2} with a body that {3}, more than max_response_size ({4} bytes) allows; "
               "it was not read further. Raise max_response_size if the answer is really this large").format(
            method, path, status, size, limit)
        super(ResponseTooLargeError, self).__init__(msg, status=status, method=method, path=path)


class ControllerGoneError(SecopsError):
    """Ansible no longer waits for this module (killed, or the task's ``timeout`` passed): stop before doing more."""

    def __init__(self, doing):
        super(ControllerGoneError, self).__init__(
            "Stopped before {0}: the Ansible process that started this module has ended".format(doing))


class WaitTimeoutError(SecopsError):
    """The remote work did not finish within ``wait_timeout``; it is left running."""

    def __init__(self, msg, **details):
        super(WaitTimeoutError, self).__init__(msg, **details)


def vendor_message(body, content_type="", mask=None):
    """Best human-readable message from an error body, whatever its shape.

    ``mask`` (text -> text) removes the secrets a server may echo, before the message is cut to
    its length: a secret cut in two would no longer match what masks it later.
    """
    if not body:
        return ""
    if isinstance(body, bytes):
        body = body.decode("utf-8", "replace")
    parsed = None
    if "html" not in content_type.lower():
        try:
            parsed = json.loads(body)
        except ValueError:
            parsed = None
    text = _message_from_json(parsed) if parsed is not None else None
    if text is None:
        text = _HTML_TAG.sub(" ", body) if "<" in body else body
    text = _SPACES.sub(" ", str(text)).strip()
    if mask is not None:
        text = mask(text)
    if len(text) > MAX_MESSAGE:
        text = text[:MAX_MESSAGE].rstrip() + "..."
    return text


def _message_from_json(parsed):
    if isinstance(parsed, str):
        return parsed
    if isinstance(parsed, list) and parsed:
        return _message_from_json(parsed[0])
    if isinstance(parsed, dict):
        found = [parsed[key] for key in _MESSAGE_KEYS if parsed.get(key)]
        for value in found:
            if isinstance(value, str):
                # OAuth answers carry a code in "error" and prose in "error_description".
                return value
        for value in found:
            nested = _message_from_json(value)
            if nested:
                return nested
        errors = parsed.get("errors") or parsed.get("Errors")
        if errors:
            return _message_from_json(errors)
        return json.dumps(parsed, sort_keys=True)
    return None


class MissingLibraryError(SecopsError):
    """A Python library the module needs is not importable by the interpreter running it."""

    def __init__(self, library, import_traceback=None):
        # Imported here so that errors.py stays importable without ansible in unit tests of pure helpers.
        from ansible.module_utils.basic import missing_required_lib

        super(MissingLibraryError, self).__init__(missing_required_lib(library))
        self.import_traceback = import_traceback

    def fail_kwargs(self):
        kwargs = super(MissingLibraryError, self).fail_kwargs()
        if self.import_traceback:
            kwargs["exception"] = self.import_traceback
        return kwargs
