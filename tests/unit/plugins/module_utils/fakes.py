# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A stand-in for requests.Session that replays scripted answers and records what was sent."""

import json


class FakeRaw(object):
    def __init__(self, status, body=b"", headers=None):
        self.status_code = status
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
            headers = dict({"Content-Type": "application/json"}, **(headers or {}))
        elif isinstance(body, str):
            body = body.encode()
        self.content = body
        self.headers = headers or {}
        self.reason = ""
        self.raw = _FakeStream(body)
        self.closed = False

    @classmethod
    def streaming(cls, status, pieces, headers=None):
        """An answer whose body arrives in ``pieces``: bytes, or an exception raised where the body breaks."""
        answer = cls(status, b"", headers)
        answer.raw = _FakeStream(pieces)
        return answer

    def close(self):
        self.closed = True


class _FakeStream(object):
    """What the client reads a body from (urllib3's response): ``stream(amt, decode_content)``; pieces may be exceptions."""

    def __init__(self, pieces):
        self.pieces = pieces if isinstance(pieces, list) else [pieces]

    def stream(self, amt, decode_content=None):
        for piece in self.pieces:
            if isinstance(piece, BaseException):
                raise piece
            for start in range(0, len(piece), amt):
                yield piece[start:start + amt]


class FakeSession(object):
    """Each call pops the next scripted answer: a FakeRaw, or an exception to raise."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.sent = []
        self.headers = {}
        self.proxies = {}
        self.verify = True

    def request(self, method, url, **kwargs):
        self.sent.append(dict(kwargs, method=method, url=url))
        answer = self.answers.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        return answer


class FakeClock(object):
    """A monotonic clock that only moves when slept on: pass ``clock`` and ``clock.sleep`` to a Waiter."""

    def __init__(self):
        self.now = 0.0

    def sleep(self, seconds):
        self.now += seconds

    def __call__(self):
        return self.now


class FakeApi(object):
    """The one stand-in for what handlers use of ApiModule: params, client, check_mode, diff and warn.

    ``params`` are the vendor test's defaults updated with the test's own; ``answers`` are
    FakeRaw (or ``(status, body[, headers])`` tuples) or exceptions, replayed by a FakeSession.
    """

    def __init__(self, base, answers=(), defaults=None, check_mode=False, diff=False, retries=None, **params):
        # Imported here so that the session fakes above stay free of the collection.
        from ansible_collections.secops.executions.plugins.module_utils.client import HttpClient

        self.params = dict(defaults or {}, **params)
        self.check_mode = check_mode
        self.diff = diff
        self.warnings = []
        self.session = FakeSession(*[FakeRaw(*answer) if isinstance(answer, tuple) else answer for answer in answers])
        options = {} if retries is None else {"retries": retries}
        self.client = HttpClient(base, session=self.session, sleep=lambda seconds: None, **options)

    def warn(self, message):
        self.warnings.append(message)


def record_writes(monkeypatch, requests_sent):
    """Record each batch written to ``dest`` as (requests sent by then, items in the batch): a list streamed
    page by page shows a write after each page's request, not all of them after the last one."""
    from ansible_collections.secops.executions.plugins.module_utils import listing

    writes = []
    original = listing.Written.extend

    def extend(self, items):
        items = list(items)
        writes.append((requests_sent(), len(items)))
        return original(self, items)

    monkeypatch.setattr(listing.Written, "extend", extend)
    return writes
