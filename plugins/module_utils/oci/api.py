# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Oracle HTTP calls: the list pager (``offset``/``limit``, stops on ``X-Total-Rows-Count``) and the
configuration execution calls, each answer turned into the one view of ``model.normalize``."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.secops.executions.plugins.module_utils.errors import ResponseFormatError, SecopsError, hint_on
from ansible_collections.secops.executions.plugins.module_utils.oci.metadata import segment
from ansible_collections.secops.executions.plugins.module_utils.oci.model import normalize
from ansible_collections.secops.executions.plugins.module_utils.paging import get_page
from ansible_collections.secops.executions.plugins.module_utils.times import iso_utc
from ansible_collections.secops.executions.plugins.module_utils.values import as_int

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
}
SCOPE_HINT = ("To {0} executions the token needs the {1} scope, the client must serve customer {2}, "
              "and the customer must have opted in to the Configuration functionality")


def _items(body):
    return body.get("items") if isinstance(body, dict) else body


def pages(client, path, query=None, limit=PAGE_SIZE):
    """Items of an Oracle list: ``offset``/``limit`` in, ``X-Total-Rows-Count`` header out."""
    offset = 0
    while True:
        items, dummy, response = get_page(client, path, dict(query or {}, offset=offset, limit=limit), _items,
                                          "a list answer that is not a JSON list")
        yield from items
        offset += len(items)
        total = as_int(response.headers.get(TOTAL_HEADER))
        if total is not None:
            if offset >= total or not items:
                return
        elif len(items) < limit:
            return


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
        if response.status == 404:
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

    def listing(self, query):
        """Normalized items; downstream steps found in the same listing are attached to their parents too."""
        executions = [self.normalize(item) for item in self.items(query)]
        children = {}
        for execution in executions:
            if execution["reference_execution_id"]:
                children.setdefault(execution["reference_execution_id"], []).append(execution)
        for execution in executions:
            if not execution["downstream_executions"]:
                execution["downstream_executions"] = [dict(child) for child in children.get(execution["id"], [])]
        return executions

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
        self._call("cancel", "PUT", self.path(instance_id, execution_id), json_body={"action": "cancel"}, ok=(200,))
