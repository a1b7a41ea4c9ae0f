# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cylance HTTP calls: the v2 list pager (``page``/``page_size``, stops on ``total_pages``) and the package execution calls."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.secops.executions.plugins.module_utils.errors import ResponseFormatError
from ansible_collections.secops.executions.plugins.module_utils.paging import get_page
from ansible_collections.secops.executions.plugins.module_utils.values import as_int

PAGE_SIZE = 200


def _page_items(body):
    # A missing page_items is an empty page; anything but a list is not a Cylance list answer.
    return body.get("page_items", []) if isinstance(body, dict) else None


def pages(client, path, query=None, page_size=PAGE_SIZE):
    """Items of a Cylance v2 list: ``page``/``page_size`` in, ``page_items`` and ``total_pages`` out."""
    page = 1
    while True:
        items, body, dummy = get_page(client, path, dict(query or {}, page=page, page_size=page_size), _page_items,
                                      "a list answer without page_items")
        yield from items
        total_pages = as_int(body.get("total_pages"), 0)
        # The server echoes page_number; trust it over our own counter.
        current = as_int(body.get("page_number"), page)
        if current >= total_pages:
            return
        page = current + 1


# --- package executions --------------------------------------------------------------------------

EXECUTIONS_PATH = "/packages/v2/executions"


def execution_path(execution_id):
    return "{0}/{1}".format(EXECUTIONS_PATH, execution_id)


def list_executions(client):
    return pages(client, EXECUTIONS_PATH)


def find_by_name(client, name):
    """Every execution called ``name`` (names are not unique), newest first; one request per page."""
    found = [execution for execution in list_executions(client) if isinstance(execution, dict) and execution.get("name") == name]
    return sorted(found, key=lambda execution: execution.get("createdAt") or "", reverse=True)


def get_execution(client, execution_id):
    """The execution with this ID, or None when there is none."""
    response = client.get(execution_path(execution_id), allow_status=(404,))
    if response.status == 404:
        return None
    if not isinstance(response.json, dict):
        raise ResponseFormatError("GET", execution_path(execution_id), response.status, "an answer that is not an execution object")
    return response.json


def delete_execution(client, execution):
    """Delete one execution; returns what the API answered (or what was known), None when it was already gone."""
    response = client.delete(execution_path(execution["id"]), allow_status=(404,))
    if response.status == 404:
        return None
    body = response.json_or_none
    return body if isinstance(body, dict) else execution
