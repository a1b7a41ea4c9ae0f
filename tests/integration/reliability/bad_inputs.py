# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The bad input catalogue: invalid options for every module, each of which must fail with a
message naming the option, before any request is sent.

Each entry starts from a valid task of its module (``VALID``) and changes it; ``DROP`` removes an
option. ``names`` are the option names the failure message must contain.
"""

import datetime
import re
from dataclasses import dataclass
from typing import Dict, Tuple

from .model import Expect, Phase, Scripted
from .rows import CSI
from .seed import ccs_asset, connection, device_id, package_id

DROP = object()
HELLO = package_id("Hello World")
LAB = device_id("LAB-01")
WEB01 = ccs_asset("web01.corp.example")


def later(minutes, zone="Z"):
    """A time ``minutes`` ahead of when the playbook is written (not of when this file was imported)."""
    def moment():
        ahead = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=minutes)
        return ahead.strftime("%Y-%m-%dT%H:%M:%S") + zone
    return moment


NAIVE = later(120, zone="")


# A valid task of each module, which each entry spoils in one way.
VALID = {
    "oci_config_execution": {"support_identifier": CSI, "service_type": "EBSO", "instance_id": "DCMATI", "execution_id": "3-8KQWBNC"},
    "oci_config_execution_info": {"support_identifier": CSI, "service_type": "EBSO"},
    "cylance_package_execution": {"name": "Reliability bad input", "packages": [{"package": HELLO}], "devices": [LAB],
                                  "keep_results_locally": True, "wait": False},
    "cylance_package_execution_info": {},
    "cylance_package_info": {},
    "cylance_device_info": {"with_zones": False},
    "cylance_zone_info": {},
    "ccs_job": {"name": "Reliability bad input", "job_type": "CollectionJob", "assets": [WEB01]},
    "ccs_job_info": {"name": "Nightly CIS scan - web"},
    "oci_config_execution_log": {"support_identifier": CSI, "service_type": "EBSO", "instance_id": "DCMATI", "execution_id": "3-8KQWBNC"},
    "oci_config_type_info": {"service_type": "EBSO"},
    "cylance_token": {}, "ccs_token": {}, "oci_token": {},
}
NEW_OCI_EXECUTION = {"execution_id": DROP, "instance_id": "DCMATT", "config_type": "Trace & Debug", "activity_name": "FRD Enable/Disable",
                     "activity_type": "Enable", "summary": "Reliability bad input", "parameters": {"UserName": "oracle"}}


@dataclass
class Bad:
    module: str
    label: str
    change: Dict
    names: Tuple[str, ...]

    @property
    def vendor(self):
        return self.module.split("_")[0]

    @property
    def id(self):
        return "{0}: {1}".format(self.module, self.label)

    def args(self, url):
        options = connection(self.vendor, url, token=not self.module.endswith("_token"))
        options.update(VALID[self.module])
        options.update(self.change)
        return dict((key, value() if callable(value) else value) for key, value in options.items() if value is not DROP)

    def played(self, url):
        """The entry as a case: one phase that must fail naming every option, sending nothing."""
        names = "".join("(?=.*{0})".format(re.escape(name)) for name in self.names)
        return Scripted(self.id, self.module, self.vendor, [Phase("main", self.args(url), Expect("failed", [], msg=names, retries=0))])


CATALOGUE = [
    # Connection options, shared by every module.
    Bad("oci_config_execution_info", "timeout of 0", {"timeout": 0}, ("timeout",)),
    Bad("ccs_job_info", "timeout that is not a number", {"timeout": "soon"}, ("timeout",)),
    Bad("cylance_package_info", "negative retries", {"retries": -1}, ("retries",)),
    Bad("ccs_job_info", "negative retry_max_wait", {"retry_max_wait": -5}, ("retry_max_wait",)),
    Bad("cylance_package_execution_info", "proxy given as a list", {"proxy": ["http://proxy:3128"]}, ("proxy",)),
    Bad("oci_config_execution_info", "validate_certs that is not a boolean", {"validate_certs": "maybe"}, ("validate_certs",)),
    Bad("cylance_package_info", "unknown region", {"region": "mars"}, ("region",)),
    Bad("ccs_job_info", "unknown password_encoding", {"password_encoding": "rot13"}, ("password_encoding",)),
    Bad("ccs_job_info", "no api_url", {"api_url": DROP}, ("api_url",)),
    Bad("oci_config_execution_info", "no identifier", {"identifier": DROP}, ("identifier",)),
    Bad("cylance_package_info", "app_id without tenant_id and app_secret",
        {"tenant_id": DROP, "app_secret": DROP}, ("tenant_id", "app_id", "app_secret")),
    Bad("ccs_job_info", "neither access_token nor password", {"access_token": DROP, "username": DROP, "password": DROP}, ("access_token", "password")),
    Bad("oci_config_execution_info", "token_url without client_id and client_secret",
        {"client_id": DROP, "client_secret": DROP}, ("token_url", "client_id", "client_secret")),
    # Where credentials go: absolute http(s) URLs only, an existing CA file.
    Bad("oci_config_execution_info", "token_url without a scheme", {"token_url": "idcs-0a1b2c.identity.oraclecloud.com/oauth2/v1/token"},
        ("token_url",)),
    Bad("oci_token", "token_url that is a path", {"token_url": "/oauth2/v1/token"}, ("token_url",)),
    Bad("ccs_job_info", "api_url without a scheme", {"api_url": "ccs.example.com:12431"}, ("api_url",)),
    Bad("cylance_package_info", "api_url with an ftp:// scheme", {"api_url": "ftp://protectapi.cylance.com"}, ("api_url",)),
    Bad("cylance_package_execution_info", "ca_path that does not exist", {"ca_path": "/nonexistent/corp-root-ca.pem"}, ("ca_path",)),
    # Path values made only of dots would reach another endpoint.
    Bad("cylance_package_execution", "a device name of '..'", {"devices": DROP, "device_names": [".."]}, ("device_names",)),
    Bad("oci_config_execution", "an instance_id of '..'", {"instance_id": ".."}, ("instance_id",)),
    Bad("oci_config_execution", "an execution_id of '.'", {"execution_id": "."}, ("execution_id",)),
    Bad("oci_config_execution_info", "an instance_id of '..'", {"instance_id": ".."}, ("instance_id",)),
    Bad("oci_config_execution_info", "a support_identifier of '..'", {"support_identifier": ".."}, ("support_identifier",)),
    # Token modules need every credential.
    Bad("cylance_token", "no app_secret", {"app_secret": DROP}, ("app_secret",)),
    Bad("ccs_token", "no password", {"password": DROP}, ("password",)),
    Bad("oci_token", "no client_secret", {"client_secret": DROP}, ("client_secret",)),
    Bad("oci_token", "negative timeout", {"timeout": -1}, ("timeout",)),
    # Oracle configuration executions.
    Bad("oci_config_execution", "scheduled_time that is not a time", {"scheduled_time": "tomorrow at noon"}, ("scheduled_time",)),
    Bad("oci_config_execution", "scheduled_time without a time zone", {"scheduled_time": NAIVE}, ("scheduled_time",)),
    Bad("oci_config_execution", "scheduled_time 10 minutes ahead", {"scheduled_time": later(10)}, ("scheduled_time",)),
    Bad("oci_config_execution", "downstream_scheduled_time without scheduled_time", {"downstream_scheduled_time": later(300)},
        ("downstream_scheduled_time", "scheduled_time")),
    Bad("oci_config_execution", "execution_id with a summary", {"summary": "Something else"}, ("execution_id", "summary")),
    Bad("oci_config_execution", "neither execution_id nor summary", dict(NEW_OCI_EXECUTION, summary=DROP), ("summary",)),
    Bad("oci_config_execution", "duration of 0", dict(NEW_OCI_EXECUTION, duration={"value": 0}), ("duration",)),
    Bad("oci_config_execution", "duration that is not a number", dict(NEW_OCI_EXECUTION, duration={"value": "two"}), ("value", "duration")),
    Bad("oci_config_execution", "scheduled_time with state=cancelled", {"state": "cancelled", "scheduled_time": later(120)}, ("scheduled_time",)),
    Bad("oci_config_execution", "unknown state", {"state": "scheduled"}, ("state",)),
    Bad("oci_config_execution", "parameters as a list", dict(NEW_OCI_EXECUTION, parameters=["UserName", "oracle"]), ("parameters",)),
    Bad("oci_config_execution", "bounce that is not a boolean", dict(NEW_OCI_EXECUTION, bounce="sometimes"), ("bounce",)),
    Bad("oci_config_execution_info", "window_end before window_start", {"window_start": later(300), "window_end": later(120)}, ("window_end",)),
    Bad("oci_config_execution_info", "window_start without a time zone", {"window_start": NAIVE}, ("window_start",)),
    Bad("oci_config_execution_info", "page_size of 0", {"page_size": 0}, ("page_size",)),
    Bad("oci_config_execution_log", "neither name nor transfer", {}, ("name",)),
    Bad("oci_config_execution_log", "name without dest", {"name": "3-8KQWBNC_log1.zip"}, ("name", "dest")),
    Bad("oci_config_execution_log", "a name with a folder", {"name": "../3-8KQWBNC_log1.zip", "dest": "/tmp"}, ("name",)),
    Bad("oci_config_execution_log", "dest in a folder that does not exist",
        {"name": "3-8KQWBNC_log1.zip", "dest": "/nonexistent/logs/log1.zip"}, ("dest",)),
    Bad("oci_config_execution_log", "an execution_id of '..'", {"execution_id": "..", "transfer": True}, ("execution_id",)),
    Bad("oci_config_type_info", "activity_name without config_type", {"activity_name": "FRD Enable/Disable"},
        ("activity_name", "config_type")),
    Bad("oci_config_type_info", "activity_type without activity_name", {"config_type": "Trace & Debug", "activity_type": "Enable"},
        ("activity_type", "activity_name")),
    Bad("oci_config_execution_info", "execution_id without instance_id", {"execution_id": "3-8KQWBNC"}, ("execution_id", "instance_id")),
    # Cylance package executions and packages.
    Bad("cylance_package_execution", "a device ID that is not a UUID", {"devices": ["LAB-01"]}, ("devices",)),
    Bad("cylance_package_execution", "a zone ID that is not a UUID", {"devices": DROP, "zones": ["Finance Workstations"]}, ("zones",)),
    Bad("cylance_package_execution", "devices and zones", {"zones": [LAB]}, ("devices", "zones")),
    Bad("cylance_package_execution", "no target", {"devices": DROP}, ("devices", "zones")),
    Bad("cylance_package_execution", "results kept nowhere", {"keep_results_locally": False}, ("destination",)),
    Bad("cylance_package_execution", "a destination without a scheme", {"destination": "results.example.com/dir"}, ("destination",)),
    Bad("cylance_package_execution", "wait_timeout of 0", {"wait": True, "wait_timeout": 0}, ("wait_timeout",)),
    Bad("cylance_package_execution", "poll_interval of 0", {"wait": True, "poll_interval": 0}, ("poll_interval",)),
    Bad("cylance_package_execution", "poll_interval longer than wait_timeout", {"wait": True, "wait_timeout": 30, "poll_interval": 60},
        ("poll_interval",)),
    Bad("cylance_package_execution", "negative max_failed_devices", {"max_failed_devices": -1}, ("max_failed_devices",)),
    Bad("cylance_package_execution", "a package item without package", {"packages": [{"arguments": ["-x"]}]}, ("package", "packages")),
    Bad("cylance_package_execution", "name and id", {"id": "fc7e0db3-39e3-4d04-a6fd-95d05fd2eb19"}, ("name", "id")),
    Bad("cylance_package_execution", "a blank name", {"name": "   "}, ("name",)),
    Bad("cylance_package_execution", "an id that is not a UUID", {"name": DROP, "state": "absent", "id": "execution-42"}, ("id",)),
    Bad("cylance_package_execution", "wait_timeout that is not a number", {"wait": True, "wait_timeout": "ten"}, ("wait_timeout",)),
    Bad("cylance_package_execution_info", "an id that is not a UUID", {"id": "abc"}, ("id",)),
    Bad("cylance_package_info", "unknown status", {"status": "done"}, ("status",)),
    Bad("cylance_package_info", "an id that is not a UUID", {"id": "123"}, ("id",)),
    Bad("cylance_device_info", "an id that is not a UUID", {"id": "FIN-WS-01"}, ("id",)),
    Bad("cylance_device_info", "unknown state", {"state": "asleep"}, ("state",)),
    Bad("cylance_device_info", "a blank hostname", {"hostnames": ["FIN-WS-01", " "]}, ("hostnames",)),
    Bad("cylance_device_info", "an id and a MAC address", {"id": "E378DACB9324453AB8C65A8406952195", "mac": "00-0C-29-5A-1B-2C"},
        ("id", "mac")),
    Bad("cylance_zone_info", "an id that is not a UUID", {"id": "Servers"}, ("id",)),
    Bad("cylance_zone_info", "a blank zone name", {"names": [""]}, ("names",)),
    # CCS jobs.
    Bad("ccs_job", "name and id", {"id": "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"}, ("name", "id")),
    Bad("ccs_job", "neither name nor id", {"name": DROP}, ("name", "id")),
    Bad("ccs_job", "unknown job_type", {"job_type": "Scan"}, ("job_type",)),
    Bad("ccs_job", "an id that is not a GUID", {"name": DROP, "id": "job-42"}, ("id",)),
    Bad("ccs_job", "an asset ID that is not a GUID", {"assets": [{"id": "web01", "type": WEB01["type"]}]}, (r"assets[0].id",)),
    Bad("ccs_job", "an asset without a type", {"assets": [{"id": WEB01["id"]}]}, ("type", "assets")),
    Bad("ccs_job", "no assets", {"assets": []}, ("assets",)),
    Bad("ccs_job", "a standard that is not a GUID", {"standards": ["CIS"]}, (r"standards[0]",)),
    Bad("ccs_job", "run with state=absent", {"state": "absent", "run": True}, ("run",)),
    Bad("ccs_job", "purge_history with state=cancelled", {"state": "cancelled", "purge_history": True}, ("purge_history",)),
    Bad("ccs_job", "run with a wait_timeout of 0", {"run": True, "wait_timeout": 0}, ("wait_timeout",)),
    Bad("ccs_job", "a notification flag that is not a boolean", {"notifications": {"on_success": {"enabled": "perhaps"}}}, ("enabled", "on_success")),
    Bad("ccs_job_info", "an empty filter", {"name": DROP, "filter": "()"}, ("filter",)),
    Bad("ccs_job_info", "negative runs", {"runs": -1}, ("runs",)),
    Bad("ccs_job_info", "negative not_run_for_days", {"not_run_for_days": -1}, ("not_run_for_days",)),
    Bad("ccs_job_info", "page_size of 0", {"name": DROP, "filter": "(JobType = CollectionJob)", "page_size": 0}, ("page_size",)),
    Bad("ccs_job_info", "name and filter", {"filter": "(JobType = CollectionJob)"}, ("name", "filter")),
    Bad("ccs_job_info", "an id that is not a GUID", {"name": DROP, "id": "xyz"}, ("id",)),
    Bad("ccs_job_info", "neither name, id nor filter", {"name": DROP}, ("name", "id", "filter")),
]
