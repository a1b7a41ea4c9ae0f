# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

import pytest

from ansible_collections.secops.executions.plugins.module_utils import paging
from ansible_collections.secops.executions.plugins.module_utils.ccs import api as ccs_api
from ansible_collections.secops.executions.plugins.module_utils.errors import ResponseFormatError
from ansible_collections.secops.executions.plugins.module_utils.cylance import api as cylance_api
from ansible_collections.secops.executions.plugins.module_utils.oci import api as oci_api


class Answer:
    def __init__(self, body, headers=None):
        self.json = body
        self.headers = headers or {}
        self.status = 200


class PagedServer:
    """Serves ``total`` items in the given scheme and records each query."""

    def __init__(self, total, scheme, server_cap=None):
        self.items = list(range(total))
        self.scheme = scheme
        self.server_cap = server_cap
        self.queries = []

    def get(self, path, query=None):
        self.queries.append(dict(query))
        if self.scheme == "cylance":
            size = min(query["page_size"], self.server_cap or query["page_size"])
            pages = max(1, -(-len(self.items) // size))
            start = (query["page"] - 1) * size
            return Answer({"page_number": query["page"], "page_size": size, "total_pages": pages,
                           "total_number_of_items": len(self.items), "page_items": self.items[start:start + size]})
        if self.scheme == "ccs":
            size = min(query["pagesize"], self.server_cap or query["pagesize"])
            start = (query["page"] - 1) * size
            return Answer({"TotalCount": len(self.items), "Jobs": self.items[start:start + size]})
        size = min(query["limit"], self.server_cap or query["limit"])
        start = query["offset"]
        return Answer(self.items[start:start + size], {"X-Total-Rows-Count": str(len(self.items))})


@pytest.mark.parametrize("total", [0, 1, 199, 200, 201, 399, 401, 1000])
def test_cylance_no_item_lost_or_repeated(total):
    server = PagedServer(total, "cylance")
    assert list(cylance_api.pages(server, "/x")) == list(range(total))
    assert len(server.queries) == max(1, -(-total // 200))


@pytest.mark.parametrize("total", [0, 7, 100, 101, 250])
def test_ccs(total):
    server = PagedServer(total, "ccs")
    assert list(ccs_api.pages(server, "/Jobs", items_key="Jobs")) == list(range(total))


@pytest.mark.parametrize("total", [0, 1, 99, 100, 101, 250])
def test_oci(total):
    server = PagedServer(total, "oci")
    assert list(oci_api.pages(server, "/x")) == list(range(total))


@pytest.mark.parametrize("scheme,walk", [
    ("ccs", lambda s: ccs_api.pages(s, "/Jobs", items_key="Jobs")),
    ("oci", lambda s: oci_api.pages(s, "/x")),
    ("cylance", lambda s: cylance_api.pages(s, "/x")),
])
def test_short_pages_from_a_server_cap_do_not_stop_the_walk(scheme, walk):
    # The server gives 30 per page whatever we ask: the totals, not the page length, decide the end.
    server = PagedServer(95, scheme, server_cap=30)
    assert list(walk(server)) == list(range(95))


def test_oci_without_total_header_stops_on_short_page():
    class NoHeader(PagedServer):
        def get(self, path, query=None):
            answer = super().get(path, query)
            answer.headers = {}
            return answer
    server = NoHeader(130, "oci")
    assert list(oci_api.pages(server, "/x")) == list(range(130))
    assert [q["offset"] for q in server.queries] == [0, 100]


def test_query_is_kept_on_every_page():
    server = PagedServer(450, "cylance")
    list(cylance_api.pages(server, "/x", query={"sort": "name"}))
    assert all(q["sort"] == "name" for q in server.queries) and [q["page"] for q in server.queries] == [1, 2, 3]


# ---- the guards of the one bounded walk (paging.walk) ---------------------------------------------

class Scripted:
    """Answers each GET with ``answer(number, query)`` (number counts from 1) and records the queries."""

    def __init__(self, answer):
        self.answer = answer
        self.queries = []

    def get(self, path, query=None):
        self.queries.append(dict(query))
        return self.answer(len(self.queries), query)


def objects(*numbers):
    return [{"id": "id-{0}".format(number), "JobID": "id-{0}".format(number)} for number in numbers]


def cylance_answer(items, page, pages, total):
    return Answer({"page_number": page, "total_pages": pages, "total_number_of_items": total, "page_items": items})


WALKS = {
    "cylance": lambda server: cylance_api.pages(server, "/x", page_size=2),
    "ccs": lambda server: ccs_api.pages(server, "Jobs", page_size=2, items_key="Jobs", first_page=0),
    "oci": lambda server: oci_api.pages(server, "/x", limit=2),
}


def growing(scheme):
    """Every page full of new items, and a total two pages ahead of the page just served."""
    def answer(number, query):
        if scheme == "cylance":
            page = query["page"]
            return cylance_answer(objects(page * 2, page * 2 + 1), page, page + 2, 2 * (page + 2))
        if scheme == "ccs":
            page = query["page"]
            return Answer({"Jobs": objects(page * 2, page * 2 + 1), "TotalCount": 2 * (page + 3)})
        offset = query["offset"]
        return Answer(objects(offset, offset + 1), {"X-Total-Rows-Count": str(offset + 6)})
    return answer


@pytest.mark.parametrize("scheme", sorted(WALKS))
def test_growing_totals_stop_at_the_cap_of_the_second_walk(scheme):
    server = Scripted(growing(scheme))
    with pytest.raises(ResponseFormatError) as error:
        WALKS[scheme](server)
    # The total changed on page 2: one more walk, capped at the 3 pages its first page announced plus EXTRA_PAGES.
    assert len(server.queries) == 2 + 3 + paging.EXTRA_PAGES
    assert error.value.msg.startswith("GET ") and "the list does not end" in error.value.msg


def test_a_page_number_that_does_not_advance_stops_on_the_second_page():
    server = Scripted(lambda number, query: cylance_answer(objects(number * 2, number * 2 + 1), 1, 5, 10))
    with pytest.raises(ResponseFormatError) as error:
        WALKS["cylance"](server)
    assert len(server.queries) == 2 and "page 1 where page 2 was asked for" in error.value.msg


@pytest.mark.parametrize("scheme", sorted(WALKS))
def test_the_same_page_again_stops_on_the_second_page(scheme):
    def answer(number, query):
        if scheme == "cylance":
            return cylance_answer(objects(1, 2), query["page"], 10 ** 6, 2 * 10 ** 6)
        if scheme == "ccs":
            return Answer({"Jobs": objects(1, 2), "TotalCount": 10 ** 9})
        return Answer(objects(1, 2), {"X-Total-Rows-Count": "1000000000"})
    server = Scripted(answer)
    with pytest.raises(ResponseFormatError) as error:
        WALKS[scheme](server)
    assert len(server.queries) == 2 and "only items already listed" in error.value.msg


@pytest.mark.parametrize("scheme", ["ccs", "oci"])
def test_full_pages_without_a_total_stop_at_the_fixed_ceiling(scheme, monkeypatch):
    monkeypatch.setattr(paging, "MAX_PAGES_WITHOUT_TOTAL", 25)
    server = Scripted(lambda number, query: Answer(objects(number * 2, number * 2 + 1)))
    with pytest.raises(ResponseFormatError) as error:
        WALKS[scheme](server)
    assert len(server.queries) == 25 and "no total reported" in error.value.msg


def changing(before, after, scheme, switch_after=1):
    """A list of two items a page that becomes ``after`` once ``switch_after`` pages were served."""
    def answer(number, query):
        listing = before if number <= switch_after else after
        if scheme == "cylance":
            start = (query["page"] - 1) * 2
            return cylance_answer(listing[start:start + 2], query["page"], -(-len(listing) // 2), len(listing))
        if scheme == "ccs":
            start = query["page"] * 2
            return Answer({"Jobs": listing[start:start + 2], "TotalCount": len(listing)})
        return Answer(listing[query["offset"]:query["offset"] + 2], {"X-Total-Rows-Count": str(len(listing))})
    return answer


@pytest.mark.parametrize("scheme", sorted(WALKS))
def test_an_insert_between_pages_walks_again_and_lists_each_item_once(scheme):
    before = objects(1, 2, 3, 4, 5)
    after = objects(0) + before
    server = Scripted(changing(before, after, scheme))
    assert WALKS[scheme](server) == after
    assert len(server.queries) == 2 + 3


@pytest.mark.parametrize("scheme", sorted(WALKS))
def test_a_delete_between_pages_walks_again_and_misses_nothing(scheme):
    before = objects(1, 2, 3, 4, 5)
    after = before[1:]
    server = Scripted(changing(before, after, scheme))
    assert WALKS[scheme](server) == after


@pytest.mark.parametrize("scheme", sorted(WALKS))
def test_an_item_shown_twice_with_an_unchanged_total_is_listed_once(scheme):
    listing = objects(1, 2, 2, 3)
    server = Scripted(changing(listing, listing, scheme))
    assert WALKS[scheme](server) == objects(1, 2, 3)


def test_a_list_that_changes_during_both_walks_is_read_to_the_end_of_the_second():
    walks = [objects(1, 2, 3), objects(0, 1, 2, 3), objects(9, 0, 1, 2, 3)]

    def answer(number, query):
        listing = walks[min(number - 1, 1)] if number <= 2 else walks[1] if number == 3 else walks[2]
        start = (query["page"] - 1) * 2
        return cylance_answer(listing[start:start + 2], query["page"], -(-len(listing) // 2), len(listing))
    server = Scripted(answer)
    listed = WALKS["cylance"](server)
    assert len(listed) == len(set(item["id"] for item in listed)) and len(server.queries) == 2 + 3
