# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The rows of the matrix: every token module, every state-changing module state and every info
module, with the options a case gives it and the exact requests a clean run sends.

Request patterns are ``"METHOD STATUS ^path-regex$"`` (see model.Req). The ``rerun`` list is what
the same task sends when nothing is left to change: reads only.
"""

import datetime

from dataclasses import replace

from .model import Expect, Req, Row, reqs
from .seed import CCS_USER, OCI_CUSTOMER, ccs_asset, device_id, package_id, stable_uuid

# ---- Oracle -------------------------------------------------------------------------------------

CSI = OCI_CUSTOMER["support_identifier"]
INSTANCES = "/selfservice/v1/customers/{0}/EBSO/products/config/instances".format(CSI)
OCI_LIST = "^{0}/executions$".format(INSTANCES)
OCI_TYPE = "^/selfservice/v1/customers/services/EBSO/products/config/types/Trace%20%26%20Debug$"
OCI_CREATE = "^{0}/DCMATT/executions$".format(INSTANCES)
OCI_ONE = "^{0}/DCMATT/executions/3-[A-Z0-9]{{7}}$".format(INSTANCES)
# The conflicts read shares the create path (GET with the window in the query).
OCI_CONFLICTS = OCI_CREATE


def in_hours(hours):
    moment = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=hours)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def oci_scope(extra):
    return dict({"support_identifier": CSI, "service_type": "EBSO"}, **extra)


def oci_seeded(prefix, scheduled_in):
    """Case n's own execution on DCMATT: a single-step trace, scheduled ``scheduled_in`` s after the reset (None: not)."""
    def seed(n):
        return {"oci": [{
            "id": "3-{0}{1:04d}".format(prefix, n), "support_identifier": CSI, "service_type": "EBSO", "instance": "DCMATT",
            "summary": "Reliability case {0}{1}".format(prefix, n), "config_type": "Trace & Debug",
            "activity_name": "Concurrent Program Trace", "activity_type": "Enable", "parameters": {"ProgramShortName": "GLPPOS"},
            "primary_contact": "dba@example.com", "scheduled_in": scheduled_in}]}
    return seed


def not_found(prefix):
    """A 404 on the read by execution_id: the task fails naming the execution it looked for."""
    return lambda row, expect: replace(expect, msg=r"^No execution 3-{0}\d{{4}} on instance DCMATT of customer {1} \(EBSO\)$".format(prefix, CSI))


OCI_ROWS = [
    Row("oci_config_execution/create", "oci_config_execution", "oci", "oci_config_execution: create and schedule",
        lambda n: oci_scope({"instance_id": "DCMATT", "config_type": "Trace & Debug", "activity_name": "FRD Enable/Disable",
                             "activity_type": "Enable", "summary": "Reliability case {0}".format(n),
                             # Each case its own window, so that the cases' schedules do not conflict.
                             "parameters": {"UserName": "oracle"}, "scheduled_time": in_hours(100 + 3 * n)}),
        reqs("GET 200 " + OCI_LIST, "GET 200 " + OCI_TYPE, "GET 200 " + OCI_CONFLICTS, "POST 201 " + OCI_CREATE, "PUT 200 " + OCI_ONE,
             "GET 200 " + OCI_ONE),
        reqs("GET 200 " + OCI_LIST),
        # Created, but the schedule was never sent: the next run finds the execution and schedules it.
        resume=("changed", reqs("GET 200 " + OCI_LIST, "GET 200 " + OCI_CONFLICTS, "PUT 200 " + OCI_ONE, "GET 200 " + OCI_ONE))),
    Row("oci_config_execution/reschedule", "oci_config_execution", "oci", "oci_config_execution: reschedule by execution_id",
        lambda n: oci_scope({"instance_id": "DCMATT", "execution_id": "3-RLS{0:04d}".format(n), "scheduled_time": in_hours(300 + 2 * n)}),
        reqs("GET 200 " + OCI_ONE, "GET 200 " + OCI_CONFLICTS, "PUT 200 " + OCI_ONE, "GET 200 " + OCI_ONE),
        reqs("GET 200 " + OCI_ONE),
        seed=oci_seeded("RLS", 7200), overrides={"404": not_found("RLS")}),
    Row("oci_config_execution/cancelled", "oci_config_execution", "oci", "oci_config_execution: state=cancelled",
        lambda n: oci_scope({"instance_id": "DCMATT", "execution_id": "3-RLC{0:04d}".format(n), "state": "cancelled"}),
        reqs("GET 200 " + OCI_ONE, "PUT 200 " + OCI_ONE, "GET 200 " + OCI_ONE),
        reqs("GET 200 " + OCI_ONE),
        seed=oci_seeded("RLC", 7200), overrides={
            "404": not_found("RLC"),
            # A 409 is checked against the execution: still scheduled, so the failure stands.
            "409": lambda row, expect: replace(expect, requests=expect.requests + reqs("GET 200 " + OCI_ONE)),
            # The cancel reached the platform; sent again, it finds nothing to cancel (409) and the execution is re-read.
            "drop-write": lambda row, expect: replace(expect, requests=reqs(
                "GET 200 " + OCI_ONE, "PUT - " + OCI_ONE, "PUT 409 " + OCI_ONE, "GET 200 " + OCI_ONE))}),
    Row("oci_config_execution_info", "oci_config_execution_info", "oci", "oci_config_execution_info",
        lambda n: oci_scope({"instance_id": "DCMATI", "status": "Open"}),
        reqs("GET 200 " + OCI_LIST), reqs("GET 200 " + OCI_LIST), outcome="ok"),
]

