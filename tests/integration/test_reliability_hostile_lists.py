# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Hostile servers, lists: paging always ends, list walks stay consistent while the list changes,
and valid JSON of the wrong shape is one readable failure (issue 12, items 1, 4 and 8).

Each case plays one module task with ansible-playbook against a scripted server
(``reliability.hostile``), asserts on the outcome and on the requests the server received, and
records a row for the "Hostile servers" section of docs/reliability.md.
"""

import threading

import pytest

from reliability.hostile import HostileServer, Reply, run_task
from reliability.results import hostile_case

PAGING = "1. Paging always ends"
CONSISTENT = "4. List walks stay consistent while the list changes"
SHAPES = "8. No traceback on valid JSON of the wrong shape"

# The pager's documented bounds (plugins/module_utils/paging.py): the pages the first page
# announces plus EXTRA_PAGES, at most two walks; MAX_PAGES_WITHOUT_TOTAL without a total.
EXTRA_PAGES = 50
MAX_PAGES_WITHOUT_TOTAL = 1000
# Whole ansible-playbook runs on a busy machine: loose bounds, far below "until killed".
WALL_SECONDS = 120

CYLANCE = {"access_token": "hostile-token", "retries": 0}
CCS = {"access_token": "hostile-token", "retries": 0}
OCI = {"access_token": "hostile-token", "identifier": "6f1c2b9e-hostile", "support_identifier": "22334455", "service_type": "EBSO",
       "retries": 0}
PACKAGE = "0d2c5b8e9f1a4b3c8d7e6f5a4b3c2d1e"
DEVICE = "5a3f1e2d7c6b4a9e8f0d1c2b3a4e5f60"


def uuid(number):
    return "00000000-0000-4000-8000-{0:012d}".format(number)


def counter():
    """A thread-safe request counter for handlers that change their answer with each request."""
    lock = threading.Lock()
    state = {"n": 0}

    def next_count():
        with lock:
            state["n"] += 1
            return state["n"]
    return next_count


def cylance_execution(number, name=None):
    return {"id": uuid(number), "name": name or "Other {0}".format(number), "createdAt": "2026-11-{0:02d}T00:00:00Z".format(number % 28 + 1),
            "target": {"devices": [DEVICE]}, "packageExecutions": [{"package": PACKAGE, "arguments": []}],
            "destination": "", "keepResultsLocally": True, "deviceCount": 1, "deviceStatuses": {"succeeded": 1, "failed": 0}}


def cylance_page(items, page, total_pages, total_items):
    return {"page_number": page, "page_size": len(items), "total_pages": total_pages, "total_number_of_items": total_items,
            "page_items": items}


def play(module, args, server, tmp_path, **kwargs):
    run = run_task(module, dict(args, api_url=server.url), tmp_path, **kwargs)
    assert run.result is not None, run.output
    assert "Traceback" not in run.output and "MODULE FAILURE" not in run.output, run.output
    return run


def failed_readably(run, *words):
    result = run.result
    assert result.get("failed") and result.get("msg"), result
    # ansible-core notes "(traceback unavailable)" on any fail_json outside an except block: that is not a traceback.
    assert "Traceback" not in str(result.get("exception", "")) and "module_stderr" not in result, result
    for word in words:
        assert word in result["msg"], result["msg"]
    return result["msg"]


def record(case, item, title, expected, seen, server, run):
    hostile_case(case, item, title, expected, seen, len(server.requests),
                 measured="{0} s, peak {1} MB".format(run.seconds, run.peak_rss_mb))


# ---- 1. paging always ends ------------------------------------------------------------------------

def cylance_growing(seen):
    page = int(seen.query["page"])
    items = [cylance_execution(page * 10 + index) for index in range(2)]
    return Reply(json=cylance_page(items, page, page + 1, 2 * (page + 1)))


def ccs_growing(seen):
    page, size = int(seen.query["page"]), int(seen.query["pagesize"])
    jobs = [{"JobID": "0a1b2c3d-4e5f-4a6b-8c7d-{0:012d}".format(page * size + index), "JobName": "job"} for index in range(size)]
    return Reply(json={"Jobs": jobs, "TotalCount": size * (page + 2)})


def oci_items(offset, count):
    return [{"id": "RFC-{0}".format(offset + index), "status": "Open"} for index in range(count)]


def oci_growing(seen):
    offset, limit = int(seen.query["offset"]), int(seen.query["limit"])
    return Reply(json=oci_items(offset, limit), headers={"X-Total-Rows-Count": str(offset + 2 * limit)})


@pytest.mark.parametrize("case,module,args,handler,where,title", [
    ("cylance growing totals", "cylance_package_execution_info", CYLANCE, cylance_growing, "GET /packages/v2/executions",
     "cylance_package_execution_info: total_pages grows with every page"),
    ("ccs growing TotalCount", "ccs_job_info", dict(CCS, filter="JobType = CollectionJob", page_size=2), ccs_growing, "GET Jobs",
     "ccs_job_info: TotalCount is always two pages ahead"),
    ("oci growing X-Total-Rows-Count", "oci_config_execution_info", OCI, oci_growing, "/executions",
     "oci_config_execution_info: the total is always two pages ahead"),
])
def test_growing_totals_stop_at_the_cap(case, module, args, handler, where, title, tmp_path):
    with HostileServer(handler) as server:
        run = play(module, args, server, tmp_path)
    failed_readably(run, where, "the list does not end")
    # The total changed on page 2: one more walk, which stops at the 2 pages its first page announced + EXTRA_PAGES.
    assert len(server.requests) == 2 + 2 + EXTRA_PAGES
    assert run.seconds < WALL_SECONDS
    record(case, PAGING, title, "readable failure, bounded requests", "failed: another page past the cap", server, run)


def test_cylance_page_number_that_does_not_advance(tmp_path):
    def handler(seen):
        page = int(seen.query["page"])
        return Reply(json=cylance_page([cylance_execution(page * 10), cylance_execution(page * 10 + 1)], 1, 5, 10))

    with HostileServer(handler) as server:
        run = play("cylance_package_info", CYLANCE, server, tmp_path)
    failed_readably(run, "GET /packages/v2", "page number does not advance")
    assert len(server.requests) == 2
    record("cylance page_number stuck at 1", PAGING, "cylance_package_info: every answer says page_number 1",
           "readable failure, bounded requests", "failed on the second page", server, run)


def test_ccs_full_pages_without_totals_stop_at_the_fixed_ceiling(tmp_path):
    def handler(seen):
        page, size = int(seen.query["page"]), int(seen.query["pagesize"])
        return Reply(json=[{"JobID": "0a1b2c3d-4e5f-4a6b-8c7d-{0:012d}".format(page * size + index), "JobName": "job"}
                           for index in range(size)])

    with HostileServer(handler) as server:
        run = play("ccs_job_info", dict(CCS, filter="JobType = CollectionJob", page_size=2), server, tmp_path)
    failed_readably(run, "GET Jobs", "no total reported")
    assert len(server.requests) == MAX_PAGES_WITHOUT_TOTAL
    assert run.seconds < WALL_SECONDS
    record("ccs full pages without totals", PAGING, "ccs_job_info: bare lists, every page full, no TotalCount",
           "readable failure, bounded requests", "failed at the fixed ceiling", server, run)


def test_ccs_same_page_again_stops_at_once(tmp_path):
    def handler(seen):
        jobs = [{"JobID": "0a1b2c3d-4e5f-4a6b-8c7d-{0:012d}".format(index), "JobName": "job"} for index in range(2)]
        return Reply(json={"Jobs": jobs, "TotalCount": 10 ** 9})

    with HostileServer(handler) as server:
        run = play("ccs_job_info", dict(CCS, filter="JobType = CollectionJob", page_size=2), server, tmp_path)
    failed_readably(run, "GET Jobs", "only items already listed")
    assert len(server.requests) == 2
    record("ccs the same page again", PAGING, "ccs_job_info: every page the same two jobs, TotalCount 10^9",
           "readable failure, bounded requests", "failed on the second page", server, run)


# ---- 4. consistent walks while the list changes -----------------------------------------------------

def shifting_cylance_list(before, after, switch_after):
    """A Cylance list of two items a page that becomes ``after`` once ``switch_after`` pages were served."""
    count = counter()

    def handler(seen):
        if seen.method != "GET" or seen.path != "/packages/v2/executions":
            return None
        listing = before if count() <= switch_after else after
        page = int(seen.query["page"])
        pages = -(-len(listing) // 2)
        return Reply(json=cylance_page(listing[(page - 1) * 2:page * 2], page, pages, len(listing)))
    return handler


def test_info_walks_again_when_an_insert_shifts_the_pages(tmp_path):
    before = [cylance_execution(number) for number in range(1, 6)]
    after = [cylance_execution(99)] + before  # newest first: an insert pushes every item one place down
    with HostileServer(shifting_cylance_list(before, after, switch_after=1)) as server:
        run = play("cylance_package_execution_info", CYLANCE, server, tmp_path)
    listed = [execution["id"] for execution in run.result["executions"]]
    assert not run.result.get("failed"), run.result
    assert sorted(listed) == sorted(execution["id"] for execution in after) and len(listed) == len(set(listed))
    # Page 1, then page 2 with the new total: the walk starts over and reads the 3 pages of 6.
    assert len(server.requests) == 2 + 3
    record("insert between pages (info)", CONSISTENT, "cylance_package_execution_info: an execution is created between page 1 and 2",
           "every execution once", "{0} executions, none twice".format(len(listed)), server, run)


def test_present_finds_its_execution_when_a_delete_shifts_the_pages(tmp_path):
    own = cylance_execution(3, name="Nightly inventory")
    before = [cylance_execution(1), cylance_execution(2), own, cylance_execution(4)]
    after = [before[1], own, before[3]]  # the first one deleted: "own" moves from page 2 to page 1
    with HostileServer(shifting_cylance_list(before, after, switch_after=1)) as server:
        run = play("cylance_package_execution", {**CYLANCE, "name": "Nightly inventory", "packages": [{"package": PACKAGE}],
                                                 "devices": [DEVICE], "keep_results_locally": True, "wait": False}, server, tmp_path)
    assert not run.result.get("failed") and not run.result["changed"], run.result
    assert run.result["execution"]["id"] == own["id"] and run.result["duplicates"] == []
    assert [seen.method for seen in server.requests].count("POST") == 0
    record("delete between pages (present)", CONSISTENT, "cylance_package_execution: an execution before ours is deleted mid-walk",
           "finds its own execution, no second POST", "unchanged, 0 POST", server, run)


def test_kept_execution_is_never_a_duplicate_and_absent_deletes_each_id_once(tmp_path):
    own = cylance_execution(3, name="Nightly inventory")
    # A server that shows one execution on two pages (an insert it does not count).
    listing = [own, cylance_execution(1), own, cylance_execution(2)]

    def handler(seen):
        if seen.method == "DELETE":
            return Reply(json={"id": seen.path.rsplit("/", 1)[1]})
        if seen.method == "GET" and seen.path == "/packages/v2/executions":
            page = int(seen.query["page"])
            return Reply(json=cylance_page(listing[(page - 1) * 2:page * 2], page, 2, 4))
        return None

    args = {**CYLANCE, "name": "Nightly inventory", "packages": [{"package": PACKAGE}], "devices": [DEVICE],
            "keep_results_locally": True, "wait": False}
    with HostileServer(handler) as server:
        present = play("cylance_package_execution", args, server, tmp_path)
        absent = play("cylance_package_execution", dict(args, state="absent"), server, tmp_path)
    assert not present.result["changed"] and present.result["duplicates"] == [], present.result
    assert absent.result["changed"] and [execution["id"] for execution in absent.result["executions"]] == [own["id"]], absent.result
    deletes = [seen.path for seen in server.requests if seen.method == "DELETE"]
    assert deletes == ["/packages/v2/executions/" + own["id"]]
    record("one execution on two pages", CONSISTENT, "cylance_package_execution present then absent by name",
           "kept ID not a duplicate, one DELETE", "duplicates [], {0} DELETE".format(len(deletes)), server, absent)


# ---- 8. valid JSON of the wrong shape -------------------------------------------------------------

def test_total_pages_beyond_any_number(tmp_path):
    body = '{"page_number": 1, "total_pages": 1e400, "total_number_of_items": 1e400, "page_items": [{"id": "a"}, 7, null, "x"]}'
    with HostileServer(lambda seen: Reply(body=body, headers={"Content-Type": "application/json"})) as server:
        run = play("cylance_package_info", CYLANCE, server, tmp_path)
    # 1e400 reads as no total: the first page is the whole list, and only the package objects count.
    assert not run.result.get("failed"), run.result
    assert run.result["packages"] == [{"id": "a"}] and len(server.requests) == 1
    record("total_pages 1e400", SHAPES, "cylance_package_info: total_pages 1e400, items that are not objects",
           "no traceback", "ok: one page, objects only", server, run)


def test_json_nested_too_deep(tmp_path):
    body = "[" * 100000 + "]" * 100000
    with HostileServer(lambda seen: Reply(body=body, headers={"Content-Type": "application/json"})) as server:
        run = play("oci_config_execution_info", OCI, server, tmp_path)
    failed_readably(run, "nested too deeply")
    record("JSON nested 100,000 deep", SHAPES, "oci_config_execution_info: a list nested 100,000 deep",
           "readable failure", "failed: nested too deeply", server, run)


def test_ccs_job_name_that_is_a_list(tmp_path):
    job = {"JobID": "0a1b2c3d-4e5f-4a6b-8c7d-000000000001", "JobName": ["Nightly"], "JobDetails": {"AssetsResolutionInfo": 5}}
    with HostileServer(lambda seen: Reply(json=[job])) as server:
        run = play("ccs_job_info", dict(CCS, name="Nightly"), server, tmp_path)
    assert not run.result.get("failed"), run.result
    assert run.result["jobs"] == []
    record("CCS JobName a list", SHAPES, "ccs_job_info: JobName is a list", "no traceback", "ok: not a match", server, run)
