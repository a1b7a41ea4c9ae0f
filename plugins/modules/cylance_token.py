#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: cylance_token
short_description: Get a Cylance / Aurora API access token to reuse across tasks
version_added: 0.1.0
description:
  - Signs an authentication JWT with the application secret (HS256, claims C(iss), C(sub), C(tid), C(iat), C(exp), C(jti)
    and optionally C(scp)) and exchanges it at C(POST /auth/v2/token) for an access token.
  - Pass the returned RV(access_token) to the C(access_token) option of the other Cylance modules, or set it once with
    C(module_defaults), so that a play of N tasks makes N+1 requests instead of 2N.
  - A registered task result is hidden from output, like a task with C(no_log), because it holds a credential; the registered
    variable keeps every field. Unregistered (ad hoc, for example), only the tokens are masked and the expiry is shown.
author:
  - secops.executions maintainers (@secops-collections)
requirements:
  - requests
  - pyjwt
extends_documentation_fragment:
  - secops.executions.cylance.TOKEN_MODULE
  - secops.executions.attributes.READ_ONLY
  - secops.executions.attributes.CYLANCE_GROUP
notes:
  - The API does not document the access token lifetime; RV(expires_at) is read from the token itself.
"""

EXAMPLES = r"""
- name: Get one token for the whole play
  secops.executions.cylance_token:
    region: euc1
    tenant_id: "{{ cylance_tenant_id }}"
    app_id: "{{ cylance_app_id }}"
    app_secret: "{{ cylance_app_secret }}"
    scopes:
      - opticspkgdeploy:create
      - opticspkgdeploy:read
  register: cylance

- name: Reuse it in every Cylance task of a block
  module_defaults:
    group/secops.executions.cylance:
      region: euc1
      access_token: "{{ cylance.access_token }}"
  block:
    - name: Show when the token expires
      ansible.builtin.debug:
        msg: "Token valid until {{ cylance.expires_at }}"
"""

RETURN = r"""
access_token:
  description: The access token. Hidden from task output; use it through the registered variable.
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
  sample: 1799
scopes:
  description: Scopes the API granted, when the token states them.
  returned: when the token lists them
  type: list
  elements: str
  sample: [opticspkgdeploy:read, opticspkgdeploy:list]
api_url:
  description: The API base URL the token belongs to.
  returned: success
  type: str
  sample: https://protectapi-euc1.cylance.com
"""

from ansible_collections.secops.executions.plugins.module_utils.cylance.connection import VENDOR
from ansible_collections.secops.executions.plugins.module_utils.token_module import run_token_module


def main():
    run_token_module(VENDOR)


if __name__ == "__main__":
    main()
