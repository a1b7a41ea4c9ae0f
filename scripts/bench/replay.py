# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Send logged requests again over one keep-alive connection, reading only the bytes; print the seconds taken.

    python replay.py <file>   the file holds {"url": ..., "headers": {...}, "requests": [log entries]}

It runs in a process of its own: in the benchmark's process, which also runs the emulator, the
client and the server would take turns holding the interpreter lock and measure each other.
"""

import http.client
import json
import sys
import time
from urllib.parse import urlsplit


def main():
    with open(sys.argv[1]) as handle:
        plan = json.load(handle)
    parts = urlsplit(plan["url"])
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    started = time.perf_counter()
    for entry in plan["requests"]:
        target = entry["path"] + ("?" + entry["query"] if entry["query"] else "")
        connection.request(entry["method"], target, headers=plan["headers"])
        connection.getresponse().read()
    print(time.perf_counter() - started)
    connection.close()


if __name__ == "__main__":
    main()
