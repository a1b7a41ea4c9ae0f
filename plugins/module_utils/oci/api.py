# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Oracle HTTP calls: the list pager (``offset``/``limit``, stops on ``X-Total-Rows-Count``) and the
configuration execution calls, each answer turned into the one view of ``model.normalize``."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import binascii

from ansible_collections.secops.executions.plugins.module_utils.errors import ResponseFormatError, SecopsError, hint_on
from ansible_collections.secops.executions.plugins.module_utils.listing import Spool, Through
from ansible_collections.secops.executions.plugins.module_utils.oci.metadata import segment
from ansible_collections.secops.executions.plugins.module_utils.oci.model import conflict_view, normalize
from ansible_collections.secops.executions.plugins.module_utils.paging import Page, Scheme, total_of, walk
from ansible_collections.secops.executions.plugins.module_utils.times import iso_utc

PAGE_SIZE = 100
# Oracle lists answer with 25 items when no limit is sent.
DEFAULT_LIMIT = 25
TOTAL_HEADER = "X-Total-Rows-Count"
INSTANCES_PATH = "/selfservice/v1/customers/{0}/{1}/products/config/instances"
SCOPES = {
    "read": "mcs:oci:api:User",
    "create": "mcs:oci:api:PrivilegedUser",
    "schedule": "mcs:oci:api:Approver",
    "cancel": "mcs:oci:api:Approver",
    "read the conflicts of": "mcs:oci:api:Approver",
    "read the logs of": "mcs:oci:api:User",
    "transfer the logs of": "mcs:oci:api:User",
}
SCOPE_HINT = ("To {0} executions the token needs the {1} scope, the client must serve customer {2}, "
              "and the customer must have opted in to the Configuration functionality")


def _items(body):
    """The items of an Oracle list answer: a JSON list, or an object holding ``items``."""
    return body.get("items") if isinstance(body, dict) else body


class OffsetPages(Scheme):
    """Oracle lists: ``offset``/``limit`` in; a JSON list (or ``items``) out, the total in ``X-Total-Rows-Count``."""

    problem = "a list answer that is not a JSON list"

    def first(self):
        return 0

    def query(self, position):
        return {"offset": position, "limit": self.size}

    def items_of(self, body):
        return _items(body)

    def read(self, items, body, response):
        return Page(items, total=total_of(response.headers.get(TOTAL_HEADER)))

    def next_position(self, position, page):
        return position + len(page.items)


def execution_key(item):
    """An execution's ID (``id``, else ``rfcNumber``) for telling repeats apart."""
    return (item.get("id") or item.get("rfcNumber")) if isinstance(item, dict) else None


def pages(client, path, query=None, limit=PAGE_SIZE, key_of=execution_key, sink=None):
    """Items of an Oracle list, each ID once (into ``sink`` page by page when given)."""
    return walk(client, path, OffsetPages(limit), query=query, key_of=key_of, sink=sink)


def steps_by_parent(executions, into):
    """Add the downstream steps among ``executions`` to ``into`` (parent ID -> its steps); returns ``into``."""
    for execution in executions:
        if execution["reference_execution_id"]:
            into.setdefault(execution["reference_execution_id"], []).append(execution)
    return into


def with_steps(executions, steps):
    """``executions``, each parent that lists no step of its own given those found in the same listing."""
    for execution in executions:
        if not execution["downstream_executions"]:
            execution["downstream_executions"] = [dict(child) for child in steps.get(execution["id"], [])]
    return executions


