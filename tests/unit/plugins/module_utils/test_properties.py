# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Property tests: paging never loses or repeats an item, JWTs always satisfy the API's
rules and their claims read back, every spelling of an ID normalises to one form, and no
response body or answer shape, however odd, produces a traceback."""

import base64
import hashlib
import hmac
import json
from unittest import mock

import jwt
import pytest
from hypothesis import given, settings, strategies as st

from ansible_collections.secops.executions.plugins.module_utils import auth, paging
from ansible_collections.secops.executions.plugins.module_utils.ccs import api as ccs_api
from ansible_collections.secops.executions.plugins.module_utils.cylance import api as cylance_api
from ansible_collections.secops.executions.plugins.module_utils.oci import api as oci_api
from ansible_collections.secops.executions.plugins.module_utils.ccs import model as ccs_model
from ansible_collections.secops.executions.plugins.module_utils.client import Response, redact_url, retry_after_seconds
from ansible_collections.secops.executions.plugins.module_utils.cylance import ids, model as cylance_model, targets
from ansible_collections.secops.executions.plugins.module_utils.cylance.auth import MAX_JWT_LIFETIME, authentication_jwt
from ansible_collections.secops.executions.plugins.module_utils.errors import OptionError, ResponseFormatError, SecopsError, vendor_message
from ansible_collections.secops.executions.plugins.module_utils.oci import metadata as oci_metadata, model as oci_model
from ansible_collections.secops.executions.plugins.module_utils.cylance import executions as cylance_executions, packages
from ansible_collections.secops.executions.plugins.module_utils.waiting import Waiter


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
    assert list(cylance_api.pages(server, "/x", page_size=asked)) == server.items


@settings(max_examples=150, deadline=None)
@given(totals, sizes, sizes)
def test_ccs_paging_is_exact(total, asked, cap):
    server = Server(total, cap)
    assert list(ccs_api.pages(server, "/x", page_size=asked, items_key="Items")) == server.items


@settings(max_examples=150, deadline=None)
@given(totals, sizes, sizes)
def test_oci_paging_is_exact(total, asked, cap):
    server = Server(total, cap)
    assert list(oci_api.pages(server, "/x", limit=asked)) == server.items


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


# ---- ID normalisation ---------------------------------------------------------------------------

ID_SPELLINGS = st.tuples(st.booleans(), st.booleans(), st.sampled_from(["", "braces", "urn"]), st.integers(min_value=0, max_value=2))


def spell(value, spelling):
    upper, dashes, wrap, spaces = spelling
    text = str(value) if dashes else value.hex
    text = text.upper() if upper else text
    text = {"": text, "braces": "{" + text + "}", "urn": "urn:uuid:" + text}[wrap]
    return " " * spaces + text + " " * spaces


@settings(max_examples=300, deadline=None)
@given(st.uuids(), ID_SPELLINGS)
def test_every_spelling_of_a_cylance_id_normalises_to_one_form(value, spelling):
    text = spell(value, spelling)
    assert ids.compact(text) == value.hex.upper()
    assert ids.dashed(text) == str(value)
    # Answers name packages by their download URL, which ends with the compact ID.
    assert ids.referenced("https://content-na.cylance.com/" + value.hex.upper()) == value.hex.upper()
    assert ids.referenced(text) == value.hex.upper()


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=50), st.none(), st.integers(), st.lists(st.text(max_size=5), max_size=2)))
def test_anything_else_is_not_an_id(value):
    compact = ids.compact(value)
    assert compact is None or (len(compact) == 32 and all(char in "0123456789ABCDEF" for char in compact))
    assert (ids.dashed(value) is None) == (compact is None)
    referenced = ids.referenced(value)
    assert referenced is None or len(referenced) == 32


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.uuids(), ID_SPELLINGS), max_size=8), st.lists(st.from_regex(r"[g-z][a-z0-9-]{0,12}", fullmatch=True), max_size=2))
def test_target_ids_are_normalised_deduplicated_and_bad_ones_named(spelled, junk):
    values = [spell(value, spelling) for value, spelling in spelled]
    expected = []
    for value, dummy in spelled:
        if value.hex.upper() not in expected:
            expected.append(value.hex.upper())
    if junk:
        with pytest.raises(OptionError) as error:
            targets.normalise_ids(values + junk, "devices")
        assert error.value.option == "devices" and all("'{0}'".format(item) in error.value.msg for item in junk)
    else:
        assert targets.normalise_ids(values, "devices") == expected


@settings(max_examples=200, deadline=None)
@given(st.uuids(), st.booleans(), st.text(max_size=40))
def test_ccs_guids_are_lower_case_and_anything_else_is_refused_naming_the_option(value, upper, other):
    assert ccs_model.check_guid("id", str(value).upper() if upper else str(value)) == str(value)
    if not ccs_model.GUID.match(other.strip()):
        with pytest.raises(OptionError) as error:
            ccs_model.check_guid("assets[0].id", other)
        assert error.value.option == "assets[0].id"


# ---- JWT claims ---------------------------------------------------------------------------------

def _b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def compact_jwt(claims, key):
    """A compact JWS (header.payload.signature) signed with HS256, as any issuer would send it."""
    header = _b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode("utf-8"))
    payload = _b64url(json.dumps(claims).encode("utf-8"))
    signature = hmac.new(key.encode("utf-8"), (header + "." + payload).encode("ascii"), hashlib.sha256).digest()
    return header + "." + payload + "." + _b64url(signature)


claim_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                            lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
                            max_leaves=8)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=12), claim_values, max_size=6), st.text(min_size=1, max_size=30))
def test_jwt_claims_read_back_whatever_was_signed(claims, key):
    # The token is built here, not by PyJWT: this checks our reader, not PyJWT's rules on claims.
    token = compact_jwt(claims, key)
    assert auth.jwt_claims(token) == claims


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=80), st.none(), st.integers(), st.binary(max_size=20)),
       st.integers(min_value=0, max_value=4_000_000_000))
def test_jwt_claims_of_anything_is_a_dict_and_expiry_never_negative(token, now):
    claims = auth.jwt_claims(token)
    assert isinstance(claims, dict)
    expires = claims.get("exp") if isinstance(claims.get("exp"), int) else None
    result = auth.Token("t", expires_at=expires).as_result(now=now)
    assert result["expires_in"] is None or result["expires_in"] >= 0


# ---- paging, the variants the modules use ------------------------------------------------------

class JobSearch:
    """CCS Search Jobs: pages numbered from 0, {"Jobs": [...], "TotalCount": n}, or a bare list (no total)."""

    def __init__(self, total, cap, with_total):
        self.items = ["job-%d" % i for i in range(total)]
        self.cap = cap
        self.with_total = with_total
        self.requests = 0

    def get(self, path, query=None):
        self.requests += 1
        size = min(query["pagesize"], self.cap)
        page = self.items[query["page"] * size:(query["page"] + 1) * size]
        return Answer({"Jobs": page, "TotalCount": len(self.items)} if self.with_total else page)


@settings(max_examples=200, deadline=None)
@given(totals, sizes, sizes)
def test_ccs_job_search_pages_from_zero_are_exact(total, asked, cap):
    server = JobSearch(total, cap, with_total=True)
    assert list(ccs_api.pages(server, "/Jobs", page_size=asked, items_key="Jobs", first_page=0)) == server.items
    assert server.requests <= max(1, -(-total // min(asked, cap))) + 1


@settings(max_examples=200, deadline=None)
@given(totals, sizes)
def test_paging_without_totals_is_exact_when_the_server_honours_the_page_size(total, asked):
    server = JobSearch(total, cap=asked, with_total=False)
    assert list(ccs_api.pages(server, "/Jobs", page_size=asked, first_page=0)) == server.items

    class Headerless(Server):
        def get(self, path, query=None):
            answer = Server.get(self, path, query)
            answer.headers = {}
            return answer
    oci = Headerless(total, asked)
    assert list(oci_api.pages(oci, "/x", limit=asked)) == oci.items


# ---- parsing answers of any shape ---------------------------------------------------------------

def shaped(keys):
    """Objects with the documented keys holding any JSON at all, or any JSON instead of the object."""
    return st.one_of(st.dictionaries(st.sampled_from(keys), json_values, max_size=len(keys)), json_values)


OCI_KEYS = ["id", "rfcNumber", "config", "ticketingDetails", "subStatus", "status", "custStatus", "scheduledStart", "scheduledEnd",
            "scheduledBy", "target", "summary", "downStreamExecutions", "referenceExecutionId", "createdOn", "duration", "bounce"]
CYLANCE_KEYS = ["id", "name", "deviceCount", "deviceStatuses", "target", "packageExecutions", "destination", "keepResultsLocally",
                "createdAt", "createdBy"]
CCS_JOB_KEYS = ["JobID", "JobName", "JobType", "JobCategory", "JobDescription", "CreatedBy", "JobCreationTime", "JobModifiedTime",
                "LastRunStatus", "LastRunDate", "JobDetails"]
CCS_RUN_KEYS = ["JobRunID", "JobID", "JobName", "Status", "StartTime", "EndTime", "Messages"]


def readable(parse, value):
    """``parse(value)`` returns, or fails with one of the collection's errors: never another exception."""
    try:
        return parse(value)
    except SecopsError:
        return None


