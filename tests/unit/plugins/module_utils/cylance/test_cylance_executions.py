# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

import copy

import pytest
import requests

from ansible_collections.secops.executions.plugins.module_utils.cylance import executions, model
from ansible_collections.secops.executions.plugins.module_utils.errors import ApiError, OptionError, SecopsError, WaitTimeoutError
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

    @staticmethod
    def not_found(answer):
        return answer.status == 404


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


LIST_REFUSED = FakeRaw(403, {"message": "access token lacks the opticspkgdeploy:list scope"})
PACKAGE_READY = FakeRaw(200, {"packageId": PACKAGE, "status": "success", "packageDescriptor": {"name": "Browser History"}})


def test_a_refused_list_fails_naming_the_privilege_and_the_opt_out_before_any_write():
    api = FakeApi(LIST_REFUSED)
    with pytest.raises(ApiError) as error:
        executions.ensure_present(api)
    assert error.value.status == 403
    assert "opticspkgdeploy:list" in error.value.msg and "name_check=best_effort" in error.value.msg and "'Weekly'" in error.value.msg
    assert api.sent == [("GET", "/packages/v2/executions")]


def test_a_refused_list_with_best_effort_warns_and_creates():
    api = FakeApi(LIST_REFUSED, PACKAGE_READY, FakeRaw(201, ANSWERED), name_check="best_effort")
    changed_, result, diff = executions.ensure_present(api)
    assert changed_ and result["execution"]["id"] == ANSWERED["id"] and diff["before"] == {"state": "absent"}
    assert api.sent == [("GET", "/packages/v2/executions"), ("GET", "/packages/v2/" + PACKAGE), ("POST", "/packages/v2/executions")]
    assert len(api.warnings) == 1 and "opticspkgdeploy:list" in api.warnings[0] and "'Weekly'" in api.warnings[0]


def test_a_refused_list_with_best_effort_in_check_mode_predicts_the_create_and_writes_nothing():
    api = FakeApi(LIST_REFUSED, PACKAGE_READY, name_check="best_effort", check_mode=True)
    changed_, result, dummy = executions.ensure_present(api)
    assert changed_ and result["execution"]["name"] == "Weekly" and len(api.warnings) == 1
    assert api.sent == [("GET", "/packages/v2/executions"), ("GET", "/packages/v2/" + PACKAGE)]


def test_an_allowed_list_with_best_effort_keeps_the_idempotency_check():
    api = FakeApi(page(ANSWERED), name_check="best_effort")
    assert executions.ensure_present(api)[0] is False and api.warnings == []


@pytest.mark.parametrize("destination", ["sftp://user:pw@results.example.com/dir", "ftp://ftp.example.com/ir", "SMB://fs01/share/dir",
                                         "ftps://h/x", "https://KEY:SECRET@bucket.s3.amazonaws.com/dir", "",
                                         "\\\\fileserver\\optics$\\results", "//fileserver/optics"])
def test_destinations_of_the_known_schemes_pass_quietly(destination):
    assert model.destination_warning(destination) is None


@pytest.mark.parametrize("destination, problem", [
    ("results.example.com/dir", "has no scheme"),
    ("user:Secret-1@results.example.com/dir", "has no scheme"),
    ("sftp:/results.example.com/dir", "has no scheme"),
    ("sftp:///dir", "has no host after sftp://"),
    ("\\\\fs01", "share path without a share"),
    ("//fs01/", "share path without a share"),
])
def test_a_destination_that_is_not_a_url_fails_on_the_option_without_repeating_it(destination, problem):
    with pytest.raises(OptionError) as error:
        model.destination_warning(destination)
    assert error.value.option == "destination" and problem in error.value.msg and "Secret-1" not in error.value.msg


def test_an_unknown_scheme_is_a_warning_naming_the_scheme_only():
    warning = model.destination_warning("sfpt://optics:Secret-1@results.example.com/dir")
    assert "'sfpt'" in warning and "typo" in warning and "Secret-1" not in warning


def test_the_destination_warning_reaches_the_task_before_any_request():
    api = FakeApi(page(), PACKAGE_READY, page(), FakeRaw(201, ANSWERED), destination="s3://bucket/dir")
    executions.ensure_present(api)
    assert len(api.warnings) == 1 and "'s3'" in api.warnings[0]


def test_a_bad_destination_fails_before_any_request():
    api = FakeApi(destination="results.example.com/dir")
    with pytest.raises(OptionError):
        executions.ensure_present(api)
    assert api.sent == []


FAILED_PACKAGE = {"packageId": PACKAGE, "status": "failed", "packageDescriptor": {"name": "Memory Dump"}}


@pytest.mark.parametrize("check_mode", [False, True])
def test_a_failed_package_given_by_id_is_refused_before_the_post(check_mode):
    api = FakeApi(page(), FakeRaw(200, FAILED_PACKAGE), check_mode=check_mode)
    with pytest.raises(OptionError) as error:
        executions.ensure_present(api)
    assert error.value.option == "packages" and "'Memory Dump'" in error.value.msg and "'failed'" in error.value.msg
    assert api.sent == [("GET", "/packages/v2/executions"), ("GET", "/packages/v2/" + PACKAGE)]