class ConfigExecutions(object):
    """The configuration execution calls for one customer and service type."""

    def __init__(self, client, support_identifier, service_type, page_size=PAGE_SIZE):
        self.client = client
        self.support_identifier = support_identifier
        self.service_type = service_type
        self.page_size = page_size
        self.base = INSTANCES_PATH.format(segment(support_identifier), segment(service_type))

    def path(self, instance_id, execution_id=None):
        path = "{0}/{1}/executions".format(self.base, segment(instance_id))
        return path if execution_id is None else "{0}/{1}".format(path, segment(execution_id))

    def normalize(self, item, instance_id=None):
        return normalize(item, self.support_identifier, self.service_type, instance_id)

    def _forbidden(self, action):
        """A 403 said again with what it takes: the scope, the customer mapping and the opt-in."""
        return hint_on(403, SCOPE_HINT.format(action, SCOPES[action], self.support_identifier))

    def _call(self, action, method, path, **kwargs):
        with self._forbidden(action):
            return self.client.request(method, path, **kwargs)

    def get(self, instance_id, execution_id):
        """The execution's details, normalized; None when the platform does not know it."""
        response = self._call("read", "GET", self.path(instance_id, execution_id), allow_status=(404,))
        if self.client.not_found(response):
            return None
        body = response.json
        if not isinstance(body, dict):
            raise ResponseFormatError("GET", self.path(instance_id, execution_id), response.status, "an execution object expected")
        return self.normalize(body, instance_id)

    def require(self, instance_id, execution_id):
        execution = self.get(instance_id, execution_id)
        if execution is None:
            raise SecopsError("No execution {0} on instance {1} of customer {2} ({3})".format(
                execution_id, instance_id, self.support_identifier, self.service_type), execution_id=execution_id)
        return execution

    def items(self, query):
        """Every list item matching the API filters in ``query`` (camelCase names), one request per page."""
        with self._forbidden("read"):
            yield from pages(self.client, self.base + "/executions", query=query, limit=self.page_size)

    def listing(self, query, sink=None):
        """Normalized items; downstream steps found in the same listing are attached to their parents too.

        With a ``sink`` they go to it a page at a time once the whole list is read. A step may be listed
        pages after its parent, so until then the list waits in a ``Spool`` (a temporary file), not in
        memory; only the steps are held, to be attached.
        """
        if sink is None:
            executions = [self.normalize(item) for item in self.items(query)]
            return with_steps(executions, steps_by_parent(executions, {}))
        with Spool() as spool:
            with self._forbidden("read"):
                pages(self.client, self.base + "/executions", query=query, limit=self.page_size,
                      sink=Through(spool, lambda items: [self.normalize(item) for item in items]))
            steps = {}
            for batch in spool.batches(self.page_size):
                steps_by_parent(batch, steps)
            for batch in spool.batches(self.page_size):
                sink.extend(with_steps(batch, steps))
        return sink

    def create(self, instance_id, body):
        what = "the execution '{0}' on {1}".format(body["summary"], instance_id)
        response = self._call("create", "POST", self.path(instance_id), json_body=body, ok=(200, 201), what=what)
        created = response.json
        if not isinstance(created, dict) or not (created.get("id") or created.get("rfcNumber")):
            raise ResponseFormatError("POST", self.path(instance_id), response.status, "no id for the new execution")
        return created.get("id") or created["rfcNumber"]

    def schedule(self, instance_id, execution_id, start, downstream=None):
        """Schedule or reschedule; ``downstream`` is [(activity type, start)] for the steps of a toggle."""
        body = {"action": "schedule", "scheduledTime": iso_utc(start)}
        if downstream:
            body["checkAutoDisable"] = False
            body["downStreamExecutions"] = [{"scheduledTime": iso_utc(moment), "activityType": kind} for kind, moment in downstream]
        self._call("schedule", "PUT", self.path(instance_id, execution_id), json_body=body, ok=(200,))

    def cancel(self, instance_id, execution_id):
        """The cancel answer, normalized: id, statuses and activity, no schedule (None when it is not an object)."""
        response = self._call("cancel", "PUT", self.path(instance_id, execution_id), json_body={"action": "cancel"}, ok=(200,))
        return self.normalize(response.json, instance_id) if isinstance(response.json, dict) else None

    def conflicts(self, instance_id, start, end):
        """The RFCs of any product scheduled on the instance at some moment between ``start`` and ``end``."""
        path = self.path(instance_id)
        response = self._call("read the conflicts of", "GET", path, query={"scheduledStart": iso_utc(start), "scheduledEnd": iso_utc(end)})
        items = _items(response.json)
        if not isinstance(items, list):
            raise ResponseFormatError("GET", path, response.status, "a list of conflicting RFCs expected")
        return [conflict_view(item) for item in items if isinstance(item, dict)]

    def logs_path(self, instance_id, execution_id):
        return self.path(instance_id, execution_id) + "/logs/"

    def log_names(self, instance_id, execution_id):
        """The names of the execution's log files."""
        path = self.logs_path(instance_id, execution_id)
        response = self._call("read the logs of", "GET", path)
        names = _items(response.json)
        if not isinstance(names, list):
            raise ResponseFormatError("GET", path, response.status, "a list of log file names expected")
        return [_log_name(item) for item in names if _log_name(item)]

    def log_file(self, instance_id, execution_id, name):
        """The bytes of one log file (sent as Base64 in ``content``)."""
        path = self.logs_path(instance_id, execution_id) + segment(name)
        response = self._call("read the logs of", "GET", path)
        body = response.json
        content = body.get("content") if isinstance(body, dict) else None
        if not isinstance(content, str):
            raise ResponseFormatError("GET", path, response.status, "an object with the Base64 content of the log expected")
        try:
            return base64.b64decode(content, validate=False)
        except (binascii.Error, ValueError):
            raise ResponseFormatError("GET", path, response.status, "log content that is not Base64")

    def transfer_logs(self, instance_id, execution_id, process_identifier=None):
        """Ask the platform to transfer the execution's logs; returns its message."""
        body = {"transferLogs": True}
        if process_identifier is not None:
            body["OS_Process_Identifier"] = str(process_identifier)
        path = self.logs_path(instance_id, execution_id)
        response = self._call("transfer the logs of", "PUT", path, json_body=body, ok=(200, 201, 202, 204))
        answer = response.json if response.status != 204 else None
        return answer.get("message") if isinstance(answer, dict) else None


def _log_name(item):
    """A log file name from a list entry: a text as documented, or an object naming it."""
    if isinstance(item, dict):
        item = item.get("fileName") or item.get("name")
    return item if isinstance(item, str) and item else None
