# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Oracle scheduling windows and the conflicts policy of oci_config_execution.

Before a schedule is sent, the conflicts endpoint lists the RFCs of any product (configuration,
CEMLI patch, bounce) scheduled on the instance in the window the execution would take.
``conflicts`` says what then happens: ``fail`` before anything is written, ``warn`` and
schedule anyway, or ``ignore`` (no request, no Approver scope needed for it).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

from ansible_collections.secops.executions.plugins.module_utils.errors import SecopsError
from ansible_collections.secops.executions.plugins.module_utils.oci.model import api_time
from ansible_collections.secops.executions.plugins.module_utils.times import iso_utc

POLICIES = ("fail", "warn", "ignore")
UNIT_SECONDS = {"minutes": 60, "hours": 3600, "days": 86400}


def length(duration):
    """A ``{unit, value}`` duration as a timedelta; an unreadable one counts as no length."""
    if not isinstance(duration, dict) or not isinstance(duration.get("value"), int):
        return datetime.timedelta(0)
    return datetime.timedelta(seconds=duration["value"] * UNIT_SECONDS.get(str(duration.get("unit", "hours")).lower(), 3600))


def current_length(execution):
    """How long an existing execution runs: its duration, else its current window, else no length."""
    if execution.get("duration"):
        return length(execution["duration"])
    start, end = api_time(execution.get("scheduled_start")), api_time(execution.get("scheduled_end"))
    return end - start if start and end and end > start else datetime.timedelta(0)


def describe(conflict):
    return "{0} ({1}, {2}, {3} to {4})".format(conflict["rfc_number"], conflict["rfc_type"] or "unknown type",
                                               conflict["sub_status"] or conflict["status"] or "unknown status",
                                               conflict["scheduled_start"], conflict["scheduled_end"])


def check(api, executions, instance_id, windows, own_ids):
    """Apply the task's ``conflicts`` policy to the RFCs scheduled in ``windows`` ([(start, end)]).

    RFCs in ``own_ids`` (the execution and its downstream steps, when rescheduling) are not
    conflicts. Returns the conflicts found; ``fail`` raises before any write, in check mode too.
    """
    policy = api.params.get("conflicts") or "fail"
    if policy == "ignore" or not windows:
        return []
    found = {}
    for start, end in windows:
        for conflict in executions.conflicts(instance_id, start, end):
            if conflict["rfc_number"] not in own_ids:
                found.setdefault(conflict["rfc_number"], conflict)
    conflicts = list(found.values())
    if not conflicts:
        return []
    span = ", ".join("{0} to {1}".format(iso_utc(start), iso_utc(end)) for start, end in windows)
    message = "Scheduling on {0} for {1} conflicts with {2}".format(instance_id, span, "; ".join(describe(c) for c in conflicts))
    if policy == "fail":
        raise SecopsError(message + " (conflicts=fail; set conflicts=warn to schedule anyway)", conflicts=conflicts)
    api.warn(message)
    return conflicts
