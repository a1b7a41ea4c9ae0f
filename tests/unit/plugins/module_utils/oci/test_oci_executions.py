# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

import datetime

from urllib.parse import urlencode

import pytest

from ansible_collections.secops.executions.plugins.module_utils.errors import ApiError, OptionError, SecopsError
from ansible_collections.secops.executions.plugins.module_utils.oci import executions

from ansible_collections.secops.executions.tests.unit.plugins.module_utils import fakes
from ansible_collections.secops.executions.tests.unit.plugins.module_utils.fakes import FakeRaw
from ansible_collections.secops.executions.tests.unit.plugins.module_utils.oci.samples import CANCEL_ANSWER, LIST_ITEM

UTC = datetime.timezone.utc
NOW = datetime.datetime(2026, 11, 23, 12, 0, 0, tzinfo=UTC)
OCI_DEFAULTS = dict(support_identifier="22334455", service_type="EBSO", instance_id="DCMATI", execution_id=None,
                    config_type=None, activity_name=None, activity_type=None, summary=None, parameters=None,
                    duration=None, bounce=None, primary_contact=None, customer_note=None, scheduled_time=None,
                    downstream_scheduled_time=None, conflicts="fail")
BASE = "https://mcs.example.com/selfservice/v1/customers/22334455/EBSO/products/config/instances"


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


NO_CONFLICTS = FakeRaw(200, [])


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


FORBIDDEN_READ = FakeRaw(403, {"message": "token lacks the mcs:oci:api:User scope"})


def test_an_approver_only_token_cancels_by_id_with_the_put_answer():
    api = FakeApi(FORBIDDEN_READ, FakeRaw(200, CANCEL_ANSWER), execution_id="3-7JZXAMZ")
    changed, execution, diff = executions.ensure_cancelled(api)
    assert changed and diff is None
    assert execution["id"] == "3-7JZXAMZ" and execution["sub_status"] == "Ready For Scheduling/Approval" and not execution["scheduled"]
    assert execution["downstream_executions"][0]["id"] == "3-7JZXAMB"
    assert api.sent == [("GET", "/DCMATI/executions/3-7JZXAMZ"), ("PUT", "/DCMATI/executions/3-7JZXAMZ")]


def test_an_approver_only_token_reads_a_conflict_as_nothing_to_cancel():
    api = FakeApi(FORBIDDEN_READ, FakeRaw(409, {"message": "execution 3-7JZXAMZ has no schedule to cancel"}), execution_id="3-7JZXAMZ")
    changed, execution, diff = executions.ensure_cancelled(api)
    assert (changed, diff, execution["id"]) == (False, None, "3-7JZXAMZ")


def test_an_approver_only_token_in_check_mode_warns_and_writes_nothing():
    api = FakeApi(FORBIDDEN_READ, execution_id="3-7JZXAMZ", check_mode=True)
    changed, execution, dummy = executions.ensure_cancelled(api)
    assert changed and not execution["scheduled"] and execution["id"] == "3-7JZXAMZ"
    assert [method for method, dummy in api.sent] == ["GET"]
    assert "mcs:oci:api:User" in api.warnings[0]


def test_a_refused_read_without_execution_id_still_fails_naming_the_read_scope():
    api = FakeApi(FakeRaw(403, {"message": "forbidden"}), state="cancelled", **IDENTITY)
    with pytest.raises(ApiError) as error:
        executions.ensure_cancelled(api)
    assert error.value.status == 403 and "mcs:oci:api:User" in error.value.msg


def test_a_refused_cancel_after_a_refused_read_names_the_approver_scope():
    api = FakeApi(FORBIDDEN_READ, FakeRaw(403, {"message": "forbidden"}), execution_id="3-7JZXAMZ")
    with pytest.raises(ApiError) as error:
        executions.ensure_cancelled(api)
    assert error.value.status == 403 and "mcs:oci:api:Approver" in error.value.msg


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
    api = FakeApi(listing(later), NO_CONFLICTS, scheduled_time="2099-01-01T12:00:00+01:00", check_mode=True, **IDENTITY)
    changed, execution, diff = executions.ensure_present(api)
    assert changed and execution["scheduled_start"] == "2099-01-01T11:00:00Z"
    assert diff == {"before": {"scheduled_time": "2099-01-01T10:00:00Z"}, "after": {"scheduled_time": "2099-01-01T11:00:00Z"}}
    assert [method for method, dummy in api.sent] == ["GET", "GET"]