@settings(max_examples=300, deadline=None)
@given(shaped(OCI_KEYS), shaped(CYLANCE_KEYS), shaped(CCS_JOB_KEYS), shaped(CCS_RUN_KEYS))
def test_vendor_answers_of_any_shape_never_raise(oci_item, cylance_item, ccs_job, ccs_run):
    execution = readable(oci_model.normalize, oci_item)
    if execution is not None:
        oci_model.is_scheduled(execution)
        oci_model.schedule_view(execution)
        oci_model.in_window(execution, None, None)
    for parse in (cylance_model.device_counts, cylance_model.comparable, cylance_model.public,
                  cylance_model.summary, cylance_model.finished):
        readable(parse, cylance_item)
    view = readable(ccs_model.job_view, ccs_job)
    if view is not None:
        ccs_model.idle_since(view)
    readable(ccs_model.run_view, ccs_run)


# ---- every parser, any shape (issue 12, item 8) -------------------------------------------------

class AnyAnswers:
    """A client whose GETs answer, in turn, the bodies drawn for a test (then the last one again)."""

    def __init__(self, bodies, headers=None):
        self.bodies = bodies or [None]
        self.headers = headers or {}
        self.sent = 0

    def get(self, path, query=None, allow_status=()):
        body = self.bodies[min(self.sent, len(self.bodies) - 1)]
        self.sent += 1
        return Answer(body, dict(self.headers))

    @staticmethod
    def not_found(answer):
        return answer.status == 404


