# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: cylance_devices
short_description: Cylance devices as inventory hosts, their zones as groups
version_added: 0.2.0
description:
  - Reads the devices of a Cylance tenant (C(GET /devices/v2), 10,000 per page) and adds each as a host, named by its
    hostname unless O(hostnames) says otherwise, with the device's fields as host variables prefixed with O(vars_prefix)
    (the same fields M(secops.executions.cylance_device_info) returns).
  - Each zone becomes a group named O(zone_group_prefix) and the zone name in lower case with every other character
    than letters, digits and C(_) replaced by C(_) (C(Finance Workstations) is C(zone_finance_workstations)).
  - Requests one access token per run (none when O(access_token) is given). A fleet of 50,000 devices costs five
    device pages and the token; zone groups add the zone list and one request per zone and 10,000 members.
  - The configuration file must end in C(cylance_devices.yml) or C(cylance_devices.yaml).
  - Connection options and credentials are the same as the modules', from this file or the same environment
    variables; none of them ever appears in the inventory's output.
author:
  - secops.executions maintainers (@secops-collections)
requirements:
  - requests
  - pyjwt (only to obtain a token from O(app_secret))
extends_documentation_fragment:
  - secops.executions.cylance.PLUGIN
  - ansible.builtin.constructed
  - ansible.builtin.inventory_cache
