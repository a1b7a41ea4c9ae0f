# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""6. The emulator's own speed: small requests per second over one keep-alive connection.

Its cost for the long lists is measured in scale.py, by replaying the modules' own requests.
"""

import http.client
import time
from urllib.parse import urlsplit

from cases import OCI_ITEM, WEEKLY
from harness import median

REQUESTS = [
    ("cylance", "GET one execution", "/packages/v2/executions/" + WEEKLY),
    ("ccs", "GET one job", "/ccs/api/v1/jobs/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"),
    ("oci", "GET one execution", OCI_ITEM),
]


def measure(bench, count):
    bench.load()
    parts = urlsplit(bench.url)
    rows = []
    for vendor, what, path in REQUESTS:
        headers = {"Authorization": "Bearer " + bench.tokens[vendor], "Accept": "application/json"}
        if vendor == "oci":
            headers["Identifier"] = bench.seed["oci"]["identifier"]
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        latencies = []
        for dummy in range(count):
            started = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            latencies.append(time.perf_counter() - started)
            if response.status != 200:
                raise RuntimeError("{0} answered {1}".format(path, response.status))
        connection.close()
        rows.append({"vendor": vendor, "what": what, "requests": count, "per_second": count / sum(latencies),
                     "median_ms": median(latencies) * 1000})
    bench.control.clear_requests()
    return rows
