# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""oci/model.py: times, the result view, bodies; no HTTP."""

import datetime

import pytest

from ansible_collections.secops.executions.plugins.module_utils.errors import OptionError
from ansible_collections.secops.executions.plugins.module_utils.oci import model

from ansible_collections.secops.executions.tests.unit.plugins.module_utils.oci.samples import CANCEL_ANSWER, LIST_ITEM

UTC = datetime.timezone.utc
NOW = datetime.datetime(2026, 11, 23, 12, 0, 0, tzinfo=UTC)


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
    assert model.user_time("scheduled_time", text) == expected


@pytest.mark.parametrize("text", ["2026-11-23T18:30:00", "2026-11-23 18:30"])
def test_naive_user_times_are_refused_naming_the_option(text):
    with pytest.raises(OptionError) as error:
        model.user_time("downstream_scheduled_time", text)
    assert error.value.option == "downstream_scheduled_time" and "no time zone" in error.value.msg


@pytest.mark.parametrize("text", ["tomorrow", "2026-13-01T00:00:00Z", "2026-11-23", "23/11/2026 18:30Z", ""])
def test_unreadable_user_times_are_refused(text):
    with pytest.raises(OptionError) as error:
        model.user_time("scheduled_time", text)
    assert "ISO 8601" in error.value.msg


def test_platform_times_without_zone_are_utc():
    assert model.api_time("2026-11-23T18:30:00") == datetime.datetime(2026, 11, 23, 18, 30, tzinfo=UTC)
    assert model.api_time(None) is None and model.api_time("soon") is None


@pytest.mark.parametrize("minutes,ok", [(16, True), (15.9, False), (600, True), (-5, False)])
def test_sixteen_minutes_of_notice(minutes, ok):
    moment = NOW + datetime.timedelta(minutes=minutes)
    if ok:
        model.check_lead_time("scheduled_time", moment, NOW)
    else:
        with pytest.raises(OptionError) as error:
            model.check_lead_time("scheduled_time", moment, NOW)
        assert "at least 16 minutes" in error.value.msg
        assert ("in the past" if minutes < 0 else "only 16 minutes from now") in error.value.msg


def test_requested_schedule_checks_both_times():
    params = {"scheduled_time": "2026-11-23T14:00:00+01:00", "downstream_scheduled_time": "2026-11-23T12:10:00Z"}
    with pytest.raises(OptionError) as error:
        model.requested_schedule(params, NOW)
    assert error.value.option == "downstream_scheduled_time"
    assert model.requested_schedule({"scheduled_time": None}, NOW) == (None, None)


def test_a_downstream_time_before_the_first_step_is_refused():
    params = {"scheduled_time": "2026-11-24T14:00:00+01:00", "downstream_scheduled_time": "2026-11-24T12:30:00Z"}
    with pytest.raises(OptionError) as error:
        model.requested_schedule(params, NOW)
    assert error.value.option == "downstream_scheduled_time"
    assert error.value.msg == ("downstream_scheduled_time: 2026-11-24T12:30:00Z is before scheduled_time (2026-11-24T13:00:00Z); "
                               "the downstream step (such as Disable) runs after the first one")
    params["downstream_scheduled_time"] = "2026-11-24T15:00:00+01:00"
    assert model.requested_schedule(params, NOW)[1] == datetime.datetime(2026, 11, 24, 14, 0, tzinfo=UTC)


@pytest.mark.parametrize("value,kind", [({"a": 1}, "dictionary"), ([1, 2], "list")])
def test_nested_parameter_values_are_refused_naming_the_parameter(value, kind):
    with pytest.raises(OptionError) as error:
        model.ExecutionRequest({"parameters": {"UserName": "oracle", "Trace_Level": value}}, NOW)
    assert error.value.option == "parameters.Trace_Level"
    assert error.value.msg == ("parameters.Trace_Level: is a {0}; parameter values are sent as text: give a string, a number "
                               "or a boolean".format(kind))
    assert model.ExecutionRequest({"parameters": {"UserName": "oracle", "Auto_Disable_Interval": 2, "Debug": True}}, NOW)


# ---- shapes -------------------------------------------------------------------------------------

def test_list_items_normalize_with_customer_status_and_utc_times():
    execution = model.normalize(LIST_ITEM, "22334455", "EBSO")
    assert execution["customer_status"] == "Acknowledged" and execution["scheduled"] is True
    assert execution["scheduled_start"] == "2026-11-23T15:00:00Z" and execution["scheduled_end"] == "2026-11-23T17:00:00Z"
    assert execution["instance_id"] == "DCMATI" and execution["primary_contact"] == "dba@example.com"
    assert execution["parameters"] is None and execution["downstream_executions"] == []


