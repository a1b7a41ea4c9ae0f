#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ccs_job
short_description: Create, update, run, stop, purge and delete Symantec Control Compliance Suite jobs
version_added: 0.1.0
description:
  - Manages a data collection, evaluation or collection-evaluation job of Symantec / Broadcom Control Compliance Suite
    (CCS 12.x REST API, Job service).
  - With O(state=present), creates the job when it does not exist, or changes the settings the task gives that differ
    (one C(PATCH) with only those settings). Optionally removes its run history (O(purge_history)) and runs it now (O(run)),
    waiting for the run to end.
  - With O(state=absent), deletes the job permanently. With O(state=cancelled), stops its running runs.
  - The job is identified by its exact O(name) or by its O(id).
author:
  - secops.executions maintainers (@secops-collections)
requirements:
  - requests
extends_documentation_fragment:
  - secops.executions.ccs
  - secops.executions.attributes.STATEFUL
  - secops.executions.attributes.CCS_GROUP
options:
  name:
    description:
      - Exact name of the job (CCS searches names exactly). Creating a job needs a name.
      - When several jobs have this name, the task fails and lists their IDs; use O(id) instead.
      - Mutually exclusive with O(id).
    type: str
  id:
    description:
      - GUID of an existing job, as CCS shows it (for example V(0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d)). GUIDs here, in
        O(assets[].id) and in O(standards) may also be written in braces (C({0a1b2c3d-...})), any case.
      - Mutually exclusive with O(name).
    type: str
  state:
    description:
      - V(present) creates or updates the job, and runs it or purges its history on request.
      - V(absent) deletes the job permanently (C(DeleteJob=True), always sent explicitly). A job that does not exist is
        left alone. CCS lets only the user who created a job delete it, and never deletes system jobs.
      - V(cancelled) stops (C(abort)) every running run of the job. Nothing running means nothing to change.
    type: str
    choices: [present, absent, cancelled]
    default: present
  job_type:
    description:
      - Type of the job. Required to create one; a different type for an existing job is an error, because CCS cannot
        change the type of a job.
    type: str
    choices: [CollectionEvaluationJob, CollectionJob, EvaluationJob]
  description:
    description: Description of the job (C(JobDescription)).
    type: str
  assets:
    description:
      - Assets or asset groups the job targets (C(AssetsResolutionInfo)). Required to create a job.
      - Compared without regard to order.
    type: list
    elements: dict
    suboptions:
      id:
        description: GUID of the asset or asset group.
        type: str
        required: true
      type:
        description: Its asset type as CCS Search Assets shows it, for example V(symc-csm-AssetSystem-Asset-Unix-Machine).
        type: str
        required: true
  standards:
    description:
      - GUIDs of the standards to collect data for or evaluate against (C(Standards)). Compared without regard to order.
    type: list
    elements: str
  schedule:
    description:
      - "The CCS C(Schedule) object, sent as given, for example C({RunPeriodically: true, StartDate: '2026-12-01T02:00:00Z',
        RunEveryNDays: true, RepeatDays: 1})."
      - Only the keys given are compared with the job's schedule. On update the job's current schedule is sent with these
        keys changed.
      - C(RunNow) makes CCS run the job as soon as it is saved; prefer O(run), which reports and waits for the run.
    type: dict
  notifications:
    description: E-mail notifications CCS sends when a run succeeds or fails. Only the keys given are compared.
    type: dict
    suboptions:
      on_success:
        description: The success notification (C(ShouldSendSuccessNotification), C(SuccessNotification)).
        type: dict
        suboptions:
          enabled:
            description: Whether to send it.
            type: bool
            default: true
          from_address:
            description: Sender address.
            type: str
          to_address:
            description: Recipient address(es), as CCS accepts them.
            type: str
          subject:
            description: Subject of the mail.
            type: str
          body:
            description: Body of the mail.
            type: str
      on_failure:
        description: The failure notification (C(ShouldSendFailureNotification), C(FailureNotification)).
        type: dict
        suboptions:
          enabled:
            description: Whether to send it.
            type: bool
            default: true
          from_address:
            description: Sender address.
            type: str
          to_address:
            description: Recipient address(es), as CCS accepts them.
            type: str
          subject:
            description: Subject of the mail.
            type: str
          body:
            description: Body of the mail.
            type: str
  run:
    description:
      - With O(state=present), run the job now (C(Operation=execute)) unless a run is already going, in which case that
        run is returned (and waited for) and nothing changes.
    type: bool
    default: false
  wait:
    description:
      - With O(run), wait for the run to end. A run that does not end successfully fails the task unless
        O(fail_on_run_failure=false).
      - When O(wait_timeout) passes first, O(on_timeout) says what happens.
      - Also applies to the run of O(wait_for_run).
    type: bool
    default: true
  on_timeout:
    description:
      - What happens when O(wait_timeout) passes before the run ends.
      - V(fail) fails the task with the job and run IDs; the run keeps going.
      - V(detach) ends the task ok with a warning; RV(run) holds the run as last read, with RV(run.timed_out=true). Wait
        again later with O(wait_for_run) and the run's ID.
      - V(abort) stops the run (C(Operation=abort) with its run ID), then fails the task saying so, with C(aborted=true).
    type: str
    choices: [fail, detach, abort]
    default: fail
  wait_for_run:
    description:
      - With O(state=present), wait on a run this task did not start, instead of starting one, V(latest) (the job's newest
        run) or a run ID (C(JobRunID), such as RV(run.id) of an earlier task).
      - Nothing is started, and the job must exist. The run is read once (an ended run is returned at once), then polled
        like a run of O(run); O(wait), O(wait_timeout), O(poll_interval), O(on_timeout) and O(fail_on_run_failure) apply.
      - Cannot be combined with O(run).
    type: str
  wait_timeout:
    description:
      - Seconds to wait for the run to end.
      - No poll starts after this time, and a poll under way is not retried past it, so the wait ends at most one
        O(timeout) after O(wait_timeout).
    type: int
    default: 3600
  poll_interval:
    description: Seconds between two reads of the run's status while waiting.
    type: int
    default: 15
  fail_on_run_failure:
    description:
      - Whether a run that ends other than successfully (V(Failed), V(Aborted)...) fails the task.
      - With V(false) the task succeeds and RV(run.succeeded) tells the outcome.
    type: bool
    default: true
  purge_history:
    description:
      - With O(state=present), remove the job's run history (C(DeleteJob=False)); the job stays. Nothing is sent when the
        job has no ended runs. Runs still going are kept.
      - Happens before O(run), so the history afterwards holds only the new run.
    type: bool
    default: false
