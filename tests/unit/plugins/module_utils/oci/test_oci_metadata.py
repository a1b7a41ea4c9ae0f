# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

import pytest

from ansible_collections.secops.executions.plugins.module_utils import client as http_client
from ansible_collections.secops.executions.plugins.module_utils.errors import OptionError
from ansible_collections.secops.executions.plugins.module_utils.oci import metadata

from ansible_collections.secops.executions.tests.unit.plugins.module_utils.fakes import FakeRaw, FakeSession


def parameter(name, mandatory=False, default=None):
    return {"parameterName": name, "parameterType": "DETAIL", "uiDataType": "TEXT", "mandatory": mandatory, "default": default}


ENABLE = {"type": "Enable", "scope": "Execution", "displayOnCreate": True,
          "parameters": [parameter("UserName", True), parameter("Auto_Disable_Interval", True, "2"), parameter("Trace_Level")]}
DISABLE = {"type": "Disable", "scope": "Execution", "displayOnCreate": False, "parameters": []}
FRD = {"name": "FRD Enable/Disable", "uiType": "Toggle", "active": True, "details": [ENABLE, DISABLE]}
SINGLE = {"name": "Concurrent Program Trace", "uiType": "Single", "details": [dict(ENABLE, parameters=[])]}
RETIRED = {"name": "Old Trace", "active": False, "details": []}
DETAILS = {"config": "Trace & Debug", "activities": [FRD, SINGLE, RETIRED]}


def test_path_segments_are_encoded_whole():
    assert metadata.segment("Trace & Debug") == "Trace%20%26%20Debug"
    assert metadata.segment("FRD Enable/Disable") == "FRD%20Enable%2FDisable"


def test_find_activity_lists_the_active_ones():
    assert metadata.find_activity(DETAILS, "FRD Enable/Disable") is FRD
    with pytest.raises(OptionError) as error:
        metadata.find_activity(DETAILS, "Old Trace")
    assert error.value.option == "activity_name"
    assert "valid: FRD Enable/Disable, Concurrent Program Trace" in error.value.msg and "Old Trace'" in error.value.msg


def test_downstream_steps_cannot_be_created():
    assert metadata.creatable_detail(FRD, "Enable") is ENABLE
    with pytest.raises(OptionError) as error:
        metadata.creatable_detail(FRD, "Disable")
    assert error.value.option == "activity_type" and error.value.msg.endswith("valid: Enable")


def test_downstream_types_only_for_toggles():
    assert metadata.downstream_types(FRD) == ["Disable"]
    assert metadata.downstream_types(SINGLE) == []
    assert metadata.downstream_types(dict(FRD, uiType="TOGGLE")) == ["Disable"]


def test_parameters_in_metadata_order_as_strings_with_mandatory_defaults():
    given = {"Trace_Level": True, "UserName": "oracle"}
    assert metadata.request_parameters(FRD, ENABLE, given) == [
        {"name": "UserName", "value": "oracle"}, {"name": "Auto_Disable_Interval", "value": "2"},
        {"name": "Trace_Level", "value": "true"}]
    assert metadata.request_parameters(FRD, ENABLE, {"UserName": "x", "Auto_Disable_Interval": 5})[1] == {"name": "Auto_Disable_Interval", "value": "5"}


def test_unknown_parameters_fail_with_the_valid_names():
    with pytest.raises(OptionError) as error:
        metadata.request_parameters(FRD, ENABLE, {"UserName": "x", "Colour": "red", "Size": 1})
    assert error.value.option == "parameters"
    assert error.value.msg == ("parameters: Colour, Size not known for activity 'FRD Enable/Disable' (Enable); "
                               "valid: UserName (mandatory), Auto_Disable_Interval (mandatory), Trace_Level")


@pytest.mark.parametrize("given", [None, {}, {"UserName": None}])
def test_missing_mandatory_parameters_fail(given):
    with pytest.raises(OptionError) as error:
        metadata.request_parameters(FRD, ENABLE, given)
    assert error.value.msg.startswith("parameters: UserName mandatory for activity 'FRD Enable/Disable' (Enable) and missing")


def test_an_activity_without_parameters():
    assert metadata.request_parameters(SINGLE, SINGLE["details"][0], None) == []
    with pytest.raises(OptionError) as error:
        metadata.request_parameters(SINGLE, SINGLE["details"][0], {"X": 1})
    assert error.value.msg.endswith("valid: none")


def test_an_unknown_type_fails_naming_the_allowed_ones():
    session = FakeSession(FakeRaw(404, {"message": "not allowed"}), FakeRaw(200, ["Trace & Debug", "Trace"]))
    client = http_client.HttpClient("https://mcs.example.com", session=session)
    with pytest.raises(OptionError) as error:
        metadata.config_type_details(client, "EBSO", "Debug & More")
    assert error.value.option == "config_type" and error.value.msg.endswith("allowed: Trace & Debug, Trace")
    assert [sent["url"] for sent in session.sent] == [
        "https://mcs.example.com/selfservice/v1/customers/services/EBSO/products/config/types/Debug%20%26%20More",
        "https://mcs.example.com/selfservice/v1/customers/services/EBSO/products/config/types"]
