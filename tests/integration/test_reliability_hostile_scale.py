# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Lists at fleet scale (issue 16): ``fields``, ``dest`` and server-side filters, each played
through ansible-playbook against the emulator, asserted from its request log and the file written,
and recorded as a row of the "Hostile servers" section of docs/reliability.md.
"""

import copy
import json
import os
import stat
import uuid
from urllib.parse import parse_qs

import pytest
from secops_emulator.seed import defaults

from reliability.hostile import run_task
from reliability.results import hostile_case

SCALE = "Lists at fleet scale"
# Seeded executions: several pages of 200, few enough for a busy machine.
EXECUTIONS = 1500
PAGE_SIZE = 200
WALL_SECONDS = 120
EXECUTIONS_PATH = "/packages/v2/executions"

# The emulator's default seed (emulator/secops_emulator/seed.yml).
TENANT = "8a2f5b3c-1d4e-4f6a-9b7c-0d1e2f3a4b5c"
CYLANCE = {"tenant_id": TENANT, "app_id": "0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b", "app_secret": "demo-cylance-app-secret-7f3a9c"}
SFTP_SECRET = "Res3lts-Pa55"
PACKAGES = 600
CYLANCE_EVERY = 40
OCI_EXECUTIONS = 600
OCI_PAGE_SIZE = 100
INSTANCES = ("DCMATI", "DCMATP", "DCMATT")
OCI = {"identifier": "5d1c3f0e-8b2a-4c6d-9e7f-1a2b3c4d5e6f", "client_id": "mcs-reader", "client_secret": "reader-oci-secret",
       "support_identifier": "22334455", "service_type": "EBSO"}


def bulk_executions(count):
    """``count`` executions, every other one with an SFTP destination carrying a password."""
    return [{"id": str(uuid.UUID(int=number + 1)), "name": "Bulk execution {0:05d}".format(number), "created_ago": 86400 + number,
             "created_by": "analyst@example.com", "target": {"zones": ["24F766586A214E72A64427BD407C9485"]},
             "packages": [{"package": "61d8944e-d900-4724-87eb-d10078b90a41", "arguments": ["-browser", "ALL"]}],
             "destination": "sftp://optics:{0}@results.example.com/optics".format(SFTP_SECRET) if number % 2 else "",
             "keep_results_locally": True}
            for number in range(count)]


def bulk_packages(count):
    """The default packages and ``count`` more, one in ``CYLANCE_EVERY`` provided by BlackBerry (category cylance)."""
    packages = copy.deepcopy(defaults()["cylance"]["resources"][TENANT]["packages"])
    return packages + [{"id": str(uuid.UUID(int=10 ** 6 + number)), "name": "Bulk package {0:04d}".format(number), "size": number,
                        "category": "cylance" if number % CYLANCE_EVERY == 0 else "custom"} for number in range(count)]


def bulk_oci_executions(count):
    """The default Oracle executions and ``count`` more, spread over the three instances."""
    executions = copy.deepcopy(defaults()["oci"]["executions"])
    template = executions[1]  # an open, unscheduled Concurrent Program Trace on DCMATI
    for number in range(count):
        item = copy.deepcopy(template)
        item.update(id="3-B{0:06d}".format(number), instance=INSTANCES[number % len(INSTANCES)], summary="Bulk trace {0:04d}".format(number))
        executions.append(item)
    return executions


@pytest.fixture(scope="module")
def fleet(emulator):
    emulator.control.seed({"cylance": {"resources": {TENANT: {"executions": bulk_executions(EXECUTIONS),
                                                              "packages": bulk_packages(PACKAGES)}}},
                           "oci": {"executions": bulk_oci_executions(OCI_EXECUTIONS)}})
    yield emulator
    emulator.control.seed({})


def play(fleet, tmp_path, module, args, check_mode=False, connection=None):
    """One task against the emulator (Cylance unless ``connection`` says otherwise): (TaskRun, the vendor requests it sent)."""
    fleet.control.clear_requests()
    run = run_task(module, dict(connection or CYLANCE, api_url=fleet.url, **args), tmp_path, check_mode=check_mode)
    return run, fleet.control.requests()


def list_pages(requests, path=EXECUTIONS_PATH):
    return [entry for entry in requests if entry["method"] == "GET" and entry["path"] == path]


def measured(run):
    return "{0} s, peak {1} MB".format(run.seconds, run.peak_rss_mb)


def test_dest_writes_every_execution_page_by_page_and_returns_no_list(fleet, tmp_path):
    dest = str(tmp_path / "executions.jsonl")
    run, requests = play(fleet, tmp_path, "cylance_package_execution_info", {"dest": dest})
    assert run.rc == 0 and run.result["changed"] is True, run.output[-2000:]
    assert "executions" not in run.result
    lines = open(dest, "rb").read().decode("utf-8").splitlines()
    items = [json.loads(line) for line in lines]
    assert run.result["count"] == len(items) == EXECUTIONS and len(set(item["id"] for item in items)) == EXECUTIONS
    assert stat.S_IMODE(os.stat(dest).st_mode) == 0o600
    assert SFTP_SECRET not in open(dest).read() and SFTP_SECRET not in run.output
    assert len(list_pages(requests)) == -(-EXECUTIONS // PAGE_SIZE)
    assert os.listdir(str(tmp_path)).count("executions.jsonl") == 1 and not [name for name in os.listdir(str(tmp_path)) if name.endswith(".tmp")]
    assert run.seconds < WALL_SECONDS
    hostile_case("dest writes a long list to a file", SCALE, "cylance_package_execution_info with dest, {0} executions".format(EXECUTIONS),
                 "every execution once, JSON lines, mode 0600, no list in the result",
                 "{0} lines, mode 0600, {1} pages".format(len(items), len(list_pages(requests))), len(requests), measured(run))


def test_dest_again_with_the_same_list_is_not_a_change_and_check_mode_writes_nothing(fleet, tmp_path):
    dest = str(tmp_path / "executions.json")
    first, dummy = play(fleet, tmp_path, "cylance_package_execution_info", {"dest": dest, "dest_format": "json"})
    assert first.rc == 0 and first.result["changed"] is True, first.output[-2000:]
    again, dummy = play(fleet, tmp_path, "cylance_package_execution_info", {"dest": dest, "dest_format": "json"})
    assert again.rc == 0 and again.result["changed"] is False and again.result["checksum"] == first.result["checksum"]
    assert len(json.load(open(dest))) == EXECUTIONS
    elsewhere = str(tmp_path / "not-written.jsonl")
    checked, requests = play(fleet, tmp_path, "cylance_package_execution_info", {"dest": elsewhere}, check_mode=True)
    assert checked.rc == 0 and checked.result["changed"] is True and checked.result["count"] == EXECUTIONS
    assert not os.path.exists(elsewhere) and [entry for entry in requests if entry["method"] not in ("GET", "POST")] == []
    hostile_case("dest is changed only when the content differs", SCALE, "the same export twice, then check mode to a new path",
                 "changed, then not changed (same checksum); check mode writes nothing",
                 "changed {0}, then {1}; check mode: changed {2}, no file".format(
                     first.result["changed"], again.result["changed"], checked.result["changed"]),
                 len(requests), measured(again))


def test_fields_return_only_those_fields_with_the_id_and_masked_destinations(fleet, tmp_path):
    run, requests = play(fleet, tmp_path, "cylance_package_execution_info", {"fields": ["name", "destination"]})
    assert run.rc == 0, run.output[-2000:]
    executions = run.result["executions"]
    assert len(executions) == EXECUTIONS
    assert set(key for execution in executions for key in execution) == {"id", "name", "destination"}
    assert SFTP_SECRET not in json.dumps(executions) and any("********" in execution["destination"] for execution in executions)
    assert len(list_pages(requests)) == -(-EXECUTIONS // PAGE_SIZE)
    hostile_case("fields return only some fields", SCALE, "cylance_package_execution_info with fields: [name, destination]",
                 "id, name and destination only, credentials masked", "keys {0}".format(sorted(executions[0])), len(requests),
                 measured(run))


def test_an_unknown_field_fails_before_any_request(fleet, tmp_path):
    run, requests = play(fleet, tmp_path, "cylance_package_execution_info", {"fields": ["name", "colour"]})
    assert run.rc == 0 and run.result["failed"] is True
    assert "fields" in run.result["msg"] and "'colour'" in run.result["msg"] and "deviceStatuses" in run.result["msg"]
    assert requests == []
    hostile_case("an unknown field fails before any request", SCALE, "fields: [name, colour]", "one failure naming fields, no request",
                 run.result["msg"][:80], len(requests))


# ---- server-side filters ------------------------------------------------------------------------

def query_of(entry):
    return dict((name, values[-1]) for name, values in parse_qs(entry.get("query") or "").items())


def test_package_filters_and_order_go_to_the_server_and_page_only_the_matches(fleet, tmp_path):
    run, requests = play(fleet, tmp_path, "cylance_package_info", {"category": "cylance", "sort": "-size", "fields": ["size", "category"]})
    assert run.rc == 0, run.output[-2000:]
    packages = run.result["packages"]
    matching = len([package for package in bulk_packages(PACKAGES) if package.get("category") == "cylance"])
    assert len(packages) == matching and set(package["category"] for package in packages) == {"cylance"}
    assert [package["size"] for package in packages] == sorted((package["size"] for package in packages), reverse=True)
    pages = list_pages(requests, "/packages/v2")
    assert len(pages) == 1 and query_of(pages[0])["category"] == "cylance" and query_of(pages[0])["sort"] == "-size"
    whole, whole_requests = play(fleet, tmp_path, "cylance_package_info", {"fields": ["category"]})
    whole_pages = len(list_pages(whole_requests, "/packages/v2"))
    assert whole.rc == 0 and whole_pages > len(pages)
    hostile_case("a package filter goes to the server", SCALE, "cylance_package_info category: cylance, sort: -size, {0} packages".format(
                 len(whole.result["packages"])), "category and sort in the query, only the matches paged",
                 "{0} page for {1} matches (the whole list: {2} pages)".format(len(pages), matching, whole_pages), len(requests), measured(run))


def test_bad_sort_fails_before_any_request(fleet, tmp_path):
    run, requests = play(fleet, tmp_path, "cylance_package_info", {"sort": "-colour"})
    assert run.result["failed"] is True and "sort" in run.result["msg"] and "packageDescriptor.name" in run.result["msg"]
    assert requests == []


def test_oracle_filters_go_to_the_server_and_page_only_the_matches(fleet, tmp_path):
    args = {"instance_id": "DCMATT", "status": "Open", "fields": ["instance_id"], "page_size": OCI_PAGE_SIZE}
    run, requests = play(fleet, tmp_path, "oci_config_execution_info", args, connection=dict(OCI, token_url=fleet.url + "/oauth2/v1/token"))
    assert run.rc == 0, run.output[-2000:]
    executions = run.result["executions"]
    assert executions and set(execution["instance_id"] for execution in executions) == {"DCMATT"}
    pages = [entry for entry in requests if entry["method"] == "GET" and entry["path"].endswith("/executions")]
    assert all(query_of(entry)["target"] == "DCMATT" and query_of(entry)["status"] == "Open" for entry in pages)
    assert len(pages) == -(-len(executions) // OCI_PAGE_SIZE)
    whole = -(-(OCI_EXECUTIONS + len(defaults()["oci"]["executions"])) // OCI_PAGE_SIZE)
    assert len(pages) < whole
    hostile_case("an Oracle filter goes to the server", SCALE, "oci_config_execution_info instance_id: DCMATT, status: Open",
                 "target and status in every page's query, only the matches paged",
                 "{0} pages for {1} matches (the whole list: {2} pages)".format(len(pages), len(executions), whole), len(requests),
                 measured(run))
