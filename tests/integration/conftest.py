# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Integration tests: real ansible-playbook runs against the real emulator over real HTTP.

The collection must be installed in ANSIBLE_COLLECTIONS_PATH (``make integration`` does it).
Each target under targets/ is a role; ``run_target`` plays it against a freshly reset emulator.
"""

import json
import os
import subprocess
import sys

import pytest
from secops_emulator.fixture import start_emulator

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))

TARGETS = os.path.join(HERE, "targets")
# Where `make install` puts the built collection.
COLLECTIONS = os.environ.get("ANSIBLE_COLLECTIONS_PATH") or os.path.join(ROOT, ".build", "collections")
PLAYBOOK = """- name: Integration target {target}
  hosts: localhost
  gather_facts: false
  roles:
    - {target}
"""


@pytest.fixture(scope="session")
def emulator(tmp_path_factory):
    handle = start_emulator(tls=True, cert_dir=str(tmp_path_factory.mktemp("tls")))
    yield handle
    handle.stop()


class PlaybookRun:
    def __init__(self, process, output):
        self.rc = process.returncode
        self.output = output


@pytest.fixture
def run_target(emulator, tmp_path):
    """Play one target; returns the run (rc, output). Extra environment and verbosity are optional."""

    def run(target, env=None, verbosity=0, extra_vars=None):
        emulator.control.reset()
        playbook = tmp_path / "play.yml"
        playbook.write_text(PLAYBOOK.format(target=target))
        variables = {
            "emulator_url": emulator.url,
            "emulator_tls_url": emulator.tls_url,
            "emulator_ca_path": emulator.ca_path,
            "output_dir": str(tmp_path),
            "ansible_python_interpreter": sys.executable,
        }
        variables.update(extra_vars or {})
        command = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", "localhost,", "-c", "local",
                   "-e", json.dumps(variables), str(playbook)]
        if verbosity:
            command.append("-" + "v" * verbosity)
        environment = dict(os.environ, ANSIBLE_ROLES_PATH=TARGETS, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS, ANSIBLE_NOCOLOR="1", ANSIBLE_FORCE_COLOR="0",
                           ANSIBLE_STDOUT_CALLBACK="default", ANSIBLE_DEPRECATION_WARNINGS="0")
        environment.update(env or {})
        process = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=environment, cwd=str(tmp_path),
                                 check=False, timeout=600)
        return PlaybookRun(process, process.stdout.decode("utf-8", "replace"))

    return run
