# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""secops.executions.secops_outcomes: an Event-Driven Ansible source of execution outcomes.

Polls the consoles with the collection's own client code and puts one event on the queue per
status transition of a watched object:

- Cylance package executions: ``running`` until every counted device finished, then ``succeeded``,
  or ``failed`` when more devices failed than ``cylance_max_failed_devices``;
- CCS jobs: the status of their latest run (``Running``, ``Completed``, ``Failed``, ``Aborted``...);
- Oracle configuration executions: ``<status> / <sub-status>`` (``Open / Ready For Execution``...).

One list per console per interval, however many objects are watched (list calls, never a read
per object). An event:

    {"secops": {"console": "ccs", "id": "<job id>", "name": "...", "old_status": "Running",
                "new_status": "Failed", "timestamp": "2026-12-04T18:00:00Z", "object": {...}}}

The first poll records what exists without events (``emit_initial: true`` sends them too).
Memory is bounded: only the objects of the latest listing are remembered, at most
``max_tracked`` per console. A console that fails is polled again after a delay that doubles up
to ``max_backoff`` seconds, the others go on. Credentials come from the same environment
variables as the modules (``CYLANCE_*``, ``CCS_*``, ``OCI_MCS_*``), or from the source's
arguments of the same names as the modules' options, prefixed with the console
(``ccs_api_url``...).

Arguments: ``consoles`` (default: those whose API URL is set), ``interval`` (s, default 60),
``emit_initial``, ``max_tracked`` (default 10000), ``max_backoff`` (s, default 600),
``cylance_max_failed_devices`` (default 0), ``ccs_filter`` (a Search Jobs filter, default every
job), ``oci_support_identifier`` and ``oci_service_type`` (or ``OCI_MCS_SUPPORT_IDENTIFIER``,
``OCI_MCS_SERVICE_TYPE``), ``polls`` (stop after that many rounds; for tests).
"""

from __future__ import absolute_import, division, print_function

import asyncio
import collections
import datetime
import logging
import os
import sys


def _import_collection():
    """Make ``ansible_collections`` importable when ansible-rulebook loads this file by its path."""
    try:
        import ansible_collections.secops.executions.plugins.module_utils.client  # noqa: F401 pylint: disable=unused-import
    except ImportError:
        # .../ansible_collections/secops/executions/extensions/eda/plugins/event_source/secops_outcomes.py
        root = os.path.abspath(os.path.join(os.path.dirname(__file__), *([os.pardir] * 7)))
        sys.path.insert(0, root)


_import_collection()

# pylint: disable=wrong-import-position
from ansible_collections.secops.executions.plugins.module_utils.client import HttpClient  # noqa: E402
from ansible_collections.secops.executions.plugins.module_utils.ccs.api import search_jobs  # noqa: E402
from ansible_collections.secops.executions.plugins.module_utils.ccs.connection import VENDOR as CCS  # noqa: E402
from ansible_collections.secops.executions.plugins.module_utils.cylance.api import list_executions  # noqa: E402
from ansible_collections.secops.executions.plugins.module_utils.cylance.connection import VENDOR as CYLANCE  # noqa: E402
from ansible_collections.secops.executions.plugins.module_utils.cylance.model import device_counts  # noqa: E402
from ansible_collections.secops.executions.plugins.module_utils.oci.api import ConfigExecutions  # noqa: E402
from ansible_collections.secops.executions.plugins.module_utils.oci.connection import VENDOR as OCI  # noqa: E402
from ansible_collections.secops.executions.plugins.module_utils.redaction import SecretMask  # noqa: E402

LOGGER = logging.getLogger("secops.executions.secops_outcomes")
VENDORS = {"cylance": CYLANCE, "ccs": CCS, "oci": OCI}
EVERY_JOB = "(JobCreationTime > 1970-01-01T00:00:00Z)"
PAGE_SIZE = 100
TRUE = ("1", "true", "yes", "on")


# ---- connection from the environment ------------------------------------------------------------

def _typed(option, value):
    if value is None or option.type == "str":
        return value
    if isinstance(value, str):
        if option.type == "bool":
            return value.strip().lower() in TRUE
        if option.type == "int":
            return int(value)
        if option.type == "list":
            return [item.strip() for item in value.split(",") if item.strip()]
    return value


def connection_params(console, args):
    """The vendor's connection options: ``<console>_<option>`` arguments, else its environment variables, else defaults."""
    params = {}
    for option in VENDORS[console].options:
        value = args.get("{0}_{1}".format(console, option.name))
        if value is None and option.env:
            value = os.environ.get(option.env)
        params[option.name] = _typed(option, value if value is not None else option.default)
    return params


def configured(console, args):
    """True when the console's API URL (or the Cylance region) is known."""
    params = connection_params(console, args)
    return bool(params.get("api_url") or params.get("region"))


def make_client(console, args, mask=None):
    """A client for the console; ``mask`` (a SecretMask) learns its secrets and tokens, and masks its warnings.

    Nothing masks this source's log for it, as Ansible does for modules: every message goes through the mask.
    """
    vendor = VENDORS[console]
    params = connection_params(console, args)
    if mask is None:
        mask = SecretMask()
    mask.add_params(vendor.options, params)
    return HttpClient(vendor.base_url(params), timeout=params.get("timeout") or 30, validate_certs=params.get("validate_certs", True),
                      ca_path=params.get("ca_path"), proxy=params.get("proxy"), retries=params.get("retries") or 0,
                      retry_max_wait=params.get("retry_max_wait") or 60, warn=lambda message: LOGGER.warning(mask(message)),
                      auth=vendor.build_auth(params, on_token=mask.add_token, on_secret=mask.add), mask=mask)


