"""What the emulator costs per request, so that `make bench` measures the modules and not it.

`make bench` reads 100,000 Cylance executions, 20,000 CCS jobs and 5,000 Oracle executions through
the emulator. These tests pin down what keeps its figures about the modules: small answers are not
held back by Nagle's algorithm, only the items of the requested page are rendered, and the CCS
search reused across the pages of one search follows every change of a job or run, and the clock.
"""
import http.client
import statistics
import time
from urllib.parse import urlsplit

import pytest
import requests

from secops_emulator import ccs, cylance, oci
from test_ccs_jobs import Ccs, NIGHTLY
from test_oci_config import CONFIG, PROGRAM_TRACE, Mcs


def counting(function):
    """``function``, counting its calls in the ``calls`` attribute (usable as a method too)."""
    def wrapper(*args, **kwargs):
        wrapper.calls += 1
        return function(*args, **kwargs)
    wrapper.calls = 0
    return wrapper


def test_small_keep_alive_answers_are_not_delayed(url):
    # With Nagle's algorithm on, each answer's body waited for the client's delayed ACK: 40 ms or more.
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    times = []
    for dummy in range(21):
        started = time.perf_counter()
        connection.request("GET", "/_emulator/health")
        response = connection.getresponse()
        assert response.status == 200 and response.read()
        times.append(time.perf_counter() - started)
    connection.close()
    assert statistics.median(times) < 0.03


@pytest.fixture(name="cylance_api")
def cylance_api_fixture(url, cylance_auth_token):
    token = requests.post(url + "/auth/v2/token", json={"auth_token": cylance_auth_token()}, timeout=5).json()["access_token"]

    def get(path, **params):
        response = requests.get(url + path, params=params, headers={"Authorization": "Bearer " + token}, timeout=5)
        assert response.status_code == 200, response.text
        return response.json()
    return get


def test_a_cylance_execution_page_renders_only_its_items(emulator, cylance_api, monkeypatch):
    tenant = next(iter(emulator.emulator.state.stores["cylance"].tenants.values()))
    seeded = next(iter(tenant.executions.values()))
    for number in range(50):
        tenant.start_execution(f"bulk {number}", seeded.target, seeded.packages, "", True, seeded.created_by, seeded.created_at)
    rendered = counting(cylance.Execution.as_json)
    monkeypatch.setattr(cylance.Execution, "as_json", rendered)
    body = cylance_api("/packages/v2/executions", page=2, page_size=5)
    assert body["total_number_of_items"] == 52 and len(body["page_items"]) == 5
    assert [item["name"] for item in body["page_items"]] == [f"bulk {number}" for number in range(44, 39, -1)]
    assert rendered.calls == 5


def test_a_cylance_walk_orders_the_executions_once_whatever_the_offset(emulator, cylance_api, monkeypatch):
    # Slicing from the far end of 100,000 executions cost O(offset) per page: a page at the end
    # cost several times the first. The newest-first list is built once and kept until a change.
    tenant = next(iter(emulator.emulator.state.stores["cylance"].tenants.values()))
    seeded = next(iter(tenant.executions.values()))
    for number in range(3000):
        tenant.start_execution(f"bulk {number}", seeded.target, seeded.packages, "", True, seeded.created_by, seeded.created_at)
    newest_first = [execution.name for execution in reversed(list(tenant.executions.values()))]
    built = counting(cylance.ExecutionStore.values)
    monkeypatch.setattr(cylance.ExecutionStore, "values", built)
    last = cylance_api("/packages/v2/executions", page=1, page_size=200)["total_pages"]
    names = [cylance_api("/packages/v2/executions", page=page, page_size=200)["page_items"][0]["name"] for page in (last, 2, last)]
    assert names == [newest_first[(last - 1) * 200], "bulk 2799", newest_first[(last - 1) * 200]] and built.calls == 1
    tenant.start_execution("newest", seeded.target, seeded.packages, "", True, seeded.created_by, seeded.created_at)
    assert cylance_api("/packages/v2/executions", page=1, page_size=1)["page_items"][0]["name"] == "newest"
    assert built.calls == 2
    del tenant.executions[seeded.id]
    assert seeded.name not in [item["name"] for item in cylance_api("/packages/v2/executions", page=last, page_size=200)["page_items"]]
    assert built.calls == 3


