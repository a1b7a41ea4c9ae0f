"""CCS Jobs service: search, get, run history, create, update, operations and delete, over real HTTP."""
import base64

import pytest
import requests

from secops_emulator.seed import SeedError, merge_seed

API = "/ccs/api/v1"
ADMIN = ("CORP\\ccsadmin", "Adm1n&P+ss%=w0rd")
AUDITOR = ("CORP\\auditor", "Aud1t0r!")

WEB01 = "6b1f3a52-7c4d-4e8f-9a01-2b3c4d5e6f70"
DB01 = "7c2a4b63-8d5e-4f90-ab12-3c4d5e6f7081"
LEGACY01 = "8d3b5c74-9e6f-4a01-bc23-4d5e6f708192"
ARCHIVE01 = "9e4c6d85-af70-4b12-8d34-5e6f708192a3"
UNIX = "symc-csm-AssetSystem-Asset-Unix-Machine"
WINDOWS = "symc-csm-AssetSystem-Asset-Wnt-Machine"
CIS_RHEL = "1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9"
CIS_WINDOWS = "2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a7b"

NIGHTLY = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
AUDITORS_JOB = "1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e"
LEGACY_JOB = "2c3d4e5f-6a7b-4c8d-ae9f-1a2b3c4d5e6f"
NEVER_RUN = "3d4e5f6a-7b8c-4d9e-bf0a-2b3c4d5e6f7a"
ARCHIVE_JOB = "4e5f6a7b-8c9d-4eaf-8a1b-3c4d5e6f7a8b"
SYSTEM_JOB = "5f6a7b8c-9dae-4fb0-9c2d-4e5f6a7b8c9d"
UNKNOWN = "00000000-1111-4222-8333-444444444444"


class Ccs:
    """A logged-in CCS API client; ``call`` returns the raw response."""

    def __init__(self, url, user=ADMIN):
        form = {"grant_type": "password", "username": user[0],
                "password": base64.b64encode(user[1].encode("utf-8")).decode("ascii")}
        token = requests.post(url + API + "/oauth/tokens", data=form, timeout=5).json()["access_token"]
        self.url = url + API
        self.headers = {"Authorization": "Bearer " + token}

    def call(self, method, path, params=None, body=None):
        return requests.request(method, self.url + path, params=params, json=body, headers=self.headers, timeout=5)

    def ok(self, method, path, params=None, body=None, status=200):
        response = self.call(method, path, params, body)
        assert response.status_code == status, response.text
        return response.json() if response.content else None

    def create(self, name="Test job", job_type="CollectionEvaluationJob", assets=((WEB01, UNIX),), standards=(CIS_RHEL,), **details):
        body = {"JobType": job_type, "JobDetails": dict({
            "JobName": name, "AssetsResolutionInfo": [{"Id": asset, "Type": kind} for asset, kind in assets],
            "Standards": list(standards)}, **details)}
        return self.ok("POST", "/jobs", body=body)

    def runs(self, job_id, **params):
        return self.ok("GET", f"/Jobs/{job_id}/jobruns", params=params)

    def operation(self, guid, operation):
        return self.call("POST", f"/jobs/{guid}", body={"Operation": operation})


@pytest.fixture(name="ccs")
def ccs_fixture(url):
    return Ccs(url)


def error(response, status):
    assert response.status_code == status, response.text
    return response.json()["message"]


# --- authentication -------------------------------------------------------------------------

@pytest.mark.parametrize("method, path", [("GET", "/Jobs?jobname=x"), ("GET", f"/jobs/{NIGHTLY}"), ("POST", "/jobs"),
                                          ("PATCH", "/jobs"), ("DELETE", f"/Jobs?jobid={NIGHTLY}"),
                                          ("POST", f"/jobs/{NIGHTLY}"), ("GET", f"/Jobs/{NIGHTLY}/jobruns")])
