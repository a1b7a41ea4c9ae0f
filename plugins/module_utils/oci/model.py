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
from ansible_collections.secops.executions.plugins.module_utils.options import check_path_values
from ansible_collections.secops.executions.plugins.module_utils.times import as_utc, iso_utc, read_time
from ansible_collections.secops.executions.plugins.module_utils.values import mapping, objects

OPEN = "Open"
UNSCHEDULED = "Ready For Scheduling/Approval"
SCHEDULED = "Ready For Execution"
MIN_LEAD = datetime.timedelta(minutes=16)
# The customer status the vendor's samples pair with each sub-status: what check mode predicts.
CUSTOMER_STATUS = {UNSCHEDULED: "Review Update", SCHEDULED: "Acknowledged"}
DURATION_SECONDS = {"minutes": 60, "hours": 3600, "days": 86400}
# What finds an open execution again, and what only a new execution takes.
IDENTITY_OPTIONS = ("config_type", "activity_name", "activity_type", "summary")
# Options whose values become URL path segments.
PATH_OPTIONS = ("support_identifier", "service_type", "instance_id", "execution_id", "config_type")
CREATE_OPTIONS = ("parameters", "duration", "bounce", "primary_contact", "customer_note")


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
    if start is not None and downstream is not None and downstream < start:
        raise OptionError("downstream_scheduled_time", "{0} is before scheduled_time ({1}); the downstream step (such as Disable) "
                                                       "runs after the first one".format(iso_utc(downstream), iso_utc(start)))
    return start, downstream


def check_parameter_values(parameters):
    """Parameter values travel as text: a dictionary or a list would arrive as Python's repr of it."""
    for name, value in sorted((parameters or {}).items(), key=lambda item: str(item[0])):
        if isinstance(value, (dict, list, tuple, set)):
            raise OptionError("parameters.{0}".format(name), "is a {0}; parameter values are sent as text: give a string, "
                                                             "a number or a boolean".format("dictionary" if isinstance(value, dict) else "list"))


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


def conflict_view(item):
    """One RFC of the conflicts answer: any product's (configuration, CEMLI patch, bounce) on the instance."""
    return {
        "rfc_number": _key(item.get("rfcNumber")) or _key(item.get("id")),
        "rfc_type": item.get("rfcType"),
        "rfc_sub_type": item.get("rfcSubType"),
        "status": item.get("status"),
        "sub_status": item.get("subStatus"),
        "scheduled_start": _time_text(item.get("scheduledStart")),
        "scheduled_end": _time_text(item.get("scheduledEnd")),
        "duration": item.get("duration"),
    }


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
    """What check mode predicts after a cancel: no schedule, back to review (as the Cancel sample answers)."""
    return dict(execution, scheduled=False, sub_status=UNSCHEDULED, customer_status=CUSTOMER_STATUS[UNSCHEDULED],
                scheduled_start=None, scheduled_end=None, scheduled_by=None)


def scheduled_at(execution, moment, duration=None):
    """What check mode predicts after a schedule at ``moment``: it ends after its duration (a downstream step, shown
    without one, is taken to last as long as its parent: pass the parent's); unknown without one."""
    return dict(execution, scheduled=True, sub_status=SCHEDULED, customer_status=CUSTOMER_STATUS[SCHEDULED],
                scheduled_start=iso_utc(moment), scheduled_end=iso_utc(end_of(moment, execution.get("duration") or duration)))


def end_of(moment, duration):
    """``moment`` plus the execution's duration ({"unit", "value"}), or None when it is not known."""
    duration = mapping(duration)
    seconds = DURATION_SECONDS.get(duration.get("unit"))
    if moment is None or seconds is None or not isinstance(duration.get("value"), int):
        return None
    return moment + datetime.timedelta(seconds=seconds * duration["value"])


def in_window(execution, window_start, window_end):
    """True when the execution is scheduled to run at some moment between the two (either may be None)."""
    start = api_time(execution["scheduled_start"]) if execution["scheduled"] else None
    if start is None:
        return False
    end = api_time(execution["scheduled_end"]) or start
    return (window_end is None or start <= window_end) and (window_start is None or end >= window_start)


# ---- requests and predictions -------------------------------------------------------------------

