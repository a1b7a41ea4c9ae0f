# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Optics package executions (``/packages/v2/executions``): the states of cylance_package_execution and
the query of cylance_package_execution_info (HTTP calls in ``api.py``, the views in ``model.py``).

An execution cannot be changed once requested, so its name is the idempotency key: an
execution of that name with the same packages, arguments, target and destination means
there is nothing to do. Progress is per device: ``deviceCount`` devices were online when
it was requested, and each of them ends up succeeded or failed.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.secops.executions.plugins.module_utils.cylance import ids, packages
from ansible_collections.secops.executions.plugins.module_utils.cylance.targets import TargetSpec
from ansible_collections.secops.executions.plugins.module_utils.diff import creation_diff, deletion_diff, keyed_diff
from ansible_collections.secops.executions.plugins.module_utils import timeouts
from ansible_collections.secops.executions.plugins.module_utils.errors import (
    ApiError, OptionError, ResponseFormatError, SecopsError, WaitTimeoutError, after_write,
)
from ansible_collections.secops.executions.plugins.module_utils.listing import ListRequest, only_fields
from ansible_collections.secops.executions.plugins.module_utils.cylance.api import (
    EXECUTIONS_PATH, delete_execution, find_by_name, get_execution, list_executions,
)
from ansible_collections.secops.executions.plugins.module_utils.cylance.model import (
    FIELDS, describe_differences, destination_warning, device_counts, differences, finished, public, summary,
)
from ansible_collections.secops.executions.plugins.module_utils.waiting import Waiter, check_wait_params


# The API has no call that stops an execution on the devices, and deleting its record is not documented to.
CANNOT_ABORT = "the Cylance API has no call to stop an execution on the devices (deleting its record is not documented to stop it)"


def valid_id(value, option="id"):
    """An execution ID as the API shows them (lower case, dashed), from any form; OptionError otherwise."""
    execution_id = ids.dashed(value)
    if execution_id is None:
        raise OptionError(option, "'{0}' is not {1}".format(value, ids.EXPECTED))
    return execution_id


# --- what the task asks for --------------------------------------------------------------------

class ExecutionRequest(object):
    """The task's options for state=present, checked before any request is sent."""

    def __init__(self, params):
        self.name = (params.get("name") or "").strip()
        if not self.name:
            raise OptionError("name", "must not be empty: the name identifies the execution")
        self.packages = params.get("packages") or []
        if not self.packages:
            raise OptionError("packages", "list at least one package to run")
        for index, item in enumerate(self.packages):
            if not (item.get("package") or "").strip():
                raise OptionError("packages", "item {0} has an empty package; give a package ID or an exact package name".format(index + 1))
        self.target = TargetSpec.from_params(params)
        self.destination = params.get("destination") or ""
        self.destination_warning = destination_warning(self.destination)
        self.keep_results_locally = bool(params.get("keep_results_locally"))
        if not self.destination and not self.keep_results_locally:
            raise OptionError("destination", "the results would be kept nowhere: set destination to an FTP, SFTP or SAMBA URL, "
                                             "or keep_results_locally to true")
        max_failed = params.get("max_failed_devices")
        if max_failed is not None and max_failed < 0:
            raise OptionError("max_failed_devices", "must be 0 or more, got {0}".format(max_failed))
        self.max_failed_devices = max_failed
        self.wait = params.get("wait")
        if self.wait:
            check_wait_params(params)
        self.wait_timeout = params.get("wait_timeout")
        self.poll_interval = params.get("poll_interval")
        self.replace = bool(params.get("replace"))
        self.name_check = params.get("name_check") or "required"

    def body(self, client):
        """The ``execution`` object to create; resolves names (and only names) through the API."""
        package_ids = packages.resolve(client, [item["package"].strip() for item in self.packages])
        return {
            "name": self.name,
            "target": self.target.resolve(client),
            "destination": self.destination,
            "packageExecutions": [{"arguments": list(item.get("arguments") or []), "package": package_id}
                                  for item, package_id in zip(self.packages, package_ids)],
            "keepResultsLocally": self.keep_results_locally,
        }


