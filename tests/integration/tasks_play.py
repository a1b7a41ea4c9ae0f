# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Play a list of tasks through ansible-playbook against the emulator, with the connection of each
console from its environment variables (as an AWX credential injects them), and read back each
registered result and the requests the emulator received meanwhile."""

import json
import os
import subprocess
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
COLLECTIONS = os.environ.get("ANSIBLE_COLLECTIONS_PATH") or os.path.join(ROOT, ".build", "collections")
OCI_IDENTIFIER = "5d1c3f0e-8b2a-4c6d-9e7f-1a2b3c4d5e6f"


def environment(emulator):
    """Credentials of the three consoles' automation accounts, pointed at the emulator (plain HTTP)."""
    return {
        "CYLANCE_API_URL": emulator.url, "CYLANCE_TENANT_ID": "8a2f5b3c-1d4e-4f6a-9b7c-0d1e2f3a4b5c",
        "CYLANCE_APP_ID": "0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b", "CYLANCE_APP_SECRET": "demo-cylance-app-secret-7f3a9c",
        "CCS_API_URL": emulator.url, "CCS_USERNAME": "CORP\\ccsadmin", "CCS_PASSWORD": "Adm1n&P+ss%=w0rd",
        "OCI_MCS_API_URL": emulator.url, "OCI_MCS_IDENTIFIER": OCI_IDENTIFIER,
        "OCI_MCS_TOKEN_URL": emulator.url + "/oauth2/v1/token", "OCI_MCS_CLIENT_ID": "mcs-automation",
        "OCI_MCS_CLIENT_SECRET": "demo-oci-client-secret",
    }


class Played(object):
    def __init__(self, rc, output, results, requests):
        self.rc = rc
        self.output = output
        self.results = results  # {register name: result}
        self.requests = requests  # the emulator's log entries of this play, token requests included

    def calls(self, vendor_path=""):
        """(method, path) of each request whose path contains ``vendor_path``, token requests left out."""
        return [(entry["method"], entry["path"]) for entry in self.requests
                if vendor_path in entry["path"] and not entry["path"].endswith(("/oauth2/v1/token", "/auth/v2/token", "/oauth/tokens"))]


def play(emulator, tmp_path, tasks, check=False, extra_env=None):
    """Play ``tasks`` (each with a ``register``, failures ignored) on localhost; returns Played."""
    names = [task["register"] for task in tasks if "register" in task]
    dump = tmp_path / "results.json"
    tasks = [dict(task, ignore_errors=True) if "register" in task else task for task in tasks]
    tasks.append({"name": "Keep the results", "ansible.builtin.copy": {
        "content": "{{ {" + ", ".join("'{0}': {0} | default(None)".format(name) for name in names) + "} | to_json }}",
        "dest": str(dump)}, "check_mode": False, "diff": False})
    playbook = tmp_path / "play.yml"
    playbook.write_text(yaml.safe_dump([{"name": "Tasks", "hosts": "localhost", "gather_facts": False, "tasks": tasks}], sort_keys=False))
    command = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", "localhost,", "-c", "local",
               "-e", json.dumps({"ansible_python_interpreter": sys.executable}), str(playbook)]
    if check:
        command += ["--check", "--diff"]
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS, ANSIBLE_NOCOLOR="1", ANSIBLE_DEPRECATION_WARNINGS="0",
               **environment(emulator))
    env.update(extra_env or {})
    since = max([entry["seq"] for entry in emulator.control.requests()] or [0])
    process = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=str(tmp_path),
                             check=False, timeout=600)
    output = process.stdout.decode("utf-8", "replace")
    results = json.loads(dump.read_text()) if dump.exists() else {}
    return Played(process.returncode, output, results, emulator.control.requests(since))
