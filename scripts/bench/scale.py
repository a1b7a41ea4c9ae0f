# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""3. Info modules over long lists, and 6. what the emulator itself costs for the same requests.

For each vendor the emulator is seeded with a growing number of items, and the info module lists
them all (its default page size, a reused token), several times per size. Each run is a direct
invocation of the module (see harness.py): wall time, phases, peak memory, the requests from the
log. The same requests are then replayed by replay.py, a bare keep-alive HTTP client in a process
of its own that only reads the bytes: that is the emulator's share of the module's time.
"""

import copy
import json
import os
import subprocess
import sys
import uuid

from harness import median

REPLAY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "replay.py")
TARGET_ITEMS_PER_SECOND = 20000
TARGET_PEAK_MB = 200
FRACTIONS = (0.1, 0.25, 0.5, 1.0)


def _cylance(bench, count):
    tenant = bench.seed["cylance"]["tenants"][0]["tenant_id"]
    templates = bench.seed["cylance"]["resources"][tenant]["executions"]  # a zone target, and a device one with an SFTP destination
    executions = []
    for number in range(count):
        item = copy.deepcopy(templates[number % len(templates)])
        item.update(id=str(uuid.UUID(int=number + 1)), name="Bulk execution {0:06d}".format(number), created_ago=86400 + number)
        executions.append(item)
    return {"cylance": {"resources": {tenant: {"executions": executions}}}}


def _ccs(bench, count):
    template = bench.seed["ccs"]["jobs"][0]  # a collection and evaluation job with three ended runs
    jobs = []
    for number in range(count):
        job = copy.deepcopy(template)
        job.update(id=str(uuid.UUID(int=number + 1)), name="Bulk job {0:05d}".format(number))
        jobs.append(job)
    return {"ccs": {"jobs": bench.seed["ccs"]["jobs"] + jobs}}


def _oci(bench, count):
    template = bench.seed["oci"]["executions"][1]  # an open, unscheduled Concurrent Program Trace
    executions = []
    for number in range(count):
        item = copy.deepcopy(template)
        item.update(id="3-B{0:06d}".format(number), instance=("DCMATI", "DCMATP", "DCMATT")[number % 3],
                    summary="Bulk trace {0:05d}".format(number))
        executions.append(item)
    return {"oci": {"executions": executions}}


# vendor, module, largest size, seed builder, the module's arguments, the result key
VENDORS = [
    ("cylance", "cylance_package_execution_info", 100000, _cylance, {}, "executions"),
    ("ccs", "ccs_job_info", 20000, _ccs, {"filter": "(JobName = Bulk*)"}, "jobs"),
    ("oci", "oci_config_execution_info", 5000, _oci, {"support_identifier": "22334455", "service_type": "EBSO"}, "executions"),
]


def replay(bench, entries, headers):
    """Seconds the emulator takes to answer ``entries`` again, sent by a bare client in a process of its own."""
    plan = os.path.join(bench.work, "replay.json")
    with open(plan, "w") as handle:
        json.dump({"url": bench.url, "headers": headers, "requests": entries}, handle)
    output = subprocess.run([sys.executable, REPLAY, plan], stdout=subprocess.PIPE, check=True).stdout
    return float(output.decode().strip())


def _headers(bench, vendor):
    headers = {"Authorization": "Bearer " + bench.tokens[vendor], "Accept": "application/json"}
    if vendor == "oci":
        headers["Identifier"] = bench.seed["oci"]["identifier"]
    return headers


def measure(bench, available, fractions, repeats):
    rows = []
    for vendor, module, largest, build, args, key in VENDORS:
        if module not in available:
            continue
        for fraction in fractions:
            count = int(round(largest * fraction))
            bench.load(build(bench, count))
            runs = [bench.run_module(module, dict(args, **bench.reuse(vendor))) for dummy in range(repeats)]
            failed = [run for run in runs if run.failed]
            if failed:
                raise RuntimeError("{0} over {1} items failed: {2}".format(module, count, failed[0].result.get("msg") or failed[0].stderr[-500:]))
            returned = len(runs[0].result[key])
            if returned < count:
                raise RuntimeError("{0} returned {1} of {2} items".format(module, returned, count))
            emulator = [replay(bench, runs[0].requests, _headers(bench, vendor)) for dummy in range(repeats)]
            seconds = median([run.seconds for run in runs])
            rows.append({
                "vendor": vendor, "module": module, "items": returned, "requests": len(runs[0].requests),
                "seconds": seconds, "items_per_second": returned / seconds,
                "peak_mb": median([run.peak_mb for run in runs]),
                "import": median([run.phases["import"] for run in runs]),
                "logic": median([run.phases["logic"] for run in runs]),
                "output": median([run.phases["output"] for run in runs]),
                "output_mb": runs[0].output_bytes / 1048576.0,
                "emulator_seconds": median(emulator),
            })
    return rows


def fit(points):
    """Least-squares line through (x, y) points: (intercept, slope, r squared)."""
    count = float(len(points))
    mean_x = sum(x for x, y in points) / count
    mean_y = sum(y for x, y in points) / count
    sxx = sum((x - mean_x) ** 2 for x, y in points)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in points)
    syy = sum((y - mean_y) ** 2 for x, y in points)
    slope = sxy / sxx if sxx else 0.0
    intercept = mean_y - slope * mean_x
    r_squared = (sxy * sxy) / (sxx * syy) if sxx and syy else 1.0
    return intercept, slope, r_squared


def growth(rows):
    """Per vendor: time and memory lines against the number of items, and per-item cost at both ends."""
    result = {}
    for vendor in sorted(set(row["vendor"] for row in rows)):
        mine = sorted((row for row in rows if row["vendor"] == vendor), key=lambda row: row["items"])
        if len(mine) < 2:
            continue
        time_fit = fit([(row["items"], row["seconds"]) for row in mine])
        memory_fit = fit([(row["items"], row["peak_mb"]) for row in mine])
        # Per-item time of the marginal items: between the two smallest sizes, and between the two largest.
        first = (mine[1]["seconds"] - mine[0]["seconds"]) / (mine[1]["items"] - mine[0]["items"])
        last = (mine[-1]["seconds"] - mine[-2]["seconds"]) / (mine[-1]["items"] - mine[-2]["items"])
        result[vendor] = {"time_fit": time_fit, "memory_fit": memory_fit, "marginal_first": first, "marginal_last": last}
    return result
