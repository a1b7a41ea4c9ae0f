#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ccs_job_info
short_description: Find Symantec Control Compliance Suite jobs and read their run history
version_added: 0.1.0
description:
  - Finds CCS jobs by exact O(name), by O(id), or by an attribute O(filter) (every page is read), and returns them.
  - Optionally keeps only jobs not run for some days (O(not_run_for_days)) and adds each job's latest runs (O(runs)),
    with their error messages on request (O(messages)).
author:
  - secops.executions maintainers (@secops-collections)
requirements:
  - requests
extends_documentation_fragment:
  - secops.executions.ccs
  - secops.executions.listing
  - secops.executions.attributes.READ_ONLY
  - secops.executions.attributes.CCS_GROUP
options:
  name:
    description: Exact name of the job. Several jobs may share a name; all are returned.
    type: str
  id:
    description: GUID of the job, in any case, braces allowed. An unknown ID returns no job.
    type: str
  filter:
    description:
      - "A CCS Search Jobs C(Attributes) filter: conditions C(<attribute> <operator> <value>) joined by C(,) or C(&) (and)
        or C(|) (or), for example V((JobType = CollectionJob, LastRunStatus = Failed))."
      - Attributes are V(JobName), V(JobID), V(JobCategory), V(JobType), V(JobCreationTime), V(JobModifiedTime),
        V(LastRunStatus) and V(LastRunDate). Operators are case-sensitive.
      - V((JobName = *)) matches every job. Parentheses are added when missing.
    type: str
  page_size:
    description: Jobs per page when reading the results of O(filter).
    type: int
    default: 100
  not_run_for_days:
    description:
      - Keep only jobs whose latest run started at least this many days ago, and jobs that never ran and were created at
        least this many days ago. Fractions are allowed (V(0.5) is twelve hours).
      - Ages are measured with the clock of the host running the module.
    type: float
  runs:
    description:
      - Add each job's latest runs as RV(jobs[].runs), newest first; V(0) adds every run.
      - Costs one request per job.
    type: int
  messages:
    description: With O(runs), include each run's error messages.
    type: bool
    default: false
notes:
  - Exactly one of O(name), O(id) and O(filter) is required.
  - O(filter) is sent to CCS (the C(Attributes) of Search Jobs), so only the matching jobs are paged through; narrow it
    there rather than in the play.
  - "The fields O(fields) accepts: C(id) (always returned), C(name), C(type), C(category), C(description), C(created_by),
    C(created_at), C(modified_at), C(last_run_status), C(last_run_succeeded), C(last_run_at), C(assets), C(standards),
    C(schedule), C(notifications), C(runs) (always kept with O(runs))."
  - "Assumptions where CCS documents nothing: Search Jobs pages are numbered from 0 and answer
    C({\"Jobs\": [...], \"TotalCount\": n}) (a bare list is read too, and then a short page ends the search);
    jobs carry C(LastRunStatus), C(LastRunDate) and C(JobCreationTime) as ISO 8601 dates."
  - The user needs the CCS tasks View all jobs, View standards and View assets, and access to the Asset System and
    Standards folders.
seealso:
  - module: secops.executions.ccs_job
"""

EXAMPLES = r"""
# The connection comes from the CCS_* environment variables here (an AWX credential injects them);
# to log in once for a whole play, see secops.executions.ccs_token.
- name: Read one job and its last three runs with their messages
  secops.executions.ccs_job_info:
    name: Nightly CIS scan - web
    runs: 3
    messages: true
  register: nightly

- name: Every collection job whose last run failed
  secops.executions.ccs_job_info:
    filter: "(JobType = CollectionJob, LastRunStatus = Failed)"
  register: failing

- name: Custom jobs not run for 90 days
  secops.executions.ccs_job_info:
    filter: "(JobCategory = Custom)"
    not_run_for_days: 90
  register: stale

- name: Show their names
  ansible.builtin.debug:
    msg: "{{ stale.jobs | map(attribute='name') | list }}"

- name: Name and last run of every custom job, into a file on the controller
  secops.executions.ccs_job_info:
    filter: "(JobCategory = Custom)"
    fields: [name, last_run_status, last_run_at]
    dest: "{{ playbook_dir }}/ccs_jobs.jsonl"
  register: exported
"""

RETURN = r"""
jobs:
  description:
    - The jobs found, each with the keys C(ccs_job) returns as RV(secops.executions.ccs_job#module:job), ordered as CCS
      returns them.
    - Only the O(fields) asked for (and C(id)) when O(fields) is set.
  returned: success, without O(dest)
  type: list
  elements: dict
  contains:
    id:
      description: GUID of the job.
      type: str
    name:
      description: Name of the job.
      type: str
    type:
      description: C(JobType) of the job.
      type: str
    category:
      description: V(Custom) or V(System).
      type: str
    created_by:
      description: The CCS user who created the job.
      type: str
    last_run_status:
      description: Status of the latest run; null when the job never ran.
      type: str
    last_run_succeeded:
      description: Whether the latest run ended successfully; null when the job never ran.
      type: bool
    last_run_at:
      description: When the latest run started; null when the job never ran.
      type: str
    runs:
      description:
        - With O(runs), the latest runs, newest first, each with C(id), C(job_id), C(status), C(started_at), C(ended_at),
          C(active), C(succeeded) and, with O(messages), C(messages) (C(message), C(count), C(time)).
      type: list
      elements: dict
      returned: when O(runs) is set
dest:
  description: The file the jobs were written to.
  returned: with O(dest)
  type: str
  sample: /home/ops/jobs.jsonl
count:
  description: How many jobs were written (or would be, in check mode).
  returned: with O(dest)
  type: int
  sample: 20000
checksum:
  description: SHA-1 of the content written (or that would be), as M(ansible.builtin.stat) reports it.
  returned: with O(dest)
  type: str
  sample: 2aae6c35c94fcfb415dbe95f408b9ce91ee846ed
size:
  description: Size of that content in bytes.
  returned: with O(dest)
  type: int
  sample: 9830400
"""

from ansible_collections.secops.executions.plugins.module_utils.ccs.connection import VENDOR
from ansible_collections.secops.executions.plugins.module_utils.ccs.jobs import job_info
from ansible_collections.secops.executions.plugins.module_utils.listing import list_options
from ansible_collections.secops.executions.plugins.module_utils.module import ApiModule
from ansible_collections.secops.executions.plugins.module_utils.ccs.api import PAGE_SIZE


def main():
    argument_spec = list_options(
        name=dict(type="str"),
        id=dict(type="str"),
        filter=dict(type="str"),
        page_size=dict(type="int", default=PAGE_SIZE),
        not_run_for_days=dict(type="float"),
        runs=dict(type="int"),
        messages=dict(type="bool", default=False),
    )
    api = ApiModule(VENDOR, argument_spec=argument_spec,
                    mutually_exclusive=[("name", "id", "filter")], required_one_of=[("name", "id", "filter")])
    api.run(job_info)


if __name__ == "__main__":
    main()
