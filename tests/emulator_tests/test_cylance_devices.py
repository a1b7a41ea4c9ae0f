"""Cylance devices and zones: the documented fields, lookups by ID, hostname and MAC, and the generated fleet."""
import re
import subprocess
import sys

import pytest
import requests

from secops_emulator import fleet
from secops_emulator.seed import SeedError, merge_seed

TENANT = "8a2f5b3c-1d4e-4f6a-9b7c-0d1e2f3a4b5c"
FIN_WS_01 = "e378dacb-9324-453a-b8c6-5a8406952195"
FIN_WS_03_OFFLINE = "d30be2d0-4e0f-4c03-8d77-f28bd8ad43be"
FINANCE_ZONE = "24f76658-6a21-4e72-a644-27bd407c9485"
LIST_FIELDS = {"id", "name", "state", "agent_version", "date_first_registered", "ip_addresses", "mac_addresses", "policy"}
DETAIL_FIELDS = LIST_FIELDS | {"host_name", "os_version", "date_offline", "date_last_modified", "update_available", "is_safe"}
ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")


@pytest.fixture(name="api")
def api_fixture(url, cylance_auth_token):
    tokens = {}

    def call(path, scopes=None, **params):
        key = tuple(scopes or ())
        if key not in tokens:
            claims = {"scp": ",".join(scopes)} if scopes else {}
            tokens[key] = requests.post(url + "/auth/v2/token", json={"auth_token": cylance_auth_token(**claims)},
                                        timeout=5).json()["access_token"]
        return requests.get(url + path, params=params, headers={"Authorization": "Bearer " + tokens[key]}, timeout=30)
    return call


def test_list_items_carry_the_documented_fields_only(api):
    item = api("/devices/v2").json()["page_items"][0]
    assert set(item) == LIST_FIELDS
    assert item["id"] == FIN_WS_01 and item["policy"]["name"] == "Default" and ISO.match(item["date_first_registered"])
    assert re.match(r"^([0-9A-F]{2}-){5}[0-9A-F]{2}$", item["mac_addresses"][0])


def test_get_device_adds_the_detail_fields(api):
    device = api("/devices/v2/" + FIN_WS_03_OFFLINE.replace("-", "").upper()).json()
    assert set(device) == DETAIL_FIELDS
    assert device["state"] == "Offline" and ISO.match(device["date_offline"]) and device["os_version"]
    assert api("/devices/v2/" + FIN_WS_01).json()["date_offline"] is None
    assert api("/devices/v2/00000000-0000-4000-8000-000000000000").status_code == 404


@pytest.mark.parametrize("scope", ["device:read", "device:list"])
def test_get_device_takes_either_device_scope(api, scope):
    assert api("/devices/v2/" + FIN_WS_01, scopes=[scope]).status_code == 200
    assert api("/devices/v2/" + FIN_WS_01, scopes=["zone:list"]).status_code == 403


def test_lookup_by_mac_in_any_spelling(api):
    mac = api("/devices/v2/" + FIN_WS_01).json()["mac_addresses"][0]
    for spelling in (mac, mac.replace("-", ":").lower(), mac.replace("-", "")):
        found = api("/devices/v2/macaddress/" + spelling).json()
        assert [device["id"] for device in found] == [FIN_WS_01]
    assert api("/devices/v2/macaddress/00-00-00-00-00-00").status_code == 404


def test_a_devices_zones(api):
    zones = api(f"/zones/v2/{FIN_WS_03_OFFLINE}/zones").json()
    assert {zone["name"] for zone in zones["page_items"]} == {"Finance Workstations", "Disconnected"}
    assert api("/zones/v2/00000000-0000-4000-8000-000000000000/zones").status_code == 404


def test_seeded_facts_override_the_defaults(api, reseed):
    devices = merge_seed({})["cylance"]["resources"][TENANT]["devices"]
    devices[0].update(os_version="Ubuntu 24.04", ip_addresses=["192.0.2.7", "198.51.100.7"], policy="Strict")
    reseed({"cylance": {"resources": {TENANT: {"devices": devices}}}})
    device = api("/devices/v2/" + FIN_WS_01).json()
    assert (device["os_version"], device["ip_addresses"], device["policy"]["name"]) == (
        "Ubuntu 24.04", ["192.0.2.7", "198.51.100.7"], "Strict")


def test_the_generator_is_deterministic_and_spreads_devices_over_zones():
    first, second = fleet.generate(1000, zones=7), fleet.generate(1000, zones=7)
    assert first == second
    assert sum(len(zone["members"]) for zone in first["zones"]) == 1000
    assert len({device["id"] for device in first["devices"]}) == 1000
    assert sum(device["state"] == "Offline" for device in first["devices"]) == 100


def test_a_generated_fleet_pages_at_ten_thousand(api, reseed):
    reseed({"cylance": {"resources": {TENANT: {"fleet": {"devices": 25000, "zones": 50}}}}})
    first = api("/devices/v2", page=1, page_size=20000).json()
    assert first["page_size"] == 10000 and first["total_pages"] == 3 and first["total_number_of_items"] == 25012
    last = api("/devices/v2", page=3, page_size=10000).json()
    assert len(last["page_items"]) == 5012 and last["page_items"][-1]["name"] == "WS-025000"
    zones = api("/zones/v2", page_size=200).json()
    assert zones["total_number_of_items"] == 54
    zone_id = next(zone["id"] for zone in zones["page_items"] if zone["name"] == "Zone 001")
    assert api(f"/devices/v2/{zone_id}/devices").json()["total_number_of_items"] == 500


@pytest.mark.parametrize("section, words", [
    ({"zones": 3}, "lacks devices"),
    ({"devices": -1}, "devices"),
    ({"devices": 10, "color": "red"}, "unknown keys"),
])
def test_bad_fleet_sections_are_refused(section, words):
    with pytest.raises(SeedError, match=words):
        merge_seed({"cylance": {"resources": {TENANT: {"fleet": section}}}})


def test_cli_fleet_option(tmp_path):
    command = [sys.executable, "-m", "secops_emulator", "--port", "0", "--fleet", "300:3", "--cert-dir", str(tmp_path)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        try:
            line = process.stdout.readline()
            assert "emulator ready" in line
        finally:
            process.terminate()
            process.wait(timeout=10)
    bad = subprocess.run(command[:-2] + ["--fleet", "many"], capture_output=True, text=True, timeout=30, check=False)
    assert bad.returncode == 1 and "DEVICES[:ZONES]" in bad.stderr
