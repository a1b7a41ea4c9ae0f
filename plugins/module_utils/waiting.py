# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Poll remote work until it ends, or fail with a typed timeout that leaves it running."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible_collections.secops.executions.plugins.module_utils.errors import OptionError, WaitTimeoutError

MIN_POLL_INTERVAL = 1


def wait_spec(default_timeout=900, default_interval=15):
    """The ``wait`` / ``wait_timeout`` / ``poll_interval`` options modules add to their spec."""
    return dict(
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=default_timeout),
        poll_interval=dict(type="int", default=default_interval),
    )


def check_wait_params(params):
    """Reject impossible waits before any request is sent."""
    if params["wait_timeout"] <= 0:
        raise OptionError("wait_timeout", "must be greater than 0 seconds, got {0}".format(params["wait_timeout"]))
    if params["poll_interval"] < MIN_POLL_INTERVAL:
        raise OptionError("poll_interval", "must be at least {0} second, got {1}".format(MIN_POLL_INTERVAL, params["poll_interval"]))
    if params["poll_interval"] > params["wait_timeout"]:
        raise OptionError("poll_interval", "must not exceed wait_timeout ({0} s), got {1}".format(params["wait_timeout"], params["poll_interval"]))


class Waiter(object):
    """Calls ``fetch()`` until ``done(state)`` is true.

    The last poll happens at the deadline, so the end is seen within one
    interval of when it happened, and never later than ``timeout``. With the
    ``client`` the polls go through, sleeps stop when Ansible is gone and a poll
    in flight at the deadline is not retried past it: the wait ends at most one
    request ``timeout`` after ``timeout``.
    """

    def __init__(self, timeout, interval, sleep=None, clock=time.monotonic, client=None):
        self.timeout = timeout
        self.interval = interval
        self.polls = 0
        self._sleep = sleep or (client.sleep if client is not None else time.sleep)
        self._clock = clock
        self._client = client

    def until(self, fetch, done, describe, state=None):
        """Return the first state for which ``done`` holds; raise WaitTimeoutError otherwise.

        ``describe(state)`` returns (message, details) for the timeout error. ``state`` is the
        state the caller has just read (a create or start answer), if any: the first poll then
        comes one interval later instead of reading the same state again at once.
        """
        deadline = self._clock() + self.timeout
        if state is None:
            state = self._poll(fetch, deadline)
        while not done(state):
            remaining = deadline - self._clock()
            if remaining <= 0:
                message, details = describe(state)
                raise WaitTimeoutError("Timed out after {0} s: {1}".format(self.timeout, message), polls=self.polls, **details)
            self._sleep(min(self.interval, remaining))
            state = self._poll(fetch, deadline)
        return state

    def _poll(self, fetch, deadline):
        self.polls += 1
        if self._client is None:
            return fetch()
        with self._client.retries_until(deadline):
            return fetch()
