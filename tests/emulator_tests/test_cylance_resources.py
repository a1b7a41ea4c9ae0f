"""Cylance Optics package deployment resources: packages, executions, devices and zones."""
import re

import pytest
import requests

from secops_emulator.seed import SeedError, merge_seed

TENANT = "8a2f5b3c-1d4e-4f6a-9b7c-0d1e2f3a4b5c"
OTHER_TENANT = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"
OTHER_APP = "9e8d7c6b-5a49-4837-a625-14f3e2d1c0b9"
OTHER_SECRET = "other-tenant-secret"

BROWSER_HISTORY = "61d8944e-d900-4724-87eb-d10078b90a41"
COLLECT_LOGS = "bfa45e41-ad86-4231-8156-51618a839d0a"
FIN_WS_01 = "E378DACB9324453AB8C65A8406952195"
FIN_WS_03_OFFLINE = "D30BE2D04E0F4C038D77F28BD8AD43BE"
SRV_DB_01 = "CFB03567423D4A0EB497100E29D2808E"
FINANCE_ZONE = "24f76658-6a21-4e72-a644-27bd407c9485"
FINANCE = FINANCE_ZONE.replace("-", "").upper()
SERVERS = "8DC42383B81C46DF95F94DD11E256AC9"
DISCONNECTED = "B756C87CBA1C44098F67298DB81C9FE4"
SEEDED_EXECUTIONS = ["c7506413-eccd-465a-be72-ff551cdabfe3", "fc7e0db3-39e3-4d04-a6fd-95d05fd2eb19"]
EXECUTION_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
ENVELOPE = {"page_number", "page_size", "total_pages", "total_number_of_items", "page_items"}

# Every resource endpoint and the scope it needs.
ENDPOINTS = [
    ("GET", "/packages/v2", "opticspkgconfig:list"),
    ("GET", "/packages/v2/" + BROWSER_HISTORY, "opticspkgconfig:read"),
    ("GET", "/packages/v2/executions", "opticspkgdeploy:list"),
    ("POST", "/packages/v2/executions", "opticspkgdeploy:create"),
    ("GET", "/packages/v2/executions/" + SEEDED_EXECUTIONS[0], "opticspkgdeploy:read"),
    ("DELETE", "/packages/v2/executions/" + SEEDED_EXECUTIONS[0], "opticspkgdeploy:delete"),
    ("GET", "/devices/v2", "device:list"),
    ("GET", "/devices/v2/hostname/FIN-WS-01", "device:read"),
    ("GET", "/devices/v2/" + FINANCE_ZONE + "/devices", "device:list"),
    ("GET", "/zones/v2", "zone:list"),
    ("GET", "/zones/v2/" + FINANCE_ZONE, "zone:read"),
]


@pytest.fixture(name="token")
def token_fixture(url, cylance_auth_token):
    """``token(scopes=None, **claims)``: an access token; all the application's privileges without scopes."""
    def get(scopes=None, **claims):
        if scopes is not None:
            claims["scp"] = ",".join(scopes)
        response = requests.post(url + "/auth/v2/token", json={"auth_token": cylance_auth_token(**claims)}, timeout=5)
        assert response.status_code == 200, response.text
        return response.json()["access_token"]
    return get


@pytest.fixture(name="api")
def api_fixture(url, token):
    """``api(method, path, access_token=..., **kwargs)`` with a full-access token unless one is given.

    The full-access token is fetched on first use, so tests that reseed (which forgets tokens) work.
    """
    full = []

    def call(method, path, access_token=None, **kwargs):
        if access_token is None and not full:
            full.append(token())
        headers = {"Authorization": "Bearer " + (access_token or full[0])}
        return requests.request(method, url + path, headers=headers, timeout=5, **kwargs)
    return call


def execution_body(**overrides):
    execution = {"name": "Package Execution", "target": {"devices": [FIN_WS_01]}, "destination": "",
                 "packageExecutions": [{"arguments": ["-browser ALL"], "package": BROWSER_HISTORY}], "keepResultsLocally": True}
    execution.update(overrides)
    return {"execution": execution}


def all_pages(api, path, page_size, **query):
    items, page = [], 1
    while True:
        body = api("GET", path, params=dict(query, page=page, page_size=page_size)).json()
        items.extend(body["page_items"])
        if body["page_number"] >= body["total_pages"]:
            return items, page
        page += 1


# --- scopes --------------------------------------------------------------------------------

