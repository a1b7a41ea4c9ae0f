# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The documentation runs: every module's EXAMPLES, as ansible-doc shows them from the
installed collection, and every example play of the role READMEs, played against the emulator
in normal mode and in ``--check --diff`` mode. Each must pass.

The examples are taken as written. The only changes are the ones a reader makes to point an
example at their own console: the example hosts and CA file below become the emulator's, and the
variables an example expects (credentials, an inventory group) are defined. Dates must be
computed from now in the examples themselves, so a documented example never expires.
"""

import json
import os
import re
import subprocess
import sys

import pytest
import yaml
from secops_emulator.seed import defaults as seed_defaults

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))

COLLECTIONS = os.environ.get("ANSIBLE_COLLECTIONS_PATH") or os.path.join(ROOT, ".build", "collections")
BIN = os.path.dirname(sys.executable)

# What a reader replaces to run an example against their console; here, the emulator.
EXAMPLE_HOSTS = ("https://ccs.example.com:12431", "https://mcs-gateway.example.com",
                 "https://idcs-0123.identity.oraclecloud.com")
EXAMPLE_CA = "/etc/pki/corp-root-ca.pem"

EXAMPLE_CCS_USER = "CORP\\ccs-automation"


def example_seed():
    """The emulator's default seed as the examples' reader sees their console: the CCS account
    the examples log in with exists and created the (non-system) jobs the examples manage, since
    CCS lets only a job's creator delete it or purge its history."""
    jobs = [dict(job, created_by=EXAMPLE_CCS_USER) if job["created_by"] == "CORP\\ccsadmin" else job
            for job in seed_defaults()["ccs"]["jobs"]]
    return {"ccs": {"users": [{"username": EXAMPLE_CCS_USER, "password": "Exampl3-ccs-p@ss"}], "jobs": jobs}}


EXAMPLE_VARS = {
    "cylance_tenant_id": "8a2f5b3c-1d4e-4f6a-9b7c-0d1e2f3a4b5c",
    "cylance_app_id": "0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b",
    "cylance_app_secret": "demo-cylance-app-secret-7f3a9c",
    "ccs_password": "Exampl3-ccs-p@ss",
    "mcs_client_id": "mcs-automation",
    "mcs_client_secret": "demo-oci-client-secret",
    "sftp_password": "example-sftp-password",
    # The cylance_package_run README keeps its credentials in a vault.
    "vault_cylance_tenant_id": "8a2f5b3c-1d4e-4f6a-9b7c-0d1e2f3a4b5c",
    "vault_cylance_app_id": "0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b",
    "vault_cylance_app_secret": "demo-cylance-app-secret-7f3a9c",
}
# Role README plays may target a group of the reader's inventory.
INVENTORY = """localhost ansible_connection=local
[finance_workstations]
FIN-WS-01 ansible_connection=local
FIN-WS-02 ansible_connection=local
"""


def example_environment(emulator):
    """The credential environment variables of the three consoles, pointed at the emulator."""
    return {
        "CYLANCE_API_URL": emulator.tls_url, "CYLANCE_CA_PATH": emulator.ca_path,
        "CYLANCE_TENANT_ID": EXAMPLE_VARS["cylance_tenant_id"], "CYLANCE_APP_ID": EXAMPLE_VARS["cylance_app_id"],
        "CYLANCE_APP_SECRET": EXAMPLE_VARS["cylance_app_secret"],
        "CCS_API_URL": emulator.tls_url, "CCS_CA_PATH": emulator.ca_path, "CCS_USERNAME": EXAMPLE_CCS_USER,
        "CCS_PASSWORD": EXAMPLE_VARS["ccs_password"],
        "OCI_MCS_API_URL": emulator.tls_url, "OCI_MCS_CA_PATH": emulator.ca_path,
        "OCI_MCS_IDENTIFIER": "5d1c3f0e-8b2a-4c6d-9e7f-1a2b3c4d5e6f", "OCI_MCS_TOKEN_URL": emulator.tls_url + "/oauth2/v1/token",
        "OCI_MCS_CLIENT_ID": EXAMPLE_VARS["mcs_client_id"], "OCI_MCS_CLIENT_SECRET": EXAMPLE_VARS["mcs_client_secret"],
    }


