# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""1. Requests per operation, counted in the emulator's request log, against the fewest the API allows."""

import datetime

from cases import BUDGET


def _times(value):
    """Fill the {in_<hours>h} placeholders: Oracle refuses schedules less than 16 minutes ahead."""
    if not isinstance(value, str) or not value.startswith("{in_"):
        return value
    hours = int(value[len("{in_"):-len("h}")])
    moment = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=hours)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _args(bench, case, reuse):
    args = dict((key, _times(value)) for key, value in case.args.items() if value is not None)
    args.update(bench.reuse(case.vendor) if reuse else bench.credentials(case.vendor))
    return args


def _failure(run):
    if run.result.get("msg"):
        return str(run.result["msg"])
    lines = run.stderr.strip().splitlines()
    return lines[-1] if lines else "exit status {0}".format(run.returncode)


def measure(bench, available):
    """One row per case: requests with a reused token and with credentials, from a freshly reset emulator."""
    rows = []
    for case in BUDGET:
        if case.module not in available:
            continue
        row = {"module": case.module, "operation": case.operation, "minimum": case.minimum, "why": case.why, "excess": case.excess,
               "token_module": case.token_module, "reuse": None, "login": None, "calls": None, "error": None}
        for reuse in ((False,) if case.token_module else (True, False)):
            bench.load()
            run = bench.run_module(case.module, _args(bench, case, reuse), check_mode=case.check_mode)
            if run.failed:
                row["error"] = "{0}: {1}".format("reuse" if reuse else "login", _failure(run))
            row["reuse" if reuse else "login"] = len(run.requests)
            if reuse or case.token_module:
                row["calls"] = run.calls()
        row["ok"] = row["error"] is None and (case.token_module or row["reuse"] == case.minimum) \
            and row["login"] == case.minimum + (0 if case.token_module else 1)
        rows.append(row)
    return rows
