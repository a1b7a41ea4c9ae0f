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
from ansible_collections.secops.executions.plugins.module_utils.errors import ApiError, OptionError, SecopsError, after_write
from ansible_collections.secops.executions.plugins.module_utils.listing import ListRequest, Through, only_fields
from ansible_collections.secops.executions.plugins.module_utils.oci import conflicts, logs, metadata, progress
from ansible_collections.secops.executions.plugins.module_utils.oci.api import SCOPES, ConfigExecutions
from ansible_collections.secops.executions.plugins.module_utils.oci.model import (
    OPEN, ExecutionQuery, ExecutionRequest, creation_body, in_window, is_scheduled, predicted_execution, schedule_view,
    scheduled_at, unscheduled,
)
from ansible_collections.secops.executions.plugins.module_utils.times import iso_utc, utc_now


# ---- oci_config_execution -----------------------------------------------------------------------

def find_open(executions, request):
    """The open execution on the instance with the same type, activity, activity type and summary, or None."""
    query = {"target": request.instance_id, "status": OPEN, "configType": request.config_type, "activityName": request.activity_name}
    candidates = [item for item in executions.listing(query)
                  if not item["reference_execution_id"] and item["activity_type"] == request.activity_type
                  and item["config_type"] == request.config_type and item["activity_name"] == request.activity_name]
    for candidate in candidates:
        summary = candidate["summary"]
        if summary is None:
            # Only when a list item lacks the summary does it cost a read of the details.
            summary = (executions.get(request.instance_id, candidate["id"]) or {}).get("summary")
        if summary == request.summary:
            return candidate
    return None


def _current(executions, request):
    """The execution the task names: by execution_id (it must exist), else the open one with its identity."""
    if request.execution_id:
        return executions.require(request.instance_id, request.execution_id)
    request.require_identity()
    return find_open(executions, request)


def ensure_present(api):
    """Create the execution unless an open twin exists; schedule or reschedule it when asked."""
    request = ExecutionRequest(api.params, utc_now())
    progress.check_params(api.params)
    executions = ConfigExecutions(api.client, request.support_identifier, request.service_type)
    current = _current(executions, request)
    if current is None:
        changed, execution, diff = _create(api, executions, request)
    else:
        changed, execution, diff = _ensure_schedule(api, executions, current, request)
    return changed, progress.follow(api, executions, execution, changed), diff


def _create(api, executions, request):
    details = metadata.config_type_details(api.client, request.service_type, request.config_type)
    activity = metadata.find_activity(details, request.activity_name)
    detail = metadata.creatable_detail(activity, request.activity_type)
    parameters = metadata.request_parameters(activity, detail, request.parameters)
    steps = metadata.downstream_types(activity)
    if request.downstream is not None and not steps:
        raise OptionError("downstream_scheduled_time", "activity '{0}' is not a toggle activity, so it has no downstream step".format(
            request.activity_name))
    body = creation_body(request, parameters)
    diff = creation_diff(request.desired())
    if request.start is not None:
        # Refused for a conflict before anything is created: no unscheduled execution is left behind.
        conflicts.check(api, executions, request.instance_id,
                        _windows(request, conflicts.length(request.duration or activity.get("duration"))), ())
    if api.check_mode:
        return True, predicted_execution(request, parameters, steps), diff
    execution_id = executions.create(request.instance_id, body)
    with after_write(True, execution_id=execution_id):
        if request.start is not None:
            try:
                executions.schedule(request.instance_id, execution_id, request.start,
                                    [(steps[0], request.downstream)] if request.downstream else None)
            except SecopsError as exc:
                details = dict(exc.details, execution_id=execution_id)
                raise SecopsError("Execution {0} was created but not scheduled: {1}".format(execution_id, exc.msg), **details)
        return True, executions.require(request.instance_id, execution_id), diff


