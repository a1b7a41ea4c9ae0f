# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Execution targets: devices or zones, given by ID in any form or by name.

The API takes either devices or zones, never both, with IDs upper case and without
dashes. Device names go through the hostname lookup, which answers with a list because
several devices can share a hostname; zone names are case-insensitive in the console.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from urllib.parse import quote

from ansible_collections.secops.executions.plugins.module_utils.cylance import hostnames, ids
from ansible_collections.secops.executions.plugins.module_utils.errors import OptionError
from ansible_collections.secops.executions.plugins.module_utils.options import check_path_values
from ansible_collections.secops.executions.plugins.module_utils.cylance.api import list_devices, pages
from ansible_collections.secops.executions.plugins.module_utils.values import objects

HOSTNAME_PATH = "/devices/v2/hostname/{0}"
ZONES_PATH = "/zones/v2"
DEVICE_OPTIONS = ("devices", "device_names")
ZONE_OPTIONS = ("zones", "zone_names")
MAX_LISTED = 20
# From this many device names on, one walk of the device list (10,000 devices a page) replaces the
# hostname lookups (one request per name): 10 names cost 10 lookups, or one page per 10,000 devices,
# so the walk is never dearer for fleets up to 100,000 devices. 5,000 names against 50,000 devices:
# 5 requests instead of 5,000.
LIST_WALK_FROM = 10


def normalise_ids(values, option):
    """IDs in the form the execution API takes (upper case, no dashes), each once; OptionError names the bad ones."""
    result = []
    malformed = []
    for value in values or []:
        text = ids.compact(value)
        if text is None:
            malformed.append(value)
        elif text not in result:
            result.append(text)
    if malformed:
        raise OptionError(option, "{0} {1} not {2}".format(
            ", ".join("'{0}'".format(value) for value in malformed), "is" if len(malformed) == 1 else "are", ids.EXPECTED))
    return result


def _names(values, option):
    check_path_values({option: values}, (option,))  # a device name is a path segment of the hostname lookup
    names = []
    for value in values or []:
        name = value.strip() if isinstance(value, str) else value
        if not name:
            raise OptionError(option, "names must not be empty")
        if name not in names:
            names.append(name)
    return names


class TargetSpec(object):
    """What the task asked to target, checked before any request: ``kind`` is devices or zones."""

    def __init__(self, kind, id_list, names):
        self.kind = kind
        self.ids = id_list
        self.names = names

    @classmethod
    def from_params(cls, params):
        given = dict((option, params.get(option) or []) for option in DEVICE_OPTIONS + ZONE_OPTIONS)
        device_side = [option for option in DEVICE_OPTIONS if given[option]]
        zone_side = [option for option in ZONE_OPTIONS if given[option]]
        if device_side and zone_side:
            raise OptionError(", ".join(device_side + zone_side),
                              "target devices or zones, not both: the API runs one execution on either")
        if not device_side and not zone_side:
            raise OptionError("devices, device_names, zones, zone_names", "give at least one device or zone to run the packages on")
        if device_side:
            return cls("devices", normalise_ids(given["devices"], "devices"), _names(given["device_names"], "device_names"))
        return cls("zones", normalise_ids(given["zones"], "zones"), _names(given["zone_names"], "zone_names"))

    @property
    def names_option(self):
        return "device_names" if self.kind == "devices" else "zone_names"

    def resolve(self, client):
        """``{"devices": [...]}`` or ``{"zones": [...]}`` as the API takes it; names cost requests only when given."""
        resolved = list(self.ids)
        if self.names:
            lookup = device_ids_by_hostname if self.kind == "devices" else zone_ids_by_name
            for found in lookup(client, self.names):
                if found not in resolved:
                    resolved.append(found)
        return {self.kind: resolved}


def _listed(items, describe):
    return ", ".join(describe(item) for item in items[:MAX_LISTED]) + (", ..." if len(items) > MAX_LISTED else "")


def _describe_device(device):
    return "{0} ({1})".format(ids.dashed(device.get("id")) or device.get("id"), device.get("state", "state unknown"))


def devices_named(client, hostname):
    """Devices whose hostname is ``hostname`` (case-insensitive), from the hostname lookup."""
    response = client.get(HOSTNAME_PATH.format(quote(hostname, safe="")), allow_status=(404,))
    if client.not_found(response):
        return []
    found = response.json
    # Documented as a list; a paged envelope or a single object is accepted too.
    if isinstance(found, dict):
        found = found["page_items"] if "page_items" in found else [found]
    named = [device for device in objects(found) if str(device.get("name") or "").lower() == hostname.lower()]
    return once_per_id(named)


def once_per_id(devices):
    """Each device once: a device listed twice is not two devices with that hostname."""
    kept = {}
    for index, device in enumerate(devices):
        kept.setdefault(ids.compact(device.get("id")) or index, device)
    return list(kept.values())


def match_hostnames(names, found_by_name):
    """``([compact IDs], [problems])`` for each name and the devices its lookup found."""
    resolved = []
    problems = []
    for name in names:
        devices = found_by_name[name]
        if len(devices) == 1 and ids.compact(devices[0].get("id")):
            resolved.append(ids.compact(devices[0]["id"]))
        elif not devices:
            problems.append("no device has the hostname '{0}'".format(name))
        else:
            problems.append("{0} devices have the hostname '{1}': {2}; give the device ID in devices instead".format(
                len(devices), name, _listed(devices, _describe_device)))
    return resolved, problems


def devices_named_or_short(client, name):
    """The hostname lookup for a name, then for its first label when it is an FQDN no device has as a whole."""
    for candidate in hostnames.spellings(name):
        found = devices_named(client, candidate)
        if found:
            return found
    return []


def devices_by_name(client, names):
    """``{name: [devices]}``: one lookup per name for a few names, one walk of the device list for LIST_WALK_FROM or more."""
    if len(names) >= LIST_WALK_FROM:
        return hostnames.match(names, list_devices(client))
    return dict((name, devices_named_or_short(client, name)) for name in names)


def device_ids_by_hostname(client, names):
    """Device IDs for hostnames or FQDNs (case-insensitive); every unresolved name is reported in one OptionError."""
    resolved, problems = match_hostnames(names, devices_by_name(client, names))
    if problems:
        raise OptionError("device_names", "; ".join(problems))
    return resolved


def match_zone_names(names, zones):
    """``([compact IDs], [problems])`` for zone names, matched case-insensitively as the console does."""
    resolved = []
    problems = []
    for name in names:
        matches = [zone for zone in zones if str(zone.get("name") or "").lower() == name.lower()]
        if len(matches) == 1 and ids.compact(matches[0].get("id")):
            resolved.append(ids.compact(matches[0]["id"]))
        elif not matches:
            known = sorted(str(zone.get("name") or "") for zone in zones)
            problems.append("no zone is named '{0}'; zones: {1}".format(
                name, _listed(["'{0}'".format(zone_name) for zone_name in known], str) if known else "none"))
        else:
            problems.append("{0} zones are named '{1}': {2}; give the zone ID in zones instead".format(
                len(matches), name, _listed(matches, lambda zone: "{0} ({1})".format(ids.dashed(zone.get("id")), zone.get("name")))))
    return resolved, problems


def zone_ids_by_name(client, names):
    """One walk of the zone list for all the names; every unresolved name is reported in one OptionError."""
    zones = [zone for zone in pages(client, ZONES_PATH) if isinstance(zone, dict)]
    resolved, problems = match_zone_names(names, zones)
    if problems:
        raise OptionError("zone_names", "; ".join(problems))
    return resolved