def test_every_job_route_needs_a_token(url, method, path):
    assert requests.request(method, url + API + path, timeout=5).status_code == 401


# --- search by name and by id ------------------------------------------------------------------

def test_search_by_exact_name_returns_a_list_with_details(ccs):
    jobs = ccs.ok("GET", "/Jobs", {"jobname": "Nightly CIS scan - web"})
    assert [job["JobID"] for job in jobs] == [NIGHTLY]
    job = jobs[0]
    assert job["JobType"] == "CollectionEvaluationJob" and job["JobCategory"] == "Custom"
    assert job["CreatedBy"] == "CORP\\ccsadmin" and job["LastRunStatus"] == "Completed"
    assert job["JobDetails"]["AssetsResolutionInfo"] == [{"Id": WEB01, "Type": UNIX}]
    assert job["JobDetails"]["Standards"] == [CIS_RHEL]
    assert job["JobDetails"]["JobDescription"] == job["JobDescription"] == "CIS benchmark of the web tier"


@pytest.mark.parametrize("name", ["Nightly CIS scan", "nightly cis scan - web", "Nightly CIS scan - web "])
def test_search_by_name_is_exact(ccs, name):
    assert ccs.ok("GET", "/Jobs", {"jobname": name}) == []


def test_names_are_not_unique(ccs):
    assert len(ccs.ok("GET", "/Jobs", {"jobname": "Weekly scan - duplicate"})) == 2


def test_paths_and_query_keys_are_case_insensitive(ccs):
    assert ccs.ok("GET", "/JOBS", {"JobName": "Nightly CIS scan - web"})[0]["JobID"] == NIGHTLY
    assert ccs.ok("GET", f"/Jobs/{NIGHTLY}/JobRuns", {"Count": "0"})
    assert ccs.ok("GET", "/jobs/", {"ATTRIBUTES": "(JobName = Nightly*)"})["TotalCount"] == 1


def test_system_jobs_have_properties_only(ccs):
    job = ccs.ok("GET", f"/jobs/{SYSTEM_JOB}")
    assert job["JobCategory"] == "System" and "JobDetails" not in job


@pytest.mark.parametrize("form", [NIGHTLY.upper(), "{" + NIGHTLY + "}", NIGHTLY.replace("-", "")])
def test_get_by_id_accepts_the_guid_forms_of_dotnet(ccs, form):
    assert ccs.ok("GET", f"/jobs/{form}")["JobID"] == NIGHTLY


def test_get_by_id_errors(ccs):
    assert error(ccs.call("GET", "/jobs/not-a-guid"), 400) == "JobID is invalid."
    assert error(ccs.call("GET", "/jobs/{" + NIGHTLY), 400) == "JobID is invalid."
    assert UNKNOWN in error(ccs.call("GET", f"/jobs/{UNKNOWN}"), 404)


def test_search_needs_a_name_or_attributes(ccs):
    assert "Attributes is required" in error(ccs.call("GET", "/Jobs"), 400)
    assert error(ccs.call("GET", "/Jobs", {"jobname": ""}), 400) == "JobName is required."


# --- attribute search and paging ---------------------------------------------------------------

def names(page):
    return [job["JobName"] for job in page["Jobs"]]


def test_paging_is_zero_based_with_a_total(ccs):
    everything = ccs.ok("GET", "/Jobs", {"Attributes": "(JobName = *)"})
    assert everything["TotalCount"] == 8 and everything["Page"] == 0 and everything["PageSize"] == 100
    pages = [ccs.ok("GET", "/Jobs", {"Attributes": "(JobName = *)", "page": page, "pagesize": 3}) for page in range(4)]
    assert [len(page["Jobs"]) for page in pages] == [3, 3, 2, 0]
    assert sum((names(page) for page in pages), []) == names(everything)
    assert all(page["TotalCount"] == 8 for page in pages)


def test_page_size_is_capped(ccs):
    assert ccs.ok("GET", "/Jobs", {"Attributes": "(JobName = *)", "pagesize": 10000})["PageSize"] == 500


