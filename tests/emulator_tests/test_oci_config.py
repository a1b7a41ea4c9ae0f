"""Oracle MCS self-service configuration API: metadata, executions, schedule and cancel, list, conflicts, logs."""
import base64
import datetime
import re
from urllib.parse import quote

import pytest
import requests

from secops_emulator import oci
from secops_emulator.seed import SeedError, merge_seed

IDENTIFIER = "5d1c3f0e-8b2a-4c6d-9e7f-1a2b3c4d5e6f"
AUTOMATION = ("mcs-automation", "demo-oci-client-secret")
READER = ("mcs-reader", "reader-oci-secret")
USER, PRIVILEGED, APPROVER = oci.SCOPE_USER, oci.SCOPE_PRIVILEGED_USER, oci.SCOPE_APPROVER
CONFIG = "/selfservice/v1/customers/22334455/EBSO/products/config/instances"
METADATA = "/selfservice/v1/customers/services/EBSO/products/config/types"
FRD = {"summary": "Capture FRD", "config": {"type": "Trace & Debug", "activity": {
    "name": "FRD Enable/Disable", "type": "Enable", "parameters": [{"name": "UserName", "value": "oracle"}]}}}
PROGRAM_TRACE = {"summary": "Trace GLPPOS", "config": {"type": "Trace & Debug", "activity": {
    "name": "Concurrent Program Trace", "type": "Enable", "parameters": [{"name": "ProgramShortName", "value": "GLPPOS"}]}}}


class Mcs:
    """A caller of the MCS API holding one token."""

    def __init__(self, url, client=AUTOMATION, scope=None, identifier=IDENTIFIER):
        form = {"grant_type": "client_credentials"}
        if scope:
            form["scope"] = " ".join(scope)
        response = requests.post(url + "/oauth2/v1/token", data=form, auth=client, timeout=5)
        assert response.status_code == 200, response.text
        self.url = url
        self.headers = {"Authorization": "Bearer " + response.json()["access_token"], "Identifier": identifier}

    def call(self, method, path, body=None, query=None):
        return requests.request(method, self.url + path, headers=self.headers, json=body, params=query, timeout=5)

    def create(self, instance="DCMATT", body=None):
        response = self.call("POST", f"{CONFIG}/{instance}/executions", body or FRD)
        assert response.status_code == 201, response.text
        return response.json()["id"]

    def put(self, instance, execution_id, body):
        return self.call("PUT", f"{CONFIG}/{instance}/executions/{execution_id}", body)

    def details(self, instance, execution_id):
        response = self.call("GET", f"{CONFIG}/{instance}/executions/{execution_id}")
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture(name="mcs")
def mcs_fixture(url):
    return Mcs(url)


@pytest.fixture(name="clock")
def clock_fixture(control):
    """``clock(minutes)``: an ISO time that many minutes after the emulator's now.

    "Now" is read once per test, so two calls with the same minutes give the same time even
    when the real clock ticks over a second between them.
    """
    base = []

    def at(minutes, offset=None):
        if not base:
            base.append(int(control.now()["epoch"]))
        moment = datetime.datetime.fromtimestamp(base[0], datetime.timezone.utc) + datetime.timedelta(minutes=minutes)
        if offset is None:
            return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        zone = datetime.timezone(datetime.timedelta(hours=offset))
        return moment.astimezone(zone).isoformat(timespec="seconds")
    return at


# ---- metadata ---------------------------------------------------------------------------------

def test_type_details_path_is_percent_encoded(mcs):
    response = mcs.call("GET", METADATA + "/" + quote("Trace & Debug", safe=""))
    assert response.status_code == 200
    body = response.json()
    assert body["config"] == "Trace & Debug"
    frd = body["activities"][0]
    assert frd["name"] == "FRD Enable/Disable" and frd["uiType"] == "Toggle" and frd["bounce"] is True
    enable = frd["details"][0]
    assert enable["type"] == "Enable" and enable["displayOnCreate"] is True
    names = {parameter["parameterName"]: parameter["mandatory"] for parameter in enable["parameters"]}
    assert names == {"UserName": True, "Auto_Disable_Interval": True, "Trace_Level": False}


