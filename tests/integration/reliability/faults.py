# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The columns of the matrix: each fault, which request of a row it hits, and what it must do.

A fault's expectation is derived from the row's clean requests: a retried fault repeats the
faulted request with the fault's status before the clean sequence goes on; a fatal fault stops
the sequence at the faulted request. Rows whose API gives a fault a meaning of its own (a 404 on
a lookup means "no such object") override the derived expectation in rows.py.
"""

from dataclasses import dataclass
from typing import Callable

from .model import Case, Expect, Phase
from .rows import token_request
from .seed import connection

# A case's connection options are replaced for faults that need another address or limits.
# The timeout leaves room for a loaded machine (the retried request must answer within it);
# the slow answer ends soon after the client gave up, so the case does not wait long for it.
SHORT_TIMEOUT = 2.0
SLOW_ANSWER = 3.0
# Bound on a phase that must not sleep what the server asked: far below retry_max_wait (60 s),
# far above what a module run costs on a busy 2-core machine.
NO_LONG_SLEEP = 25
UNCERTAIN = r"may have reached the server and was not sent again; check whether .+ before running the task again"
# The client's wording for each kind of failure (plugins/module_utils/client.py and errors.py).
MESSAGES = {
    401: r"returned HTTP 401 Unauthorized",
    403: r"returned HTTP 403 Forbidden",
    404: r"returned HTTP 404 Not Found",
    409: r"returned HTTP 409 Conflict",
}


@dataclass
class Env:
    """Where a vendor's cases run: its emulator (HTTP and HTTPS) and a port where nothing listens."""

    url: str
    tls_url: str
    dead_url: str


@dataclass
class Fault:
    key: str
    title: str
    plan: Callable  # (row, n, env) -> Case or None when the fault does not apply to the row
    note: str = ""


# ---- helpers --------------------------------------------------------------------------------------

def first_write(row, idempotent=None):
    """Index of the row's first write (of the given idempotency), or None; a token request counts as a write."""
    for index, request in enumerate(row.requests):
        if request.method != "GET" and (idempotent is None or request.idempotent == idempotent):
            return index
    return None


def primary(row):
    """The request a fault about the task's purpose hits: its first write, or the first request of a read-only module."""
    index = first_write(row)
    return 0 if index is None else index


def rule(request, **spec):
    return dict({"method": request.method, "path": request.path}, **spec)


def task_args(row, n, env, **overrides):
    options = connection(row.vendor, env.url, token=not row.token_module)
    options.update(row.args(n))
    options.update(overrides)
    return options


def retried(row, index, statuses):
    """The clean requests with the request at ``index`` first answered with each of ``statuses``."""
    requests = list(row.requests)
    return requests[:index] + [requests[index].answered(status) for status in statuses] + requests[index:]


def stopped(row, index, statuses):
    """The clean requests up to ``index``, answered there with each of ``statuses``, then nothing more."""
    requests = list(row.requests)
    return requests[:index] + [requests[index].answered(status) for status in statuses]


def case(row, fault, n, env, expect, faults=(), revoke=None, then=None, **overrides):
    phases = [Phase("main", task_args(row, n, env, **overrides), expect, list(faults), revoke)]
    if then is not None:
        phases.append(Phase("rerun", task_args(row, n, env), then))
    return Case(row, fault, phases)


def overridden(row, fault_key, expect):
    change = row.overrides.get(fault_key)
    return change(row, expect) if change else expect


# ---- the faults -----------------------------------------------------------------------------------

def clean(row, n, env, fault):
    """Check mode, the real run, the same task again, and check mode again: the proof of check mode and idempotency."""
    args = task_args(row, n, env)
    again = "ok" if row.outcome == "changed" else row.outcome
    phases = [
        # Check mode reads what it needs; test_reliability_matrix.py asserts that it sends nothing else.
        Phase("check", args, Expect(row.outcome, None), check_mode=True),
        Phase("apply", args, Expect(row.outcome, row.requests)),
        Phase("again", args, Expect(again, row.rerun)),
        Phase("check again", args, Expect(again, row.rerun), check_mode=True),
    ]
    return Case(row, fault, phases)


def unauthorized_renewed(row, n, env, fault):
    if row.token_module:
        # A token module has no token to renew: a 401 on the token request is a credentials problem.
        expect = Expect("failed", stopped(row, 0, [401]), MESSAGES[401] + r".*Check")
        return case(row, fault, n, env, overridden(row, fault.key, expect), [rule(row.requests[0], status=401)])
    expect = Expect(row.outcome, [row.requests[0].answered(401), token_request(row.vendor)] + list(row.requests))
    return case(row, fault, n, env, overridden(row, fault.key, expect), revoke=row.vendor)


