# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Hostile transports (issue 12, items 2, 3, 7 and 11), each played for real with ansible-playbook.

- bounded answers: a Content-Length of 512 MiB, an endless body and a gzip bomb stop at
  ``max_response_size`` with one readable failure, and the module's memory stays small;
- ``timeout`` bounds a whole request: a server dripping 2 bytes/s does not keep the task alive;
- honest ``changed``: a processed POST whose body breaks is the uncertain-write error (never
  re-sent, changed=true), a broken GET is retried, and a transport failure while waiting after a
  create reports changed=true with the new object's ID;
- modules stop when Ansible is gone: after SIGHUP to ansible-playbook, or a task ``timeout:``, the
  module left behind sends no write.

Requests are counted by the hostile server or the emulator's request log; the peak memory is the
largest process of the ansible-playbook run (``run_task``), the module's own included.
"""

import json
import os
import re
import signal
import subprocess
import sys
import time
import zlib

import pytest
import yaml
from secops_emulator.fixture import start_emulator

from reliability import results
from reliability.hostile import HostileServer, Reply, endless, run_task
from reliability.playbook import ANSIBLE_PLAYBOOK, COLLECTIONS, FQCN
from reliability.seed import connection, device_id, package_id

pytestmark = pytest.mark.xdist_group("reliability_hostile_transport")

MIB = 1024 * 1024
TOKEN = "hostile-transport-test-token"
READ = {"api_url": None, "access_token": TOKEN}
EXECUTIONS = "^/packages/v2/executions$"
EXECUTION = "^/packages/v2/executions/[^/]+$"
# Memory a module run may use while refusing a huge answer: the 32 MiB cap and the interpreter, not the answer.
MEMORY_BOUND_MB = 250


def package_info(url, **options):
    return dict(READ, api_url=url, **options)


def gist(result):
    """The failure as the row shows it: what failed, in the module's own words (without the request line)."""
    message = result["msg"]
    message = re.sub(r"^\w+ \S+ (failed: |returned HTTP \d+ with )", "", message)
    return "failed: " + message.split(";")[0].split(". ")[0]


def record(case, title, expected, seen, requests, measured=""):
    results.hostile_case(case, ITEMS[case.split(":")[0]], title, expected, seen, requests, measured)


ITEMS = {
    "size": "2. Bounded responses",
    "drip": "3. timeout means the whole response",
    "changed": "7. Honest changed after a write",
    "gone": "11. Modules stop when Ansible is gone",
}


# ---- 2. bounded responses ------------------------------------------------------------------------------

def assert_refused_in_bounds(run, requests):
    assert run.result["failed"], run.output
    assert "max_response_size" in run.result["msg"], run.result["msg"]
    assert "Traceback" not in run.output
    assert requests == 1  # a too large answer is not asked for again
    assert run.peak_rss_mb is not None and run.peak_rss_mb < MEMORY_BOUND_MB, run.peak_rss_mb


def test_a_huge_content_length_is_refused_before_reading(tmp_path):
    announced = 512 * MIB
    with HostileServer(lambda seen: Reply(chunks=endless(), content_length=announced)) as server:
        run = run_task("cylance_package_info", package_info(server.url), tmp_path)
    assert_refused_in_bounds(run, len(server.requests))
    assert "announces {0} bytes".format(announced) in run.result["msg"]
    record("size: content-length 512 MiB", "An answer announcing 512 MiB is refused from its Content-Length",
           "refused before reading, one request", gist(run.result),
           len(server.requests), "peak RSS {0} MB (largest process of the run, the module included), {1} s".format(run.peak_rss_mb, run.seconds))


def test_an_endless_body_stops_at_the_cap(tmp_path):
    with HostileServer(lambda seen: Reply(chunks=endless())) as server:
        run = run_task("cylance_package_info", package_info(server.url), tmp_path)
    assert_refused_in_bounds(run, len(server.requests))
    record("size: endless body", "A body that never ends is read up to max_response_size (32 MiB), then refused",
           "failed at the cap, one request", gist(run.result),
           len(server.requests), "peak RSS {0} MB (largest process of the run, the module included), {1} s".format(run.peak_rss_mb, run.seconds))