def test_slash_in_a_type_name_stays_one_segment(url, reseed):
    reseed({"oci": {"config_types": {"EBSO": ["Trace/Debug"]}, "activities": {"Trace/Debug": []}}})
    response = Mcs(url).call("GET", METADATA + "/Trace%2FDebug")
    assert response.status_code == 200 and response.json() == {"config": "Trace/Debug", "activities": []}


@pytest.mark.parametrize("path,status", [(METADATA + "/Nope", 404), (METADATA.replace("EBSO", "NOPE") + "/Trace", 404)])
def test_unknown_types_are_404(mcs, path, status):
    assert mcs.call("GET", path).status_code == status


def test_metadata_needs_the_user_scope(url):
    assert Mcs(url, scope=[APPROVER]).call("GET", METADATA + "/Trace").status_code == 403


# ---- create -----------------------------------------------------------------------------------

def test_create_answers_an_rfc_like_id(mcs):
    ticketing = {"primaryContact": "dba@example.com", "customerNote": "Action Plan"}
    body = dict(FRD, duration={"unit": "hours", "value": 4}, bounce=False, ticketingDetails=ticketing)
    response = mcs.call("POST", f"{CONFIG}/DCMATT/executions", body)
    assert response.status_code == 201
    body = response.json()
    assert re.match(r"^3-[A-Z0-9]{7}$", body["id"]) and body == {"id": body["id"], "rfcNumber": body["id"]}
    details = mcs.details("DCMATT", body["id"])
    assert details["target"] == "DCMATT" and details["summary"] == "Capture FRD" and details["createdBy"] == "mcs-automation"
    assert details["duration"] == {"unit": "hours", "value": 4} and details["bounce"] is False
    assert details["ticketingDetails"]["primaryContact"] == "dba@example.com"
    assert details["ticketingDetails"]["customerNote"] == "Action Plan"
    assert details["ticketingDetails"]["status"] == "Open"
    assert details["ticketingDetails"]["subStatus"] == "Ready For Scheduling/Approval"
    assert details["scheduledStart"] is None


def test_create_fills_defaults_of_the_activity(mcs):
    details = mcs.details("DCMATT", mcs.create())
    assert details["duration"] == {"unit": "hours", "value": 2} and details["bounce"] is True
    # Auto_Disable_Interval is mandatory with a default: the default is used.
    assert details["config"]["activity"]["parameters"] == [{"name": "UserName", "value": "oracle"},
                                                           {"name": "Auto_Disable_Interval", "value": "2"}]


def test_a_toggle_creates_its_downstream_execution(mcs):
    details = mcs.details("DCMATT", mcs.create())
    [downstream] = details["downStreamExecutions"]
    assert downstream["config"]["activity"] == {"name": "FRD Enable/Disable", "type": "Disable"}
    assert downstream["custStatus"] == "Review Update" and downstream["id"] != details["id"]
    child = mcs.details("DCMATT", downstream["id"])
    assert child["referenceExecutionId"] == details["id"] and child["summary"] == details["summary"]


def test_single_activities_have_no_downstream(mcs):
    assert "downStreamExecutions" not in mcs.details("DCMATT", mcs.create(body=PROGRAM_TRACE))


def activity_with(**changes):
    body = {"summary": "x", "config": {"type": "Trace & Debug", "activity": dict(FRD["config"]["activity"])}}
    for key, value in changes.items():
        if key in ("type", "name", "parameters"):
            body["config"]["activity"][key] = value
        elif key == "config_type":
            body["config"]["type"] = value
        else:
            body[key] = value
    return body


