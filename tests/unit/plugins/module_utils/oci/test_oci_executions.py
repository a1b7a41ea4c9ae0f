# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

import datetime

from urllib.parse import urlencode

import pytest

from ansible_collections.secops.executions.plugins.module_utils.errors import ApiError, OptionError, SecopsError
from ansible_collections.secops.executions.plugins.module_utils.oci import executions

from ansible_collections.secops.executions.tests.unit.plugins.module_utils import fakes
from ansible_collections.secops.executions.tests.unit.plugins.module_utils.fakes import FakeRaw

UTC = datetime.timezone.utc
NOW = datetime.datetime(2026, 11, 23, 12, 0, 0, tzinfo=UTC)
OCI_DEFAULTS = dict(support_identifier="22334455", service_type="EBSO", instance_id="DCMATI", execution_id=None,
                    config_type=None, activity_name=None, activity_type=None, summary=None, parameters=None,
                    duration=None, bounce=None, primary_contact=None, customer_note=None, scheduled_time=None,
                    downstream_scheduled_time=None)
BASE = "https://mcs.example.com/selfservice/v1/customers/22334455/EBSO/products/config/instances"


# ---- time ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("2026-11-23T18:30:00Z", datetime.datetime(2026, 11, 23, 18, 30, tzinfo=UTC)),
    ("2026-11-23T19:30:00+01:00", datetime.datetime(2026, 11, 23, 18, 30, tzinfo=UTC)),
    ("2026-11-23T19:30:00+0100", datetime.datetime(2026, 11, 23, 18, 30, tzinfo=UTC)),
    ("2026-11-23T8:53:51-07:00", datetime.datetime(2026, 11, 23, 15, 53, 51, tzinfo=UTC)),  # the docs' one-digit hour
    ("2026-11-23T18:30Z", datetime.datetime(2026, 11, 23, 18, 30, tzinfo=UTC)),
    ("2026-11-23 18:30:00.250Z", datetime.datetime(2026, 11, 23, 18, 30, 0, 250000, tzinfo=UTC)),
])
def test_user_times_with_a_zone_become_utc(text, expected):
    assert executions.user_time("scheduled_time", text) == expected


@pytest.mark.parametrize("text", ["2026-11-23T18:30:00", "2026-11-23 18:30"])
def test_naive_user_times_are_refused_naming_the_option(text):
    with pytest.raises(OptionError) as error:
        executions.user_time("downstream_scheduled_time", text)
    assert error.value.option == "downstream_scheduled_time" and "no time zone" in error.value.msg


@pytest.mark.parametrize("text", ["tomorrow", "2026-13-01T00:00:00Z", "2026-11-23", "23/11/2026 18:30Z", ""])
def test_unreadable_user_times_are_refused(text):
    with pytest.raises(OptionError) as error:
        executions.user_time("scheduled_time", text)
    assert "ISO 8601" in error.value.msg


def test_platform_times_without_zone_are_utc():
    assert executions.api_time("2026-11-23T18:30:00") == datetime.datetime(2026, 11, 23, 18, 30, tzinfo=UTC)
    assert executions.api_time(None) is None and executions.api_time("soon") is None


@pytest.mark.parametrize("minutes,ok", [(16, True), (15.9, False), (600, True), (-5, False)])
def test_sixteen_minutes_of_notice(minutes, ok):
    moment = NOW + datetime.timedelta(minutes=minutes)
    if ok:
        executions.check_lead_time("scheduled_time", moment, NOW)
    else:
        with pytest.raises(OptionError) as error:
            executions.check_lead_time("scheduled_time", moment, NOW)
        assert "at least 16 minutes" in error.value.msg
        assert ("in the past" if minutes < 0 else "only 16 minutes from now") in error.value.msg


def test_requested_schedule_checks_both_times():
    params = {"scheduled_time": "2026-11-23T14:00:00+01:00", "downstream_scheduled_time": "2026-11-23T12:10:00Z"}
    with pytest.raises(OptionError) as error:
        executions.requested_schedule(params, NOW)
    assert error.value.option == "downstream_scheduled_time"
    assert executions.requested_schedule({"scheduled_time": None}, NOW) == (None, None)