# ---- Cylance ------------------------------------------------------------------------------------

CY_EXECUTIONS = "^/packages/v2/executions$"
CY_EXECUTION = "^/packages/v2/executions/[0-9a-fA-F-]{32,36}$"
CY_PACKAGES = "^/packages/v2$"
CY_PACKAGE = "^/packages/v2/[0-9a-f]{8}-[0-9a-f-]{27}$"
CY_DEVICES = "^/devices/v2$"
CY_ZONES = "^/zones/v2$"


def cylance_seeded(n):
    return {"cylance": [{
        "id": stable_uuid("cylance-absent-{0}".format(n)), "name": "Reliability absent {0}".format(n), "created_ago": 3600,
        "created_by": "analyst@example.com", "target": {"devices": [device_id("LAB-01").replace("-", "").upper()]},
        "packages": [{"package": package_id("Hello World"), "arguments": ["-name", "Optics"]}],
        "destination": "", "keep_results_locally": True}]}


CYLANCE_ROWS = [
    Row("cylance_package_execution/present", "cylance_package_execution", "cylance", "cylance_package_execution: create",
        lambda n: {"name": "Reliability case {0}".format(n), "packages": [{"package": package_id("Hello World"), "arguments": ["-name", "Optics"]}],
                   "devices": [device_id("LAB-01")], "keep_results_locally": True, "wait": False},
        # The list; the package given by ID (its upload status, only on the way to a create); the list again
        # right before the POST (an execution made meanwhile is kept); the POST.
        reqs("GET 200 " + CY_EXECUTIONS, "GET 200 " + CY_PACKAGE, "GET 200 " + CY_EXECUTIONS, "POST 201 " + CY_EXECUTIONS),
        reqs("GET 200 " + CY_EXECUTIONS)),
    Row("cylance_package_execution/absent", "cylance_package_execution", "cylance", "cylance_package_execution: state=absent",
        lambda n: {"name": "Reliability absent {0}".format(n), "state": "absent"},
        reqs("GET 200 " + CY_EXECUTIONS, "DELETE * " + CY_EXECUTION), reqs("GET 200 " + CY_EXECUTIONS),
        seed=cylance_seeded),
    Row("cylance_package_execution_info", "cylance_package_execution_info", "cylance", "cylance_package_execution_info",
        lambda n: {}, reqs("GET 200 " + CY_EXECUTIONS), reqs("GET 200 " + CY_EXECUTIONS), outcome="ok"),
    Row("cylance_package_info", "cylance_package_info", "cylance", "cylance_package_info",
        lambda n: {"status": "success"}, reqs("GET 200 " + CY_PACKAGES), reqs("GET 200 " + CY_PACKAGES), outcome="ok"),
    Row("cylance_device_info", "cylance_device_info", "cylance", "cylance_device_info",
        lambda n: {"state": "online", "with_zones": False}, reqs("GET 200 " + CY_DEVICES), reqs("GET 200 " + CY_DEVICES), outcome="ok"),
    Row("cylance_zone_info", "cylance_zone_info", "cylance", "cylance_zone_info",
        lambda n: {}, reqs("GET 200 " + CY_ZONES), reqs("GET 200 " + CY_ZONES), outcome="ok"),
]

# ---- CCS ----------------------------------------------------------------------------------------

CCS_JOBS = "^/ccs/api/v1/Jobs$"
CCS_CREATE = "^/ccs/api/v1/jobs$"
CCS_RUNS = "^/ccs/api/v1/Jobs/[0-9a-f-]{36}/jobruns$"
CCS_OPERATION = "^/ccs/api/v1/jobs/[0-9a-f-]{36}$"


def name_search_404(outcome, msg=None, then=()):
    """A 404 on the search by name means "no job has that name" (the module accepts it as the empty answer)."""
    return lambda row, expect: Expect(outcome, reqs("GET 404 " + CCS_JOBS, *then), msg=msg)


NOT_TO_CREATE = name_search_404("failed", msg=r"^job_type: required to create the job 'Reliability \w+ \d+', which does not exist$")


def ccs_seeded(kind, asset, runs=(), description=None):
    """Case n's own job, created by the suite's CCS user."""
    def seed(n):
        job = {"id": stable_uuid("ccs-{0}-{1}".format(kind, n)), "name": "Reliability {0} {1}".format(kind, n), "type": "CollectionJob",
               "created_by": CCS_USER["username"], "created_days_ago": 5, "assets": [ccs_asset(asset)["id"]], "runs": list(runs)}
        if description:
            job["description"] = description
        return {"ccs": [job]}
    return seed


