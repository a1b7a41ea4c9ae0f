# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The AWX / AAP credential types inject exactly what the modules read, follow AWX's rules for custom
credential types, and load with nothing but the awx CLI."""

import importlib.util
import os
import re
import socket
import threading

import jinja2
import jinja2.meta
import pytest
import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TYPES = os.path.join(ROOT, "extensions", "awx", "credential_types")
DEFAULTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "targets", "setup_emulator", "defaults", "main.yml")
NAMES = ("cylance", "ccs", "oci")
GUIDE = os.path.join(ROOT, "docs", "docsite", "rst", "guide_awx.rst")


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


# ---- AWX's rules for a custom credential type ---------------------------------------------------
# As AWX validates a credential type on create (awx/main/fields.py: CredentialTypeInputField and
# CredentialTypeInjectorField), restated here so that a file AWX would refuse fails this test.

AWX_NAME = re.compile(r"^[a-zA-Z_]+[a-zA-Z0-9_]*$")
AWX_FIELD_KEYS = {"id", "label", "type", "format", "choices", "help_text", "multiline", "secret", "ask_at_runtime", "default"}
AWX_FORMATS = {"ssh_private_key", "url"}
AWX_FILE_KEY = re.compile(r"^template(\.[a-zA-Z_]+[a-zA-Z0-9_]*)?$")
# Variables AWX refuses in env injectors besides every ANSIBLE_* (its ENV_BLOCKLIST, in part).
AWX_BLOCKED_ENV = {"VIRTUAL_ENV", "PATH", "PYTHONPATH", "JOB_ID", "INVENTORY_ID", "INVENTORY_SOURCE_ID", "INVENTORY_UPDATE_ID",
                   "AD_HOC_COMMAND_ID", "REST_API_URL", "REST_API_TOKEN", "MAX_EVENT_RES", "CALLBACK_QUEUE", "CALLBACK_CONNECTION",
                   "CACHE", "JOB_CALLBACK_DEBUG", "INVENTORY_HOSTVARS", "AWX_HOST", "PROJECT_REVISION", "SUPERVISOR_CONFIG_PATH"}


def credential_type(name):
    with open(os.path.join(TYPES, name + ".yml")) as handle:
        return yaml.safe_load(handle)


def awx_input_problems(inputs):
    """What AWX would refuse in a custom credential type's inputs."""
    problems = []
    if set(inputs) - {"fields", "required"}:
        problems.append("inputs may hold only fields and required (dependencies are for managed types): {0}".format(sorted(inputs)))
    seen = set()
    for field in inputs.get("fields", []):
        field_id = field.get("id")
        kind = field.get("type", "string")
        problems += ["{0}: unknown key {1}".format(field_id, key) for key in sorted(set(field) - AWX_FIELD_KEYS)]
        if not field.get("label") or not isinstance(field.get("label"), str):
            problems.append("{0}: a label is required".format(field_id))
        if not isinstance(field_id, str) or not AWX_NAME.match(field_id) or field_id == "tower":
            problems.append("{0!r} is not a valid field id".format(field_id))
        if field_id in seen:
            problems.append("field ids must be unique ({0})".format(field_id))
        seen.add(field_id)
        if kind not in ("string", "boolean"):
            problems.append("{0}: type must be string or boolean".format(field_id))
        if "format" in field and field["format"] not in AWX_FORMATS:
            problems.append("{0}: format must be one of {1}".format(field_id, sorted(AWX_FORMATS)))
        choices = field.get("choices")
        if choices is not None and (not choices or len(set(choices)) != len(choices) or not all(isinstance(c, str) for c in choices)):
            problems.append("{0}: choices must be unique strings, at least one".format(field_id))
        for key in ("secret", "multiline", "ask_at_runtime"):
            if key in field and not isinstance(field[key], bool):
                problems.append("{0}: {1} must be a boolean".format(field_id, key))
        if "default" in field and not isinstance(field["default"], {"string": str, "boolean": bool}.get(kind, type(None))):
            problems.append("{0}: default {1!r} is not a {2}".format(field_id, field["default"], kind))
        if kind != "string":
            problems += ["{0}: {1} is allowed for string fields only".format(field_id, key)
                         for key in ("choices", "multiline", "format", "secret") if key in field]
    required = inputs.get("required", [])
    if not isinstance(required, list) or not all(isinstance(item, str) for item in required):
        problems.append("required must be a list of field ids")
    else:
        # AWX stores a required id that no field has, and then no credential can ever be saved.
        problems += ["required names {0}, which is no field".format(item) for item in required if item not in seen]
    return problems


def awx_injector_problems(injectors, field_ids):
    """What AWX would refuse in a custom credential type's injectors (templates render with the fields only)."""
    problems = ["unknown injector kind {0}".format(kind) for kind in sorted(set(injectors) - {"file", "env", "extra_vars"})]
    files = injectors.get("file", {})
    problems += ["bad file injector name {0}".format(key) for key in files if not AWX_FILE_KEY.match(key)]
    if "template" in files and len(files) > 1:
        problems.append("multiple files need the template.<name> syntax for every one")
    for key, value in injectors.get("env", {}).items():
        if not AWX_NAME.match(key) or key.startswith("ANSIBLE_") or key in AWX_BLOCKED_ENV:
            problems.append("env {0} is not allowed".format(key))
        if not isinstance(value, str) or any(ord(char) > 127 for char in value):
            problems.append("env {0} must be an ASCII string".format(key))
    problems += ["bad extra_vars name {0}".format(key) for key in injectors.get("extra_vars", {}) if not AWX_NAME.match(key)]
    names = dict((key.split(".", 1)[1], "FILENAME") for key in files if "." in key)
    context = dict((field_id, "EXAMPLE") for field_id in field_ids)
    context["tower"] = {"filename": names if names else ("FILENAME" if "template" in files else {})}
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined)
    for kind in ("file", "env", "extra_vars"):
        for key, template in injectors.get(kind, {}).items():
            try:
                environment.from_string(template).render(**context)
            except jinja2.exceptions.UndefinedError as error:
                problems.append("{0}.{1} refers to something no field defines: {2}".format(kind, key, error))
    return problems