class ExecutionConflict(SecopsError):
    """An execution of that name exists with other settings, and replace was not asked for."""

    def __init__(self, existing, desired, keys):
        msg = ("An execution named '{0}' already exists ({1}) with other settings: {2}. Executions cannot be changed: "
               "give this run a new name (for example with the date in it), or set replace to true to delete the "
               "existing execution and create this one").format(
            desired["name"], ", ".join(execution.get("id", "?") for execution in existing), describe_differences(existing[0], desired, keys))
        super(ExecutionConflict, self).__init__(msg, existing=[public(execution) for execution in existing], differences=keys)


# --- states ------------------------------------------------------------------------------

def ensure_present(api):
    """An execution named ``name`` with these settings exists (created when it does not); optionally wait for it."""
    timeouts.refuse_abort(api.params, CANNOT_ABORT)
    if api.params.get("id") or not api.params.get("packages"):
        return resume(api)
    request = ExecutionRequest(api.params)
    if request.destination_warning:
        api.warn(request.destination_warning)
    client = api.client
    same_name = _same_name(api, request)
    name_checked = same_name is not None
    same_name = same_name or []
    desired = request.body(client)
    kept = first_matching(same_name, desired)
    if kept is not None:
        return False, _kept_result(api, request, kept, same_name, changed=False), None
    if same_name:
        keys = differences(same_name[0], desired)
        if not request.replace:
            raise ExecutionConflict(same_name, desired, keys)
        diff = keyed_diff(summary(same_name[0]), summary(desired), ["name"] + keys)
    else:
        diff = creation_diff(summary(desired))
    # Only now, on the way to a create: the unchanged path stays one list walk.
    packages.check_usable_ids(client, [item["package"].strip() for item in request.packages], api.warn)
    if api.check_mode:
        return True, {"execution": public(desired), "device_counts": None, "duplicates": []}, diff
    replaced = _delete_each(client, same_name)
    # Listed again right before the POST: another play (or a list that shifted under the first
    # walk) may have created this execution meanwhile, and a second one would run the packages twice.
    # Not when the list was refused and name_check=best_effort said to go on without it.
    listed_again = find_by_name(client, request.name) if name_checked else []
    now_named = [execution for execution in listed_again if execution.get("id") not in replaced]
    kept = first_matching(now_named, desired)
    if kept is not None:
        return bool(replaced), _kept_result(api, request, kept, now_named, changed=bool(replaced)), diff
    if now_named and not request.replace:
        raise ExecutionConflict(now_named, desired, differences(now_named[0], desired))
    _delete_each(client, now_named)
    result = _outcome(api, request, _create(client, request, desired), created=True)
    result["duplicates"] = []
    return True, result, diff


def first_matching(executions, desired):
    """The first (newest) of ``executions`` with the settings of ``desired``, or None."""
    for execution in executions:
        if not differences(execution, desired):
            return execution
    return None


def _kept_result(api, request, kept, same_name, changed):
    result = _outcome(api, request, kept, created=changed)
    result["duplicates"] = report_duplicates(api, request.name, kept, same_name)
    return result


def _delete_each(client, executions):
    """Delete each execution once; the set of IDs deleted (or found already gone)."""
    deleted = set()
    for execution in executions:
        if execution.get("id") not in deleted:
            delete_execution(client, execution)
            deleted.add(execution.get("id"))
    return deleted


def _create(client, request, desired):
    response = client.post(EXECUTIONS_PATH, json_body={"execution": desired}, what="the execution '{0}'".format(request.name))
    created = response.json
    if not isinstance(created, dict) or not created.get("id"):
        raise ResponseFormatError("POST", EXECUTIONS_PATH, response.status, "no execution id in the answer; check whether "
                                  "the execution '{0}' was created before running the task again".format(request.name))
    return created


