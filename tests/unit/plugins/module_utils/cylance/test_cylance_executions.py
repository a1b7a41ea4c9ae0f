# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

import copy

import pytest
import requests

from ansible_collections.secops.executions.plugins.module_utils.cylance import executions, model
from ansible_collections.secops.executions.plugins.module_utils.errors import OptionError, SecopsError, WaitTimeoutError
from ansible_collections.secops.executions.plugins.module_utils.waiting import Waiter

from ansible_collections.secops.executions.tests.unit.plugins.module_utils import fakes
from ansible_collections.secops.executions.tests.unit.plugins.module_utils.fakes import FakeClock as Clock, FakeRaw

PACKAGE = "61d8944e-d900-4724-87eb-d10078b90a41"
DESIRED = {
    "name": "Weekly",
    "target": {"zones": ["24F766586A214E72A64427BD407C9485"]},
    "destination": "sftp://optics:s3cret@results.example.com/optics",
    "packageExecutions": [{"arguments": ["-browser ALL"], "package": PACKAGE}],
    "keepResultsLocally": False,
}
# The same execution as an answer spells it: package as a download URL, target with an empty list,
# IDs in another form, and the password masked.
ANSWERED = {
    "id": "fc7e0db3-39e3-4d04-a6fd-95d05fd2eb19",
    "name": "Weekly",
    "createdAt": "2026-11-16T13:37:11.946Z",
    "target": {"zones": ["24f76658-6a21-4e72-a644-27bd407c9485"], "devices": []},
    "destination": "sftp://optics:********@results.example.com/optics",
    "packageExecutions": [{"arguments": ["-browser ALL"], "package": "https://content-na.cylance.com/61D8944ED900472487EBD10078B90A41"}],
    "keepResultsLocally": False,
    "deviceCount": 3,
    "deviceStatuses": {"acked": 0, "succeeded": 2, "failed": 1},
}


def changed(**overrides):
    execution = copy.deepcopy(ANSWERED)
    execution.update(overrides)
    return execution


def test_an_answer_matches_the_request_it_came_from():
    assert model.differences(ANSWERED, DESIRED) == []


@pytest.mark.parametrize("overrides, keys", [
    ({"packageExecutions": [{"arguments": ["-browser", "ALL"], "package": PACKAGE}]}, ["packages"]),
    ({"packageExecutions": [{"arguments": ["-browser ALL"], "package": "https://content-na.cylance.com/F61D806C69F845DCB33ED728C47764DD"}]},
     ["packages"]),
    ({"packageExecutions": ANSWERED["packageExecutions"] * 2}, ["packages"]),
    ({"target": {"devices": ["E378DACB9324453AB8C65A8406952195"]}}, ["devices", "zones"]),
    ({"destination": "sftp://optics:********@results.example.com/other"}, ["destination"]),
    ({"destination": ""}, ["destination"]),
    ({"keepResultsLocally": True}, ["keep_results_locally"]),
], ids=["argument-tokens", "other-package", "extra-package", "devices-not-zones", "other-path", "no-destination", "keep"])
def test_differences_are_named(overrides, keys):
    assert model.differences(changed(**overrides), DESIRED) == keys


def test_target_order_and_duplicates_do_not_matter():
    zones = ["8DC42383B81C46DF95F94DD11E256AC9", "24F766586A214E72A64427BD407C9485"]
    current = changed(target={"zones": [zones[1].lower(), zones[0], zones[1]]})
    assert model.differences(current, dict(DESIRED, target={"zones": zones})) == []


def test_a_new_password_for_the_same_destination_is_the_same_execution():
    current = changed(destination="sftp://optics:old-password@results.example.com/optics")
    assert model.differences(current, DESIRED) == []


def test_summary_and_messages_never_show_credentials():
    keys = model.differences(changed(destination="ftp://u:hunter2@elsewhere/x", keepResultsLocally=True), DESIRED)
    message = model.describe_differences(changed(destination="ftp://u:hunter2@elsewhere/x"), DESIRED, keys)
    assert "hunter2" not in message and "s3cret" not in message
    assert message == "destination differs (not shown: it may hold credentials); keep_results_locally: has false, task wants false"
    assert model.summary(DESIRED)["destination"] == "sftp://********@results.example.com/optics"
    assert model.public(DESIRED)["destination"] == "sftp://********@results.example.com/optics"
    assert DESIRED["destination"].startswith("sftp://optics:s3cret")  # the input is not modified


