# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Oracle self-service configuration executions: the states of oci_config_execution and the query of
oci_config_execution_info.

An execution is an RFC on one instance, addressed by the customer support identifier
(CSI), the service type, the instance and its id. HTTP calls are in ``api.py``, the view,
times and bodies in ``model.py``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.secops.executions.plugins.module_utils.diff import creation_diff, keyed_diff
from ansible_collections.secops.executions.plugins.module_utils.errors import ApiError, OptionError, SecopsError
from ansible_collections.secops.executions.plugins.module_utils.oci import metadata
from ansible_collections.secops.executions.plugins.module_utils.oci.api import config_executions
from ansible_collections.secops.executions.plugins.module_utils.oci.model import (
    OPEN, SCHEDULED, creation_body, in_window, is_scheduled, predicted_execution,
    requested_schedule, schedule_view, unscheduled, user_time,
)
from ansible_collections.secops.executions.plugins.module_utils.times import iso_utc, utc_now

IDENTITY_OPTIONS = ("config_type", "activity_name", "activity_type", "summary")
CREATE_OPTIONS = ("parameters", "duration", "bounce", "primary_contact", "customer_note")


# ---- oci_config_execution -----------------------------------------------------------------------

def _require_identity(params):
    for option in IDENTITY_OPTIONS:
        if not params.get(option):
            raise OptionError(option, "required to find or create an execution when execution_id is not given")


def find_open(executions, params):
    """The open execution on the instance with the same type, activity, activity type and summary, or None."""
    query = {"target": params["instance_id"], "status": OPEN, "configType": params["config_type"],
             "activityName": params["activity_name"]}
    candidates = [item for item in executions.listing(query)
                  if not item["reference_execution_id"] and item["activity_type"] == params["activity_type"]
                  and item["config_type"] == params["config_type"] and item["activity_name"] == params["activity_name"]]
    for candidate in candidates:
        summary = candidate["summary"]
        if summary is None:
            # Only when a list item lacks the summary does it cost a read of the details.
            summary = (executions.get(params["instance_id"], candidate["id"]) or {}).get("summary")
        if summary == params["summary"]:
            return candidate
    return None


def ensure_present(api):
    """Create the execution unless an open twin exists; schedule or reschedule it when asked."""
    params = api.params
    start, downstream = requested_schedule(params, utc_now())
    if params.get("duration") and params["duration"]["value"] < 1:
        raise OptionError("duration", "value must be 1 or more, got {0}".format(params["duration"]["value"]))
    executions = config_executions(api)
    if params.get("execution_id"):
        current = executions.require(params["instance_id"], params["execution_id"])
    else:
        _require_identity(params)
        current = find_open(executions, params)
        if current is None:
            return _create(api, executions, start, downstream)
    return _ensure_schedule(api, executions, current, start, downstream)


def _create(api, executions, start, downstream):
    params = api.params
    details = metadata.config_type_details(api.client, params["service_type"], params["config_type"])
    activity = metadata.find_activity(details, params["activity_name"])
    detail = metadata.creatable_detail(activity, params["activity_type"])
    parameters = metadata.request_parameters(activity, detail, params.get("parameters"))
    steps = metadata.downstream_types(activity)
    if downstream is not None and not steps:
        raise OptionError("downstream_scheduled_time", "activity '{0}' is not a toggle activity, so it has no downstream step".format(
            params["activity_name"]))
    body = creation_body(params, parameters)
    desired = dict((option, params.get(option)) for option in IDENTITY_OPTIONS + CREATE_OPTIONS + ("scheduled_time", "downstream_scheduled_time"))
    desired["scheduled_time"], desired["downstream_scheduled_time"] = iso_utc(start), iso_utc(downstream)
    diff = creation_diff(desired)
    if api.check_mode:
        return True, predicted_execution(params, parameters, start, downstream, steps), diff
    execution_id = executions.create(params["instance_id"], body)
    if start is not None:
        try:
            executions.schedule(params["instance_id"], execution_id, start, [(steps[0], downstream)] if downstream else None)
        except SecopsError as exc:
            details = dict(exc.details, execution_id=execution_id)
            raise SecopsError("Execution {0} was created but not scheduled: {1}".format(execution_id, exc.msg), **details)
    return True, executions.require(params["instance_id"], execution_id), diff


