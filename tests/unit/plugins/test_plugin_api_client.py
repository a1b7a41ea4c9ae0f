# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Controller-side plugins: the option rules before any request, and the lookup's choice among found devices."""

import pytest

from ansible_collections.secops.executions.plugins.lookup.cylance_device_ids import select
from ansible_collections.secops.executions.plugins.module_utils.cylance.connection import VENDOR
from ansible_collections.secops.executions.plugins.module_utils.errors import OptionError
from ansible_collections.secops.executions.plugins.plugin_utils.api_client import check, params_from

DEFAULTS = {"timeout": 30, "validate_certs": True, "retries": 3, "retry_max_wait": 60, "region": "na"}


def params(**given):
    return params_from(VENDOR, lambda name: dict(DEFAULTS, **given).get(name))


@pytest.mark.parametrize("given, words", [
    ({}, ["access_token, app_secret", "CYLANCE_ACCESS_TOKEN", "CYLANCE_APP_SECRET"]),
    ({"app_secret": "s", "tenant_id": "t"}, ["required together", "CYLANCE_APP_ID"]),
    ({"access_token": "t", "timeout": 0}, ["timeout: must be greater than 0"]),
])
def test_option_rules_are_checked_naming_the_environment_variables(given, words):
    with pytest.raises(OptionError) as error:
        check(VENDOR, params(**given))
    assert all(word in error.value.msg for word in words) and "s3cret" not in error.value.msg


def test_empty_environment_values_count_as_not_set():
    assert params(access_token="", scopes=[""])["access_token"] is None
    check(VENDOR, params(access_token="t"))


def view(compact, state="Online"):
    return {"id_compact": compact, "state": state, "online": state == "Online"}


FOUND = {"WEB01": [view("A")], "ghost": [], "KIOSK": [view("B", "Offline"), view("C")], "web01.corp": [view("A")]}


@pytest.mark.parametrize("unknown, ambiguous, ids, problems, warnings", [
    ("error", "error", ["A"], 2, 0),
    ("warn", "all", ["A", "B", "C"], 0, 1),
    ("ignore", "online", ["A", "C"], 0, 0),
])
def test_the_lookup_reports_unknown_and_shared_names_as_asked(unknown, ambiguous, ids, problems, warnings):
    found = select(FOUND, unknown, ambiguous)
    assert (found[0], len(found[1]), len(found[2])) == (ids, problems, warnings)
