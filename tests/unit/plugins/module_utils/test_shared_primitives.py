# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The primitives every vendor shares: times.py, values.py, auth.token_from_answer, errors.hint_on."""

import base64
import datetime
import json
import time

import pytest

from ansible_collections.secops.executions.plugins.module_utils import times, values
from ansible_collections.secops.executions.plugins.module_utils.auth import ASSUMED_LIFETIME, token_from_answer
from ansible_collections.secops.executions.plugins.module_utils.errors import ApiError, ResponseFormatError, hint_on

UTC = datetime.timezone.utc


# ---- times.py -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("2026-11-23T18:30:00Z", datetime.datetime(2026, 11, 23, 18, 30, tzinfo=UTC)),
    ("2026-11-23T8:53:51-07:00", datetime.datetime(2026, 11, 23, 8, 53, 51, tzinfo=datetime.timezone(-datetime.timedelta(hours=7)))),
    ("2026-11-23T19:30:00+0100", datetime.datetime(2026, 11, 23, 19, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))),
    ("2026-11-23 18:30:00.1234567", datetime.datetime(2026, 11, 23, 18, 30, 0, 123456)),  # .NET's seven digits, naive
    ("2026-11-23t18:30z", datetime.datetime(2026, 11, 23, 18, 30, tzinfo=UTC)),
])
def test_read_time_reads_the_vendors_loose_iso_8601(text, expected):
    assert times.read_time(text) == expected


@pytest.mark.parametrize("text", [None, 5, "", "soon", "2026-13-01T00:00:00Z", "2026-11-31T00:00Z", "23/11/2026 18:30"])
def test_read_time_gives_none_for_anything_else(text):
    assert times.read_time(text) is None


def test_a_date_alone_is_midnight_only_when_the_caller_allows_it():
    assert times.read_time("2026-11-23") is None
    assert times.read_time("2026-11-23", date_only=True) == datetime.datetime(2026, 11, 23)


def test_naive_means_utc_when_converting():
    naive = datetime.datetime(2026, 11, 23, 18, 30, 0, 500000)
    assert times.as_utc(naive) == naive.replace(tzinfo=UTC)
    assert times.epoch(naive) == times.epoch(naive.replace(tzinfo=UTC)) == 1795458600.5
    assert times.iso_utc(naive) == times.iso_utc(1795458600.5) == "2026-11-23T18:30:00Z"
    assert times.iso_utc(datetime.datetime(2026, 11, 23, 19, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))) == "2026-11-23T18:30:00Z"
    assert times.iso_utc(None) is None


# ---- values.py ----------------------------------------------------------------------------------

@pytest.mark.parametrize("value", [None, "text", 5, ["a"], {"a": 1}])
def test_values_turn_the_wrong_kind_into_missing(value):
    assert values.mapping(value) == (value if isinstance(value, dict) else {})
    assert values.items(value) == (value if isinstance(value, list) else [])
    assert values.objects([value, {"id": 1}]) == ([value] if isinstance(value, dict) else []) + [{"id": 1}]


@pytest.mark.parametrize("value,expected", [("12", 12), (3, 3), (None, -1), ("x", -1), ([], -1)])
def test_as_int(value, expected):
    assert values.as_int(value, -1) == expected


# ---- auth.token_from_answer ---------------------------------------------------------------------

class Answer(object):
    status = 200

    def __init__(self, body):
        self.json = body


def jwt_with(claims):
    def part(data):
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")
    return "{0}.{1}.signature".format(part({"alg": "HS256"}), part(claims))


def test_the_tokens_own_exp_wins_over_expires_in():
    token = token_from_answer(Answer({"access_token": jwt_with({"exp": 1900000000}), "expires_in": 60}), "/token")
    assert token.expires_at == 1900000000


@pytest.mark.parametrize("expires_in,lifetime", [(600, 600), ("600", 600), (None, ASSUMED_LIFETIME), ("soon", ASSUMED_LIFETIME)])
def test_without_exp_the_answer_or_the_assumption_gives_the_lifetime(expires_in, lifetime):
    before = time.time()
    token = token_from_answer(Answer({"access_token": "opaque", "expires_in": expires_in}), "/token")
    assert before + lifetime <= token.expires_at <= time.time() + lifetime


@pytest.mark.parametrize("body,keys,scopes", [
    ({"access_token": jwt_with({"scp": "a:read, b:write"})}, ("scp",), ["a:read", "b:write"]),  # Cylance: claim, commas
    ({"access_token": "opaque", "scope": "x:User x:Approver"}, ("scope",), ["x:User", "x:Approver"]),  # OAuth: answer, spaces
    ({"access_token": jwt_with({"scope": "claimed"})}, ("scope",), ["claimed"]),
    ({"access_token": jwt_with({"scp": "ignored"})}, (), None),  # CCS reads no scopes
])
def test_scopes_from_the_answer_or_the_claims(body, keys, scopes):
    assert token_from_answer(Answer(body), "/token", scope_keys=keys).scopes == scopes


@pytest.mark.parametrize("body", [None, [], {}, {"access_token": ""}, {"access_token": 5}, "text"])
def test_an_answer_without_a_token_is_a_format_error(body):
    with pytest.raises(ResponseFormatError) as error:
        token_from_answer(Answer(body), "/oauth2/v1/token")
    assert "POST /oauth2/v1/token" in error.value.msg and "no access_token" in error.value.msg


def test_extra_fields_reach_the_token():
    token = token_from_answer(Answer({"access_token": "t"}), "/token", refresh_token="r", token_type="Bearer")
    assert token.refresh_token == "r" and token.token_type == "Bearer"


# ---- errors.hint_on -----------------------------------------------------------------------------

def test_hint_on_says_the_refusal_again_with_its_hint():
    with pytest.raises(ApiError) as error:
        with hint_on(403, "the token needs the Approver scope"):
            raise ApiError("PUT", "/x", 403, "Forbidden", "not allowed")
    assert error.value.msg == "PUT /x returned HTTP 403 Forbidden: not allowed. the token needs the Approver scope"
    assert error.value.status == 403 and error.value.details["path"] == "/x"


def test_hint_on_leaves_other_statuses_alone():
    original = ApiError("GET", "/x", 500, "Internal Server Error")
    with pytest.raises(ApiError) as error:
        with hint_on(403, "hint"):
            raise original
    assert error.value is original
