# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How to reach the Cylance API: the option table every Cylance module shares."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.secops.executions.plugins.module_utils.cylance.auth import REGIONS, base_url, build_auth
from ansible_collections.secops.executions.plugins.module_utils.module import Vendor
from ansible_collections.secops.executions.plugins.module_utils.options import Option, connection_options

OPTIONS = [
    Option("api_url", ["Base URL of the Cylance / Aurora User API, for example C(https://protectapi-euc1.cylance.com).",
                       "Overrides O(region); use it for a proxy in front of the API or for the emulator.",
                       "Must be an absolute C(https://) (or C(http://)) URL; plain C(http://) to another host warns."],
           env="CYLANCE_API_URL", url=True),
    Option("region", ["Region of the tenant; selects the API host. Credentials work only in their own region.",
                      "V(na) is C(protectapi.cylance.com), V(us-gov) is C(protectapi.us.cylance.com), "
                      "the others are C(protectapi-<region>.cylance.com)."],
           env="CYLANCE_REGION", default="na", choices=sorted(REGIONS)),
    Option("tenant_id", "Tenant ID, shown under Settings > Integrations in the console.", env="CYLANCE_TENANT_ID"),
    Option("app_id", "Application ID of the custom integration.", env="CYLANCE_APP_ID"),
    Option("app_secret", ["Application secret of the custom integration; it signs the authentication token and is never sent.",
                          "Together with O(tenant_id) and O(app_id), it lets a module obtain and renew tokens."],
           env="CYLANCE_APP_SECRET", no_log=True),
    Option("scopes", ["Scopes to request, such as C(opticspkgdeploy:read). They narrow the token to less than the application may do.",
                      "When not set, the token carries every privilege granted to the application."],
           env="CYLANCE_SCOPES", type="list", elements="str"),
    Option("access_token", ["An access token from M(secops.executions.cylance_token); no new token is requested.",
                            "When O(app_secret) is also given, an expired token is renewed with it."],
           env="CYLANCE_ACCESS_TOKEN", no_log=True),
] + connection_options("CYLANCE")

VENDOR = Vendor(
    "cylance", OPTIONS, build_auth, base_url,
    required_together=[("tenant_id", "app_id", "app_secret")],
    required_one_of=[("access_token", "app_secret")],
    credential_options=("tenant_id", "app_id", "app_secret"),
    notes=[
        "Cylance options can be set once for a play with C(module_defaults) and the group C(group/secops.executions.cylance).",
        "The modules talk to the API from the host they run on; run them on the controller "
        "(C(delegate_to: localhost) or C(hosts: localhost)) with C(ansible_python_interpreter) set to the Python that has C(requests) and C(pyjwt).",
    ],
)
