# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The AWX / AAP credential types inject exactly what the modules read."""

import os
import re
import socket
import threading

import jinja2
import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TYPES = os.path.join(ROOT, "extensions", "awx", "credential_types")
DEFAULTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "targets", "setup_emulator", "defaults", "main.yml")


def injected_environment(name, inputs, tmp_path):
    """Render a credential type's injectors the way AWX does (file injectors become tower.filename.*)."""
    with open(os.path.join(TYPES, name + ".yml")) as handle:
        kind = yaml.safe_load(handle)
    fields = {field["id"]: field.get("default", "") for field in kind["inputs"]["fields"]}
    assert set(inputs) <= set(fields), "unknown inputs for {0}".format(name)
    assert set(kind["inputs"]["required"]) <= set(inputs)
    fields.update(inputs)
    files = {}
    for key, template in kind["injectors"].get("file", {}).items():
        path = tmp_path / "{0}-{1}".format(name, key.split(".", 1)[1])
        path.write_text(jinja2.Template(template).render(**fields))
        files[key.split(".", 1)[1]] = str(path)
    context = dict(fields, tower={"filename": files})
    return dict((var, jinja2.Template(template).render(**context)) for var, template in kind["injectors"]["env"].items())


def test_credential_types_drive_the_modules(run_target, emulator, tmp_path):
    with open(DEFAULTS) as handle:
        seed = yaml.safe_load(handle)
    with open(emulator.ca_path) as handle:
        ca_pem = handle.read()
    env = {}
    env.update(injected_environment("cylance", {
        "api_url": emulator.url, "tenant_id": seed["cylance_tenant_id"], "app_id": seed["cylance_app_id"],
        "app_secret": seed["cylance_app_secret"]}, tmp_path))
    env.update(injected_environment("ccs", {
        "api_url": emulator.tls_url, "username": seed["ccs_username"], "password": seed["ccs_password"], "ca_pem": ca_pem}, tmp_path))
    env.update(injected_environment("oci", {
        "api_url": emulator.url, "identifier": seed["oci_identifier"], "token_url": emulator.url + "/oauth2/v1/token",
        "client_id": seed["oci_client_id"], "client_secret": seed["oci_client_secret"], "scopes": "mcs:oci:api:User"}, tmp_path))
    assert env["CCS_CA_PATH"] and env["CYLANCE_REGION"] == "na"
    run = run_target("awx_credentials", env=env)
    assert run.rc == 0, run.output


class RecordingProxy(object):
    """An HTTP proxy that records the host of each CONNECT and refuses it: it shows which API host a module chose."""

    def __init__(self):
        self.targets = []
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(5)
        self.url = "http://127.0.0.1:{0}".format(self.server.getsockname()[1])
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                connection = self.server.accept()[0]
            except OSError:
                return
            with connection:
                request = connection.recv(4096).decode("latin-1")
                self.targets.append(request.split("\r\n", 1)[0])
                connection.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")

    def close(self):
        self.server.close()


def test_cylance_role_with_only_the_injected_environment(run_target, emulator, tmp_path):
    """An AWX job template with a Cylance credential of a non-NA tenant: the role adds no region of its own."""
    with open(DEFAULTS) as handle:
        seed = yaml.safe_load(handle)
    env = injected_environment("cylance", {
        "api_url": emulator.url, "region": "euc1", "tenant_id": seed["cylance_tenant_id"], "app_id": seed["cylance_app_id"],
        "app_secret": seed["cylance_app_secret"]}, tmp_path)
    proxy = RecordingProxy()
    try:
        run = run_target("awx_cylance_role", env=env, extra_vars={"region_probe_proxy": proxy.url})
    finally:
        proxy.close()
    assert run.rc == 0, run.output
    # Without an API URL the login goes to the region of the credential, not to the NA host.
    assert proxy.targets and all(line.startswith("CONNECT protectapi-euc1.cylance.com:443 ") for line in proxy.targets), proxy.targets
    # The region probe failed on its login (a rescued failure, no change); the next run created an execution; the last
    # created one and then timed out waiting for it: two changes.
    assert re.search(r"localhost\s*: ok=\d+\s+changed=2\s", run.output), run.output
