# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What reading a Cylance list costs without the collection: the floor the play benchmark compares with.

    python floor.py <plan.json>

The plan names the emulator ``url``, a bearer ``token``, the list ``path`` (``/packages/v2/executions``),
the ``page_size``, the ``out`` file and the ``client``:

- ``requests``: a bare sequential ``requests.Session`` loop over the pages, every item kept, then
  the whole list dumped as JSON (what a hand-written script does);
- ``cyapi``: the official Cylance SDK (a bench-only dependency, requirements-bench.txt), which
  reads the first page, then the others on 20 threads;
- ``readahead``: the least that reading the pages for a ``fields`` result can cost a script: a
  thread fetches the next page while the main thread decodes the current one and keeps only
  the plan's ``fields`` and the ID; no checks, and nothing written (``seconds`` is the reading
  alone), because the module's own output is already inside the ansible-core-alone rows.

Prints JSON: seconds, peak_mb (this process's VmHWM), items.
"""

import json
import sys
import threading
import time


def peak_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return None


def with_requests(plan):
    import requests
    session = requests.Session()
    session.headers.update({"Authorization": "Bearer " + plan["token"], "Accept": "application/json"})
    items, page = [], 1
    while True:
        body = session.get(plan["url"] + plan["path"], params={"page": page, "page_size": plan["page_size"]}, timeout=60).json()
        items.extend(body["page_items"])
        if page >= body["total_pages"]:
            return items
        page += 1


def with_readahead(plan):
    import queue
    import requests
    session = requests.Session()
    session.headers.update({"Authorization": "Bearer " + plan["token"], "Accept": "application/json"})
    keep = ["id"] + plan["fields"]

    def fetch(page):
        return session.get(plan["url"] + plan["path"], params={"page": page, "page_size": plan["page_size"]}, timeout=60).content

    def kept(body):
        return [dict((key, item[key]) for key in keep if key in item) for item in body["page_items"]]

    first = json.loads(fetch(1))
    items, last = kept(first), first["total_pages"]
    # One page in flight ahead of the decoding: the socket wait and the emulator's work overlap it.
    fetched = queue.Queue(maxsize=1)
    reader = threading.Thread(target=lambda: [fetched.put(fetch(page)) for page in range(2, last + 1)], daemon=True)
    reader.start()
    for dummy in range(2, last + 1):
        items.extend(kept(json.loads(fetched.get())))
    reader.join()
    return items


def _pkg_resources_shim():
    """cyapi 1.0.20 imports pkg_resources (gone from recent setuptools) only to list its own data files."""
    try:
        import pkg_resources  # noqa: F401 pylint: disable=unused-import
    except ImportError:
        import importlib.resources
        import types
        shim = types.ModuleType("pkg_resources")
        shim.resource_listdir = lambda package, folder: [entry.name for entry in importlib.resources.files(package.split(".")[0]).joinpath(folder).iterdir()]
        shim.resource_stream = lambda package, name: importlib.resources.files(package.split(".")[0]).joinpath(name).open("rb")
        sys.modules["pkg_resources"] = shim


def with_cyapi(plan):
    _pkg_resources_shim()
    from cyapi.cyapi import CyAPI
    api = CyAPI(tenant_app=True, tenant_jwt=plan["token"])
    # The SDK builds its URLs from a region; the emulator stands in for the region's API host.
    api.baseURL = plan["url"] + "/"
    api.create_conn()
    section, detail = plan["path"].strip("/").split("/v2", 1)
    return api.get_list_items(section, detail=detail, limit=plan["page_size"]).data


def main():
    with open(sys.argv[1]) as handle:
        plan = json.load(handle)
    started = time.perf_counter()
    items = {"requests": with_requests, "cyapi": with_cyapi, "readahead": with_readahead}[plan["client"]](plan)
    if plan["client"] != "readahead":
        with open(plan["out"], "w") as handle:
            json.dump(items, handle)
    print(json.dumps({"seconds": time.perf_counter() - started, "peak_mb": peak_mb(), "items": len(items)}))


if __name__ == "__main__":
    main()
