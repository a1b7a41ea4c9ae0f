# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every module at -vvvv with every secret set: no secret in the output, the returned values or
the failure messages.

Secrets, each also in the forms it travels in (URL- and form-encoded, Base64, Base64 then
encoded): the Cylance application secret, the CCS password, the Oracle client secret and the Basic
credentials made of it, every access and refresh token the play or the modules obtained, the
passwords in Cylance destination URLs, and the credentials of a proxy URL. Besides, no JWT
(Cylance and Oracle tokens, the Cylance authentication assertion) may appear anywhere. Tasks run in
check mode, diff mode, successfully and failing (a refused token, a 401 that makes the module
renew its token, a conflict that describes the differences).
"""

import base64
import json
import re
from urllib.parse import quote, urlencode

import pytest
from secops_emulator.fixture import start_emulator

from reliability import results
from reliability.model import Expect, Phase, Scripted, outcome_of
from reliability.playbook import Run, playbook, read_records
from reliability.rows import CSI, in_hours
from reliability.seed import (
    OCI_CLIENT, TOKEN_VAR, ccs_asset, connection, device_id, package_id, secrets)

# One module-scoped play feeds every test here: under pytest-xdist they share one worker.
pytestmark = pytest.mark.xdist_group("reliability_secrets")

DESTINATION = "sftp://rel-user:Rel1ab1l1ty-Pa55@results.example.com/optics"
OTHER_DESTINATION = "sftp://rel-user:An0ther-Pa55w0rd@results.example.com/optics"
JWT = re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}")
TOKENS_FILE = "tokens.json"
PROXY_USER = "rel-proxy-user"
PROXY_PASSWORD = "Pr0xy-Pa55w0rd"


def task(vendor, extra, refresh=False):
    options = connection(vendor, "{{ emulator }}")
    if refresh:
        options["refresh_token"] = "{{ " + TOKEN_VAR.format("ccs") + ".refresh_token }}"
    options.update(extra)
    return options


def with_proxy_user(url):
    """The emulator as an HTTP proxy (it serves absolute-URI requests), with credentials in the proxy URL."""
    return url.replace("http://", "http://{0}:{1}@".format(PROXY_USER, PROXY_PASSWORD))


def unauthorized_once(path):
    return [{"method": "GET", "path": path, "status": 401}]


def script(url):
    """(case id, module, vendor, phases): every module, each secret set, in the modes that shape output."""
    cylance_execution = {"name": "Reliability secrets", "packages": [{"package": package_id("Hello World"), "arguments": ["-name", "Optics"]}],
                         "devices": [device_id("LAB-01")], "destination": DESTINATION, "wait": False}
    oci_execution = {"support_identifier": CSI, "service_type": "EBSO", "instance_id": "DCMATT", "config_type": "Trace & Debug",
                     "activity_name": "FRD Enable/Disable", "activity_type": "Enable", "summary": "Reliability secrets",
                     "parameters": {"UserName": "oracle"}, "scheduled_time": in_hours(2)}
    ccs_job = {"name": "Reliability secrets", "job_type": "CollectionJob", "assets": [ccs_asset("web01.corp.example")],
               "description": "Secrets test"}
    ok, changed, failed = Expect("ok", None), Expect("changed", None), Expect("failed", None)
    steps = [
        ("cylance_token", "cylance", [Phase("main", dict(task("cylance", {}), access_token="{{ omit }}"), ok)]),
        ("ccs_token", "ccs", [Phase("main", dict(task("ccs", {}), access_token="{{ omit }}"), ok)]),
        ("oci_token", "oci", [Phase("main", dict(task("oci", {}), access_token="{{ omit }}"), ok)]),
        ("oci_config_execution", "oci", [
            Phase("check", task("oci", oci_execution), changed, check_mode=True, diff=True),
            Phase("create", task("oci", oci_execution), changed, diff=True),
            Phase("again", task("oci", oci_execution), ok, diff=True),
            Phase("renew after 401", task("oci", oci_execution), ok, faults=unauthorized_once("/executions$"))]),
        ("oci_config_execution_info", "oci", [
            Phase("main", task("oci", {"support_identifier": CSI, "service_type": "EBSO"}), ok),
            Phase("token refused", dict(task("oci", {"support_identifier": CSI, "service_type": "EBSO"}), token_url="{{ omit }}",
                                        client_id="{{ omit }}", client_secret="{{ omit }}"), failed, faults=unauthorized_once("/executions$"))]),
        ("cylance_package_execution", "cylance", [
            Phase("check", task("cylance", cylance_execution), changed, check_mode=True, diff=True),
            Phase("create", task("cylance", cylance_execution), changed, diff=True),
            Phase("again", task("cylance", cylance_execution), ok, diff=True),
            Phase("renew after 401", task("cylance", cylance_execution), ok, faults=unauthorized_once("^/packages/v2/executions$")),
            Phase("conflict", task("cylance", dict(cylance_execution, destination=OTHER_DESTINATION, keep_results_locally=True)), failed,
                  diff=True),
            Phase("replace", task("cylance", dict(cylance_execution, destination=OTHER_DESTINATION, keep_results_locally=True, replace=True)),
                  changed, diff=True),
            Phase("delete", task("cylance", {"name": "Reliability secrets", "state": "absent"}), changed, diff=True)]),
        ("cylance_package_execution_info", "cylance", [Phase("main", task("cylance", {}), ok),
                                                       Phase("by name", task("cylance", {"name": "Event logs SRV-DB-01"}), ok)]),
        ("cylance_package_info", "cylance", [Phase("main", task("cylance", {}), ok),
                                             Phase("through a proxy with credentials", task("cylance", {"proxy": with_proxy_user(url)}), ok)]),
        ("ccs_job", "ccs", [
            Phase("check", task("ccs", ccs_job, refresh=True), changed, check_mode=True, diff=True),
            Phase("create", task("ccs", ccs_job, refresh=True), changed, diff=True),
            Phase("renew after 401", task("ccs", ccs_job, refresh=True), ok, faults=unauthorized_once("/Jobs$")),
            Phase("delete", task("ccs", {"name": "Reliability secrets", "state": "absent"}), changed, diff=True)]),
        ("ccs_job_info", "ccs", [
            Phase("main", task("ccs", {"name": "Nightly CIS scan - web", "runs": 1, "messages": True}), ok),
            Phase("through a proxy with credentials", task("ccs", {"name": "Nightly CIS scan - web", "proxy": with_proxy_user(url)}), ok),
            Phase("token refused", dict(task("ccs", {"name": "Nightly CIS scan - web"}), username="{{ omit }}", password="{{ omit }}"),
                  failed, faults=unauthorized_once("/Jobs$"))]),
    ]
    return [Scripted(name, name, vendor, phases) for name, vendor, phases in steps]


SAVE_TOKENS = {"name": "Save the play's tokens for the search", "no_log": True, "ansible.builtin.copy": {
    "dest": "{{ playbook_dir }}/" + TOKENS_FILE, "mode": "0600",
    "content": "{{ [" + ", ".join("{0}.access_token".format(TOKEN_VAR.format(vendor)) for vendor in ("cylance", "ccs", "oci"))
               + ", token_ccs.refresh_token] | to_json }}"}}


def encodings(label, value):
    """A secret and the forms it travels in: URL-encoded, form-encoded, Base64, Base64 then URL- or form-encoded."""
    encoded = base64.b64encode(value.encode()).decode()
    forms = {label: value, label + " (url-encoded)": quote(value, safe=""), label + " (Base64)": encoded}
    forms[label + " (form)"] = urlencode({"x": value})[2:]
    forms[label + " (Base64, url-encoded)"] = quote(encoded, safe="")
    forms[label + " (Base64, form)"] = urlencode({"x": encoded})[2:]
    return forms


@pytest.fixture(scope="module")
def played(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("secrets")
    with start_emulator(tls=False) as handle:
        cases = script(handle.url)
        output = str(workdir / "secrets.jsonl")
        play = playbook("Every module at -vvvv with every secret", ("cylance", "ccs", "oci"), handle.url, cases, output)
        play[0]["vars"] = {"emulator": handle.url}
        play[0]["tasks"].append(SAVE_TOKENS)
        rc, log, seconds = Run("secrets", play, str(workdir), verbosity=4).wait()
        ccs_store = handle.emulator.state.stores["ccs"]
        issued = list(ccs_store.access_tokens) + list(ccs_store.refresh_tokens)
    with open(str(workdir / TOKENS_FILE)) as handle:
        play_tokens = json.load(handle)
    records = read_records(output)
    # Token modules return their token on purpose (their action plugin hides it from the output).
    returned = dict((case_id, phases) for case_id, phases in records.items() if not case_id.endswith("_token"))
    obtained = [record["result"][key] for case_id, phases in records.items() if case_id.endswith("_token")
                for record in phases.values() for key in ("access_token", "refresh_token") if record["result"].get(key)]
    return {"cases": cases, "records": records, "returned": returned, "log": log, "rc": rc, "seconds": seconds,
            "tokens": play_tokens + issued + obtained}


def secret_strings(tokens):
    found = {}
    for label, value in secrets().items():
        found.update(encodings(label, value))
    for label, value in (("destination password", "Rel1ab1l1ty-Pa55"), ("other destination password", "An0ther-Pa55w0rd")):
        found.update(encodings(label, value))
    pair = "{0}:{1}".format(quote(OCI_CLIENT["client_id"], safe=""), quote(OCI_CLIENT["client_secret"], safe=""))
    found.update(encodings("oci client_id:client_secret", pair))
    found["oci Basic credentials"] = "Basic " + base64.b64encode(pair.encode()).decode()
    found.update(encodings("proxy password", PROXY_PASSWORD))
    found.update(encodings("proxy user:password", "{0}:{1}".format(PROXY_USER, PROXY_PASSWORD)))
    for index, token in enumerate(tokens):
        found.update(encodings("token {0}".format(index + 1), token))
    return found


def test_every_task_ran_as_planned(played):
    assert played["rc"] == 0, played["log"][-3000:]
    for case in played["cases"]:
        for phase in case.phases:
            record = played["records"][case.id][phase.name]
            assert outcome_of(record["result"]) == phase.expect.outcome, (case.id, phase.name, record["result"].get("msg"))


def test_no_secret_in_output_results_or_messages(played):
    strings = secret_strings(played["tokens"])
    returned = json.dumps([record["result"] for phases in played["returned"].values() for record in phases.values()])
    places = {"-vvvv output": played["log"], "returned values and messages": returned}
    leaks = ["{0} in the {1}".format(label, place) for label, value in strings.items() for place, text in places.items() if value in text]
    leaks += ["a JWT in the {0}".format(place) for place, text in places.items() if JWT.search(text)]
    tasks = sum(len(case.phases) for case in played["cases"])
    results.write("secrets", {"strings": len(strings), "secrets": len(secrets()) + 3 + len(set(played["tokens"])), "tasks": tasks,
                              "places": sorted(places), "output_bytes": len(played["log"]), "leaks": leaks, "seconds": played["seconds"]})
    assert leaks == []
    # The search looked at real content: the modules ran at -vvvv and returned the objects.
    assert "<127.0.0.1> EXEC" in played["log"] or "ESTABLISH LOCAL CONNECTION" in played["log"]
    assert "results.example.com" in returned and "********" in returned