@pytest.mark.parametrize("body,words", [
    (activity_with(parameters=[{"name": "UserName", "value": "x"}, {"name": "Colour", "value": "red"}]),
     ["Colour", "UserName, Auto_Disable_Interval, Trace_Level"]),
    (activity_with(parameters=[]), ["missing mandatory", "UserName"]),
    (activity_with(name="Nope"), ["Nope"]),
    (activity_with(type="Disable"), ["Disable", "valid: Enable"]),
    (activity_with(config_type="Nope"), ["config.type"]),
    (activity_with(duration={"unit": "weeks", "value": 1}), ["duration"]),
    (activity_with(duration={"unit": "hours", "value": 0}), ["duration"]),
    (activity_with(bounce="yes"), ["bounce"]),
    (activity_with(ticketingDetails={"primaryContact": "stranger@example.com"}), ["primaryContact"]),
    (activity_with(summary=""), ["summary"]),
    ({"summary": "x"}, ["config"]),
    (["not", "an", "object"], ["JSON object"]),
], ids=["unknown-parameter", "missing-mandatory", "unknown-activity", "downstream-type", "unknown-type", "duration-unit",
        "duration-value", "bounce", "contact", "summary", "no-config", "not-an-object"])
def test_create_rejects_bad_input_with_400(mcs, body, words):
    response = mcs.call("POST", f"{CONFIG}/DCMATT/executions", body)
    assert response.status_code == 400
    for word in words:
        assert word in response.json()["message"]


def test_create_needs_privileged_user(url):
    assert Mcs(url, client=READER).call("POST", f"{CONFIG}/DCMATT/executions", FRD).status_code == 403
    assert Mcs(url, scope=[USER, APPROVER]).call("POST", f"{CONFIG}/DCMATT/executions", FRD).status_code == 403


def test_unknown_instance_or_service_is_404(mcs):
    assert mcs.call("POST", f"{CONFIG}/NOPE/executions", FRD).status_code == 404
    assert mcs.call("POST", CONFIG.replace("EBSO", "EBSZ") + "/DCMATT/executions", FRD).status_code == 404


def test_other_customers_and_opted_out_customers_are_403(url, reseed):
    other = CONFIG.replace("22334455", "99887766")
    assert Mcs(url).call("GET", other + "/executions").status_code == 403
    reseed({"oci": {"clients": [{"client_id": AUTOMATION[0], "client_secret": AUTOMATION[1],
                                 "scopes": [USER, PRIVILEGED, APPROVER], "customers": ["22334455", "99887766"]}]}})
    response = Mcs(url).call("GET", other + "/executions")
    assert response.status_code == 403 and "opted in" in response.json()["message"]


@pytest.mark.parametrize("identifier", ["", "00000000-0000-0000-0000-000000000000"], ids=["empty", "wrong"])
def test_identifier_must_match_on_config_calls(url, identifier):
    mcs = Mcs(url, identifier=identifier)
    assert mcs.call("GET", CONFIG + "/executions").status_code == 401
    assert mcs.put("DCMATI", "3-7JZXAMZ", {"action": "cancel"}).status_code == 401


# ---- schedule and cancel ------------------------------------------------------------------------

def test_schedule_answers_the_documented_shape(mcs, clock):
    execution_id = mcs.create(body=PROGRAM_TRACE)
    response = mcs.put("DCMATT", execution_id, {"action": "schedule", "scheduledTime": clock(30, offset=-7)})
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == body["rfcNumber"] == execution_id
    assert body["scheduledStart"] == clock(30) and body["scheduledEnd"] == clock(90)  # one hour by default
    assert (body["status"], body["subStatus"], body["custStatus"]) == ("Open", "Ready For Execution", "Acknowledged")
    details = mcs.details("DCMATT", execution_id)
    assert details["scheduledStart"] == clock(30) and details["scheduledBy"] == "mcs-automation"
    assert details["ticketingDetails"]["customerStatus"] == "Acknowledged"