@pytest.mark.parametrize("params", [{"page": -1}, {"page": "first"}, {"pagesize": 0}])
def test_bad_paging_is_refused(ccs, params):
    error(ccs.call("GET", "/Jobs", dict(params, Attributes="(JobName = *)")), 400)


@pytest.mark.parametrize("attributes, expected", [
    ("(JobType = CollectionJob)", {"Archive collection", "Legacy collection - decommissioned", "Weekly scan - duplicate"}),
    ("(jobtype = collectionjob, JobName Contains Archive)", {"Archive collection"}),
    ("(JobType = CollectionJob & JobName != Archive collection)", {"Legacy collection - decommissioned", "Weekly scan - duplicate"}),
    ("(JobCategory = System | LastRunStatus = Failed)", {"Reporting Database Synchronization", "Legacy collection - decommissioned"}),
    ("(LastRunStatus = Running)", {"Archive collection"}),
    ("(JobName = 'Weekly scan, duplicate')", set()),
    ("(JobName NotContains scan)", {"Quarterly audit - finance", "Legacy collection - decommissioned", "Evaluation - never run",
                                    "Archive collection", "Reporting Database Synchronization"}),
    (f"(JobID = {NIGHTLY.upper()})", {"Nightly CIS scan - web"}),
    ("JobName = Quarterly*", {"Quarterly audit - finance"}),
])
def test_attribute_filters(ccs, attributes, expected):
    assert set(names(ccs.ok("GET", "/Jobs", {"Attributes": attributes}))) == expected


def test_date_filters_skip_jobs_that_never_ran(ccs, control):
    cutoff = control.now()["now"][:10]  # today, 00:00 UTC
    stale = set(names(ccs.ok("GET", "/Jobs", {"Attributes": f"(LastRunDate < {cutoff})"})))
    assert "Legacy collection - decommissioned" in stale and "Quarterly audit - finance" in stale
    assert "Evaluation - never run" not in stale and "Archive collection" not in stale
    created = set(names(ccs.ok("GET", "/Jobs", {"Attributes": f"(JobCreationTime < {cutoff})"})))
    assert "Evaluation - never run" in created


@pytest.mark.parametrize("attributes, cause", [
    ("(Owner = me)", "'Owner' is not a job attribute"),
    ("(JobName contains web)", "cannot read the condition"),  # operators are case-sensitive
    ("(JobName)", "cannot read the condition"),
    ("(LastRunDate < yesterday)", "is not a date"),
    ("(JobID > 5)", "cannot be compared"),
    ("()", "Attributes is empty"),
])
def test_bad_attribute_filters_name_the_cause(ccs, attributes, cause):
    assert cause in error(ccs.call("GET", "/Jobs", {"Attributes": attributes}), 400)


# --- run history and progress ------------------------------------------------------------------

def test_run_history_count_defaults_to_one_and_zero_means_all(ccs):
    assert len(ccs.runs(NIGHTLY)) == 1
    assert len(ccs.runs(NIGHTLY, count=2)) == 2
    history = ccs.runs(NIGHTLY, count=0)
    assert [run["Status"] for run in history] == ["Completed", "Completed", "Failed"]  # newest first
    assert "Messages" not in history[0]
    assert ccs.runs(NEVER_RUN, count=0) == []


def test_messages_on_request(ccs):
    failed = ccs.runs(LEGACY_JOB, count=1, showmessages="true")[0]
    assert failed["Status"] == "Failed"
    assert failed["Messages"][0]["Message"] == "Data collection failed for asset 'legacy01.corp.example': the host did not respond."
    assert set(failed["Messages"][0]) == {"Message", "Count", "DateTime"}


