# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pure logic of CCS jobs: views of API records, the desired state, comparisons, PATCH bodies, dates."""

import calendar
import copy

import pytest

from ansible_collections.secops.executions.plugins.module_utils.ccs import model
from ansible_collections.secops.executions.plugins.module_utils.errors import OptionError

JOB_ID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
WEB01 = "6b1f3a52-7c4d-4e8f-9a01-2b3c4d5e6f70"
DB01 = "7c2a4b63-8d5e-4f90-ab12-3c4d5e6f7081"
UNIX = "symc-csm-AssetSystem-Asset-Unix-Machine"
CIS = "1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9"
API_JOB = {
    "JobID": JOB_ID.upper(), "JobName": "Nightly", "JobType": "CollectionEvaluationJob", "JobCategory": "Custom",
    "CreatedBy": "CORP\\ccsadmin", "JobCreationTime": "2026-10-01T00:00:00Z", "LastRunStatus": "Completed",
    "LastRunDate": "2026-11-20T02:00:00.1234567-08:00",
    "JobDetails": {
        "JobDescription": "CIS", "AssetsResolutionInfo": [{"Id": WEB01.upper(), "Type": UNIX}], "Standards": [CIS.upper()],
        "Schedule": {"RunPeriodically": True, "StartDate": "2026-12-01T02:00:00.0000000Z", "RepeatDays": 1},
        "ShouldSendFailureNotification": "true",
        "FailureNotification": {"FromEmailAddress": "ccs@x", "ToEmailAddress": "ops@x", "Subject": "failed", "Body": ""},
    },
}


def view(**details):
    job = copy.deepcopy(API_JOB)
    job["JobDetails"].update(details)
    return model.job_view(job)


def params(**values):
    base = {"name": "Nightly", "id": None, "description": None, "assets": None, "standards": None, "schedule": None, "notifications": None}
    base.update(values)
    return base


# --- views ------------------------------------------------------------------------------------------

def test_job_view_uses_option_names_and_lower_case_ids():
    job = model.job_view(API_JOB)
    assert job["id"] == JOB_ID and job["name"] == "Nightly" and job["type"] == "CollectionEvaluationJob"
    assert job["assets"] == [{"id": WEB01, "type": UNIX}] and job["standards"] == [CIS]
    assert job["description"] == "CIS" and job["created_by"] == "CORP\\ccsadmin"
    assert job["last_run_status"] == "Completed" and job["last_run_succeeded"] is True and job["schedule"]["RepeatDays"] == 1
    assert job["notifications"]["on_failure"] == {"enabled": True, "from_address": "ccs@x", "to_address": "ops@x",
                                                  "subject": "failed", "body": ""}
    assert job["notifications"]["on_success"]["enabled"] is False


def test_member_names_are_read_without_case():
    job = model.job_view({"jobid": JOB_ID, "jobname": "x", "jobdetails": {"assetsresolutioninfo": [{"id": WEB01, "type": UNIX}]}})
    assert job["id"] == JOB_ID and job["name"] == "x" and job["assets"] == [{"id": WEB01, "type": UNIX}]


def test_a_job_without_details_has_no_configuration():
    job = model.job_view({"JobID": JOB_ID, "JobName": "Sync", "JobCategory": "System"})
    assert job["assets"] is None and job["standards"] is None and job["notifications"] is None
    assert job["last_run_status"] is None and job["last_run_succeeded"] is None


def test_last_run_succeeded_follows_the_run_statuses():
    assert model.job_view(dict(API_JOB, LastRunStatus="Failed"))["last_run_succeeded"] is False
    assert model.job_view(dict(API_JOB, LastRunStatus="Running"))["last_run_succeeded"] is False


@pytest.mark.parametrize("status, active, succeeded", [
    ("Running", True, False), ("In Progress", True, False), ("QUEUED", True, False), ("Aborting", True, False),
    ("Completed", False, True), ("Succeeded", False, True), ("completed_successfully", False, True),
    ("Failed", False, False), ("Aborted", False, False), ("CompletedWithErrors", False, False), (None, False, False),
])
def test_run_statuses(status, active, succeeded):
    run = model.run_view({"JobRunID": "R", "Status": status})
    assert (run["active"], run["succeeded"]) == (active, succeeded)


def test_run_view_with_messages():
    run = model.run_view({"JobRunID": "ABC", "JobID": JOB_ID, "Status": "Failed", "StartTime": "s", "EndTime": "e",
                          "Messages": [{"Message": "host down", "Count": 2, "DateTime": "t"}, "plain text"]})
    assert run["id"] == "abc" and run["ended_at"] == "e"
    assert run["messages"] == [{"message": "host down", "count": 2, "time": "t"}, {"message": "plain text", "count": None, "time": None}]
    assert "messages" not in model.run_view({"JobRunID": "x", "Status": "Running"})


