# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the suite takes from the emulator's seed (credentials, IDs), and the objects it adds to it.

Cases that change an existing object (reschedule, cancel, delete, update...) each get an object
of their own, added to the seed of the emulator the case runs against, so that every case starts
from the same state whatever ran before it.
"""

import copy
import os
import uuid

from secops_emulator.seed import defaults

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
DEFAULT = defaults()

CYLANCE_TENANT = DEFAULT["cylance"]["tenants"][0]["tenant_id"]
CYLANCE_APP = DEFAULT["cylance"]["tenants"][0]["applications"][0]
CYLANCE_RESOURCES = DEFAULT["cylance"]["resources"][CYLANCE_TENANT]
CCS_USER = DEFAULT["ccs"]["users"][0]
OCI_CLIENT = DEFAULT["oci"]["clients"][0]
OCI_IDENTIFIER = DEFAULT["oci"]["identifier"]
OCI_CUSTOMER = DEFAULT["oci"]["customers"][0]

# The token each vendor's play obtains first, and how its tasks refer to it.
TOKEN_VAR = "token_{0}"
# Where the suite's own objects live in each vendor's seed section.
LISTS = {
    "oci": ("oci", "executions"),
    "cylance": ("cylance", "resources", CYLANCE_TENANT, "executions"),
    "ccs": ("ccs", "jobs"),
}


def by_name(items, name, key="name"):
    return next(item for item in items if item[key] == name)


def package_id(name):
    return by_name(CYLANCE_RESOURCES["packages"], name)["id"]


def device_id(name):
    return by_name(CYLANCE_RESOURCES["devices"], name)["id"]


def ccs_asset(name):
    asset = by_name(DEFAULT["ccs"]["assets"], name)
    return {"id": asset["id"], "type": asset["type"]}


def stable_uuid(label):
    """The same UUID for the same label, run after run (the request log and the docs stay stable)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "secops.executions/reliability/" + label))


def extended(additions):
    """A seed (for start_emulator) that keeps the default objects and adds ``{vendor: [items]}``."""
    seed = {}
    for vendor, items in additions.items():
        if not items:
            continue
        path = LISTS[vendor]
        default_list = DEFAULT
        for key in path:
            default_list = default_list[key]
        node = seed
        for key in path[:-1]:
            node = node.setdefault(key, {})
        # Lists replace the default wholesale when merged: keep the default items first.
        node[path[-1]] = copy.deepcopy(default_list) + list(items)
    return seed


def connection(vendor, url, token=True, credentials=True):
    """Connection options of a task: the play's token and the credentials to renew it, or either alone."""
    if vendor == "oci":
        options = {"api_url": url, "identifier": OCI_IDENTIFIER}
        if credentials:
            options.update(token_url=url + "/oauth2/v1/token", client_id=OCI_CLIENT["client_id"], client_secret=OCI_CLIENT["client_secret"])
    elif vendor == "cylance":
        options = {"api_url": url}
        if credentials:
            options.update(tenant_id=CYLANCE_TENANT, app_id=CYLANCE_APP["app_id"], app_secret=CYLANCE_APP["app_secret"])
    else:
        options = {"api_url": url}
        if credentials:
            options.update(username=CCS_USER["username"], password=CCS_USER["password"])
    if token:
        options["access_token"] = "{{ " + TOKEN_VAR.format(vendor) + ".access_token }}"
    return options


def secrets():
    """Every secret of the default seed the modules may be given, by label."""
    found = {
        "cylance app_secret": CYLANCE_APP["app_secret"],
        "ccs password": CCS_USER["password"],
        "oci client_secret": OCI_CLIENT["client_secret"],
    }
    for index, execution in enumerate(CYLANCE_RESOURCES["executions"]):
        destination = execution.get("destination") or ""
        if "@" in destination:
            # The password of sftp://user:password@host/path.
            found["cylance seeded destination password {0}".format(index)] = destination.split("//", 1)[1].rsplit("@", 1)[0].split(":", 1)[1]
    return found