options:
  plugin:
    description: The name of this plugin; it makes the file a configuration of this plugin.
    required: true
    type: str
    choices: [secops.executions.cylance_devices]
  hostnames:
    description:
      - How to name each host, in order of preference; the first that gives a value for a device is used.
      - V(name) is the hostname the console shows, V(ip_address) the first IP address, V(mac_address) the first MAC address,
        V(id) the device ID (console form), V(id_compact) the ID upper case without dashes, V(host_name) the host name of
        Get Device (only with O(details=true)).
      - When two devices would get the same name (a re-imaged machine keeps its hostname), the later ones get their
        compact ID appended (C(KIOSK-01_E2BE7331080E4DCC9FE0D312692C21F2)) and a warning says so.
    type: list
    elements: str
    default: [name]
  state:
    description: Only devices in this state. The API has no such filter; it is applied to the list it returns.
    type: str
    choices: [online, offline]
  zones:
    description:
      - Only devices in one of these zones, by name (case-insensitive), read from the zones' member lists instead of
        the whole device list. An unknown zone name is an error that lists the zones.
    type: list
    elements: str
  os:
    description:
      - Only devices whose OS (C(os_version)) contains one of these texts, case-insensitive.
      - The device list does not carry the OS, so this reads each remaining device with C(GET /devices/v2/{id}),
        one request per device; narrow with O(zones) or O(state) first on large fleets.
    type: list
    elements: str
  details:
    description:
      - Read each device with C(GET /devices/v2/{id}) for C(os_version), C(host_name) and C(date_offline), one request per
        device. O(os) implies it.
    type: bool
    default: false
  zone_groups:
    description:
      - Make a group of each zone and set the C(zones) and C(zone_ids) host variables, from the zones' member lists.
      - Without it, those variables are null and a run costs only the device pages and the token.
    type: bool
    default: true
  zone_group_prefix:
    description: Prefix of the zone groups' names.
    type: str
    default: zone_
  vars_prefix:
    description: Prefix of the host variables, so that C(name) or C(state) do not collide with other variables.
    type: str
    default: cylance_
  fields:
    description:
      - Set host variables for only these device fields (the keys of RV(secops.executions.cylance_device_info#module:devices));
        C(id) is always set. An unknown field is an error that lists the fields.
      - Each host variable costs time and memory in every run that loads the inventory; a large fleet loads faster with
        only the fields the plays use.
      - O(compose), O(groups) and O(keyed_groups) see only these fields. Zone groups are made from the zones whatever
        the fields (see O(zone_groups)).
    type: list
    elements: str
notes:
  - "Privileges the application needs: C(device:list), and C(zone:list) for zone groups or O(zones)."
  - With the cache on (O(cache=true) and a cache plugin such as C(ansible.builtin.jsonfile)), a run within
    O(cache_timeout) makes no request at all.
seealso:
  - module: secops.executions.cylance_device_info
  - module: secops.executions.cylance_zone_info
"""

EXAMPLES = r"""
# The smallest file takes everything from the CYLANCE_* environment variables:
#   plugin: secops.executions.cylance_devices

# fleet.cylance_devices.yml: online devices of two zones, also grouped by policy and agent version
plugin: secops.executions.cylance_devices
api_url: https://protectapi-euc1.cylance.com
state: online
zones: [Finance Workstations, Servers]
keyed_groups:
  - key: cylance_policy_name
    prefix: policy
  - key: cylance_agent_version
    prefix: agent
groups:
  kiosks: cylance_name is match('KIOSK-')
compose:
  ansible_host: cylance_ip_addresses[0]
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: /tmp/cylance_inventory
cache_timeout: 3600
"""

import re

from ansible.errors import AnsibleParserError
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable

from ansible_collections.secops.executions.plugins.module_utils.cylance.connection import VENDOR
from ansible_collections.secops.executions.plugins.module_utils.cylance.devices import DEVICE_FIELDS, DeviceQuery, collect
from ansible_collections.secops.executions.plugins.module_utils.errors import SecopsError
from ansible_collections.secops.executions.plugins.module_utils.listing import only_fields, selected_fields
from ansible_collections.secops.executions.plugins.module_utils.redaction import SecretMask
from ansible_collections.secops.executions.plugins.plugin_utils.api_client import build_client, check, params_from


def _first(values):
    return values[0] if values else None


HOSTNAME_SOURCES = {
    "name": lambda device: device.get("name"),
    "host_name": lambda device: device.get("host_name"),
    "ip_address": lambda device: _first(device.get("ip_addresses")),
    "mac_address": lambda device: _first(device.get("mac_addresses")),
    "id": lambda device: device.get("id"),
    "id_compact": lambda device: device.get("id_compact"),
}
FILE_ENDINGS = ("cylance_devices.yml", "cylance_devices.yaml")


def group_name(prefix, zone):
    return prefix + re.sub(r"[^a-z0-9_]", "_", zone.lower())


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):
    NAME = "secops.executions.cylance_devices"

    def verify_file(self, path):
        return super(InventoryModule, self).verify_file(path) and path.endswith(FILE_ENDINGS)

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path, cache=cache)
        self._read_config_data(path)
        preferences = self._hostname_preferences()
        fields = self._fields()
        cache_key = self.get_cache_key(path)
        use_cache = self.get_option("cache") and cache
        devices = None
        if use_cache:
            try:
                devices = self._cache[cache_key]
            except KeyError:
                devices = None  # not cached yet, or expired
        if devices is None:
            devices = self._fetch()
            if self.get_option("cache"):
                self._cache[cache_key] = devices
        self._populate(devices, preferences, fields)

    def _fields(self):
        """The device fields to set as host variables; None for all of them."""
        try:
            return selected_fields(self.get_option("fields"), DEVICE_FIELDS, "id")
        except SecopsError as exc:
            raise AnsibleParserError("cylance_devices: {0}".format(exc.msg))

    def _hostname_preferences(self):
        preferences = self.get_option("hostnames") or ["name"]
        unknown = [name for name in preferences if name not in HOSTNAME_SOURCES]
        if unknown:
            raise AnsibleParserError("hostnames: unknown {0}; choose from {1}".format(
                ", ".join(unknown), ", ".join(sorted(HOSTNAME_SOURCES))))
        return preferences

    def _fetch(self):
        """Device views from the API: every option checked first, then one client (one token) for every request."""
        params = params_from(VENDOR, self.get_option)
        mask = SecretMask(VENDOR.options, params)
        try:
            check(VENDOR, params)
            query = DeviceQuery.from_params({
                "state": self.get_option("state"), "zones": self.get_option("zones"), "os": self.get_option("os"),
                "with_zones": self.get_option("zone_groups"), "details": self.get_option("details"),
            })
            return collect(build_client(VENDOR, params, mask, warn=self.display.warning), query)
        except SecopsError as exc:
            raise AnsibleParserError("cylance_devices: {0}".format(mask(exc.msg)))

    def _host_name(self, device, preferences):
        for preference in preferences:
            value = HOSTNAME_SOURCES[preference](device)
            if value:
                return str(value)
        return device.get("id")

    def _populate(self, devices, preferences, fields=None):
        prefix = self.get_option("vars_prefix")
        zone_prefix = self.get_option("zone_group_prefix")
        strict = self.get_option("strict")
        renamed = []
        for device in devices:
            host = self._host_name(device, preferences)
            if host in self.inventory.hosts:
                host = "{0}_{1}".format(host, device.get("id_compact"))
                renamed.append(host)
            self.inventory.add_host(host)
            hostvars = dict((prefix + key, value) for key, value in only_fields(device, fields).items())
            for key, value in hostvars.items():
                self.inventory.set_variable(host, key, value)
            for zone in device.get("zones") or []:
                group = self.inventory.add_group(group_name(zone_prefix, zone))
                self.inventory.add_child(group, host)
            self._set_composite_vars(self.get_option("compose"), hostvars, host, strict=strict)
            self._add_host_to_composed_groups(self.get_option("groups"), hostvars, host, strict=strict)
            self._add_host_to_keyed_groups(self.get_option("keyed_groups"), hostvars, host, strict=strict)
        if renamed:
            self.display.warning("cylance_devices: {0} device(s) share a hostname with another; named by hostname and ID: {1}".format(
                len(renamed), ", ".join(renamed[:10]) + (", ..." if len(renamed) > 10 else "")))