# ---- shapes -------------------------------------------------------------------------------------

LIST_ITEM = {"id": "3-7JZXAMZ", "target": "DCMATI", "summary": "FRD", "scheduledStart": "2026-11-23T8:00:00-07:00",
             "scheduledEnd": "2026-11-23T17:00:00Z", "scheduledBy": "approver", "referenceExecutionId": None,
             "config": {"type": "Trace & Debug", "activity": {"name": "FRD Enable/Disable", "type": "Enable"}},
             "ticketingDetails": {"rfcNumber": "3-7JZXAMZ", "primaryContact": "dba@example.com", "status": "Open",
                                  "subStatus": "Ready For Execution", "customerStatus": "Acknowledged"}}
CANCEL_ANSWER = {"id": "3-7JZXAMZ", "rfcNumber": "3-7JZXAMZ", "status": "Open", "subStatus": "Ready For Scheduling/Approval",
                 "custStatus": "Review Update", "config": {"type": "Trace & Debug", "activity": {"name": "FRD Enable/Disable", "type": "Enable"}},
                 "downStreamExecutions": [{"id": "3-7JZXAMB", "rfcNumber": "3-7JZXAMB", "status": "Open",
                                           "subStatus": "Ready For Scheduling/Approval", "custStatus": "Review Update",
                                           "config": {"type": "Trace & Debug", "activity": {"name": "FRD Enable/Disable", "type": "Disable"}}}]}


def test_list_items_normalize_with_customer_status_and_utc_times():
    execution = executions.normalize(LIST_ITEM, "22334455", "EBSO")
    assert execution["customer_status"] == "Acknowledged" and execution["scheduled"] is True
    assert execution["scheduled_start"] == "2026-11-23T15:00:00Z" and execution["scheduled_end"] == "2026-11-23T17:00:00Z"
    assert execution["instance_id"] == "DCMATI" and execution["primary_contact"] == "dba@example.com"
    assert execution["parameters"] is None and execution["downstream_executions"] == []


def test_action_answers_normalize_with_cust_status_and_downstream_steps():
    execution = executions.normalize(CANCEL_ANSWER, "22334455", "EBSO", "DCMATI")
    assert execution["customer_status"] == "Review Update" and execution["scheduled"] is False
    assert execution["instance_id"] == "DCMATI"
    [child] = execution["downstream_executions"]
    assert child["id"] == "3-7JZXAMB" and child["activity_type"] == "Disable" and child["instance_id"] == "DCMATI"
    assert not executions.is_scheduled(execution)


def test_a_scheduled_downstream_step_counts_as_scheduled():
    answer = dict(CANCEL_ANSWER, downStreamExecutions=[dict(CANCEL_ANSWER["downStreamExecutions"][0], subStatus="Ready For Execution")])
    execution = executions.normalize(answer)
    assert not execution["scheduled"] and executions.is_scheduled(execution)


def test_without_sub_status_a_start_means_scheduled():
    assert executions.normalize({"id": "x", "scheduledStart": "2026-11-23T15:00:00Z"})["scheduled"] is True
    assert executions.normalize({"id": "x"})["scheduled"] is False


@pytest.mark.parametrize("window,inside", [
    (("2026-11-23T16:00:00Z", "2026-11-23T16:30:00Z"), True),
    (("2026-11-23T17:00:00Z", None), True),  # touches the end
    (("2026-11-23T17:00:01Z", None), False),
    ((None, "2026-11-23T14:59:59Z"), False),
    ((None, None), True),
])
def test_windows_overlap_the_scheduled_run(window, inside):
    execution = executions.normalize(LIST_ITEM)
    bounds = [executions.user_time("w", value) if value else None for value in window]
    assert executions.in_window(execution, *bounds) is inside


def test_unscheduled_executions_are_in_no_window():
    execution = executions.normalize(dict(LIST_ITEM, ticketingDetails={"subStatus": "Ready For Scheduling/Approval"}))
    assert executions.in_window(execution, None, None) is False