@pytest.mark.parametrize("method, path, scope", ENDPOINTS, ids=[f"{m} {p}" for m, p, dummy in ENDPOINTS])
def test_each_endpoint_needs_its_scope(api, token, method, path, scope):
    others = [name for name in ("opticspkgdeploy:create", "opticspkgdeploy:read", "opticspkgdeploy:delete", "opticspkgdeploy:list",
                                "opticspkgconfig:read", "opticspkgconfig:list", "device:list", "device:read", "zone:list", "zone:read")
              if name != scope and not (path.startswith("/devices/v2/hostname") and name == "device:list")]
    without = api(method, path, access_token=token(others), json=execution_body())
    assert without.status_code == 403 and scope in without.json()["message"]
    assert api(method, path, access_token=token([scope]), json=execution_body()).status_code in (200, 201)


@pytest.mark.parametrize("method, path, scope", ENDPOINTS[:3], ids=["packages", "package", "executions"])
def test_no_token_is_a_401(url, method, path, scope):
    assert requests.request(method, url + path, timeout=5).status_code == 401


def test_hostname_lookup_accepts_device_list_too(api, token):
    assert api("GET", "/devices/v2/hostname/FIN-WS-01", access_token=token(["device:list"])).status_code == 200


# --- packages ------------------------------------------------------------------------------

def test_packages_list_envelope_defaults_and_newest_first(api):
    body = api("GET", "/packages/v2").json()
    assert set(body) == ENVELOPE
    assert body["page_number"] == 1 and body["page_size"] == 20 and body["total_number_of_items"] == 6 and body["total_pages"] == 1
    uploaded = [item["uploadedOn"] for item in body["page_items"]]
    assert uploaded == sorted(uploaded, reverse=True)
    item = body["page_items"][-1]
    assert set(item) == {"packageId", "category", "downloadUrl", "packageDescriptor", "playbookCount", "size", "status",
                         "timeout", "uploadedBy", "uploadedOn"}


def test_package_descriptor_carries_the_invocation_examples(api):
    package = api("GET", "/packages/v2/" + BROWSER_HISTORY).json()
    descriptor = package["packageDescriptor"]
    assert descriptor["name"] == "Browser History" and descriptor["packageId"] == BROWSER_HISTORY
    assert [example["invocationString"] for example in descriptor["examples"]] == ["-browser ALL", "-browser Chrome -days 7"]
    assert package["downloadUrl"] == "https://content-na.cylance.com/61D8944ED900472487EBD10078B90A41"


def test_package_lookup_tolerates_id_forms_and_404s_unknown(api):
    assert api("GET", "/packages/v2/" + BROWSER_HISTORY.upper().replace("-", "")).status_code == 200
    assert api("GET", "/packages/v2/00000000-0000-4000-8000-000000000000").status_code == 404


@pytest.mark.parametrize("sort, key, reverse", [
    ("packageDescriptor.name", lambda item: item["packageDescriptor"]["name"].lower(), False),
    ("-size", lambda item: item["size"], True),
    ("status", lambda item: item["status"], False),
])
def test_packages_sort(api, sort, key, reverse):
    items = api("GET", "/packages/v2", params={"sort": sort}).json()["page_items"]
    assert [key(item) for item in items] == sorted((key(item) for item in items), reverse=reverse)


def test_packages_status_and_category_filters(api):
    success = api("GET", "/packages/v2", params={"status": "success"}).json()["page_items"]
    assert len(success) == 5 and all(item["status"] == "success" for item in success)
    vendor = api("GET", "/packages/v2", params={"category": "cylance"}).json()["page_items"]
    assert [item["packageDescriptor"]["name"] for item in vendor] == ["Hello World"]


@pytest.mark.parametrize("query", [{"sort": "colour"}, {"status": "done"}, {"page": "0"}, {"page_size": "x"}])
def test_bad_list_queries_are_a_400(api, query):
    response = api("GET", "/packages/v2", params=query)
    assert response.status_code == 400 and "message" in response.json()


def test_packages_paging_walks_every_item_once(api):
    items, pages = all_pages(api, "/packages/v2", 4)
    assert pages == 2 and len({item["packageId"] for item in items}) == 6


def test_page_size_is_capped_by_the_seed(api, reseed):
    reseed({"cylance": {"max_page_size": 2}})
    body = api("GET", "/packages/v2", params={"page_size": 200}).json()
    assert body["page_size"] == 2 and body["total_pages"] == 3 and len(body["page_items"]) == 2
    beyond = api("GET", "/packages/v2", params={"page": 9}).json()
    assert beyond["page_items"] == [] and beyond["page_number"] == 9