def test_the_sixteen_minute_rule_follows_the_emulator_clock(mcs, clock, control):
    execution_id = mcs.create(body=PROGRAM_TRACE)
    too_soon = mcs.put("DCMATT", execution_id, {"action": "schedule", "scheduledTime": clock(15)})
    assert too_soon.status_code == 400 and "16 minutes" in too_soon.json()["message"]
    assert mcs.put("DCMATT", execution_id, {"action": "schedule", "scheduledTime": clock(16.1)}).status_code == 200
    later = clock(40)
    control.advance(30 * 60)  # 30 minutes on: 40 minutes from the old now is 10 minutes away
    assert mcs.put("DCMATT", execution_id, {"action": "schedule", "scheduledTime": later}).status_code == 400


def test_sample_times_with_single_digit_hours_are_read(mcs):
    execution_id = mcs.create(body=PROGRAM_TRACE)
    moment = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=-7))) + datetime.timedelta(days=2)
    written = moment.strftime("%Y-%m-%dT") + str(moment.hour) + moment.strftime(":%M:%S-07:00")  # as in the docs: T8:53:51-07:00
    assert mcs.put("DCMATT", execution_id, {"action": "schedule", "scheduledTime": written}).status_code == 200


@pytest.mark.parametrize("body,word", [
    ({"action": "schedule"}, "scheduledTime"),
    ({"action": "schedule", "scheduledTime": "tomorrow"}, "scheduledTime"),
    ({"action": "approve"}, "action"),
    ({}, "action"),
])
def test_bad_updates_are_400(mcs, body, word):
    response = mcs.put("DCMATT", mcs.create(body=PROGRAM_TRACE), body)
    assert response.status_code == 400 and word in response.json()["message"]


def test_reschedule_moves_the_schedule(mcs, clock):
    execution_id = mcs.create(body=PROGRAM_TRACE)
    mcs.put("DCMATT", execution_id, {"action": "schedule", "scheduledTime": clock(30)})
    assert mcs.put("DCMATT", execution_id, {"action": "schedule", "scheduledTime": clock(120)}).json()["scheduledStart"] == clock(120)


def test_toggle_schedule_takes_the_downstream_schedule(mcs, clock):
    execution_id = mcs.create()
    body = {"action": "schedule", "checkAutoDisable": False, "scheduledTime": clock(30),
            "downStreamExecutions": [{"scheduledTime": clock(300), "activityType": "Disable"}]}
    answer = mcs.put("DCMATT", execution_id, body).json()
    [downstream] = answer["downStreamExecutions"]
    assert downstream["scheduledStart"] == clock(300) and downstream["subStatus"] == "Ready For Execution"
    assert downstream["config"]["activity"]["type"] == "Disable"


def test_toggle_schedule_without_downstream_leaves_it_unscheduled(mcs, clock):
    execution_id = mcs.create()
    answer = mcs.put("DCMATT", execution_id, {"action": "schedule", "scheduledTime": clock(30)}).json()
    assert answer["subStatus"] == "Ready For Execution"
    assert answer["downStreamExecutions"][0]["subStatus"] == "Ready For Scheduling/Approval"


@pytest.mark.parametrize("downstream,word", [
    ([{"scheduledTime": "later", "activityType": "Disable"}], "downStreamExecutions.scheduledTime"),
    ([{"scheduledTime": None, "activityType": "Enable"}], "valid: Disable"),
    ("Disable", "downStreamExecutions"),
])
def test_bad_downstream_schedules_are_400(mcs, clock, downstream, word):
    response = mcs.put("DCMATT", mcs.create(), {"action": "schedule", "scheduledTime": clock(30), "downStreamExecutions": downstream})
    assert response.status_code == 400 and word in response.json()["message"]


def test_downstream_schedule_obeys_the_sixteen_minute_rule(mcs, clock):
    body = {"action": "schedule", "scheduledTime": clock(30), "downStreamExecutions": [{"scheduledTime": clock(5), "activityType": "Disable"}]}
    response = mcs.put("DCMATT", mcs.create(), body)
    assert response.status_code == 400 and "16 minutes" in response.json()["message"]


