# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run one module as Ansible's module protocol does, and report where its time and memory went.

    python probe.py <report file> <module as a Python name> <args file> [<emulator url>]

The module's code is untouched: it is imported, then run as ``__main__`` with the args file, the
way ``python -m <module> <args file>`` would. On exit, the report file receives JSON with:

- ``import``: seconds to import the module (its own imports and everything they import);
- ``logic``: seconds from there to the call of ``exit_json``/``fail_json`` (requests, parsing, shaping);
- ``output``: seconds inside ``exit_json`` (ansible-core's no_log scrub of the result, then JSON to stdout);
- ``peak_kb``: the process's peak resident memory (VmHWM: unlike ``ru_maxrss`` it does not
  include the parent's memory inherited through fork).

With an emulator URL, ``time.sleep(s)`` moves the emulator's clock by ``s`` instead of waiting
(``POST /_emulator/clock``) and ``time.monotonic`` runs ahead by the same amount, so a ten-minute
wait takes seconds while the module, the emulator and its request log all see ten minutes pass.
"""

import atexit
import importlib
import json
import runpy
import sys
import time
import urllib.request

REPORT, MODULE, ARGS = sys.argv[1:4]
EMULATOR = sys.argv[4] if len(sys.argv) > 4 else None
_marks = {"start": time.perf_counter()}
_ahead = [0.0]
_real_monotonic = time.monotonic


def _sleep(seconds):
    body = json.dumps({"advance": seconds}).encode("utf-8")
    request = urllib.request.Request(EMULATOR + "/_emulator/clock", data=body, method="POST", headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        answer.read()
    _ahead[0] += seconds


def _monotonic():
    return _real_monotonic() + _ahead[0]


def _peak_kb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return None


def _report():
    end = time.perf_counter()
    exiting = _marks.get("exit", end)
    imported = _marks.get("imported", exiting)
    with open(REPORT, "w") as handle:
        json.dump({"import": imported - _marks["start"], "logic": exiting - imported, "output": end - exiting,
                   "peak_kb": _peak_kb()}, handle)


def _timed(method):
    def wrapper(self, *args, **kwargs):
        _marks.setdefault("exit", time.perf_counter())
        return method(self, *args, **kwargs)
    return wrapper


if EMULATOR:
    time.sleep = _sleep
    time.monotonic = _monotonic
atexit.register(_report)
sys.argv = [MODULE, ARGS]
importlib.import_module(MODULE)
_marks["imported"] = time.perf_counter()
from ansible.module_utils.basic import AnsibleModule  # noqa: E402  already imported by the module

AnsibleModule.exit_json = _timed(AnsibleModule.exit_json)
AnsibleModule.fail_json = _timed(AnsibleModule.fail_json)
runpy.run_module(MODULE, run_name="__main__", alter_sys=True)
