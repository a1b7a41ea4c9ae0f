# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The three paging schemes, as generators of items.

Each stops on the totals the API reports, not on a short page: a page can be
short for reasons other than being the last one (items deleted meanwhile,
a server-side cap on page size).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.secops.executions.plugins.module_utils.errors import ResponseFormatError

CYLANCE_PAGE_SIZE = 200
CCS_PAGE_SIZE = 100
OCI_PAGE_SIZE = 100
# Oracle lists answer with 25 items when no limit is sent.
OCI_DEFAULT_LIMIT = 25
OCI_TOTAL_HEADER = "X-Total-Rows-Count"


def _as_int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def cylance_pages(client, path, query=None, page_size=CYLANCE_PAGE_SIZE):
    """Items of a Cylance v2 list: ``page``/``page_size`` in, ``page_items`` and ``total_pages`` out."""
    page = 1
    while True:
        params = dict(query or {}, page=page, page_size=page_size)
        response = client.get(path, query=params)
        body = response.json
        if not isinstance(body, dict) or not isinstance(body.get("page_items", []), list):
            raise ResponseFormatError("GET", path, response.status, "a list answer without page_items")
        yield from body.get("page_items") or []
        total_pages = _as_int(body.get("total_pages"), 0)
        # The server echoes page_number; trust it over our own counter.
        current = _as_int(body.get("page_number"), page)
        if current >= total_pages:
            return
        page = current + 1


def ccs_pages(client, path, query=None, page_size=CCS_PAGE_SIZE, items_key=None, total_key="TotalCount", first_page=1):
    """Items of a CCS search: ``page``/``pagesize`` in.

    The answer is either a bare list or an object holding the list under
    ``items_key`` and the total count under ``total_key``. Without a total,
    only an empty or short page can end the walk.
    """
    page = first_page
    seen = 0
    while True:
        params = dict(query or {}, page=page, pagesize=page_size)
        response = client.get(path, query=params)
        body = response.json
        total = None
        if isinstance(body, dict):
            items = body.get(items_key) if items_key else None
            total = _as_int(body.get(total_key))
        else:
            items = body
        if not isinstance(items, list):
            raise ResponseFormatError("GET", path, response.status, "a search answer without a list of items")
        yield from items
        seen += len(items)
        if total is not None:
            if seen >= total or not items:
                return
        elif len(items) < page_size:
            return
        page += 1


def oci_pages(client, path, query=None, limit=OCI_PAGE_SIZE):
    """Items of an Oracle list: ``offset``/``limit`` in, ``X-Total-Rows-Count`` header out."""
    offset = 0
    while True:
        params = dict(query or {}, offset=offset, limit=limit)
        response = client.get(path, query=params)
        items = response.json
        if isinstance(items, dict):
            items = items.get("items")
        if not isinstance(items, list):
            raise ResponseFormatError("GET", path, response.status, "a list answer that is not a JSON list")
        yield from items
        offset += len(items)
        total = _as_int(response.headers.get(OCI_TOTAL_HEADER))
        if total is not None:
            if offset >= total or not items:
                return
        elif len(items) < limit:
            return
