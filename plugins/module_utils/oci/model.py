# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Oracle configuration executions as data: times, the one result view, request bodies, predictions.

Pure functions, no HTTP. The platform answers in three shapes (list item, details,
schedule/cancel answer) and spells the customer status two ways (custStatus,
customerStatus); ``normalize`` turns all of them into one snake_case dictionary, the
view every result shows.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

from ansible_collections.secops.executions.plugins.module_utils.errors import OptionError
from ansible_collections.secops.executions.plugins.module_utils.times import as_utc, iso_utc, read_time
from ansible_collections.secops.executions.plugins.module_utils.values import mapping, objects

OPEN = "Open"
UNSCHEDULED = "Ready For Scheduling/Approval"
SCHEDULED = "Ready For Execution"
MIN_LEAD = datetime.timedelta(minutes=16)


# ---- time ---------------------------------------------------------------------------------------

def user_time(option, text):
    """The time an option gives, in UTC; it must carry its zone, or nobody knows which moment it means."""
    moment = read_time(text)
    if moment is None:
        raise OptionError(option, "'{0}' is not an ISO 8601 date and time such as 2026-11-23T18:30:00+01:00".format(text))
    if moment.tzinfo is None:
        raise OptionError(option, "'{0}' has no time zone; add Z for UTC or an offset such as +01:00".format(text))
    return as_utc(moment)


def api_time(text):
    """A time from the platform, in UTC (the docs say its times are UTC when no zone is written)."""
    moment = read_time(text)
    return as_utc(moment) if moment else None


def check_lead_time(option, moment, now):
    """The platform refuses schedules less than 16 minutes ahead; say so before sending anything."""
    if moment < now + MIN_LEAD:
        minutes = (moment - now).total_seconds() / 60.0
        raise OptionError(option, "{0} is {1}; the platform needs at least 16 minutes of notice".format(
            iso_utc(moment), "in the past" if minutes < 0 else "only {0:.0f} minutes from now".format(minutes)))


def requested_schedule(params, now):
    """(start, downstream start) asked for, in UTC, each None when not asked; checked before any request."""
    start = downstream = None
    if params.get("scheduled_time"):
        start = user_time("scheduled_time", params["scheduled_time"])
        check_lead_time("scheduled_time", start, now)
    if params.get("downstream_scheduled_time"):
        downstream = user_time("downstream_scheduled_time", params["downstream_scheduled_time"])
        check_lead_time("downstream_scheduled_time", downstream, now)
    return start, downstream


# ---- the platform's shapes ----------------------------------------------------------------------

def _first(sources, *keys):
    for source in sources:
        for key in keys:
            if source.get(key) is not None:
                return source[key]
    return None


def _time_text(value):
    moment = api_time(value)
    return iso_utc(moment) if moment else value


def _key(value):
    """An id as a text, or None: ids become dictionary keys."""
    return value if isinstance(value, str) and value else None


def normalize(item, support_identifier=None, service_type=None, instance_id=None):
    """One execution from any answer (list item, details, schedule or cancel answer)."""
    item = mapping(item)
    config = mapping(item.get("config"))
    activity = mapping(config.get("activity"))
    ticket = mapping(item.get("ticketingDetails"))
    sources = (item, ticket)
    sub_status = _first(sources, "subStatus")
    start = _time_text(item.get("scheduledStart"))
    parameters = activity.get("parameters")
    execution = {
        "id": _key(item.get("id")) or _key(item.get("rfcNumber")),
        "rfc_number": _key(_first(sources, "rfcNumber")) or _key(item.get("id")),
        "support_identifier": support_identifier,
        "service_type": service_type,
        "instance_id": _key(item.get("target")) or instance_id,
        "summary": item.get("summary"),
        "config_type": config.get("type"),
        "activity_name": activity.get("name"),
        "activity_type": activity.get("type"),
        "parameters": dict((_key(p.get("name")), p.get("value")) for p in objects(parameters)) if isinstance(parameters, list) else None,
        "status": _first(sources, "status"),
        "sub_status": sub_status,
        # Schedule and cancel answers say custStatus, lists and details customerStatus.
        "customer_status": _first(sources, "custStatus", "customerStatus"),
        "scheduled": sub_status == SCHEDULED if sub_status else bool(start),
        "scheduled_start": start,
        "scheduled_end": _time_text(item.get("scheduledEnd")),
        "scheduled_by": item.get("scheduledBy"),
        "reference_execution_id": _key(item.get("referenceExecutionId")),
        "duration": item.get("duration"),
        "bounce": item.get("bounce"),
        "primary_contact": ticket.get("primaryContact"),
        "customer_note": ticket.get("customerNote"),
        "created_on": _time_text(item.get("createdOn")),
        "created_by": item.get("createdBy"),
        "downstream_executions": [normalize(child, support_identifier, service_type, _key(item.get("target")) or instance_id)
                                  for child in objects(item.get("downStreamExecutions"))],
    }
    return execution


