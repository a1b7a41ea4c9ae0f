"""Seed loading and the ``secops-emulator`` command line."""
import os
import re
import signal
import subprocess
import sys

import pytest
import requests
import yaml
from secops_emulator import __version__
from secops_emulator.seed import DEFAULTS_PATH, SeedError, load_seed, merge_seed

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# The console script pip installed next to the interpreter, and the module form of the same command.
CONSOLE_SCRIPT = [os.path.join(os.path.dirname(sys.executable), "secops-emulator")]
MODULE = [sys.executable, "-m", "secops_emulator"]


def test_default_credentials():
    seed = load_seed()
    tenants = {tenant["tenant_id"]: tenant["applications"] for tenant in seed["cylance"]["tenants"]}
    apps = {app["app_id"]: app for applications in tenants.values() for app in applications}
    assert apps["0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b"]["app_secret"] == "demo-cylance-app-secret-7f3a9c"
    assert apps["1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"]["app_secret"] == "readonly-cylance-secret-42"
    assert apps["9e8d7c6b-5a49-4837-a625-14f3e2d1c0b9"]["app_secret"] == "other-tenant-secret"
    assert set(tenants) == {"8a2f5b3c-1d4e-4f6a-9b7c-0d1e2f3a4b5c", "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"}
    assert {user["username"]: user["password"] for user in seed["ccs"]["users"]} == {
        "CORP\\ccsadmin": "Adm1n&P+ss%=w0rd", "CORP\\auditor": "Aud1t0r!"}
    assert {client["client_id"]: client["client_secret"] for client in seed["oci"]["clients"]} == {
        "mcs-automation": "demo-oci-client-secret", "mcs-reader": "reader-oci-secret"}
    assert seed["oci"]["identifier"] == "5d1c3f0e-8b2a-4c6d-9e7f-1a2b3c4d5e6f"
    assert [seed[vendor]["token_ttl"] for vendor in ("cylance", "ccs", "oci")] == [1800, 3600, 3600]


def test_merge_replaces_lists_and_keeps_other_keys():
    seed = merge_seed({"ccs": {"users": [{"username": "CORP\\x", "password": "y"}]}, "oci": {"token_ttl": 60}})
    assert seed["ccs"]["users"] == [{"username": "CORP\\x", "password": "y"}]
    assert seed["ccs"]["password_encoding"] == "base64"
    assert seed["oci"]["token_ttl"] == 60 and seed["oci"]["clients"]


@pytest.mark.parametrize("data", [{"cylance": {"token_tll": 5}}, {"cylance": {"token_ttl": 0}}, {"ccs": []},
                                  {"cylance": {"tenants": [{"tenant_id": "t", "applications": [{"app_id": "a"}]}]}}])
def test_invalid_seeds_are_refused(data):
    with pytest.raises(SeedError):
        merge_seed(data)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_cli_serves_a_seed_file_and_stops_on_signals(tmp_path, signum):
    seed_file = tmp_path / "seed.yml"
    seed_file.write_text("oci:\n  config_types:\n    EBSO: [FromFile]\n", encoding="utf-8")
    command = CONSOLE_SCRIPT + ["--port", "0", "--seed", str(seed_file)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        try:
            url = re.search(r"http=(\S+)", process.stdout.readline()).group(1)
            token = requests.post(url + "/oauth2/v1/token", data={"grant_type": "client_credentials"},
                                  auth=("mcs-automation", "demo-oci-client-secret"), timeout=5).json()["access_token"]
            headers = {"Authorization": "Bearer " + token, "Identifier": "5d1c3f0e-8b2a-4c6d-9e7f-1a2b3c4d5e6f"}
            types = requests.get(url + "/selfservice/v1/customers/services/EBSO/products/config/types", headers=headers, timeout=5)
            assert types.json() == ["FromFile"]
            process.send_signal(signum)
            assert process.wait(timeout=10) == 0
        finally:
            if process.poll() is None:
                process.kill()


def test_cli_reports_a_bad_seed(tmp_path):
    seed_file = tmp_path / "seed.yml"
    seed_file.write_text("ccs:\n  password_encoding: rot13\n", encoding="utf-8")
    result = subprocess.run(MODULE + ["--port", "0", "--seed", str(seed_file)],
                            capture_output=True, text=True, timeout=20, check=False)
    assert result.returncode == 1 and "password_encoding" in result.stderr


@pytest.mark.parametrize("command", [CONSOLE_SCRIPT, MODULE], ids=["secops-emulator", "python -m secops_emulator"])
def test_cli_help_lists_every_option_and_the_control_api(command):
    result = subprocess.run(command + ["--help"], capture_output=True, text=True, timeout=20, check=True)
    assert result.stdout.startswith("usage: secops-emulator ")
    for option in ("--host", "--port", "--tls-port", "--cert-dir", "--seed", "--print-seed", "--version",
                   "EMULATOR_PORT", "EMULATOR_TLS_PORT", "/_emulator/", "faults", "requests?since=N", "SIGTERM"):
        assert option in result.stdout


def test_cli_version_is_the_collection_version():
    with open(os.path.join(ROOT, "galaxy.yml"), encoding="utf-8") as handle:
        collection_version = yaml.safe_load(handle)["version"]
    result = subprocess.run(CONSOLE_SCRIPT + ["--version"], capture_output=True, text=True, timeout=20, check=True)
    assert __version__ == collection_version
    assert result.stdout.strip() == f"secops-emulator {collection_version}"


def test_cli_prints_the_default_seed():
    result = subprocess.run(MODULE + ["--print-seed"], capture_output=True, text=True, timeout=20, check=True)
    with open(DEFAULTS_PATH, encoding="utf-8") as handle:
        assert result.stdout == handle.read()