notes:
  - "Requests per task with O(access_token): O(state=present) with nothing to change makes one search and no write;
    O(state=absent) by O(id) makes one C(DELETE), by O(name) one search and one C(DELETE) (the search only when the job is
    already gone). In check or diff mode, O(state=absent) by O(id) reads the job first."
  - "Assumptions where CCS documents nothing: a search by name answers with a list of jobs (an object holding C(Jobs), or
    one job, is accepted too); a job carries C(LastRunStatus) and C(LastRunDate); C(execute) may or may not answer with
    the new run (the module reads the history when it does not); run statuses are compared without case, and only
    V(Completed), V(Succeeded) or V(Success) count as success, while V(Running), V(Queued), V(Pending), V(Starting),
    V(InProgress), V(Aborting) or V(Stopping) mean the run is still going."
  - The user needs the CCS tasks Manage jobs, Collect data, Evaluate standards, View evaluation results, View standards and
    View assets, and access to the Asset System and Standards folders.
seealso:
  - module: secops.executions.ccs_job_info
  - module: secops.executions.ccs_token
"""

EXAMPLES = r"""
- name: Log in once
  secops.executions.ccs_token:
    api_url: https://ccs.example.com:12431
    username: 'CORP\ccs-automation'
    password: "{{ ccs_password }}"
    ca_path: /etc/pki/corp-root-ca.pem
  register: ccs

