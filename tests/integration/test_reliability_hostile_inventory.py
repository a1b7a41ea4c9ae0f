# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Cylance inventory and the hostname lookup against scripted servers: a 50,000-device fleet, and odd answers.

Each case runs real ``ansible-inventory`` (or a play with the lookup) against a HostileServer
that serves Cylance device pages, counts the requests it saw, and records a row for the
"Hostile servers" section of docs/reliability.md with the wall time and peak memory measured.
Times are bounded loosely: the machine is shared.
"""

import json
import math
import os
import subprocess
import sys
import time
import uuid

import yaml

from reliability.hostile import _MEASURE, HostileServer, Reply
from reliability.playbook import ANSIBLE_PLAYBOOK, COLLECTIONS
from reliability.results import hostile_case

ITEM = "Cylance fleet as inventory"
ANSIBLE_INVENTORY = os.path.join(os.path.dirname(sys.executable), "ansible-inventory")
TOKEN = "hostile-inventory-t0ken"
MAX_PAGE_SIZE = 10000


def device(number, name=None):
    return {"id": str(uuid.UUID(int=number + 1)), "name": name or "WS-{0:06d}".format(number + 1), "state": "Online",
            "agent_version": "3.1.1001", "ip_addresses": ["10.0.{0}.{1}".format(number // 256 % 256, number % 256)],
            "mac_addresses": [], "policy": {"id": "p", "name": "Default"}, "date_first_registered": "2025-01-01T00:00:00"}


def fleet_server(devices, zones=None):
    """Serves ``devices`` as Get Devices pages (page_size capped at 10,000), honestly; 404 for anything else."""
    def handler(seen):
        if seen.path == "/devices/v2":
            page, size = int(seen.query.get("page", 1)), min(int(seen.query.get("page_size", 100)), MAX_PAGE_SIZE)
            return Reply(json={"page_number": page, "page_size": size, "total_pages": int(math.ceil(len(devices) / float(size))),
                               "total_number_of_items": len(devices), "page_items": devices[(page - 1) * size:page * size]})
        if seen.path == "/zones/v2" and zones is not None:
            return zones(seen)
        return Reply(404, json={"message": "no route"})
    return handler


class Measured(object):
    def __init__(self, process, seconds):
        self.rc = process.returncode
        self.stdout = process.stdout.decode("utf-8", "replace")
        errors = process.stderr.decode("utf-8", "replace")
        peak = [line for line in errors.splitlines() if line.startswith("peak_rss_kib=")]
        self.stderr = errors
        self.peak_mb = round(int(peak[-1].split("=")[1]) / 1024.0) if peak else None
        self.seconds = round(seconds, 1)

    def hosts(self):
        return json.loads(self.stdout)["_meta"]["hostvars"]


INVENTORY_ENV = {"ANSIBLE_INVENTORY_ENABLED": "secops.executions.cylance_devices", "ANSIBLE_INVENTORY_UNPARSED_FAILED": "1"}


def measured(command, workdir, limit=1800, env=None):
    environment = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS, ANSIBLE_NOCOLOR="1", **(env or {}))
    started = time.time()
    process = subprocess.run([sys.executable, "-c", _MEASURE] + command, capture_output=True, env=environment, cwd=str(workdir),
                             timeout=limit, check=False)
    return Measured(process, time.time() - started)


def inventory(server, workdir, *args, **options):
    path = os.path.join(str(workdir), "fleet.cylance_devices.yml")
    with open(path, "w") as handle:
        yaml.safe_dump(dict({"plugin": "secops.executions.cylance_devices", "api_url": server.url, "access_token": TOKEN,
                             "retries": 0, "zone_groups": False}, **options), handle)
    return measured([ANSIBLE_INVENTORY, "-i", path] + list(args or ["--list"]), workdir, env=INVENTORY_ENV)


def test_an_inventory_of_50000_devices_costs_one_request_per_10000(tmp_path):
    devices = [device(number) for number in range(50000)]
    with HostileServer(fleet_server(devices)) as server:
        run = inventory(server, tmp_path)
        seen = list(server.requests)
    assert run.rc == 0, run.stderr[-3000:]
    assert len(run.hosts()) == 50000
    assert [entry.path for entry in seen] == ["/devices/v2"] * 5 and all(entry.query["page_size"] == "10000" for entry in seen)
    assert run.seconds < 1200
    hostile_case("Inventory of 50,000 devices", ITEM, "ansible-inventory --list on a 50,000-device fleet (access token given)",
                 "ceil(50,000 / 10,000) = 5 page requests", "5 page requests, 50,000 hosts", len(seen),
                 "{0} s, peak {1} MB".format(run.seconds, run.peak_mb))


def test_a_second_run_within_the_cache_timeout_sends_nothing(tmp_path):
    devices = [device(number) for number in range(1000)]
    cache = {"cache": True, "cache_plugin": "ansible.builtin.jsonfile", "cache_connection": str(tmp_path / "cache"), "cache_timeout": 3600}
    with HostileServer(fleet_server(devices)) as server:
        first = inventory(server, tmp_path, **cache)
        after_first = len(server.requests)
        second = inventory(server, tmp_path, **cache)
        seen = len(server.requests) - after_first
    assert first.rc == 0 and second.rc == 0, first.stderr + second.stderr
    assert after_first == 1 and seen == 0 and second.hosts() == first.hosts()
    hostile_case("Inventory from its cache", ITEM, "a second ansible-inventory --list within cache_timeout (jsonfile cache)",
                 "0 requests", "0 requests, the same 1,000 hosts", seen, "{0} s".format(second.seconds))


def test_5000_hostnames_against_50000_devices_cost_one_list_walk(tmp_path):
    devices = [device(number) for number in range(50000)]
    names = ["ws-{0:06d}.corp.example.com".format(number) for number in range(1, 50001, 10)]
    play = [{"name": "Map", "hosts": "localhost", "gather_facts": False, "vars": {"names": names}, "tasks": [
        {"name": "Map the names", "ansible.builtin.set_fact": {
            "ids": "{{ query('secops.executions.cylance_device_ids', names, api_url=url, access_token=token) }}"}},
        {"name": "Every name found", "ansible.builtin.assert": {"that": ["ids | length == 5000"]}}]}]
    path = tmp_path / "lookup.yml"
    path.write_text(yaml.safe_dump(play, sort_keys=False))
    with HostileServer(fleet_server(devices)) as server:
        run = measured([ANSIBLE_PLAYBOOK, "-i", "localhost,", "-c", "local",
                        "-e", json.dumps({"url": server.url, "token": TOKEN}), str(path)], tmp_path)
        seen = list(server.requests)
    assert run.rc == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert [entry.path for entry in seen] == ["/devices/v2"] * 5
    hostile_case("5,000 hostnames to device IDs", ITEM, "lookup cylance_device_ids with 5,000 FQDNs against 50,000 devices",
                 "one walk of the device list (5 pages), not 5,000 lookups", "5 page requests, 5,000 IDs", len(seen),
                 "{0} s, peak {1} MB".format(run.seconds, run.peak_mb))


def test_device_items_of_the_wrong_types_are_skipped_not_a_traceback(tmp_path):
    odd = [device(0), "not-a-device", None, 42, {"name": "NO-ID"}, dict(device(1), ip_addresses="10.0.0.9", policy="x", state=7)]
    with HostileServer(fleet_server(odd)) as server:
        run = inventory(server, tmp_path)
        seen = len(server.requests)
    assert run.rc == 0 and "Traceback" not in run.stderr, run.stderr
    hosts = run.hosts()
    assert sorted(hosts) == ["WS-000001", "WS-000002"]
    assert hosts["WS-000002"]["cylance_ip_addresses"] == [] and hosts["WS-000002"]["cylance_online"] is False
    hostile_case("Device items of the wrong types", ITEM, "a device page holding strings, null, numbers and objects without an ID",
                 "the two real devices as hosts, odd fields read as missing", "2 hosts, no traceback", seen)


def test_a_server_repeating_the_same_page_is_one_readable_error(tmp_path):
    repeated = [device(number) for number in range(3)]

    def handler(seen):
        # Ignores page: every page holds the same devices, for as many pages as it announces.
        return Reply(json={"page_number": int(seen.query.get("page", 1)), "total_pages": 1000, "page_items": repeated})
    with HostileServer(handler) as server:
        run = inventory(server, tmp_path)
        seen = len(server.requests)
    # The shared pager stops at the first page that lists only devices already listed.
    assert run.rc != 0 and "Traceback" not in run.stderr
    assert "same page again" in run.stderr and seen == 2
    hostile_case("The same devices on every page", ITEM, "a server that ignores page and repeats one page, announcing 1,000 pages",
                 "one readable failure, not 1,000 requests", "failed on the second page: the server serves the same page again", seen)


def test_a_403_on_the_zones_is_one_readable_error(tmp_path):
    def zones(dummy):
        return Reply(403, json={"message": "access token lacks the zone:list scope"})
    with HostileServer(fleet_server([device(0)], zones)) as server:
        run = inventory(server, tmp_path, zone_groups=True)
        seen = [entry.path for entry in server.requests]
    assert run.rc != 0 and "Traceback" not in run.stderr
    assert "403" in run.stderr and "zone:list" in run.stderr and TOKEN not in run.stdout + run.stderr
    assert seen == ["/zones/v2"]
    hostile_case("Zones refused (403)", ITEM, "zone groups asked for with a token lacking zone:list",
                 "one readable failure naming the privilege", "403 GET /zones/v2 ... zone:list, no traceback", len(seen))