# --- input checks -------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["not-a-guid", JOB_ID[:-1], "{" + JOB_ID, "{}", JOB_ID.replace("-", ""), "", None])
def test_malformed_guids_are_refused_with_the_option_name(value):
    with pytest.raises(OptionError) as info:
        model.check_guid("id", value)
    assert info.value.msg.startswith("id: ") and "is not a GUID" in info.value.msg


def test_guids_are_lower_cased():
    assert model.check_guid("id", " " + JOB_ID.upper()) == JOB_ID


def test_braced_guids_are_accepted_as_the_cylance_modules_accept_them():
    assert model.check_guid("id", "{" + JOB_ID.upper() + "}") == JOB_ID


@pytest.mark.parametrize("values, option", [
    ({"name": "  "}, "name"),
    ({"id": "123"}, "id"),
    ({"assets": [{"id": WEB01, "type": UNIX}, {"id": "web01", "type": UNIX}]}, "assets[1].id"),
    ({"assets": [{"id": WEB01, "type": " "}]}, "assets[0].type"),
    ({"assets": []}, "assets"),
    ({"standards": [CIS, "CIS RHEL 8"]}, "standards[1]"),
])
def test_job_request_names_the_bad_option(values, option):
    with pytest.raises(OptionError) as info:
        model.JobRequest(params(**values))
    assert info.value.option == option


def test_job_request_normalises_guids_and_leaves_the_params_as_given():
    values = params(id=JOB_ID.upper(), assets=[{"id": WEB01.upper(), "type": UNIX}], standards=[CIS.upper()])
    given = copy.deepcopy(values)
    request = model.JobRequest(values)
    assert request.id == JOB_ID and request.desired["assets"][0]["id"] == WEB01 and request.desired["standards"] == [CIS]
    assert values == given


@pytest.mark.parametrize("values, option", [
    ({"state": "absent", "run": True}, "run"),
    ({"state": "cancelled", "purge_history": True}, "purge_history"),
    ({"run": True, "wait": True, "wait_timeout": 0, "poll_interval": 5}, "wait_timeout"),
])
def test_job_request_refuses_options_that_do_not_apply(values, option):
    with pytest.raises(OptionError) as info:
        model.JobRequest(params(**values))
    assert info.value.option == option


def test_job_request_labels_the_job_by_what_is_known():
    assert model.JobRequest(params(name="Nightly")).label() == "the job 'Nightly'"
    assert model.JobRequest(params(name=None, id=JOB_ID)).label() == "the job with ID " + JOB_ID
    assert model.JobRequest(params(name=None, id=JOB_ID)).label({"name": "Found"}) == "the job 'Found'"


@pytest.mark.parametrize("values, option", [
    ({"filter": " () "}, "filter"),
    ({"runs": -1}, "runs"),
    ({"page_size": 0}, "page_size"),
    ({"id": "nope"}, "id"),
])
def test_job_query_names_the_bad_option(values, option):
    with pytest.raises(OptionError) as info:
        model.JobQuery(values)
    assert info.value.option == option


def test_job_query_wraps_a_bare_filter():
    assert model.JobQuery({"filter": "JobType = CollectionJob"}).filter == "(JobType = CollectionJob)"
    assert model.JobQuery({"filter": "(A = 1) AND (B = 2)"}).filter == "(A = 1) AND (B = 2)"


# --- comparisons -----------------------------------------------------------------------------------

def desired(**values):
    return model.desired_job(params(**values))


def differing(job, wanted):
    return [key for key in model.JOB_OPTIONS if wanted[key] is not None and not model.options_equal(key, job.get(key), wanted[key])]


def test_nothing_set_means_nothing_differs():
    assert differing(view(), desired()) == []


def test_the_same_settings_in_other_forms_do_not_differ():
    wanted = desired(
        description="CIS",
        assets=[{"id": WEB01, "type": UNIX.lower()}],
        standards=[CIS],
        schedule={"RunPeriodically": "true", "StartDate": "2026-12-01T03:00:00+01:00", "RepeatDays": "1"},
        notifications={"on_failure": {"enabled": True, "to_address": "ops@x", "from_address": None}, "on_success": None},
    )
    assert differing(view(), wanted) == []


def test_order_of_assets_and_standards_does_not_matter():
    job = view(AssetsResolutionInfo=[{"Id": WEB01, "Type": UNIX}, {"Id": DB01, "Type": UNIX}], Standards=[CIS, DB01])
    wanted = desired(assets=[{"id": DB01, "type": UNIX}, {"id": WEB01, "type": UNIX}], standards=[DB01, CIS])
    assert differing(job, wanted) == []


@pytest.mark.parametrize("values, keys", [
    ({"description": "other"}, ["description"]),
    ({"assets": [{"id": DB01, "type": UNIX}]}, ["assets"]),
    ({"assets": [{"id": WEB01, "type": UNIX}, {"id": DB01, "type": UNIX}]}, ["assets"]),
    ({"standards": []}, ["standards"]),
    ({"schedule": {"RepeatDays": 2}}, ["schedule"]),
    ({"schedule": {"RunNow": True}}, ["schedule"]),
    ({"notifications": {"on_success": {"enabled": True}}}, ["notifications"]),
    ({"notifications": {"on_failure": {"enabled": False}}}, ["notifications"]),
    ({"notifications": {"on_failure": {"enabled": True, "subject": "other"}}}, ["notifications"]),
])
def test_differences_are_found_per_option(values, keys):
    assert differing(view(), desired(**values)) == keys


