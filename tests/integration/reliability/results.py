# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The JSON files a run leaves for scripts/render_reliability.py, and the short outcome of a phase.

Files go to the directory named by RELIABILITY_RESULTS (``make reliability`` sets it); without
it nothing is kept, so ``make integration`` leaves no trace.
"""

import json
import os
import re

from .model import outcome_of, retry_warnings

ENV = "RELIABILITY_RESULTS"

# The kind of a failure, from its message (first match wins).
FAILURE_KINDS = (
    (r"may have reached the server and was not sent again", "fate unknown, not re-sent"),
    (r"TLS error", "TLS error"),
    (r"[Cc]onnection refused", "connection refused"),
    (r"more than retry_max_wait", "HTTP 429, wait too long"),
    (r"Gave up after (\d+) retries", "HTTP 503, gave up"),
    (r"not valid JSON", "invalid JSON"),
    (r"HTML page", "HTML page"),
    (r"empty body", "empty body"),
    (r"returned HTTP (\d+)", "HTTP {0}"),
    (r"^No execution", "not found"),
    (r"^(\w+): ", "{0}: option error"),
)


def failure_kind(message):
    for pattern, label in FAILURE_KINDS:
        match = re.search(pattern, message or "")
        if match:
            return label.format(*match.groups())
    return "failed"


def summary(record):
    """A few words for the table: the outcome, the retries and re-authentications it took, the requests sent."""
    result = record["result"]
    outcome = outcome_of(result)
    words = failure_kind(result.get("msg")) if outcome == "failed" else outcome
    extras = []
    retries = len(retry_warnings(result))
    if retries:
        extras.append("{0} retr{1}".format(retries, "y" if retries == 1 else "ies"))
    statuses = [entry["status"] for entry in record["requests"]]
    if outcome != "failed" and 401 in statuses:
        extras.append("re-auth")
    extras.append("{0} req".format(len(record["requests"])))
    return "{0} ({1})".format(words, ", ".join(extras))


TOKEN_PATHS = re.compile(r"/oauth2/v1/token$|/auth/v2/token$|/oauth/tokens$")


def writes(record):
    """The requests of a phase that could change something: anything but a GET or a token request."""
    return [entry for entry in record["requests"] if entry["method"] != "GET" and not TOKEN_PATHS.search(entry["path"])]


def phase_data(name, record, found):
    """What the docs show of one phase."""
    if record is None:
        return {"name": name, "summary": "not run", "outcome": None, "requests": 0, "writes": 0, "problems": found}
    return {"name": name, "summary": summary(record), "outcome": outcome_of(record["result"]), "requests": len(record["requests"]),
            "writes": len(writes(record)), "problems": found}


def write(name, data):
    """Keep ``data`` as <RELIABILITY_RESULTS>/<name>.json when that directory is set."""
    directory = os.environ.get(ENV)
    if not directory:
        return None
    if not os.path.isdir(directory):
        os.makedirs(directory)
    path = os.path.join(directory, name + ".json")
    with open(path, "w") as handle:
        json.dump(data, handle, indent=1, sort_keys=True)
    return path


def hostile_case(case, item, title, expected, seen, requests, measured=""):
    """Keep one hostile-server case for the "Hostile servers" section of docs/reliability.md.

    ``item`` groups the cases (e.g. "Paging always ends"); ``expected`` and ``seen`` are a few
    words each; ``requests`` is how many requests the server received; ``measured`` is any
    number worth showing (wall time, peak memory). The test itself asserts; this only reports.
    """
    return write("hostile-" + re.sub(r"[^a-z0-9]+", "-", case.lower()).strip("-"), {
        "case": case, "item": item, "title": title, "expected": expected, "seen": seen, "requests": requests,
        "measured": measured})