def test_cancel_of_the_seeded_toggle_matches_the_documented_sample(mcs):
    response = mcs.put("DCMATI", "3-7JZXAMZ", {"action": "cancel"})
    assert response.status_code == 200
    activity = {"type": "Trace & Debug", "activity": {"name": "FRD Enable/Disable", "type": "Enable"}}
    downstream = {"id": "3-7JZXAMB", "rfcNumber": "3-7JZXAMB", "status": "Open", "subStatus": "Ready For Scheduling/Approval",
                  "custStatus": "Review Update", "config": {"type": "Trace & Debug", "activity": {"name": "FRD Enable/Disable", "type": "Disable"}}}
    assert response.json() == {"id": "3-7JZXAMZ", "rfcNumber": "3-7JZXAMZ", "status": "Open",
                               "subStatus": "Ready For Scheduling/Approval", "custStatus": "Review Update", "config": activity,
                               "downStreamExecutions": [downstream]}
    details = mcs.details("DCMATI", "3-7JZXAMZ")
    assert details["scheduledStart"] is None and details["downStreamExecutions"][0]["scheduledStart"] is None


def test_cancel_without_a_schedule_is_a_conflict(mcs):
    response = mcs.put("DCMATI", "3-8KQWBNC", {"action": "cancel"})
    assert response.status_code == 409 and "no schedule" in response.json()["message"]


def test_a_downstream_step_can_be_cancelled_alone(mcs):
    assert mcs.put("DCMATI", "3-7JZXAMB", {"action": "cancel"}).status_code == 200
    assert mcs.details("DCMATI", "3-7JZXAMZ")["ticketingDetails"]["subStatus"] == "Ready For Execution"


@pytest.mark.parametrize("scope", [[USER], [USER, PRIVILEGED]], ids=["user", "privileged-user"])
def test_schedule_and_cancel_need_the_approver(url, clock, scope):
    caller = Mcs(url, scope=scope)
    denied = caller.put("DCMATI", "3-7JZXAMZ", {"action": "cancel"})
    assert denied.status_code == 403 and APPROVER in denied.json()["message"]
    assert caller.put("DCMATI", "3-8KQWBNC", {"action": "schedule", "scheduledTime": clock(60)}).status_code == 403


def test_executions_are_found_only_under_their_instance(mcs):
    assert mcs.call("GET", f"{CONFIG}/DCMATP/executions/3-7JZXAMZ").status_code == 404
    assert mcs.put("DCMATI", "3-NOPE000", {"action": "cancel"}).status_code == 404


# ---- list -------------------------------------------------------------------------------------

def test_list_items_and_total_header(mcs):
    response = mcs.call("GET", CONFIG + "/executions")
    assert response.status_code == 200 and response.headers["X-Total-Rows-Count"] == "4"
    items = {item["id"]: item for item in response.json()}
    assert set(items) == {"3-7JZXAMZ", "3-7JZXAMB", "3-8KQWBNC", "3-9PLMRTD"}
    item = items["3-7JZXAMZ"]
    assert item["ticketingDetails"]["rfcType"] == "Configuration - EBSO" and item["ticketingDetails"]["rfcSubType"] == "Autoexec-Config"
    assert item["ticketingDetails"]["customerStatus"] == "Acknowledged" and "custStatus" not in item
    assert items["3-7JZXAMB"]["referenceExecutionId"] == "3-7JZXAMZ"


def test_list_returns_25_unless_told(mcs):
    for dummy in range(27):
        mcs.create(body=PROGRAM_TRACE)
    first = mcs.call("GET", CONFIG + "/executions")
    assert len(first.json()) == 25 and first.headers["X-Total-Rows-Count"] == "31"
    rest = mcs.call("GET", CONFIG + "/executions", query={"offset": 25, "limit": 25})
    assert len(rest.json()) == 6
    seen = [item["id"] for item in first.json() + rest.json()]
    assert len(set(seen)) == 31
    assert len(mcs.call("GET", CONFIG + "/executions", query={"limit": 40}).json()) == 31


