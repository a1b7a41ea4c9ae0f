# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every vendor's pager shares (the pagers live in ``<vendor>/api.py``).

Each pager stops on the totals the API reports, not on a short page: a page can be
short for reasons other than being the last one (items deleted meanwhile,
a server-side cap on page size).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.secops.executions.plugins.module_utils.errors import ResponseFormatError


def get_page(client, path, query, items_of, problem):
    """GET one page: ``(items, body, response)``, where ``items_of(body)`` must find a list.

    Anything else is a ResponseFormatError saying ``problem``.
    """
    response = client.get(path, query=query)
    body = response.json
    items = items_of(body)
    if not isinstance(items, list):
        raise ResponseFormatError("GET", path, response.status, problem)
    return items, body, response
