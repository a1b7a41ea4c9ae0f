# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""oci_config_execution_log (transfer, fetch, atomic and checksum-idempotent writes), the log names of
oci_config_execution_info, and oci_config_type_info, over scripted sessions."""

import base64
import hashlib
import json
import os
import stat

import pytest

from ansible_collections.secops.executions.plugins.module_utils.errors import OptionError, ResponseFormatError
from ansible_collections.secops.executions.plugins.module_utils.oci import config_types, executions, logs

from ansible_collections.secops.executions.tests.unit.plugins.module_utils import fakes
from ansible_collections.secops.executions.tests.unit.plugins.module_utils.fakes import FakeRaw
from ansible_collections.secops.executions.tests.unit.plugins.module_utils.oci.samples import LIST_ITEM
from ansible_collections.secops.executions.tests.unit.plugins.module_utils.oci.test_oci_metadata import DETAILS

LOG_DEFAULTS = dict(support_identifier="22334455", service_type="EBSO", instance_id="DCMATI", execution_id="3-8KQWBNC",
                    name=None, dest=None, transfer=False, os_process_identifier=None)
BASE = "https://mcs.example.com/selfservice/v1/customers/22334455/EBSO/products/config/instances"
CONTENT = b"PK\x03\x04 a zipped log \xff"
LOG_ANSWER = {"fileName": "3-8KQWBNC_log1.zip", "content": base64.b64encode(CONTENT).decode("ascii")}
NAMES = FakeRaw(200, ["3-8KQWBNC_log1.zip"])


class FakeApi(fakes.FakeApi):
    def __init__(self, *answers, defaults=None, check_mode=False, diff=False, **params):
        super().__init__("https://mcs.example.com", answers, defaults or LOG_DEFAULTS, check_mode=check_mode, diff=diff, **params)

    @property
    def sent(self):
        return [(sent["method"], sent["url"].replace(BASE, "")) for sent in self.session.sent]


def fetch(tmp_path, *answers, **params):
    params = dict(dict(name="3-8KQWBNC_log1.zip", dest=str(tmp_path / "log.zip")), **params)
    api = FakeApi(*answers, **params)
    return api, logs.fetch_log(api)


def test_a_log_is_decoded_written_and_described(tmp_path):
    api, result = fetch(tmp_path, NAMES, FakeRaw(200, LOG_ANSWER), diff=True)
    assert (tmp_path / "log.zip").read_bytes() == CONTENT
    assert stat.S_IMODE(os.stat(tmp_path / "log.zip").st_mode) == 0o600
    assert result["changed"] and result["size"] == len(CONTENT) and result["checksum"] == hashlib.sha1(CONTENT).hexdigest()
    assert result["diff"]["before"]["checksum"] == "absent"
    assert api.sent == [("GET", "/DCMATI/executions/3-8KQWBNC/logs/"), ("GET", "/DCMATI/executions/3-8KQWBNC/logs/3-8KQWBNC_log1.zip")]


def test_the_same_file_is_not_written_again(tmp_path):
    (tmp_path / "log.zip").write_bytes(CONTENT)
    os.chmod(tmp_path / "log.zip", 0o640)
    before = os.stat(tmp_path / "log.zip").st_mtime_ns
    dummy, result = fetch(tmp_path, NAMES, FakeRaw(200, LOG_ANSWER), diff=True)
    assert not result["changed"] and "diff" not in result
    assert os.stat(tmp_path / "log.zip").st_mtime_ns == before


def test_a_changed_file_is_replaced_keeping_its_mode(tmp_path):
    (tmp_path / "log.zip").write_bytes(b"old")
    os.chmod(tmp_path / "log.zip", 0o640)
    dummy, result = fetch(tmp_path, NAMES, FakeRaw(200, LOG_ANSWER))
    assert result["changed"] and (tmp_path / "log.zip").read_bytes() == CONTENT
    assert stat.S_IMODE(os.stat(tmp_path / "log.zip").st_mode) == 0o640
    assert [path.name for path in tmp_path.iterdir()] == ["log.zip"]


def test_check_mode_reads_and_writes_nothing(tmp_path):
    dummy, result = fetch(tmp_path, NAMES, FakeRaw(200, LOG_ANSWER), check_mode=True)
    assert result["changed"] and not (tmp_path / "log.zip").exists()


def test_a_folder_as_dest_takes_the_name(tmp_path):
    api = FakeApi(NAMES, FakeRaw(200, LOG_ANSWER), name="3-8KQWBNC_log1.zip", dest=str(tmp_path))
    result = logs.fetch_log(api)
    assert result["dest"] == str(tmp_path / "3-8KQWBNC_log1.zip") and (tmp_path / "3-8KQWBNC_log1.zip").exists()


def test_an_unknown_log_names_the_known_ones(tmp_path):
    with pytest.raises(OptionError) as error:
        fetch(tmp_path, NAMES, name="other.zip")
    assert error.value.option == "name" and "3-8KQWBNC_log1.zip" in error.value.msg


def test_content_that_is_not_base64_is_a_format_error(tmp_path):
    with pytest.raises(ResponseFormatError):
        fetch(tmp_path, NAMES, FakeRaw(200, {"fileName": "x", "content": 12}))


@pytest.mark.parametrize("params,option", [
    ({}, "name"),
    ({"name": "a.zip"}, "dest"),
    ({"name": "../a.zip", "dest": "/tmp"}, "name"),
    ({"name": "a.zip", "dest": "/no/such/folder/a.zip"}, "dest"),
])
def test_bad_input_fails_before_any_request(params, option):
    api = FakeApi(**params)
    with pytest.raises(OptionError) as error:
        logs.fetch_log(api)
    assert error.value.option == option and api.sent == []


def test_transfer_sends_the_documented_body():
    api = FakeApi(FakeRaw(200, {"message": "Log Transfer Initiated"}), transfer=True, os_process_identifier="1252")
    result = logs.fetch_log(api)
    assert result == {"changed": True, "execution_id": "3-8KQWBNC", "transfer_message": "Log Transfer Initiated"}
    assert api.session.sent[0]["method"] == "PUT"
    assert api.session.sent[0]["json"] == {"transferLogs": True, "OS_Process_Identifier": "1252"}


def test_transfer_in_check_mode_sends_nothing_and_predicts_the_fetch(tmp_path):
    api = FakeApi(FakeRaw(200, []), transfer=True, name="new.zip", dest=str(tmp_path / "new.zip"), check_mode=True)
    result = logs.fetch_log(api)
    assert result["changed"] and result["checksum"] is None and api.sent == [("GET", "/DCMATI/executions/3-8KQWBNC/logs/")]
    assert len(api.warnings) == 1


INFO_DEFAULTS = dict(support_identifier="22334455", service_type="EBSO", instance_id=None, execution_id=None, status=None,
                     sub_status=None, customer_status=None, config_type=None, activity_name=None, activity_type=None,
                     window_start=None, window_end=None, page_size=100, include_logs=False)


def test_info_includes_log_names_with_one_request_per_execution():
    api = FakeApi(FakeRaw(200, [LIST_ITEM], {"X-Total-Rows-Count": "1"}), FakeRaw(200, ["a.zip", {"fileName": "b.zip"}]),
                  defaults=INFO_DEFAULTS, include_logs=True)
    result = executions.gather(api)
    assert result["executions"][0]["log_files"] == ["a.zip", "b.zip"]
    assert api.sent[1] == ("GET", "/DCMATI/executions/3-7JZXAMZ/logs/")


def test_info_without_include_logs_reads_no_logs():
    api = FakeApi(FakeRaw(200, [LIST_ITEM], {"X-Total-Rows-Count": "1"}), defaults=INFO_DEFAULTS)
    assert "log_files" not in executions.gather(api)["executions"][0] and len(api.sent) == 1


TYPE_DEFAULTS = dict(service_type="EBSO", config_type=None, activity_name=None, activity_type=None)


def test_type_info_lists_the_allowed_types_in_one_request():
    api = FakeApi(FakeRaw(200, ["Trace & Debug", "Trace"]), defaults=TYPE_DEFAULTS)
    assert config_types.type_info(api) == {"changed": False, "config_types": ["Trace & Debug", "Trace"]}


def test_type_info_describes_activities_parameters_defaults_and_choices():
    with_choices = dict(DETAILS)
    activity = dict(DETAILS["activities"][0])
    enable = dict(activity["details"][0])
    enable["parameters"] = enable["parameters"] + [{"parameterName": "Level", "mandatory": False, "allowedValues": ["1", "2"]}]
    activity["details"] = [enable] + activity["details"][1:]
    with_choices["activities"] = [activity] + DETAILS["activities"][1:]
    api = FakeApi(FakeRaw(200, ["Trace & Debug"]), FakeRaw(200, with_choices), defaults=TYPE_DEFAULTS,
                  config_type="Trace & Debug", activity_name="FRD Enable/Disable", activity_type="Enable")
    [frd] = config_types.type_info(api)["activities"]
    assert frd["toggle"] and frd["name"] == "FRD Enable/Disable"
    [step] = frd["activity_types"]
    assert step["creatable"] and step["type"] == "Enable"
    by_name = {parameter["name"]: parameter for parameter in step["parameters"]}
    assert by_name["Auto_Disable_Interval"]["default"] == "2" and by_name["UserName"]["mandatory"]
    assert by_name["Level"]["choices"] == ["1", "2"] and by_name["UserName"]["choices"] is None


def test_type_info_names_the_valid_activity_types():
    api = FakeApi(FakeRaw(200, ["Trace & Debug"]), FakeRaw(200, DETAILS), defaults=TYPE_DEFAULTS,
                  config_type="Trace & Debug", activity_name="FRD Enable/Disable", activity_type="Toggle")
    with pytest.raises(OptionError) as error:
        config_types.type_info(api)
    assert error.value.option == "activity_type" and "Enable, Disable" in error.value.msg


def toggle_listing():
    """A parent on the first page whose downstream step is listed two pages later (one execution a page)."""
    parent = dict(LIST_ITEM, id="3-PARENT1")
    other = dict(LIST_ITEM, id="3-OTHER01")
    step = dict(LIST_ITEM, id="3-STEP001", referenceExecutionId="3-PARENT1",
                config={"type": "Trace & Debug", "activity": {"name": "FRD Enable/Disable", "type": "Disable"}})
    return [FakeRaw(200, [item], {"X-Total-Rows-Count": "3"}) for item in (parent, other, step)]


def test_info_to_dest_links_a_step_listed_pages_after_its_parent_and_writes_a_page_at_a_time(tmp_path, monkeypatch):
    dest = tmp_path / "executions.jsonl"
    api = FakeApi(*toggle_listing(), defaults=INFO_DEFAULTS, page_size=1, dest=str(dest))
    writes = fakes.record_writes(monkeypatch, lambda: len(api.session.sent))
    result = executions.gather(api)
    # The list is read whole first (a step may follow its parent by pages), then written a page at a time.
    assert writes == [(3, 1), (3, 1), (3, 1)]
    assert result["count"] == 3 and "executions" not in result
    written = [json.loads(line) for line in dest.read_text().splitlines()]
    assert [execution["id"] for execution in written] == ["3-PARENT1", "3-OTHER01", "3-STEP001"]
    assert [step["id"] for step in written[0]["downstream_executions"]] == ["3-STEP001"]
    assert written[1]["downstream_executions"] == [] and written[2]["reference_execution_id"] == "3-PARENT1"


def test_info_without_dest_links_the_same_way():
    api = FakeApi(*toggle_listing(), defaults=INFO_DEFAULTS, page_size=1)
    found = executions.gather(api)["executions"]
    assert [step["id"] for step in found[0]["downstream_executions"]] == ["3-STEP001"]
