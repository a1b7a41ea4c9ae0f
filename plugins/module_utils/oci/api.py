# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Oracle HTTP helpers: the list pager (``offset``/``limit``, stops on ``X-Total-Rows-Count``)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.secops.executions.plugins.module_utils.paging import as_int, get_page

PAGE_SIZE = 100
# Oracle lists answer with 25 items when no limit is sent.
DEFAULT_LIMIT = 25
TOTAL_HEADER = "X-Total-Rows-Count"


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
