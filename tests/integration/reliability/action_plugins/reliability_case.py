# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Controller-side steps around a module task of the reliability suite.

``step: arm`` clears the emulator's request log and fault rules, then arms the case's
faults (and revokes tokens when asked). ``step: record`` waits until every fault that
fired is in the log, then appends one JSON line to ``output``: the module's result, the
exact requests the emulator saw and the fault rules left unused; it leaves the log and
the rules empty for the next step. Running here, in the controller process, costs a few
milliseconds where an ``ansible.builtin.uri`` task would start a Python process each time.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import email.utils
import json
import time
import urllib.request

from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase

# A fault whose request is still being served (a delay) is logged only when it ends.
SETTLE_SECONDS = 15
LOG_FIELDS = ("method", "path", "query", "status", "fault", "vendor")


def _call(emulator, method, path, data=None):
    body = json.dumps(data).encode("utf-8") if data is not None else None
    request = urllib.request.Request(emulator.rstrip("/") + "/_emulator" + path, data=body, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        payload = response.read()
    return json.loads(payload) if payload else None


def _rule(spec, now):
    """A fault rule as the control API takes it; ``retry_after: {date_in: N}`` becomes an HTTP date N seconds ahead."""
    rule = dict(spec)
    retry_after = rule.get("retry_after")
    if isinstance(retry_after, dict):
        rule["retry_after"] = email.utils.formatdate(now + retry_after["date_in"], usegmt=True)
    return rule


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _VALID_ARGS = frozenset(("step", "emulator", "faults", "revoke", "case", "phase", "result", "armed", "output"))

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        args = self._task.args
        emulator = args["emulator"]
        try:
            if args["step"] == "arm":
                result.update(self._arm(emulator, args.get("faults") or [], args.get("revoke")))
            elif args["step"] == "record":
                result.update(self._record(emulator, args))
            else:
                raise AnsibleActionFail("step must be arm or record")
        except (OSError, ValueError) as exc:
            raise AnsibleActionFail("emulator control failed: {0}".format(exc))
        result["changed"] = False
        return result

    @staticmethod
    def _arm(emulator, faults, revoke):
        _call(emulator, "DELETE", "/requests")
        _call(emulator, "DELETE", "/faults")
        now = time.time()
        for spec in faults:
            _call(emulator, "POST", "/faults", _rule(spec, now))
        if revoke:
            _call(emulator, "POST", "/tokens/revoke", {"vendor": revoke})
        # Each rule fires `times` times; record() waits until every shot that fired is logged.
        return {"armed_at": now, "shots": sum(spec.get("times", 1) for spec in faults)}

    @staticmethod
    def _record(emulator, args):
        armed = args.get("armed") or {}
        deadline = time.time() + SETTLE_SECONDS
        while True:
            requests = _call(emulator, "GET", "/requests")
            left = _call(emulator, "GET", "/faults")
            fired = armed.get("shots", 0) - sum(rule["times"] for rule in left)
            logged = len([entry for entry in requests if entry["fault"]])
            if logged >= fired or time.time() > deadline:
                break
            time.sleep(0.05)
        _call(emulator, "DELETE", "/faults")
        _call(emulator, "DELETE", "/requests")
        # The log is in the order requests ended; a delayed request ends after the retry that replaced it.
        requests.sort(key=lambda entry: (entry["time"], entry["seq"]))
        outcome = dict(args.get("result") or {})
        outcome.pop("invocation", None)
        record = {
            "case": args["case"],
            "phase": args.get("phase") or "main",
            "result": outcome,
            "requests": [dict((field, entry.get(field)) for field in LOG_FIELDS) for entry in requests],
            "unused_faults": left,
            "seconds": round(time.time() - armed["armed_at"], 2) if armed.get("armed_at") else None,
        }
        with open(args["output"], "a") as handle:
            handle.write(json.dumps(record, sort_keys=True) + "\n")
        return {"requests": len(record["requests"])}
