# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

import pytest

from ansible_collections.secops.executions.plugins.module_utils.errors import OptionError, WaitTimeoutError
from ansible_collections.secops.executions.plugins.module_utils.waiting import Waiter, check_wait_params
from ansible_collections.secops.executions.tests.unit.plugins.module_utils.fakes import FakeClock as Clock


def test_returns_first_done_state_and_counts_polls():
    clock = Clock()
    states = iter(["running", "running", "done"])
    waiter = Waiter(timeout=100, interval=10, sleep=clock.sleep, clock=clock)
    assert waiter.until(lambda: next(states), lambda s: s == "done", None) == "done"
    assert waiter.polls == 3 and clock.now == 20


def test_timeout_polls_at_the_deadline_and_reports_last_state():
    clock = Clock()
    waiter = Waiter(timeout=25, interval=10, sleep=clock.sleep, clock=clock)
    with pytest.raises(WaitTimeoutError) as info:
        waiter.until(lambda: {"acked": 3}, lambda s: False, lambda s: ("execution X still running", {"execution_id": "X", "last": s}))
    assert clock.now == 25 and waiter.polls == 4
    kwargs = info.value.fail_kwargs()
    assert kwargs["execution_id"] == "X" and kwargs["last"] == {"acked": 3} and "Timed out after 25 s" in kwargs["msg"]


def test_ten_minutes_at_the_default_interval_take_40_polls():
    # As the modules wait: with the state the create or start answer gave, not yet done.
    clock = Clock()
    waiter = Waiter(timeout=900, interval=15, sleep=clock.sleep, clock=clock)
    waiter.until(lambda: clock.now, lambda t: t >= 600, None, state=0.0)
    assert waiter.polls == 40 and clock.now - 600 < 15


def test_a_given_state_is_not_read_again_at_once():
    clock = Clock()
    polled_at = []
    waiter = Waiter(timeout=100, interval=10, sleep=clock.sleep, clock=clock)

    def fetch():
        polled_at.append(clock.now)
        return "done" if clock.now >= 20 else "running"
    assert waiter.until(fetch, lambda s: s == "done", None, state="running") == "done"
    assert polled_at == [10, 20] and waiter.polls == 2


def test_a_given_state_that_is_done_needs_no_poll():
    clock = Clock()
    waiter = Waiter(timeout=100, interval=10, sleep=clock.sleep, clock=clock)
    assert waiter.until(lambda: pytest.fail("polled"), lambda s: s == "done", None, state="done") == "done"
    assert waiter.polls == 0 and clock.now == 0


def test_a_given_state_still_times_out_at_the_deadline():
    clock = Clock()
    waiter = Waiter(timeout=25, interval=10, sleep=clock.sleep, clock=clock)
    with pytest.raises(WaitTimeoutError) as info:
        waiter.until(lambda: "polled", lambda s: False, lambda s: ("still running", {"last": s}), state="given")
    assert clock.now == 25 and waiter.polls == 3 and info.value.fail_kwargs()["last"] == "polled"


@pytest.mark.parametrize("params,option", [
    ({"wait_timeout": 0, "poll_interval": 5}, "wait_timeout"),
    ({"wait_timeout": 60, "poll_interval": 0}, "poll_interval"),
    ({"wait_timeout": 10, "poll_interval": 30}, "poll_interval"),
])
def test_impossible_waits_name_the_option(params, option):
    with pytest.raises(OptionError) as info:
        check_wait_params(params)
    assert info.value.msg.startswith(option + ":")