@pytest.mark.parametrize("query,expected", [
    ({"target": "DCMATP"}, {"3-9PLMRTD"}),
    ({"status": "Open"}, {"3-7JZXAMZ", "3-7JZXAMB", "3-8KQWBNC", "3-9PLMRTD"}),
    ({"subStatus": "Ready For Scheduling/Approval"}, {"3-8KQWBNC"}),
    ({"customerStatus": "Acknowledged"}, {"3-7JZXAMZ", "3-7JZXAMB", "3-9PLMRTD"}),
    ({"configType": "Trace & Debug"}, {"3-7JZXAMZ", "3-7JZXAMB", "3-8KQWBNC"}),
    ({"activityName": "FRD Enable/Disable"}, {"3-7JZXAMZ", "3-7JZXAMB"}),
    ({"activityName": "FRD Enable/Disable", "activityType": "Disable"}, {"3-7JZXAMB"}),
])
def test_list_filters(mcs, query, expected):
    response = mcs.call("GET", CONFIG + "/executions", query=query)
    assert {item["id"] for item in response.json()} == expected
    assert response.headers["X-Total-Rows-Count"] == str(len(expected))


@pytest.mark.parametrize("query", [{"offset": -1}, {"limit": 0}, {"limit": "ten"}])
def test_bad_paging_is_400(mcs, query):
    assert mcs.call("GET", CONFIG + "/executions", query=query).status_code == 400


def test_reads_need_the_user_scope(url):
    caller = Mcs(url, scope=[APPROVER])
    assert caller.call("GET", CONFIG + "/executions").status_code == 403
    assert caller.call("GET", CONFIG + "/DCMATI/executions/3-7JZXAMZ").status_code == 403
    assert Mcs(url, client=READER).call("GET", CONFIG + "/executions").status_code == 200


# ---- conflicts and logs -----------------------------------------------------------------------

def test_conflicts_list_the_rfcs_in_the_window(mcs, clock):
    response = mcs.call("GET", CONFIG + "/DCMATI/executions", query={"scheduledStart": clock(100), "scheduledEnd": clock(130)})
    assert response.status_code == 200
    [conflict] = response.json()
    assert conflict["rfcNumber"] == "3-7JZXAMZ" and conflict["rfcSubType"] == "Autoexec-Config"
    assert conflict["duration"] == {"unit": "hours", "value": 2} and conflict["subStatus"] == "Ready For Execution"
    later = mcs.call("GET", CONFIG + "/DCMATI/executions", query={"scheduledStart": clock(250), "scheduledEnd": clock(300)})
    assert [item["rfcNumber"] for item in later.json()] == ["3-7JZXAMB"]
    assert mcs.call("GET", CONFIG + "/DCMATI/executions", query={"scheduledStart": clock(0), "scheduledEnd": clock(10)}).json() == []


def test_conflicts_need_the_approver_and_a_window(url, mcs, clock):
    window = {"scheduledStart": clock(0), "scheduledEnd": clock(60)}
    assert Mcs(url, client=READER).call("GET", CONFIG + "/DCMATI/executions", query=window).status_code == 403
    assert mcs.call("GET", CONFIG + "/DCMATI/executions", query={"scheduledStart": clock(0)}).status_code == 400


def test_logs_list(mcs):
    assert mcs.call("GET", CONFIG + "/DCMATI/executions/3-8KQWBNC/logs/").json() == ["3-8KQWBNC_log1.zip"]
    assert mcs.call("GET", CONFIG + "/DCMATI/executions/3-7JZXAMZ/logs").json() == []


def test_a_log_file_comes_as_base64(mcs):
    response = mcs.call("GET", CONFIG + "/DCMATI/executions/3-8KQWBNC/logs/3-8KQWBNC_log1.zip")
    assert response.status_code == 200
    body = response.json()
    assert body["fileName"] == "3-8KQWBNC_log1.zip"
    assert base64.b64decode(body["content"]).startswith(b"Oracle MCS log 3-8KQWBNC_log1.zip")
    assert mcs.call("GET", CONFIG + "/DCMATI/executions/3-8KQWBNC/logs/nothing.zip").status_code == 404


