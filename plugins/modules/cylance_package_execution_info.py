#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: cylance_package_execution_info
short_description: Read Cylance Optics package executions and their device counts
version_added: 0.1.0
description:
  - Returns one package execution by O(id), the executions named O(name), or every execution of the tenant.
  - The list is read page by page (200 executions a page) until the last page the API reports.
  - For long lists, O(fields) returns only some fields of each execution, and O(dest) writes the executions to a file
    page by page instead of returning them (the task's memory then does not grow with the list).
  - The API documents no filter for this list, so O(name) is matched by the module over the whole list.
author:
  - secops.executions maintainers (@secops-collections)
requirements:
  - requests
  - pyjwt (only to obtain a token from O(app_secret))
extends_documentation_fragment:
  - secops.executions.cylance
  - secops.executions.listing
  - secops.executions.attributes.READ_ONLY
  - secops.executions.attributes.CYLANCE_GROUP
options:
  id:
    description:
      - ID of one execution (any UUID form), read with one C(GET /packages/v2/executions/{id}).
      - An unknown ID gives an empty RV(executions) list.
    type: str
  name:
    description:
      - Only the executions with exactly this name (names are not unique), newest first.
    type: str
notes:
  - "Privileges the application needs: C(opticspkgdeploy:read) with O(id), C(opticspkgdeploy:list) otherwise."
  - "The fields O(fields) accepts: C(id), C(name), C(createdAt), C(createdBy), C(destination), C(deviceCount),
    C(deviceStatuses), C(keepResultsLocally), C(packageExecutions), C(target)."
  - "An execution is finished when C(deviceStatuses.succeeded) plus C(deviceStatuses.failed) reach C(deviceCount)."
seealso:
  - module: secops.executions.cylance_package_execution
"""

EXAMPLES = r"""
# Credentials come from the CYLANCE_* environment variables here (an AWX credential injects them);
# to request one token for a whole play, see secops.executions.cylance_token.
- name: Read one execution
  secops.executions.cylance_package_execution_info:
    id: abebf88c-f283-4edc-834b-aa8ad3bc682c
  register: one

- name: Show its progress
  ansible.builtin.debug:
    msg: "{{ one.executions[0].deviceStatuses }} of {{ one.executions[0].deviceCount }} devices"
  when: one.executions | length > 0

- name: Every execution named like this
  secops.executions.cylance_package_execution_info:
    name: "Browser history {{ '%Y-%m-%d' | strftime }}"
  register: named

- name: Every execution of the tenant
  secops.executions.cylance_package_execution_info:
  register: everything

- name: Only the name and progress of every execution
  secops.executions.cylance_package_execution_info:
    fields: [name, createdAt, deviceCount, deviceStatuses]
  register: progress

- name: Every execution of a large tenant, into a file on the controller (one JSON object a line)
  secops.executions.cylance_package_execution_info:
    dest: "{{ playbook_dir }}/executions.jsonl"
  register: exported

- name: Say how many were written
  ansible.builtin.debug:
    msg: "{{ exported.count }} executions in {{ exported.dest }} (sha1 {{ exported.checksum }})"
"""

RETURN = r"""
executions:
  description:
    - The executions found, as the API returns them, with the user information of C(destination) URLs masked.
    - Only the O(fields) asked for (and C(id)) when O(fields) is set.
    - Not returned with O(dest).
    - See RV(secops.executions.cylance_package_execution#module:execution) for the fields.
  returned: success, without O(dest)
  type: list
  elements: dict
  sample:
    - id: abebf88c-f283-4edc-834b-aa8ad3bc682c
      name: Browser history 2026-11-23
      createdAt: "2026-11-23T13:25:19.347Z"
      createdBy: {id: 0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b, login: null}
      destination: ""
      deviceCount: 3
      deviceStatuses: {acked: 0, succeeded: 2, failed: 1}
      keepResultsLocally: true
      packageExecutions: [{arguments: [-browser ALL], package: "https://content-na.cylance.com/61D8944ED900472487EBD10078B90A41"}]
      target: {zones: [24F766586A214E72A64427BD407C9485]}
dest:
  description: The file the executions were written to.
  returned: with O(dest)
  type: str
  sample: /home/ops/executions.jsonl
count:
  description: How many executions were written (or would be, in check mode).
  returned: with O(dest)
  type: int
  sample: 100000
checksum:
  description: SHA-1 of the content written (or that would be), as M(ansible.builtin.stat) reports it.
  returned: with O(dest)
  type: str
  sample: 2aae6c35c94fcfb415dbe95f408b9ce91ee846ed
size:
  description: Size of that content in bytes.
  returned: with O(dest)
  type: int
  sample: 61440000
"""

from ansible_collections.secops.executions.plugins.module_utils.cylance.connection import VENDOR
from ansible_collections.secops.executions.plugins.module_utils.cylance.executions import execution_info
from ansible_collections.secops.executions.plugins.module_utils.listing import list_options
from ansible_collections.secops.executions.plugins.module_utils.module import ApiModule


def main():
    api = ApiModule(
        VENDOR,
        argument_spec=list_options(id=dict(type="str"), name=dict(type="str")),
        mutually_exclusive=[("id", "name")],
    )
    api.run(execution_info)


if __name__ == "__main__":
    main()