def test_reschedule_sends_utc_and_the_downstream_step():
    later = dict(LIST_ITEM, scheduledStart="2099-01-01T10:00:00Z")
    child = dict(DOWNSTREAM_ITEM, scheduledStart=None, ticketingDetails={"subStatus": "Ready For Scheduling/Approval"})
    api = FakeApi(listing(later, child), NO_CONFLICTS, NO_CONFLICTS, FakeRaw(200, {}), FakeRaw(200, LIST_ITEM),
                  scheduled_time="2099-01-01T12:00:00+01:00", downstream_scheduled_time="2099-01-01T18:00:00Z", **IDENTITY)
    changed, dummy, diff = executions.ensure_present(api)
    assert changed
    assert api.session.sent[3]["json"] == {"action": "schedule", "scheduledTime": "2099-01-01T11:00:00Z", "checkAutoDisable": False,
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
    api = FakeApi(listing(), FakeRaw(200, METADATA), NO_CONFLICTS, NO_CONFLICTS,
                  FakeRaw(201, {"id": "3-NEW0001", "rfcNumber": "3-NEW0001"}),
                  FakeRaw(200, {}), FakeRaw(200, dict(LIST_ITEM, id="3-NEW0001")),
                  parameters={"UserName": "oracle"}, scheduled_time="2099-01-01T10:00:00Z",
                  downstream_scheduled_time="2099-01-01T18:00:00Z", **IDENTITY)
    changed, execution, diff = executions.ensure_present(api)
    assert changed and execution["id"] == "3-NEW0001"
    assert [method for method, dummy in api.sent] == ["GET", "GET", "GET", "GET", "POST", "PUT", "GET"]
    assert api.session.sent[4]["json"]["config"]["activity"]["parameters"] == [{"name": "UserName", "value": "oracle"}]
    assert api.session.sent[5]["json"]["downStreamExecutions"] == [{"scheduledTime": "2099-01-01T18:00:00Z", "activityType": "Disable"}]
    assert diff["before"] == {"state": "absent"} and diff["after"]["parameters"] == {"UserName": "oracle"}


def test_create_in_check_mode_sends_no_write():
    api = FakeApi(listing(), FakeRaw(200, METADATA), NO_CONFLICTS, parameters={"UserName": "oracle"},
                  scheduled_time="2099-01-01T10:00:00Z", check_mode=True, **IDENTITY)
    changed, execution, dummy = executions.ensure_present(api)
    assert changed and execution["id"] is None and execution["scheduled_start"] == "2099-01-01T10:00:00Z"
    assert [child["activity_type"] for child in execution["downstream_executions"]] == ["Disable"]
    assert [method for method, dummy in api.sent] == ["GET", "GET", "GET"]


def test_a_failed_schedule_names_the_created_execution():
    api = FakeApi(listing(), FakeRaw(200, METADATA), NO_CONFLICTS, FakeRaw(201, {"id": "3-NEW0001"}), FakeRaw(403, {"message": "no"}),
                  parameters={"UserName": "oracle"}, scheduled_time="2099-01-01T10:00:00Z", **IDENTITY)
    with pytest.raises(SecopsError) as error:
        executions.ensure_present(api)
    assert error.value.msg.startswith("Execution 3-NEW0001 was created but not scheduled: PUT ")
    assert error.value.details["execution_id"] == "3-NEW0001" and error.value.details["status"] == 403


def test_a_failed_schedule_says_changed():
    api = FakeApi(listing(), FakeRaw(200, METADATA), NO_CONFLICTS, FakeRaw(201, {"id": "3-NEW0001"}), FakeRaw(403, {"message": "no"}),
                  parameters={"UserName": "oracle"}, scheduled_time="2099-01-01T10:00:00Z", **IDENTITY)
    with pytest.raises(SecopsError) as error:
        executions.ensure_present(api)
    assert error.value.details["changed"] is True


def test_a_failed_read_back_after_the_create_names_it_and_says_changed():
    api = FakeApi(listing(), FakeRaw(200, METADATA), FakeRaw(201, {"id": "3-NEW0001"}), FakeRaw(500, {"message": "down"}),
                  parameters={"UserName": "oracle"}, retries=0, **IDENTITY)
    with pytest.raises(ApiError) as error:
        executions.ensure_present(api)
    assert error.value.details["execution_id"] == "3-NEW0001" and error.value.details["changed"] is True
    assert [method for method, dummy in api.sent] == ["GET", "GET", "POST", "GET"]


def test_a_failed_read_back_after_a_cancel_names_it_and_says_changed():
    api = FakeApi(FakeRaw(200, LIST_ITEM), FakeRaw(200, CANCEL_ANSWER), FakeRaw(500, {"message": "down"}), execution_id="3-7JZXAMZ",
                  retries=0)
    with pytest.raises(ApiError) as error:
        executions.ensure_cancelled(api)
    assert error.value.details["execution_id"] == "3-7JZXAMZ" and error.value.details["changed"] is True


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


# ---- conflicts ----------------------------------------------------------------------------------

CONFLICT = {"rfcNumber": "3-BOUNCE1", "rfcType": "OCIEBS_Prod_SelfService", "rfcSubType": "SelfService_Bounce", "status": "Open",
            "subStatus": "Ready For Execution", "scheduledStart": "2099-01-01T09:00:00Z", "scheduledEnd": "2099-01-01T12:00:00Z",
            "duration": {"unit": "hours", "value": 3}}


@pytest.mark.parametrize("check_mode", [False, True])
def test_a_conflict_refuses_the_schedule_before_anything_is_created(check_mode):
    api = FakeApi(listing(), FakeRaw(200, METADATA), FakeRaw(200, [CONFLICT]), parameters={"UserName": "oracle"},
                  scheduled_time="2099-01-01T10:00:00Z", duration={"value": 4, "unit": "hours"}, check_mode=check_mode, **IDENTITY)
    with pytest.raises(SecopsError) as error:
        executions.ensure_present(api)
    assert "3-BOUNCE1 (OCIEBS_Prod_SelfService, Ready For Execution, 2099-01-01T09:00:00Z to 2099-01-01T12:00:00Z)" in error.value.msg
    assert error.value.details["conflicts"][0]["rfc_number"] == "3-BOUNCE1"
    assert api.sent[-1] == ("GET", "/DCMATI/executions?scheduledStart=2099-01-01T10%3A00%3A00Z&scheduledEnd=2099-01-01T14%3A00%3A00Z")
    assert [method for method, dummy in api.sent] == ["GET", "GET", "GET"]


def test_warn_schedules_anyway_and_says_why():
    later = dict(LIST_ITEM, scheduledStart="2099-01-01T08:00:00Z", duration={"unit": "hours", "value": 2})
    api = FakeApi(listing(later), FakeRaw(200, [CONFLICT]), FakeRaw(200, {}), FakeRaw(200, LIST_ITEM),
                  scheduled_time="2099-01-01T10:00:00Z", conflicts="warn", **IDENTITY)
    changed, dummy, dummy = executions.ensure_present(api)
    assert changed and [method for method, dummy in api.sent] == ["GET", "GET", "PUT", "GET"]
    assert api.sent[1][1].endswith("scheduledEnd=2099-01-01T12%3A00%3A00Z")
    assert len(api.warnings) == 1 and "conflicts with 3-BOUNCE1" in api.warnings[0]


def test_a_reschedule_does_not_conflict_with_itself():
    later = dict(LIST_ITEM, scheduledStart="2099-01-01T08:00:00Z")
    itself = dict(CONFLICT, rfcNumber="3-7JZXAMZ")
    api = FakeApi(listing(later), FakeRaw(200, [itself]), FakeRaw(200, {}), FakeRaw(200, LIST_ITEM),
                  scheduled_time="2099-01-01T10:00:00Z", **IDENTITY)
    changed, dummy, dummy = executions.ensure_present(api)
    assert changed and api.warnings == []


def test_ignore_sends_no_conflicts_request():
    later = dict(LIST_ITEM, scheduledStart="2099-01-01T08:00:00Z")
    api = FakeApi(listing(later), FakeRaw(200, {}), FakeRaw(200, LIST_ITEM), scheduled_time="2099-01-01T10:00:00Z",
                  conflicts="ignore", **IDENTITY)
    executions.ensure_present(api)
    assert [method for method, dummy in api.sent] == ["GET", "PUT", "GET"]


def test_a_schedule_already_in_place_checks_no_conflicts():
    api = FakeApi(listing(dict(LIST_ITEM, scheduledStart="2099-01-01T10:00:00Z")), scheduled_time="2099-01-01T10:00:00Z", **IDENTITY)
    changed, dummy, dummy = executions.ensure_present(api)
    assert not changed and len(api.sent) == 1


# ---- waiting ------------------------------------------------------------------------------------

SCHEDULED_ITEM = dict(LIST_ITEM, scheduledStart="2099-01-01T10:00:00Z")


@pytest.fixture(name="fast_waits")
def fast_waits_fixture(monkeypatch):
    """Waits on a fake clock: sleeping moves it, nothing sleeps for real."""
    import functools
    from ansible_collections.secops.executions.plugins.module_utils.oci import progress
    from ansible_collections.secops.executions.plugins.module_utils.waiting import Waiter
    clock = fakes.FakeClock()
    monkeypatch.setattr(progress, "Waiter", functools.partial(Waiter, sleep=clock.sleep, clock=clock))
    return clock


WAIT = dict(wait=True, wait_until="ended", wait_timeout=60, poll_interval=15)


def test_a_wait_that_times_out_fails_with_the_id_by_default(fast_waits):
    api = FakeApi(FakeRaw(200, SCHEDULED_ITEM), *[FakeRaw(200, SCHEDULED_ITEM)] * 4, execution_id="3-7JZXAMZ", **WAIT)
    with pytest.raises(SecopsError) as error:
        executions.ensure_present(api)
    assert error.value.details["execution_id"] == "3-7JZXAMZ" and "still Open" in error.value.msg
    assert [method for method, dummy in api.sent] == ["GET"] * 5


def test_detach_ends_ok_with_the_execution(fast_waits):
    api = FakeApi(FakeRaw(200, SCHEDULED_ITEM), *[FakeRaw(200, SCHEDULED_ITEM)] * 4, execution_id="3-7JZXAMZ", on_timeout="detach", **WAIT)
    changed, execution, dummy = executions.ensure_present(api)
    assert not changed and execution["id"] == "3-7JZXAMZ" and "on_timeout=detach" in api.warnings[0]


def test_abort_cancels_the_schedule(fast_waits):
    api = FakeApi(FakeRaw(200, SCHEDULED_ITEM), *[FakeRaw(200, SCHEDULED_ITEM)] * 4, FakeRaw(200, CANCEL_ANSWER), FakeRaw(200, LIST_ITEM),
                  execution_id="3-7JZXAMZ", on_timeout="abort", **WAIT)
    with pytest.raises(SecopsError) as error:
        executions.ensure_present(api)
    assert "on_timeout=abort stopped execution 3-7JZXAMZ by cancelling its schedule" in error.value.msg
    assert api.session.sent[5]["method"] == "PUT" and api.session.sent[5]["json"] == {"action": "cancel"}


def test_an_ended_execution_is_not_polled():
    closed = dict(LIST_ITEM, ticketingDetails=dict(LIST_ITEM["ticketingDetails"], status="Closed"))
    api = FakeApi(FakeRaw(200, closed), execution_id="3-7JZXAMZ", **WAIT)
    changed, execution, dummy = executions.ensure_present(api)
    assert execution["status"] == "Closed" and len(api.sent) == 1


def test_waiting_until_scheduled_ends_when_the_schedule_is_there():
    api = FakeApi(FakeRaw(200, SCHEDULED_ITEM), execution_id="3-7JZXAMZ", wait=True, wait_until="scheduled", wait_timeout=60,
                  poll_interval=15)
    changed, execution, dummy = executions.ensure_present(api)
    assert execution["scheduled"] and len(api.sent) == 1
