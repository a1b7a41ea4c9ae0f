# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Event-Driven Ansible source secops_outcomes, loaded from the installed collection as
ansible-rulebook loads it (by its path), run with an asyncio queue against the emulator; and end
to end with ansible-rulebook when it and Java are installed."""

import asyncio
import importlib.util
import os
import shutil
import subprocess
import time

import pytest

from tasks_play import COLLECTIONS, environment

SOURCE = os.path.join(COLLECTIONS, "ansible_collections", "secops", "executions", "extensions", "eda", "plugins", "event_source",
                      "secops_outcomes.py")
LEGACY_JOB = "2c3d4e5f-6a7b-4c8d-ae9f-1a2b3c4d5e6f"  # "Legacy collection - decommissioned": its runs fail (unreachable asset)


def load_source():
    spec = importlib.util.spec_from_file_location("secops_outcomes", SOURCE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ccs_args(emulator, **extra):
    env = environment(emulator)
    return dict({"consoles": ["ccs"], "ccs_api_url": env["CCS_API_URL"], "ccs_username": env["CCS_USERNAME"],
                 "ccs_password": env["CCS_PASSWORD"], "interval": 1}, **extra)


def start_run(emulator, job_id):
    """Run a CCS job as an operator would, outside the source."""
    env = environment(emulator)
    source = load_source()
    client = source.make_client("ccs", {"ccs_api_url": env["CCS_API_URL"], "ccs_username": env["CCS_USERNAME"],
                                        "ccs_password": env["CCS_PASSWORD"]})
    client.post("jobs/{0}".format(job_id), json_body={"Operation": "execute"})


def collect(source, args, action=None, want=2, timeout=40):
    """Run the source; ``action()`` once it has primed; events until ``want`` came or ``timeout`` passed."""
    async def scenario():
        queue = asyncio.Queue()
        task = asyncio.ensure_future(source.main(queue, args))
        await asyncio.sleep(1.5)
        if action:
            await asyncio.to_thread(action)
        events = []
        deadline = time.monotonic() + timeout
        while len(events) < want and time.monotonic() < deadline:
            try:
                events.append(await asyncio.wait_for(queue.get(), timeout=1))
            except asyncio.TimeoutError:
                if task.done():
                    break
        task.cancel()
        return events
    return asyncio.run(scenario())


def test_a_failed_ccs_run_is_two_transitions(emulator):
    emulator.control.reset()
    source = load_source()
    events = collect(source, ccs_args(emulator), action=lambda: start_run(emulator, LEGACY_JOB))
    transitions = [(event["secops"]["old_status"], event["secops"]["new_status"]) for event in events
                   if event["secops"]["id"] == LEGACY_JOB]
    assert transitions == [("Failed", "Running"), ("Running", "Failed")]
    event = events[-1]["secops"]
    assert event["console"] == "ccs" and event["name"] == "Legacy collection - decommissioned" and event["timestamp"].endswith("Z")


def test_one_list_request_per_poll_however_many_jobs(emulator):
    emulator.control.reset()
    source = load_source()
    collect(source, ccs_args(emulator, polls=3), want=1, timeout=6)
    calls = [entry for entry in emulator.control.requests() if entry["path"].startswith("/ccs/api/v1/") and "oauth" not in entry["path"]]
    assert len(calls) == 3 and {entry["path"] for entry in calls} == {"/ccs/api/v1/Jobs"}


def test_the_first_poll_only_primes_and_memory_is_bounded(emulator):
    source = load_source()
    watch = source.Watch("ccs", limit=2)
    listing = dict(("job{0}".format(n), ("Completed", "Job", {}, n)) for n in range(5))
    assert watch.transitions(listing, "now") == [] and list(watch.known) == ["job3", "job4"]
    changed = dict(listing, job4=("Failed", "Job", {}, 99))
    assert [event["secops"]["id"] for event in watch.transitions(changed, "now")] == ["job0", "job1", "job2", "job4"]


def test_a_console_that_fails_backs_off_and_the_source_goes_on(emulator, caplog):
    source = load_source()
    args = ccs_args(emulator, ccs_api_url="http://127.0.0.1:9", ccs_retries=0, polls=2, interval=0.1, max_backoff=0.3)
    assert collect(source, args, want=1, timeout=10) == []
    warnings = [record.getMessage() for record in caplog.records if "secops_outcomes" in record.getMessage()]
    assert len(warnings) == 2 and "next try in" in warnings[0]
    assert all("Adm1n" not in text for text in warnings)


def test_unknown_consoles_are_refused():
    source = load_source()
    with pytest.raises(ValueError):
        asyncio.run(source.main(asyncio.Queue(), {"consoles": ["splunk"]}))


RULEBOOK = os.path.join(os.path.dirname(__file__), "..", "..", "extensions", "eda", "rulebooks", "ccs_run_failed.yml")
EDA_VENV = os.path.join(os.path.dirname(__file__), "..", "..", ".build", "eda-venv", "bin", "ansible-rulebook")


@pytest.mark.skipif(not os.path.exists(EDA_VENV) or shutil.which("java") is None,
                    reason="ansible-rulebook (.build/eda-venv: python3 -m venv .build/eda-venv && "
                           ".build/eda-venv/bin/pip install ansible-rulebook) or Java 17 is not installed")
def test_ansible_rulebook_reacts_to_a_failed_ccs_run(emulator, tmp_path):
    emulator.control.reset()
    marker = tmp_path / "remediated.txt"
    inventory = tmp_path / "inventory.yml"
    inventory.write_text("all:\n  hosts:\n    localhost:\n      ansible_connection: local\n      ansible_python_interpreter: {0}\n".format(
        os.path.abspath(os.path.join(os.path.dirname(EDA_VENV), "python"))))
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS, SECOPS_REMEDIATION_MARKER=str(marker), **environment(emulator))
    env["PATH"] = os.path.dirname(EDA_VENV) + os.pathsep + env.get("PATH", "")
    process = subprocess.Popen([EDA_VENV, "--rulebook", RULEBOOK, "-i", str(inventory)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=str(tmp_path))
    try:
        time.sleep(20)  # Java start and the first (priming) poll
        start_run(emulator, LEGACY_JOB)
        deadline = time.monotonic() + 120
        while not marker.exists() and time.monotonic() < deadline and process.poll() is None:
            time.sleep(1)
    finally:
        process.terminate()
        output = process.communicate(timeout=30)[0].decode("utf-8", "replace")
    assert marker.exists(), output
    assert "Legacy collection - decommissioned Failed" in marker.read_text()


def test_a_thousand_watched_jobs_cost_one_listing_per_poll(emulator):
    """1,000 CCS jobs: each poll is the pages of one Search Jobs (100 a page), never a read per job."""
    jobs = [{"id": "00000000-0000-4000-8000-{0:012d}".format(n), "name": "Watched job {0}".format(n), "type": "CollectionJob",
             "created_by": "CORP\\ccsadmin", "created_days_ago": 1, "assets": ["6b1f3a52-7c4d-4e8f-9a01-2b3c4d5e6f70"],
             "runs": [{"status": "Completed", "started_days_ago": 1}]} for n in range(1000)]
    emulator.control.seed({"ccs": {"jobs": jobs}})
    try:
        source = load_source()
        started = time.monotonic()
        collect(source, ccs_args(emulator, polls=2), want=1, timeout=30)
        seconds = time.monotonic() - started
        calls = [entry for entry in emulator.control.requests() if entry["path"] == "/ccs/api/v1/Jobs"]
        assert len(calls) == 2 * 10, len(calls)
        assert seconds < 30
    finally:
        emulator.control.seed({})
