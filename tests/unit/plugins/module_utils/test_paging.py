# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

import pytest

from ansible_collections.secops.executions.plugins.module_utils.ccs import api as ccs_api
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