# ---- one listing per console: {id: (status, name, details, marker)} --------------------------------

def cylance_statuses(client, args):
    threshold = int(args.get("cylance_max_failed_devices") or 0)
    found = {}
    for execution in list_executions(client):
        if not isinstance(execution, dict) or not execution.get("id"):
            continue
        counts = device_counts(execution)
        if counts["unfinished"]:
            status = "running"
        else:
            status = "failed" if counts["failed"] > threshold else "succeeded"
        found[execution["id"]] = (status, execution.get("name"), {"device_counts": counts}, None)
    return found


def ccs_statuses(client, args):
    found = {}
    for job in search_jobs(client, args.get("ccs_filter") or EVERY_JOB, PAGE_SIZE):
        if job["id"] and job["last_run_status"] is not None:
            details = {"last_run_at": job["last_run_at"], "last_run_succeeded": job["last_run_succeeded"]}
            found[job["id"]] = (job["last_run_status"], job["name"], details, job["last_run_at"])
    return found


def oci_statuses(client, args):
    csi = args.get("oci_support_identifier") or os.environ.get("OCI_MCS_SUPPORT_IDENTIFIER")
    service_type = args.get("oci_service_type") or os.environ.get("OCI_MCS_SERVICE_TYPE")
    if not csi or not service_type:
        raise ValueError("oci needs oci_support_identifier and oci_service_type (or OCI_MCS_SUPPORT_IDENTIFIER, OCI_MCS_SERVICE_TYPE)")
    found = {}
    executions = ConfigExecutions(client, str(csi), service_type)
    for execution in executions.items({}):
        view = executions.normalize(execution)
        if view["id"]:
            found[view["id"]] = ("{0} / {1}".format(view["status"], view["sub_status"]), view["summary"],
                                 {"instance_id": view["instance_id"], "scheduled_start": view["scheduled_start"]}, None)
    return found


LISTINGS = {"cylance": cylance_statuses, "ccs": ccs_statuses, "oci": oci_statuses}


# ---- transitions ---------------------------------------------------------------------------------

class Watch(object):
    """What one console's objects were at the last poll; at most ``limit`` of them are remembered."""

    def __init__(self, console, limit, emit_initial=False):
        self.console = console
        self.limit = limit
        self.known = collections.OrderedDict()
        self.primed = emit_initial

    def transitions(self, listing, now):
        """Events for the objects whose status changed (or that are new) since the last listing.

        ``listing`` is {id: (status, name, details, marker)}; a new ``marker`` (a CCS job's latest
        run start) is a transition even when the status reads the same (a failure after a failure).
        """
        events = []
        current = collections.OrderedDict()
        for object_id, (status, name, details, marker) in listing.items():
            old_status, old_marker = self.known.get(object_id, (None, None))
            if self.primed and (old_status, old_marker) != (status, marker):
                events.append({"secops": {"console": self.console, "id": object_id, "name": name, "old_status": old_status,
                                          "new_status": status, "timestamp": now, "object": details}})
            current[object_id] = (status, marker)
        while len(current) > self.limit:
            current.popitem(last=False)
        self.known = current
        self.primed = True
        return events


def utc_now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


async def watch_console(queue, console, args):
    """Poll one console forever (or ``polls`` times), one listing per interval, backing off on errors."""
    interval = float(args.get("interval", 60))
    max_backoff = float(args.get("max_backoff", 600))
    watch = Watch(console, int(args.get("max_tracked", 10000)), bool(args.get("emit_initial")))
    mask = SecretMask()
    client = make_client(console, args, mask)
    delay, rounds, limit = interval, 0, args.get("polls")
    while limit is None or rounds < int(limit):
        rounds += 1
        try:
            listing = await asyncio.to_thread(LISTINGS[console], client, args)
        except Exception as exc:  # pylint: disable=broad-except
            # One readable line, never the credentials: a server may echo the request (a login form, a
            # signed assertion) in its error, so the message goes through the mask.
            delay = min(max_backoff, delay * 2)
            LOGGER.warning("secops_outcomes: %s poll failed (%s); next try in %.0f s", console, mask(exc), delay)
        else:
            delay = interval
            for event in watch.transitions(listing, utc_now()):
                await queue.put(event)
        if limit is None or rounds < int(limit):
            await asyncio.sleep(delay)


async def main(queue, args):
    """The entry point ansible-rulebook calls."""
    args = dict(args or {})
    consoles = args.get("consoles") or [console for console in VENDORS if configured(console, args)]
    unknown = [console for console in consoles if console not in VENDORS]
    if unknown:
        raise ValueError("consoles: unknown {0}; valid: {1}".format(", ".join(unknown), ", ".join(VENDORS)))
    if not consoles:
        raise ValueError("no console to watch: set CYLANCE_API_URL (or CYLANCE_REGION), CCS_API_URL or OCI_MCS_API_URL")
    await asyncio.gather(*[watch_console(queue, console, args) for console in consoles])


if __name__ == "__main__":
    class _PrintQueue(object):
        async def put(self, event):
            print(event)

    asyncio.run(main(_PrintQueue(), {"interval": 10}))