def test_creation_body_leaves_out_what_the_task_did_not_set():
    params = {"summary": "S", "config_type": "T", "activity_name": "A", "activity_type": "Enable", "duration": None,
              "bounce": None, "primary_contact": None, "customer_note": None}
    assert executions.creation_body(params, []) == {"summary": "S", "config": {"type": "T", "activity": {
        "name": "A", "type": "Enable", "parameters": []}}}
    params.update(duration={"value": 4, "unit": "hours"}, bounce=False, customer_note="note")
    body = executions.creation_body(params, [])
    assert body["duration"] == {"unit": "hours", "value": 4} and body["bounce"] is False
    assert body["ticketingDetails"] == {"customerNote": "note"}


# ---- flows over a scripted session --------------------------------------------------------------

class FakeApi(fakes.FakeApi):
    """The shared fake with Oracle's defaults; ``sent`` as (method, path and query)."""

    def __init__(self, *answers, check_mode=False, **params):
        super().__init__("https://mcs.example.com", answers, OCI_DEFAULTS, check_mode=check_mode, **params)

    @property
    def sent(self):
        return [(sent["method"], sent["url"].replace(BASE, "") + ("?" + urlencode(sent["params"]) if sent.get("params") else ""))
                for sent in self.session.sent]


IDENTITY = dict(config_type="Trace & Debug", activity_name="FRD Enable/Disable", activity_type="Enable", summary="FRD")
DOWNSTREAM_ITEM = dict(LIST_ITEM, id="3-7JZXAMB", referenceExecutionId="3-7JZXAMZ", scheduledStart="2026-11-23T20:00:00Z",
                       config={"type": "Trace & Debug", "activity": {"name": "FRD Enable/Disable", "type": "Disable"}})


def listing(*items):
    return FakeRaw(200, list(items), {"X-Total-Rows-Count": str(len(items))})


def test_cancelled_without_schedule_costs_one_get():
    api = FakeApi(FakeRaw(200, dict(LIST_ITEM, ticketingDetails={"subStatus": "Ready For Scheduling/Approval"})), execution_id="3-8KQWBNC")
    changed, execution, diff = executions.ensure_cancelled(api)
    assert (changed, diff) == (False, None) and execution["id"] == "3-7JZXAMZ"
    assert api.sent == [("GET", "/DCMATI/executions/3-8KQWBNC")]


def test_cancelled_in_check_mode_reads_only():
    api = FakeApi(FakeRaw(200, LIST_ITEM), execution_id="3-7JZXAMZ", check_mode=True)
    changed, execution, diff = executions.ensure_cancelled(api)
    assert changed and not execution["scheduled"] and execution["sub_status"] == "Ready For Scheduling/Approval"
    assert diff == {"before": {"scheduled_time": "2026-11-23T15:00:00Z"}, "after": {"scheduled_time": None}}
    assert [method for method, dummy in api.sent] == ["GET"]


def test_cancel_puts_the_action_and_reads_the_result():
    api = FakeApi(FakeRaw(200, LIST_ITEM), FakeRaw(200, CANCEL_ANSWER), FakeRaw(200, CANCEL_ANSWER), execution_id="3-7JZXAMZ")
    changed, execution, dummy = executions.ensure_cancelled(api)
    assert changed and execution["sub_status"] == "Ready For Scheduling/Approval"
    assert api.sent == [("GET", "/DCMATI/executions/3-7JZXAMZ"), ("PUT", "/DCMATI/executions/3-7JZXAMZ"),
                        ("GET", "/DCMATI/executions/3-7JZXAMZ")]
    assert api.session.sent[1]["json"] == {"action": "cancel"}


def test_a_cancel_whose_answer_was_lost_is_not_reported_as_a_conflict():
    # The first PUT cancelled it but its answer was lost; the repeat gets 409 (nothing to cancel).
    unscheduled = dict(LIST_ITEM, ticketingDetails={"subStatus": "Ready For Scheduling/Approval"})
    api = FakeApi(FakeRaw(200, LIST_ITEM), FakeRaw(409, {"message": "execution 3-7JZXAMZ has no schedule to cancel"}),
                  FakeRaw(200, unscheduled), execution_id="3-7JZXAMZ")
    changed, execution, dummy = executions.ensure_cancelled(api)
    assert changed and not execution["scheduled"]
    assert [method for method, dummy in api.sent] == ["GET", "PUT", "GET"]


