# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""on_timeout and resumed waits, through ansible-playbook against the emulator, asserted from its request log.

The slow objects of the default seed outlast short waits: the CCS job "Archive collection" runs for
an hour, the Cylance device LAB-SLOW-01 takes ten minutes. Advancing the emulator clock makes them
end after the module gave up, so a later task resumes the wait and sees the end.
"""

import time

from tasks_play import play

ARCHIVE = "Archive collection"
SLOW_DEVICE = "fdf6242d-8a43-465c-977f-1dc03667b82e"  # LAB-SLOW-01
SHORT = {"wait_timeout": 3, "poll_interval": 1}
CCS = "/ccs/api/v1/"
CYLANCE = "/packages/v2/executions"
OCI = "/selfservice/v1/customers/22334455/EBSO/products/config/instances"


def ccs_task(register, **options):
    return {"name": register, "secops.executions.ccs_job": dict({"name": ARCHIVE}, **options), "register": register}


def writes(played, path):
    return [(method, where) for method, where in played.calls(path) if method != "GET"]


# ---- CCS ----------------------------------------------------------------------------------------

def test_ccs_timeout_fail_detach_and_abort(emulator, tmp_path):
    emulator.control.reset()
    started = time.monotonic()
    played = play(emulator, tmp_path, [
        ccs_task("failed", run=True, **SHORT),
        ccs_task("detached", run=True, on_timeout="detach", **SHORT),
        ccs_task("aborted", run=True, on_timeout="abort", **SHORT),
    ])
    failed, detached, aborted = played.results["failed"], played.results["detached"], played.results["aborted"]
    assert failed["failed"] and failed["run_id"] and "Timed out after 3 s" in failed["msg"]
    assert not detached.get("failed") and detached["run"]["timed_out"] and detached["run"]["id"] == failed["run_id"]
    assert "on_timeout=detach" in detached["warnings"][0]
    assert aborted["failed"] and aborted["aborted"] and "on_timeout=abort stopped the run {0}".format(failed["run_id"]) in aborted["msg"]
    # The run was already going, so nothing was started; the one write is the abort of that run.
    assert writes(played, CCS) == [("POST", CCS + "jobs/" + failed["run_id"])]
    assert time.monotonic() - started < 120


def test_ccs_resume_waits_on_the_run_it_did_not_start(emulator, tmp_path):
    emulator.control.reset()
    first = play(emulator, tmp_path, [ccs_task("detached", run=True, on_timeout="detach", **SHORT)])
    run_id = first.results["detached"]["run"]["id"]
    emulator.control.advance(3700)  # the run ends an hour after the seed was loaded
    resumed = play(emulator, tmp_path, [ccs_task("resumed", wait_for_run=run_id, **SHORT),
                                        ccs_task("latest", wait_for_run="latest", **SHORT)])
    assert resumed.results["resumed"]["run"]["id"] == run_id and resumed.results["resumed"]["run"]["status"] == "Completed"
    assert resumed.results["latest"]["run"]["id"] == run_id and not resumed.results["resumed"]["changed"]
    assert writes(resumed, CCS) == []


# ---- Cylance -----------------------------------------------------------------------------------

def cylance_task(register, **options):
    return {"name": register, "secops.executions.cylance_package_execution": options, "register": register}


CREATE = {"name": "Slow resume case", "packages": [{"package": "Hello World", "arguments": ["-name", "Optics"]}],
          "devices": [SLOW_DEVICE], "keep_results_locally": True}


def test_cylance_detach_then_resume_by_id_and_by_name_creates_nothing(emulator, tmp_path):
    emulator.control.reset()
    first = play(emulator, tmp_path, [cylance_task("detached", on_timeout="detach", **dict(CREATE, **SHORT))])
    detached = first.results["detached"]
    assert detached["timed_out"] and detached["execution"]["id"] and detached["changed"]
    assert [method for method, dummy in writes(first, CYLANCE)] == ["POST"]
    emulator.control.advance(700)
    resumed = play(emulator, tmp_path, [
        cylance_task("by_id", id=detached["execution"]["id"], **SHORT),
        cylance_task("by_name", name=CREATE["name"], **SHORT),
    ])
    for name in ("by_id", "by_name"):
        result = resumed.results[name]
        assert not result["changed"] and not result.get("timed_out") and result["execution"]["id"] == detached["execution"]["id"]
        assert result["device_counts"]["unfinished"] == 0
    assert writes(resumed, CYLANCE) == []
    # One read of the execution by id; by name one listing (a page) of the executions.
    assert resumed.calls(CYLANCE) == [("GET", CYLANCE + "/" + detached["execution"]["id"]), ("GET", CYLANCE)]


def test_cylance_abort_is_refused_before_any_request(emulator, tmp_path):
    emulator.control.reset()
    played = play(emulator, tmp_path, [cylance_task("aborted", on_timeout="abort", **dict(CREATE, **SHORT))])
    assert played.results["aborted"]["failed"] and played.results["aborted"]["msg"].startswith("on_timeout: abort is not possible")
    assert played.requests == []


# ---- Oracle ------------------------------------------------------------------------------------

def oci_task(register, **options):
    task = dict({"support_identifier": "22334455", "service_type": "EBSO", "instance_id": "DCMATI", "execution_id": "3-7JZXAMZ",
                 "wait": True}, **dict(SHORT, **options))
    return {"name": register, "secops.executions.oci_config_execution": task, "register": register}


def test_oci_timeout_fail_detach_and_abort(emulator, tmp_path):
    emulator.control.reset()
    played = play(emulator, tmp_path, [oci_task("failed"), oci_task("detached", on_timeout="detach"),
                                       oci_task("aborted", on_timeout="abort")])
    failed, detached, aborted = played.results["failed"], played.results["detached"], played.results["aborted"]
    assert failed["failed"] and failed["execution_id"] == "3-7JZXAMZ"
    assert not detached.get("failed") and detached["execution"]["id"] == "3-7JZXAMZ" and "on_timeout=detach" in detached["warnings"][0]
    assert aborted["failed"] and aborted["aborted"] and not aborted["execution"]["scheduled"]
    assert writes(played, OCI) == [("PUT", OCI + "/DCMATI/executions/3-7JZXAMZ")]


def test_oci_wait_until_scheduled_after_a_schedule_costs_no_poll(emulator, tmp_path):
    emulator.control.reset()
    played = play(emulator, tmp_path, [oci_task("scheduled", wait_until="scheduled")])
    assert played.results["scheduled"]["execution"]["scheduled"]
    assert played.calls(OCI) == [("GET", OCI + "/DCMATI/executions/3-7JZXAMZ")]