class ResumeRequest(object):
    """A wait on an existing execution (by ``id``, or the newest named ``name``): the waiting options only."""

    def __init__(self, params):
        self.id = valid_id(params["id"]) if params.get("id") else None
        self.name = (params.get("name") or "").strip()
        if not self.id and not self.name:
            raise OptionError("name", "must not be empty: give the name or the id of the execution to wait for")
        self.max_failed_devices = params.get("max_failed_devices")
        self.wait = params.get("wait")
        if self.wait:
            check_wait_params(params)
        self.wait_timeout = params.get("wait_timeout")
        self.poll_interval = params.get("poll_interval")


def resume(api):
    """Wait on an execution this task did not create (one read of it, then the polls); nothing is created."""
    request = ResumeRequest(api.params)
    if request.id:
        execution = get_execution(api.client, request.id)
        if execution is None:
            raise SecopsError("No execution {0} to wait for".format(request.id), execution_id=request.id)
    else:
        same_name = find_by_name(api.client, request.name)
        if not same_name:
            raise OptionError("packages", "no execution named '{0}' exists to wait for; list the packages to create one".format(request.name))
        execution = same_name[0]
    request.name = request.name or execution.get("name")
    result = _outcome(api, request, execution, created=False)
    result["duplicates"] = []
    return False, result, None


# The idempotency check lists executions: a privilege the vendor documents for no call.
LIST_PRIVILEGE = "opticspkgdeploy:list"


def _same_name(api, request):
    """The executions named like the request; when the list is refused (403), fail naming the privilege it
    needs, or with name_check=best_effort warn and return None (not looked for)."""
    try:
        return find_by_name(api.client, request.name)
    except ApiError as exc:
        if exc.status != 403:
            raise
        if request.name_check != "best_effort":
            raise exc.with_hint("Looking for an execution named '{0}' before creating one lists executions, which needs the {1} "
                                "privilege: grant it to the application (and request it when scopes are given), or set "
                                "name_check=best_effort to create without the check".format(request.name, LIST_PRIVILEGE))
        api.warn("The execution list was refused (HTTP 403: the token lacks {0}), so the task could not look for an execution "
                 "named '{1}'{2}; with name_check=best_effort it goes on as if there were none: every run creates another "
                 "execution and the packages run again".format(
                     LIST_PRIVILEGE, request.name, ", and replace deletes nothing" if request.replace else ""))
        return None


def report_duplicates(api, name, kept, same_name):
    """IDs of the other executions named ``name``, with a warning when there are any; never the kept one's ID.

    The API does not make names unique: two plays that create the same name at the same time
    both find none and both create one, so devices run the packages twice. The next run
    sees them all and says so, keeping the newest that matches.
    """
    others = unique_ids(execution.get("id") for execution in same_name if execution.get("id") != kept.get("id"))
    if others:
        api.warn("{0} executions are named '{1}': {2} (kept, the newest with these settings) and {3}. Names are not unique "
                 "in Cylance, so plays that ran at the same time may each have created one and the packages ran more "
                 "than once; delete the extra ones with state=absent and their id".format(
                     len(others) + 1, name, kept.get("id"), ", ".join(str(other) for other in others)))
    return others


def unique_ids(values):
    """Each ID once, in order."""
    found = []
    for value in values:
        if value not in found:
            found.append(value)
    return found


