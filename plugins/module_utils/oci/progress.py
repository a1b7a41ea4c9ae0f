# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Waiting for an Oracle configuration execution: ``wait``, ``wait_until``, ``wait_timeout``, ``poll_interval``
and ``on_timeout`` of oci_config_execution.

The documented statuses are few: ``status`` is ``Open`` while the RFC waits, and its sub-status
``Ready For Execution`` once scheduled. Closing values are not documented, so any status other
than ``Open`` counts as the end. ``abort`` cancels the schedule, the one stop the API has; an
execution without a schedule (running, or never scheduled) cannot be stopped through the API.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.secops.executions.plugins.module_utils import timeouts
from ansible_collections.secops.executions.plugins.module_utils.errors import OptionError, SecopsError, WaitTimeoutError
from ansible_collections.secops.executions.plugins.module_utils.oci.model import OPEN, is_scheduled
from ansible_collections.secops.executions.plugins.module_utils.waiting import Waiter, check_wait_params

ENDED = "ended"
SCHEDULED = "scheduled"
GOALS = (ENDED, SCHEDULED)


def reached(goal, execution):
    if goal == SCHEDULED:
        return bool(execution["scheduled"]) or execution["status"] not in (None, OPEN)
    return execution["status"] not in (None, OPEN)


def check_params(params):
    """The wait options, before any request."""
    if not params.get("wait"):
        return
    if params.get("state", "present") != "present":
        raise OptionError("wait", "applies to state=present only")
    check_wait_params(params)


def follow(api, executions, execution, changed):
    """Wait, when asked, until the execution reached ``wait_until``; applies on_timeout. Returns its last state."""
    params = api.params
    if not params.get("wait") or api.check_mode or execution is None:
        return execution
    goal = params.get("wait_until") or ENDED
    if reached(goal, execution):
        return execution

    def fetch():
        return executions.require(execution["instance_id"], execution["id"])

    def describe(state):
        message = "execution {0} on {1} is still {2} / {3}, not {4}".format(
            state["id"], state["instance_id"], state["status"], state["sub_status"], goal)
        return message, {"execution_id": state["id"], "execution": state, "changed": changed}

    waiter = Waiter(params["wait_timeout"], params["poll_interval"])
    try:
        return waiter.until(fetch, lambda state: reached(goal, state), describe, state=execution)
    except WaitTimeoutError as timeout:
        return timeouts.settle(api, timeout, lambda: _abort(executions, timeout.details["execution"], changed))["execution"]


def _abort(executions, execution, changed):
    """Cancel the schedule: the execution stays open, unscheduled, and does not run."""
    if not is_scheduled(execution):
        raise SecopsError("Execution {0} timed out and cannot be aborted: it has no schedule to cancel, and the platform has no "
                          "call to stop an execution that runs".format(execution["id"]), execution_id=execution["id"],
                          execution=execution, changed=changed, timed_out=True)
    executions.cancel(execution["instance_id"], execution["id"])
    return "execution {0} by cancelling its schedule".format(execution["id"]), {
        "execution": executions.require(execution["instance_id"], execution["id"])}
