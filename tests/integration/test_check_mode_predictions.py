# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Check mode predicts the real run: for each state of each module, the same task runs with
``--check --diff`` and then for real from the same starting state (the emulator's default seed),
and the predicted ``changed``, diff and key result fields must equal the real run's.

Fields only the real run can know (new IDs, creation times, device counts, run IDs) are left out
of the comparison by name, each with its reason.
"""

import json
import os
import subprocess
import sys

import pytest
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
COLLECTIONS = os.environ.get("ANSIBLE_COLLECTIONS_PATH") or os.path.join(ROOT, ".build", "collections")
DEFAULTS = os.path.join(HERE, "targets", "setup_emulator", "defaults", "main.yml")
CYLANCE_IDS = os.path.join(HERE, "targets", "cylance_package_execution", "vars", "main.yml")

# Known only once the write happened: (result path, why).
UNKNOWABLE = {
    "id": "a new object's ID",
    "rfc_number": "the new RFC number",
    "createdAt": "the creation time",
    "created_on": "the creation time",
    "created_by": "who the platform records",
    "createdBy": "who the platform records",
    "updated_on": "the time of the change",
    "updated_by": "who the platform records",
    "deviceCount": "devices online when the execution is requested",
    "deviceStatuses": "device progress",
    "device_counts": "device progress",
    "packageExecutions": "the API names packages by a download URL",
    "creation_time": "the creation time",
    "last_modified": "the time of the change",
    "run": "the run the platform starts",
    "runs": "the run the platform starts",
    "scheduled_by": "who the platform records",
    "reference_execution_id": "the new parent's ID",
    "created_at": "the creation time",
    "modified_at": "the time of the change",
    "last_run_at": "when the platform starts the run",
}
# Fields a prediction may leave unknown (None) when only the platform can say: (field, why).
NEW_RUN = {"last_run_status": "the status CCS gives a run it starts or stops is not documented",
           "last_run_succeeded": "follows that status"}
CCS_DEFAULTS = {"notifications": "CCS fills the notifications a new job was not given"}


def scrub(value, unknown=()):
    """The result without what only the real run can know, at any depth; ``unknown`` fields are left out too."""
    if isinstance(value, dict):
        return dict((key, scrub(item, unknown)) for key, item in value.items() if key not in UNKNOWABLE and key not in unknown)
    if isinstance(value, list):
        return [scrub(item, unknown) for item in value]
    return value


def unknown_but_claimed(value, unknown):
    """Fields of ``unknown`` that the prediction fills in anyway (it must say None, not a stale or guessed value)."""
    if isinstance(value, dict):
        claimed = [key for key in unknown if value.get(key) is not None]
        return claimed + [found for item in value.values() for found in unknown_but_claimed(item, unknown)]
    if isinstance(value, list):
        return [found for item in value for found in unknown_but_claimed(item, unknown)]
    return []


def settings():
    with open(DEFAULTS) as handle:
        seed = yaml.safe_load(handle)
    with open(CYLANCE_IDS) as handle:
        seed.update(yaml.safe_load(handle))
    return seed


def cases(seed):
    """(case id, module, args, result key compared[, {field the prediction may leave unknown: why}]); each runs
    from the default seed."""
    weekly = {"name": "Prediction weekly", "packages": [{"package": seed["browser_history_id"], "arguments": ["-browser ALL"]}],
              "devices": [seed["fin_ws_01_id"]], "keep_results_locally": True, "wait": False}
    ccs_new = {"name": "Prediction scan", "job_type": "CollectionEvaluationJob",
               "assets": [{"id": seed["ccs_web01_id"], "type": seed["ccs_unix_type"]}],
               "standards": [seed["ccs_cis_rhel_id"]], "description": "Predicted"}
    frd = {"support_identifier": "22334455", "service_type": "EBSO", "instance_id": "DCMATT", "config_type": "Trace & Debug",
           "activity_name": "FRD Enable/Disable", "activity_type": "Enable", "summary": "Prediction FRD", "bounce": False,
           "parameters": {"UserName": "oracle", "Auto_Disable_Interval": 3}, "duration": {"value": 90, "unit": "minutes"},
           "scheduled_time": "{{ in_1h }}", "downstream_scheduled_time": "{{ in_5h }}"}
    seeded_oci = {"support_identifier": "22334455", "service_type": "EBSO", "instance_id": "DCMATI"}
    return [
        ("cylance create", "cylance_package_execution", weekly, "execution"),
        ("cylance replace", "cylance_package_execution", {"name": "Weekly browser history 2026-W46", "replace": True,
                                                          "packages": [{"package": seed["hello_world_id"]}],
                                                          "zones": [seed["finance_zone_id"]], "keep_results_locally": True,
                                                          "wait": False}, "execution"),
        ("cylance absent by name", "cylance_package_execution", {"name": "Weekly browser history 2026-W46", "state": "absent"},
         "executions"),
        ("cylance absent by id", "cylance_package_execution", {"id": seed["seeded_execution_id"], "state": "absent"}, "executions"),
        ("ccs create", "ccs_job", ccs_new, "job", CCS_DEFAULTS),
        ("ccs update", "ccs_job", {"name": "Nightly CIS scan - web", "description": "Changed by the prediction test"}, "job"),
        ("ccs purge history", "ccs_job", {"name": "Nightly CIS scan - web", "purge_history": True}, "job"),
        ("ccs absent by name", "ccs_job", {"name": "Nightly CIS scan - web", "state": "absent"}, "job"),
        ("ccs absent by id", "ccs_job", {"id": seed["ccs_nightly_job_id"], "state": "absent"}, "job"),
        ("ccs run", "ccs_job", {"name": "Nightly CIS scan - web", "run": True, "wait": False}, "job", NEW_RUN),
        ("ccs create and run", "ccs_job", dict(ccs_new, run=True, wait=False), "job", dict(NEW_RUN, **CCS_DEFAULTS)),
        ("ccs cancel the running run", "ccs_job", {"id": seed["ccs_archive_job_id"], "state": "cancelled"}, "job", NEW_RUN),
        ("ccs cancel with nothing running", "ccs_job", {"name": "Nightly CIS scan - web", "state": "cancelled"}, "job"),
        ("cylance create by names", "cylance_package_execution", dict(weekly, packages=[{"package": "Hello World"}], devices=None,
                                                                      device_names=["FIN-WS-01"]), "execution"),
        ("cylance unchanged", "cylance_package_execution", {"name": "Event logs SRV-DB-01", "state": "absent"}, "executions"),
        ("oci create", "oci_config_execution", dict((key, value) for key, value in frd.items() if "scheduled" not in key), "execution"),
        ("oci cancel unscheduled", "oci_config_execution", dict(seeded_oci, execution_id="3-8KQWBNC", state="cancelled"), "execution"),
        ("oci create and schedule", "oci_config_execution", frd, "execution"),
        ("oci reschedule", "oci_config_execution", dict(seeded_oci, execution_id="3-7JZXAMZ", scheduled_time="{{ in_2h }}"),
         "execution"),
        ("oci reschedule with the downstream step", "oci_config_execution",
         dict(seeded_oci, execution_id="3-7JZXAMZ", scheduled_time="{{ in_2h }}", downstream_scheduled_time="{{ in_5h }}"), "execution"),
        # After the seeded 3-7JZXAMZ windows (its two steps: 2 to 6 hours after the reset) on the same instance: no conflict.
        ("oci schedule", "oci_config_execution", dict(seeded_oci, execution_id="3-8KQWBNC", scheduled_time="{{ in_8h }}"),
         "execution"),
        ("oci cancel", "oci_config_execution", dict(seeded_oci, execution_id="3-7JZXAMZ", state="cancelled"), "execution"),
    ]


def connection(emulator, seed):
    return {
        "group/secops.executions.cylance": {"api_url": emulator.url, "tenant_id": seed["cylance_tenant_id"],
                                            "app_id": seed["cylance_app_id"], "app_secret": seed["cylance_app_secret"]},
        "group/secops.executions.ccs": {"api_url": emulator.url, "username": seed["ccs_username"], "password": seed["ccs_password"]},
        "group/secops.executions.oci": {"api_url": emulator.url, "identifier": seed["oci_identifier"],
                                        "token_url": emulator.url + "/oauth2/v1/token", "client_id": seed["oci_client_id"],
                                        "client_secret": seed["oci_client_secret"]},
    }


def playbook(emulator, seed, report):
    """One play: per case, back to the seed, the task in check mode, then for real; results into ``report``."""
    tasks = [{"name": "Times relative to now", "ansible.builtin.set_fact": {
        "in_1h": "{{ '%Y-%m-%dT%H:%M:%SZ' | strftime(now(utc=true).timestamp() | int + 3600, utc=true) }}",
        "in_2h": "{{ '%Y-%m-%dT%H:%M:%SZ' | strftime(now(utc=true).timestamp() | int + 7200, utc=true) }}",
        "in_5h": "{{ '%Y-%m-%dT%H:%M:%SZ' | strftime(now(utc=true).timestamp() | int + 18000, utc=true) }}",
        "in_8h": "{{ '%Y-%m-%dT%H:%M:%SZ' | strftime(now(utc=true).timestamp() | int + 28800, utc=true) }}",
        "outcomes": {}}}]
    for index, (name, module, args) in enumerate(case[:3] for case in cases(seed)):
        tasks += [
            {"name": "Back to the seed ({0})".format(name), "ansible.builtin.uri": {"url": emulator.url + "/_emulator/reset", "method": "POST"}},
            {"name": "Predict: {0}".format(name), "secops.executions." + module: args, "check_mode": True, "diff": True,
             "register": "predicted_{0}".format(index)},
            {"name": "Run: {0}".format(name), "secops.executions." + module: args, "diff": True, "register": "real_{0}".format(index)},
            {"name": "Keep both ({0})".format(name), "ansible.builtin.set_fact": {"outcomes": "{{ outcomes | combine({%r: "
             "{'predicted': predicted_%d, 'real': real_%d}}) }}" % (name, index, index)}},
        ]
    tasks.append({"name": "Write the outcomes", "ansible.builtin.copy": {"dest": str(report), "content": "{{ outcomes | to_json }}",
                                                                         "mode": "0600"}})
    return [{"name": "Check mode against the real run", "hosts": "localhost", "gather_facts": False,
             "module_defaults": connection(emulator, seed), "tasks": tasks}]


@pytest.fixture(scope="module")
def outcomes(emulator, tmp_path_factory):
    seed = settings()
    workdir = tmp_path_factory.mktemp("predictions")
    report = workdir / "outcomes.json"
    path = workdir / "play.yml"
    path.write_text(yaml.safe_dump(playbook(emulator, seed, report), sort_keys=False))
    environment = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS, ANSIBLE_NOCOLOR="1", ANSIBLE_DEPRECATION_WARNINGS="0")
    command = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", "localhost,", "-c", "local",
               "-e", json.dumps({"ansible_python_interpreter": sys.executable}), str(path)]
    process = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=environment, check=False, timeout=1800)
    output = process.stdout.decode("utf-8", "replace")
    emulator.control.reset()
    assert process.returncode == 0, output
    return json.loads(report.read_text())


@pytest.mark.parametrize("case", [case[0] for case in cases(settings())])
def test_check_mode_predicts_the_real_run(outcomes, case):
    key, unknown = [(entry[3], entry[4] if len(entry) > 4 else {}) for entry in cases(settings()) if entry[0] == case][0]
    predicted, real = outcomes[case]["predicted"], outcomes[case]["real"]
    assert predicted["changed"] == real["changed"]
    assert predicted.get("diff") == real.get("diff")
    assert scrub(predicted.get(key), unknown) == scrub(real.get(key), unknown)
    assert unknown_but_claimed(predicted.get(key), unknown) == []
