# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Cylance fleet as an inventory, at 50,000 devices: `python scripts/bench --only inventory`.

Rows: a bare Python script that fetches the device pages and prints the JSON (the floor), then
`ansible-inventory --list` on a `*.cylance_devices.yml` file without and with zone groups, a
second run from the cache, and the lookup mapping 5,000 hostnames. Each is a separate process,
run in turn against the same emulator; its wall time, its peak memory (the largest process it
started, from getrusage in a wrapper, not the benchmark's own) and its requests are recorded.
"""

import json
import math
import os
import subprocess
import sys
import time

import yaml

DEVICES = 50000
ZONES = 200
MAX_PAGE_SIZE = 10000  # Get Devices' documented maximum
LOOKUP_NAMES = 5000
TARGET_RATIO = 1.5
TARGET_PEAK_MB = 400
FIELDS = ("state", "ip_addresses")
# Runs a command and prints the peak RSS (KiB) of the largest process it started.
MEASURE = ("import resource, subprocess, sys; rc = subprocess.call(sys.argv[1:]); "
           "sys.stderr.write('peak_rss_kib=%d\\n' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(rc)")
BARE_SCRIPT = """
import json, sys, requests
url, token = sys.argv[1], sys.argv[2]
session = requests.Session()
session.headers["Authorization"] = "Bearer " + token
devices, page = [], 1
while True:
    body = session.get(url + "/devices/v2", params={"page": page, "page_size": 10000}, timeout=300).json()
    devices.extend(body["page_items"])
    if body["page_number"] >= body["total_pages"]:
        break
    page += 1
json.dump({"devices": devices}, sys.stdout)
"""


def _run(bench, name, command, env=None):
    bench.control.clear_requests()
    started = time.perf_counter()
    process = subprocess.run([sys.executable, "-c", MEASURE] + command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=dict(bench.env, **(env or {})), cwd=bench.work, check=False)
    seconds = time.perf_counter() - started
    errors = process.stderr.decode("utf-8", "replace")
    peak = [line for line in errors.splitlines() if line.startswith("peak_rss_kib=")]
    requests = bench.control.requests()
    if process.returncode != 0:
        raise RuntimeError("{0} failed: {1}".format(name, errors[-2000:]))
    return {"name": name, "seconds": round(seconds, 1), "peak_mb": round(int(peak[-1].split("=")[1]) / 1024.0) if peak else None,
            "requests": len(requests), "token_requests": sum(1 for entry in requests if entry["path"] == "/auth/v2/token"),
            "output_mb": round(len(process.stdout) / 1e6, 1)}


def _inventory_file(bench, name, **options):
    path = os.path.join(bench.work, name + ".cylance_devices.yml")
    config = dict({"plugin": "secops.executions.cylance_devices"}, **bench.credentials("cylance"))
    config.update(options)
    with open(path, "w") as handle:
        yaml.safe_dump(config, handle)
    return path


def _lookup_play(bench, names):
    path = os.path.join(bench.work, "lookup.yml")
    play = [{"name": "Map hostnames", "hosts": "localhost", "gather_facts": False, "vars": {"names": names, "connection": bench.credentials("cylance")},
             "tasks": [{"name": "Map", "ansible.builtin.set_fact": {
                 "ids": "{{ query('secops.executions.cylance_device_ids', names, unknown='ignore', **connection) }}"}},
                 {"name": "Count", "ansible.builtin.assert": {"that": ["ids | length == {0}".format(len(names))]}}]}]
    with open(path, "w") as handle:
        yaml.safe_dump(play, handle, sort_keys=False)
    return path


def measure(bench, devices=DEVICES, zones=ZONES):
    tenant = bench.seed["cylance"]["tenants"][0]["tenant_id"]
    bench.load({"cylance": {"resources": {tenant: {"fleet": {"devices": devices, "zones": zones}}}}})
    total = devices + len(bench.seed["cylance"]["resources"][tenant].get("devices", []))
    binary = os.path.dirname(sys.executable)
    inventory = os.path.join(binary, "ansible-inventory")
    env = {"ANSIBLE_INVENTORY_ENABLED": "secops.executions.cylance_devices"}
    cache = os.path.join(bench.work, "inventory-cache")
    rows = [
        _run(bench, "bare Python script (same pages, JSON out)", [sys.executable, "-c", BARE_SCRIPT, bench.url, bench.tokens["cylance"]]),
        _run(bench, "ansible-inventory --list, zone_groups: false", [inventory, "--list", "-i", _inventory_file(bench, "flat", zone_groups=False)], env),
        _run(bench, "ansible-inventory --list, zone groups", [inventory, "--list", "-i", _inventory_file(bench, "zones")], env),
    ]
    cached = _inventory_file(bench, "cached", zone_groups=False, cache=True, cache_plugin="ansible.builtin.jsonfile",
                             cache_connection=cache, cache_timeout=3600)
    rows.append(_run(bench, "ansible-inventory --list, cache filled", [inventory, "--list", "-i", cached], env))
    rows.append(_run(bench, "ansible-inventory --list, from the cache", [inventory, "--list", "-i", cached], env))
    names = ["ws-{0:06d}.corp.example.com".format(number) for number in range(1, devices + 1, max(1, devices // LOOKUP_NAMES))][:LOOKUP_NAMES]
    rows.append(_run(bench, "lookup cylance_device_ids, {0:,} hostnames".format(len(names)),
                     [os.path.join(binary, "ansible-playbook"), "-i", "localhost,", "-c", "local", _lookup_play(bench, names)]))
    # Last, so that the rows above keep their places: the host variables a play uses, not all 17 of them.
    rows.append(_run(bench, "ansible-inventory --list, zone_groups: false, fields: {0}".format(", ".join(FIELDS)),
                     [inventory, "--list", "-i", _inventory_file(bench, "fields", zone_groups=False, fields=list(FIELDS))], env))
    floor = rows[0]["seconds"]
    for row in rows:
        row["ratio"] = round(row["seconds"] / floor, 1) if floor else None
    return {"devices": total, "zones": zones, "expected_requests": int(math.ceil(total / float(MAX_PAGE_SIZE))) + 1, "rows": rows}


def table(results):
    from report import table as markdown, verdict
    rows = []
    for row in results["rows"]:
        rows.append([row["name"], "{0:.1f}".format(row["seconds"]), "{0:.1f}x".format(row["ratio"]), row["peak_mb"],
                     "{0} ({1} token)".format(row["requests"], row["token_requests"]), row["output_mb"]])
    flat = results["rows"][1]
    summary = ("{0:,} devices in {1} zones. Requests of the flat inventory: {2}, target ceil({0:,} / {3:,}) + 1 = {4}: {5}. "
               "Wall time {6}x the bare script (target {7}x): {8}. Peak memory {9} MB (target {10} MB): {11}. "
               "Second run from the cache: {12} requests (target 0): {13}.").format(
        results["devices"], results["zones"], flat["requests"], MAX_PAGE_SIZE, results["expected_requests"],
        verdict(flat["requests"] == results["expected_requests"]), flat["ratio"], TARGET_RATIO, verdict(flat["ratio"] <= TARGET_RATIO),
        flat["peak_mb"], TARGET_PEAK_MB, verdict(flat["peak_mb"] < TARGET_PEAK_MB), results["rows"][4]["requests"],
        verdict(results["rows"][4]["requests"] == 0))
    if len(results["rows"]) > 6:
        fields = results["rows"][6]
        summary += (" With only the host variables a play uses (`fields: [{0}]`): {1}x the bare script, peak {2} MB: {3} / {4}.").format(
            ", ".join(FIELDS), fields["ratio"], fields["peak_mb"], verdict(fields["ratio"] <= TARGET_RATIO),
            verdict(fields["peak_mb"] < TARGET_PEAK_MB))
    return markdown(["Run", "Wall s", "vs bare", "Peak MB", "Requests", "Output MB"], rows) + "\n\n" + summary


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from harness import Bench
    bench_ = Bench()
    try:
        measured = measure(bench_)
    finally:
        bench_.stop()
    print(table(measured))
    print(json.dumps(measured))
