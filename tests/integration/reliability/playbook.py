# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cases -> playbooks -> ansible-playbook runs -> recorded phases.

Each case phase becomes three tasks: ``reliability_case: step=arm`` (clear the emulator's log
and faults, arm the phase's faults), the module task itself (``ignore_errors``, optionally in
check mode), and ``reliability_case: step=record`` (append the result and the exact requests to
a JSON-lines file). The arm and record steps run in the controller process (an action plugin
next to this file), so a case costs about one module run.
"""

import collections
import json
import os
import socket
import subprocess
import sys
import time

import yaml

from .seed import CCS_USER, CYLANCE_APP, CYLANCE_TENANT, OCI_CLIENT, OCI_IDENTIFIER, TOKEN_VAR

HERE = os.path.dirname(os.path.abspath(__file__))
ACTION_PLUGINS = os.path.join(HERE, "action_plugins")
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
COLLECTIONS = os.environ.get("ANSIBLE_COLLECTIONS_PATH") or os.path.join(ROOT, ".build", "collections")
ANSIBLE_PLAYBOOK = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")
FQCN = "secops.executions.{0}"


def dead_url():
    """An HTTP URL on a local port where nothing listens (connection refused)."""
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return "http://127.0.0.1:{0}".format(port)


def token_task(vendor, url):
    """Obtains the play's token of ``vendor``, which the tasks after it use."""
    if vendor == "oci":
        options = {"api_url": url, "identifier": OCI_IDENTIFIER, "token_url": url + "/oauth2/v1/token",
                   "client_id": OCI_CLIENT["client_id"], "client_secret": OCI_CLIENT["client_secret"]}
    elif vendor == "cylance":
        options = {"api_url": url, "tenant_id": CYLANCE_TENANT, "app_id": CYLANCE_APP["app_id"], "app_secret": CYLANCE_APP["app_secret"]}
    else:
        options = {"api_url": url, "username": CCS_USER["username"], "password": CCS_USER["password"]}
    return {"name": "Token for the {0} tasks".format(vendor), FQCN.format(vendor + "_token"): options,
            "register": TOKEN_VAR.format(vendor)}


def phase_tasks(case_id, module, phase, emulator, output):
    label = "{0} | {1}".format(case_id, phase.name)
    module_task = {"name": label, FQCN.format(module): phase.args, "register": "outcome", "ignore_errors": True}
    if phase.check_mode:
        module_task["check_mode"] = True
    if phase.diff:
        module_task["diff"] = True
    return [
        {"name": label + " | arm", "reliability_case": {"step": "arm", "emulator": emulator, "faults": phase.faults, "revoke": phase.revoke},
         "register": "armed"},
        module_task,
        {"name": label + " | record", "reliability_case": {
            "step": "record", "emulator": emulator, "case": case_id, "phase": phase.name, "result": "{{ outcome }}", "armed": "{{ armed }}",
            "output": output}},
    ]


def playbook(title, vendors, emulator, cases, output):
    """One play: get each vendor's token, then every case's phases in order."""
    tasks = [token_task(vendor, emulator) for vendor in vendors]
    for case in cases:
        for phase in case.phases:
            tasks.extend(phase_tasks(case.id, case.module, phase, emulator, output))
        if case.renew_token:
            tasks.append(token_task(case.vendor, emulator))
    return [{"name": title, "hosts": "localhost", "gather_facts": False, "tasks": tasks}]


class Run(object):
    """A started ansible-playbook process; ``wait()`` returns (rc, output, seconds)."""

    def __init__(self, name, play, workdir, verbosity=0, extra_env=None):
        self.name = name
        self.path = os.path.join(workdir, name + ".yml")
        self.log = os.path.join(workdir, name + ".log")
        with open(self.path, "w") as handle:
            yaml.safe_dump(play, handle, sort_keys=False, width=1000)
        command = [ANSIBLE_PLAYBOOK, "-i", "localhost,", "-c", "local", "-e", json.dumps({"ansible_python_interpreter": sys.executable}), self.path]
        if verbosity:
            command.append("-" + "v" * verbosity)
        env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS, ANSIBLE_ACTION_PLUGINS=ACTION_PLUGINS, ANSIBLE_NOCOLOR="1",
                   ANSIBLE_FORCE_COLOR="0", ANSIBLE_STDOUT_CALLBACK="default", ANSIBLE_DEPRECATION_WARNINGS="0",
                   ANSIBLE_RETRY_FILES_ENABLED="0")
        env.update(extra_env or {})
        self.started = time.time()
        self._log = open(self.log, "wb")
        self.process = subprocess.Popen(command, stdout=self._log, stderr=subprocess.STDOUT, env=env, cwd=workdir)

    # Generous: the longest play (the fault matrix) takes 4 minutes alone, and a shared CI
    # machine may be many times slower; CI's own time limit bounds the whole run anyway.
    def wait(self, timeout=3600):
        rc = self.process.wait(timeout=timeout)
        self._log.close()
        with open(self.log, "rb") as handle:
            output = handle.read().decode("utf-8", "replace")
        return rc, output, round(time.time() - self.started, 1)


def read_records(path):
    """``{case id: {phase: record}}`` from a JSON-lines file written by the record step."""
    found = collections.defaultdict(dict)
    if os.path.exists(path):
        with open(path) as handle:
            for line in handle:
                record = json.loads(line)
                found[record["case"]][record["phase"]] = record
    return found
