# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""on_timeout: fail raises the timeout, detach returns its details with a warning, abort stops then fails."""

import pytest

from ansible_collections.secops.executions.plugins.module_utils import timeouts
from ansible_collections.secops.executions.plugins.module_utils.errors import OptionError, SecopsError, WaitTimeoutError


class Api(object):
    def __init__(self, **params):
        self.params = params
        self.warnings = []

    def warn(self, message):
        self.warnings.append(message)


def timeout():
    return WaitTimeoutError("Timed out after 60 s: run R is still Running. It keeps running", run_id="R", run={"id": "R"}, changed=True)


def test_fail_raises_the_timeout_itself():
    error = timeout()
    with pytest.raises(WaitTimeoutError) as raised:
        timeouts.settle(Api(on_timeout="fail"), error, abort=lambda: pytest.fail("fail must not abort"))
    assert raised.value is error


def test_no_policy_given_means_fail():
    with pytest.raises(WaitTimeoutError):
        timeouts.settle(Api(), timeout())


def test_detach_warns_and_returns_the_details_with_the_id():
    api = Api(on_timeout="detach")
    details = timeouts.settle(api, timeout(), abort=lambda: pytest.fail("detach must not abort"))
    assert details["run_id"] == "R" and details["timed_out"] is True
    assert len(api.warnings) == 1 and "on_timeout=detach" in api.warnings[0] and "run R" in api.warnings[0]


def test_abort_stops_then_fails_saying_so():
    stopped = []

    def abort():
        stopped.append(True)
        return "the run R", {"run": {"id": "R", "status": "Aborted"}}
    with pytest.raises(SecopsError) as raised:
        timeouts.settle(Api(on_timeout="abort"), timeout(), abort)
    assert stopped == [True]
    assert raised.value.msg == "Timed out after 60 s; on_timeout=abort stopped the run R"
    assert raised.value.details["aborted"] and raised.value.details["run"]["status"] == "Aborted" and raised.value.details["run_id"] == "R"


def test_an_api_that_cannot_abort_refuses_it_as_bad_input():
    with pytest.raises(OptionError) as raised:
        timeouts.refuse_abort({"on_timeout": "abort"}, "no stop call")
    assert raised.value.option == "on_timeout" and "no stop call" in raised.value.msg
    timeouts.refuse_abort({"on_timeout": "detach"}, "no stop call")
