# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Requests, expectations, and the comparison of what a case recorded with what it expected."""

import re
from dataclasses import dataclass, field, replace
from typing import Callable, Dict, List, Optional, Tuple

# Methods the client may send again after a failure: the server ends in the same state.
IDEMPOTENT = ("GET", "HEAD", "PUT", "DELETE", "OPTIONS")
RETRY_WARNING = re.compile(r"retry \d+ of \d+")


@dataclass(frozen=True)
class Req:
    """One request as the emulator logs it: method, status (None: not asserted) and a regex for the path."""

    method: str
    status: Optional[int]
    path: str
    idempotent: bool

    @classmethod
    def parse(cls, text, idempotent=None):
        """``"GET 200 ^/path$"``; status ``-`` means no answer (dropped), ``*`` means any."""
        method, status, path = text.split(" ", 2)
        code = {"-": 0, "*": None}.get(status)
        code = int(status) if status not in ("-", "*") else code
        return cls(method, code, path, method in IDEMPOTENT if idempotent is None else idempotent)

    def answered(self, status):
        return replace(self, status=status)

    def matches(self, entry):
        status = entry["status"] if entry["status"] is not None else 0
        return (entry["method"] == self.method and (self.status is None or status == self.status)
                and re.search(self.path, entry["path"]) is not None)

    def __str__(self):
        status = "*" if self.status is None else ("-" if self.status == 0 else str(self.status))
        return "{0} {1} {2}".format(self.method, status, self.path)


def reqs(*texts):
    return [Req.parse(text) for text in texts]


@dataclass
class Expect:
    """What one phase of a case must produce."""

    outcome: str  # changed | ok | failed
    requests: Optional[List[Req]]  # None: not compared here
    msg: Optional[str] = None  # regex the failure message must match
    retries: Optional[int] = 0  # retry warnings the module must give (None: not checked)
    max_seconds: Optional[float] = None  # bound on the time the phase took


@dataclass
class Phase:
    """One module task of a case, with what is armed before it and what it must produce."""

    name: str
    args: Dict
    expect: Expect
    faults: List[Dict] = field(default_factory=list)
    revoke: Optional[str] = None
    check_mode: bool = False
    diff: bool = False


@dataclass
class Case:
    """One cell of the matrix: a row (module state) played under one fault, in one or more phases."""

    row: "object"
    fault: "object"
    phases: List[Phase]
    renew_token: bool = False  # the case revoked the play's token: get a new one afterwards

    @property
    def id(self):
        return "{0}:{1}".format(self.row.key, self.fault.key)

    @property
    def module(self):
        return self.row.module

    @property
    def vendor(self):
        return self.row.vendor


@dataclass
class Scripted:
    """A case outside the matrix (bad input, secrets, concurrency): phases of one module."""

    id: str
    module: str
    vendor: str
    phases: List[Phase]
    renew_token: bool = False


@dataclass
class Row:
    """A module state (or an info module) and the exact requests of a clean run."""

    key: str
    module: str
    vendor: str
    title: str
    args: Callable[[int], Dict]  # the case's options (index of the case in the row), without the connection
    requests: List[Req]  # a clean run
    rerun: List[Req]  # the same task again: nothing to change
    outcome: str = "changed"  # of a clean run
    seed: Optional[Callable[[int], Dict]] = None  # objects case n needs: {(vendor, list key): [items]}
    token_module: bool = False
    overrides: Dict = field(default_factory=dict)  # fault key -> function(row, default Expect) -> Expect
    # The task run again after the answer to its write was lost: (outcome, requests); default ("ok", rerun).
    resume: Optional[Tuple[str, List[Req]]] = None

    @property
    def writes(self):
        return [index for index, request in enumerate(self.requests) if request.method != "GET"]


def outcome_of(result):
    if result.get("failed"):
        return "failed"
    return "changed" if result.get("changed") else "ok"


def retry_warnings(result):
    return [warning for warning in result.get("warnings") or [] if RETRY_WARNING.search(str(warning))]


def problems(record, expect):
    """Why a recorded phase does not meet its expectation; [] when it does."""
    found = []
    result = record["result"]
    outcome = outcome_of(result)
    if outcome != expect.outcome:
        found.append("outcome {0}, expected {1}: {2}".format(outcome, expect.outcome, result.get("msg", "")))
    if expect.msg and not re.search(expect.msg, str(result.get("msg", "")), re.S):
        found.append("message {0!r} does not match {1!r}".format(result.get("msg"), expect.msg))
    # ansible-core puts "(traceback unavailable)" in "exception" of every failure; a real one starts like this.
    shown = " ".join(str(result.get(key, "")) for key in ("exception", "module_stderr", "module_stdout", "msg"))
    if "Traceback (most recent call last)" in shown or result.get("msg") == "MODULE FAILURE":
        found.append("a traceback: {0}".format(shown[:2000]))
    seen = record["requests"]
    if expect.requests is not None and (len(seen) != len(expect.requests) or not all(want.matches(got) for want, got in zip(expect.requests, seen))):
        found.append("requests differ:\n  expected: {0}\n  sent:     {1}".format(
            "\n            ".join(str(want) for want in expect.requests) or "(none)",
            "\n            ".join("{method} {status} {path} (fault {fault})".format(**got) for got in seen) or "(none)"))
    if expect.retries is not None and len(retry_warnings(result)) != expect.retries:
        found.append("{0} retry warnings, expected {1}: {2}".format(len(retry_warnings(result)), expect.retries, result.get("warnings")))
    if record["unused_faults"]:
        found.append("faults never fired: {0}".format(record["unused_faults"]))
    if expect.max_seconds is not None and record["seconds"] is not None and record["seconds"] > expect.max_seconds:
        found.append("took {0} s, more than {1} s".format(record["seconds"], expect.max_seconds))
    return found