def test_run_history_errors(ccs):
    assert error(ccs.call("GET", f"/Jobs/{NIGHTLY}/jobruns", {"count": -1}), 400) == "count must be 0 or more, got -1."
    error(ccs.call("GET", f"/Jobs/{NIGHTLY}/jobruns", {"showmessages": "yes"}), 400)
    assert error(ccs.call("GET", "/Jobs/nope/jobruns"), 400) == "JobID is invalid."
    error(ccs.call("GET", f"/Jobs/{UNKNOWN}/jobruns"), 404)


def test_runs_progress_with_the_clock(ccs, control):
    job = ccs.create("CER web01")  # 3 s of collection + 2 s of evaluation
    run = ccs.operation(job["JobID"], "execute").json()
    assert run["Status"] == "Running" and run["EndTime"] is None and run["JobID"] == job["JobID"]
    assert ccs.ok("GET", f"/jobs/{job['JobID']}")["LastRunStatus"] == "Running"
    control.advance(6)
    latest = ccs.runs(job["JobID"])[0]
    assert latest["JobRunID"] == run["JobRunID"] and latest["Status"] == "Completed" and latest["EndTime"]
    view = ccs.ok("GET", f"/jobs/{job['JobID']}")
    assert view["LastRunStatus"] == "Completed" and view["LastRunDate"] == run["StartTime"]


def test_runs_collecting_from_an_unreachable_asset_fail(ccs, control):
    job = ccs.create("Collect legacy01", "CollectionJob", assets=[(LEGACY01, UNIX), (WEB01, UNIX)], standards=())
    ccs.operation(job["JobID"], "execute")
    control.advance(4)
    run = ccs.runs(job["JobID"], showmessages="True")[0]
    assert run["Status"] == "Failed" and "legacy01.corp.example" in run["Messages"][0]["Message"]


def test_evaluation_jobs_do_not_collect(ccs, control):
    job = ccs.create("Evaluate legacy01", "EvaluationJob", assets=[(LEGACY01, UNIX)])
    ccs.operation(job["JobID"], "execute")
    control.advance(2)
    assert ccs.runs(job["JobID"])[0]["Status"] == "Completed"


# --- create -------------------------------------------------------------------------------------

@pytest.mark.parametrize("job_type", ["CollectionEvaluationJob", "CollectionJob", "EvaluationJob", "collectionjob"])
def test_create_each_job_type(ccs, job_type):
    job = ccs.create("Created " + job_type, job_type)
    assert job["JobType"].lower() == job_type.lower() and job["CreatedBy"] == "CORP\\ccsadmin"
    assert job["LastRunStatus"] is None and job["JobCategory"] == "Custom"
    assert ccs.ok("GET", f"/jobs/{job['JobID']}") == job


def test_create_stores_every_detail(ccs):
    notification = {"FromEmailAddress": "ccs@corp.example", "ToEmailAddress": "secops@corp.example", "Subject": "done", "Body": "see CCS"}
    job = ccs.create("Full job", JobDescription="all details", Schedule={"RunNow": False, "RunPeriodically": "true",
                                                                         "StartDate": "2026-12-01T02:00:00-08:00"},
                     ShouldSendSuccessNotification="true", ShouldSendFailureNotification=False,
                     SuccessNotification=notification, IsIncremental=True, CollectionOnlyTimeOutHours=2)
    details = job["JobDetails"]
    assert details["JobDescription"] == "all details" and details["Schedule"]["RunPeriodically"] is True
    assert details["ShouldSendSuccessNotification"] is True and details["ShouldSendFailureNotification"] is False
    assert details["SuccessNotification"] == notification and details["CollectionOnlyTimeOutHours"] == 2
    assert job["LastRunStatus"] is None  # no RunNow: created, not run


def test_member_names_bind_case_insensitively(ccs):
    body = {"jobtype": "CollectionJob", "jobdetails": {"jobname": "lower", "assetsresolutioninfo": [{"id": WEB01, "type": UNIX}]}}
    assert ccs.ok("POST", "/jobs", body=body)["JobDetails"]["AssetsResolutionInfo"] == [{"Id": WEB01, "Type": UNIX}]


