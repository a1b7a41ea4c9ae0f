# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Notice that Ansible is gone, so that a module left behind writes nothing more.

A module on the controller runs as ``ansible-playbook`` (main process) -> a worker process forked
for the task -> ``/bin/sh -c '<python> AnsiballZ_<module>.py && sleep 0'`` -> this process
(AnsiballZ runs the module in its own process). When ``ansible-playbook`` is killed (SIGHUP) the
worker loses its parent; when a task's ``timeout:`` passes, the worker gives up on the task and
ends, and the shell loses its parent. Either way a process of that chain is re-parented, which
is what ``intact()`` looks for: every process between this one and the topmost Ansible program
still has the parent it had at the start.

When no Ansible program is among the ancestors (``async`` runs the module under a detached
wrapper that outlives Ansible on purpose; a remote host runs it under ``sshd``), only the direct
parent is watched. Without ``/proc`` (not Linux), too.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from ansible_collections.secops.executions.plugins.module_utils.errors import ControllerGoneError

MAX_DEPTH = 8
# Programs whose end means nobody waits for this module any more (ansible-playbook, ansible, ansible-runner...).
ANSIBLE_PROGRAM_PREFIX = "ansible"


class Lifeline(object):
    """The chain of processes from this one up to Ansible, as it was at the start."""

    def __init__(self, proc="/proc", pid=None):
        self._proc = proc
        self._links = self._chain(pid or os.getpid())

    @property
    def links(self):
        """(pid, parent pid) pairs that must not change."""
        return list(self._links)

    def check(self, doing):
        """Raise ControllerGoneError before ``doing`` (a write, a sleep) when Ansible has ended."""
        if not self.intact():
            raise ControllerGoneError(doing)

    def intact(self):
        return all(self._parent_of(pid) == parent for pid, parent in self._links)

    def _chain(self, pid):
        parent = self._parent_of(pid)
        if parent is None:  # no /proc: watch the direct parent only
            return [(os.getpid(), os.getppid())] if pid == os.getpid() else []
        ancestry = [(pid, parent)]
        top = None
        for dummy in range(MAX_DEPTH):
            if parent in (0, 1) or self._parent_of(parent) is None:
                break
            if self._is_ansible(parent):
                top = len(ancestry)
            ancestry.append((parent, self._parent_of(parent)))
            parent = ancestry[-1][1]
        # Up to the topmost Ansible process; its own parent may come and go (a shell that started it).
        return ancestry[:top] if top else ancestry[:1]

    def _parent_of(self, pid):
        if pid == os.getpid() and not os.path.isdir(self._proc):
            return os.getppid()
        try:
            with open(os.path.join(self._proc, str(pid), "stat"), "rb") as handle:
                stat = handle.read().decode("utf-8", "replace")
        except (IOError, OSError):
            return None
        # "pid (command name) state ppid ...": the name may hold spaces and parentheses.
        fields = stat.rsplit(")", 1)[-1].split()
        return int(fields[1]) if len(fields) > 1 and fields[1].isdigit() else None

    def _is_ansible(self, pid):
        try:
            with open(os.path.join(self._proc, str(pid), "cmdline"), "rb") as handle:
                argv = handle.read().decode("utf-8", "replace").split("\0")
        except (IOError, OSError):
            return False
        # The program itself, or the script its interpreter runs (python .../bin/ansible-playbook).
        return any(os.path.basename(arg).startswith(ANSIBLE_PROGRAM_PREFIX) for arg in argv[:2])
