# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ensure_present / ensure_absent / ensure_cancelled / job_info against scripted CCS answers.

Each test lists the answers the server gives, in order, and checks what was sent: the
number of requests is part of the contract (request budgets, no write in check mode).
"""

import json
from urllib.parse import urlsplit

import pytest

from ansible_collections.secops.executions.plugins.module_utils.ccs import jobs, runs
from ansible_collections.secops.executions.plugins.module_utils.errors import ApiError, OptionError, ResponseFormatError, SecopsError, WaitTimeoutError
from ansible_collections.secops.executions.plugins.module_utils.waiting import Waiter

from ansible_collections.secops.executions.tests.unit.plugins.module_utils import fakes

BASE = "https://ccs.example.com:12431/ccs/api/v1"
JOB_ID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
RUN_ID = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a"
WEB01 = "6b1f3a52-7c4d-4e8f-9a01-2b3c4d5e6f70"
UNIX = "symc-csm-AssetSystem-Asset-Unix-Machine"
CIS = "1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9"
DEFAULTS = {
    "name": None, "id": None, "state": "present", "job_type": None, "description": None, "assets": None, "standards": None,
    "schedule": None, "notifications": None, "run": False, "wait": True, "wait_timeout": 60, "poll_interval": 5,
    "fail_on_run_failure": True, "purge_history": False,
}


def guid(number):
    """A distinct job ID per number."""
    return "0a1b2c3d-4e5f-4a6b-8c7d-{0:012x}".format(number)


def api_job(job_id=JOB_ID, name="Nightly", last_run_status="Completed", created_by="CORP\\ccsadmin", **details):
    job = {"JobID": job_id, "JobName": name, "JobType": "CollectionEvaluationJob", "JobCategory": "Custom", "CreatedBy": created_by,
           "JobCreationTime": "2026-01-01T00:00:00Z", "LastRunStatus": last_run_status,
           "LastRunDate": "2026-11-20T00:00:00Z" if last_run_status else None,
           "JobDetails": dict({"JobName": name, "JobDescription": "CIS", "AssetsResolutionInfo": [{"Id": WEB01, "Type": UNIX}],
                               "Standards": [CIS]}, **details)}
    return job


def api_run(status="Running", run_id=RUN_ID, messages=None):
    run = {"JobRunID": run_id, "JobID": JOB_ID, "Status": status, "StartTime": "2026-11-23T10:00:00Z", "EndTime": None}
    if messages is not None:
        run["Messages"] = messages
    return run


class FakeApi(fakes.FakeApi):
    """The shared fake with CCS defaults and no retries; ``sent`` as (method, path, query)."""

    def __init__(self, answers, check_mode=False, diff=False, **params):
        super(FakeApi, self).__init__(BASE, answers, DEFAULTS, check_mode=check_mode, diff=diff, retries=0, **params)

    @property
    def sent(self):
        """(method, path, query) of every request, path relative to the API base."""
        result = []
        for request in self.session.sent:
            path = urlsplit(request["url"]).path[len("/ccs/api/v1/"):]
            query = dict((key, str(value)) for key, value in (request.get("params") or {}).items())
            result.append((request["method"], path, query))
        return result

    def body(self, index):
        return self.session.sent[index]["json"]


@pytest.fixture(autouse=True)
def instant_waiter(monkeypatch):
    class InstantWaiter(Waiter):
        def __init__(self, timeout, interval, client=None):
            clock = [0.0]

            def sleep(seconds):
                clock[0] += seconds
            super(InstantWaiter, self).__init__(timeout, interval, sleep=sleep, clock=lambda: clock[0])

    monkeypatch.setattr(runs, "Waiter", InstantWaiter)


# --- present -------------------------------------------------------------------------------------------

def test_present_with_nothing_to_change_is_one_search():
    api = FakeApi([(200, [api_job()])], name="Nightly", description="CIS", assets=[{"id": WEB01, "type": UNIX}], standards=[CIS])
    changed, result, diff = jobs.ensure_present(api)
    assert not changed and result["job"]["id"] == JOB_ID
    assert api.sent == [("GET", "Jobs", {"jobname": "Nightly"})]
    assert diff == {"before": {}, "after": {}}


def test_present_by_id_reads_the_job_by_id():
    api = FakeApi([(200, api_job())], id=JOB_ID.upper())
    assert jobs.ensure_present(api)[0] is False
    assert api.sent == [("GET", "jobs/" + JOB_ID, {})]


def test_present_patches_only_the_differing_keys():
    answer = api_job(JobDescription="new")
    api = FakeApi([(200, [api_job()]), (200, answer)], name="Nightly", description="new", standards=[CIS])
    changed, result, diff = jobs.ensure_present(api)
    assert changed and result["job"]["description"] == "new"
    assert api.sent[1] == ("PATCH", "Jobs", {})
    assert api.body(1) == {"JobID": JOB_ID, "JobDetails": {"JobDescription": "new"}}
    assert diff == {"before": {"description": "CIS"}, "after": {"description": "new"}}


def test_present_in_check_mode_sends_no_write():
    api = FakeApi([(200, [api_job()])], check_mode=True, name="Nightly", description="new")
    changed, result, dummy = jobs.ensure_present(api)
    assert changed and result["job"]["description"] == "new" and len(api.sent) == 1


def test_create_sends_the_documented_body():
    api = FakeApi([(200, []), (200, api_job(last_run_status=None))], name="Nightly", job_type="CollectionEvaluationJob",
                  assets=[{"id": WEB01, "type": UNIX}], standards=[CIS], description="CIS")
    changed, result, diff = jobs.ensure_present(api)
    assert changed and result["job"]["id"] == JOB_ID
    assert api.sent[1] == ("POST", "jobs", {})
    assert api.body(1) == {"JobType": "CollectionEvaluationJob", "JobDetails": {
        "JobName": "Nightly", "JobDescription": "CIS", "AssetsResolutionInfo": [{"Id": WEB01, "Type": UNIX}], "Standards": [CIS]}}
    assert diff["before"] == {"state": "absent"} and diff["after"]["job_type"] == "CollectionEvaluationJob"


@pytest.mark.parametrize("answer", [JOB_ID, '"{0}"'.format(JOB_ID), {"Id": JOB_ID}], ids=["text", "json-string", "id-object"])
def test_create_answers_without_a_job_are_understood(answer):
    api = FakeApi([(200, []), (200, answer)], name="Nightly", job_type="CollectionJob", assets=[{"id": WEB01, "type": UNIX}])
    assert jobs.ensure_present(api)[1]["job"]["id"] == JOB_ID


def test_create_in_check_mode_predicts_the_job_and_the_run():
    api = FakeApi([(200, [])], check_mode=True, name="Nightly", job_type="CollectionJob", assets=[{"id": WEB01, "type": UNIX}], run=True)
    changed, result, dummy = jobs.ensure_present(api)
    assert changed and result["job"]["id"] is None and result["job"]["type"] == "CollectionJob" and result["run"] is None
    assert len(api.sent) == 1


@pytest.mark.parametrize("params, option", [
    ({"name": "Nightly", "assets": [{"id": WEB01, "type": UNIX}]}, "job_type"),
    ({"name": "Nightly", "job_type": "CollectionJob"}, "assets"),
])
def test_create_needs_type_and_assets(params, option):
    with pytest.raises(OptionError) as info:
        jobs.ensure_present(FakeApi([(200, [])], **params))
    assert info.value.option == option and "required to create the job 'Nightly'" in info.value.msg


def test_an_unknown_id_cannot_be_created():
    with pytest.raises(OptionError) as info:
        jobs.ensure_present(FakeApi([(404, {"message": "no"})], id=JOB_ID, job_type="CollectionJob"))
    assert "no job has the ID " + JOB_ID in info.value.msg


def test_the_job_type_cannot_change():
    with pytest.raises(OptionError) as info:
        jobs.ensure_present(FakeApi([(200, [api_job()])], name="Nightly", job_type="EvaluationJob"))
    assert "CCS cannot change the type of a job" in info.value.msg


def test_system_jobs_have_nothing_to_configure():
    system = {"JobID": JOB_ID, "JobName": "Sync", "JobType": "SyncJob", "JobCategory": "System"}
    with pytest.raises(OptionError) as info:
        jobs.ensure_present(FakeApi([(200, [system])], name="Sync", description="x"))
    assert info.value.option == "description" and "System job" in info.value.msg


def test_ambiguous_names_list_the_ids():
    other = "1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e"
    with pytest.raises(OptionError) as info:
        jobs.ensure_present(FakeApi([(200, [api_job(), api_job(job_id=other)])], name="Nightly"))
    assert "2 jobs are named 'Nightly'" in info.value.msg and JOB_ID in info.value.msg and other in info.value.msg


def test_name_search_prefers_exact_matches_and_accepts_a_case_only_match():
    exact = FakeApi([(200, [api_job(name="nightly", job_id=RUN_ID), api_job()])], name="Nightly")
    assert jobs.ensure_present(exact)[1]["job"]["id"] == JOB_ID
    folded = FakeApi([(200, {"Jobs": [api_job(name="NIGHTLY")]})], name="Nightly")
    assert jobs.ensure_present(folded)[1]["job"]["id"] == JOB_ID


def test_a_search_answer_that_is_not_a_list_of_jobs_is_an_error():
    with pytest.raises(ResponseFormatError):
        jobs.ensure_present(FakeApi([(200, {"Total": 1})], name="Nightly"))


# --- run ------------------------------------------------------------------------------------------------

def test_run_starts_waits_and_returns_the_final_run():
    api = FakeApi([(200, [api_job()]), (200, api_run()), (200, [api_run()]), (200, [api_run("Completed", messages=[])])],
                  name="Nightly", run=True)
    changed, result, dummy = jobs.ensure_present(api)
    assert changed and result["run"]["status"] == "Completed" and result["run"]["succeeded"]
    assert result["job"]["last_run_at"] == result["run"]["started_at"] and result["job"]["last_run_succeeded"]
    assert api.sent[1] == ("POST", "jobs/" + JOB_ID, {}) and api.body(1) == {"Operation": "execute"}
    assert api.sent[2] == ("GET", "Jobs/{0}/jobruns".format(JOB_ID), {"count": "1", "showmessages": "true"})


def test_run_adopts_a_running_run_without_starting_another():
    api = FakeApi([(200, [api_job(last_run_status="Running")]), (200, [api_run()])], name="Nightly", run=True, wait=False)
    changed, result, dummy = jobs.ensure_present(api)
    assert not changed and result["run"]["id"] == RUN_ID
    assert [method for method, dummy_path, dummy_query in api.sent] == ["GET", "GET"]


def test_execute_without_a_run_in_the_answer_reads_the_latest_run():
    api = FakeApi([(200, [api_job()]), (200, {"Message": "started"}), (200, [api_run()])], name="Nightly", run=True, wait=False)
    assert jobs.ensure_present(api)[1]["run"]["id"] == RUN_ID


def test_a_failed_run_fails_the_task_with_its_messages():
    failed = api_run("Failed", messages=[{"Message": "host down", "Count": 1}])
    api = FakeApi([(200, [api_job()]), (200, api_run()), (200, [failed])], name="Nightly", run=True)
    with pytest.raises(SecopsError) as info:
        jobs.ensure_present(api)
    assert "ended Failed: host down" in info.value.msg and "fail_on_run_failure" in info.value.msg
    assert info.value.details["changed"] is True and info.value.details["run"]["status"] == "Failed"


def test_a_failed_run_can_be_accepted():
    api = FakeApi([(200, [api_job()]), (200, api_run()), (200, [api_run("Failed", messages=[])])],
                  name="Nightly", run=True, fail_on_run_failure=False)
    assert jobs.ensure_present(api)[1]["run"]["succeeded"] is False


def test_waiting_gives_up_at_the_timeout_and_names_the_run():
    api = FakeApi([(200, [api_job()]), (200, api_run())] + [(200, [api_run()])] * 3, name="Nightly", run=True,
                  wait_timeout=10, poll_interval=5)
    with pytest.raises(WaitTimeoutError) as info:
        jobs.ensure_present(api)
    assert "Timed out after 10 s" in info.value.msg and RUN_ID in info.value.msg and "state=cancelled" in info.value.msg
    assert info.value.details["run_id"] == RUN_ID
    # The task started that run: the failure says so.
    assert info.value.details["changed"] is True


def test_waiting_for_a_run_already_going_times_out_unchanged():
    api = FakeApi([(200, [api_job(last_run_status="Running")]), (200, [api_run()])] + [(200, [api_run()])] * 3, name="Nightly",
                  run=True, wait_timeout=10, poll_interval=5)
    with pytest.raises(WaitTimeoutError) as info:
        jobs.ensure_present(api)
    assert info.value.details["changed"] is False and info.value.details["run_id"] == RUN_ID


def test_waiting_looks_through_the_whole_history_when_another_run_is_newer():
    newer = api_run("Running", run_id="11111111-2222-4333-8444-555555555555")
    api = FakeApi([(200, [api_job()]), (200, api_run()), (200, [newer]), (200, [newer, api_run("Completed")])], name="Nightly", run=True)
    assert jobs.ensure_present(api)[1]["run"]["id"] == RUN_ID
    assert api.sent[3][2] == {"count": "0", "showmessages": "true"}


def test_bad_wait_options_are_refused_before_any_request():
    api = FakeApi([], name="Nightly", run=True, wait_timeout=5, poll_interval=10)
    with pytest.raises(OptionError):
        jobs.ensure_present(api)
    assert api.sent == []


# --- purge history -------------------------------------------------------------------------------------

def test_purge_history_sends_delete_job_false_when_there_are_ended_runs():
    api = FakeApi([(200, [api_job()]), (200, [api_run("Completed"), api_run("Failed")]), (204, b"")], name="Nightly", purge_history=True)
    changed, result, diff = jobs.ensure_present(api)
    assert changed and result["purged_runs"] == 2 and result["job"]["last_run_status"] is None
    assert api.sent[2] == ("DELETE", "Jobs", {"jobid": JOB_ID, "DeleteJob": "False"})
    assert diff["before"]["run_history"] == 2 and diff["after"]["run_history"] == 0


def test_purge_history_without_ended_runs_changes_nothing():
    api = FakeApi([(200, [api_job()]), (200, [api_run("Running")])], name="Nightly", purge_history=True)
    changed, result, dummy = jobs.ensure_present(api)
    assert not changed and result["purged_runs"] == 0 and len(api.sent) == 2


# --- absent --------------------------------------------------------------------------------------------

def test_absent_by_id_is_one_delete():
    api = FakeApi([(204, b"")], id=JOB_ID, state="absent")
    assert jobs.ensure_absent(api) == (True, {"job": {"id": JOB_ID}}, None)
    assert api.sent == [("DELETE", "Jobs", {"jobid": JOB_ID, "DeleteJob": "True"})]
    # The Delete Job page lists application/json as its content type; the DELETE has no body.
    delete = api.session.sent[0]
    assert delete["headers"]["Content-Type"] == "application/json" and delete.get("json") is None and not delete.get("data")


def test_absent_by_id_already_gone_is_unchanged():
    api = FakeApi([(404, {"message": "The job does not exist."})], id=JOB_ID, state="absent")
    assert jobs.ensure_absent(api) == (False, {"job": {}}, None)


def test_absent_by_id_in_check_mode_reads_instead_of_deleting():
    api = FakeApi([(200, api_job())], check_mode=True, id=JOB_ID, state="absent")
    changed, result, diff = jobs.ensure_absent(api)
    assert changed and result["job"]["name"] == "Nightly" and diff["after"] == {"state": "absent"}
    assert api.sent == [("GET", "jobs/" + JOB_ID, {})]


def test_absent_by_name_is_one_search_and_one_delete():
    api = FakeApi([(200, [api_job()]), (204, b"")], name="Nightly", state="absent")
    assert jobs.ensure_absent(api)[0] is True
    assert api.sent == [("GET", "Jobs", {"jobname": "Nightly"}), ("DELETE", "Jobs", {"jobid": JOB_ID, "DeleteJob": "True"})]


def test_absent_by_name_already_gone_is_the_search_only():
    api = FakeApi([(200, [])], name="Nightly", state="absent")
    assert jobs.ensure_absent(api) == (False, {"job": {}}, None) and len(api.sent) == 1


def test_someone_elses_job_gets_a_message_about_the_creator_rule():
    api = FakeApi([(200, [api_job(created_by="CORP\\auditor")]), (403, {"message": "Forbidden by policy"})], name="Nightly", state="absent")
    with pytest.raises(ApiError) as info:
        jobs.ensure_absent(api)
    assert info.value.status == 403 and "Forbidden by policy" in info.value.msg
    assert "only the user who created a job" in info.value.msg and "'Nightly' was created by CORP\\auditor" in info.value.msg


def test_system_jobs_get_their_own_message():
    system = dict(api_job(), JobCategory="System")
    with pytest.raises(ApiError) as info:
        jobs.ensure_absent(FakeApi([(200, [system]), (403, {"message": "no"})], name="Nightly", state="absent"))
    assert "'Nightly' is a system job, which CCS never deletes" in info.value.msg


@pytest.mark.parametrize("option", ["run", "purge_history"])
def test_present_only_options_are_refused_elsewhere(option):
    with pytest.raises(OptionError) as info:
        jobs.ensure_absent(FakeApi([], name="Nightly", state="absent", **{option: True}))
    assert info.value.option == option


# --- cancelled -------------------------------------------------------------------------------------------

def test_cancel_aborts_each_running_run_by_its_run_id():
    api = FakeApi([(200, [api_job(last_run_status="Running")]), (200, [api_run(), api_run("Completed", run_id=JOB_ID)]),
                   (200, api_run("Aborted"))], name="Nightly", state="cancelled")
    changed, result, diff = jobs.ensure_cancelled(api)
    assert changed and [run["status"] for run in result["runs"]] == ["Aborted"]
    assert result["job"]["last_run_status"] == "Aborted" and result["job"]["last_run_succeeded"] is False
    assert api.sent[1][2] == {"count": "0"}
    assert api.sent[2] == ("POST", "jobs/" + RUN_ID, {}) and api.body(2) == {"Operation": "abort"}
    assert diff == {"before": {"running_runs": [RUN_ID]}, "after": {"running_runs": []}}


def test_cancel_with_nothing_running_is_the_search_only():
    api = FakeApi([(200, [api_job()])], name="Nightly", state="cancelled")
    assert jobs.ensure_cancelled(api)[0] is False and len(api.sent) == 1


def test_cancel_in_check_mode_sends_no_abort():
    api = FakeApi([(200, [api_job(last_run_status="Running")]), (200, [api_run()])], check_mode=True, name="Nightly", state="cancelled")
    assert jobs.ensure_cancelled(api)[0] is True and len(api.sent) == 2


# --- info ------------------------------------------------------------------------------------------------

def info_api(answers, **params):
    base = {"name": None, "id": None, "filter": None, "page_size": 2, "not_run_for_days": None, "runs": None, "messages": False}
    base.update(params)
    api = FakeApi(answers)
    api.params = base
    return api


def test_filter_pages_from_zero_until_the_total():
    pages = [(200, {"Jobs": [api_job(job_id=guid(1), name="a"), api_job(job_id=guid(2), name="b")], "TotalCount": 3}),
             (200, {"Jobs": [api_job(job_id=guid(3), name="c")], "TotalCount": 3})]
    api = info_api(pages, filter="JobType = CollectionJob")
    assert [job["name"] for job in jobs.job_info(api)["jobs"]] == ["a", "b", "c"]
    assert [query for dummy, dummy_path, query in api.sent] == [
        {"Attributes": "(JobType = CollectionJob)", "page": "0", "pagesize": "2"},
        {"Attributes": "(JobType = CollectionJob)", "page": "1", "pagesize": "2"}]


def test_info_by_unknown_id_is_empty():
    assert jobs.job_info(info_api([(404, {"message": "no"})], id=JOB_ID))["jobs"] == []


def test_info_adds_runs_per_job():
    api = info_api([(200, [api_job()]), (200, [api_run("Failed", messages=[{"Message": "x"}])])], name="Nightly", runs=0, messages=True)
    job = jobs.job_info(api)["jobs"][0]
    assert job["runs"][0]["messages"][0]["message"] == "x"
    assert api.sent[1][2] == {"count": "0", "showmessages": "true"}


def test_not_run_for_days_keeps_idle_jobs_only():
    now = 1795132800.0  # 2026-11-20T00:00:00Z
    recent = api_job(job_id=guid(1), name="recent")  # last run 2026-11-20
    stale = dict(api_job(job_id=guid(2), name="stale"), LastRunDate="2026-08-01T00:00:00Z")
    never = dict(api_job(job_id=guid(3), name="never", last_run_status=None), JobCreationTime="2026-01-01T00:00:00Z")
    fresh = dict(api_job(job_id=guid(4), name="fresh", last_run_status=None), JobCreationTime="2026-11-19T00:00:00Z")
    api = info_api([(200, {"Jobs": [recent, stale, never, fresh], "TotalCount": 4})], filter="(JobName = *)", page_size=10, not_run_for_days=90)
    assert [job["name"] for job in jobs.job_info(api, now=now)["jobs"]] == ["stale", "never"]


def test_not_run_for_days_takes_fractions():
    now = 1795132800.0 + 13 * 3600  # 2026-11-20T13:00:00Z, 13 hours after the last run
    api = info_api([(200, [api_job()])], name="Nightly", not_run_for_days=0.5)
    assert len(jobs.job_info(api, now=now)["jobs"]) == 1
    api = info_api([(200, [api_job()])], name="Nightly", not_run_for_days=0.6)
    assert jobs.job_info(api, now=now)["jobs"] == []


@pytest.mark.parametrize("params, option", [
    ({"id": "x"}, "id"), ({"filter": "( )"}, "filter"), ({"name": "n", "runs": -1}, "runs"),
    ({"filter": "(a = b)", "page_size": 0}, "page_size"), ({"name": "n", "not_run_for_days": -2}, "not_run_for_days"),
])
def test_info_refuses_bad_input_before_any_request(params, option):
    api = info_api([], **params)
    with pytest.raises(OptionError) as info:
        jobs.job_info(api)
    assert info.value.option == option and api.sent == []


def test_the_run_history_must_be_a_list():
    api = info_api([(200, [api_job()]), (200, {"Total": 0})], name="Nightly", runs=1)
    with pytest.raises(ResponseFormatError):
        jobs.job_info(api)


def test_a_search_to_dest_is_written_page_by_page_with_each_page_runs(tmp_path, monkeypatch):
    pages = [(200, {"Jobs": [api_job(job_id=guid(1), name="a"), api_job(job_id=guid(2), name="b")], "TotalCount": 3}),
             (200, [api_run()]), (200, [api_run()]),
             (200, {"Jobs": [api_job(job_id=guid(3), name="c")], "TotalCount": 3}),
             (200, [api_run()])]
    dest = tmp_path / "jobs.jsonl"
    api = info_api(pages, filter="JobType = CollectionJob", runs=1, dest=str(dest))
    writes = fakes.record_writes(monkeypatch, lambda: len(api.session.sent))
    result = jobs.job_info(api)
    # The first page and its runs are written before the second page is asked for: nothing waits for the end.
    assert writes == [(3, 2), (5, 1)]
    assert result["count"] == 3 and "jobs" not in result
    written = [json.loads(line) for line in dest.read_text().splitlines()]
    assert [job["name"] for job in written] == ["a", "b", "c"] and all(len(job["runs"]) == 1 for job in written)