def test_run_now_creates_and_runs(ccs):
    job = ccs.create("Run now", Schedule={"RunNow": True})
    assert job["LastRunStatus"] == "Running"


@pytest.mark.parametrize("job_type, details, cause", [
    ("ScanJob", {}, "JobType 'ScanJob' is not supported. Supported job types: CollectionEvaluationJob, CollectionJob, EvaluationJob."),
    ("CollectionJob", {"JobName": ""}, "JobName is required."),
    ("CollectionJob", {"AssetsResolutionInfo": []}, "AssetsResolutionInfo is required"),
    ("CollectionJob", {"AssetsResolutionInfo": [{"Id": "web01", "Type": UNIX}]}, "Id 'web01' is not a valid GUID"),
    ("CollectionJob", {"AssetsResolutionInfo": [{"Id": UNKNOWN, "Type": UNIX}]}, f"the asset '{UNKNOWN}' does not exist"),
    ("CollectionJob", {"AssetsResolutionInfo": [{"Id": DB01, "Type": UNIX}]}, f"is of type {WINDOWS}"),
    ("EvaluationJob", {"Standards": [UNKNOWN]}, f"the standard '{UNKNOWN}' does not exist"),
    ("EvaluationJob", {"Standards": "CIS"}, "Standards must be a list"),
    ("CollectionJob", {"Schedule": {"RunNow": "soon"}}, "Schedule.RunNow must be true or false."),
    ("CollectionJob", {"Schedule": {"StartDate": "tomorrow"}}, "Schedule.StartDate 'tomorrow' is not a date."),
    ("CollectionJob", {"ShouldSendSuccessNotification": "yes"}, "ShouldSendSuccessNotification must be true or false."),
    ("CollectionJob", {"IncrementalPeriod": -1}, "IncrementalPeriod must be a whole number >= 0."),
    ("CollectionJob", {"FailureNotification": {"Subject": 5}}, "FailureNotification members must be strings."),
])
def test_create_refuses_bad_input_with_the_cause(ccs, job_type, details, cause):
    body = {"JobType": job_type, "JobDetails": dict({"JobName": "bad", "AssetsResolutionInfo": [{"Id": WEB01, "Type": UNIX}]}, **details)}
    assert cause in error(ccs.call("POST", "/jobs", body=body), 400)
    assert ccs.ok("GET", "/Jobs", {"jobname": "bad"}) == []


def test_create_needs_a_json_object(ccs):
    assert "JSON object" in error(ccs.call("POST", "/jobs", body=["x"]), 400)
    assert "JobDetails must be an object" in error(ccs.call("POST", "/jobs", body={"JobType": "CollectionJob"}), 400)


# --- update -------------------------------------------------------------------------------------

def test_patch_changes_only_the_given_keys(ccs, control):
    before = ccs.ok("GET", f"/jobs/{NIGHTLY}")
    control.advance(5)
    after = ccs.ok("PATCH", "/Jobs/", body={"JobID": NIGHTLY.upper(), "JobDetails": {"JobDescription": "changed", "Standards": [CIS_RHEL, CIS_WINDOWS]}})
    assert after["JobDetails"]["JobDescription"] == "changed" and after["JobDetails"]["Standards"] == [CIS_RHEL, CIS_WINDOWS]
    assert after["JobDetails"]["AssetsResolutionInfo"] == before["JobDetails"]["AssetsResolutionInfo"]
    assert after["JobModifiedTime"] > before["JobModifiedTime"] and after["JobCreationTime"] == before["JobCreationTime"]
    assert ccs.ok("GET", f"/jobs/{NIGHTLY}") == after


def test_anyone_may_update_a_job(url):
    auditor = Ccs(url, AUDITOR)
    assert auditor.ok("PATCH", "/jobs", body={"JobID": NIGHTLY, "JobDetails": {"JobDescription": "x"}})["CreatedBy"] == "CORP\\ccsadmin"