def unauthorized_token_only(row, n, env, fault):
    if row.token_module:
        return None
    expect = Expect("failed", stopped(row, 0, [401]), MESSAGES[401] + r".*refused")
    args = dict(connection(row.vendor, env.url, credentials=False), **row.args(n))
    return Case(row, fault, [Phase("main", args, overridden(row, fault.key, expect), revoke=row.vendor)])


def refusal(status, target):
    def plan(row, n, env, fault):
        index = target(row)
        if index is None:
            return None
        expect = Expect("failed", stopped(row, index, [status]), MESSAGES[status])
        return case(row, fault, n, env, overridden(row, fault.key, expect), [rule(row.requests[index], status=status)])
    return plan


def too_many(retry_after, max_seconds):
    def plan(row, n, env, fault):
        index = primary(row)
        expect = Expect(row.outcome, retried(row, index, [429]), retries=1, max_seconds=max_seconds)
        return case(row, fault, n, env, overridden(row, fault.key, expect), [rule(row.requests[index], status=429, retry_after=retry_after)])
    return plan


def too_many_too_long(row, n, env, fault):
    index = primary(row)
    expect = Expect("failed", stopped(row, index, [429]), r"HTTP 429 .*asked to wait 3600 s, more than retry_max_wait \(60 s\)", max_seconds=NO_LONG_SLEEP)
    return case(row, fault, n, env, overridden(row, fault.key, expect), [rule(row.requests[index], status=429, retry_after="3600")])


BURST = (500, 502, 503)


def burst(target):
    """500, 502 and 503 in a row (each with Retry-After: 0 so that the suite does not sleep), then the real answer."""
    def plan(row, n, env, fault):
        index = target(row)
        if index is None:
            return None
        request = row.requests[index]
        expect = Expect(row.outcome, retried(row, index, BURST), retries=len(BURST))
        return case(row, fault, n, env, overridden(row, fault.key, expect),
                    [rule(request, status=status, retry_after="0") for status in BURST])
    return plan


def first_read(row):
    request = row.requests[0]
    return 0 if request.idempotent else None


def first_put_or_delete(row):
    return next((index for index, request in enumerate(row.requests) if request.method in ("PUT", "DELETE")), None)


def server_error_on_write(row, n, env, fault):
    index = first_write(row, idempotent=False)
    if index is None:
        return None
    expect = Expect("failed", stopped(row, index, [503]), r"HTTP 503 Service Unavailable")
    return case(row, fault, n, env, overridden(row, fault.key, expect), [rule(row.requests[index], status=503)])


def exhausted(row, n, env, fault):
    expect = Expect("failed", stopped(row, 0, [503] * 4), r"HTTP 503 .*Gave up after 3 retries", retries=3)
    return case(row, fault, n, env, overridden(row, fault.key, expect), [rule(row.requests[0], status=503, retry_after="0", times=4)])


def refused(row, n, env, fault):
    options = {"api_url": env.dead_url, "retries": 1}
    if row.vendor == "oci":
        options["token_url"] = env.dead_url + "/oauth2/v1/token"
    expect = Expect("failed", [], r"failed: .*[Cc]onnection refused \(2 attempts\)\. Check api_url", retries=1)
    return case(row, fault, n, env, overridden(row, fault.key, expect), **options)


def after_the_write(row, index, status):
    """The write at ``index`` reached the server but its answer was lost."""
    request = row.requests[index]
    if request.idempotent:
        # Sent again: the repeat finds the work done.
        return Expect(row.outcome, retried(row, index, [status]), retries=1), None
    failed = Expect("failed", stopped(row, index, [status]), UNCERTAIN)
    # The next run finds the object the lost answer would have named, and sends no second write.
    outcome, requests = row.resume or ("ok", row.rerun)
    return failed, Expect(outcome, requests)


def dropped_write(row, n, env, fault):
    index = first_write(row)
    if index is None:
        return None
    expect, then = after_the_write(row, index, 0)
    expect = overridden(row, fault.key, expect)
    return case(row, fault, n, env, expect, [rule(row.requests[index], drop="after_processing")], then=then)


