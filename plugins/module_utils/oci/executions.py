# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Oracle self-service configuration executions: create, schedule, cancel, read.

An execution is an RFC on one instance, addressed by the customer support
identifier (CSI), the service type, the instance and its id. The platform
answers in three shapes (list item, details, schedule/cancel answer) and
spells the customer status two ways (custStatus, customerStatus);
``normalize`` turns all of them into one snake_case dictionary.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import re

from http.client import responses as HTTP_REASONS

from ansible_collections.secops.executions.plugins.module_utils.diff import creation_diff, keyed_diff
from ansible_collections.secops.executions.plugins.module_utils.errors import ApiError, OptionError, ResponseFormatError, SecopsError
from ansible_collections.secops.executions.plugins.module_utils.oci import metadata
from ansible_collections.secops.executions.plugins.module_utils.oci.metadata import segment
from ansible_collections.secops.executions.plugins.module_utils.oci.api import PAGE_SIZE, pages

OPEN = "Open"
UNSCHEDULED = "Ready For Scheduling/Approval"
SCHEDULED = "Ready For Execution"
MIN_LEAD = datetime.timedelta(minutes=16)
INSTANCES_PATH = "/selfservice/v1/customers/{0}/{1}/products/config/instances"
IDENTITY_OPTIONS = ("config_type", "activity_name", "activity_type", "summary")
CREATE_OPTIONS = ("parameters", "duration", "bounce", "primary_contact", "customer_note")
SCOPES = {
    "read": "mcs:oci:api:User",
    "create": "mcs:oci:api:PrivilegedUser",
    "schedule": "mcs:oci:api:Approver",
    "cancel": "mcs:oci:api:Approver",
}
SCOPE_HINT = ("To {0} executions the token needs the {1} scope, the client must serve customer {2}, "
              "and the customer must have opted in to the Configuration functionality")

# ISO 8601 as the samples write it: one-digit hours ("T8:53:51-07:00") and offsets without colon too.
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6})\d*)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$")


# ---- time ---------------------------------------------------------------------------------------

def read_time(text):
    """A datetime from ISO 8601 text: aware when the text has a zone, naive otherwise; None if unreadable."""
    match = _ISO.match(text.strip()) if isinstance(text, str) else None
    if not match:
        return None
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    tzinfo = None
    if zone:
        if zone.upper() == "Z":
            tzinfo = datetime.timezone.utc
        else:
            digits = zone[1:].replace(":", "")
            offset = datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))
            tzinfo = datetime.timezone(-offset if zone[0] == "-" else offset)
    try:
        return datetime.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0),
                                 int((fraction or "0").ljust(6, "0")), tzinfo=tzinfo)
    except ValueError:
        return None


def user_time(option, text):
    """The time an option gives, in UTC; it must carry its zone, or nobody knows which moment it means."""
    moment = read_time(text)
    if moment is None:
        raise OptionError(option, "'{0}' is not an ISO 8601 date and time such as 2026-11-23T18:30:00+01:00".format(text))
    if moment.tzinfo is None:
        raise OptionError(option, "'{0}' has no time zone; add Z for UTC or an offset such as +01:00".format(text))
    return moment.astimezone(datetime.timezone.utc)


def api_time(text):
    """A time from the platform, in UTC (the docs say its times are UTC when no zone is written)."""
    moment = read_time(text)
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment.astimezone(datetime.timezone.utc)


def iso_utc(moment):
    return moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


def utc_now():
    return datetime.datetime.now(datetime.timezone.utc)


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


def _mapping(value):
    """A (sub-)object of an answer; something else where an object belongs counts as missing, not as a traceback."""
    return value if isinstance(value, dict) else {}


def _objects(value):
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _key(value):
    """An id as a text, or None: ids become dictionary keys."""
    return value if isinstance(value, str) and value else None


def normalize(item, support_identifier=None, service_type=None, instance_id=None):
    """One execution from any answer (list item, details, schedule or cancel answer)."""
    item = _mapping(item)
    config = _mapping(item.get("config"))
    activity = _mapping(config.get("activity"))
    ticket = _mapping(item.get("ticketingDetails"))
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
        "parameters": dict((_key(p.get("name")), p.get("value")) for p in _objects(parameters)) if isinstance(parameters, list) else None,
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
                                  for child in _objects(item.get("downStreamExecutions"))],
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


# ---- the API ------------------------------------------------------------------------------------