def test_an_unknown_package_id_is_refused_before_the_post():
    api = FakeApi(page(), FakeRaw(404, {"message": "package not found"}))
    with pytest.raises(OptionError) as error:
        executions.ensure_present(api)
    assert "no package has the ID " + PACKAGE in error.value.msg and [m for m, dummy in api.sent] == ["GET", "GET"]


def test_a_package_that_may_not_be_read_is_created_with_a_warning():
    api = FakeApi(page(), FakeRaw(403, {"message": "access token lacks the opticspkgconfig:read scope"}), page(), FakeRaw(201, ANSWERED))
    assert executions.ensure_present(api)[0] is True
    assert len(api.warnings) == 1 and "opticspkgconfig:read" in api.warnings[0]
    assert [method for method, dummy in api.sent] == ["GET", "GET", "GET", "POST"]


def test_the_unchanged_path_does_not_read_the_packages():
    api = FakeApi(page(ANSWERED))
    assert executions.ensure_present(api)[0] is False and api.sent == [("GET", "/packages/v2/executions")]


# ---- lists that change while they are read (issue 12, item 4) ------------------------------------

EMPTY = page()


def test_a_create_lists_again_right_before_the_post():
    api = FakeApi(EMPTY, PACKAGE_READY, EMPTY, FakeRaw(200, ANSWERED))
    changed_, result, dummy = executions.ensure_present(api)
    assert changed_ is True and result["execution"]["id"] == ANSWERED["id"] and result["duplicates"] == []
    assert api.sent == [("GET", "/packages/v2/executions"), ("GET", "/packages/v2/" + PACKAGE), ("GET", "/packages/v2/executions"),
                        ("POST", "/packages/v2/executions")]


def test_an_execution_created_meanwhile_is_kept_instead_of_a_second_one():
    # Another play (or a list that shifted under the first walk) made it between our list and our POST.
    api = FakeApi(EMPTY, PACKAGE_READY, page(ANSWERED))
    changed_, result, dummy = executions.ensure_present(api)
    assert changed_ is False and result["execution"]["id"] == ANSWERED["id"] and result["duplicates"] == []
    assert [method for method, dummy in api.sent] == ["GET", "GET", "GET"]


def test_a_different_execution_created_meanwhile_is_a_conflict_and_nothing_is_posted():
    other = changed(destination="ftp://elsewhere.example.com/x")
    api = FakeApi(EMPTY, PACKAGE_READY, page(other))
    with pytest.raises(executions.ExecutionConflict):
        executions.ensure_present(api)
    assert [method for method, dummy in api.sent] == ["GET", "GET", "GET"]


def test_replace_does_not_take_the_execution_it_deleted_for_a_new_one():
    old = changed(destination="ftp://elsewhere.example.com/x")
    # The re-check still lists the deleted execution (a lagging list): it is neither kept nor deleted twice.
    api = FakeApi(page(old), PACKAGE_READY, FakeRaw(200, old), page(old), FakeRaw(200, ANSWERED), replace=True)
    changed_, result, dummy = executions.ensure_present(api)
    assert changed_ is True and result["execution"]["id"] == ANSWERED["id"]
    assert [method for method, dummy in api.sent] == ["GET", "GET", "DELETE", "GET", "POST"]


def test_the_kept_execution_listed_twice_is_not_its_own_duplicate():
    api = FakeApi(page(ANSWERED, ANSWERED))
    dummy, result, dummy_diff = executions.ensure_present(api)
    assert result["duplicates"] == [] and api.warnings == []
    # Even when handed a list with the kept one twice, the report never names the kept ID.
    assert executions.report_duplicates(api, "Weekly", dict(ANSWERED), [ANSWERED, dict(ANSWERED)]) == []


def test_absent_by_name_deletes_an_execution_listed_twice_once():
    api = FakeApi(page(ANSWERED, changed(id="2b7a07d1-8d84-4a55-9f5e-6c1d1bd3a6f0"), ANSWERED),
                  FakeRaw(200, ANSWERED), FakeRaw(200, ANSWERED), state="absent")
    changed_, result, dummy = executions.ensure_absent(api)
    assert changed_ is True and len(result["executions"]) == 2
    deletes = [path for method, path in api.sent if method == "DELETE"]
    assert len(deletes) == len(set(deletes)) == 2


def test_a_listed_execution_without_an_id_is_a_readable_failure():
    api = FakeApi(page(dict(ANSWERED, id=None)))
    with pytest.raises(SecopsError) as error:
        executions.ensure_present(api)
    assert "GET /packages/v2/executions returned HTTP 200 with an execution named 'Weekly' without an id" in error.value.msg


def test_waiting_for_an_execution_without_an_id_is_a_readable_failure():
    without_id = dict(running(0, 0))
    without_id.pop("id", None)
    with pytest.raises(SecopsError) as error:
        executions.wait_until_finished(Polled([]), without_id, Waiter(10, 5, sleep=lambda s: None, clock=lambda: 0), created=True)
    assert "without an id" in error.value.msg
