# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Runs of a CCS job: history, start (``execute``), stop (``abort``) and waiting for the end.

The Job Operation API takes a job ID to execute and a job *run* ID to abort. Whether
``execute`` answers with the new run is not documented, so the run is read from the
history when the answer does not name it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.secops.executions.plugins.module_utils.ccs.model import LATEST_RUN, is_active, member, run_view
from ansible_collections.secops.executions.plugins.module_utils.errors import ResponseFormatError, SecopsError, after_write
from ansible_collections.secops.executions.plugins.module_utils.waiting import Waiter

RUNS_PATH = "Jobs/{0}/jobruns"
OPERATION_PATH = "jobs/{0}"
ALL_RUNS = 0


def history(client, job_id, count=1, messages=False):
    """The job's runs, newest first: ``count`` of them (0 = all), with error messages on request."""
    path = RUNS_PATH.format(job_id)
    query = {"count": count}
    if messages:
        query["showmessages"] = "true"
    response = client.get(path, query=query)
    body = response.json
    runs = body
    if isinstance(body, dict):
        runs = member(body, "JobRuns", member(body, "Runs"))
        if runs is None and member(body, "JobRunID"):
            runs = [body]
    if not isinstance(runs, list):
        raise ResponseFormatError("GET", path, response.status, "an answer that holds no list of job runs")
    return [run_view(run) for run in runs]


def active_runs(client, job):
    """Runs of ``job`` still going. The job's LastRunStatus, when it has one, spares reading the history."""
    if job.get("last_run_status") is not None and not is_active(job["last_run_status"]):
        return []
    # Only the latest run can be active when CCS refuses to start a running job; read them all to be sure.
    return [run for run in history(client, job["id"], count=ALL_RUNS) if run["active"]]


def start(client, job):
    """Execute the job now; the new run."""
    response = client.post(OPERATION_PATH.format(job["id"]), json_body={"Operation": "execute"},
                           what="a run of the job '{0}'".format(job["name"]))
    with after_write(True, job_id=job["id"]):
        return _started_run(client, job, response)


def _started_run(client, job, response):
    body = response.json_or_none
    if isinstance(body, dict) and member(body, "JobRunID"):
        return _with_job(run_view(body), job)
    latest = history(client, job["id"], count=1)
    if not latest:
        raise ResponseFormatError("POST", OPERATION_PATH.format(job["id"]), response.status,
                                  "no run in the job's history after it was executed")
    return latest[0]


def abort(client, job, run):
    """Stop ``run``; its state as the answer tells it, or as the history shows it afterwards."""
    response = client.post(OPERATION_PATH.format(run["id"]), json_body={"Operation": "abort"},
                           what="the abort of the run {0} of the job '{1}'".format(run["id"], job["name"]), outcome="took effect")
    body = response.json_or_none
    if isinstance(body, dict) and member(body, "JobRunID"):
        return _with_job(run_view(body), job)
    return _find(client, job, run["id"]) or run


def resumed(client, job, which):
    """The run a task waits on without starting it: the job's latest (``latest``) or the one with this ID."""
    if which == LATEST_RUN:
        latest = history(client, job["id"], count=1, messages=True)
        if not latest:
            raise SecopsError("The job '{0}' has no run to wait for".format(job["name"]), job_id=job["id"])
        return latest[0]
    found = _find(client, job, which, messages=True)
    if found is None:
        raise SecopsError("The job '{0}' has no run {1} in its history to wait for".format(job["name"], which), job_id=job["id"],
                          run_id=which)
    return found


def wait(client, job, run, timeout, interval, changed=False):
    """Poll until ``run`` ends; WaitTimeoutError (the run keeps going) after ``timeout`` seconds.

    ``changed`` (the task started the run, or changed the job before) goes with a failure.
    """
    waiter = Waiter(timeout, interval, client=client)

    def fetch():
        found = _find(client, job, run["id"], messages=True)
        if found is None:
            raise SecopsError("The run {0} of the job '{1}' disappeared from the job's history while waiting for it "
                              "(was the history purged?)".format(run["id"], job["name"]), job_id=job["id"], run_id=run["id"],
                              changed=changed)
        return found

    def describe(state):
        message = ("the run {0} of the job '{1}' is still {2}. It keeps running: wait again, or stop it with "
                   "state=cancelled".format(run["id"], job["name"], state["status"]))
        return message, {"job_id": job["id"], "run_id": run["id"], "run": state, "changed": changed}

    # The run was just read or started: the first poll comes one interval later.
    with after_write(changed, job_id=job["id"], run_id=run["id"]):
        return waiter.until(fetch, lambda state: not state["active"], describe, state=run)


def _find(client, job, run_id, messages=False):
    # The run being watched is almost always the latest one: one short read, the whole history only if not.
    for count in (1, ALL_RUNS):
        for candidate in history(client, job["id"], count=count, messages=messages):
            if candidate["id"] == run_id:
                return candidate
    return None


def _with_job(run, job):
    if not run.get("job_id"):
        run["job_id"] = job["id"]
    return run
