# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CCS jobs: find, create or update, run, purge history, cancel, delete, list.

Each ``ensure_*`` returns ``(changed, result, diff)``. Reads always happen; in check mode
nothing is written and the result is what the writes would produce. The HTTP calls are in
``api.py``, the job view and comparisons in ``model.py``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible_collections.secops.executions.plugins.module_utils.ccs import runs
from ansible_collections.secops.executions.plugins.module_utils.ccs.model import (
    JOB_OPTIONS,
    JobQuery,
    JobRequest,
    apply_options,
    idle_since,
    job_details,
    options_equal,
    project,
    with_last_run,
)
from ansible_collections.secops.executions.plugins.module_utils.diff import changed_keys, creation_diff, deletion_diff, keyed_diff
from ansible_collections.secops.executions.plugins.module_utils import timeouts
from ansible_collections.secops.executions.plugins.module_utils.errors import OptionError, SecopsError, WaitTimeoutError, after_write
from ansible_collections.secops.executions.plugins.module_utils.listing import ListRequest, Through, only_fields
from ansible_collections.secops.executions.plugins.module_utils.ccs.api import create_job, delete_job, job_by_id, jobs_named, search_jobs, update_job

SECONDS_PER_DAY = 86400


# --- reading ------------------------------------------------------------------------------------

def find_job(client, request):
    """The job the request names (by ``id`` or ``name``), or None. Several jobs with the name is an error."""
    if request.id:
        return job_by_id(client, request.id)
    found = jobs_named(client, request.name)
    if len(found) > 1:
        raise OptionError("name", "{0} jobs are named '{1}' (IDs {2}); give the id of the one to manage".format(
            len(found), request.name, ", ".join(sorted(str(job["id"]) for job in found))))
    return found[0] if found else None


# --- state present ------------------------------------------------------------------------------

def ensure_present(api):
    request = JobRequest(api.params)
    job = find_job(api.client, request)
    if job is None:
        changed, job, diff = _create(api, request)
    else:
        changed, job, diff = _update(api, request, job)
    # A failure from here on names the job, and says changed when it was created or updated.
    with after_write(changed and not api.check_mode, job_id=job.get("id")):
        return _after_saving(api, request, job, changed, diff)


def _after_saving(api, request, job, changed, diff):
    """Purge the history and run the job, as asked, once it is saved."""
    result = {}
    if request.purge_history:
        purged, job = _purge_history(api, job)
        result["purged_runs"] = purged
        if purged:
            changed = True
            diff["before"]["run_history"], diff["after"]["run_history"] = purged, 0
    if request.run or request.wait_for_run:
        started, result["run"] = _run(api, request, job, changed)
        changed = changed or started
        if result["run"] is not None:
            job = with_last_run(job, result["run"])
        elif started:
            # Check mode: a run would start, whose status CCS alone names; the old last run is not it.
            job = with_last_run(job, None)
    result["job"] = job
    return changed, result, diff


def _create(api, request):
    if not request.name:
        raise OptionError("id", "no job has the ID {0}; to create a job, identify it by name".format(request.id))
    desired = request.desired
    for option, value in (("job_type", request.job_type), ("assets", desired["assets"])):
        if not value:
            raise OptionError(option, "required to create the job '{0}', which does not exist".format(request.name))
    keys = [key for key in JOB_OPTIONS if desired[key] is not None]
    details = dict(job_details(desired, keys), JobName=request.name)
    predicted = dict(desired, id=None, name=request.name, type=request.job_type, category="Custom", created_by=None,
                     created_at=None, modified_at=None, last_run_status=None, last_run_succeeded=None, last_run_at=None)
    diff = creation_diff(dict(desired, name=request.name, job_type=request.job_type))
    if api.check_mode:
        return True, predicted, diff
    return True, create_job(api.client, request.job_type, details, predicted), diff


def _update(api, request, job):
    desired = request.desired
    if request.job_type and str(job.get("type") or "").lower() != request.job_type.lower():
        raise OptionError("job_type", "{0} is a {1}; CCS cannot change the type of a job: delete it first or use another name".format(
            request.label(job), job.get("type")))
    asked = [key for key in JOB_OPTIONS if desired[key] is not None]
    if job.get("assets") is None and asked:
        raise OptionError(asked[0], "{0} is a {1} job ({2}) without configuration details; only its runs can be managed".format(
            request.label(job), job.get("category") or "system", job.get("type")))
    keys = changed_keys(job, desired, equal=options_equal)
    diff = keyed_diff(project(job, desired, keys), desired, keys)
    if not keys:
        return False, job, diff
    merged = apply_options(job, desired, keys)
    if api.check_mode:
        return True, merged, diff
    return True, update_job(api.client, job["id"], job_details(desired, keys, view=job), merged, request.label(job)), diff


def _purge_history(api, job):
    """DeleteJob=False when the job has ended runs: (runs removed or that would be, the job afterwards)."""
    if job["id"] is None:  # check mode, job not created yet
        return 0, job
    history = runs.history(api.client, job["id"], count=runs.ALL_RUNS)
    ended = [run for run in history if not run["active"]]
    if not ended:
        return 0, job
    if not api.check_mode:
        delete_job(api.client, job["id"], permanently=False, job=job)
    running = [run for run in history if run["active"]]
    return len(ended), with_last_run(job, running[0] if running else None)