@pytest.mark.parametrize("body, status, cause", [
    ({"JobID": "bad", "JobDetails": {}}, 400, "JobID is invalid."),
    ({"JobDetails": {}}, 400, "JobID is invalid."),
    ({"JobID": UNKNOWN, "JobDetails": {}}, 404, "does not exist"),
    ({"JobID": SYSTEM_JOB, "JobDetails": {"JobDescription": "x"}}, 403, "A system job cannot be modified."),
    ({"JobID": NIGHTLY, "JobType": "CollectionJob", "JobDetails": {}}, 400, "JobType of an existing job cannot be changed"),
    ({"JobID": NIGHTLY}, 400, "JobDetails is required."),
    ({"JobID": NIGHTLY, "JobDetails": {"AssetsResolutionInfo": []}}, 400, "AssetsResolutionInfo is required"),
])
def test_patch_errors(ccs, body, status, cause):
    assert cause in error(ccs.call("PATCH", "/jobs", body=body), status)


# --- operations ---------------------------------------------------------------------------------

def test_execute_then_abort_with_the_run_id(ccs):
    run = ccs.operation(NIGHTLY, "Execute").json()
    assert error(ccs.operation(NIGHTLY, "execute"), 409) == "The job 'Nightly CIS scan - web' is already running."
    aborted = ccs.operation(run["JobRunID"], "ABORT")
    assert aborted.status_code == 200
    assert aborted.json()["Status"] == "Aborted" and aborted.json()["EndTime"]
    assert aborted.json()["Messages"][0]["Message"] == "The job run was aborted by CORP\\ccsadmin."
    assert ccs.runs(NIGHTLY)[0]["Status"] == "Aborted"
    assert "is not running; its status is Aborted" in error(ccs.operation(run["JobRunID"], "abort"), 409)


def test_seeded_running_job_can_be_aborted(ccs):
    running = ccs.runs(ARCHIVE_JOB)[0]
    assert running["Status"] == "Running"
    assert ccs.operation(running["JobRunID"], "abort").json()["Status"] == "Aborted"


@pytest.mark.parametrize("guid, operation, status, cause", [
    (NIGHTLY, "stop", 400, "Operation 'stop' is not supported. Supported operations: execute, abort."),
    (NIGHTLY, "", 400, "is not supported"),
    (ARCHIVE_JOB, "abort", 404, "job run"),  # abort takes a run ID, not a job ID
    (UNKNOWN, "execute", 404, "does not exist"),
    ("bad", "execute", 400, "JobID is invalid."),
    ("bad", "abort", 400, "JobRunID is invalid."),
])
def test_operation_errors(ccs, guid, operation, status, cause):
    assert cause in error(ccs.operation(guid, operation), status)


# --- delete -------------------------------------------------------------------------------------

def test_delete_defaults_to_permanent(ccs):
    response = ccs.call("DELETE", "/Jobs", {"jobid": NIGHTLY})
    assert response.status_code == 204 and response.content == b""
    error(ccs.call("GET", f"/jobs/{NIGHTLY}"), 404)
    error(ccs.call("GET", f"/Jobs/{NIGHTLY}/jobruns"), 404)


def test_delete_true_explicitly_and_query_keys_in_any_case(ccs):
    assert ccs.call("DELETE", "/jobs", {"JobID": LEGACY_JOB.upper(), "deletejob": "TRUE"}).status_code == 204
    assert ccs.ok("GET", "/Jobs", {"jobname": "Legacy collection - decommissioned"}) == []


def test_delete_false_keeps_the_job_and_removes_its_history(ccs):
    assert ccs.call("DELETE", "/Jobs", {"jobid": NIGHTLY, "DeleteJob": "False"}).status_code == 204
    job = ccs.ok("GET", f"/jobs/{NIGHTLY}")
    assert job["LastRunStatus"] is None and job["LastRunDate"] is None
    assert ccs.runs(NIGHTLY, count=0) == []
    assert ccs.operation(NIGHTLY, "execute").status_code == 200  # still available for future runs


