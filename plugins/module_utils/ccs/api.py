# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CCS HTTP helpers: the search pager (``page``/``pagesize``, stops on the total)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.secops.executions.plugins.module_utils.paging import get_page
from ansible_collections.secops.executions.plugins.module_utils.values import as_int

PAGE_SIZE = 100


def _items(body, items_key):
    if isinstance(body, dict):
        return body.get(items_key) if items_key else None
    return body


def pages(client, path, query=None, page_size=PAGE_SIZE, items_key=None, total_key="TotalCount", first_page=1):
    """Items of a CCS search: ``page``/``pagesize`` in.

    The answer is either a bare list or an object holding the list under
    ``items_key`` and the total count under ``total_key``. Without a total,
    only an empty or short page can end the walk.
    """
    page = first_page
    seen = 0
    while True:
        items, body, dummy = get_page(client, path, dict(query or {}, page=page, pagesize=page_size),
                                      lambda answer: _items(answer, items_key), "a search answer without a list of items")
        total = as_int(body.get(total_key)) if isinstance(body, dict) else None
        yield from items
        seen += len(items)
        if total is not None:
            if seen >= total or not items:
                return
        elif len(items) < page_size:
            return
        page += 1
