#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: cylance_package_info
short_description: List Cylance Optics packages with the invocation examples that show their arguments
version_added: 0.1.0
description:
  - Returns the Optics packages of the tenant (C(GET /packages/v2), every page), or one package by O(id).
  - Each package carries its descriptor, whose C(examples[].invocationString) show the arguments the package expects;
    use them for the O(secops.executions.cylance_package_execution#module:packages[].arguments) of an execution.
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
  name:
    description:
      - Only the packages with exactly this name (C(packageDescriptor.name)). Several packages can share a name,
        for example two uploads of the same script.
    type: str
  id:
    description:
      - ID of one package (any UUID form), read with one C(GET /packages/v2/{id}). An unknown ID gives an empty list.
    type: str
  status:
    description:
      - Only the packages whose upload is in this state. Only V(success) packages can run.
    type: str
    choices: [started, success, failed, timeout]
  category:
    description:
      - Only the packages of this category, V(custom) (uploaded by the tenant) or V(cylance) (provided by BlackBerry).
    type: str
    choices: [custom, cylance]
  sort:
    description:
      - The order of the list, as the API sorts it, by one of C(packageId), C(uploadedOn), C(uploadedBy.id),
        C(uploadedBy.login), C(size), C(status), C(timeout), C(packageDescriptor.name); a leading C(-) sorts
        descending, as in V(-size).
      - Without it the list is newest upload first.
    type: str
notes:
  - "Privileges the application needs: C(opticspkgconfig:list), or C(opticspkgconfig:read) with O(id)."
  - O(name), O(status) and O(category) narrow the result together; with O(id) they filter that one package.
  - O(status), O(category) and O(sort) are sent to the API (C(GET /packages/v2?status=...&category=...&sort=...)), so only
    the matching packages are paged through; O(name) is matched by the module (the API takes no name filter).
  - "The fields O(fields) accepts: C(packageId) (always returned), C(status), C(category), C(downloadUrl),
    C(packageDescriptor), C(size), C(timeout), C(uploadedBy), C(uploadedOn)."
seealso:
  - module: secops.executions.cylance_package_execution
"""

EXAMPLES = r"""
# Credentials come from the CYLANCE_* environment variables here (an AWX credential injects them);
# to request one token for a whole play, see secops.executions.cylance_token.
- name: Find the package and the arguments it takes
  secops.executions.cylance_package_info:
    name: Browser History
    status: success
  register: found

- name: Show how to call it
  ansible.builtin.debug:
    msg: "{{ found.packages[0].packageDescriptor.examples | map(attribute='invocationString') | list }}"

- name: Every package
  secops.executions.cylance_package_info:
  register: all_packages

- name: The largest custom packages that can run, largest first
  secops.executions.cylance_package_info:
    status: success
    category: custom
    sort: -size
    fields: [packageDescriptor, size]
  register: largest

- name: Only the name and state of every package
  secops.executions.cylance_package_info:
    fields: [packageDescriptor, status]
  register: catalogue
"""

RETURN = r"""
packages:
  description:
    - The packages found, as the API returns them, newest upload first.
    - Only the O(fields) asked for (and C(packageId)) when O(fields) is set.
  returned: success, without O(dest)
  type: list
  elements: dict
  contains:
    packageId:
      description: The package ID, to use in an execution.
      type: str
      sample: 61d8944e-d900-4724-87eb-d10078b90a41
    status:
      description: State of the upload (C(started), C(success), C(failed), C(timeout)).
      type: str
      sample: success
    category:
      description: C(custom) or C(cylance).
      type: str
    downloadUrl:
      description: Where the package file is downloaded from.
      type: str
    packageDescriptor:
      description: C(name), C(description), C(version), C(packageInfo) and C(examples), each example with a C(description)
        and an C(invocationString) showing the arguments.
      type: dict
      sample:
        name: Browser History
        description: Collects the browsing history of every user profile.
        version: 2
        examples: [{description: Every supported browser, invocationString: -browser ALL}]
    size:
      description: Size in bytes.
      type: int
    timeout:
      description: Seconds the package may run on a device.
      type: int
    uploadedBy:
      description: Who uploaded it (C(id), C(login)).
      type: dict
    uploadedOn:
      description: When it was uploaded (UTC).
      type: str
dest:
  description: The file the packages were written to.
  returned: with O(dest)
  type: str
  sample: /home/ops/packages.jsonl
count:
  description: How many packages were written (or would be, in check mode).
  returned: with O(dest)
  type: int
  sample: 240
checksum:
  description: SHA-1 of the content written (or that would be), as M(ansible.builtin.stat) reports it.
  returned: with O(dest)
  type: str
  sample: 2aae6c35c94fcfb415dbe95f408b9ce91ee846ed
size:
  description: Size of that content in bytes.
  returned: with O(dest)
  type: int
  sample: 368640
"""

from ansible_collections.secops.executions.plugins.module_utils.cylance.connection import VENDOR
from ansible_collections.secops.executions.plugins.module_utils.cylance.packages import CATEGORIES, STATUSES, package_info
from ansible_collections.secops.executions.plugins.module_utils.listing import list_options
from ansible_collections.secops.executions.plugins.module_utils.module import ApiModule


def main():
    api = ApiModule(
        VENDOR,
        argument_spec=list_options(name=dict(type="str"), id=dict(type="str"), status=dict(type="str", choices=list(STATUSES)),
                                   category=dict(type="str", choices=list(CATEGORIES)), sort=dict(type="str")),
    )
    api.run(package_info)


if __name__ == "__main__":
    main()