def test_action_answers_normalize_with_cust_status_and_downstream_steps():
    execution = model.normalize(CANCEL_ANSWER, "22334455", "EBSO", "DCMATI")
    assert execution["customer_status"] == "Review Update" and execution["scheduled"] is False
    assert execution["instance_id"] == "DCMATI"
    [child] = execution["downstream_executions"]
    assert child["id"] == "3-7JZXAMB" and child["activity_type"] == "Disable" and child["instance_id"] == "DCMATI"
    assert not model.is_scheduled(execution)


def test_a_scheduled_downstream_step_counts_as_scheduled():
    answer = dict(CANCEL_ANSWER, downStreamExecutions=[dict(CANCEL_ANSWER["downStreamExecutions"][0], subStatus="Ready For Execution")])
    execution = model.normalize(answer)
    assert not execution["scheduled"] and model.is_scheduled(execution)


def test_without_sub_status_a_start_means_scheduled():
    assert model.normalize({"id": "x", "scheduledStart": "2026-11-23T15:00:00Z"})["scheduled"] is True
    assert model.normalize({"id": "x"})["scheduled"] is False


@pytest.mark.parametrize("window,inside", [
    (("2026-11-23T16:00:00Z", "2026-11-23T16:30:00Z"), True),
    (("2026-11-23T17:00:00Z", None), True),  # touches the end
    (("2026-11-23T17:00:01Z", None), False),
    ((None, "2026-11-23T14:59:59Z"), False),
    ((None, None), True),
])
def test_windows_overlap_the_scheduled_run(window, inside):
    execution = model.normalize(LIST_ITEM)
    bounds = [model.user_time("w", value) if value else None for value in window]
    assert model.in_window(execution, *bounds) is inside


def test_unscheduled_executions_are_in_no_window():
    execution = model.normalize(dict(LIST_ITEM, ticketingDetails={"subStatus": "Ready For Scheduling/Approval"}))
    assert model.in_window(execution, None, None) is False


def test_creation_body_leaves_out_what_the_task_did_not_set():
    params = {"summary": "S", "config_type": "T", "activity_name": "A", "activity_type": "Enable", "duration": None,
              "bounce": None, "primary_contact": None, "customer_note": None}
    assert model.creation_body(model.ExecutionRequest(params, NOW), []) == {"summary": "S", "config": {"type": "T", "activity": {
        "name": "A", "type": "Enable", "parameters": []}}}
    params.update(duration={"value": 4, "unit": "hours"}, bounce=False, customer_note="note")
    body = model.creation_body(model.ExecutionRequest(params, NOW), [])
    assert body["duration"] == {"unit": "hours", "value": 4} and body["bounce"] is False
    assert body["ticketingDetails"] == {"customerNote": "note"}


def test_execution_request_reads_the_schedule_and_leaves_the_params_as_given():
    params = {"scheduled_time": "2026-11-23T14:00:00+01:00", "summary": "S"}
    request = model.ExecutionRequest(params, NOW)
    assert request.start == datetime.datetime(2026, 11, 23, 13, 0, tzinfo=UTC) and request.downstream is None
    assert params == {"scheduled_time": "2026-11-23T14:00:00+01:00", "summary": "S"}
    assert request.desired()["scheduled_time"] == "2026-11-23T13:00:00Z"


@pytest.mark.parametrize("params,option", [
    ({"state": "cancelled", "scheduled_time": "2026-11-23T14:00:00Z"}, "scheduled_time"),
    ({"state": "cancelled", "downstream_scheduled_time": "2026-11-23T14:00:00Z"}, "downstream_scheduled_time"),
    ({"duration": {"value": 0, "unit": "hours"}}, "duration"),
])
def test_execution_request_refuses_what_cannot_apply(params, option):
    with pytest.raises(OptionError) as error:
        model.ExecutionRequest(params, NOW)
    assert error.value.option == option


def test_identity_is_required_only_without_an_execution_id():
    with pytest.raises(OptionError) as error:
        model.ExecutionRequest({"config_type": "T", "activity_name": "A"}, NOW).require_identity()
    assert error.value.option == "activity_type"


@pytest.mark.parametrize("params,option", [
    ({"window_start": "2026-11-23T14:00:00Z", "window_end": "2026-11-23T13:00:00Z"}, "window_end"),
    ({"window_start": "2026-11-23T14:00:00"}, "window_start"),
    ({"page_size": 0}, "page_size"),
])
def test_execution_query_refuses_bad_windows_and_pages(params, option):
    with pytest.raises(OptionError) as error:
        model.ExecutionQuery(params)
    assert error.value.option == option


def test_execution_query_turns_options_into_the_apis_filters():
    query = model.ExecutionQuery({"instance_id": "DCMATI", "sub_status": "Ready For Execution", "status": None, "page_size": 10})
    assert query.filters == {"target": "DCMATI", "subStatus": "Ready For Execution"}