- name: Manage CCS jobs with that token
  module_defaults:
    group/secops.executions.ccs:
      api_url: https://ccs.example.com:12431
      ca_path: /etc/pki/corp-root-ca.pem
      access_token: "{{ ccs.access_token }}"
      refresh_token: "{{ ccs.refresh_token }}"
  block:
    - name: Ensure a nightly CIS scan of the web tier exists
      secops.executions.ccs_job:
        name: Nightly CIS scan - web
        job_type: CollectionEvaluationJob
        description: CIS benchmark of the web tier
        assets:
          - id: 6b1f3a52-7c4d-4e8f-9a01-2b3c4d5e6f70
            type: symc-csm-AssetSystem-Asset-Unix-Machine
        standards:
          - 1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9
        schedule:
          RunPeriodically: true
          StartDate: "2026-12-01T02:00:00Z"
          RunEveryNDays: true
          RepeatDays: 1
        notifications:
          on_failure:
            from_address: ccs@example.com
            to_address: secops@example.com
            subject: CIS scan failed

    - name: Run it now, wait for the end, and keep going even if it fails
      secops.executions.ccs_job:
        name: Nightly CIS scan - web
        run: true
        wait_timeout: 7200
        poll_interval: 60
        fail_on_run_failure: false
      register: scan

    - name: Show the outcome
      ansible.builtin.debug:
        msg: "Run {{ scan.run.id }} ended {{ scan.run.status }}"
      when: scan.run is not none  # nothing ran in check mode

    - name: Start another run, but stop waiting after ten minutes and leave it running
      secops.executions.ccs_job:
        name: Nightly CIS scan - web
        run: true
        wait_timeout: 600
        on_timeout: detach
        fail_on_run_failure: false
      register: started

    - name: Later, wait for that run again without starting one
      secops.executions.ccs_job:
        name: Nightly CIS scan - web
        wait_for_run: "{{ started.run.id if started.run else 'latest' }}"
        wait_timeout: 7200
        fail_on_run_failure: false

    - name: Remove its run history, keep the job
      secops.executions.ccs_job:
        name: Nightly CIS scan - web
        purge_history: true

    - name: Stop whatever run of it is going
      secops.executions.ccs_job:
        name: Nightly CIS scan - web
        state: cancelled

    - name: Delete a job by its ID
      secops.executions.ccs_job:
        id: 2c3d4e5f-6a7b-4c8d-ae9f-1a2b3c4d5e6f
        state: absent
"""

RETURN = r"""
job:
  description:
    - The job after the task (with O(state=absent), as it was before the deletion; only RV(job.id) when it was deleted
      by O(id) without reading it first; empty when it did not exist).
    - In check mode, what the job would be; RV(job.id) is null for a job that would be created.
  returned: always
  type: dict
  contains:
    id:
      description: GUID of the job.
      type: str
      sample: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d
    name:
      description: Name of the job.
      type: str
      sample: Nightly CIS scan - web
    type:
      description: C(JobType) of the job.
      type: str
      sample: CollectionEvaluationJob
    category:
      description: V(Custom), or V(System) for jobs CCS defines itself.
      type: str
      sample: Custom
    description:
      description: Description of the job.
      type: str
    created_by:
      description: The CCS user who created the job, the only one allowed to delete it.
      type: str
      sample: CORP\ccsadmin
    created_at:
      description: When the job was created, as CCS reports it.
      type: str
    modified_at:
      description: When the job was last changed, as CCS reports it.
      type: str
    last_run_status:
      description: Status of the latest run, null when the job never ran.
      type: str
      sample: Completed
    last_run_succeeded:
      description: Whether the latest run ended successfully (see O(fail_on_run_failure)), null when the job never ran.
      type: bool
    last_run_at:
      description: When the latest run started, null when the job never ran.
      type: str
    assets:
      description: Targeted assets, each with C(id) and C(type). Null for system jobs.
      type: list
      elements: dict
    standards:
      description: GUIDs of the standards. Null for system jobs.
      type: list
      elements: str
    schedule:
      description: The CCS C(Schedule) object.
      type: dict
    notifications:
      description: C(on_success) and C(on_failure), each with C(enabled), C(from_address), C(to_address), C(subject), C(body).
      type: dict
