# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Missing-credential messages name the environment variables that can give the options."""

from ansible_collections.secops.executions.plugins.module_utils.ccs.connection import VENDOR as CCS
from ansible_collections.secops.executions.plugins.module_utils.cylance.connection import VENDOR as CYLANCE
from ansible_collections.secops.executions.plugins.module_utils.module import credential_hint


def test_a_missing_credential_names_its_environment_variables():
    assert credential_hint("one of the following is required: access_token, app_secret", CYLANCE.options) == (
        "one of the following is required: access_token, app_secret. Set app_secret, access_token as task options, in "
        "module_defaults, or through the environment variables CYLANCE_APP_SECRET, CYLANCE_ACCESS_TOKEN")
    hinted = credential_hint("missing required arguments: password, username", CCS.options)
    assert hinted.endswith("environment variables CCS_USERNAME, CCS_PASSWORD")


def test_other_failures_are_left_as_they_are():
    assert credential_hint("parameters are mutually exclusive: id|name", CYLANCE.options) == "parameters are mutually exclusive: id|name"
    assert credential_hint("missing required arguments: name", CYLANCE.options) == "missing required arguments: name"
    assert credential_hint(None, CYLANCE.options) is None
