# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Oracle follow-through through ansible-playbook against the emulator: a schedule refused for a
conflict (nothing written), warned about, or checked in check mode; log file names, a log fetched
to a local file and fetched again without a change; a log transfer; the configuration metadata."""

import datetime
import hashlib

from secops_emulator.seed import defaults as seed_defaults

from tasks_play import play

CONFIG = "/selfservice/v1/customers/22334455/EBSO/products/config/instances"
SCOPE = {"support_identifier": "22334455", "service_type": "EBSO"}


def in_minutes(emulator, minutes):
    epoch = emulator.control.now()["epoch"] + minutes * 60
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def trace_on_dcmati(emulator, minutes, **extra):
    """A new single-step trace on DCMATI, whose seeded 3-7JZXAMZ runs from +2 h to +4 h."""
    task = dict(SCOPE, instance_id="DCMATI", config_type="Trace & Debug", activity_name="Concurrent Program Trace",
                activity_type="Enable", summary="Conflicting trace", parameters={"ProgramShortName": "APXPAY"},
                scheduled_time=in_minutes(emulator, minutes))
    task.update(extra)
    return {"name": "Schedule a trace", "secops.executions.oci_config_execution": task, "register": "scheduled"}


def test_a_schedule_in_a_busy_window_is_refused_before_anything_is_written(emulator, tmp_path):
    emulator.control.reset()
    played = play(emulator, tmp_path, [trace_on_dcmati(emulator, 150)])
    result = played.results["scheduled"]
    assert result["failed"] and "3-7JZXAMZ" in result["msg"] and "conflicts=fail" in result["msg"]
    assert [conflict["rfc_number"] for conflict in result["conflicts"]] == ["3-7JZXAMZ"]
    assert [method for method, dummy in played.calls(CONFIG)] == ["GET", "GET"]
    assert played.calls(CONFIG)[1][1] == CONFIG + "/DCMATI/executions"


def test_check_mode_reports_the_conflict_too(emulator, tmp_path):
    emulator.control.reset()
    played = play(emulator, tmp_path, [trace_on_dcmati(emulator, 150)], check=True)
    assert played.results["scheduled"]["failed"] and "3-7JZXAMZ" in played.results["scheduled"]["msg"]
    assert {method for method, dummy in played.calls(CONFIG)} == {"GET"}


def test_warn_schedules_anyway_and_a_free_window_passes(emulator, tmp_path):
    emulator.control.reset()
    played = play(emulator, tmp_path, [trace_on_dcmati(emulator, 150, conflicts="warn"),
                                       dict(trace_on_dcmati(emulator, 24 * 60, summary="Free window"), register="free")])
    warned, free = played.results["scheduled"], played.results["free"]
    assert warned["changed"] and warned["execution"]["scheduled"] and "3-7JZXAMZ" in warned["warnings"][0]
    assert free["changed"] and not free.get("warnings")
    assert [method for method, dummy in played.calls(CONFIG)].count("POST") == 2


def test_a_log_is_fetched_once_and_the_second_run_changes_nothing(emulator, tmp_path):
    emulator.control.reset()
    dest = tmp_path / "logs"
    dest.mkdir()
    fetch = dict(SCOPE, instance_id="DCMATI", execution_id="3-8KQWBNC", name="3-8KQWBNC_log1.zip", dest=str(dest))
    names = dict(SCOPE, instance_id="DCMATI", execution_id="3-8KQWBNC", include_logs=True)
    played = play(emulator, tmp_path, [
        {"name": "Names", "secops.executions.oci_config_execution_info": names, "register": "info"},
        {"name": "Fetch", "secops.executions.oci_config_execution_log": fetch, "register": "first"},
        {"name": "Fetch again", "secops.executions.oci_config_execution_log": fetch, "register": "second"},
    ])
    assert played.results["info"]["executions"][0]["log_files"] == ["3-8KQWBNC_log1.zip"]
    written = (dest / "3-8KQWBNC_log1.zip").read_bytes()
    assert written.startswith(b"Oracle MCS log 3-8KQWBNC_log1.zip\nexecution 3-8KQWBNC on DCMATI")  # decoded from Base64
    assert played.results["first"]["changed"] and not played.results["second"]["changed"]
    assert played.results["second"]["checksum"] == hashlib.sha1(written).hexdigest()
    assert {method for method, dummy in played.calls(CONFIG)} == {"GET"}


def test_a_transfer_adds_a_log_that_can_then_be_fetched(emulator, tmp_path):
    emulator.control.reset()
    base = dict(SCOPE, instance_id="DCMATI", execution_id="3-7JZXAMZ")
    played = play(emulator, tmp_path, [
        {"name": "Transfer", "secops.executions.oci_config_execution_log": dict(base, transfer=True, os_process_identifier="1252"),
         "register": "transfer"},
        {"name": "Fetch", "secops.executions.oci_config_execution_log": dict(base, name="3-7JZXAMZ_log1.zip", dest=str(tmp_path)),
         "register": "fetch"},
    ])
    assert played.results["transfer"]["transfer_message"] == "Log Transfer Initiated"
    assert played.results["fetch"]["changed"] and (tmp_path / "3-7JZXAMZ_log1.zip").exists()
    assert [method for method, dummy in played.calls(CONFIG)] == ["PUT", "GET", "GET"]


def test_the_metadata_says_how_to_build_a_request(emulator, tmp_path):
    emulator.control.reset()
    played = play(emulator, tmp_path, [
        {"name": "Types", "secops.executions.oci_config_type_info": {"service_type": "EBSO"}, "register": "types"},
        {"name": "One step", "secops.executions.oci_config_type_info": {
            "service_type": "EBSO", "config_type": "Trace & Debug", "activity_name": "FRD Enable/Disable", "activity_type": "Enable"},
         "register": "step"},
    ])
    seeded = seed_defaults()["oci"]
    assert played.results["types"]["config_types"] == seeded["config_types"]["EBSO"]
    [activity] = played.results["step"]["activities"]
    parameters = {parameter["name"]: parameter for parameter in activity["activity_types"][0]["parameters"]}
    assert activity["toggle"] and parameters["Auto_Disable_Interval"]["default"] == "2" and parameters["UserName"]["mandatory"]
