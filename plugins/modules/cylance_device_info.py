#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: cylance_device_info
short_description: Find Cylance devices by ID, hostname, MAC address or zone, or list them with filters
version_added: 0.2.0
description:
  - Returns Cylance devices in the same shape as the host variables of the
    P(secops.executions.cylance_devices#inventory) inventory (without its C(cylance_) prefix).
  - Without a lookup option, lists every device of the tenant (C(GET /devices/v2), 10,000 per page).
  - O(id) reads one device; O(hostnames) uses the hostname lookup, one request per name, and may find several
    devices per name (a re-imaged machine keeps its hostname); O(mac) uses the MAC address lookup.
  - O(zones) keeps the devices of those zones, read from the zones' member lists.
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
  id:
    description:
      - ID of one device, in any UUID form (console form or upper case without dashes). An unknown ID gives an empty list.
    type: str
  hostnames:
    description:
      - Hostnames to look up, case-insensitive. Each name may match several devices; a name that matches none adds nothing.
    type: list
    elements: str
  mac:
    description:
      - A MAC address, in any spelling (C(00-0C-29-5A-1B-2C), C(00:0c:29:5a:1b:2c)).
    type: str
  zones:
    description:
      - Only the devices in one of these zones, by name (case-insensitive). An unknown zone name fails the task.
    type: list
    elements: str
  state:
    description:
      - Only the devices in this state.
    type: str
    choices: [online, offline]
  os:
    description:
      - Only the devices whose C(os_version) contains one of these texts, case-insensitive (for example C(windows), C(server)).
      - The device list does not carry the OS, so this reads each remaining device with C(GET /devices/v2/{id}),
        one request per device. Narrow the list with O(zones) or O(state) first on large fleets.
    type: list
    elements: str
  with_zones:
    description:
      - Return the zones of each device in RV(devices[].zones). Listing walks the member list of every zone
        (one request per zone and 10,000 members); a lookup asks each device found for its zones.
    type: bool
    default: true
  details:
    description:
      - Read each device with C(GET /devices/v2/{id}) for the fields only that answer has (C(os_version), C(host_name),
        C(date_offline)), one request per device. O(os) implies it. Lookups by O(id) or O(hostnames) already have them.
    type: bool
    default: false
notes:
  - "Privileges the application needs: C(device:list) (C(device:read) for a lookup), and C(zone:list) for zones."
  - O(fields) accepts the keys of RV(devices); C(id) is always returned. Without C(zones) and C(zone_ids) among them,
    the zones' member lists are not read at all (unless O(zones) filters on them), so a fleet costs only its device pages.
  - With O(dest), the devices are written as each page of the device list arrives (10,000 a page), so a fleet of any
    size costs the memory of one page.
  - O(id), O(hostnames) and O(mac) are each a lookup of their own; give at most one.
seealso:
  - module: secops.executions.cylance_zone_info
  - plugin: secops.executions.cylance_devices
    plugin_type: inventory
"""

EXAMPLES = r"""
# Credentials come from the CYLANCE_* environment variables here (an AWX credential injects them).
- name: Every device of the Finance Workstations zone that is online
  secops.executions.cylance_device_info:
    zones: [Finance Workstations]
    state: online
  register: finance

- name: Which devices answer to this hostname (a re-imaged machine keeps its name)
  secops.executions.cylance_device_info:
    hostnames: [KIOSK-01]
  register: kiosks

- name: Show their IDs and states
  ansible.builtin.debug:
    msg: "{{ kiosks.devices | map(attribute='id') | zip(kiosks.devices | map(attribute='state')) | list }}"

- name: The whole fleet to a file on the controller, four fields of each device (one request per 10,000 devices)
  secops.executions.cylance_device_info:
    fields: [name, state, agent_version, last_seen]
    dest: "{{ playbook_dir }}/fleet.jsonl"
  register: fleet

- name: Say how many
  ansible.builtin.debug:
    msg: "{{ fleet.count }} devices in {{ fleet.dest }}"

- name: One device by ID, without its zones
  secops.executions.cylance_device_info:
    id: E378DACB9324453AB8C65A8406952195
    with_zones: false
  register: one
"""

RETURN = r"""
devices:
  description: The devices found, in the order the API listed them.
  returned: success, without O(dest)
  type: list
  elements: dict
  contains:
    id:
      description: Device ID as the console shows it (lower case, dashed).
      type: str
      sample: e378dacb-9324-453a-b8c6-5a8406952195
    id_compact:
      description: The same ID upper case without dashes, as package executions take it.
      type: str
      sample: E378DACB9324453AB8C65A8406952195
    name:
      description: Hostname of the device.
      type: str
      sample: FIN-WS-01
    host_name:
      description: Host name as Get Device reports it; null when the answer did not carry it (the device list does not).
      type: str
    state:
      description: C(Online) or C(Offline).
      type: str
    online:
      description: Whether the state is C(Online).
      type: bool
    os_version:
      description: Operating system, from Get Device; null when not read (see O(details)).
      type: str
      sample: Microsoft Windows 10 Enterprise
    agent_version:
      description: Version of the Cylance agent.
      type: str
    policy_id:
      description: ID of the device policy.
      type: str
    policy_name:
      description: Name of the device policy.
      type: str
    ip_addresses:
      description: IP addresses of the device.
      type: list
      elements: str
    mac_addresses:
      description: MAC addresses of the device.
      type: list
      elements: str
    date_first_registered:
      description: When the device first registered (UTC).
      type: str
    date_offline:
      description: When an offline device went offline (UTC), from Get Device; null otherwise.
      type: str
    last_seen:
      description: C(date_offline), else C(date_last_modified), when the answer had them; null otherwise.
      type: str
    zones:
      description: Names of the zones the device belongs to, sorted; null when O(with_zones=false).
      type: list
      elements: str
    zone_ids:
      description: IDs of those zones; null when O(with_zones=false).
      type: list
      elements: str
dest:
  description: The file the devices were written to.
  returned: with O(dest)
  type: str
  sample: /home/ops/devices.jsonl
count:
  description: How many devices were written (or would be, in check mode).
  returned: with O(dest)
  type: int
  sample: 50000
checksum:
  description: SHA-1 of the content written (or that would be), as M(ansible.builtin.stat) reports it.
  returned: with O(dest)
  type: str
  sample: 2aae6c35c94fcfb415dbe95f408b9ce91ee846ed
size:
  description: Size of that content in bytes.
  returned: with O(dest)
  type: int
  sample: 21474836
"""

from ansible_collections.secops.executions.plugins.module_utils.cylance.connection import VENDOR
from ansible_collections.secops.executions.plugins.module_utils.cylance.devices import STATES, device_info
from ansible_collections.secops.executions.plugins.module_utils.listing import list_options
from ansible_collections.secops.executions.plugins.module_utils.module import ApiModule


def main():
    api = ApiModule(
        VENDOR,
        argument_spec=list_options(
            id=dict(type="str"),
            hostnames=dict(type="list", elements="str"),
            mac=dict(type="str"),
            zones=dict(type="list", elements="str"),
            state=dict(type="str", choices=list(STATES)),
            os=dict(type="list", elements="str"),
            with_zones=dict(type="bool", default=True),
            details=dict(type="bool", default=False),
        ),
        mutually_exclusive=[("id", "hostnames", "mac")],
    )
    api.run(device_info)


if __name__ == "__main__":
    main()