# Small caps, so that a drawn server that pages forever ends quickly; the bound is what is checked.
SMALL_CAPS = {"EXTRA_PAGES": 3, "MAX_PAGES_WITHOUT_TOTAL": 8, "MAX_PAGES": 12}
totals_of_any_kind = st.one_of(json_values, st.sampled_from([float("inf"), -1, 10 ** 30, "12", "1e400", 2.5]))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(
    st.fixed_dictionaries({"page_number": json_values, "total_pages": totals_of_any_kind, "total_number_of_items": totals_of_any_kind,
                           "page_items": json_values}),
    st.fixed_dictionaries({"Jobs": json_values, "TotalCount": totals_of_any_kind}),
    json_values), min_size=1, max_size=4), st.one_of(st.none(), totals_of_any_kind.map(str)))
def test_every_pager_ends_on_any_answers(bodies, total_header):
    walks = (lambda client: cylance_api.pages(client, "/x", page_size=2),
             lambda client: ccs_api.pages(client, "Jobs", page_size=2, items_key="Jobs", first_page=0),
             lambda client: oci_api.pages(client, "/x", limit=2))
    with mock.patch.multiple(paging, **SMALL_CAPS):
        for walk in walks:
            client = AnyAnswers(bodies, {"X-Total-Rows-Count": total_header} if total_header is not None else {})
            listed = readable(walk, client)
            assert listed is None or isinstance(listed, list)
            # Two walks at most, each within the fixed ceilings, whatever the answers announce.
            assert client.sent <= 2 * 12


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=200_000), st.sampled_from(["[", "{\"a\":", "[{\"b\":"]))
def test_json_nested_any_depth_parses_or_fails_readably(depth, opening):
    closing = {"[": "]", "{\"a\":": "}", "[{\"b\":": "}]"}[opening]
    body = (opening * depth + "1" + closing * depth).encode()
    response = Response("GET", "/x", 200, {"Content-Type": "application/json"}, body)
    try:
        response.json
    except ResponseFormatError as exc:
        assert exc.msg.startswith("GET /x returned HTTP 200 with ")


class TokenAnswer:
    def __init__(self, body):
        self.json = body
        self.status = 200


token_texts = st.one_of(st.text(min_size=1, max_size=40), st.sampled_from(["tök€n", "токен", "令牌"]))
expiries = st.one_of(json_values, st.sampled_from([1e300, -1e300, float("inf"), "1700000000", "9" * 50, 10 ** 400, 253402300800]))


@settings(max_examples=150, deadline=None)
@given(st.one_of(token_texts, st.builds(lambda exp, key: compact_jwt({"exp": exp}, key), expiries, st.text(min_size=1, max_size=8))),
       expiries, st.integers(min_value=0, max_value=4_000_000_000))
