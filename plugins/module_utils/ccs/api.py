# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CCS HTTP calls: the search pager (``page``/``pagesize``, stops on the total) and the job calls.

Paths follow the vendor samples (``/Jobs`` for search, update and delete, ``/jobs/{id}``
for the rest); CCS matches them without case. Answers become ``model.job_view``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.secops.executions.plugins.module_utils.ccs.model import GUID, job_view, member
from ansible_collections.secops.executions.plugins.module_utils.errors import ResponseFormatError, hint_on
from ansible_collections.secops.executions.plugins.module_utils.listing import Through
from ansible_collections.secops.executions.plugins.module_utils.paging import Page, Scheme, total_of, walk

PAGE_SIZE = 100
JOBS_PATH = "Jobs"
JOB_PATH = "jobs/{0}"
CREATE_PATH = "jobs"
JSON_CONTENT = {"Content-Type": "application/json"}
# Search Jobs pages are numbered from 0 (as in the vendor's paging samples) and answer
# {"Jobs": [...], "TotalCount": n}; a bare list is accepted too.
FIRST_PAGE = 0
ITEMS_KEY = "Jobs"
TOTAL_KEY = "TotalCount"


class SearchPages(Scheme):
    """CCS searches: ``page``/``pagesize`` in (pages counted from ``first_page``); the answer is a bare
    list, or an object holding the list under ``items_key`` and the total count under ``total_key``."""

    problem = "a search answer without a list of items"

    def __init__(self, size, items_key, total_key, first_page):
        super(SearchPages, self).__init__(size)
        self.items_key = items_key
        self.total_key = total_key
        self.first_page = first_page

    def first(self):
        return self.first_page

    def query(self, position):
        return {"page": position, "pagesize": self.size}

    def items_of(self, body):
        if isinstance(body, dict):
            return member(body, self.items_key) if self.items_key else None
        return body

    def read(self, items, body, response):
        return Page(items, total=total_of(member(body, self.total_key)))

    def next_position(self, position, page):
        return position + 1


def job_key(job):
    """A job's ID for telling repeats apart (JobID in any case)."""
    key = member(job, "JobID")
    return key.lower() if isinstance(key, str) else key


def pages(client, path, query=None, page_size=PAGE_SIZE, items_key=None, total_key=TOTAL_KEY, first_page=1, key_of=job_key, sink=None):
    """Items of a CCS search, each ID once (into ``sink`` page by page when given). Without a total, only an empty
    or short page ends the walk."""
    return walk(client, path, SearchPages(page_size, items_key, total_key, first_page), query=query, key_of=key_of, sink=sink)


# --- jobs: reading ------------------------------------------------------------------------------

def _job_list(response, path):
    body = response.json
    if isinstance(body, list):
        return body
    if isinstance(body, dict):
        jobs = member(body, ITEMS_KEY)
        if isinstance(jobs, list):
            return jobs
        if member(body, "JobID"):
            return [body]
    raise ResponseFormatError("GET", path, response.status, "an answer that holds no list of jobs")


def jobs_named(client, name):
    """Search Job by Name. Exact matches win; a match that differs only in case counts when there is none."""
    response = client.get(JOBS_PATH, query={"jobname": name}, allow_status=(404,))
    if client.not_found(response):
        return []
    views = once_per_id([job_view(job) for job in _job_list(response, JOBS_PATH)])
    exact = [view for view in views if view["name"] == name]
    return exact or [view for view in views if (view["name"] or "").lower() == name.lower()]


def once_per_id(views):
    """Each job once: a job listed twice is not two jobs with that name."""
    kept = {}
    for index, view in enumerate(views):
        kept.setdefault(view["id"] or index, view)
    return list(kept.values())


def job_by_id(client, job_id):
    """Search Job by ID: the job, or None when CCS does not know the ID."""
    path = JOB_PATH.format(job_id)
    response = client.get(path, allow_status=(404,))
    if client.not_found(response):
        return None
    jobs = _job_list(response, path)
    if len(jobs) != 1:
        raise ResponseFormatError("GET", path, response.status, "{0} jobs where one was expected".format(len(jobs)))
    return job_view(jobs[0])


def search_jobs(client, attributes, page_size, sink=None):
    """Search Jobs by an ``Attributes`` filter, every page: the jobs, or with a ``sink`` sent to it page by page."""
    query = {"Attributes": attributes}

    def viewed(jobs):
        return [job_view(job) for job in jobs]

    search = dict(page_size=page_size, items_key=ITEMS_KEY, total_key=TOTAL_KEY, first_page=FIRST_PAGE)
    if sink is None:
        return viewed(pages(client, JOBS_PATH, query, **search))
    return pages(client, JOBS_PATH, query, sink=Through(sink, viewed), **search)


# --- jobs: writing ------------------------------------------------------------------------------

def written_job(response, fallback):
    """The job a create or PATCH answered with; ``fallback`` when the answer is not a job (undocumented)."""
    try:
        body = response.json_or_none
    except ResponseFormatError:
        body = response.text  # perhaps the bare GUID as text
    if isinstance(body, dict) and member(body, "JobID"):
        return job_view(body)
    if isinstance(body, dict) and member(body, "Id"):
        body = member(body, "Id")
    if isinstance(body, str) and GUID.match(body.strip().strip('"')):
        return dict(fallback, id=body.strip().strip('"').lower())
    if fallback.get("id"):
        return fallback
    raise ResponseFormatError(response.method, response.path, response.status, "no JobID in the answer")


def create_job(client, job_type, details, predicted):
    """Create Job: the new job's view (``predicted`` completed with the ID CCS answered)."""
    response = client.post(CREATE_PATH, json_body={"JobType": job_type, "JobDetails": details},
                           what="the job '{0}'".format(details.get("JobName")))
    return written_job(response, predicted)


def update_job(client, job_id, details, merged, label):
    """Update Job (PATCH): the job's view after the change (``merged`` when CCS answers no job)."""
    response = client.patch(JOBS_PATH, json_body={"JobID": job_id, "JobDetails": details}, what="the change of {0}".format(label))
    return written_job(response, merged)


def delete_job(client, job_id, permanently, job=None):
    """Delete Job: ``DeleteJob`` is always sent (True: the job; False: its run history). False when CCS has no such job."""
    query = {"jobid": job_id, "DeleteJob": "True" if permanently else "False"}
    with hint_on(403, _refusal_hint(job)):
        # No body, but the Delete Job page lists this content type (its sample sends it too).
        response = client.delete(JOBS_PATH, query=query, headers=JSON_CONTENT, allow_status=(404,))
    return not client.not_found(response)


def _refusal_hint(job):
    if job and str(job.get("category") or "").lower() == "system":
        return "'{0}' is a system job, which CCS never deletes".format(job["name"])
    hint = "CCS lets only the user who created a job delete it or purge its history, and never deletes system jobs"
    if job and job.get("created_by"):
        hint += "; '{0}' was created by {1}: run the task as that user".format(job["name"], job["created_by"])
    return hint
