# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How to reach the Oracle Managed Cloud Self-Service API: the option table every Oracle module shares."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.secops.executions.plugins.module_utils.module import Vendor
from ansible_collections.secops.executions.plugins.module_utils.oci.auth import base_url, build_auth
from ansible_collections.secops.executions.plugins.module_utils.options import Option, connection_options

OPTIONS = [
    Option("api_url", ["Base URL of the Managed Cloud Self-Service API gateway; the C(/selfservice/v1) paths are added to it.",
                       "Must be an absolute C(https://) (or C(http://)) URL; plain C(http://) to another host warns."],
           env="OCI_MCS_API_URL", required=True, url=True),
    Option("identifier", ["The JWKS identifier (a GUID) the self-service platform generated when the customer administrator "
                          "registered the identity provider's JWKS URI. Sent as the C(Identifier) header on every call."],
           env="OCI_MCS_IDENTIFIER", required=True),
    Option("access_token", ["A bearer token (JWT) from the identity provider, for example from M(secops.executions.oci_token).",
                            "When O(token_url), O(client_id) and O(client_secret) are also given, an expired token is renewed."],
           env="OCI_MCS_ACCESS_TOKEN", no_log=True),
    Option("token_url", ["OAuth2 token endpoint of the identity provider, for an OCI IAM identity domain "
                         "C(https://<domain>.identity.oraclecloud.com/oauth2/v1/token).",
                         "Must be an absolute C(https://) (or C(http://)) URL: the client secret is sent to it."],
           env="OCI_MCS_TOKEN_URL", url=True),
    Option("client_id", "Client ID of the confidential application used for the client-credentials grant.", env="OCI_MCS_CLIENT_ID"),
    Option("client_secret", "Client secret of that application.", env="OCI_MCS_CLIENT_SECRET", no_log=True),
    Option("scopes", ["Scopes to request, such as C(mcs:oci:api:User). Reading needs C(mcs:oci:api:User), creating "
                      "C(mcs:oci:api:PrivilegedUser), scheduling and cancelling C(mcs:oci:api:Approver).",
                      "When not set, no scope is requested and the provider grants the client's default scopes."],
           env="OCI_MCS_SCOPES", type="list", elements="str"),
] + connection_options("OCI_MCS")

VENDOR = Vendor(
    "oci", OPTIONS, build_auth, base_url,
    required_together=[("token_url", "client_id", "client_secret")],
    required_one_of=[("access_token", "client_secret")],
    credential_options=("token_url", "client_id", "client_secret"),
    # Every Oracle execution module takes where it acts: a group's module_defaults often sets it.
    group_options=("support_identifier", "service_type", "instance_id"),
    notes=[
        "Oracle options can be set once for a play with C(module_defaults) and the group C(group/secops.executions.oci).",
        "A caller reaches only its own customer's support identifiers, and only when the customer opted in to the configuration feature.",
    ],
)
