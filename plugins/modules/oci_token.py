#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: oci_token
short_description: Get an Oracle Managed Cloud Self-Service bearer token to reuse across tasks
version_added: 0.1.0
description:
  - Requests a token with the OAuth2 client-credentials grant at the identity provider's O(token_url)
    (client authentication with HTTP Basic), asking for O(scopes).
  - Pass RV(access_token) to the C(access_token) option of the other Oracle modules, or set it once with
    C(module_defaults), so that a play of N tasks makes N+1 requests instead of 2N.
  - A registered task result is hidden from output, like a task with C(no_log), because it holds a credential; the registered
    variable keeps every field. Unregistered (ad hoc, for example), only the tokens are masked and the expiry is shown.
author:
  - secops.executions maintainers (@secops-collections)
requirements:
  - requests
extends_documentation_fragment:
  - secops.executions.oci.TOKEN_MODULE
  - secops.executions.attributes.READ_ONLY
  - secops.executions.attributes.OCI_GROUP
notes:
  - The token comes from the customer's identity provider, not from the self-service platform; the platform checks it
    against the key set named by O(identifier).
"""

EXAMPLES = r"""
- name: Get a token that may read and cancel executions
  secops.executions.oci_token:
    api_url: https://mcs-gateway.example.com
    identifier: 5d1c3f0e-8b2a-4c6d-9e7f-1a2b3c4d5e6f
    token_url: https://idcs-0123.identity.oraclecloud.com/oauth2/v1/token
    client_id: "{{ mcs_client_id }}"
    client_secret: "{{ mcs_client_secret }}"
    scopes:
      - mcs:oci:api:User
      - mcs:oci:api:Approver
  register: mcs

- name: Reuse it in every Oracle task of a block
  module_defaults:
    group/secops.executions.oci:
      api_url: https://mcs-gateway.example.com
      identifier: 5d1c3f0e-8b2a-4c6d-9e7f-1a2b3c4d5e6f
      access_token: "{{ mcs.access_token }}"
  block:
    - name: Show the granted scopes
      ansible.builtin.debug:
        var: mcs.scopes
"""

RETURN = r"""
access_token:
  description: The bearer token (a JWT). Hidden from task output; use it through the registered variable.
  returned: success
  type: str
token_type:
  description: Always C(Bearer).
  returned: success
  type: str
  sample: Bearer
expires_at:
  description: When the token expires, ISO 8601 in UTC.
  returned: success
  type: str
  sample: "2026-11-23T14:05:00Z"
expires_in:
  description: Seconds from now until the token expires.
  returned: success
  type: int
  sample: 3599
scopes:
  description: Scopes granted, from the answer or the token.
  returned: when known
  type: list
  elements: str
  sample: [mcs:oci:api:User, mcs:oci:api:Approver]
api_url:
  description: The API base URL the token is meant for.
  returned: success
  type: str
  sample: https://mcs-gateway.example.com
"""

from ansible_collections.secops.executions.plugins.module_utils.oci.connection import VENDOR
from ansible_collections.secops.executions.plugins.module_utils.token_module import run_token_module


def main():
    run_token_module(VENDOR)


if __name__ == "__main__":
    main()