class ConfigExecutions(object):
    """The configuration execution calls for one customer and service type."""

    def __init__(self, client, support_identifier, service_type, page_size=PAGE_SIZE):
        self.client = client
        self.support_identifier = support_identifier
        self.service_type = service_type
        self.page_size = page_size
        self.base = INSTANCES_PATH.format(segment(support_identifier), segment(service_type))

    def path(self, instance_id, execution_id=None):
        path = "{0}/{1}/executions".format(self.base, segment(instance_id))
        return path if execution_id is None else "{0}/{1}".format(path, segment(execution_id))

    def normalize(self, item, instance_id=None):
        return normalize(item, self.support_identifier, self.service_type, instance_id)

    def _forbidden(self, exc, action):
        """A 403 said again with what it takes: the scope, the customer mapping and the opt-in."""
        hint = SCOPE_HINT.format(action, SCOPES[action], self.support_identifier)
        return ApiError(exc.details.get("method"), exc.details.get("path"), 403, HTTP_REASONS.get(403, ""), exc.vendor_message, hint=hint)

    def _call(self, action, method, path, **kwargs):
        try:
            return self.client.request(method, path, **kwargs)
        except ApiError as exc:
            if exc.status != 403:
                raise
            raise self._forbidden(exc, action)

    def get(self, instance_id, execution_id):
        """The execution's details, normalized; None when the platform does not know it."""
        response = self._call("read", "GET", self.path(instance_id, execution_id), allow_status=(404,))
        if response.status == 404:
            return None
        body = response.json
        if not isinstance(body, dict):
            raise ResponseFormatError("GET", self.path(instance_id, execution_id), response.status, "an execution object expected")
        return self.normalize(body, instance_id)

    def require(self, instance_id, execution_id):
        execution = self.get(instance_id, execution_id)
        if execution is None:
            raise SecopsError("No execution {0} on instance {1} of customer {2} ({3})".format(
                execution_id, instance_id, self.support_identifier, self.service_type), execution_id=execution_id)
        return execution

    def items(self, query):
        """Every list item matching the API filters in ``query`` (camelCase names), one request per page."""
        try:
            yield from pages(self.client, self.base + "/executions", query=query, limit=self.page_size)
        except ApiError as exc:
            if exc.status != 403:
                raise
            raise self._forbidden(exc, "read")

    def listing(self, query):
        """Normalized items; downstream steps found in the same listing are attached to their parents too."""
        executions = [self.normalize(item) for item in self.items(query)]
        children = {}
        for execution in executions:
            if execution["reference_execution_id"]:
                children.setdefault(execution["reference_execution_id"], []).append(execution)
        for execution in executions:
            if not execution["downstream_executions"]:
                execution["downstream_executions"] = [dict(child) for child in children.get(execution["id"], [])]
        return executions

    def create(self, instance_id, body):
        what = "the execution '{0}' on {1}".format(body["summary"], instance_id)
        response = self._call("create", "POST", self.path(instance_id), json_body=body, ok=(200, 201), what=what)
        created = response.json
        if not isinstance(created, dict) or not (created.get("id") or created.get("rfcNumber")):
            raise ResponseFormatError("POST", self.path(instance_id), response.status, "no id for the new execution")
        return created.get("id") or created["rfcNumber"]

    def schedule(self, instance_id, execution_id, start, downstream=None):
        """Schedule or reschedule; ``downstream`` is [(activity type, start)] for the steps of a toggle."""
        body = {"action": "schedule", "scheduledTime": iso_utc(start)}
        if downstream:
            body["checkAutoDisable"] = False
            body["downStreamExecutions"] = [{"scheduledTime": iso_utc(moment), "activityType": kind} for kind, moment in downstream]
        self._call("schedule", "PUT", self.path(instance_id, execution_id), json_body=body, ok=(200,))

    def cancel(self, instance_id, execution_id):
        self._call("cancel", "PUT", self.path(instance_id, execution_id), json_body={"action": "cancel"}, ok=(200,))


def config_executions(api, page_size=PAGE_SIZE):
    return ConfigExecutions(api.client, api.params["support_identifier"], api.params["service_type"], page_size)


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
        return True, predicted_execution(executions, params, parameters, start, downstream, steps), diff
    execution_id = executions.create(params["instance_id"], body)
    if start is not None:
        try:
            executions.schedule(params["instance_id"], execution_id, start, [(steps[0], downstream)] if downstream else None)
        except SecopsError as exc:
            details = dict(exc.details, execution_id=execution_id)
            raise SecopsError("Execution {0} was created but not scheduled: {1}".format(execution_id, exc.msg), **details)
    return True, executions.require(params["instance_id"], execution_id), diff


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


def predicted_execution(executions, params, parameters, start, downstream, steps):
    """What check mode reports for an execution it would create: its id is not known yet."""
    def status(moment):
        return {"status": OPEN, "sub_status": SCHEDULED if moment else UNSCHEDULED, "scheduled": bool(moment),
                "scheduled_start": iso_utc(moment), "scheduled_end": None}
    activity = {"name": params["activity_name"], "type": params["activity_type"], "parameters": parameters}
    item = {"id": None, "target": params["instance_id"], "summary": params["summary"],
            "config": {"type": params["config_type"], "activity": activity},
            "duration": params.get("duration"), "bounce": params.get("bounce"),
            "ticketingDetails": {"primaryContact": params.get("primary_contact"), "customerNote": params.get("customer_note")}}
    execution = executions.normalize(item)
    execution.update(status(start))
    for kind in steps:
        child = executions.normalize({"id": None, "target": params["instance_id"], "summary": params["summary"],
                                      "config": {"type": params["config_type"], "activity": {"name": params["activity_name"], "type": kind}}})
        child.update(status(downstream if kind == steps[0] else None))
        execution["downstream_executions"].append(child)
    return execution


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


def unscheduled(execution):
    return dict(execution, scheduled=False, sub_status=UNSCHEDULED, scheduled_start=None, scheduled_end=None, scheduled_by=None)


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


def in_window(execution, window_start, window_end):
    """True when the execution is scheduled to run at some moment between the two (either may be None)."""
    start = api_time(execution["scheduled_start"]) if execution["scheduled"] else None
    if start is None:
        return False
    end = api_time(execution["scheduled_end"]) or start
    return (window_end is None or start <= window_end) and (window_start is None or end >= window_start)


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