def _run(api, request, job, changed):
    """(started, run): the running run, or a new one unless one is running; waited for on request.

    ``changed`` (what the task changed before) is reported with a failed run.
    """
    if job["id"] is None:  # check mode, job not created yet: it would be created, then run
        return bool(request.run), None
    if request.wait_for_run:
        # Resume: wait on a run this task did not start; nothing is started.
        run = runs.resumed(api.client, job, request.wait_for_run)
        return False, _wait(api, request, job, run, changed) if request.wait and not api.check_mode else run
    active = runs.active_runs(api.client, job)
    started = not active
    if active:
        run = active[0]
    elif api.check_mode:
        return True, None
    else:
        run = runs.start(api.client, job)
    if request.wait and not api.check_mode:
        run = _wait(api, request, job, run, changed or started)
    return started, run


def _wait(api, request, job, run, changed):
    """Wait for ``run`` to end, applying on_timeout; a run that ended unsuccessfully fails unless told otherwise."""
    try:
        run = runs.wait(api.client, job, run, request.wait_timeout, request.poll_interval, changed=changed)
    except WaitTimeoutError as timeout:
        def abort():
            stopped = runs.abort(api.client, job, timeout.details["run"])
            return "the run {0} of the job '{1}'".format(run["id"], job["name"]), {"run": stopped}
        return dict(timeouts.settle(api, timeout, abort)["run"], timed_out=True)
    if not run["succeeded"] and request.fail_on_run_failure:
        raise SecopsError(_run_failure(job, run), changed=changed, job=job, run=run)
    return run


def _run_failure(job, run):
    message = "The run {0} of the job '{1}' ended {2}".format(run["id"], job["name"], run["status"])
    texts = [item["message"] for item in run.get("messages") or [] if item.get("message")]
    if texts:
        message += ": " + "; ".join(str(text) for text in texts[:3])
    return message + ". Set fail_on_run_failure=false to accept unsuccessful runs"


# --- state absent ---------------------------------------------------------------------------------

def ensure_absent(api):
    request = JobRequest(api.params)
    client = api.client
    if request.id and not (api.check_mode or api.diff):
        # By ID the DELETE alone says whether the job existed: 204 deleted, 404 already gone.
        deleted = delete_job(client, request.id, permanently=True)
        return deleted, {"job": {"id": request.id} if deleted else {}}, None
    job = find_job(client, request)
    if job is None:
        return False, {"job": {}}, None
    if not api.check_mode:
        delete_job(client, job["id"], permanently=True, job=job)
    return True, {"job": job}, deletion_diff(job)


# --- state cancelled --------------------------------------------------------------------------------

def ensure_cancelled(api):
    request = JobRequest(api.params)
    client = api.client
    job = find_job(client, request)
    if job is None:
        return False, {"job": {}, "runs": []}, None
    running = runs.active_runs(client, job)
    if not running:
        return False, {"job": job, "runs": []}, None
    diff = {"before": {"running_runs": [run["id"] for run in running]}, "after": {"running_runs": []}}
    if api.check_mode:
        # The runs would stop, in a status CCS alone names: the job's last run is no longer known as running.
        return True, {"job": with_last_run(job, None), "runs": running}, diff
    aborted = [runs.abort(client, job, run) for run in running]
    # The job as read showed its latest run going; it now shows that run as the abort left it.
    return True, {"job": with_last_run(job, aborted[0]), "runs": aborted}, diff


# --- info ----------------------------------------------------------------------------------------

# The fields of a job the info module returns (what its ``fields`` accepts).
FIELDS = ("id", "name", "type", "category", "description", "created_by", "created_at", "modified_at", "last_run_status",
          "last_run_succeeded", "last_run_at", "assets", "standards", "schedule", "notifications", "runs")


def job_info(api, now=None):
    """Jobs by name, ID or filter; optionally only idle ones, each with its last runs (``fields`` of each, or into ``dest``)."""
    query = JobQuery(api.params)
    listing = ListRequest(api.params, FIELDS)
    if query.runs is not None:
        listing.keep("runs")
    client = api.client
    now = time.time() if now is None else now

    def completed(jobs):
        # Applied page by page, so that a list written to dest is never held whole.
        if query.not_run_for_days is not None:
            jobs = idle_jobs(jobs, query.not_run_for_days, now)
        if query.runs is not None:
            for job in jobs:
                job["runs"] = runs.history(client, job["id"], count=query.runs, messages=query.messages)
        return jobs

    with listing.sink(only_fields, api.check_mode) as sink:
        if query.name:
            sink.extend(completed(jobs_named(client, query.name)))
        elif query.id:
            job = job_by_id(client, query.id)
            sink.extend(completed([job] if job else []))
        else:
            search_jobs(client, query.filter, query.page_size, sink=Through(sink, completed))
    return listing.result("jobs", sink, api.diff)


def idle_jobs(jobs, days, now):
    """Jobs whose last run started (or, never run, that were created) at least ``days`` days before ``now``."""
    cutoff = now - days * SECONDS_PER_DAY
    return [job for job in jobs if idle_since(job) is not None and idle_since(job) <= cutoff]