def test_log_transfer_adds_a_file(mcs):
    path = CONFIG + "/DCMATI/executions/3-7JZXAMZ/logs/"
    response = mcs.call("PUT", path, {"transferLogs": True, "OS_Process_Identifier": "1252"})
    assert response.status_code == 200 and response.json() == {"message": "Log Transfer Initiated"}
    assert mcs.call("GET", path).json() == ["3-7JZXAMZ_log1.zip"]
    assert mcs.call("PUT", path, {"transferLogs": False}).status_code == 400
    assert mcs.call("PUT", path, {"transferLogs": True, "OS_Process_Identifier": [1]}).status_code == 400


def test_logs_need_the_user_scope(url):
    other = Mcs(url, scope=[PRIVILEGED])
    assert other.call("GET", CONFIG + "/DCMATI/executions/3-8KQWBNC/logs/3-8KQWBNC_log1.zip").status_code == 403
    assert other.call("PUT", CONFIG + "/DCMATI/executions/3-8KQWBNC/logs", {"transferLogs": True}).status_code == 403


def test_new_ids_are_the_same_after_a_reset(mcs, control, url):
    first = mcs.create()
    control.reset()
    assert Mcs(url).create() == first


# ---- identity provider: RFC 6749 client authentication -------------------------------------------

def test_basic_credentials_are_form_decoded(url, reseed):
    secret = "p&ss+w%rd/:é"
    reseed({"oci": {"clients": [{"client_id": "app:one", "client_secret": secret, "scopes": [USER], "customers": []}]}})
    encoded = quote("app:one", safe="") + ":" + quote(secret, safe="")
    basic = "Basic " + base64.b64encode(encoded.encode("utf-8")).decode("ascii")
    response = requests.post(url + "/oauth2/v1/token", data={"grant_type": "client_credentials"}, headers={"Authorization": basic}, timeout=5)
    assert response.status_code == 200
    # Sent without the encoding, "+" reads as a space and "%rd" is not an escape: the secret no longer matches.
    raw = "Basic " + base64.b64encode(("app%3Aone:" + secret).encode("utf-8")).decode("ascii")
    response = requests.post(url + "/oauth2/v1/token", data={"grant_type": "client_credentials"}, headers={"Authorization": raw}, timeout=5)
    assert response.status_code == 401


def test_plain_basic_credentials_still_work(url):
    assert requests.post(url + "/oauth2/v1/token", data={"grant_type": "client_credentials"}, auth=AUTOMATION, timeout=5).status_code == 200


# ---- seed ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("executions,word", [
    ([{"id": "3-X"}], "lacks"),
    ([dict({key: "x" for key in oci.EXECUTION_SEED_KEYS}, duration={"unit": "weeks", "value": 1})], "duration"),
    ([{key: "x" for key in oci.EXECUTION_SEED_KEYS}, {key: "x" for key in oci.EXECUTION_SEED_KEYS}], "used twice"),
    ([dict({key: "x" for key in oci.EXECUTION_SEED_KEYS}, downstream=[{"id": "3-Y"}])], "downstream"),
    ([dict({key: "x" for key in oci.EXECUTION_SEED_KEYS}, scheduled_in="soon")], "scheduled_in"),
])
def test_bad_execution_seeds_are_refused(executions, word):
    with pytest.raises(SeedError) as error:
        merge_seed({"oci": {"executions": executions}})
    assert str(error.value).startswith("oci.executions") and word in str(error.value)


def test_bad_activity_seeds_are_refused():
    with pytest.raises(SeedError) as error:
        merge_seed({"oci": {"activities": {"Trace": [{"name": "x", "details": [{"type": "Enable", "parameters": [{"id": 1}]}]}]}}})
    assert "parameterName" in str(error.value)
