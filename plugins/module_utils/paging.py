# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one bounded list walk every vendor's pager uses (the schemes live in ``<vendor>/api.py``).

A scheme says how one API pages (what to send for a page, what its answer says); ``walk``
does the rest, the same way for the three APIs:

- It stops on the totals the API reports, not on a short page: a page can be short for
  reasons other than being the last one (items deleted meanwhile, a server-side cap on
  page size). Without totals, a short or empty page ends the walk.
- Each item ID is kept once per walk: an insert that shifts offset pages repeats an item.
- When the reported total changes during the walk (something was inserted or deleted), the
  list is walked once more from the start, and that second walk is the answer.
- It always ends, with one readable ResponseFormatError naming the method and path: when the
  page number the server echoes does not advance, when a page holds only items already
  listed (the server is serving the same page again), or past a hard cap on requests. The
  cap of a walk is the pages its first page's totals imply plus ``EXTRA_PAGES`` (never more
  than ``MAX_PAGES``), or ``MAX_PAGES_WITHOUT_TOTAL`` when the first page reports no total;
  at most two walks.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.secops.executions.plugins.module_utils.errors import ResponseFormatError
from ansible_collections.secops.executions.plugins.module_utils.values import as_int

# Headroom over the pages the first page's totals imply: items created during the walk.
EXTRA_PAGES = 50
# A list whose answers carry no total ends on a short page; a server that sends full pages
# forever is stopped here (1,000 pages of 100 items is far above any tenant seen).
MAX_PAGES_WITHOUT_TOTAL = 1000
# No walk sends more requests than this, whatever its first page announces (2,000,000 Cylance
# items at 200 a page; a total of 10**30 is a server's bug, not a list to read).
MAX_PAGES = 10000
# A walk that saw its total change starts over once; a list that keeps changing is read once more to the end.
WALKS = 2


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


def item_id(item):
    """The ``id`` of a list item; None when it has none (such items are never taken for repeats)."""
    return item.get("id") if isinstance(item, dict) else None


class Page(object):
    """What one answer says: its items, the total item count (None when unknown), the page
    count it implies (None when unknown), and the page number it echoes (None when it does not)."""

    def __init__(self, items, total=None, pages=None, echoed=None):
        self.items = items
        self.total = total
        self.pages = pages
        self.echoed = echoed


class Scheme(object):
    """How one API pages. Subclasses say what to send and what an answer says; positions are
    whatever the API counts in (a page number, an offset)."""

    problem = "a list answer without a list of items"

    def __init__(self, size):
        self.size = size

    def first(self):
        raise NotImplementedError

    def query(self, position):
        """The query parameters that ask for the page at ``position``."""
        raise NotImplementedError

    def items_of(self, body):
        raise NotImplementedError

    def read(self, items, body, response):
        """The Page this answer is."""
        raise NotImplementedError

    def next_position(self, position, page):
        raise NotImplementedError

    def is_last(self, position, page, received):
        """True when ``page`` ends the list; ``received`` items were answered so far (repeats included)."""
        if page.total is not None:
            return received >= page.total
        return len(page.items) < self.size


def pages_for(total, per_page):
    """Pages needed for ``total`` items at ``per_page`` a page."""
    return -(-total // max(1, per_page))


class _TotalChanged(Exception):
    pass


class Collected(object):
    """The sink that keeps every item (what ``walk`` returns without a sink of its own)."""

    def __init__(self):
        self.items = []

    def restart(self):
        self.items = []

    def extend(self, items):
        self.items.extend(items)


def walk(client, path, scheme, query=None, key_of=item_id, sink=None):
    """Every item of the list at ``path``, each ID once; see the module docstring for the guards.

    With a ``sink`` (``restart()`` when a walk starts, ``extend(items)`` with each page's new
    items), the items go to it page by page and the walk keeps none of them (only their IDs);
    the sink is returned. Without one, the list of items is returned.
    """
    into = Collected() if sink is None else sink
    for attempt in range(1, WALKS + 1):
        try:
            _walk_once(client, path, scheme, dict(query or {}), key_of, into, restart=attempt < WALKS)
            break
        except _TotalChanged:
            continue
    return into.items if sink is None else sink


def _walk_once(client, path, scheme, query, key_of, sink, restart):
    sink.restart()
    seen_ids = set()
    position = scheme.first()
    received = 0
    first = None
    cap = None
    sent = 0
    while True:
        items, body, response = get_page(client, path, dict(query, **scheme.query(position)), scheme.items_of, scheme.problem)
        sent += 1
        page = scheme.read(items, body, response)
        if first is None:
            first = page
            cap = _cap(page, len(items))
        elif (page.total, page.pages) != (first.total, first.pages) and restart:
            raise _TotalChanged()
        _check_advance(path, response, position, page, sent)
        fresh = _fresh(items, seen_ids, key_of)
        if items and not fresh:
            raise ResponseFormatError("GET", path, response.status, "a page that lists only items already listed (request {0}): the "
                                      "server serves the same page again, so the list would never end".format(sent))
        sink.extend(fresh)
        received += len(items)
        if not items or scheme.is_last(position, page, received):
            return
        if sent >= cap:
            raise ResponseFormatError("GET", path, response.status, "another page after {0} requests, more than the first page's "
                                      "totals allow ({1}); stopped: the list does not end".format(sent, _cap_reason(first, cap)))
        position = scheme.next_position(position, page)


def _cap(page, first_count):
    if page.pages is not None:
        return min(max(1, page.pages) + EXTRA_PAGES, MAX_PAGES)
    if page.total is not None:
        return min(pages_for(page.total, first_count) + EXTRA_PAGES, MAX_PAGES)
    return MAX_PAGES_WITHOUT_TOTAL


def _cap_reason(first, cap):
    if first.pages is None and first.total is None:
        return "no total reported, at most {0} pages".format(cap)
    if cap == MAX_PAGES:
        return "at most {0} pages".format(cap)
    return "{0} pages announced plus {1}".format(cap - EXTRA_PAGES, EXTRA_PAGES)


def _check_advance(path, response, position, page, sent):
    if page.echoed is not None and page.echoed < position:
        raise ResponseFormatError("GET", path, response.status, "page {0} where page {1} was asked for (request {2}): the page "
                                  "number does not advance, so the list would never end".format(page.echoed, position, sent))


def _fresh(items, seen_ids, key_of):
    """The items whose ID was not listed yet in this walk (items without an ID always count as new)."""
    fresh = []
    for item in items:
        key = key_of(item)
        if key is not None and not isinstance(key, (str, int)):
            key = str(key)
        if key is None or key not in seen_ids:
            fresh.append(item)
        if key is not None:
            seen_ids.add(key)
    return fresh


def total_of(value):
    """A count from an answer (a total, a page count): a non-negative int, or None when it is not one."""
    count = as_int(value)
    return count if count is not None and count >= 0 else None
