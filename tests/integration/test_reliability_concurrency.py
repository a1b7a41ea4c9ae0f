# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Two plays create the same objects at the same moment, then a third play runs the same tasks.

The two ansible-playbook processes meet at a barrier before each creating task (each play
writes a ready file and waits for the other's), so that both look for the object before
either is created. The emulator answers each create 8 seconds late (a slow API), far more
than the two plays' start can drift apart even on a busy machine, which makes the race
certain instead of likely. The third play must detect and report what the race left behind.
"""

import json

import pytest
from secops_emulator.fixture import start_emulator

from reliability import results
from reliability.playbook import FQCN, Run, token_task
from reliability.rows import CSI
from reliability.seed import connection, device_id, package_id

# One module-scoped play feeds every test here: under pytest-xdist they share one worker.
pytestmark = pytest.mark.xdist_group("reliability_concurrency")

NAME = "Reliability concurrent run"
SLOW_CREATE = 8.0
CREATE_PATHS = {
    "cylance": "^/packages/v2/executions$",
    "ccs": "^/ccs/api/v1/jobs$",
    "oci": "^/selfservice/v1/customers/{0}/EBSO/products/config/instances/DCMATT/executions$".format(CSI),
}


def tasks(url):
    """The task of each vendor that creates an object named NAME (the same in every play)."""
    return [
        ("cylance_package_execution", "cylance", {"name": NAME, "packages": [{"package": package_id("Hello World")}],
                                                  "devices": [device_id("LAB-01")], "keep_results_locally": True, "wait": False}),
        ("ccs_job", "ccs", {"name": NAME, "job_type": "CollectionJob",
                            "assets": [{"id": "6b1f3a52-7c4d-4e8f-9a01-2b3c4d5e6f70", "type": "symc-csm-AssetSystem-Asset-Unix-Machine"}]}),
        ("oci_config_execution", "oci", {"support_identifier": CSI, "service_type": "EBSO", "instance_id": "DCMATT",
                                         "config_type": "Trace & Debug", "activity_name": "Concurrent Program Trace",
                                         "activity_type": "Enable", "summary": NAME, "parameters": {"ProgramShortName": "GLPPOS"}}),
    ]


def play(name, url, workdir, peer=None):
    """The play ``name``; with a ``peer``, each creating task starts only once the peer's play reached it too."""
    steps = [token_task(vendor, url) for vendor in ("cylance", "ccs", "oci")]
    for module, vendor, options in tasks(url):
        if peer:
            steps.append({"name": "Ready for " + module,
                          "ansible.builtin.copy": {"content": "", "dest": str(workdir / "{0}.{1}.ready".format(name, module)), "mode": "0600"}})
            steps.append({"name": "Wait for the other play to reach " + module,
                          "ansible.builtin.wait_for": {"path": str(workdir / "{0}.{1}.ready".format(peer, module)), "timeout": 600, "sleep": 1}})
        steps.append({"name": module, FQCN.format(module): dict(connection(vendor, url), **options), "register": module, "ignore_errors": True})
    outcome = "{{ {" + ", ".join("'{0}': {0}".format(module) for module, dummy, dummy in tasks(url)) + "} | to_json }}"
    steps.append({"name": "Keep the results", "ansible.builtin.copy": {"content": outcome, "dest": str(workdir / (name + ".json")), "mode": "0600"}})
    return [{"name": "Concurrent play " + name, "hosts": "localhost", "gather_facts": False, "tasks": steps}]


@pytest.fixture(scope="module")
def race(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("concurrency")
    with start_emulator(tls=False) as handle:
        for path in CREATE_PATHS.values():
            handle.control.fault(method="POST", path=path, delay=SLOW_CREATE, times=2)
        runs = [Run(name, play(name, handle.url, workdir, peer), str(workdir)) for name, peer in (("first", "second"), ("second", "first"))]
        racing = [run.wait() for run in runs]
        raced = handle.control.requests()
        handle.control.clear_requests()
        rc, log, dummy = Run("next", play("next", handle.url, workdir), str(workdir)).wait()
        after = handle.control.requests()
    outcome = {}
    for name in ("first", "second", "next"):
        with open(str(workdir / (name + ".json"))) as stream:
            outcome[name] = json.load(stream)
    return {"racing": racing, "raced": raced, "after": after, "outcome": outcome, "next_rc": rc, "next_log": log}


def creates(requests, vendor):
    return [entry for entry in requests if entry["method"] == "POST" and entry["vendor"] == vendor and "token" not in entry["path"]]


def test_both_plays_created_one_each(race):
    for rc, log, dummy in race["racing"]:
        assert rc == 0, log[-3000:]
    for module, vendor, dummy in tasks(""):
        assert [race["outcome"][name][module]["changed"] for name in ("first", "second")] == [True, True], module
        assert len(creates(race["raced"], vendor)) == 2, vendor


def test_the_next_cylance_run_reports_the_duplicate(race):
    result = race["outcome"]["next"]["cylance_package_execution"]
    first, second = (race["outcome"][name]["cylance_package_execution"]["execution"]["id"] for name in ("first", "second"))
    assert result["changed"] is False and not result.get("failed")
    assert result["execution"]["id"] in (first, second)
    assert result["duplicates"] == [({first, second} - {result["execution"]["id"]}).pop()]
    assert any("2 executions are named '{0}'".format(NAME) in warning for warning in result["warnings"])
    assert creates(race["after"], "cylance") == []


def test_the_next_ccs_run_refuses_to_guess(race):
    result = race["outcome"]["next"]["ccs_job"]
    assert result.get("failed") and "2 jobs are named '{0}'".format(NAME) in result["msg"] and "give the id" in result["msg"]
    assert creates(race["after"], "ccs") == []


def test_the_next_oracle_run_creates_nothing(race):
    result = race["outcome"]["next"]["oci_config_execution"]
    assert not result.get("failed") and result["changed"] is False
    assert creates(race["after"], "oci") == []


def test_record_what_happened(race):
    cylance = race["outcome"]["next"]["cylance_package_execution"]
    oracle = race["outcome"]["next"]["oci_config_execution"]
    results.write("concurrency", {"tasks": 9, "observed": [
        ["requests while racing", ", ".join("{method} {path} → {status}".format(**entry) for entry in race["raced"]
                                            if "token" not in entry["path"] and entry["method"] == "POST")],
        ["both plays reported", "; ".join("{0}: changed={1}".format(module, [race["outcome"][name][module].get("changed") for name in ("first", "second")])
                                          for module, dummy, dummy in tasks(""))],
        ["next cylance_package_execution", "changed={0}, duplicates={1}, warning: {2}".format(
            cylance["changed"], cylance["duplicates"], (cylance.get("warnings") or ["none"])[0])],
        ["next ccs_job", "failed: " + race["outcome"]["next"]["ccs_job"].get("msg", "")],
        ["next oci_config_execution", "changed={0}, execution {1}".format(oracle.get("changed"), (oracle.get("execution") or {}).get("id"))],
    ]})