def _ensure_schedule(api, executions, current, start, downstream):
    """Schedule ``current`` at ``start`` (and its downstream step at ``downstream``) unless it already is."""
    if start is None:
        return False, current, None
    children = current["downstream_executions"]
    if downstream is not None and not children:
        raise OptionError("downstream_scheduled_time", "execution {0} has no downstream step: its activity is not a toggle".format(current["id"]))
    before = schedule_view(current)
    after = dict(before, scheduled_time=iso_utc(start))
    if downstream is not None:
        after["downstream_scheduled_time"] = iso_utc(downstream)
    if after == before:
        return False, current, None
    keys = [key for key in sorted(after) if after[key] != before[key]]
    diff = keyed_diff(before, after, keys)
    plan = [(children[0]["activity_type"], downstream)] if downstream is not None else None
    if api.check_mode:
        predicted = dict(current, scheduled=True, sub_status=SCHEDULED, scheduled_start=iso_utc(start), scheduled_end=None)
        if plan:
            predicted["downstream_executions"] = [dict(children[0], scheduled=True, sub_status=SCHEDULED,
                                                       scheduled_start=iso_utc(downstream), scheduled_end=None)] + children[1:]
        return True, predicted, diff
    executions.schedule(current["instance_id"], current["id"], start, plan)
    return True, executions.require(current["instance_id"], current["id"]), diff


def ensure_cancelled(api):
    """Cancel the schedule of the execution (and of its downstream steps); nothing scheduled, nothing to do."""
    params = api.params
    if params.get("scheduled_time") or params.get("downstream_scheduled_time"):
        option = "scheduled_time" if params.get("scheduled_time") else "downstream_scheduled_time"
        raise OptionError(option, "applies to state=present only")
    executions = config_executions(api)
    if params.get("execution_id"):
        current = executions.require(params["instance_id"], params["execution_id"])
    else:
        _require_identity(params)
        current = find_open(executions, params)
    if current is None or not is_scheduled(current):
        return False, current, None
    before = schedule_view(current)
    diff = keyed_diff(before, dict((key, None) for key in before), sorted(before))
    if api.check_mode:
        predicted = unscheduled(current)
        predicted["downstream_executions"] = [unscheduled(child) for child in current["downstream_executions"]]
        return True, predicted, diff
    try:
        executions.cancel(current["instance_id"], current["id"])
    except ApiError as exc:
        # A cancel whose answer was lost is sent again (PUT is idempotent), and the platform answers
        # the repeat with 409: nothing left to cancel. The cancel worked when no schedule remains.
        after = executions.require(current["instance_id"], current["id"]) if exc.status == 409 else None
        if after is None or is_scheduled(after):
            raise
        return True, after, diff
    return True, executions.require(current["instance_id"], current["id"]), diff


# ---- oci_config_execution_info ------------------------------------------------------------------

LIST_FILTERS = (
    ("instance_id", "target"),
    ("status", "status"),
    ("sub_status", "subStatus"),
    ("customer_status", "customerStatus"),
    ("config_type", "configType"),
    ("activity_name", "activityName"),
    ("activity_type", "activityType"),
)


def gather(api):
    """The executions the info module returns: one by id, or the filtered list."""
    params = api.params
    window_start = user_time("window_start", params["window_start"]) if params.get("window_start") else None
    window_end = user_time("window_end", params["window_end"]) if params.get("window_end") else None
    if window_start and window_end and window_end < window_start:
        raise OptionError("window_end", "is before window_start")
    if params["page_size"] < 1:
        raise OptionError("page_size", "must be 1 or more, got {0}".format(params["page_size"]))
    executions = config_executions(api, params["page_size"])
    if params.get("execution_id"):
        found = executions.get(params["instance_id"], params["execution_id"])
        return {"changed": False, "executions": [found] if found else []}
    query = dict((name, params[option]) for option, name in LIST_FILTERS if params.get(option))
    listing = executions.listing(query)
    if window_start or window_end:
        listing = [execution for execution in listing if in_window(execution, window_start, window_end)]
    return {"changed": False, "executions": listing}