def is_scheduled(execution):
    """True when the execution or one of its downstream steps has a schedule to cancel."""
    return execution["scheduled"] or any(child["scheduled"] for child in execution["downstream_executions"])


def schedule_view(execution):
    """The schedule of an execution and its downstream step, as the diff shows it."""
    downstream = execution["downstream_executions"]
    view = {"scheduled_time": execution["scheduled_start"] if execution["scheduled"] else None}
    if downstream:
        view["downstream_scheduled_time"] = downstream[0]["scheduled_start"] if downstream[0]["scheduled"] else None
    return view


def unscheduled(execution):
    return dict(execution, scheduled=False, sub_status=UNSCHEDULED, scheduled_start=None, scheduled_end=None, scheduled_by=None)


def in_window(execution, window_start, window_end):
    """True when the execution is scheduled to run at some moment between the two (either may be None)."""
    start = api_time(execution["scheduled_start"]) if execution["scheduled"] else None
    if start is None:
        return False
    end = api_time(execution["scheduled_end"]) or start
    return (window_end is None or start <= window_end) and (window_start is None or end >= window_start)


# ---- requests and predictions -------------------------------------------------------------------

def creation_body(params, parameters):
    """The create request, in the documented shape; options the task left out are left out."""
    body = {"summary": params["summary"],
            "config": {"type": params["config_type"],
                       "activity": {"name": params["activity_name"], "type": params["activity_type"], "parameters": parameters}}}
    if params.get("duration"):
        body["duration"] = {"unit": params["duration"]["unit"], "value": params["duration"]["value"]}
    if params.get("bounce") is not None:
        body["bounce"] = params["bounce"]
    ticketing = {}
    if params.get("primary_contact"):
        ticketing["primaryContact"] = params["primary_contact"]
    if params.get("customer_note"):
        ticketing["customerNote"] = params["customer_note"]
    if ticketing:
        body["ticketingDetails"] = ticketing
    return body


def predicted_execution(params, parameters, start, downstream, steps):
    """What check mode reports for an execution it would create: its id is not known yet."""
    def status(moment):
        return {"status": OPEN, "sub_status": SCHEDULED if moment else UNSCHEDULED, "scheduled": bool(moment),
                "scheduled_start": iso_utc(moment), "scheduled_end": None}
    activity = {"name": params["activity_name"], "type": params["activity_type"], "parameters": parameters}
    item = {"id": None, "target": params["instance_id"], "summary": params["summary"],
            "config": {"type": params["config_type"], "activity": activity},
            "duration": params.get("duration"), "bounce": params.get("bounce"),
            "ticketingDetails": {"primaryContact": params.get("primary_contact"), "customerNote": params.get("customer_note")}}
    execution = normalize(item, params["support_identifier"], params["service_type"])
    execution.update(status(start))
    for kind in steps:
        child = normalize({"id": None, "target": params["instance_id"], "summary": params["summary"],
                                      "config": {"type": params["config_type"], "activity": {"name": params["activity_name"], "type": kind}}},
                          params["support_identifier"], params["service_type"])
        child.update(status(downstream if kind == steps[0] else None))
        execution["downstream_executions"].append(child)
    return execution
