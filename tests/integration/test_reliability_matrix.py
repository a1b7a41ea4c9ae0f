# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fault matrix, and the check-mode and idempotency proof, from the emulator's request log.

Every row (token module, state-changing module state, info module; reliability/rows.py) is played
under every fault that applies to it (reliability/faults.py). The rows are shared among a few
ansible-playbook processes that run side by side, each against an emulator of its own. Each case
asserts its outcome, its message and the exact requests sent.
"""

import os
import time

import pytest
from secops_emulator.fixture import start_emulator

from reliability import results
from reliability.faults import FAULTS, Env, cases_for
from reliability.model import problems
from reliability.playbook import Run, dead_url, playbook, read_records
from reliability.rows import ROWS
from reliability.seed import extended

# One module-scoped play feeds every test here: under pytest-xdist they share one worker.
pytestmark = pytest.mark.xdist_group("reliability_matrix")

# Processes played side by side, each against an emulator of its own (faults and logs are per emulator).
PROCESSES = 3
# RELIABILITY_ONLY=oci,cylance_package_info plays only the rows whose key starts with one of these.
ONLY = tuple(prefix for prefix in os.environ.get("RELIABILITY_ONLY", "").split(",") if prefix)
ROWS = [row for row in ROWS if not ONLY or row.key.startswith(ONLY)]
# Which cases exist depends on the rows only, not on where the emulator listens.
_PLACEHOLDER = Env("http://127.0.0.1:1", "https://127.0.0.1:2", "http://127.0.0.1:3")
CASE_IDS = [case.id for dummy, case in cases_for(ROWS, lambda vendor: _PLACEHOLDER)]
STATE_ROWS = [row.key for row in ROWS]


def groups(rows, count):
    """Rows in ``count`` groups of about the same number of module tasks, each played by its own process."""
    load = dict((row.key, sum(len(case.phases) for dummy, case in cases_for([row], lambda dummy: _PLACEHOLDER))) for row in rows)
    buckets = [[] for dummy in range(count)]
    for row in sorted(rows, key=lambda row: -load[row.key]):
        min(buckets, key=lambda bucket: sum(load[member.key] for member in bucket)).append(row)
    return [bucket for bucket in buckets if bucket]


@pytest.fixture(scope="module")
def matrix(tmp_path_factory):
    """Plays every case; returns {case id: (case, {phase: record}, {phase: [problems]})}."""
    workdir = tmp_path_factory.mktemp("reliability")
    handles, runs, planned = [], [], {}
    started = time.time()
    try:
        for index, rows in enumerate(groups(ROWS, PROCESSES)):
            # Case n of a row works on the row's n-th seeded object: seed them all first.
            additions = {}
            for row in rows:
                for number, case in cases_for([row], lambda dummy: _PLACEHOLDER):
                    for vendor, items in (row.seed(number) if row.seed else {}).items():
                        additions.setdefault(vendor, []).extend(items)
            handle = start_emulator(extended(additions), tls=True, cert_dir=str(workdir / "tls"))
            handles.append(handle)
            env = Env(handle.url, handle.tls_url, dead_url())
            cases = [case for dummy, case in cases_for(rows, lambda dummy, env=env: env)]
            planned.update((case.id, case) for case in cases)
            name = "group{0}".format(index + 1)
            output = str(workdir / (name + ".jsonl"))
            vendors = sorted(set(row.vendor for row in rows))
            title = "Reliability matrix: " + ", ".join(row.key for row in rows)
            runs.append((Run(name, playbook(title, vendors, handle.url, cases, output), str(workdir)), output, rows))
        recorded = {}
        logs = {}
        for run, output, rows in runs:
            rc, log, seconds = run.wait()
            for row in rows:
                logs[row.key] = {"rc": rc, "seconds": seconds, "log": run.log}
            recorded.update(read_records(output))
    finally:
        for handle in handles:
            handle.stop()
    outcome = {}
    for case_id, case in planned.items():
        phases = recorded.get(case_id, {})
        found = {}
        for phase in case.phases:
            record = phases.get(phase.name)
            found[phase.name] = problems(record, phase.expect) if record else ["not recorded (see {0})".format(logs[case.row.key]["log"])]
        outcome[case_id] = (case, phases, found)
    results.write("matrix", {
        "seconds": round(time.time() - started, 1),
        "playbooks": sorted(set((data["log"], data["rc"], data["seconds"]) for data in logs.values())),
        "rows": [{"key": row.key, "title": row.title, "module": row.module} for row in ROWS],
        "faults": [{"key": fault.key, "title": fault.title, "note": fault.note} for fault in FAULTS],
        "cases": [{"id": case_id, "row": case.row.key, "fault": case.fault.key,
                   "phases": [results.phase_data(phase.name, phases.get(phase.name), found[phase.name]) for phase in case.phases]}
                  for case_id, (case, phases, found) in sorted(outcome.items())],
    })
    return outcome


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_fault_case(matrix, case_id):
    dummy, dummy_phases, found = matrix[case_id]
    assert {phase: issues for phase, issues in found.items() if issues} == {}


@pytest.mark.parametrize("row_key", STATE_ROWS)
def test_check_mode_sends_no_write_and_second_run_changes_nothing(matrix, row_key):
    dummy, phases, dummy_found = matrix[row_key + ":clean"]
    for name in ("check", "check again"):
        assert results.writes(phases[name]) == [], "check mode sent a write"
    for name in ("again", "check again"):
        assert not phases[name]["result"].get("changed"), "{0} reported a change".format(name)
        assert results.writes(phases[name]) == [], "{0} sent a write".format(name)
    assert phases["check"]["result"].get("changed") == phases["apply"]["result"].get("changed")
