# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The secops.executions.cylance_devices inventory, run by real ``ansible-inventory`` against the emulator."""

import json
import os
import re
import subprocess
import sys
import time
import uuid

import jwt
import pytest
import requests
import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
COLLECTIONS = os.environ.get("ANSIBLE_COLLECTIONS_PATH") or os.path.join(ROOT, ".build", "collections")

TENANT = "8a2f5b3c-1d4e-4f6a-9b7c-0d1e2f3a4b5c"
APP_ID = "0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b"
APP_SECRET = "demo-cylance-app-secret-7f3a9c"
CREDENTIALS = {"CYLANCE_TENANT_ID": TENANT, "CYLANCE_APP_ID": APP_ID, "CYLANCE_APP_SECRET": APP_SECRET}
ANSIBLE_INVENTORY = os.path.join(os.path.dirname(sys.executable), "ansible-inventory")
JWT = re.compile(r"eyJ[\w-]+\.[\w-]+\.[\w-]+")


def plain(value):
    """The JSON of ansible-inventory without the markers of untrusted strings (ansible-core 2.19+: API data is never templated)."""
    if isinstance(value, dict):
        if set(value) == {"__ansible_unsafe"}:
            return value["__ansible_unsafe"]
        return dict((key, plain(item)) for key, item in value.items())
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


class Run:
    def __init__(self, process, requests):
        self.rc = process.returncode
        self.stdout = process.stdout
        self.stderr = process.stderr
        self.requests = requests

    @property
    def inventory(self):
        return plain(json.loads(self.stdout))

    def paths(self):
        return [entry["path"] for entry in self.requests]


@pytest.fixture(name="inventory")
def inventory_fixture(emulator, tmp_path):
    """``inventory(config, *args, env=None)``: writes <tmp>/fleet.cylance_devices.yml and runs ansible-inventory on it."""
    emulator.control.reset()

    def run(config, *args, env=None, credentials=True, name="fleet.cylance_devices.yml"):
        path = tmp_path / name
        path.write_text(yaml.safe_dump(dict({"plugin": "secops.executions.cylance_devices", "api_url": emulator.url}, **config)))
        since = max([entry["seq"] for entry in emulator.control.requests()] + [0])
        environment = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS, ANSIBLE_NOCOLOR="1",
                           ANSIBLE_INVENTORY_ENABLED="secops.executions.cylance_devices", ANSIBLE_INVENTORY_UNPARSED_FAILED="1",
                           ANSIBLE_LOCAL_TEMP=str(tmp_path / "tmp"), **(CREDENTIALS if credentials else {}))
        for key in [key for key in environment if key.startswith("CYLANCE_") and not credentials]:
            del environment[key]
        environment.update(env or {})
        process = subprocess.run([ANSIBLE_INVENTORY, "-i", str(path)] + list(args or ["--list"]), capture_output=True, text=True,
                                 env=environment, cwd=str(tmp_path), timeout=600, check=False)
        return Run(process, emulator.control.requests(since))
    return run


def hostvars(run, host):
    return run.inventory["_meta"]["hostvars"][host]


def test_list_has_every_device_its_fields_and_zone_groups_for_one_token(inventory):
    run = inventory({})
    assert run.rc == 0, run.stderr
    listed = run.inventory
    hosts = listed["_meta"]["hostvars"]
    assert len(hosts) == 12 and "KIOSK-01" in hosts and "KIOSK-01_E2BE7331080E4DCC9FE0D312692C21F2" in hosts
    assert "share a hostname" in run.stderr
    fin = hosts["FIN-WS-03"]
    assert fin["cylance_id"] == "d30be2d0-4e0f-4c03-8d77-f28bd8ad43be" and fin["cylance_id_compact"] == "D30BE2D04E0F4C038D77F28BD8AD43BE"
    assert fin["cylance_state"] == "Offline" and fin["cylance_online"] is False and fin["cylance_policy_name"] == "Default"
    assert fin["cylance_zones"] == ["Disconnected", "Finance Workstations"] and fin["cylance_ip_addresses"]
    assert sorted(listed["zone_finance_workstations"]["hosts"]) == ["FIN-WS-01", "FIN-WS-02", "FIN-WS-03", "FIN-WS-04"]
    assert set(listed["all"]["children"]) >= {"zone_servers", "zone_lab", "zone_disconnected"}
    paths = run.paths()
    assert paths.count("/auth/v2/token") == 1 and paths.count("/devices/v2") == 1 and paths.count("/zones/v2") == 1
    assert len([path for path in paths if path.endswith("/devices") and path != "/devices/v2"]) == 4 and len(paths) == 7


def test_no_secret_or_token_in_the_output(inventory):
    run = inventory({}, "--list", "--vars", "--export")
    graph = inventory({}, "--graph", "--vars", "-vvvv")
    for output in (run.stdout + run.stderr, graph.stdout + graph.stderr):
        assert APP_SECRET not in output and not JWT.search(output)
    assert run.rc == 0 and graph.rc == 0


def access_token(url):
    now = int(time.time())
    claims = {"iss": "http://cylance.com", "sub": APP_ID, "tid": TENANT, "iat": now, "exp": now + 600, "jti": str(uuid.uuid4())}
    answer = requests.post(url + "/auth/v2/token", json={"auth_token": jwt.encode(claims, APP_SECRET, algorithm="HS256")}, timeout=10)
    return answer.json()["access_token"]