# --- executions: create --------------------------------------------------------------------

def test_create_returns_the_execution_with_package_urls(api):
    response = api("POST", "/packages/v2/executions", json=execution_body())
    assert response.status_code == 201
    execution = response.json()
    assert EXECUTION_ID.match(execution["id"])
    assert execution["name"] == "Package Execution" and execution["deviceCount"] == 1
    assert execution["deviceStatuses"] == {"acked": 0, "failed": 0, "succeeded": 0}
    assert execution["packageExecutions"] == [{"arguments": ["-browser ALL"],
                                               "package": "https://content-na.cylance.com/61D8944ED900472487EBD10078B90A41"}]
    assert execution["target"] == {"devices": [FIN_WS_01]}
    assert execution["keepResultsLocally"] is True and execution["destination"] == ""
    assert execution["createdBy"]["id"] == "0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b"
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", execution["createdAt"])
    assert api("GET", "/packages/v2/executions/" + execution["id"]).json() == execution


def test_device_count_counts_only_online_devices(api):
    body = execution_body(target={"devices": [FIN_WS_01, FIN_WS_03_OFFLINE, SRV_DB_01, FIN_WS_01]})
    assert api("POST", "/packages/v2/executions", json=body).json()["deviceCount"] == 2


@pytest.mark.parametrize("zones, count", [([FINANCE], 3), ([FINANCE, SERVERS], 5), ([DISCONNECTED], 0), ([FINANCE, DISCONNECTED], 3)])
def test_zone_targets_expand_to_online_members(api, zones, count):
    assert api("POST", "/packages/v2/executions", json=execution_body(target={"zones": zones})).json()["deviceCount"] == count


def test_an_empty_second_target_list_is_tolerated(api):
    response = api("POST", "/packages/v2/executions", json=execution_body(target={"devices": [], "zones": [FINANCE]}))
    assert response.status_code == 201 and response.json()["deviceCount"] == 3


@pytest.mark.parametrize("overrides, words", [
    ({"target": {"devices": [FIN_WS_01], "zones": [FINANCE]}}, "not both"),
    ({"target": {"devices": []}}, "must list devices or zones"),
    ({"target": {}}, "must list devices or zones"),
    ({"target": None}, "target"),
    ({"target": {"devices": ["e378dacb-9324-453a-b8c6-5a8406952195"]}}, "upper case without dashes"),
    ({"target": {"devices": ["e378dacb9324453ab8c65a8406952195"]}}, "upper case without dashes"),
    ({"target": {"zones": [FINANCE_ZONE]}}, "upper case without dashes"),
    ({"target": {"devices": FIN_WS_01}}, "list of IDs"),
    ({"packageExecutions": []}, "non-empty list"),
    ({"packageExecutions": [{"package": "00000000-0000-4000-8000-000000000000", "arguments": []}]}, "no package"),
    ({"packageExecutions": [{"package": "Browser History", "arguments": []}]}, "UUID format"),
    ({"packageExecutions": [{"package": BROWSER_HISTORY.replace("-", ""), "arguments": []}]}, "UUID format"),
    ({"packageExecutions": [{"package": BROWSER_HISTORY, "arguments": "-browser ALL"}]}, "list of strings"),
    ({"packageExecutions": [{"package": BROWSER_HISTORY, "arguments": ["-days", 7]}]}, "list of strings"),
    ({"destination": None}, "destination"),
    ({"keepResultsLocally": "yes"}, "keepResultsLocally"),
    ({"name": ""}, "name"),
], ids=["both", "empty-devices", "empty-target", "no-target", "dashed-id", "lowercase-id", "dashed-zone", "ids-not-list",
        "no-packages", "unknown-package", "package-name", "package-no-dashes", "arguments-string", "argument-int",
        "destination-null", "keep-not-bool", "no-name"])
def test_create_validation(api, overrides, words):
    response = api("POST", "/packages/v2/executions", json=execution_body(**overrides))
    assert response.status_code == 400, response.text
    assert words in response.json()["message"]
    assert len(api("GET", "/packages/v2/executions").json()["page_items"]) == 2


@pytest.mark.parametrize("body", [{}, {"execution": []}, ["execution"]])
def test_create_needs_an_execution_object(api, body):
    assert api("POST", "/packages/v2/executions", json=body).status_code == 400


def test_destination_and_keep_default_when_left_out(api):
    body = execution_body()
    del body["execution"]["destination"], body["execution"]["keepResultsLocally"]
    execution = api("POST", "/packages/v2/executions", json=body).json()
    assert execution["destination"] == "" and execution["keepResultsLocally"] is False