def test_an_empty_description_equals_none():
    job = view(JobDescription=None)
    job["description"] = None
    assert differing(job, desired(description="")) == []


def test_project_keeps_only_the_sub_keys_the_task_set():
    wanted = desired(schedule={"RepeatDays": 2}, notifications={"on_failure": {"enabled": True, "subject": "x"}})
    assert model.project(view(), wanted, ["schedule", "notifications"]) == {
        "schedule": {"RepeatDays": 1}, "notifications": {"on_failure": {"enabled": True, "subject": "failed"}}}


# --- bodies ------------------------------------------------------------------------------------------

def test_create_details_carry_every_set_option_in_api_terms():
    wanted = desired(description="d", assets=[{"id": WEB01, "type": UNIX}], standards=[CIS], schedule={"RunOnce": True},
                     notifications={"on_success": {"enabled": True, "to_address": "ops@x"}})
    details = model.job_details(wanted, model.JOB_OPTIONS)
    assert details == {
        "JobDescription": "d", "AssetsResolutionInfo": [{"Id": WEB01, "Type": UNIX}], "Standards": [CIS], "Schedule": {"RunOnce": True},
        "ShouldSendSuccessNotification": "true",
        "SuccessNotification": {"FromEmailAddress": "", "ToEmailAddress": "ops@x", "Subject": "", "Body": ""},
    }


def test_patch_details_hold_only_the_changed_keys_with_nested_objects_merged():
    wanted = desired(description="d", schedule={"RepeatDays": 2}, notifications={"on_failure": {"enabled": True, "subject": "new"}})
    details = model.job_details(wanted, ["schedule", "notifications"], view=view())
    assert details == {
        "Schedule": {"RunPeriodically": True, "StartDate": "2026-12-01T02:00:00.0000000Z", "RepeatDays": 2},
        "ShouldSendFailureNotification": "true",
        "FailureNotification": {"FromEmailAddress": "ccs@x", "ToEmailAddress": "ops@x", "Subject": "new", "Body": ""},
    }


def test_disabling_a_notification_sends_only_the_flag():
    wanted = desired(notifications={"on_failure": {"enabled": False}})
    assert model.job_details(wanted, ["notifications"], view=view()) == {"ShouldSendFailureNotification": "false"}


# --- dates -------------------------------------------------------------------------------------------

EPOCH_2026_11_20 = calendar.timegm((2026, 11, 20, 0, 0, 0))


@pytest.mark.parametrize("text, seconds", [
    ("2026-11-20", EPOCH_2026_11_20),
    ("2026-11-20T00:00:00Z", EPOCH_2026_11_20),
    ("2026-11-20T00:00:00.5Z", EPOCH_2026_11_20 + 0.5),
    ("2026-11-20T02:00:00.0000000+02:00", EPOCH_2026_11_20),
    ("2026-11-19T16:00:00-0800", EPOCH_2026_11_20),
    ("2026-11-20 00:00", EPOCH_2026_11_20),
    ("/Date(1795132800000)/", 1795132800),
])
def test_parse_time_reads_iso_and_dotnet_dates(text, seconds):
    assert model.parse_time(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", [None, "", "yesterday", "2026-13-01", 5])
def test_parse_time_gives_none_for_anything_else(text):
    assert model.parse_time(text) is None


def test_idle_since_is_the_last_run_or_else_the_creation():
    assert model.idle_since({"last_run_at": "2026-11-20", "created_at": "2026-01-01"}) == EPOCH_2026_11_20
    assert model.idle_since({"last_run_at": None, "created_at": "2026-11-20"}) == EPOCH_2026_11_20
    assert model.idle_since({"last_run_at": None, "created_at": None}) is None


def test_apply_options_merges_nested_settings_like_the_patch():
    wanted = desired(description="d", schedule={"RepeatDays": 2}, notifications={"on_failure": {"subject": "new"}})
    job = model.apply_options(view(), wanted, ["description", "schedule", "notifications"])
    assert job["description"] == "d" and job["schedule"]["RepeatDays"] == 2 and job["schedule"]["RunPeriodically"] is True
    assert job["notifications"]["on_failure"] == {"enabled": True, "from_address": "ccs@x", "to_address": "ops@x", "subject": "new", "body": ""}
    assert job["notifications"]["on_success"]["enabled"] is False


def test_with_last_run():
    run = model.run_view({"JobRunID": "r", "Status": "Failed", "StartTime": "2026-11-23T00:00:00Z"})
    job = model.with_last_run(view(), run)
    assert (job["last_run_status"], job["last_run_succeeded"], job["last_run_at"]) == ("Failed", False, "2026-11-23T00:00:00Z")
    assert model.with_last_run(view(), None)["last_run_status"] is None