def gzip_bomb(size=1024 * MIB):
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(MIB)
    return b"".join(compressor.compress(block) for dummy in range(size // MIB)) + compressor.flush()


def test_a_gzip_bomb_stops_at_the_cap_decoded(tmp_path):
    bomb = gzip_bomb()
    headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
    with HostileServer(lambda seen: Reply(body=bomb, headers=headers)) as server:
        run = run_task("cylance_package_info", package_info(server.url, max_response_size=8 * MIB), tmp_path)
    assert_refused_in_bounds(run, len(server.requests))
    assert "max_response_size ({0} bytes)".format(8 * MIB) in run.result["msg"]
    record("size: gzip bomb", "A {0} KiB gzip body that inflates to 1 GiB, with max_response_size 8 MiB".format(len(bomb) // 1024),
           "decoded up to the cap only, one request", gist(run.result),
           len(server.requests), "peak RSS {0} MB (largest process of the run, the module included), {1} s".format(run.peak_rss_mb, run.seconds))


# ---- 3. timeout means the whole response -----------------------------------------------------------

def test_a_dripping_server_is_cut_off_at_the_timeout(tmp_path):
    # 2 bytes a second, each well within any read timeout: without a total deadline this takes 500 s per try.
    with HostileServer(lambda seen: Reply(chunks=[b"{}"] * 500, drip=1.0, content_length=1000)) as server:
        run = run_task("cylance_package_info", package_info(server.url, timeout=2, retries=1), tmp_path)
    assert run.result["failed"], run.output
    assert "no complete answer within the 2 s timeout (2 attempts)" in run.result["msg"], run.result["msg"]
    assert len(server.requests) == 2  # the try and its one retry
    assert run.seconds < 25, run.seconds  # two 2 s tries and a backoff of at most 2 s, on a busy machine
    record("drip: 2 bytes/s, timeout 2", "A server dripping 2 bytes/s, with timeout: 2 and retries: 1",
           "each try cut at 2 s; the task ends in seconds", gist(run.result),
           len(server.requests), "wall time {0} s for the whole ansible-playbook run".format(run.seconds))


# ---- 7. honest changed after a write, and 11. modules stop when Ansible is gone ---------------------------

@pytest.fixture(scope="module")
def emulator():
    with start_emulator(tls=False) as handle:
        yield handle


@pytest.fixture
def control(emulator):
    emulator.control.reset()
    yield emulator.control
    emulator.control.clear_faults()


def execution_task(url, name, **options):
    args = dict(connection("cylance", url, token=False), name=name, packages=[{"package": package_id("Hello World")}],
                devices=[device_id("LAB-01")], keep_results_locally=True, wait=False)
    args.update(options)
    return args


def sent(control, method, pattern):
    return [entry for entry in control.requests() if entry["method"] == method and re.search(pattern, entry["path"])]


def test_a_processed_post_whose_body_breaks_is_uncertain_and_not_sent_again(emulator, control, tmp_path):
    control.fault(method="POST", path=EXECUTIONS, drop="mid_body")
    run = run_task("cylance_package_execution", execution_task(emulator.url, "Hostile cut create"), tmp_path)
    assert run.result["failed"] and run.result["changed"] is True, run.result
    assert "may have reached the server and was not sent again" in run.result["msg"], run.result["msg"]
    posts = sent(control, "POST", EXECUTIONS)
    assert [entry["status"] for entry in posts] == [201]  # processed, answered, the body cut: one POST
    again = run_task("cylance_package_execution", execution_task(emulator.url, "Hostile cut create"), tmp_path)
    assert not again.result.get("failed") and again.result["changed"] is False, again.result
    assert len(sent(control, "POST", EXECUTIONS)) == 1
    record("changed: POST body cut", "The create is processed, its answer's body is cut after the headers",
           "uncertain-write error, changed=true, never re-sent", "failed, changed=true; the next run finds it and sends no POST",
           len(control.requests()), "{0} POST in two runs".format(len(posts)))


def test_a_read_whose_body_breaks_is_retried(emulator, control, tmp_path):
    control.fault(method="GET", path=EXECUTIONS, drop="mid_body")
    args = dict(connection("cylance", emulator.url, token=False))
    run = run_task("cylance_package_execution_info", args, tmp_path)
    assert not run.result.get("failed"), run.result
    reads = sent(control, "GET", EXECUTIONS)
    assert [entry["fault"] for entry in reads[:2]] == ["drop_mid_body", None]
    record("changed: GET body cut", "A list read whose body is cut after the headers",
           "retried like a dropped connection", "ok after one retry", len(control.requests()),
           "{0} GETs of the list".format(len(reads)))


def test_a_transport_failure_while_waiting_reports_the_created_execution(emulator, control, tmp_path):
    control.fault(method="GET", path=EXECUTION, drop="before_body", times=50)
    args = execution_task(emulator.url, "Hostile wait", wait=True, wait_timeout=60, poll_interval=1, retries=1)
    run = run_task("cylance_package_execution", args, tmp_path)
    result = run.result
    assert result["failed"] and result["changed"] is True, result
    posts = sent(control, "POST", EXECUTIONS)
    polls = sent(control, "GET", EXECUTION)
    assert len(posts) == 1 and result.get("execution_id"), result
    assert polls and all(entry["path"].endswith("/" + result["execution_id"]) for entry in polls)
    record("changed: cylance wait broken", "cylance_package_execution: created, then every poll's connection drops",
           "failed with changed=true and execution_id", "failed, changed=true, execution_id of the new execution",
           len(control.requests()), "{0} POST, {1} polls".format(len(posts), len(polls)))


def test_a_transport_failure_after_a_ccs_run_started_reports_the_job(emulator, control, tmp_path):
    control.fault(method="GET", path="/jobruns$", drop="before_body", times=50)
    args = dict(connection("ccs", emulator.url, token=False), name="Hostile run wait", job_type="CollectionJob",
                assets=[{"id": "6b1f3a52-7c4d-4e8f-9a01-2b3c4d5e6f70", "type": "symc-csm-AssetSystem-Asset-Unix-Machine"}],
                run=True, wait=True, wait_timeout=60, poll_interval=1, retries=1)
    run = run_task("ccs_job", args, tmp_path)
    result = run.result
    assert result["failed"] and result["changed"] is True, result
    assert result.get("job_id"), result
    record("changed: ccs run broken", "ccs_job run=true: created and started, then reading the run fails",
           "failed with changed=true and job_id", "failed, changed=true, job_id of the new job",
           len(control.requests()), "{0} writes".format(len([e for e in control.requests() if e["method"] != "GET"])))


def test_a_wait_does_not_retry_a_slow_poll_past_its_end(emulator, control, tmp_path):
    # Every poll answers after 3 s, past the 2 s timeout; 5 retries with backoff would keep one poll going ~35 s.
    control.fault(method="GET", path=EXECUTION, delay=3.0, times=50)
    args = execution_task(emulator.url, "Hostile slow polls", wait=True, wait_timeout=4, poll_interval=1, timeout=2, retries=5)
    run = run_task("cylance_package_execution", args, tmp_path)
    result = run.result
    assert result["failed"] and result["changed"] is True and result.get("execution_id"), result
    assert "wait_timeout ends before another try" in result["msg"], result["msg"]
    polls = sent(control, "GET", EXECUTION)
    assert 1 <= len(polls) <= 3, polls
    assert run.seconds < 30, run.seconds  # wait_timeout 4 s + one 2 s timeout + Ansible's own start, loosely
    record("drip: poll at the wait's end", "cylance_package_execution wait_timeout: 4, every poll slower than timeout: 2, retries: 5",
           "the wait ends at most one timeout after wait_timeout", "failed with execution_id, changed=true; no retry past the end",
           len(control.requests()), "{0} poll attempts, wall time {1} s for the whole run".format(len(polls), run.seconds))


def play_file(tmp_path, task):
    path = tmp_path / "gone-play.yml"
    play = [{"name": "Ansible goes away", "hosts": "localhost", "gather_facts": False, "tasks": [task]}]
    path.write_text(yaml.safe_dump(play, sort_keys=False, width=1000))
    return str(path)


def wait_for(predicate, limit=120):
    ends = time.monotonic() + limit
    while time.monotonic() < ends:
        if predicate():
            return True
        time.sleep(0.2)
    return False


# The list read before the create is answered 503 with a long Retry-After: the module sleeps, Ansible goes
# away meanwhile, and after the sleep the module would list again and create.
RETRY_AFTER = 8


def test_after_sighup_to_ansible_playbook_no_write_arrives(emulator, control, tmp_path):
    control.fault(method="GET", path=EXECUTIONS, status=503, retry_after=str(RETRY_AFTER))
    task = {"name": "Create", FQCN.format("cylance_package_execution"): execution_task(emulator.url, "Hostile SIGHUP")}
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS, ANSIBLE_NOCOLOR="1")
    # SIGHUP as a closing terminal sends it, with its default action: a run started under nohup (or a CI
    # runner that ignores SIGHUP) would otherwise hand the ignore down, and ansible-playbook would play on.
    process = subprocess.Popen([sys.executable, ANSIBLE_PLAYBOOK, "-i", "localhost,", "-c", "local", "-e",
                                json.dumps({"ansible_python_interpreter": sys.executable}), play_file(tmp_path, task)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=str(tmp_path),
                               preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_DFL))
    try:
        assert wait_for(lambda: sent(control, "GET", EXECUTIONS)), "the module never listed"
        assert process.poll() is None, "ansible-playbook ended before the module slept"
        killed_at = time.monotonic()
        process.send_signal(signal.SIGHUP)
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    # Long enough for the retry and the create it would have sent (Retry-After, plus a busy machine).
    time.sleep(max(0.0, RETRY_AFTER + 8 - (time.monotonic() - killed_at)))
    assert sent(control, "POST", EXECUTIONS) == []
    assert len(sent(control, "GET", EXECUTIONS)) == 1
    record("gone: SIGHUP", "SIGHUP to ansible-playbook while the module sleeps before its create",
           "no write after Ansible is gone", "no request at all after the sleep", len(control.requests()),
           "0 POST within {0} s after SIGHUP".format(RETRY_AFTER + 8))


def test_after_a_task_timeout_no_write_arrives(emulator, control, tmp_path):
    control.fault(method="GET", path=EXECUTIONS, status=503, retry_after=str(RETRY_AFTER))
    started = time.monotonic()
    run = run_task("cylance_package_execution", execution_task(emulator.url, "Hostile task timeout"), tmp_path, timeout=3)
    assert run.result["failed"] and "timed out" in run.result["msg"].lower(), run.result
    time.sleep(max(0.0, RETRY_AFTER + 8 - (time.monotonic() - started)))
    assert sent(control, "POST", EXECUTIONS) == []
    record("gone: task timeout", "A task timeout: 3 while the module sleeps 8 s before its create",
           "no write after the task timed out", "no request at all after the sleep", len(control.requests()),
           "0 POST within {0} s after the task started".format(RETRY_AFTER + 8))


def test_an_async_task_left_running_on_purpose_still_creates(emulator, control, tmp_path):
    # async with poll: 0 detaches the module from Ansible on purpose: the play ends, the module goes on.
    control.fault(method="GET", path=EXECUTIONS, status=503, retry_after="4")
    task = {"name": "Create in the background", FQCN.format("cylance_package_execution"): execution_task(emulator.url, "Hostile async"),
            "async": 120, "poll": 0}
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS, ANSIBLE_NOCOLOR="1")
    started = time.monotonic()
    finished = subprocess.run([sys.executable, ANSIBLE_PLAYBOOK, "-i", "localhost,", "-c", "local", "-e",
                               json.dumps({"ansible_python_interpreter": sys.executable}), play_file(tmp_path, task)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=str(tmp_path), timeout=300, check=False)
    assert finished.returncode == 0, finished.stdout.decode("utf-8", "replace")
    created_before_the_end = bool(sent(control, "POST", EXECUTIONS))
    assert wait_for(lambda: sent(control, "POST", EXECUTIONS), limit=120), "the detached module never created"
    seen = "created before the play ended" if created_before_the_end else "created after the play ended"
    record("gone: async poll 0", "async: 120, poll: 0 while the module sleeps 4 s before its create; the play ends first",
           "the detached module goes on (async is meant to outlive the play)", seen,
           len(control.requests()), "POST {0:.0f} s after the play started".format(time.monotonic() - started))
