#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: cylance_zone_info
short_description: List Cylance zones, optionally with their member devices
version_added: 0.2.0
description:
  - Returns the zones of the tenant (C(GET /zones/v2), every page), or those with the given names or ID.
  - With O(with_devices), each zone also lists its devices (C(GET /devices/v2/{zone_id}/devices)), in the shape
    of M(secops.executions.cylance_device_info).
author:
  - secops.executions maintainers (@secops-collections)
requirements:
  - requests
  - pyjwt (only to obtain a token from O(app_secret))
extends_documentation_fragment:
  - secops.executions.cylance
  - secops.executions.attributes.READ_ONLY
  - secops.executions.attributes.CYLANCE_GROUP
  - secops.executions.listing
options:
  names:
    description:
      - Only the zones with these names. Zone names are case-insensitive in the console, and here.
      - A name no zone has adds nothing.
    type: list
    elements: str
  id:
    description:
      - Only the zone with this ID (any UUID form).
    type: str
  with_devices:
    description:
      - Add RV(zones[].devices), the member devices of each zone returned, at one request per zone and 10,000 members.
    type: bool
    default: false
notes:
  - "Privileges the application needs: C(zone:list), and C(device:list) with O(with_devices)."
  - O(fields) accepts the keys of RV(zones); C(id) is always returned, and C(devices) too with O(with_devices=true).
seealso:
  - module: secops.executions.cylance_device_info
  - module: secops.executions.cylance_package_execution
"""

EXAMPLES = r"""
- name: Every zone
  secops.executions.cylance_zone_info:
  register: all_zones

- name: The Finance Workstations zone and its devices
  secops.executions.cylance_zone_info:
    names: [finance workstations]
    with_devices: true
  register: finance

- name: Its online devices
  ansible.builtin.debug:
    msg: "{{ finance.zones[0].devices | selectattr('online') | map(attribute='name') | list }}"
"""

RETURN = r"""
zones:
  description: The zones found.
  returned: success, without O(dest)
  type: list
  elements: dict
  contains:
    id:
      description: Zone ID as the console shows it (lower case, dashed).
      type: str
      sample: 24f76658-6a21-4e72-a644-27bd407c9485
    id_compact:
      description: The same ID upper case without dashes, as package executions take it.
      type: str
      sample: 24F766586A214E72A64427BD407C9485
    name:
      description: Zone name.
      type: str
      sample: Finance Workstations
    criticality:
      description: C(Low), C(Normal) or C(High).
      type: str
    policy_id:
      description: ID of the zone's policy, when the API gives one.
      type: str
    date_created:
      description: When the zone was created (UTC).
      type: str
    devices:
      description: The zone's devices, as M(secops.executions.cylance_device_info) returns them, without their zones.
      returned: when O(with_devices=true)
      type: list
      elements: dict
dest:
  description: The file the zones were written to.
  returned: with O(dest)
  type: str
  sample: /home/ops/zones.jsonl
count:
  description: How many zones were written (or would be, in check mode).
  returned: with O(dest)
  type: int
  sample: 200
checksum:
  description: SHA-1 of the content written (or that would be), as M(ansible.builtin.stat) reports it.
  returned: with O(dest)
  type: str
  sample: 2aae6c35c94fcfb415dbe95f408b9ce91ee846ed
size:
  description: Size of that content in bytes.
  returned: with O(dest)
  type: int
  sample: 81920
"""

from ansible_collections.secops.executions.plugins.module_utils.cylance.connection import VENDOR
from ansible_collections.secops.executions.plugins.module_utils.cylance.devices import zone_info
from ansible_collections.secops.executions.plugins.module_utils.listing import list_options
from ansible_collections.secops.executions.plugins.module_utils.module import ApiModule


def main():
    api = ApiModule(
        VENDOR,
        argument_spec=list_options(names=dict(type="list", elements="str"), id=dict(type="str"),
                                   with_devices=dict(type="bool", default=False)),
    )
    api.run(zone_info)


if __name__ == "__main__":
    main()
