# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Property tests: paging never loses or repeats an item, JWTs always satisfy the API's
rules, and no response body, however odd, produces a traceback."""

import json

import jwt
from hypothesis import given, settings, strategies as st

from ansible_collections.secops.executions.plugins.module_utils import paging
from ansible_collections.secops.executions.plugins.module_utils.client import Response, redact_url, retry_after_seconds
from ansible_collections.secops.executions.plugins.module_utils.cylance.auth import MAX_JWT_LIFETIME, authentication_jwt
from ansible_collections.secops.executions.plugins.module_utils.errors import ResponseFormatError, vendor_message


class Answer:
    def __init__(self, body, headers=None):
        self.json = body
        self.headers = headers or {}
        self.status = 200


class Server:
    """Serves `total` items; the server may cap the page size below what was asked."""

    def __init__(self, total, cap):
        self.items = ["item-%d" % i for i in range(total)]
        self.cap = cap

    def get(self, path, query=None):
        if "page_size" in query:
            size = min(query["page_size"], self.cap)
            pages = max(1, -(-len(self.items) // size))
            start = (query["page"] - 1) * size
            return Answer({"page_number": query["page"], "total_pages": pages, "page_items": self.items[start:start + size]})
        if "pagesize" in query:
            size = min(query["pagesize"], self.cap)
            start = (query["page"] - 1) * size
            return Answer({"TotalCount": len(self.items), "Items": self.items[start:start + size]})
        size = min(query["limit"], self.cap)
        return Answer(self.items[query["offset"]:query["offset"] + size], {"X-Total-Rows-Count": str(len(self.items))})


totals = st.integers(min_value=0, max_value=700)
sizes = st.integers(min_value=1, max_value=250)


@settings(max_examples=150, deadline=None)
@given(totals, sizes, sizes)
def test_cylance_paging_is_exact(total, asked, cap):
    server = Server(total, cap)
    assert list(paging.cylance_pages(server, "/x", page_size=asked)) == server.items


@settings(max_examples=150, deadline=None)
@given(totals, sizes, sizes)
def test_ccs_paging_is_exact(total, asked, cap):
    server = Server(total, cap)
    assert list(paging.ccs_pages(server, "/x", page_size=asked, items_key="Items")) == server.items


@settings(max_examples=150, deadline=None)
@given(totals, sizes, sizes)
def test_oci_paging_is_exact(total, asked, cap):
    server = Server(total, cap)
    assert list(paging.oci_pages(server, "/x", limit=asked)) == server.items


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1, max_size=64), st.text(min_size=1, max_size=40), st.text(min_size=1, max_size=40),
       st.lists(st.from_regex(r"[a-z]{3,12}:[a-z]{3,8}", fullmatch=True), max_size=5),
       st.integers(min_value=0, max_value=2_000_000_000), st.integers(min_value=-10_000, max_value=100_000))
def test_jwt_always_within_the_rules(secret, tenant, app, scopes, now, lifetime):
    token = authentication_jwt(tenant, app, secret, scopes=scopes, now=now, lifetime=lifetime)
    claims = jwt.decode(token, secret.encode("utf-8"), algorithms=["HS256"], options={"verify_exp": False, "verify_iat": False})
    assert claims["iss"] == "http://cylance.com" and claims["sub"] == app and claims["tid"] == tenant
    assert claims["exp"] - claims["iat"] <= MAX_JWT_LIFETIME
    assert claims.get("scp", "") == ",".join(scopes)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(json_values.map(lambda v: json.dumps(v).encode()), st.binary(max_size=200)),
       st.sampled_from(["application/json", "text/html", "text/plain", ""]))
def test_any_body_parses_or_fails_readably(body, content_type):
    response = Response("GET", "/x", 200, {"Content-Type": content_type}, body)
    try:
        response.json
    except ResponseFormatError as exc:
        assert exc.msg.startswith("GET /x returned HTTP 200 with ")
    message = vendor_message(body, content_type)
    assert isinstance(message, str) and len(message) <= 303


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_retry_after_never_raises(value):
    result = retry_after_seconds(value)
    assert result is None or result >= 0


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"[a-z]{1,8}", fullmatch=True), st.from_regex(r"[A-Za-z0-9]{1,12}", fullmatch=True),
       st.from_regex(r"[A-Za-z0-9]{1,12}", fullmatch=True))
def test_credentials_never_survive_redaction(key, user, secret):
    shown = redact_url("https://{0}:{1}@host.example/p?{2}_token={1}&page=1".format(user, secret, key))
    assert "{0}:{1}@".format(user, secret) not in shown
    assert "{0}_token=********".format(key) in shown