def test_any_token_answer_is_a_token_or_a_readable_failure(access_token, expires_in, now):
    token = readable(lambda body: auth.token_from_answer(TokenAnswer(body), "/token", scope_keys=("scope",)),
                     {"access_token": access_token, "expires_in": expires_in, "scope": expires_in})
    if token is not None:
        token.access_token.encode("latin-1")
        result = token.as_result(now=now)
        assert result["expires_in"] is None or result["expires_in"] >= 0


@settings(max_examples=100, deadline=None)
@given(token_texts)
def test_a_given_token_a_header_cannot_carry_is_refused_naming_the_option(token):
    # Surrounding whitespace is dropped first (a YAML block scalar, a slurped file); nothing is left of a blank one.
    stripped = token.strip()
    try:
        stripped.encode("latin-1")
    except UnicodeEncodeError:
        with pytest.raises(OptionError) as error:
            auth.TokenAuth(access_token=token)
        assert error.value.option == "access_token" and token not in error.value.msg
    else:
        given = auth.TokenAuth(access_token=token).token
        assert (given.access_token if given else "") == stripped


PACKAGE_KEYS = ["packageId", "packageDescriptor", "status", "uploadedOn", "name"]
ZONE_KEYS = ["id", "name"]


@settings(max_examples=60, deadline=None)
@given(st.lists(shaped(PACKAGE_KEYS), max_size=5), st.lists(shaped(ZONE_KEYS), max_size=5), st.lists(shaped(CYLANCE_KEYS), max_size=4),
       st.text(min_size=1, max_size=10))
def test_cylance_lists_of_any_shape_never_raise(listed_packages, zones, executions, name):
    page = {"page_number": 1, "total_pages": 1, "total_number_of_items": 0}
    for walk in (lambda client: list(packages.list_packages(client)),
                 lambda client: packages.resolve(client, [name]),
                 lambda client: targets.zone_ids_by_name(client, [name]),
                 lambda client: cylance_api.find_by_name(client, name)):
        for listing in (listed_packages, zones, executions):
            readable(walk, AnyAnswers([dict(page, page_items=listing)]))
    readable(lambda client: targets.devices_named(client, name), AnyAnswers([zones]))
    for execution in executions:
        readable(lambda answer: cylance_executions.wait_until_finished(
            AnyAnswers([answer]), answer if isinstance(answer, dict) else {}, Waiter(0, 1, sleep=lambda s: None), created=True), execution)


@settings(max_examples=80, deadline=None)
@given(st.lists(shaped(CCS_JOB_KEYS), max_size=4), st.text(min_size=1, max_size=10))
def test_ccs_job_lists_of_any_shape_never_raise(listed, name):
    for answer in (listed, {"Jobs": listed, "TotalCount": len(listed)}):
        readable(lambda client: ccs_api.jobs_named(client, name), AnyAnswers([answer]))
        readable(lambda client: list(ccs_api.search_jobs(client, "(JobName = *)", 2)), AnyAnswers([answer]))
    # The CCS names crash seen: a JobName list, JobDetails with odd members.
    view = ccs_model.job_view({"JobID": ["x"], "JobName": ["Nightly"], "JobDetails": {"AssetsResolutionInfo": 5, "Standards": {"a": 1}}})
    assert view["name"] is None and view["id"] is None and view["assets"] == [] and view["standards"] == []


ACTIVITY_KEYS = ["name", "active", "uiType", "details"]
DETAIL_KEYS = ["type", "displayOnCreate", "parameters"]


@settings(max_examples=100, deadline=None)
@given(st.one_of(json_values, st.fixed_dictionaries({"config": json_values, "activities": st.lists(shaped(ACTIVITY_KEYS), max_size=3)})),
       st.lists(shaped(DETAIL_KEYS), max_size=3), st.dictionaries(st.text(max_size=5), json_values, max_size=3))
def test_oracle_metadata_of_any_shape_never_raises(details, detail_list, given_parameters):
    metadata_answer = AnyAnswers([details])
    readable(lambda client: oci_metadata.config_type_details(client, "EBSO", "Trace"), metadata_answer)
    readable(lambda client: oci_metadata.allowed_config_types(client, "EBSO"), metadata_answer)
    activity = readable(lambda value: oci_metadata.find_activity(value, "Trace"), details if isinstance(details, dict) else {})
    activity = {"name": "Trace", "uiType": "toggle", "details": detail_list} if activity is None else activity
    oci_metadata.downstream_types(activity)
    detail = readable(lambda value: oci_metadata.creatable_detail(value, "Enable"), activity)
    if isinstance(detail, dict):
        readable(lambda value: oci_metadata.request_parameters(activity, value, given_parameters), detail)