def test_a_conflict_on_cancel_fails_when_the_schedule_remains():
    api = FakeApi(FakeRaw(200, LIST_ITEM), FakeRaw(409, {"message": "execution 3-7JZXAMZ is not Open"}), FakeRaw(200, LIST_ITEM),
                  execution_id="3-7JZXAMZ")
    with pytest.raises(ApiError) as error:
        executions.ensure_cancelled(api)
    assert error.value.status == 409 and "is not Open" in error.value.msg


def test_a_403_on_cancel_names_the_approver_scope():
    api = FakeApi(FakeRaw(200, LIST_ITEM), FakeRaw(403, {"message": "forbidden"}), execution_id="3-7JZXAMZ")
    with pytest.raises(ApiError) as error:
        executions.ensure_cancelled(api)
    assert error.value.status == 403 and "mcs:oci:api:Approver" in error.value.msg and "forbidden" in error.value.msg


def test_present_when_already_there_costs_the_list_only():
    scheduled = dict(LIST_ITEM, scheduledStart="2099-11-23T15:00:00Z")
    api = FakeApi(listing(scheduled, dict(DOWNSTREAM_ITEM, scheduledStart="2099-11-23T20:00:00Z")),
                  scheduled_time="2099-11-23T16:00:00+01:00", downstream_scheduled_time="2099-11-23T20:00:00Z", **IDENTITY)
    changed, execution, diff = executions.ensure_present(api)
    assert (changed, diff) == (False, None) and execution["id"] == "3-7JZXAMZ"
    assert [child["id"] for child in execution["downstream_executions"]] == ["3-7JZXAMB"]
    assert api.sent == [("GET", "/executions?target=DCMATI&status=Open&configType=Trace+%26+Debug&activityName=FRD+Enable%2FDisable"
                                "&offset=0&limit=100")]


def test_present_matches_summary_type_and_skips_downstream_steps():
    other_summary = dict(LIST_ITEM, id="3-OTHER01", summary="Other")
    disable_same_summary = dict(DOWNSTREAM_ITEM, id="3-DISABLE", referenceExecutionId=None)
    api = FakeApi(listing(other_summary, disable_same_summary, DOWNSTREAM_ITEM, LIST_ITEM), **IDENTITY)
    changed, execution, dummy = executions.ensure_present(api)
    assert not changed and execution["id"] == "3-7JZXAMZ"


def test_a_list_without_summaries_reads_the_candidates():
    without = dict(LIST_ITEM)
    del without["summary"]
    api = FakeApi(listing(without), FakeRaw(200, LIST_ITEM), **IDENTITY)
    changed, execution, dummy = executions.ensure_present(api)
    assert not changed and execution["id"] == "3-7JZXAMZ"
    assert [method for method, dummy in api.sent] == ["GET", "GET"]


def test_reschedule_in_check_mode_predicts_and_diffs():
    later = dict(LIST_ITEM, scheduledStart="2099-01-01T10:00:00Z")
    api = FakeApi(listing(later), scheduled_time="2099-01-01T12:00:00+01:00", check_mode=True, **IDENTITY)
    changed, execution, diff = executions.ensure_present(api)
    assert changed and execution["scheduled_start"] == "2099-01-01T11:00:00Z"
    assert diff == {"before": {"scheduled_time": "2099-01-01T10:00:00Z"}, "after": {"scheduled_time": "2099-01-01T11:00:00Z"}}
    assert len(api.sent) == 1


def test_reschedule_sends_utc_and_the_downstream_step():
    later = dict(LIST_ITEM, scheduledStart="2099-01-01T10:00:00Z")
    child = dict(DOWNSTREAM_ITEM, scheduledStart=None, ticketingDetails={"subStatus": "Ready For Scheduling/Approval"})
    api = FakeApi(listing(later, child), FakeRaw(200, {}), FakeRaw(200, LIST_ITEM),
                  scheduled_time="2099-01-01T12:00:00+01:00", downstream_scheduled_time="2099-01-01T18:00:00Z", **IDENTITY)
    changed, dummy, diff = executions.ensure_present(api)
    assert changed
    assert api.session.sent[1]["json"] == {"action": "schedule", "scheduledTime": "2099-01-01T11:00:00Z", "checkAutoDisable": False,
                                           "downStreamExecutions": [{"scheduledTime": "2099-01-01T18:00:00Z", "activityType": "Disable"}]}
    assert diff["before"] == {"scheduled_time": "2099-01-01T10:00:00Z", "downstream_scheduled_time": None}