CCS_ROWS = [
    Row("ccs_job/create", "ccs_job", "ccs", "ccs_job: create",
        lambda n: {"name": "Reliability create {0}".format(n), "job_type": "CollectionJob", "assets": [ccs_asset("web01.corp.example")]},
        reqs("GET 200 " + CCS_JOBS, "POST 200 " + CCS_CREATE), reqs("GET 200 " + CCS_JOBS),
        overrides={"404": name_search_404("changed", then=["POST 200 " + CCS_CREATE])}),
    Row("ccs_job/update", "ccs_job", "ccs", "ccs_job: update (PATCH)",
        lambda n: {"name": "Reliability update {0}".format(n), "description": "Changed by the reliability suite"},
        reqs("GET 200 " + CCS_JOBS, "PATCH 200 " + CCS_JOBS), reqs("GET 200 " + CCS_JOBS),
        seed=ccs_seeded("update", "web01.corp.example", description="As seeded"), overrides={"404": NOT_TO_CREATE}),
    # archive01 collects for an hour: the run started by the case is still running when the case runs it again.
    Row("ccs_job/run", "ccs_job", "ccs", "ccs_job: run (execute)",
        lambda n: {"name": "Reliability run {0}".format(n), "run": True, "wait": False},
        reqs("GET 200 " + CCS_JOBS, "GET 200 " + CCS_RUNS, "POST 200 " + CCS_OPERATION), reqs("GET 200 " + CCS_JOBS, "GET 200 " + CCS_RUNS),
        seed=ccs_seeded("run", "archive01.corp.example"), overrides={"404": NOT_TO_CREATE}),
    Row("ccs_job/purge_history", "ccs_job", "ccs", "ccs_job: purge_history",
        lambda n: {"name": "Reliability purge {0}".format(n), "purge_history": True},
        reqs("GET 200 " + CCS_JOBS, "GET 200 " + CCS_RUNS, "DELETE 204 " + CCS_JOBS), reqs("GET 200 " + CCS_JOBS, "GET 200 " + CCS_RUNS),
        seed=ccs_seeded("purge", "web01.corp.example",
                        runs=[{"status": "Completed", "started_days_ago": 1}, {"status": "Failed", "started_days_ago": 2}]),
        overrides={"404": NOT_TO_CREATE}),
    Row("ccs_job/absent", "ccs_job", "ccs", "ccs_job: state=absent",
        lambda n: {"name": "Reliability absent {0}".format(n), "state": "absent"},
        reqs("GET 200 " + CCS_JOBS, "DELETE 204 " + CCS_JOBS), reqs("GET 200 " + CCS_JOBS),
        seed=ccs_seeded("absent", "web01.corp.example"), overrides={
            "404": name_search_404("ok"),
            # Deleted, answer lost, DELETE sent again: 404, the job is gone either way.
            "drop-write": lambda row, expect: replace(expect, requests=reqs("GET 200 " + CCS_JOBS, "DELETE - " + CCS_JOBS,
                                                                            "DELETE 404 " + CCS_JOBS))}),
    Row("ccs_job/cancelled", "ccs_job", "ccs", "ccs_job: state=cancelled (abort)",
        lambda n: {"name": "Reliability cancel {0}".format(n), "state": "cancelled"},
        reqs("GET 200 " + CCS_JOBS, "GET 200 " + CCS_RUNS, "POST 200 " + CCS_OPERATION), reqs("GET 200 " + CCS_JOBS),
        seed=ccs_seeded("cancel", "archive01.corp.example", runs=[{"status": "Running", "started_days_ago": 0}]),
        overrides={"404": name_search_404("ok")}),
    Row("ccs_job_info", "ccs_job_info", "ccs", "ccs_job_info",
        lambda n: {"name": "Nightly CIS scan - web", "runs": 2}, reqs("GET 200 " + CCS_JOBS, "GET 200 " + CCS_RUNS),
        reqs("GET 200 " + CCS_JOBS, "GET 200 " + CCS_RUNS), outcome="ok", overrides={"404": name_search_404("ok")}),
]

# ---- token modules ------------------------------------------------------------------------------

TOKEN_PATHS = {"oci": "^/oauth2/v1/token$", "cylance": "^/auth/v2/token$", "ccs": "^/ccs/api/v1/oauth/tokens$"}


def token_request(vendor):
    """A token request: a POST that is safe to send again (a lost answer costs one unused token)."""
    return Req.parse("POST 200 " + TOKEN_PATHS[vendor], idempotent=True)


TOKEN_ROWS = [Row("{0}_token".format(vendor), "{0}_token".format(vendor), vendor, "{0}_token".format(vendor), lambda n: {},
                  [token_request(vendor)], [token_request(vendor)], outcome="ok", token_module=True)
              for vendor in ("oci", "cylance", "ccs")]

ROWS = TOKEN_ROWS + OCI_ROWS + CYLANCE_ROWS + CCS_ROWS
