# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Device and zone views, the device query, the hostname matcher, and the requests a walk costs."""

import json

import pytest

from ansible_collections.secops.executions.plugins.module_utils.cylance import devices, hostnames
from ansible_collections.secops.executions.plugins.module_utils.errors import OptionError

from ansible_collections.secops.executions.tests.unit.plugins.module_utils.fakes import FakeApi, record_writes

FIN_WS_01 = "e378dacb-9324-453a-b8c6-5a8406952195"
LIST_ITEM = {"id": FIN_WS_01, "name": "FIN-WS-01", "state": "Online", "agent_version": "3.1.1001",
             "date_first_registered": "2025-01-01T00:00:00", "ip_addresses": ["10.0.0.1"],
             "mac_addresses": ["00-0C-29-5A-1B-2C"], "policy": {"id": "p1", "name": "Default"}}
ZONE = {"id": "24f76658-6a21-4e72-a644-27bd407c9485", "name": "Finance Workstations", "criticality": "High"}


def page(items, number=1, total=1):
    return 200, {"page_number": number, "total_pages": total, "page_items": items}


def test_device_view_has_every_spelling_of_the_id_and_no_zones_when_not_read():
    view = devices.device_view(dict(LIST_ITEM, id=FIN_WS_01.replace("-", "").upper()))
    assert view["id"] == FIN_WS_01 and view["id_compact"] == "E378DACB9324453AB8C65A8406952195"
    assert view["online"] is True and view["policy_name"] == "Default" and view["zones"] is None and view["os_version"] is None


@pytest.mark.parametrize("answer", [None, "text", {"policy": "x", "ip_addresses": "10.0.0.1", "state": 3}])
def test_device_view_reads_odd_answers_as_missing_values(answer):
    view = devices.device_view(answer)
    assert view["ip_addresses"] == [] and view["policy_id"] is None and view["online"] is False


@pytest.mark.parametrize("params, option", [
    ({"id": "FIN-WS-01"}, "id"),
    ({"id": FIN_WS_01, "mac": "00-0C-29-5A-1B-2C"}, "id, mac"),
    ({"state": "sleeping"}, "state"),
    ({"hostnames": ["a", " "]}, "hostnames"),
    ({"os": [3]}, "os"),
])
def test_the_query_refuses_bad_input_naming_the_option(params, option):
    with pytest.raises(OptionError) as error:
        devices.DeviceQuery.from_params(params)
    assert error.value.msg.startswith(option + ": ")


def test_an_os_filter_needs_the_details():
    assert devices.DeviceQuery.from_params({"os": ["windows"]}).details is True
    assert devices.DeviceQuery.from_params({}).details is False


@pytest.mark.parametrize("names, expected", [
    (["web01"], {"web01": ["A"]}),
    (["WEB01.example.com"], {"WEB01.example.com": ["A"]}),
    (["kiosk"], {"kiosk": ["B", "C"]}),
    (["db.example.com"], {"db.example.com": ["D"]}),
    (["nothing"], {"nothing": []}),
])
def test_hostnames_match_case_insensitively_and_fqdns_by_their_first_label(names, expected):
    fleet = [{"id": "A", "name": "Web01"}, {"id": "B", "name": "KIOSK"}, {"id": "C", "name": "kiosk"},
             {"id": "D", "name": "db.example.com"}, {"id": "E", "name": "db"}, "junk"]
    found = hostnames.match(names, fleet)
    assert dict((name, [device["id"] for device in matched]) for name, matched in found.items()) == expected


def test_listing_with_zones_walks_each_zone_once_and_filters_by_state():
    offline = dict(LIST_ITEM, id="d30be2d0-4e0f-4c03-8d77-f28bd8ad43be", name="FIN-WS-03", state="Offline")
    api = FakeApi("https://api.example", [page([ZONE]), page([LIST_ITEM, offline]), page([LIST_ITEM, offline])],
                  access_token="t")
    found = devices.collect(api.client, devices.DeviceQuery.from_params({"state": "offline"}))
    assert [view["name"] for view in found] == ["FIN-WS-03"] and found[0]["zones"] == ["Finance Workstations"]
    assert [sent["url"] for sent in api.session.sent] == [
        "https://api.example/zones/v2", "https://api.example/devices/v2/" + ZONE["id"] + "/devices", "https://api.example/devices/v2"]
    assert api.session.sent[2]["params"]["page_size"] == 10000