def test_delete_false_keeps_a_running_run(ccs):
    assert ccs.call("DELETE", "/Jobs", {"jobid": ARCHIVE_JOB, "DeleteJob": "False"}).status_code == 204
    assert [run["Status"] for run in ccs.runs(ARCHIVE_JOB, count=0)] == ["Running"]


def test_only_the_creator_may_delete(ccs, url):
    for delete_job in ("True", "False"):
        cause = error(ccs.call("DELETE", "/Jobs", {"jobid": AUDITORS_JOB, "DeleteJob": delete_job}), 403)
        assert cause == ("Only the CCS user who created a job can delete it; "
                         "the job 'Quarterly audit - finance' was created by CORP\\auditor.")
    assert Ccs(url, AUDITOR).call("DELETE", "/Jobs", {"jobid": AUDITORS_JOB}).status_code == 204


def test_system_jobs_cannot_be_deleted(ccs):
    assert error(ccs.call("DELETE", "/Jobs", {"jobid": SYSTEM_JOB}), 403) == "A system job cannot be deleted."
    assert error(ccs.call("DELETE", "/Jobs", {"jobid": SYSTEM_JOB, "DeleteJob": "False"}), 403) == "A system job cannot be deleted."


@pytest.mark.parametrize("params, status, cause", [
    ({"jobid": "754F7C7E-884A-4420-AF72"}, 400, "JobID is invalid."),
    ({}, 400, "JobID is invalid."),
    ({"jobid": UNKNOWN}, 404, "does not exist"),
    ({"jobid": NIGHTLY, "DeleteJob": "maybe"}, 400, "DeleteJob must be true or false."),
])
def test_delete_errors(ccs, params, status, cause):
    assert cause in error(ccs.call("DELETE", "/Jobs", params), status)


def test_reset_brings_deleted_jobs_back(ccs, control):
    ccs.call("DELETE", "/Jobs", {"jobid": NIGHTLY})
    control.reset()
    assert Ccs(ccs.url[:-len(API)]).ok("GET", f"/jobs/{NIGHTLY}")["JobName"] == "Nightly CIS scan - web"


# --- seed -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("ccs_seed, cause", [
    ({"assets": [{"id": "web01", "name": "x", "type": UNIX}]}, "assets[0].id is not a GUID"),
    ({"standards": [{"id": CIS_RHEL}]}, "standards[0] lacks name"),
    ({"jobs": [{"id": UNKNOWN, "name": "x", "type": "CollectionJob", "created_by": "u", "created_days_ago": 1,
                "assets": [UNKNOWN]}]}, "names an asset that is not in ccs.assets"),
    ({"jobs": [{"id": UNKNOWN, "name": "x", "type": "Nope", "created_by": "u", "created_days_ago": 1}]}, "jobs[0].type"),
    ({"jobs": [{"id": UNKNOWN, "name": "x", "type": "CollectionJob", "created_by": "u", "created_days_ago": 1,
                "runs": [{"status": "Done", "started_days_ago": 1}]}]}, "jobs[0].runs[0].status must be one of"),
    ({"evaluation_seconds": -1}, "evaluation_seconds"),
])
def test_bad_jobs_seeds_are_refused(ccs_seed, cause):
    with pytest.raises(SeedError, match=cause.replace("[", r"\[").replace("]", r"\]")):
        merge_seed({"ccs": ccs_seed})


def test_a_seed_can_replace_the_jobs(ccs, reseed):
    reseed({"ccs": {"jobs": []}})
    fresh = Ccs(ccs.url[:-len(API)])
    assert fresh.ok("GET", "/Jobs", {"Attributes": "(JobName = *)"})["TotalCount"] == 0
