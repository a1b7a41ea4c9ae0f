# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Waiting for a CCS run: the run just started is not read again at once."""

import contextlib
import functools

from ansible_collections.secops.executions.plugins.module_utils.ccs import runs
from ansible_collections.secops.executions.plugins.module_utils.waiting import Waiter
from ansible_collections.secops.executions.tests.unit.plugins.module_utils.fakes import FakeClock as Clock

JOB = {"id": "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "name": "Nightly CIS scan - web"}
RUN_ID = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a"


class History(object):
    """Answers each GET jobruns with the run's status at the clock's time; records when it was asked."""

    def __init__(self, clock, ends_at):
        self.clock = clock
        self.ends_at = ends_at
        self.asked_at = []

    @staticmethod
    def retries_until(deadline):
        return contextlib.nullcontext()

    def get(self, path, query=None):
        self.asked_at.append(self.clock.now)
        run_status = "Completed" if self.clock.now >= self.ends_at else "Running"

        class Answer(object):
            json = [{"JobRunID": RUN_ID, "JobID": JOB["id"], "Status": run_status, "StartTime": "2026-11-23T13:00:00Z"}]
            status = 200
        return Answer()


def test_a_ten_minute_run_is_seen_ending_with_40_polls(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(runs, "Waiter", functools.partial(Waiter, sleep=clock.sleep, clock=clock))
    client = History(clock, ends_at=600)
    started = {"id": RUN_ID, "job_id": JOB["id"], "status": "Running", "active": True}
    ended = runs.wait(client, JOB, started, timeout=3600, interval=15)
    assert ended["status"] == "Completed" and not ended["active"]
    assert client.asked_at[0] == 15 and len(client.asked_at) == 40 and client.asked_at[-1] == 600