class ExecutionRequest(object):
    """What an oci_config_execution task asks for, checked before any request; the task's params stay as given.

    ``start`` and ``downstream`` are the asked schedule in UTC (None when not asked), checked
    against the 16-minute rule at ``now``.
    """

    def __init__(self, params, now):
        self.state = params.get("state") or "present"
        check_path_values(params, PATH_OPTIONS)
        for option in ("support_identifier", "service_type", "instance_id", "execution_id") + IDENTITY_OPTIONS + CREATE_OPTIONS:
            setattr(self, option, params.get(option))
        if self.state != "present" and (params.get("scheduled_time") or params.get("downstream_scheduled_time")):
            option = "scheduled_time" if params.get("scheduled_time") else "downstream_scheduled_time"
            raise OptionError(option, "applies to state=present only")
        self.start, self.downstream = requested_schedule(params, now)
        if self.state == "present":
            check_parameter_values(self.parameters)
        if self.state == "present" and self.duration and self.duration["value"] < 1:
            raise OptionError("duration", "value must be 1 or more, got {0}".format(self.duration["value"]))

    def require_identity(self):
        """Without execution_id, the four identity options find (or create) the execution."""
        for option in IDENTITY_OPTIONS:
            if not getattr(self, option):
                raise OptionError(option, "required to find or create an execution when execution_id is not given")

    def desired(self):
        """Every option of a new execution, for the creation diff (times in UTC)."""
        view = dict((option, getattr(self, option)) for option in IDENTITY_OPTIONS + CREATE_OPTIONS)
        view["scheduled_time"], view["downstream_scheduled_time"] = iso_utc(self.start), iso_utc(self.downstream)
        return view


class ExecutionQuery(object):
    """What an oci_config_execution_info task asks for, checked before any request."""

    # Option, and the list filter of the API it becomes.
    FILTERS = (
        ("instance_id", "target"),
        ("status", "status"),
        ("sub_status", "subStatus"),
        ("customer_status", "customerStatus"),
        ("config_type", "configType"),
        ("activity_name", "activityName"),
        ("activity_type", "activityType"),
    )

    def __init__(self, params):
        check_path_values(params, PATH_OPTIONS)
        self.support_identifier = params.get("support_identifier")
        self.service_type = params.get("service_type")
        self.instance_id = params.get("instance_id")
        self.execution_id = params.get("execution_id")
        self.window_start = user_time("window_start", params["window_start"]) if params.get("window_start") else None
        self.window_end = user_time("window_end", params["window_end"]) if params.get("window_end") else None
        if self.window_start and self.window_end and self.window_end < self.window_start:
            raise OptionError("window_end", "is before window_start")
        self.page_size = params.get("page_size")
        if self.page_size is not None and self.page_size < 1:
            raise OptionError("page_size", "must be 1 or more, got {0}".format(self.page_size))
        self.filters = dict((name, params[option]) for option, name in self.FILTERS if params.get(option))


def creation_body(request, parameters):
    """The create request, in the documented shape; options the task left out are left out."""
    body = {"summary": request.summary,
            "config": {"type": request.config_type,
                       "activity": {"name": request.activity_name, "type": request.activity_type, "parameters": parameters}}}
    if request.duration:
        body["duration"] = {"unit": request.duration["unit"], "value": request.duration["value"]}
    if request.bounce is not None:
        body["bounce"] = request.bounce
    ticketing = {}
    if request.primary_contact:
        ticketing["primaryContact"] = request.primary_contact
    if request.customer_note:
        ticketing["customerNote"] = request.customer_note
    if ticketing:
        body["ticketingDetails"] = ticketing
    return body


def predicted_execution(request, parameters, steps):
    """What check mode reports for an execution it would create: its id is not known yet, nor its downstream steps'
    summary (the platform shows them without one)."""
    def predicted(activity, summary=None, extra=None):
        item = dict({"id": None, "target": request.instance_id, "summary": summary,
                     "config": {"type": request.config_type, "activity": activity}}, **(extra or {}))
        return normalize(item, request.support_identifier, request.service_type)

    def at(execution, moment):
        return scheduled_at(execution, moment, request.duration) if moment else unscheduled(dict(execution, status=OPEN))
    execution = predicted({"name": request.activity_name, "type": request.activity_type, "parameters": parameters}, request.summary,
                          {"duration": request.duration, "bounce": request.bounce,
                           "ticketingDetails": {"primaryContact": request.primary_contact, "customerNote": request.customer_note}})
    execution = at(dict(execution, status=OPEN), request.start)
    for kind in steps:
        child = predicted({"name": request.activity_name, "type": kind})
        execution["downstream_executions"].append(at(dict(child, status=OPEN), request.downstream if kind == steps[0] else None))
    return execution