def template_variables(injectors):
    environment = jinja2.Environment()
    found = set()
    for kind in injectors.values():
        for template in kind.values():
            found |= jinja2.meta.find_undeclared_variables(environment.parse(template))
    return found


@pytest.mark.parametrize("name", NAMES)
def test_credential_type_passes_the_rules_awx_checks_on_create(name):
    kind = credential_type(name)
    assert set(kind) == {"name", "description", "kind", "inputs", "injectors"} and kind["kind"] == "cloud"
    field_ids = [field["id"] for field in kind["inputs"]["fields"]]
    assert awx_input_problems(kind["inputs"]) == []
    assert awx_injector_problems(kind["injectors"], field_ids) == []


@pytest.mark.parametrize("name", NAMES)
def test_every_field_is_explained_typed_and_injected(name):
    kind = credential_type(name)
    used = template_variables(kind["injectors"])
    for field in kind["inputs"]["fields"]:
        assert len(field.get("help_text") or "") > 20, "{0}.{1} needs help text".format(name, field["id"])
        if field["id"].endswith("_url"):
            assert field.get("format") == "url", "{0}.{1} is a URL: format: url".format(name, field["id"])
        assert field["id"] in used, "{0}.{1} is never injected".format(name, field["id"])
    for field_id in ("password", "app_secret", "client_secret"):
        assert all(field.get("secret") for field in kind["inputs"]["fields"] if field["id"] == field_id)


def test_cylance_type_carries_the_scopes_the_modules_read():
    kind = credential_type("cylance")
    assert "scopes" in [field["id"] for field in kind["inputs"]["fields"]]
    assert kind["injectors"]["env"]["CYLANCE_SCOPES"] == "{{ scopes }}"


def render_script():
    path = os.path.join(ROOT, "scripts", "render_awx_credential_types.py")
    spec = importlib.util.spec_from_file_location("render_awx_credential_types", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_awx_cli_files_are_the_current_export_of_the_yaml():
    script = render_script()
    for source in script.sources():
        for path, text in script.rendered(source).items():
            assert os.path.exists(path), "missing {0}: run .venv/bin/python scripts/render_awx_credential_types.py".format(path)
            with open(path) as handle:
                assert handle.read() == text, "stale {0}: run .venv/bin/python scripts/render_awx_credential_types.py".format(path)


def test_the_documented_import_needs_only_the_awx_cli():
    with open(GUIDE) as handle:
        guide = handle.read()
    assert "yq" not in guide and "jq" not in guide
    # One command per line once the shell's line continuations are joined.
    commands = re.findall(r"awx credential_types create[^\n]*", guide.replace("\\\n", " "))
    assert commands, "the guide shows no awx credential_types create command"
    loaded = set()
    for command in commands:
        for option, path in re.findall(r"--(inputs|injectors) @(\S+)", command):
            name = os.path.basename(path).split(".")[0]
            with open(os.path.join(TYPES, os.path.basename(path))) as handle:
                assert yaml.safe_load(handle) == credential_type(name)[option]
            loaded.add((name, option))
        names = re.findall(r'--name "([^"]+)"', command)
        assert names and names[0] in [credential_type(name)["name"] for name in NAMES]
    assert loaded == set((name, part) for name in NAMES for part in ("inputs", "injectors"))


def test_no_reference_to_a_missing_awx_page():
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [entry for entry in dirs if not entry.startswith(".") and entry not in ("tests", "node_modules")]
        for name in files:
            if name.endswith((".yml", ".yaml", ".md", ".rst", ".py", ".json")):
                with open(os.path.join(folder, name), errors="replace") as handle:
                    assert "docs/awx.md" not in handle.read(), os.path.join(folder, name)


def test_the_rules_catch_what_awx_refuses():
    bad_inputs = {"fields": [{"id": "1st", "label": "A", "type": "int"}, {"id": "flag", "label": "F", "type": "boolean", "secret": True},
                             {"id": "flag", "label": "again", "default": 3}, {"id": "tower", "label": "T", "color": "red"}],
                  "required": ["nope"], "dependencies": {}}
    problems = awx_input_problems(bad_inputs)
    for expected in ("'1st' is not a valid field id", "type must be string or boolean", "secret is allowed for string fields only",
                     "field ids must be unique (flag)", "default 3 is not a string", "'tower' is not a valid field id",
                     "unknown key color", "required names nope", "dependencies are for managed types"):
        assert any(expected in problem for problem in problems), (expected, problems)
    injector_problems = awx_injector_problems(
        {"env": {"ANSIBLE_HOST_KEY_CHECKING": "x", "OK_VAR": "{{ missing }}", "FILE": "{{ tower.filename.other }}"},
         "file": {"template.pem": "{{ token }}"}, "extra": {}}, ["token"])
    for expected in ("unknown injector kind extra", "env ANSIBLE_HOST_KEY_CHECKING is not allowed", "env.OK_VAR refers",
                     "env.FILE refers"):
        assert any(expected in problem for problem in injector_problems), (expected, injector_problems)
