# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cylance HTTP calls: the v2 list pager (``page``/``page_size``, stops on ``total_pages``), the package execution calls, devices and zones."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from urllib.parse import quote

from ansible_collections.secops.executions.plugins.module_utils.cylance import ids
from ansible_collections.secops.executions.plugins.module_utils.errors import ResponseFormatError, hint_on
from ansible_collections.secops.executions.plugins.module_utils.paging import Page, Scheme, item_id, total_of, walk
from ansible_collections.secops.executions.plugins.module_utils.values import as_int

PAGE_SIZE = 200


class V2Pages(Scheme):
    """Cylance v2 lists: ``page`` (from 1) and ``page_size`` in; ``page_items``, ``page_number``,
    ``total_pages`` and ``total_number_of_items`` out. Without ``total_pages`` the first page is all."""

    problem = "a list answer without page_items"

    def first(self):
        return 1

    def query(self, position):
        return {"page": position, "page_size": self.size}

    def items_of(self, body):
        # A missing page_items is an empty page; anything but a list is not a Cylance list answer.
        return body.get("page_items", []) if isinstance(body, dict) else None

    def read(self, items, body, response):
        return Page(items, total=total_of(body.get("total_number_of_items")), pages=total_of(body.get("total_pages")) or 0,
                    echoed=as_int(body.get("page_number")))

    def next_position(self, position, page):
        # The server echoes page_number; trust it over our own counter (the walk refuses one that goes back).
        return max(position, page.echoed or position) + 1

    def is_last(self, position, page, received):
        return max(position, page.echoed or position) >= page.pages


def pages(client, path, query=None, page_size=PAGE_SIZE, key_of=item_id, sink=None):
    """Items of a Cylance v2 list, each ID once (``key_of`` reads an item's ID); into ``sink`` page by page when given."""
    return walk(client, path, V2Pages(page_size), query=query, key_of=key_of, sink=sink)


# --- package executions --------------------------------------------------------------------------

EXECUTIONS_PATH = "/packages/v2/executions"


def execution_path(execution_id):
    return "{0}/{1}".format(EXECUTIONS_PATH, execution_id)


def list_executions(client, sink=None):
    return pages(client, EXECUTIONS_PATH, sink=sink)


def find_by_name(client, name):
    """Every execution called ``name`` (names are not unique), newest first; one request per page."""
    # The walk lists each ID once, so neither a DELETE nor a duplicate warning can count one execution twice.
    found = [execution for execution in list_executions(client) if isinstance(execution, dict) and execution.get("name") == name]
    if any(not isinstance(execution.get("id"), str) or not execution["id"] for execution in found):
        # Without its ID an execution can be neither kept, waited for nor deleted.
        raise ResponseFormatError("GET", EXECUTIONS_PATH, 200, "an execution named '{0}' without an id".format(name))
    return sorted(found, key=lambda execution: execution.get("createdAt") or "", reverse=True)


def get_execution(client, execution_id):
    """The execution with this ID, or None when there is none."""
    response = client.get(execution_path(execution_id), allow_status=(404,))
    if client.not_found(response):
        return None
    if not isinstance(response.json, dict):
        raise ResponseFormatError("GET", execution_path(execution_id), response.status, "an answer that is not an execution object")
    return response.json


def delete_execution(client, execution):
    """Delete one execution; returns what the API answered (or what was known), None when it was already gone."""
    response = client.delete(execution_path(execution["id"]), allow_status=(404,))
    if client.not_found(response):
        return None
    body = response.json_or_none
    return body if isinstance(body, dict) else execution


# --- devices and zones ---------------------------------------------------------------------------

DEVICES_PATH = "/devices/v2"
ZONE_LIST_PATH = "/zones/v2"
# Get Devices takes up to 10,000 per page (default 100): a fleet of 50,000 is five requests.
DEVICE_PAGE_SIZE = 10000
DEVICE_SCOPE_HINT = "the application needs the device:list privilege (device:read for one device)"
ZONE_SCOPE_HINT = "the application needs the zone:list privilege (zone:read for one zone)"


def list_devices(client):
    """Every device of the tenant, in pages of DEVICE_PAGE_SIZE."""
    with hint_on(403, DEVICE_SCOPE_HINT):
        yield from pages(client, DEVICES_PATH, page_size=DEVICE_PAGE_SIZE)


def walk_devices(client, sink):
    """Every device of the tenant into ``sink`` (``restart()``, ``extend(items)``), a page of DEVICE_PAGE_SIZE at a time."""
    with hint_on(403, DEVICE_SCOPE_HINT):
        return pages(client, DEVICES_PATH, page_size=DEVICE_PAGE_SIZE, sink=sink)


def zone_members(client, zone_id):
    """The devices of one zone (``/devices/v2/{zone_id}/devices``), all pages."""
    with hint_on(403, DEVICE_SCOPE_HINT):
        yield from pages(client, "{0}/{1}/devices".format(DEVICES_PATH, ids.dashed(zone_id)), page_size=DEVICE_PAGE_SIZE)


def list_zones(client):
    with hint_on(403, ZONE_SCOPE_HINT):
        yield from pages(client, ZONE_LIST_PATH)


def device_zones(client, device_id):
    """The zones one device belongs to (``/zones/v2/{device_id}/zones``)."""
    with hint_on(403, ZONE_SCOPE_HINT):
        yield from pages(client, "{0}/{1}/zones".format(ZONE_LIST_PATH, ids.dashed(device_id)))


def _one_or_none(client, path):
    with hint_on(403, DEVICE_SCOPE_HINT):
        response = client.get(path, allow_status=(404,))
    if client.not_found(response):
        return None
    return response.json


def get_device(client, device_id):
    """The device with this ID (any form), with the fields only Get Device has, or None when there is none."""
    found = _one_or_none(client, "{0}/{1}".format(DEVICES_PATH, ids.dashed(device_id)))
    return found if isinstance(found, dict) else None


def devices_by_mac(client, mac):
    """Devices with this MAC address; the API answers with a list (404: none)."""
    found = _one_or_none(client, "{0}/macaddress/{1}".format(DEVICES_PATH, quote(mac, safe="")))
    if isinstance(found, dict):
        found = found["page_items"] if "page_items" in found else [found]
    return [device for device in found or [] if isinstance(device, dict)]