def test_an_access_token_from_the_environment_costs_no_token_request(inventory, emulator):
    token = access_token(emulator.url)
    run = inventory({"zone_groups": False}, credentials=False, env={"CYLANCE_ACCESS_TOKEN": token})
    assert run.rc == 0, run.stderr
    assert run.paths() == ["/devices/v2"] and token not in run.stdout + run.stderr


def test_constructed_groups_keyed_groups_and_compose(inventory):
    config = {"zone_groups": False,
              "keyed_groups": [{"key": "cylance_state | lower", "prefix": "state"}],
              "groups": {"kiosks": "cylance_name is match('KIOSK-')"},
              "compose": {"ansible_host": "cylance_ip_addresses[0]"}}
    run = inventory(config, "--graph")
    assert run.rc == 0, run.stderr
    assert "@state_online:" in run.stdout and "@state_offline:" in run.stdout and "@kiosks:" in run.stdout
    assert "zone_" not in run.stdout
    assert run.paths() == ["/auth/v2/token", "/devices/v2"]
    listed = inventory(config)
    assert hostvars(listed, "LAB-01")["ansible_host"] == hostvars(listed, "LAB-01")["cylance_ip_addresses"][0]
    assert hostvars(listed, "LAB-01")["cylance_zones"] is None


def test_fields_limit_the_host_variables_and_what_groups_see(inventory):
    config = {"fields": ["state", "zones"], "keyed_groups": [{"key": "cylance_state | lower", "prefix": "state"}]}
    run = inventory(config)
    assert run.rc == 0, run.stderr
    assert hostvars(run, "FIN-WS-03") == {"cylance_id": "d30be2d0-4e0f-4c03-8d77-f28bd8ad43be", "cylance_state": "Offline",
                                          "cylance_zones": ["Disconnected", "Finance Workstations"]}
    assert "FIN-WS-03" in run.inventory["state_offline"]["hosts"]
    assert "FIN-WS-03" in run.inventory["zone_finance_workstations"]["hosts"]
    bad = inventory({"fields": ["state", "os"]})
    assert bad.rc != 0 and "unknown field(s) 'os'" in bad.stderr and bad.requests == []


def test_strict_turns_a_bad_compose_into_an_error(inventory):
    config = {"zone_groups": False, "compose": {"owner": "cylance_no_such_var.upper()"}}
    assert inventory(dict(config, strict=False)).rc == 0
    strict = inventory(dict(config, strict=True))
    assert strict.rc != 0 and "cylance_no_such_var" in strict.stderr


def test_filters_state_zones_and_os(inventory):
    run = inventory({"state": "online", "zones": ["servers", "FINANCE WORKSTATIONS"], "os": ["windows 10"]})
    assert run.rc == 0, run.stderr
    assert sorted(run.inventory["_meta"]["hostvars"]) == ["FIN-WS-01", "FIN-WS-02", "FIN-WS-04", "SRV-DB-01", "SRV-WEB-01"]
    paths = run.paths()
    # The zones' member lists replace the device list; the state is checked on them, then the OS is read
    # once for each of the 5 online members (not for the 2 offline ones).
    assert "/devices/v2" not in paths
    assert len([path for path in paths if re.match(r"^/devices/v2/[0-9a-f-]{36}$", path)]) == 5


def test_hostnames_preferences(inventory):
    run = inventory({"zone_groups": False, "hostnames": ["host_name", "ip_address"]})
    assert run.rc == 0, run.stderr
    names = list(run.inventory["_meta"]["hostvars"])
    assert all(re.match(r"^10\.\d+\.\d+\.\d+$", name) for name in names) and len(names) == 12
    bad = inventory({"hostnames": ["fqdn"]})
    assert bad.rc != 0 and "hostnames: unknown fqdn" in bad.stderr and bad.requests == []


def test_the_cache_answers_the_second_run_without_a_request(inventory, tmp_path):
    config = {"cache": True, "cache_plugin": "ansible.builtin.jsonfile", "cache_connection": str(tmp_path / "cache"),
              "cache_timeout": 3600}
    first = inventory(config)
    second = inventory(config)
    assert first.rc == 0 and second.rc == 0, first.stderr + second.stderr
    assert len(first.requests) == 7 and second.requests == []
    assert second.inventory == first.inventory
    cached = "".join(path.read_text() for path in (tmp_path / "cache").iterdir())
    assert APP_SECRET not in cached and not JWT.search(cached)


def test_missing_credentials_name_the_environment_variables_and_send_nothing(inventory):
    run = inventory({}, credentials=False)
    assert run.rc != 0 and run.requests == []
    assert "CYLANCE_ACCESS_TOKEN" in run.stderr and "CYLANCE_APP_SECRET" in run.stderr and "Traceback" not in run.stderr


def test_an_unknown_zone_is_one_readable_error(inventory):
    run = inventory({"zones": ["Marketing"]})
    assert run.rc != 0 and "no zone is named 'Marketing'" in run.stderr and "Traceback" not in run.stderr


def test_a_file_with_another_name_is_not_read(inventory):
    run = inventory({}, name="fleet.yml")
    assert run.rc != 0 and run.requests == []
