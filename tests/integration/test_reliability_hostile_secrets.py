# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Secrets, destinations and inputs against servers that misbehave (issue 12, items 5, 6, 9 and 12).

Servers that echo the token request into their error, a proxy that wants credentials, a redirect
to another origin, an api_url that answers 404 to every path, environment variables that AWX
renders empty, and CCS refresh tokens that rotate across a 3-task play. Each test records one
row of the "Hostile servers" section of docs/reliability.md.
"""

import base64
import json
import os
import re
import subprocess
import sys
from urllib.parse import parse_qsl, quote, quote_plus

import yaml
from secops_emulator.fixture import start_emulator

from reliability import results
from reliability.hostile import HostileServer, Reply, run_task
from reliability.playbook import ANSIBLE_PLAYBOOK, COLLECTIONS
from reliability.seed import CCS_USER, CYLANCE_APP, CYLANCE_TENANT, OCI_CLIENT, OCI_IDENTIFIER

SECRETS = "5. Secrets in every form they travel in"
DESTINATIONS = "6. Credentials go only where they belong"
INPUTS = "9. Inputs"
ROTATION = "12. CCS refresh tokens that rotate"
JWT = re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}")
CSI = "22334455"


def forms(value):
    """A secret and the forms it travels in."""
    encoded = base64.b64encode(value.encode()).decode()
    return {value, quote(value, safe=""), quote_plus(value), encoded, quote(encoded, safe=""), quote_plus(encoded)}


def leaked(text, secrets):
    return sorted(secret for secret in secrets if secret and secret in text)


def echo(seen):
    """An error that repeats the request it got: body, form fields and every header."""
    fields = dict(parse_qsl(seen.body.decode("utf-8", "replace")))
    return Reply(400, json={"message": "rejected: body={0} fields={1} headers={2}".format(
        seen.body.decode("utf-8", "replace"), json.dumps(fields), json.dumps(seen.headers))})


def test_a_ccs_login_echoed_in_an_error_shows_no_form_of_the_password(tmp_path):
    password = CCS_USER["password"]
    with HostileServer(echo) as server:
        run = run_task("ccs_job_info", {"api_url": server.url, "username": CCS_USER["username"], "password": password,
                                        "name": "Nightly", "retries": 0}, tmp_path, verbosity=3)
    found = leaked(run.output + json.dumps(run.result), forms(password))
    assert run.result["failed"] and "400" in run.result["msg"] and found == []
    assert len(server.requests) == 1
    results.hostile_case("ccs login echoed", SECRETS, "A CCS token endpoint echoes the login form (Base64 password, URL-encoded)",
                         "no form of the password in the message or -vvv", "failed readably, 0 forms of the password shown",
                         len(server.requests))


def test_an_oracle_token_request_echoed_in_an_error_shows_no_basic_credentials(tmp_path):
    secret = OCI_CLIENT["client_secret"]
    pair = "{0}:{1}".format(quote(OCI_CLIENT["client_id"], safe=""), quote(secret, safe=""))
    basic = base64.b64encode(pair.encode()).decode()
    with HostileServer(echo) as server:
        run = run_task("oci_config_execution_info", {
            "api_url": server.url, "identifier": OCI_IDENTIFIER, "token_url": server.url + "/oauth2/v1/token",
            "client_id": OCI_CLIENT["client_id"], "client_secret": secret, "support_identifier": CSI, "service_type": "EBSO",
            "retries": 0}, tmp_path, verbosity=3)
    found = leaked(run.output + json.dumps(run.result), forms(secret) | {basic, "Basic " + basic, pair})
    assert run.result["failed"] and "400" in run.result["msg"] and found == []
    assert [seen.path for seen in server.requests] == ["/oauth2/v1/token"]
    results.hostile_case("oracle basic echoed", SECRETS, "An Oracle token endpoint echoes the Authorization: Basic header",
                         "no Basic value, Base64 pair or secret shown", "failed readably, nothing secret shown", len(server.requests))


def test_a_cylance_token_request_echoed_in_an_error_shows_no_signed_assertion(tmp_path):
    with HostileServer(echo) as server:
        run = run_task("cylance_package_info", {"api_url": server.url, "tenant_id": CYLANCE_TENANT, "app_id": CYLANCE_APP["app_id"],
                                                "app_secret": CYLANCE_APP["app_secret"], "retries": 0}, tmp_path, verbosity=3)
    sent = json.loads(server.requests[0].body)["auth_token"]
    text = run.output + json.dumps(run.result)
    assert run.result["failed"] and "400" in run.result["msg"]
    assert sent[:60] not in text and JWT.search(text) is None  # not even the part a message cut short would keep
    results.hostile_case("cylance assertion echoed", SECRETS, "A Cylance token endpoint echoes the signed JWT assertion",
                         "the assertion is masked", "failed readably, no JWT shown", len(server.requests))


def test_proxy_credentials_are_masked_and_plain_http_to_another_host_warns(tmp_path):
    """The hostile server is the proxy: the API host (a name that resolves nowhere) is reached only through it."""
    def proxy(seen):
        assert seen.headers.get("proxy-authorization", "").startswith("Basic ")
        return Reply(json={"page_items": [], "page_number": 1, "total_pages": 1, "total_number_of_items": 0})

    with HostileServer(proxy) as server:
        proxy_url = server.url.replace("http://", "http://rel-proxy-user:Pr0xy-Pa55w0rd@")
        run = run_task("cylance_package_info", {"api_url": "http://cylance.example.test", "access_token": "t0ken-value",
                                                "proxy": proxy_url, "validate_certs": False}, tmp_path, verbosity=3)
    text = run.output + json.dumps(run.result)
    assert not run.result.get("failed"), run.result
    assert leaked(text, forms("Pr0xy-Pa55w0rd") | {"rel-proxy-user:Pr0xy-Pa55w0rd"}) == []
    # -vvv shows the invocation: the proxy's host stays readable, its user information does not.
    assert '"proxy": "http://********@{0}"'.format(server.url.split("//")[1]) in run.output
    warnings = " ".join(run.result.get("warnings", []))
    assert "api_url uses plain http://" in warnings and "validate_certs is false" in warnings
    assert len(server.requests) == 1
    results.hostile_case("proxy credentials", SECRETS, "A proxy URL with user:password, plain http:// to a remote API host",
                         "credentials masked, host shown; warnings for http:// and validate_certs", "masked; both warnings given",
                         len(server.requests))


def test_a_token_with_a_trailing_newline_is_trimmed_and_a_broken_one_is_not_shown(tmp_path):
    def lists(seen):
        return Reply(json={"page_items": [], "page_number": 1, "total_pages": 1, "total_number_of_items": 0})

    with HostileServer(lists) as server:
        trimmed = run_task("cylance_package_info", {"api_url": server.url, "access_token": "sl1rped-t0ken\n"}, tmp_path)
        broken = run_task("cylance_package_info", {"api_url": server.url, "access_token": "br0ken-half\nsecond-half"}, tmp_path,
                          verbosity=3)
    assert not trimmed.result.get("failed") and server.requests[0].headers["authorization"] == "Bearer sl1rped-t0ken"
    assert broken.result["failed"] and "header" in broken.result["msg"]
    assert leaked(broken.output + json.dumps(broken.result), {"br0ken-half", "second-half"}) == []
    assert len(server.requests) == 1  # the broken header never left
    results.hostile_case("token with a newline", SECRETS, "access_token with a trailing newline; one with a line break inside",
                         "trimmed and used; the broken one fails without repr() of the header", "used trimmed; failed, token not shown",
                         len(server.requests))


def test_token_url_is_not_shown_with_its_credentials(tmp_path):
    with HostileServer(lambda seen: Reply(json={"no": "token"})) as server:
        token_url = server.url.replace("http://", "http://idp-user:Idp-Pa55@") + "/oauth2/v1/token?client_secret=Qu3ry-S3cret"
        run = run_task("oci_config_execution_info", {
            "api_url": server.url, "identifier": OCI_IDENTIFIER, "token_url": token_url, "client_id": OCI_CLIENT["client_id"],
            "client_secret": OCI_CLIENT["client_secret"], "support_identifier": CSI, "service_type": "EBSO"}, tmp_path)
    assert run.result["failed"] and "no access_token" in run.result["msg"]
    assert leaked(run.result["msg"], {"Idp-Pa55", "Qu3ry-S3cret"}) == []
    results.hostile_case("token_url in an error", SECRETS, "A token endpoint answers without a token; token_url holds credentials",
                         "the error shows the path, not the credentials", "path only", len(server.requests))


def test_a_redirect_to_another_origin_carries_no_credentials(tmp_path):
    with HostileServer(lambda seen: Reply(json=[], headers={"X-Total-Rows-Count": "0"})) as other:
        with HostileServer(lambda seen: Reply(302, headers={"Location": other.url + seen.path})) as api:
            run = run_task("oci_config_execution_info", {"api_url": api.url, "identifier": OCI_IDENTIFIER, "access_token": "t0ken-value",
                                                         "support_identifier": CSI, "service_type": "EBSO"}, tmp_path)
    assert [seen.headers.get("identifier") for seen in api.requests] == [OCI_IDENTIFIER]
    assert not run.result.get("failed") and len(other.requests) == 1
    assert "identifier" not in other.requests[0].headers and "authorization" not in other.requests[0].headers
    results.hostile_case("redirect to another origin", DESTINATIONS, "GET redirected (302) to another host and port",
                         "Authorization and Identifier dropped", "neither header reached the other origin",
                         len(api.requests) + len(other.requests))


def test_empty_environment_values_mean_unset(tmp_path):
    def lists(seen):
        return Reply(json={"page_items": [], "page_number": 1, "total_pages": 1, "total_number_of_items": 0})

    empty = {"CYLANCE_REGION": "", "CYLANCE_SCOPES": "", "CYLANCE_TIMEOUT": "", "CCS_PASSWORD_ENCODING": "", "CCS_REFRESH_TOKEN": ""}
    with HostileServer(lists) as server:
        cylance = run_task("cylance_package_info", {"api_url": server.url, "access_token": "t0ken-value"}, tmp_path, env=empty)
    with HostileServer(lambda seen: Reply(json={"access_token": "ccs-t0ken", "expires_in": 600} if "oauth" in seen.path
                                          else {"Jobs": [], "TotalCount": 0})) as server:
        ccs = run_task("ccs_job_info", {"api_url": server.url, "username": CCS_USER["username"], "password": CCS_USER["password"],
                                        "name": "Nightly"}, tmp_path, env=empty)
        login = dict(parse_qsl(server.requests[0].body.decode()))
    assert not cylance.result.get("failed"), cylance.result
    assert not ccs.result.get("failed"), ccs.result
    assert login["password"] == base64.b64encode(CCS_USER["password"].encode()).decode()  # the default encoding applied
    results.hostile_case("empty environment values", INPUTS, 'CYLANCE_REGION="", CCS_PASSWORD_ENCODING="" and others, as AWX renders them',
                         "unset: defaults apply", "both tasks ran with the defaults", 1 + len(server.requests))


def test_an_api_url_that_answers_404_everywhere_is_not_silent(tmp_path):
    page = b"<html><body><h1>404 Not Found</h1></body></html>"
    with HostileServer(lambda seen: Reply(404, body=page, headers={"Content-Type": "text/html"})) as server:
        absent = run_task("cylance_package_execution", {"api_url": server.url, "access_token": "t0ken-value", "state": "absent",
                                                        "id": "fc7e0db3-39e3-4d04-a6fd-95d05fd2eb19"}, tmp_path)
        cancelled = run_task("ccs_job", {"api_url": server.url, "access_token": "t0ken-value", "state": "cancelled",
                                         "id": "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"}, tmp_path)
    for run in (absent, cancelled):
        assert not run.result.get("failed") and not run.result["changed"], run.result
        assert any("without the API's JSON error body" in warning for warning in run.result.get("warnings", [])), run.result
    results.hostile_case("404 everywhere", INPUTS, "A wrong api_url: every path answers 404 with an HTML page",
                         "absent and cancelled say the route may be wrong", "ok, unchanged, with a warning naming api_url",
                         len(server.requests))


def _rotation_play(url, workdir):
    control = url + "/_emulator/clock"
    advance = {"name": "Let the access token expire", "ansible.builtin.uri": {
        "url": control, "method": "POST", "body_format": "json", "body": {"advance": 7200}}}
    connection = {"api_url": url, "access_token": "{{ ccs.access_token }}", "refresh_token": "{{ ccs.refresh_token }}"}
    tasks = [
        {"name": "Log in once", "register": "ccs",
         "secops.executions.ccs_token": {"api_url": url, "username": CCS_USER["username"], "password": CCS_USER["password"]}},
        {"name": "The CCS tasks", "module_defaults": {"group/secops.executions.ccs": connection}, "block": [
            {"name": "First task", "secops.executions.ccs_job_info": {"name": "Nightly CIS scan - web"}, "register": "first"},
            advance,
            {"name": "Second task, after the expiry", "secops.executions.ccs_job_info": {"name": "Nightly CIS scan - web"},
             "register": "second"},
            advance,
            {"name": "Third task, after another expiry", "secops.executions.ccs_job": {"name": "Nightly CIS scan - web", "state": "absent"},
             "check_mode": True, "register": "third"},
            {"name": "Keep the results", "ansible.builtin.copy": {
                "content": "{{ {'first': first, 'second': second, 'third': third} | to_json }}", "dest": str(workdir / "rotation.json"),
                "mode": "0600"}},
        ]},
    ]
    return [{"name": "Rotating refresh tokens", "hosts": "localhost", "gather_facts": False, "tasks": tasks}]


def test_ccs_refresh_tokens_that_rotate_keep_a_three_task_play_working(tmp_path):
    with start_emulator(tls=False) as handle:
        path = tmp_path / "rotation.yml"
        path.write_text(yaml.safe_dump(_rotation_play(handle.url, tmp_path), sort_keys=False, width=1000))
        environment = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS, ANSIBLE_NOCOLOR="1", ANSIBLE_STDOUT_CALLBACK="default")
        process = subprocess.run([ANSIBLE_PLAYBOOK, "-i", "localhost,", "-c", "local", "-e",
                                  json.dumps({"ansible_python_interpreter": sys.executable}), "-vvv", str(path)],
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=environment, cwd=str(tmp_path), timeout=900,
                                 check=False)
        log = handle.control.requests()
    output = process.stdout.decode("utf-8", "replace")
    assert process.returncode == 0, output[-4000:]
    grants = [entry["status"] for entry in log if entry["path"].endswith("/oauth/tokens")]
    # The login, then one renewal per expiry, each accepted: a used refresh token would be refused (401).
    assert grants == [200, 200, 200]
    assert [entry["status"] for entry in log if not entry["path"].endswith("/oauth/tokens")].count(401) == 2
    kept = json.loads((tmp_path / "rotation.json").read_text())
    assert all(not kept[name].get("failed") for name in kept)
    assert "secops_renewed_tokens" not in json.dumps(kept) and "secops_renewed_tokens" not in output
    results.hostile_case("rotating refresh tokens", ROTATION, "3 CCS tasks with access_token + refresh_token in module_defaults, "
                         "the token expiring twice", "every task succeeds; each renewal uses the latest refresh token",
                         "3 of 3 tasks ok; 3 token requests (login + 2 renewals), all accepted", len(log))


def test_a_relative_token_url_a_dot_path_and_a_missing_ca_file_send_nothing(tmp_path):
    """The bad-input catalogue runs these against the emulator; here a server that would take anything counts the requests."""
    with HostileServer(lambda seen: Reply(json={"access_token": "t0ken-value"})) as server:
        relative = run_task("oci_config_execution_info", {
            "api_url": server.url, "identifier": OCI_IDENTIFIER, "token_url": "idcs-0a1b2c.identity.oraclecloud.com/oauth2/v1/token",
            "client_id": OCI_CLIENT["client_id"], "client_secret": OCI_CLIENT["client_secret"], "support_identifier": CSI,
            "service_type": "EBSO"}, tmp_path)
        dots = run_task("cylance_package_execution", {"api_url": server.url, "access_token": "t0ken-value", "name": "Dots",
                                                      "packages": [{"package": "fc7e0db3-39e3-4d04-a6fd-95d05fd2eb19"}],
                                                      "device_names": [".."], "keep_results_locally": True}, tmp_path)
        no_ca = run_task("ccs_job_info", {"api_url": server.url.replace("http://", "https://"), "access_token": "t0ken-value",
                                          "name": "Nightly", "ca_path": str(tmp_path / "missing-ca.pem")}, tmp_path)
    assert relative.result["failed"] and relative.result["msg"].startswith("token_url: ")
    assert dots.result["failed"] and dots.result["msg"].startswith("device_names: ")
    assert no_ca.result["failed"] and no_ca.result["msg"].startswith("ca_path: ") and "Traceback" not in no_ca.output
    assert server.requests == []
    for case, title, option in (("relative token_url", "token_url without a scheme (an IDCS host name)", "token_url"),
                                ("dot path value", 'device_names: [".."] (would list every device)', "device_names"),
                                ("missing ca_path", "ca_path naming a file that does not exist", "ca_path")):
        item = INPUTS if option == "ca_path" else DESTINATIONS
        results.hostile_case(case, item, title, "fails on the option before any request", "failed naming " + option, 0)


# ---- code that no AnsibleModule masks for: the inventory and lookup plugins, the event source -----------------

def _cylance_plugin_options(url):
    return {"api_url": url, "tenant_id": CYLANCE_TENANT, "app_id": CYLANCE_APP["app_id"], "app_secret": CYLANCE_APP["app_secret"],
            "retries": 0}


def test_the_inventory_and_the_lookup_show_no_signed_assertion_a_server_echoes(tmp_path):
    config = tmp_path / "fleet.cylance_devices.yml"
    binary = os.path.dirname(ANSIBLE_PLAYBOOK)
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS, ANSIBLE_NOCOLOR="1", ANSIBLE_LOCAL_TEMP=str(tmp_path / "tmp"))
    inventory_env = dict(env, ANSIBLE_INVENTORY_UNPARSED_FAILED="1", ANSIBLE_INVENTORY_ENABLED="secops.executions.cylance_devices")
    with HostileServer(echo) as server:
        config.write_text(yaml.safe_dump(dict({"plugin": "secops.executions.cylance_devices"}, **_cylance_plugin_options(server.url))))
        inventory = subprocess.run([os.path.join(binary, "ansible-inventory"), "-i", str(config), "--list", "-vvv"],
                                   capture_output=True, text=True, env=inventory_env, cwd=str(tmp_path), timeout=300, check=False)
        terms = ", ".join("{0}='{1}'".format(key, value) for key, value in _cylance_plugin_options(server.url).items())
        lookup = subprocess.run([os.path.join(binary, "ansible"), "localhost", "-i", "localhost,", "-c", "local", "-m", "ansible.builtin.debug", "-a",
                                 "msg={{{{ query('secops.executions.cylance_device_ids', 'WEB-01', {0}) }}}}".format(terms), "-vvv"],
                                capture_output=True, text=True, env=env, cwd=str(tmp_path), timeout=300, check=False)
    assertions = [json.loads(seen.body)["auth_token"] for seen in server.requests]
    assert len(assertions) == 2
    for run in (inventory, lookup):
        text = run.stdout + run.stderr
        assert run.returncode != 0 and "400" in text, text
        # No piece of the assertion either: a message cut short must not show the part it kept.
        assert JWT.search(text) is None and leaked(text, {token[:60] for token in assertions} | forms(CYLANCE_APP["app_secret"])) == []


def test_the_event_source_logs_no_form_of_a_password_a_server_echoes(caplog):
    from test_eda_outcomes import collect, load_source

    password = CCS_USER["password"]
    with HostileServer(echo) as server:
        args = {"consoles": ["ccs"], "ccs_api_url": server.url, "ccs_username": CCS_USER["username"], "ccs_password": password,
                "ccs_retries": 0, "polls": 1, "interval": 0.1}
        assert collect(load_source(), args, want=1, timeout=5) == []
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "poll failed" in logged and "400" in logged
    assert leaked(logged, forms(password)) == []