def test_readable_package_differences():
    other = changed(packageExecutions=[{"arguments": [], "package": "https://content-na.cylance.com/F61D806C69F845DCB33ED728C47764DD"}])
    message = model.describe_differences(other, DESIRED, ["packages"])
    assert message == ('packages: has f61d806c-69f8-45dc-b33e-d728c47764dd with arguments [], '
                       'task wants 61d8944e-d900-4724-87eb-d10078b90a41 with arguments ["-browser ALL"]')


def test_summary_is_what_a_diff_shows():
    assert model.summary(ANSWERED) == {
        "name": "Weekly",
        "packages": [{"package": PACKAGE, "arguments": ["-browser ALL"]}],
        "zones": ["24F766586A214E72A64427BD407C9485"],
        "destination": "sftp://********@results.example.com/optics",
        "keep_results_locally": False,
    }


@pytest.mark.parametrize("execution, counts", [
    (ANSWERED, {"device_count": 3, "acked": 0, "succeeded": 2, "failed": 1, "unfinished": 0}),
    ({"deviceCount": 3, "deviceStatuses": {"acked": 3}}, {"device_count": 3, "acked": 3, "succeeded": 0, "failed": 0, "unfinished": 3}),
    ({"deviceCount": 0}, {"device_count": 0, "acked": 0, "succeeded": 0, "failed": 0, "unfinished": 0}),
    ({"deviceCount": "2", "deviceStatuses": {"succeeded": None, "failed": "x"}},
     {"device_count": 2, "acked": 0, "succeeded": 0, "failed": 0, "unfinished": 2}),
], ids=["finished", "acked-only", "no-device", "odd-values"])
def test_device_counts(execution, counts):
    assert model.device_counts(execution) == counts
    assert model.finished(execution) == (counts["unfinished"] == 0)


PARAMS = {"name": "Weekly", "id": None, "packages": [{"package": "Browser History", "arguments": []}], "zones": ["24F766586A214E72A64427BD407C9485"],
          "destination": "", "keep_results_locally": True, "max_failed_devices": None, "wait": True, "wait_timeout": 60,
          "poll_interval": 5, "replace": False}


@pytest.mark.parametrize("overrides, start", [
    ({"name": "  "}, "name: must not be empty"),
    ({"packages": []}, "packages: list at least one package"),
    ({"packages": [{"package": " ", "arguments": []}]}, "packages: item 1 has an empty package"),
    ({"keep_results_locally": False}, "destination: the results would be kept nowhere"),
    ({"max_failed_devices": -1}, "max_failed_devices: must be 0 or more"),
    ({"wait_timeout": 0}, "wait_timeout: must be greater than 0"),
    ({"zones": [], "devices": ["nope"]}, "devices: 'nope' is not a UUID"),
], ids=["name", "no-packages", "empty-package", "no-results", "max-failed", "wait-timeout", "bad-device"])
def test_request_is_checked_before_any_request(overrides, start):
    with pytest.raises(OptionError) as error:
        executions.ExecutionRequest(dict(PARAMS, **overrides))
    assert error.value.msg.startswith(start)


def test_no_wait_skips_the_wait_checks():
    request = executions.ExecutionRequest(dict(PARAMS, wait=False, wait_timeout=0))
    assert request.wait is False and request.target.kind == "zones"


@pytest.mark.parametrize("value", ["not-an-id", "", "FC7E0DB3"])
def test_execution_ids_are_checked(value):
    with pytest.raises(OptionError, match="^id: "):
        executions.valid_id(value)
    assert executions.valid_id("FC7E0DB339E34D04A6FD95D05FD2EB19") == "fc7e0db3-39e3-4d04-a6fd-95d05fd2eb19"


class Polled(object):
    """Answers GET of one execution with the next state in ``states`` (None: gone)."""

    def __init__(self, states):
        self.states = list(states)

    def get(self, path, query=None, allow_status=()):
        state = self.states.pop(0)

        class Answer(object):
            status = 404 if state is None else 200
            json = state
        return Answer()


