# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How to reach the CCS REST API: the option table every CCS module shares."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.secops.executions.plugins.module_utils.ccs.auth import base_url, build_auth
from ansible_collections.secops.executions.plugins.module_utils.module import Vendor
from ansible_collections.secops.executions.plugins.module_utils.options import Option, connection_options

OPTIONS = [
    Option("api_url", ["URL of the CCS Integration Services endpoint, for example C(https://ccs.example.com:12431).",
                       "The default HTTPS port of CCS is 12431. The C(/ccs/api/v1) suffix is added when missing.",
                       "Must be an absolute C(https://) (or C(http://)) URL; plain C(http://) to another host warns."],
           env="CCS_API_URL", required=True, url=True),
    Option("username", ["CCS user, usually C(DOMAIN\\\\user). In YAML, quote it with single quotes: C('CORP\\\\jdoe')."],
           env="CCS_USERNAME"),
    Option("password", "Password of O(username).", env="CCS_PASSWORD", no_log=True),
    Option("password_encoding", ["How the password travels in the token request.",
                                 "V(base64) is what the CCS 12.x documentation specifies; V(plain) suits older releases that take it as typed."],
           env="CCS_PASSWORD_ENCODING", default="base64", choices=["base64", "plain"]),
    Option("access_token", ["An access token from M(secops.executions.ccs_token); no login is made.",
                            "When O(refresh_token) or O(username) and O(password) are also given, an expired token is renewed."],
           env="CCS_ACCESS_TOKEN", no_log=True),
    Option("refresh_token", ["A refresh token from M(secops.executions.ccs_token), used to renew an expired O(access_token).",
                             "CCS refresh tokens work once: the later tasks of the same C(ansible-playbook) run that are given this "
                             "refresh token get the tokens a task renewed, so C(module_defaults) with both tokens keeps working."],
           env="CCS_REFRESH_TOKEN", no_log=True),
] + connection_options("CCS")

VENDOR = Vendor(
    "ccs", OPTIONS, build_auth, base_url,
    required_together=[("username", "password")],
    required_one_of=[("access_token", "password")],
    credential_options=("username", "password"),
    token_inputs=("access_token", "refresh_token"),
    rotating_refresh_tokens=True,
    notes=[
        "CCS options can be set once for a play with C(module_defaults) and the group C(group/secops.executions.ccs).",
        "CCS servers usually present a certificate from an internal CA: set O(ca_path) to that CA rather than turning off O(validate_certs).",
    ],
)
