# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

import pytest

from ansible_collections.secops.executions.plugins.module_utils.cylance import targets
from ansible_collections.secops.executions.plugins.module_utils.errors import OptionError

FIN_WS_01 = "E378DACB9324453AB8C65A8406952195"
FINANCE = "24F766586A214E72A64427BD407C9485"


def spec(**params):
    return targets.TargetSpec.from_params(params)


def test_ids_are_normalised_and_deduplicated_in_order():
    found = spec(devices=["e378dacb-9324-453a-b8c6-5a8406952195", "CFB03567423D4A0EB497100E29D2808E", FIN_WS_01.lower()])
    assert found.kind == "devices" and found.ids == [FIN_WS_01, "CFB03567423D4A0EB497100E29D2808E"] and found.names == []


def test_zone_side_with_names():
    found = spec(zones=[FINANCE], zone_names=[" Servers ", "Servers"], devices=[])
    assert found.kind == "zones" and found.ids == [FINANCE] and found.names == ["Servers"] and found.names_option == "zone_names"


@pytest.mark.parametrize("params, options", [
    ({"devices": [FIN_WS_01], "zones": [FINANCE]}, "devices, zones"),
    ({"device_names": ["FIN-WS-01"], "zone_names": ["Lab"]}, "device_names, zone_names"),
    ({"devices": [FIN_WS_01], "device_names": ["x"], "zone_names": ["Lab"]}, "devices, device_names, zone_names"),
])
def test_devices_and_zones_together_are_refused_naming_the_options(params, options):
    with pytest.raises(OptionError) as error:
        spec(**params)
    assert error.value.msg.startswith(options + ": ") and "not both" in error.value.msg


@pytest.mark.parametrize("params", [{}, {"devices": [], "zones": None}, {"device_names": [], "zone_names": []}])
def test_an_empty_target_is_refused(params):
    with pytest.raises(OptionError) as error:
        spec(**params)
    assert error.value.msg.startswith("devices, device_names, zones, zone_names: give at least one")


@pytest.mark.parametrize("params, option", [
    ({"devices": [FIN_WS_01, "FIN-WS-01", "123"]}, "devices"),
    ({"zones": ["Finance Workstations"]}, "zones"),
])
def test_malformed_ids_are_listed(params, option):
    with pytest.raises(OptionError) as error:
        spec(**params)
    message = error.value.msg
    assert error.value.option == option and message.startswith(option + ": ")
    assert (" are not " if len(params[option]) == 3 else " is not ") in message
    assert "'" + params[option][-1] + "'" in message and FIN_WS_01 not in message


def test_an_empty_name_is_refused():
    with pytest.raises(OptionError, match="^device_names: names must not be empty"):
        spec(device_names=["  "])


def device(device_id, name, state="Online"):
    return {"id": device_id, "name": name, "state": state}


def test_hostnames_need_exactly_one_device_each():
    found = {
        "FIN-WS-01": [device("e378dacb-9324-453a-b8c6-5a8406952195", "FIN-WS-01")],
        "KIOSK-01": [device("863e6d00-88b3-427a-a184-b51edc47bc03", "KIOSK-01", "Offline"),
                     device("e2be7331-080e-4dcc-9fe0-d312692c21f2", "KIOSK-01")],
        "GHOST": [],
    }
    resolved, problems = targets.match_hostnames(["FIN-WS-01", "KIOSK-01", "GHOST"], found)
    assert resolved == [FIN_WS_01]
    assert problems[0] == ("2 devices have the hostname 'KIOSK-01': 863e6d00-88b3-427a-a184-b51edc47bc03 (Offline), "
                           "e2be7331-080e-4dcc-9fe0-d312692c21f2 (Online); give the device ID in devices instead")
    assert problems[1] == "no device has the hostname 'GHOST'"


class Answer(object):
    def __init__(self, status, body):
        self.status = status
        self.json = body


class Client(object):
    def __init__(self, answer):
        self.answer = answer
        self.paths = []

    def get(self, path, query=None, allow_status=()):
        self.paths.append(path)
        return self.answer

    @staticmethod
    def not_found(answer):
        return answer.status == 404


@pytest.mark.parametrize("answer, count", [
    (Answer(404, {"message": "no device"}), 0),
    (Answer(200, []), 0),
    (Answer(200, [device("e378dacb-9324-453a-b8c6-5a8406952195", "fin-ws-01")]), 1),
    (Answer(200, [device("e378dacb-9324-453a-b8c6-5a8406952195", "FIN-WS-010")]), 0),
    (Answer(200, device("e378dacb-9324-453a-b8c6-5a8406952195", "FIN-WS-01")), 1),
    (Answer(200, {"page_items": [device("e378dacb-9324-453a-b8c6-5a8406952195", "FIN-WS-01")]}), 1),
], ids=["404", "empty", "case-insensitive", "other-host", "single-object", "paged"])
def test_hostname_lookup_tolerates_answer_shapes_and_keeps_exact_names(answer, count):
    client = Client(answer)
    assert len(targets.devices_named(client, "FIN-WS-01")) == count


def test_hostname_is_one_path_segment():
    client = Client(Answer(404, {}))
    targets.devices_named(client, "odd/name here")
    assert client.paths == ["/devices/v2/hostname/odd%2Fname%20here"]


def test_zone_names_match_case_insensitively_and_list_the_zones_otherwise():
    zones = [{"id": "24f76658-6a21-4e72-a644-27bd407c9485", "name": "Finance Workstations"},
             {"id": "8dc42383-b81c-46df-95f9-4dd11e256ac9", "name": "Servers"}]
    resolved, problems = targets.match_zone_names(["finance WORKSTATIONS", "Finanse"], zones)
    assert resolved == [FINANCE]
    assert problems == ["no zone is named 'Finanse'; zones: 'Finance Workstations', 'Servers'"]


def test_duplicate_zone_names_are_ambiguous():
    zones = [{"id": "24f76658-6a21-4e72-a644-27bd407c9485", "name": "Lab"}, {"id": "5e5b42e3-24cb-4d9b-a533-de0caffa1996", "name": "LAB"}]
    resolved, problems = targets.match_zone_names(["lab"], zones)
    assert resolved == [] and problems[0].startswith("2 zones are named 'lab'")