run:
  description:
    - With O(run), the run that was started or that was already going; with O(wait_for_run), the run waited on. Its final
      state when O(wait) was set.
    - Null in check mode when a run would be started.
  returned: when O(run) or O(wait_for_run) is set
  type: dict
  contains:
    id:
      description: The job run ID (C(JobRunID)), which CCS needs to stop the run, and O(wait_for_run) to wait on it again.
      type: str
    timed_out:
      description: V(true) when the wait ended with O(on_timeout=detach) before the run ended.
      type: bool
      returned: when the wait timed out
      sample: true
    job_id:
      description: GUID of the job.
      type: str
    status:
      description: Status as CCS reports it, such as V(Running), V(Completed), V(Failed) or V(Aborted).
      type: str
      sample: Completed
    started_at:
      description: Start time.
      type: str
    ended_at:
      description: End time, null while running.
      type: str
    active:
      description: Whether the run is still going.
      type: bool
    succeeded:
      description: Whether the run ended successfully.
      type: bool
    messages:
      description: Error messages of the run, each with C(message), C(count) and C(time) (after waiting).
      type: list
      elements: dict
runs:
  description: With O(state=cancelled), the runs that were stopped (would be, in check mode), with the keys of RV(run).
  returned: when O(state=cancelled)
  type: list
  elements: dict
purged_runs:
  description: With O(purge_history), how many runs were removed from the history (would be, in check mode).
  returned: when O(purge_history) is set
  type: int
  sample: 3
job_id:
  description:
    - GUID of the job, when the task failed after creating or changing it, or while running or waiting for it; with
      C(changed=true) when the task had created, changed or started something.
  returned: failure after the job was saved
  type: str
run_id:
  description: ID of the run the task started or waited for, when the task failed while waiting for it.
  returned: failure while waiting for a run
  type: str
"""

from ansible_collections.secops.executions.plugins.module_utils.ccs.connection import VENDOR
from ansible_collections.secops.executions.plugins.module_utils.ccs.model import JOB_TYPES
from ansible_collections.secops.executions.plugins.module_utils.ccs.jobs import ensure_absent, ensure_cancelled, ensure_present
from ansible_collections.secops.executions.plugins.module_utils.module import ApiModule
from ansible_collections.secops.executions.plugins.module_utils.timeouts import timeout_spec
from ansible_collections.secops.executions.plugins.module_utils.waiting import wait_spec

NOTIFICATION_SPEC = dict(
    enabled=dict(type="bool", default=True),
    from_address=dict(type="str"),
    to_address=dict(type="str"),
    subject=dict(type="str"),
    body=dict(type="str"),
)


def main():
    argument_spec = dict(
        name=dict(type="str"),
        id=dict(type="str"),
        state=dict(type="str", default="present", choices=["present", "absent", "cancelled"]),
        job_type=dict(type="str", choices=list(JOB_TYPES)),
        description=dict(type="str"),
        assets=dict(type="list", elements="dict", options=dict(id=dict(type="str", required=True), type=dict(type="str", required=True))),
        standards=dict(type="list", elements="str"),
        schedule=dict(type="dict"),
        notifications=dict(type="dict", options=dict(
            on_success=dict(type="dict", options=NOTIFICATION_SPEC),
            on_failure=dict(type="dict", options=NOTIFICATION_SPEC),
        )),
        run=dict(type="bool", default=False),
        fail_on_run_failure=dict(type="bool", default=True),
        purge_history=dict(type="bool", default=False),
    )
    argument_spec.update(wait_spec(default_timeout=3600, default_interval=15))
    argument_spec.update(timeout_spec())
    argument_spec["wait_for_run"] = dict(type="str")
    api = ApiModule(VENDOR, argument_spec=argument_spec, mutually_exclusive=[("name", "id")], required_one_of=[("name", "id")])
    api.run_state({"present": ensure_present, "absent": ensure_absent, "cancelled": ensure_cancelled})


if __name__ == "__main__":
    main()
