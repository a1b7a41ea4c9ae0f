# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The lifeline (a module notices that Ansible is gone) over a made-up /proc, and failures after a write."""

import os

import pytest

from ansible_collections.secops.executions.plugins.module_utils.errors import ControllerGoneError, SecopsError, after_write
from ansible_collections.secops.executions.plugins.module_utils.lifeline import Lifeline

PYTHON = "/venv/bin/python3.11"
MODULE, SHELL, WORKER, MAIN, LOGIN = 400, 300, 200, 100, 50


class Proc(object):
    """A /proc with processes (pid -> parent, argv) that can die (their children go to init)."""

    def __init__(self, root):
        self.root = root
        self.parents = {}

    def add(self, pid, parent, *argv):
        os.makedirs(os.path.join(self.root, str(pid)), exist_ok=True)
        with open(os.path.join(self.root, str(pid), "cmdline"), "wb") as handle:
            handle.write("\0".join(argv).encode() + b"\0")
        self.reparent(pid, parent)

    def reparent(self, pid, parent):
        self.parents[pid] = parent
        with open(os.path.join(self.root, str(pid), "stat"), "w") as handle:
            # A command name with a space and a parenthesis, as /proc may show.
            handle.write("{0} (odd ) name) S {1} {0} {0} 0 -1\n".format(pid, parent))

    def kill(self, pid):
        for child, parent in list(self.parents.items()):
            if parent == pid:
                self.reparent(child, 1)
        os.unlink(os.path.join(self.root, str(pid), "stat"))


@pytest.fixture
def proc(tmp_path):
    """ansible-playbook (main) -> worker (a fork: same argv) -> /bin/sh -c ... -> the module, started from a login shell."""
    table = Proc(str(tmp_path))
    table.add(1, 0, "/sbin/init")
    table.add(LOGIN, 1, "-bash")
    table.add(MAIN, LOGIN, PYTHON, "/venv/bin/ansible-playbook", "site.yml")
    table.add(WORKER, MAIN, PYTHON, "/venv/bin/ansible-playbook", "site.yml")
    table.add(SHELL, WORKER, "/bin/sh", "-c", PYTHON + " /root/.ansible/tmp/ansible-tmp-1/AnsiballZ_ccs_job.py && sleep 0")
    table.add(MODULE, SHELL, PYTHON, "/root/.ansible/tmp/ansible-tmp-1/AnsiballZ_ccs_job.py")
    return table


def test_the_chain_goes_up_to_the_topmost_ansible_process(proc):
    lifeline = Lifeline(proc=proc.root, pid=MODULE)
    # The login shell that started ansible-playbook may end (nohup, a CI step): not watched.
    assert lifeline.links == [(MODULE, SHELL), (SHELL, WORKER), (WORKER, MAIN)]
    assert lifeline.intact()
    lifeline.check("sending POST /x")


@pytest.mark.parametrize("dies,why", [(MAIN, "SIGHUP to ansible-playbook"), (WORKER, "the task's timeout: the worker moved on"),
                                      (SHELL, "the shell was killed")])
def test_any_end_in_the_chain_stops_the_module(proc, dies, why):
    lifeline = Lifeline(proc=proc.root, pid=MODULE)
    proc.kill(dies)
    assert not lifeline.intact(), why
    with pytest.raises(ControllerGoneError, match="Stopped before sending POST /x: the Ansible process that started this module has ended"):
        lifeline.check("sending POST /x")


def test_the_end_of_what_started_ansible_does_not_matter(proc):
    lifeline = Lifeline(proc=proc.root, pid=MODULE)
    proc.kill(LOGIN)
    assert lifeline.intact()


def test_without_ansible_among_the_ancestors_only_the_parent_is_watched(tmp_path):
    # async: a detached wrapper runs the module and outlives Ansible on purpose.
    table = Proc(str(tmp_path))
    table.add(1, 0, "/sbin/init")
    table.add(20, 1, PYTHON, "/root/.ansible/tmp/ansible-tmp-1/AnsiballZ_async_wrapper.py", "j1", "600")
    table.add(30, 20, PYTHON, "/root/.ansible/tmp/ansible-tmp-1/AnsiballZ_ccs_job.py")
    lifeline = Lifeline(proc=table.root, pid=30)
    assert lifeline.links == [(30, 20)] and lifeline.intact()
    table.kill(20)
    assert not lifeline.intact()


def test_the_real_process_has_an_intact_lifeline():
    assert Lifeline().intact()


# ---- failures after a write --------------------------------------------------------------------

def test_a_failure_after_a_write_says_changed_and_names_the_object():
    with pytest.raises(SecopsError) as info:
        with after_write(True, execution_id="e1", run_id=None):
            raise SecopsError("GET /x failed")
    assert info.value.fail_kwargs() == {"msg": "GET /x failed", "changed": True, "execution_id": "e1"}


def test_what_a_failure_already_says_wins():
    with pytest.raises(SecopsError) as info:
        with after_write(True, job_id="j1"):
            raise SecopsError("timed out", changed=False, job_id="j0")
    assert info.value.fail_kwargs()["job_id"] == "j0" and info.value.fail_kwargs()["changed"] is False


def test_without_a_write_only_the_object_is_named():
    with pytest.raises(SecopsError) as info:
        with after_write(False, job_id="j1"):
            raise SecopsError("GET /x failed")
    assert "changed" not in info.value.fail_kwargs() and info.value.fail_kwargs()["job_id"] == "j1"