def test_a_downstream_time_for_an_execution_without_downstream_step():
    api = FakeApi(listing(dict(LIST_ITEM, scheduledStart="2099-01-01T10:00:00Z")), scheduled_time="2099-01-01T10:00:00Z",
                  downstream_scheduled_time="2099-01-01T18:00:00Z", **IDENTITY)
    with pytest.raises(OptionError) as error:
        executions.ensure_present(api)
    assert error.value.option == "downstream_scheduled_time" and "not a toggle" in error.value.msg


METADATA = {"config": "Trace & Debug", "activities": [{"name": "FRD Enable/Disable", "uiType": "Toggle", "details": [
    {"type": "Enable", "displayOnCreate": True, "parameters": [{"parameterName": "UserName", "mandatory": True}]},
    {"type": "Disable", "displayOnCreate": False, "parameters": []}]}]}


def test_create_then_schedule_then_read():
    api = FakeApi(listing(), FakeRaw(200, METADATA), FakeRaw(201, {"id": "3-NEW0001", "rfcNumber": "3-NEW0001"}),
                  FakeRaw(200, {}), FakeRaw(200, dict(LIST_ITEM, id="3-NEW0001")),
                  parameters={"UserName": "oracle"}, scheduled_time="2099-01-01T10:00:00Z",
                  downstream_scheduled_time="2099-01-01T18:00:00Z", **IDENTITY)
    changed, execution, diff = executions.ensure_present(api)
    assert changed and execution["id"] == "3-NEW0001"
    assert [method for method, dummy in api.sent] == ["GET", "GET", "POST", "PUT", "GET"]
    assert api.session.sent[2]["json"]["config"]["activity"]["parameters"] == [{"name": "UserName", "value": "oracle"}]
    assert api.session.sent[3]["json"]["downStreamExecutions"] == [{"scheduledTime": "2099-01-01T18:00:00Z", "activityType": "Disable"}]
    assert diff["before"] == {"state": "absent"} and diff["after"]["parameters"] == {"UserName": "oracle"}


def test_create_in_check_mode_sends_no_write():
    api = FakeApi(listing(), FakeRaw(200, METADATA), parameters={"UserName": "oracle"}, scheduled_time="2099-01-01T10:00:00Z",
                  check_mode=True, **IDENTITY)
    changed, execution, dummy = executions.ensure_present(api)
    assert changed and execution["id"] is None and execution["scheduled_start"] == "2099-01-01T10:00:00Z"
    assert [child["activity_type"] for child in execution["downstream_executions"]] == ["Disable"]
    assert [method for method, dummy in api.sent] == ["GET", "GET"]


def test_a_failed_schedule_names_the_created_execution():
    api = FakeApi(listing(), FakeRaw(200, METADATA), FakeRaw(201, {"id": "3-NEW0001"}), FakeRaw(403, {"message": "no"}),
                  parameters={"UserName": "oracle"}, scheduled_time="2099-01-01T10:00:00Z", **IDENTITY)
    with pytest.raises(SecopsError) as error:
        executions.ensure_present(api)
    assert error.value.msg.startswith("Execution 3-NEW0001 was created but not scheduled: PUT ")
    assert error.value.details["execution_id"] == "3-NEW0001" and error.value.details["status"] == 403


def test_bad_input_is_refused_before_any_request():
    api = FakeApi(scheduled_time="2026-01-01T10:00:00", **IDENTITY)
    with pytest.raises(OptionError):
        executions.ensure_present(api)
    without_summary = dict(IDENTITY)
    without_summary["summary"] = None
    api = FakeApi(**without_summary)
    with pytest.raises(OptionError) as error:
        executions.ensure_present(api)
    assert error.value.option == "summary"
    assert api.sent == []