def test_an_oracle_list_page_renders_only_its_items_and_filters_still_apply(url, monkeypatch):
    mcs = Mcs(url)
    for dummy in range(6):
        mcs.create("DCMATT", PROGRAM_TRACE)
    everything = mcs.call("GET", CONFIG + "/executions", query={"limit": 500}).json()
    on_dcmatt = [item["id"] for item in everything if item["target"] == "DCMATT"]
    rendered = counting(oci.list_view)
    monkeypatch.setattr(oci, "list_view", rendered)
    response = mcs.call("GET", CONFIG + "/executions", query={"target": "DCMATT", "offset": 1, "limit": 2})
    assert response.status_code == 200 and response.headers[oci.TOTAL_HEADER] == str(len(on_dcmatt))
    assert [item["id"] for item in response.json()] == on_dcmatt[1:3] and rendered.calls == 2


def test_the_pages_of_one_ccs_search_walk_the_jobs_once(emulator, url, monkeypatch):
    client = Ccs(url)
    for number in range(8):
        client.create(name=f"Paged {number}")
    store = emulator.emulator.state.stores["ccs"].jobs
    viewed = counting(ccs.JobStore.job_view)
    monkeypatch.setattr(ccs.JobStore, "job_view", viewed)
    names = []
    for page in range(3):
        body = client.ok("GET", "/Jobs", params={"Attributes": "(JobName = Paged*)", "page": page, "pagesize": 3})
        names += [job["JobName"] for job in body["Jobs"]]
    assert names == [f"Paged {number}" for number in range(8)]
    # One walk over every job for the first page, then only the jobs shown.
    assert viewed.calls == len(store.jobs) + 8


def search(client, attributes):
    return sorted(job["JobName"] for job in client.ok("GET", "/Jobs", params={"Attributes": attributes, "pagesize": 500})["Jobs"])


def test_a_reused_ccs_search_follows_every_change(url, control):
    client = Ccs(url)
    running = "(LastRunStatus = Running, JobName = Probe*)"
    assert "Probe" not in search(client, "(JobName = *)")
    job = client.create(name="Probe")
    assert "Probe" in search(client, "(JobName = *)")  # created
    assert search(client, running) == []
    run = client.operation(job["JobID"], "execute").json()
    assert search(client, running) == ["Probe"]  # started
    control.advance(60)  # the run takes 5 s
    assert search(client, running) == []  # ended with the clock
    assert "Probe" in search(client, "(LastRunStatus = Completed, JobName = Probe*)")
    client.operation(job["JobID"], "execute")
    assert search(client, running) == ["Probe"]
    client.operation(client.runs(job["JobID"])[0]["JobRunID"], "abort")
    assert search(client, running) == []  # aborted
    assert search(client, "(LastRunStatus = Aborted, JobName = Probe*)") == ["Probe"]
    client.ok("PATCH", "/Jobs", body={"JobID": job["JobID"], "JobDetails": {"JobName": "Probe renamed"}})
    assert search(client, "(LastRunStatus = Aborted, JobName = Probe*)") == ["Probe renamed"]  # updated
    client.call("DELETE", "/Jobs", params={"jobid": job["JobID"], "DeleteJob": "False"})
    assert search(client, "(LastRunStatus = Aborted, JobName = Probe*)") == []  # history purged
    client.call("DELETE", "/Jobs", params={"jobid": job["JobID"]})
    assert "Probe renamed" not in search(client, "(JobName = *)")  # deleted
    assert run["JobID"] == job["JobID"] and client.ok("GET", "/jobs/" + NIGHTLY)["JobID"] == NIGHTLY
