# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""6. The emulator's own speed: small requests per second over one keep-alive connection.

The client is replay.py, in a process of its own. The emulator's cost for the long lists is
measured in scale.py, by replaying the modules' own requests the same way.
"""

from cases import OCI_ITEM, WEEKLY
from scale import replay

REQUESTS = [
    ("cylance", "GET one execution", "/packages/v2/executions/" + WEEKLY),
    ("ccs", "GET one job", "/ccs/api/v1/jobs/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"),
    ("oci", "GET one execution", OCI_ITEM),
]


def measure(bench, count):
    bench.load()
    rows = []
    for vendor, what, path in REQUESTS:
        headers = {"Authorization": "Bearer " + bench.tokens[vendor], "Accept": "application/json"}
        if vendor == "oci":
            headers["Identifier"] = bench.seed["oci"]["identifier"]
        seconds = replay(bench, [{"method": "GET", "path": path, "query": ""}] * count, headers)
        rows.append({"vendor": vendor, "what": what, "requests": count, "per_second": count / seconds, "mean_ms": seconds / count * 1000})
    bench.control.clear_requests()
    return rows