def module_examples():
    """{module: EXAMPLES text} of every module of the installed collection, as ansible-doc reads them."""
    environment = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS)
    listed = subprocess.run([os.path.join(BIN, "ansible-doc"), "-t", "module", "-l", "secops.executions", "--json"],
                            stdout=subprocess.PIPE, env=environment, check=True)
    names = sorted(json.loads(listed.stdout))
    shown = subprocess.run([os.path.join(BIN, "ansible-doc"), "-t", "module", "--json"] + names,
                           stdout=subprocess.PIPE, env=environment, check=True)
    return {name: doc["examples"] for name, doc in json.loads(shown.stdout).items()}


def role_examples():
    """{role: [play, ...]} from the YAML blocks of each role README that are plays (have hosts)."""
    found = {}
    for role in sorted(os.listdir(os.path.join(ROOT, "roles"))):
        with open(os.path.join(ROOT, "roles", role, "README.md")) as handle:
            text = handle.read()
        for block in re.findall(r"^```ya?ml\n(.*?)^```", text, re.S | re.M):
            document = yaml.safe_load(block)
            if isinstance(document, list) and document and all(isinstance(play, dict) and "hosts" in play for play in document):
                found.setdefault(role, []).extend(document)
    return found


try:
    MODULES = module_examples()
except (OSError, subprocess.CalledProcessError):  # collection not installed: the test below says so
    MODULES = {}
ROLES = role_examples()


def pointed_at(text, emulator):
    for host in EXAMPLE_HOSTS:
        text = text.replace(host, emulator.tls_url)
    return text.replace(EXAMPLE_CA, emulator.ca_path)


def play(tmp_path, emulator, plays, check):
    emulator.control.reset()
    playbook = tmp_path / ("check.yml" if check else "play.yml")
    playbook.write_text(pointed_at(yaml.safe_dump(plays, sort_keys=False), emulator))
    inventory = tmp_path / "hosts"
    inventory.write_text(INVENTORY)
    variables = dict(EXAMPLE_VARS, ansible_python_interpreter=sys.executable)
    command = [os.path.join(BIN, "ansible-playbook"), "-i", str(inventory), "-e", json.dumps(variables), str(playbook)]
    if check:
        command += ["--check", "--diff"]
    # Examples without connection options take them from the environment, as an AWX credential
    # injects them; Cylance examples name a region, whose URL the environment points here.
    environment = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS, ANSIBLE_NOCOLOR="1",
                       ANSIBLE_DEPRECATION_WARNINGS="0", ANSIBLE_HOST_KEY_CHECKING="0", **example_environment(emulator))
    process = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=environment,
                             cwd=str(tmp_path), check=False, timeout=600)
    output = process.stdout.decode("utf-8", "replace")
    writes = [entry for entry in emulator.control.requests() if entry["method"] not in ("GET", "HEAD")
              and not re.search(r"/oauth2/v1/token$|/auth/v2/token$|/oauth/tokens$", entry["path"])]
    return process.returncode, output, writes


@pytest.fixture
def example_emulator(emulator):
    emulator.control.seed(example_seed())
    yield emulator
    emulator.control.seed({})


def test_every_module_has_examples():
    assert MODULES, "ansible-doc found no module: is the collection installed (make install)?"
    assert all(text.strip() for text in MODULES.values()), [name for name, text in MODULES.items() if not text.strip()]


@pytest.mark.parametrize("check", [False, True], ids=["run", "check-diff"])
@pytest.mark.parametrize("module", sorted(MODULES))
def test_module_examples_run(module, check, example_emulator, tmp_path):
    tasks = yaml.safe_load(MODULES[module])
    plays = [{"name": "EXAMPLES of " + module, "hosts": "localhost", "gather_facts": False, "tasks": tasks}]
    rc, output, writes = play(tmp_path, example_emulator, plays, check)
    assert rc == 0, output
    if check:
        assert not writes, "check mode sent writes: {0}".format(writes)


@pytest.mark.parametrize("check", [False, True], ids=["run", "check-diff"])
@pytest.mark.parametrize("role", sorted(ROLES))
def test_role_readme_examples_run(role, check, example_emulator, tmp_path):
    rc, output, writes = play(tmp_path, example_emulator, ROLES[role], check)
    assert rc == 0, output
    if check:
        assert not writes, "check mode sent writes: {0}".format(writes)