def test_several_packages_keep_their_order(api):
    body = execution_body(packageExecutions=[{"package": COLLECT_LOGS, "arguments": ["-log", "Security"]},
                                             {"package": BROWSER_HISTORY, "arguments": []}])
    packages = api("POST", "/packages/v2/executions", json=body).json()["packageExecutions"]
    assert [item["package"][-32:] for item in packages] == [COLLECT_LOGS.replace("-", "").upper(), BROWSER_HISTORY.replace("-", "").upper()]


# --- executions: progress, list, get, delete -------------------------------------------------

def test_devices_acknowledge_then_succeed_or_fail_with_the_clock(api, control):
    control.freeze()  # only the steps below move the clock, whatever the machine's load
    execution = api("POST", "/packages/v2/executions", json=execution_body(target={"zones": [FINANCE]})).json()

    def statuses():
        return api("GET", "/packages/v2/executions/" + execution["id"]).json()["deviceStatuses"]
    # FIN-WS-01 acks at 1 s and succeeds at 3 s; FIN-WS-02 acks at 1 s, succeeds at 4 s; FIN-WS-04 acks at 2 s, fails at 4 s.
    assert execution["deviceCount"] == 3 and statuses() == {"acked": 0, "failed": 0, "succeeded": 0}
    control.advance(1.5)
    assert statuses() == {"acked": 2, "failed": 0, "succeeded": 0}
    control.advance(1)
    assert statuses() == {"acked": 3, "failed": 0, "succeeded": 0}
    control.advance(1)
    assert statuses() == {"acked": 2, "failed": 0, "succeeded": 1}
    control.advance(1)
    assert statuses() == {"acked": 0, "failed": 1, "succeeded": 2}


def test_seeded_executions_are_finished_and_listed_newest_first(api):
    body = api("GET", "/packages/v2/executions").json()
    assert set(body) == ENVELOPE and body["total_number_of_items"] == 2
    assert [item["id"] for item in body["page_items"]] == SEEDED_EXECUTIONS
    weekly = body["page_items"][1]
    assert weekly["deviceCount"] == 3 and weekly["deviceStatuses"] == {"acked": 0, "failed": 1, "succeeded": 2}
    assert body["page_items"][0]["destination"].startswith("sftp://")


def test_executions_list_pages(api):
    created = [api("POST", "/packages/v2/executions", json=execution_body(name=f"run {n}")).json()["id"] for n in range(5)]
    items, pages = all_pages(api, "/packages/v2/executions", 3)
    assert pages == 3 and [item["id"] for item in items] == created[::-1] + SEEDED_EXECUTIONS


def test_delete_returns_the_execution_then_it_is_gone(api):
    execution = api("POST", "/packages/v2/executions", json=execution_body()).json()
    deleted = api("DELETE", "/packages/v2/executions/" + execution["id"])
    assert deleted.status_code == 200 and deleted.json()["id"] == execution["id"]
    assert api("GET", "/packages/v2/executions/" + execution["id"]).status_code == 404
    assert api("DELETE", "/packages/v2/executions/" + execution["id"]).status_code == 404


@pytest.mark.parametrize("execution_id", ["not-an-id", "00000000-0000-4000-8000-000000000000"])
def test_unknown_execution_is_a_404(api, execution_id):
    assert api("GET", "/packages/v2/executions/" + execution_id).status_code == 404


def test_reset_brings_back_the_seeded_executions(api, token, control):
    api("DELETE", "/packages/v2/executions/" + SEEDED_EXECUTIONS[0])
    api("POST", "/packages/v2/executions", json=execution_body())
    control.reset()  # forgets tokens too
    listed = api("GET", "/packages/v2/executions", access_token=token()).json()["page_items"]
    assert [item["id"] for item in listed] == SEEDED_EXECUTIONS


# --- devices and zones ---------------------------------------------------------------------

def test_devices_list_pages_with_console_ids(api):
    body = api("GET", "/devices/v2").json()
    assert body["page_size"] == 100 and body["total_number_of_items"] == 12
    first = body["page_items"][0]
    assert (first["id"], first["name"], first["state"]) == ("e378dacb-9324-453a-b8c6-5a8406952195", "FIN-WS-01", "Online")
    items, pages = all_pages(api, "/devices/v2", 5)
    assert pages == 3 and len({item["id"] for item in items}) == 12


