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
                    downstream_scheduled_time=None)
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
