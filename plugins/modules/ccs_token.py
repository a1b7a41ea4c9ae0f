#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ccs_token
short_description: Log in to Symantec Control Compliance Suite once and reuse the token
version_added: 0.1.0
description:
  - Logs in with the OAuth2 password grant at C(POST /ccs/api/v1/oauth/tokens) and returns the access and refresh tokens.
  - Pass RV(access_token) (and RV(refresh_token), to renew it when it expires) to the other CCS modules, or set them once
    with C(module_defaults), so that a play of N tasks makes N+1 requests instead of 2N.
  - A registered task result is hidden from output, like a task with C(no_log), because it holds credentials; the registered
    variable keeps every field. Unregistered (ad hoc, for example), only the tokens are masked and the expiry is shown.
author:
  - secops.executions maintainers (@secops-collections)
requirements:
  - requests
extends_documentation_fragment:
  - secops.executions.ccs.TOKEN_MODULE
  - secops.executions.attributes.READ_ONLY
  - secops.executions.attributes.CCS_GROUP
notes:
  - The request body is form-encoded, so user names such as C(CORP\jdoe) and passwords containing C(&), C(+), C(%) or C(=)
    arrive intact.
"""

EXAMPLES = r"""
- name: Log in to CCS once
  secops.executions.ccs_token:
    api_url: https://ccs.example.com:12431
    username: 'CORP\ccs-automation'
    password: "{{ ccs_password }}"
    ca_path: /etc/pki/corp-root-ca.pem
  register: ccs

- name: Reuse the token in every CCS task of a block
  module_defaults:
    group/secops.executions.ccs:
      api_url: https://ccs.example.com:12431
      ca_path: /etc/pki/corp-root-ca.pem
      access_token: "{{ ccs.access_token }}"
      refresh_token: "{{ ccs.refresh_token }}"
  block:
    - name: Show when the token expires
      ansible.builtin.debug:
        msg: "Token valid until {{ ccs.expires_at }}"
"""

RETURN = r"""
access_token:
  description: The access token. Hidden from task output; use it through the registered variable.
  returned: success
  type: str
refresh_token:
  description: The refresh token, when the server issued one. Hidden from task output.
  returned: success
  type: str
token_type:
  description: The token type, C(Bearer).
  returned: success
  type: str
  sample: Bearer
expires_at:
  description: When the access token expires, ISO 8601 in UTC.
  returned: success
  type: str
  sample: "2026-11-23T14:05:00Z"
expires_in:
  description: Seconds from now until the access token expires.
  returned: success
  type: int
  sample: 3599
api_url:
  description: The API base URL the token belongs to.
  returned: success
  type: str
  sample: https://ccs.example.com:12431/ccs/api/v1
"""

from ansible_collections.secops.executions.plugins.module_utils.ccs.connection import VENDOR
from ansible_collections.secops.executions.plugins.module_utils.token_module import run_token_module


def main():
    run_token_module(VENDOR, extra_result=lambda token: {"refresh_token": token.refresh_token})


if __name__ == "__main__":
    main()