def test_hostname_lookup_returns_a_list(api):
    kiosks = api("GET", "/devices/v2/hostname/kiosk-01").json()
    assert [(item["name"], item["state"]) for item in kiosks] == [("KIOSK-01", "Offline"), ("KIOSK-01", "Online")]
    single = api("GET", "/devices/v2/hostname/FIN-WS-01").json()
    assert isinstance(single, list) and len(single) == 1
    assert api("GET", "/devices/v2/hostname/NO-SUCH-HOST").status_code == 404


def test_zones_list_get_and_members(api):
    zones = api("GET", "/zones/v2").json()
    assert zones["total_number_of_items"] == 4
    assert {zone["name"] for zone in zones["page_items"]} == {"Finance Workstations", "Servers", "Lab", "Disconnected"}
    zone = api("GET", "/zones/v2/" + FINANCE).json()
    assert zone["id"] == FINANCE_ZONE and zone["criticality"] == "High"
    members = api("GET", f"/devices/v2/{FINANCE_ZONE}/devices").json()
    assert [item["name"] for item in members["page_items"]] == ["FIN-WS-01", "FIN-WS-02", "FIN-WS-03", "FIN-WS-04"]
    assert api("GET", "/zones/v2/00000000-0000-4000-8000-000000000000").status_code == 404
    assert api("GET", "/devices/v2/00000000-0000-4000-8000-000000000000/devices").status_code == 404


# --- tenants and seed --------------------------------------------------------------------------

def test_another_tenant_sees_none_of_it(api, token):
    other = token(secret=OTHER_SECRET, sub=OTHER_APP, tid=OTHER_TENANT)
    for path in ("/packages/v2", "/packages/v2/executions", "/devices/v2", "/zones/v2"):
        assert api("GET", path, access_token=other).json()["page_items"] == []
    assert api("GET", "/packages/v2/executions/" + SEEDED_EXECUTIONS[0], access_token=other).status_code == 404
    response = api("POST", "/packages/v2/executions", access_token=other, json=execution_body())
    assert response.status_code == 400 and "no package" in response.json()["message"]


def test_seed_overrides_device_behaviour(api, control, reseed):
    seed = merge_seed({})
    devices = seed["cylance"]["resources"][TENANT]["devices"]
    for device in devices:
        if device["name"] == "FIN-WS-01":
            device.update(state="Online", ack_after=0, run_seconds=10, outcome="failed")
    reseed({"cylance": {"resources": {TENANT: {"devices": devices}}}})
    execution = api("POST", "/packages/v2/executions", json=execution_body()).json()
    control.advance(11)
    assert api("GET", "/packages/v2/executions/" + execution["id"]).json()["deviceStatuses"] == {"acked": 0, "failed": 1, "succeeded": 0}


@pytest.mark.parametrize("resources, words", [
    ({"00000000-0000-4000-8000-000000000000": {}}, "not a seeded tenant"),
    ({TENANT: {"gadgets": []}}, "unknown keys"),
    ({TENANT: {"packages": [{"id": "x", "name": "y"}]}}, "not a UUID"),
    ({TENANT: {"packages": [{"id": BROWSER_HISTORY, "name": "y", "status": "ok"}]}}, "status"),
    ({TENANT: {"devices": [{"id": BROWSER_HISTORY, "name": "y", "state": "Asleep"}]}}, "state"),
    ({TENANT: {"devices": [{"id": BROWSER_HISTORY, "name": "y", "state": "Online", "run_seconds": -1}]}}, "run_seconds"),
    ({TENANT: {"zones": [{"id": FINANCE_ZONE, "name": "z", "members": [BROWSER_HISTORY]}]}}, "unknown devices"),
    ({TENANT: {"executions": [{"id": BROWSER_HISTORY, "name": "e", "created_ago": 1, "created_by": "a",
                               "target": {"devices": [SRV_DB_01.lower()]}, "packages": []}]}}, "upper case"),
], ids=["tenant", "key", "package-id", "package-status", "device-state", "negative-time", "zone-member", "execution-target"])
def test_bad_resource_seeds_are_refused(resources, words):
    with pytest.raises(SeedError, match=words):
        merge_seed({"cylance": {"resources": resources}})


def test_a_bad_seed_through_the_control_api_is_a_400_and_changes_nothing(api, control):
    from secops_emulator.fixture import ControlError  # pylint: disable=import-outside-toplevel
    with pytest.raises(ControlError) as error:
        control.seed({"cylance": {"max_page_size": 0}})
    assert error.value.status == 400
    assert api("GET", "/packages/v2").json()["page_size"] == 20