def running(succeeded, failed):
    return changed(deviceStatuses={"acked": 3 - succeeded - failed, "succeeded": succeeded, "failed": failed})


def test_waiting_returns_the_finished_execution():
    clock = Clock()
    client = Polled([running(1, 0), running(2, 1)])
    done = executions.wait_until_finished(client, running(0, 0), Waiter(60, 5, sleep=clock.sleep, clock=clock), created=True)
    assert done["deviceStatuses"]["succeeded"] == 2 and clock.now == 10


def test_a_timeout_names_the_execution_and_its_counts_and_hides_the_destination():
    clock = Clock()
    client = Polled([running(1, 0), running(1, 1)])
    with pytest.raises(WaitTimeoutError) as error:
        executions.wait_until_finished(client, running(0, 0), Waiter(10, 5, sleep=clock.sleep, clock=clock), created=True)
    failure = error.value.fail_kwargs()
    assert failure["msg"] == ("Timed out after 10 s: execution fc7e0db3-39e3-4d04-a6fd-95d05fd2eb19 ('Weekly') has 1 of 3 devices "
                              "still running (1 succeeded, 1 failed); it was left running")
    assert failure["execution_id"] == ANSWERED["id"] and failure["changed"] is True
    assert failure["device_counts"]["unfinished"] == 1 and "********" in failure["execution"]["destination"]


def test_an_execution_deleted_while_waiting_is_reported():
    with pytest.raises(SecopsError, match="was deleted while waiting"):
        executions.wait_until_finished(Polled([None]), running(0, 0), Waiter(10, 5, sleep=lambda s: None, clock=lambda: 0), created=False)


# ---- states over a scripted session ---------------------------------------------------------------

class FakeApi(fakes.FakeApi):
    """The shared fake with this module's defaults; ``sent`` as (method, path)."""

    def __init__(self, *answers, **params):
        defaults = dict(name="Weekly", id=None, packages=[{"package": PACKAGE, "arguments": ["-browser ALL"]}],
                        devices=None, device_names=None, zones=["24F766586A214E72A64427BD407C9485"], zone_names=None,
                        destination=DESIRED["destination"], keep_results_locally=False, replace=False, max_failed_devices=None,
                        wait=False, wait_timeout=900, poll_interval=15)
        super(FakeApi, self).__init__("https://protectapi.cylance.com", answers, defaults, **params)

    @property
    def sent(self):
        return [(sent["method"], sent["url"].replace("https://protectapi.cylance.com", "")) for sent in self.session.sent]


def page(*executions_):
    return FakeRaw(200, {"page_number": 1, "page_size": 200, "total_pages": 1, "total_number_of_items": len(executions_),
                         "page_items": list(executions_)})


def test_several_executions_of_the_name_are_reported_and_the_newest_kept():
    # Two plays created the same name at once: both executions match the task.
    older = changed(id="2b7a07d1-8d84-4a55-9f5e-6c1d1bd3a6f0", createdAt="2026-11-16T13:37:11.900Z")
    api = FakeApi(page(older, ANSWERED))
    changed_, result, diff = executions.ensure_present(api)
    assert (changed_, diff) == (False, None)
    assert result["execution"]["id"] == ANSWERED["id"] and result["duplicates"] == [older["id"]]
    assert len(api.warnings) == 1 and "2 executions are named 'Weekly'" in api.warnings[0]
    assert older["id"] in api.warnings[0] and "state=absent" in api.warnings[0]
    assert api.sent == [("GET", "/packages/v2/executions")]


def test_one_execution_of_the_name_reports_no_duplicate():
    api = FakeApi(page(ANSWERED))
    dummy, result, dummy_diff = executions.ensure_present(api)
    assert result["duplicates"] == [] and api.warnings == []


def test_an_execution_listed_then_gone_counts_as_deleted():
    # The DELETE reached the API but its answer was lost; sent again, it finds nothing (404).
    api = FakeApi(page(ANSWERED), requests.exceptions.ConnectionError("Remote end closed connection without response"),
                  FakeRaw(404, {"message": "package execution not found"}), state="absent")
    changed_, result, dummy = executions.ensure_absent(api)
    assert changed_ is True and [execution["id"] for execution in result["executions"]] == [ANSWERED["id"]]
    assert [method for method, dummy in api.sent] == ["GET", "DELETE", "DELETE"]
