# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What crosses into a role and what stops it, played by ansible-playbook against the emulator.

- module_defaults: the roles set ``group/secops.executions.<vendor>`` from their connection
  variable, and Ansible merges module_defaults by key, the innermost winning. So the play's (or an
  enclosing block's) defaults for the same group do not reach the role, as the role READMEs say;
  defaults under another key (the ``group/secops.executions.all`` umbrella, or a module's own
  name) do, and a module's own name even wins over the role's connection.
- an empty freeze list fails oci_change_freeze before any request, unless it is expected.
"""

import json
import os
import subprocess
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
COLLECTIONS = os.environ.get("ANSIBLE_COLLECTIONS_PATH") or os.path.join(ROOT, ".build", "collections")
DEFAULTS = os.path.join(HERE, "targets", "setup_emulator", "defaults", "main.yml")
# A port nothing listens on: a module sent there fails on the connection.
NOWHERE = "http://127.0.0.1:9"
# The message of a failed task, or of the first failed item of a loop.
FAILURE = ("{{ (ansible_failed_result.results | selectattr('failed') | first).msg if ansible_failed_result.results is defined "
           "else ansible_failed_result.msg }}")


def oci_connection(emulator):
    with open(DEFAULTS) as handle:
        seed = yaml.safe_load(handle)
    return {"api_url": emulator.url, "identifier": seed["oci_identifier"], "token_url": emulator.url + "/oauth2/v1/token",
            "client_id": seed["oci_client_id"], "client_secret": seed["oci_client_secret"]}


def freeze(outcome, connection=None, block_defaults=None, instances=("DCMATT",), allow_empty=None):
    """Tasks that include oci_change_freeze and record how it ended in the fact ``outcome``."""
    variables = {"oci_change_freeze_support_identifier": "22334455", "oci_change_freeze_service_type": "EBSO",
                 "oci_change_freeze_instances": list(instances), "oci_change_freeze_connection": connection or {}}
    if allow_empty is not None:
        variables["oci_change_freeze_allow_empty"] = allow_empty
    attempt = {"name": "Include the role", "ansible.builtin.include_role": {"name": "secops.executions.oci_change_freeze"},
               "vars": variables}
    block = {"name": "Play the role ({0})".format(outcome),
             "block": [attempt, {"name": "It ended well", "ansible.builtin.set_fact": {outcome: "ok"}}],
             "rescue": [{"name": "It failed", "ansible.builtin.set_fact": {outcome: FAILURE}}]}
    if block_defaults:
        block["module_defaults"] = block_defaults
    return [block]


def play(name, tasks, defaults=None):
    entry = {"name": name, "hosts": "localhost", "gather_facts": False, "tasks": tasks}
    if defaults:
        entry["module_defaults"] = defaults
    return entry


def run(plays, outcomes, emulator, tmp_path):
    """Play, then return ({outcome: how it ended}, output, the emulator's request log)."""
    emulator.control.reset()
    report = tmp_path / "outcomes.json"
    facts = ", ".join("'{0}': {0} | default('never ran')".format(name) for name in outcomes)
    collect = play("Report", [{"name": "Write the outcomes", "ansible.builtin.copy": {
        "dest": str(report), "content": "{{ {" + facts + "} | to_json }}", "mode": "0600"}}])
    playbook = tmp_path / "play.yml"
    playbook.write_text(yaml.safe_dump(plays + [collect], sort_keys=False))
    environment = dict((key, value) for key, value in os.environ.items() if not key.startswith("OCI_MCS_"))
    environment.update(ANSIBLE_COLLECTIONS_PATH=COLLECTIONS, ANSIBLE_NOCOLOR="1", ANSIBLE_DEPRECATION_WARNINGS="0")
    command = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", "localhost,", "-c", "local",
               "-e", json.dumps({"ansible_python_interpreter": sys.executable}), str(playbook)]
    process = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=environment, check=False, timeout=900)
    output = process.stdout.decode("utf-8", "replace")
    assert process.returncode == 0, output
    return json.loads(report.read_text()), output, emulator.control.requests()


def test_module_defaults_for_the_vendor_group_stop_at_the_role_other_keys_reach_it(emulator, tmp_path):
    connection = oci_connection(emulator)
    group = "group/secops.executions.oci"
    plays = [
        # The README's claim, at play level and at block level: the role's own group key replaces them.
        play("Play-level group defaults", freeze("play_group"), defaults={group: connection}),
        play("Block-level group defaults", freeze("block_group", block_defaults={group: connection})),
        # What does cross: the umbrella group, and a module's own name (which even beats the role's connection).
        play("Play-level umbrella group defaults", freeze("play_umbrella"), defaults={"group/secops.executions.all": connection}),
        play("Play-level defaults for one module", freeze("play_module", connection=connection),
             defaults={"secops.executions.oci_config_execution_info": {"api_url": NOWHERE}}),
        # And the documented way in.
        play("The role's connection variable", freeze("role_connection", connection=connection)),
    ]
    outcomes, output, dummy = run(plays, ("play_group", "block_group", "play_umbrella", "play_module", "role_connection"),
                                  emulator, tmp_path)
    for stopped in ("play_group", "block_group"):
        # Nothing reached the modules: the first one fails on the missing connection, naming the variable to set.
        assert "api_url" in outcomes[stopped] and "OCI_MCS_API_URL" in outcomes[stopped], (stopped, outcomes, output)
    assert outcomes["play_umbrella"] == "ok", (outcomes, output)
    assert "127.0.0.1:9" in outcomes["play_module"] or "Connection refused" in outcomes["play_module"], (outcomes, output)
    assert outcomes["role_connection"] == "ok", (outcomes, output)


def test_an_empty_freeze_list_fails_before_any_request_unless_expected(emulator, tmp_path):
    connection = oci_connection(emulator)
    plays = [play("Empty freeze list", freeze("empty", connection=connection, instances=())),
             play("Empty freeze list, expected", freeze("empty_expected", connection=connection, instances=(), allow_empty=True))]
    outcomes, output, requests_sent = run(plays, ("empty", "empty_expected"), emulator, tmp_path)
    assert outcomes["empty"].startswith("oci_change_freeze_instances is empty, so the freeze would cancel nothing"), (outcomes, output)
    assert "oci_change_freeze_allow_empty" in outcomes["empty"]
    assert outcomes["empty_expected"] == "ok" and "Nothing frozen: oci_change_freeze_instances is empty." in output, output
    assert requests_sent == []
