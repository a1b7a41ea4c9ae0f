# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The benchmark's data: which module operations it measures, and what each should cost.

Every object named here comes from the emulator's default seed (emulator/secops_emulator/seed.yml).
A module whose file does not exist yet is skipped, so the benchmark grows with the collection.
"""

# --- objects of the default seed ------------------------------------------------------------------

BROWSER_HISTORY = "61d8944e-d900-4724-87eb-d10078b90a41"  # package "Browser History"
FIN_WS_01 = "e378dacb-9324-453a-b8c6-5a8406952195"  # device, online, finishes in 3 s
LAB_SLOW_01 = "fdf6242d-8a43-465c-977f-1dc03667b82e"  # device, online, runs for ten minutes
FINANCE_ZONE = "24f76658-6a21-4e72-a644-27bd407c9485"
WEEKLY = "fc7e0db3-39e3-4d04-a6fd-95d05fd2eb19"  # finished execution "Weekly browser history 2026-W46"
UNKNOWN_UUID = "00000000-1111-4222-8333-444444444444"

NIGHTLY = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"  # CCS job "Nightly CIS scan - web", three ended runs
WEB01 = {"id": "6b1f3a52-7c4d-4e8f-9a01-2b3c4d5e6f70", "type": "symc-csm-AssetSystem-Asset-Unix-Machine"}
CIS_RHEL = "1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9"

CSI, SERVICE = "22334455", "EBSO"
SCHEDULED_RFC = "3-7JZXAMZ"  # on DCMATI, scheduled (a toggle with its Disable step)
OPEN_RFC = "3-8KQWBNC"  # on DCMATI, open, not scheduled
PROGRAM_TRACE = {"config_type": "Trace & Debug", "activity_name": "Concurrent Program Trace", "activity_type": "Enable"}
# Oracle times must be 16 minutes ahead at least: the benchmark fills in {in_2h} and {in_8h}. The seed keeps
# DCMATI busy from 2 to 6 hours after each reset (3-7JZXAMZ, 3-7JZXAMB), so a reschedule there goes to 8 hours.
LATER, LATER_STILL = "{in_2h}", "{in_8h}"

CYLANCE_NEW = {"name": "Bench run", "packages": [{"package": BROWSER_HISTORY, "arguments": ["-browser ALL"]}],
               "devices": [FIN_WS_01], "keep_results_locally": True, "wait": False}
CYLANCE_WEEKLY = {"name": "Weekly browser history 2026-W46", "packages": [{"package": BROWSER_HISTORY, "arguments": ["-browser ALL"]}],
                  "zones": [FINANCE_ZONE], "keep_results_locally": True}
CCS_NEW = {"name": "Bench job", "job_type": "CollectionEvaluationJob", "assets": [WEB01], "standards": [CIS_RHEL]}
OCI_BASE = {"support_identifier": CSI, "service_type": SERVICE}


class Case(object):
    """One operation of one module, and the fewest requests the API allows for it (with a reused token).

    ``why`` says what that minimum consists of; ``excess`` explains requests beyond it, if any.
    """

    def __init__(self, module, operation, args, minimum, why, excess=None, check_mode=False, token_module=False):
        self.module = module
        self.operation = operation
        self.args = args
        self.minimum = minimum
        self.why = why
        self.excess = excess
        self.check_mode = check_mode
        self.token_module = token_module

    @property
    def vendor(self):
        return self.module.split("_", 1)[0]


BUDGET = [
    # --- Cylance ---------------------------------------------------------------------------------
    Case("cylance_token", "get a token", {}, 1, "POST /auth/v2/token", token_module=True),
    Case("cylance_package_info", "list (6 packages)", {}, 1, "one page of GET /packages/v2"),
    Case("cylance_package_info", "by id", {"id": BROWSER_HISTORY}, 1, "GET /packages/v2/{id}"),
    Case("cylance_package_info", "by name", {"name": "Browser History"}, 1,
         "one page of the list: the API has no name filter"),
    Case("cylance_package_execution_info", "by id", {"id": WEEKLY}, 1, "GET .../executions/{id}"),
    Case("cylance_package_execution_info", "by name", {"name": "Weekly browser history 2026-W46"}, 1,
         "one page of the list: the API has no name filter"),
    Case("cylance_package_execution_info", "list (2 executions)", {}, 1, "one page of the list"),
    Case("cylance_package_execution", "present, new (IDs)", CYLANCE_NEW, 4,
         "list (is the name taken?) + package read (its upload status) + list again right before the POST + POST"),
    Case("cylance_package_execution", "present, new (names)",
         dict(CYLANCE_NEW, packages=[{"package": "Browser History", "arguments": ["-browser ALL"]}], devices=None,
              device_names=["FIN-WS-01"]), 5,
         "list + package list (name to ID) + hostname lookup + list again + POST"),
    Case("cylance_package_execution", "present, unchanged", CYLANCE_WEEKLY, 1, "list: the same execution exists, finished"),
    Case("cylance_package_execution", "present, replace", dict(CYLANCE_WEEKLY, devices=[FIN_WS_01], zones=None, replace=True, wait=False), 5,
         "list + package read + DELETE the old one + list again + POST"),
    Case("cylance_package_execution", "present, new, check mode", CYLANCE_NEW, 2, "list + package read: nothing is written",
         check_mode=True),
    Case("cylance_package_execution", "absent by id", {"state": "absent", "id": WEEKLY}, 1, "DELETE (404 = already gone)"),
    Case("cylance_package_execution", "absent by name", {"state": "absent", "name": "Weekly browser history 2026-W46"}, 2,
         "list (find the IDs) + DELETE each"),
    # --- CCS ---------------------------------------------------------------------------------------
    Case("ccs_token", "get a token", {}, 1, "POST /oauth/tokens", token_module=True),
    Case("ccs_job_info", "by name", {"name": "Nightly CIS scan - web"}, 1, "GET /Jobs?jobname="),
    Case("ccs_job_info", "by id", {"id": NIGHTLY}, 1, "GET /jobs/{id}"),
    Case("ccs_job_info", "filter (8 jobs)", {"filter": "(JobName = *)"}, 1, "one page of Search Jobs"),
    Case("ccs_job_info", "filter + runs of each", {"filter": "(JobType = CollectionJob)", "runs": 3}, 5,
         "one page + GET jobruns per job (4 jobs): runs are not part of the job"),
    Case("ccs_job", "present, new", CCS_NEW, 2, "GET /Jobs?jobname= + POST /jobs"),
    Case("ccs_job", "present, unchanged", {"name": "Nightly CIS scan - web", "standards": [CIS_RHEL]}, 1, "GET /Jobs?jobname="),
    Case("ccs_job", "present, changed", {"name": "Nightly CIS scan - web", "description": "Changed by the benchmark"}, 2,
         "GET + PATCH /Jobs"),
    Case("ccs_job", "present, run (no wait)", {"name": "Nightly CIS scan - web", "run": True, "wait": False}, 2,
         "GET (its LastRunStatus says no run is going) + POST execute"),
    Case("ccs_job", "present, run a job that never ran", {"name": "Evaluation - never run", "run": True, "wait": False}, 2,
         "GET + POST execute",
         excess="CCS does not document `LastRunStatus`, so a job that never ran and a server that does not report the "
                "field look alike, and the module reads the run history (`GET jobruns`) to be sure no run is going"),
    Case("ccs_job", "present, purge history", {"name": "Nightly CIS scan - web", "purge_history": True}, 3,
         "GET + GET jobruns (any ended run?) + DELETE DeleteJob=False"),
    Case("ccs_job", "absent by id", {"state": "absent", "id": NIGHTLY}, 1, "DELETE (404 = already gone)"),
    Case("ccs_job", "absent by name", {"state": "absent", "name": "Nightly CIS scan - web"}, 2, "GET (find the ID) + DELETE"),
    Case("ccs_job", "cancelled, running", {"state": "cancelled", "name": "Archive collection"}, 3,
         "GET + GET jobruns (the run ID) + POST abort"),
    Case("ccs_job", "cancelled, not running", {"state": "cancelled", "name": "Nightly CIS scan - web"}, 1,
         "GET: its LastRunStatus says nothing runs"),
    # --- Oracle --------------------------------------------------------------------------------------
    Case("oci_token", "get a token", {}, 1, "POST /oauth2/v1/token", token_module=True),
    Case("oci_config_execution_info", "by id", dict(OCI_BASE, instance_id="DCMATI", execution_id=OPEN_RFC), 1, "GET .../executions/{id}"),
    Case("oci_config_execution_info", "list (4 executions)", dict(OCI_BASE), 1, "one page of the list"),
    Case("oci_config_execution_info", "list, filtered", dict(OCI_BASE, instance_id="DCMATI", status="Open"), 1,
         "one page of the list, filtered by the API"),
    Case("oci_config_execution", "present, new", dict(OCI_BASE, **PROGRAM_TRACE, instance_id="DCMATT", summary="Bench trace",
                                                      parameters={"ProgramShortName": "APXPAY"}), 3,
         "list (an open twin?) + POST + GET (the create answer holds only the id)",
         excess="the activity metadata (GET .../config/types/{type}) is read so that parameters, defaults and toggle "
                "steps are checked before anything is written, and check mode can predict the result"),
    Case("oci_config_execution", "present, new + schedule", dict(OCI_BASE, **PROGRAM_TRACE, instance_id="DCMATT", summary="Bench trace",
                                                                 parameters={"ProgramShortName": "APXPAY"}, scheduled_time=LATER), 4,
         "list + POST + PUT schedule + GET",
         excess="the activity metadata, as above, and the conflicts of the window (GET .../instances/{instance}/executions?"
                "scheduledStart&scheduledEnd), read before anything is written so that a busy window is refused (conflicts=fail)"),
    Case("oci_config_execution", "present, unchanged (by id)", dict(OCI_BASE, instance_id="DCMATI", execution_id=OPEN_RFC), 1,
         "GET .../executions/{id}"),
    Case("oci_config_execution", "present, unchanged (by identity)",
         dict(OCI_BASE, instance_id="DCMATI", summary="Trace the GL posting program", **PROGRAM_TRACE), 1,
         "list (the open twin is found, summary included)"),
    Case("oci_config_execution", "present, reschedule", dict(OCI_BASE, instance_id="DCMATI", execution_id=OPEN_RFC, scheduled_time=LATER_STILL), 3,
         "GET + PUT schedule + GET (the PUT answer lacks summary, contact, note)",
         excess="the conflicts of the new window are read before the schedule is sent (conflicts=fail)"),
    Case("oci_config_execution", "cancelled, scheduled", dict(OCI_BASE, instance_id="DCMATI", execution_id=SCHEDULED_RFC, state="cancelled"), 3,
         "GET + PUT cancel + GET (the cancel answer is a status only)"),
    Case("oci_config_execution", "cancelled, not scheduled", dict(OCI_BASE, instance_id="DCMATI", execution_id=OPEN_RFC, state="cancelled"), 1,
         "GET: nothing to cancel"),
]


class Pair(object):
    """A module task making one HTTP call, and the ``ansible.builtin.uri`` task making the same call."""

    def __init__(self, module, operation, args, uri):
        self.module = module
        self.operation = operation
        self.args = args
        self.uri = uri

    @property
    def vendor(self):
        return self.module.split("_", 1)[0]


def _bearer(vendor):
    headers = {"Authorization": "Bearer {{ tokens.%s }}" % vendor}
    if vendor == "oci":
        headers["Identifier"] = "{{ oci_identifier }}"
    return headers


OCI_ITEM = "/selfservice/v1/customers/22334455/EBSO/products/config/instances/DCMATI/executions/" + OPEN_RFC

# Each module's one-request operation (with a reused token, except the token modules).
OVERHEAD = [
    Pair("cylance_token", "get a token", {"credentials": "cylance"},
         {"method": "POST", "path": "/auth/v2/token", "body_format": "json", "body": {"auth_token": "{{ cylance_jwts[round] }}"}}),
    Pair("cylance_package_info", "by id", {"id": BROWSER_HISTORY},
         {"method": "GET", "path": "/packages/v2/" + BROWSER_HISTORY, "headers": _bearer("cylance")}),
    Pair("cylance_package_execution_info", "by id", {"id": WEEKLY},
         {"method": "GET", "path": "/packages/v2/executions/" + WEEKLY, "headers": _bearer("cylance")}),
    Pair("cylance_package_execution", "absent, unknown id", {"state": "absent", "id": UNKNOWN_UUID},
         {"method": "DELETE", "path": "/packages/v2/executions/" + UNKNOWN_UUID, "headers": _bearer("cylance"), "status_code": [404]}),
    Pair("ccs_token", "get a token", {"credentials": "ccs"},
         {"method": "POST", "path": "/ccs/api/v1/oauth/tokens", "body_format": "form-urlencoded",
          "body": {"grant_type": "password", "username": "{{ ccs_username }}", "password": "{{ ccs_password | b64encode }}"}}),
    Pair("ccs_job_info", "by id", {"id": NIGHTLY},
         {"method": "GET", "path": "/ccs/api/v1/jobs/" + NIGHTLY, "headers": _bearer("ccs")}),
    Pair("ccs_job", "absent, unknown id", {"state": "absent", "id": UNKNOWN_UUID},
         {"method": "DELETE", "path": "/ccs/api/v1/Jobs?jobid={0}&DeleteJob=True".format(UNKNOWN_UUID), "headers": _bearer("ccs"),
          "status_code": [404]}),
    Pair("oci_token", "get a token", {"credentials": "oci"},
         {"method": "POST", "path": "/oauth2/v1/token", "body_format": "form-urlencoded", "body": {"grant_type": "client_credentials"},
          "url_username": "{{ oci_client_id }}", "url_password": "{{ oci_client_secret }}", "force_basic_auth": True}),
    Pair("oci_config_execution_info", "by id", dict(OCI_BASE, instance_id="DCMATI", execution_id=OPEN_RFC),
         {"method": "GET", "path": OCI_ITEM, "headers": _bearer("oci")}),
    Pair("oci_config_execution", "present, unchanged (by id)", dict(OCI_BASE, instance_id="DCMATI", execution_id=OPEN_RFC),
         {"method": "GET", "path": OCI_ITEM, "headers": _bearer("oci")}),
]