def test_a_zone_filter_lists_only_the_members():
    api = FakeApi("https://api.example", [page([ZONE, dict(ZONE, id=FIN_WS_01, name="Lab")]), page([LIST_ITEM])],
                  access_token="t")
    found = devices.collect(api.client, devices.DeviceQuery.from_params({"zones": ["finance WORKSTATIONS"], "with_zones": False}))
    assert [view["name"] for view in found] == ["FIN-WS-01"] and found[0]["zones"] is None
    assert len(api.session.sent) == 2


def test_ten_device_names_cost_one_walk_of_the_device_list():
    from ansible_collections.secops.executions.plugins.module_utils.cylance import targets
    fleet = [dict(LIST_ITEM, id="{0:08x}-0000-4000-8000-000000000000".format(number), name="HOST-{0}".format(number)) for number in range(12)]
    names = ["host-{0}.corp.example.com".format(number) for number in range(targets.LIST_WALK_FROM)]
    api = FakeApi("https://api.example", [page(fleet)], access_token="t")
    found = targets.device_ids_by_hostname(api.client, names)
    assert found == ["{0:08X}000040008000000000000000".format(number) for number in range(10)]
    assert [sent["url"] for sent in api.session.sent] == ["https://api.example/devices/v2"]


def test_fewer_names_are_looked_up_one_by_one_fqdns_by_their_first_label():
    from ansible_collections.secops.executions.plugins.module_utils.cylance import targets
    api = FakeApi("https://api.example", [(404, {"message": "no device"}), (200, [LIST_ITEM])], access_token="t")
    assert targets.device_ids_by_hostname(api.client, ["FIN-WS-01.corp.example.com"]) == ["E378DACB9324453AB8C65A8406952195"]
    assert [sent["url"] for sent in api.session.sent] == ["https://api.example/devices/v2/hostname/FIN-WS-01.corp.example.com",
                                                          "https://api.example/devices/v2/hostname/FIN-WS-01"]


def device_api(answers, **params):
    defaults = dict(id=None, hostnames=None, mac=None, zones=None, state=None, os=None, with_zones=True, details=False)
    return FakeApi("https://api.example", answers, defaults, access_token="t", **params)


def test_fields_without_zones_skip_the_zone_walk_and_keep_only_those_fields():
    api = device_api([page([LIST_ITEM])], fields=["name", "state"])
    assert devices.device_info(api) == {"changed": False, "devices": [{"id": FIN_WS_01, "name": "FIN-WS-01", "state": "Online"}]}
    assert [sent["url"] for sent in api.session.sent] == ["https://api.example/devices/v2"]


def test_an_unknown_field_fails_before_any_request():
    api = device_api([], fields=["name", "hostname"])
    with pytest.raises(OptionError) as error:
        devices.device_info(api)
    assert error.value.option == "fields" and "'hostname'" in error.value.msg and api.session.sent == []


def test_the_fleet_to_dest_is_written_a_device_page_at_a_time(tmp_path, monkeypatch):
    first = [dict(LIST_ITEM, id="{0:08x}-0000-4000-8000-000000000000".format(number), name="H{0}".format(number)) for number in range(2)]
    second = [dict(LIST_ITEM, id="{0:08x}-0000-4000-8000-000000000000".format(number), name="H{0}".format(number)) for number in (1, 2)]
    dest = tmp_path / "fleet.jsonl"
    api = device_api([page(first, 1, 2), page(second, 2, 2)], fields=["name", "zones"], with_zones=False, dest=str(dest))
    writes = record_writes(monkeypatch, lambda: len(api.session.sent))
    result = devices.device_info(api)
    # A device repeated on the next page (the list moved) is written once.
    assert writes == [(1, 2), (2, 1)]
    assert result["count"] == 3 and "devices" not in result
    assert [json.loads(line) for line in dest.read_text().splitlines()] == [
        {"id": "0000000{0}-0000-4000-8000-000000000000".format(number), "name": "H{0}".format(number), "zones": None}
        for number in range(3)]


def test_zone_fields_keep_the_devices_asked_for():
    api = FakeApi("https://api.example", [page([ZONE]), page([LIST_ITEM])],
                  dict(names=None, id=None, with_devices=True), access_token="t", fields=["name"])
    [zone] = devices.zone_info(api)["zones"]
    assert sorted(zone) == ["devices", "id", "name"] and zone["devices"][0]["name"] == "FIN-WS-01"
