# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Records each task's wall time, from its start to its result, for `make bench` (scripts/bench/overhead.py), and with
SECOPS_BENCH_MEMORY the controller's peak memory (scripts/bench/play_scale.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: bench_timer
type: aggregate
short_description: Write each task's wall time to the JSON file named by SECOPS_BENCH_TIMINGS
description:
  - Used by the benchmark script only; not part of the collection's plugins.
"""

import json
import os
import time

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "bench_timer"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super(CallbackModule, self).__init__(*args, **kwargs)
        self._task = None
        self._timings = []

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._task = (task.get_name(), time.perf_counter())

    def _record(self, result, failed):
        name, started = self._task
        self._timings.append({"task": name, "seconds": time.perf_counter() - started, "failed": failed,
                              "msg": result._result.get("msg") if failed else None})

    def v2_runner_on_ok(self, result):
        self._record(result, False)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record(result, True)

    def v2_playbook_on_stats(self, stats):
        with open(os.environ["SECOPS_BENCH_TIMINGS"], "w") as handle:
            json.dump(self._timings, handle)
        if os.environ.get("SECOPS_BENCH_MEMORY"):
            with open(os.environ["SECOPS_BENCH_MEMORY"], "w") as handle:
                json.dump({"controller_kb": _peak_kb()}, handle)


def _peak_kb():
    """This process's peak resident memory (VmHWM): the ansible-playbook process, where results are gathered."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0