def ensure_absent(api):
    """No execution with this ``id``, or none named ``name``; a 404 counts as already gone."""
    params = api.params
    client = api.client
    if params.get("id"):
        execution_id = valid_id(params["id"])
        if api.check_mode:
            current = get_execution(client, execution_id)
            doomed = [current] if current else []
        else:
            deleted = delete_execution(client, {"id": execution_id})
            doomed = [deleted] if deleted else []
    else:
        name = (params.get("name") or "").strip()
        if not name:
            raise OptionError("name", "must not be empty; give the name or the id of the execution to delete")
        # The list walk keeps each ID once, so no ID gets two DELETEs.
        doomed = find_by_name(client, name)
        if not api.check_mode:
            # Listed a moment ago, so a 404 now means it is gone all the same: for instance the answer to
            # this DELETE was lost, and the DELETE sent again found nothing left to delete.
            doomed = [delete_execution(client, execution) or execution for execution in doomed]
    diff = deletion_diff({"executions": [summary(execution) for execution in doomed]}) if doomed else None
    return bool(doomed), {"executions": [public(execution) for execution in doomed]}, diff


# --- waiting and the outcome -------------------------------------------------------------------

def wait_until_finished(client, execution, waiter, created):
    """Poll the execution until every counted device succeeded or failed; a timeout leaves it running."""

    execution_id = execution.get("id")
    if not isinstance(execution_id, str) or not execution_id:
        raise ResponseFormatError("GET", EXECUTIONS_PATH, 200, "an execution named '{0}' without an id, so it cannot be "
                                  "waited for".format(execution.get("name")))

    def fetch():
        current = get_execution(client, execution_id)
        if current is None:
            raise SecopsError("The execution {0} ('{1}') was deleted while waiting for it".format(execution_id, execution.get("name")),
                              execution_id=execution_id, changed=created)
        return current

    def describe(state):
        counts = device_counts(state)
        message = ("execution {0} ('{1}') has {2} of {3} devices still running ({4} succeeded, {5} failed); "
                   "it was left running").format(execution_id, state.get("name"), counts["unfinished"], counts["device_count"],
                                                 counts["succeeded"], counts["failed"])
        return message, {"execution_id": execution_id, "device_counts": counts, "execution": public(state), "changed": created}

    # The execution was just read or created: the first poll comes one interval later.
    return waiter.until(fetch, finished, describe, state=execution)


def _outcome(api, request, execution, created):
    """Wait when asked, then check the failures against max_failed_devices; the module's result."""
    if request.wait and not api.check_mode and not finished(execution):
        waiter = Waiter(request.wait_timeout, request.poll_interval, client=api.client)
        try:
            with after_write(created, execution_id=execution.get("id")):
                execution = wait_until_finished(api.client, execution, waiter, created)
        except WaitTimeoutError as timeout:
            detached = timeouts.settle(api, timeout)
            return {"execution": detached["execution"], "device_counts": detached["device_counts"], "timed_out": True}
    counts = device_counts(execution)
    if counts["device_count"] == 0:
        api.warn("No targeted device was online when the execution '{0}' was requested, so it runs nowhere".format(request.name))
    if request.max_failed_devices is not None and counts["failed"] > request.max_failed_devices:
        raise SecopsError(
            "{0} of {1} devices failed to run the execution {2} ('{3}'), more than max_failed_devices ({4})".format(
                counts["failed"], counts["device_count"], execution.get("id"), request.name, request.max_failed_devices),
            changed=created, execution=public(execution), device_counts=counts)
    return {"execution": public(execution), "device_counts": counts}


def shown(execution, fields):
    """An execution as the info module returns it: only ``fields`` (all when None), credentials masked."""
    return public(only_fields(execution, fields))


def execution_info(api):
    """``executions``: the one with ``id``, those named ``name``, or all of them (page by page into ``dest``)."""
    params = api.params
    execution_id = valid_id(params["id"]) if params.get("id") else None
    listing = ListRequest(params, FIELDS)
    with listing.sink(shown, api.check_mode) as sink:
        if execution_id:
            found = get_execution(api.client, execution_id)
            sink.extend([found] if found else [])
        elif params.get("name"):
            sink.extend(find_by_name(api.client, params["name"]))
        else:
            list_executions(api.client, sink=sink)
    return listing.result("executions", sink, api.diff)
