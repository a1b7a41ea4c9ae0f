# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""4. Waiting, with default settings, for work that ends ten minutes after it was started.

The module runs in virtual time (probe.py), so its sleeps move the emulator's clock; the request log's
timestamps (emulator clock) then show when each poll happened relative to the start and the end.

Oracle documents no status an execution closes with, so the emulator keeps executions Open: its row
is ten minutes of waiting (``wait_timeout: 600``, ``on_timeout: detach``) on a scheduled execution,
resumed by ID, and counts what those ten minutes cost.
"""

import copy
import datetime

from cases import BROWSER_HISTORY, CIS_RHEL, CSI, LAB_SLOW_01, OCI_BASE, SCHEDULED_RFC, SERVICE

DURATION = 600
OCI_EXECUTION = "/selfservice/v1/customers/{0}/{1}/products/config/instances/DCMATI/executions/{2}".format(CSI, SERVICE, SCHEDULED_RFC)
SLOW_ASSET = "0b5e8a4f-3c2d-4e1f-9a8b-7c6d5e4f3a2b"


def _seconds(stamp):
    return datetime.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc).timestamp()


def _cylance_seed(bench):
    """LAB-SLOW-01 acknowledges after 1 s and reports 599 s later: the execution ends 600 s after the request."""
    tenant = bench.seed["cylance"]["tenants"][0]["tenant_id"]
    devices = copy.deepcopy(bench.seed["cylance"]["resources"][tenant]["devices"])
    for device in devices:
        if device["id"] == LAB_SLOW_01:
            device.update(ack_after=1, run_seconds=DURATION - 1)
    return {"cylance": {"resources": {tenant: {"devices": devices}}}}


def _ccs_seed(bench):
    """A collection and evaluation job on one asset that takes 598 s to collect, plus 2 s of evaluation."""
    ccs = bench.seed["ccs"]
    asset = {"id": SLOW_ASSET, "name": "slow01.corp.example", "type": "symc-csm-AssetSystem-Asset-Unix-Machine",
             "collection_seconds": DURATION - ccs["evaluation_seconds"]}
    job = {"id": "8c9d0e1f-2a3b-4c4d-8e5f-6a7b8c9d0e1f", "name": "Ten-minute scan", "type": "CollectionEvaluationJob",
           "created_by": ccs["users"][0]["username"], "created_days_ago": 1, "assets": [SLOW_ASSET], "standards": [CIS_RHEL]}
    return {"ccs": {"assets": ccs["assets"] + [asset], "jobs": ccs["jobs"] + [job]}}


CASES = [
    # (module, operation, seed, args, what starts the work, what a poll is)
    ("cylance_package_execution", "present, new, wait (defaults: 15 s interval, 900 s timeout)", _cylance_seed,
     {"name": "Ten-minute run", "packages": [{"package": BROWSER_HISTORY}], "devices": [LAB_SLOW_01], "keep_results_locally": True},
     ("POST", "/packages/v2/executions"), ("GET", "/packages/v2/executions/")),
    ("ccs_job", "present, run, wait (defaults: 15 s interval, 3600 s timeout)", _ccs_seed,
     {"name": "Ten-minute scan", "run": True},
     ("POST", "/ccs/api/v1/jobs/"), ("GET", "/jobruns")),
    ("oci_config_execution", "present by id, wait, resumed (defaults: 15 s interval; wait_timeout 600, on_timeout detach)",
     lambda bench: {},
     dict(OCI_BASE, instance_id="DCMATI", execution_id=SCHEDULED_RFC, wait=True, wait_timeout=DURATION, on_timeout="detach"),
     # The read of the current state starts the ten minutes; every later read of it is a poll.
     ("GET", OCI_EXECUTION), ("GET", OCI_EXECUTION)),
]
# Modules whose work never ends in the emulator (see the docstring): their row counts the polls of the ten minutes.
NEVER_ENDS = ("oci_config_execution",)


def measure(bench, available):
    rows = []
    for module, operation, seed, args, start, poll in CASES:
        if module not in available:
            continue
        vendor = module.split("_", 1)[0]
        bench.load(seed(bench))
        run = bench.run_module(module, dict(args, **bench.reuse(vendor)), virtual_time=True)
        log = run.requests
        first = next(index for index, entry in enumerate(log) if entry["method"] == start[0] and entry["path"].startswith(start[1]))
        started = _seconds(log[first]["time"])
        polls = [_seconds(entry["time"]) - started for entry in log[first + 1:]
                 if entry["method"] == poll[0] and (entry["path"].startswith(poll[1]) or entry["path"].endswith(poll[1]))]
        before_end = [moment for moment in polls if moment < DURATION]
        after_end = [moment for moment in polls if moment >= DURATION]
        rows.append({
            "ends": module not in NEVER_ENDS,
            "module": module, "operation": operation, "failed": run.failed, "error": run.result.get("msg"),
            "requests": len(log), "polls": len(polls), "poll_times": polls,
            "first_poll": polls[0] if polls else None,
            "last_before_end": before_end[-1] if before_end else None,
            "seen_after": (after_end[0] - DURATION) if after_end else None,
            "polls_after_end": len(after_end),
            "calls": run.calls(), "real_seconds": run.seconds,
        })
    return rows