def slow_read(row, n, env, fault):
    index = first_read(row)
    if index is None:
        return None
    expect = Expect(row.outcome, retried(row, index, [None]), retries=1)
    return case(row, fault, n, env, overridden(row, fault.key, expect), [rule(row.requests[index], delay=SLOW_ANSWER)], timeout=SHORT_TIMEOUT)


def slow_write(row, n, env, fault):
    index = first_write(row, idempotent=False)
    if index is None:
        return None
    # The emulator answers after the client gave up: whether the answer could be written is not asserted.
    expect, then = after_the_write(row, index, None)
    expect.msg = r"no answer within the {0}(\.0)? s timeout.*".format(int(SHORT_TIMEOUT)) + UNCERTAIN
    return case(row, fault, n, env, overridden(row, fault.key, expect), [rule(row.requests[index], delay=SLOW_ANSWER)],
                then=then, timeout=SHORT_TIMEOUT)


def broken_body(kind, message):
    def plan(row, n, env, fault):
        index = 0
        expect = Expect("failed", stopped(row, index, [200]), r"returned HTTP 200 with " + message)
        return case(row, fault, n, env, overridden(row, fault.key, expect), [rule(row.requests[index], status=200, body=kind)])
    return plan


def untrusted_certificate(row, n, env, fault):
    options = {"api_url": env.tls_url, "validate_certs": True}
    if row.vendor == "oci":
        options["token_url"] = env.tls_url + "/oauth2/v1/token"
    expect = Expect("failed", [], r"TLS error: certificate verify failed.*Set ca_path")
    return case(row, fault, n, env, overridden(row, fault.key, expect), **options)


FAULTS = [
    Fault("clean", "clean run", clean, "check mode, run, run again, check mode again"),
    Fault("401", "401 (token revoked)", unauthorized_renewed, "tokens revoked mid-play; token modules: 401 on the token request"),
    Fault("401-token-only", "401, access_token only", unauthorized_token_only, "tokens revoked, the task has no credentials to renew"),
    Fault("403", "403", refusal(403, primary), "on the first write (the only request of read-only modules)"),
    Fault("404", "404", refusal(404, lambda row: 0), "on the first request"),
    Fault("409", "409", refusal(409, primary), "on the first write"),
    Fault("429", "429 Retry-After: 1", too_many("1", NO_LONG_SLEEP), "on the first write"),
    Fault("429-date", "429 Retry-After: date", too_many({"date_in": 2}, NO_LONG_SLEEP), "HTTP date 2 s ahead, on the first write"),
    Fault("429-long", "429 Retry-After: 3600", too_many_too_long, "more than retry_max_wait"),
    Fault("5xx-read", "500, 502, 503 on a read", burst(first_read), "each with Retry-After: 0"),
    Fault("5xx-put-delete", "500, 502, 503 on PUT/DELETE", burst(first_put_or_delete), "each with Retry-After: 0"),
    Fault("503-post", "503 on POST/PATCH", server_error_on_write, "never re-sent"),
    Fault("503-x4", "503 four times", exhausted, "more than retries (3)"),
    Fault("refused", "connection refused", refused, "retries: 1"),
    Fault("drop-write", "dropped after the write", dropped_write, "the write was processed, the answer lost; then the task again"),
    Fault("timeout-read", "read timeout (read)", slow_read, "timeout 2 s, answer after 3 s"),
    Fault("timeout-write", "read timeout (POST/PATCH)", slow_write, "the write is processed after the client gave up; then the task again"),
    Fault("malformed", "malformed JSON", broken_body("malformed", "a body that is not valid JSON"), "HTTP 200"),
    Fault("html", "HTML page", broken_body("html", "an HTML page where JSON was expected"), "HTTP 200, text/html"),
    Fault("empty", "empty body", broken_body("empty", "an empty body where JSON was expected"), "HTTP 200"),
    Fault("tls", "untrusted certificate", untrusted_certificate, "HTTPS, validate_certs: true, no ca_path"),
]


def cases_for(rows, env_of):
    """Every applicable (row, fault) case, each row's cases numbered from 1 (the index of its own seeded object).

    Revoking tokens also revokes the play's own token: the play gets a new one after the last
    case of a row that revoked.
    """
    cases = []
    for row in rows:
        number = 0
        for fault in FAULTS:
            candidate = fault.plan(row, number + 1, env_of(row.vendor), fault)
            if candidate is not None:
                number += 1
                cases.append((number, candidate))
        revoking = [candidate for dummy, candidate in cases if candidate.row is row and any(phase.revoke for phase in candidate.phases)]
        if revoking:
            revoking[-1].renew_token = True
    return cases