def _ensure_schedule(api, executions, current, request):
    """Schedule ``current`` at the asked start (and its downstream step) unless it already is."""
    start, downstream = request.start, request.downstream
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
    conflicts.check(api, executions, current["instance_id"], _windows(request, conflicts.current_length(current)),
                    [current["id"]] + [child["id"] for child in children])
    if api.check_mode:
        predicted = scheduled_at(current, start)
        if plan:
            predicted["downstream_executions"] = [scheduled_at(children[0], downstream, current["duration"])] + children[1:]
        return True, predicted, diff
    executions.schedule(current["instance_id"], current["id"], start, plan)
    with after_write(True, execution_id=current["id"]):
        return True, executions.require(current["instance_id"], current["id"]), diff


def _windows(request, length):
    """The windows a schedule takes: the execution's, and its downstream step's when one is asked."""
    windows = [(request.start, request.start + length)]
    if request.downstream is not None:
        windows.append((request.downstream, request.downstream + length))
    return windows


def ensure_cancelled(api):
    """Cancel the schedule of the execution (and of its downstream steps); nothing scheduled, nothing to do."""
    request = ExecutionRequest(api.params, utc_now())
    executions = ConfigExecutions(api.client, request.support_identifier, request.service_type)
    try:
        current = _current(executions, request)
    except ApiError as exc:
        # The Cancel page asks for the Approver scope only, and an Approver-only token may not read.
        if exc.status != 403 or not request.execution_id:
            raise
        return _cancel_unread(api, executions, request)
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
    with after_write(True, execution_id=current["id"]):
        return True, executions.require(current["instance_id"], current["id"]), diff


def _cancel_unread(api, executions, request):
    """Cancel by id when the token may not read (403): the PUT's own answer is the result, and its 409
    (no schedule to cancel, or not open) means there was nothing to do. No diff: the schedule before is unknown."""
    bare = executions.normalize({"id": request.execution_id}, request.instance_id)
    if api.check_mode:
        api.warn("Check mode cannot tell whether execution {0} is scheduled: the token may not read it (it lacks the {1} "
                 "scope); it predicts a cancel".format(request.execution_id, SCOPES["read"]))
        return True, unscheduled(bare), None
    try:
        answer = executions.cancel(request.instance_id, request.execution_id)
    except ApiError as exc:
        if exc.status != 409:
            raise
        return False, bare, None
    return True, answer or unscheduled(bare), None


# ---- oci_config_execution_info ------------------------------------------------------------------

# The fields of an execution the info module returns (what its ``fields`` accepts).
FIELDS = ("id", "rfc_number", "support_identifier", "service_type", "instance_id", "summary", "config_type", "activity_name",
          "activity_type", "parameters", "status", "sub_status", "customer_status", "scheduled", "scheduled_start", "scheduled_end",
          "scheduled_by", "reference_execution_id", "duration", "bounce", "primary_contact", "customer_note", "created_on",
          "created_by", "downstream_executions", "log_files")


def gather(api):
    """The executions the info module returns: one by id, or the filtered list (``fields`` of each, or into ``dest``)."""
    query = ExecutionQuery(api.params)
    listing = ListRequest(api.params, FIELDS)
    executions = ConfigExecutions(api.client, query.support_identifier, query.service_type, query.page_size)

    def finished(found):
        # Applied a page at a time when the list goes to dest.
        if query.window_start or query.window_end:
            found = [execution for execution in found if in_window(execution, query.window_start, query.window_end)]
        if api.params.get("include_logs"):
            logs.attach_log_names(executions, found)
        return found

    with listing.sink(only_fields, api.check_mode) as sink:
        if query.execution_id:
            found = executions.get(query.instance_id, query.execution_id)
            sink.extend(finished([found] if found else []))
        elif listing.dest is None:
            sink.extend(finished(executions.listing(query.filters)))  # the result holds the whole list anyway
        else:
            executions.listing(query.filters, sink=Through(sink, finished))
    return listing.result("executions", sink, api.diff)
