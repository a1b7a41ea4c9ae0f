# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cylance devices and zones as data: one view for the info modules and the inventory's host vars.

The device list (Get Devices) carries ``id``, ``name``, ``state``, ``agent_version``,
``date_first_registered``, ``ip_addresses``, ``mac_addresses`` and ``policy``; only Get Device
(one device) adds ``os_version``, ``host_name`` and the dates it was last seen. A device's zones
come from the zones' member lists. ``DeviceQuery`` checks what a task or inventory asked for
before any request; ``collect`` makes the fewest requests that answer it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.secops.executions.plugins.module_utils.cylance import api, hostnames, ids
from ansible_collections.secops.executions.plugins.module_utils.cylance.targets import devices_named, match_zone_names
from ansible_collections.secops.executions.plugins.module_utils.errors import OptionError
from ansible_collections.secops.executions.plugins.module_utils.listing import ListRequest, Through, only_fields
from ansible_collections.secops.executions.plugins.module_utils.paging import Collected
from ansible_collections.secops.executions.plugins.module_utils.values import items, mapping

STATES = ("online", "offline")
# Fields only Get Device answers with: asking for them (or filtering on the OS) costs one request per device.
DETAIL_FIELDS = ("os_version", "host_name", "date_offline", "date_last_modified", "last_logged_in_user")
# The fields of a device view (what ``fields`` of cylance_device_info and of the inventory accept), and those the
# zones' member lists give.
DEVICE_FIELDS = ("id", "id_compact", "name", "host_name", "state", "online", "os_version", "agent_version", "policy_id",
                 "policy_name", "ip_addresses", "mac_addresses", "date_first_registered", "date_offline", "last_seen", "zones",
                 "zone_ids")
DEVICE_ZONE_FIELDS = ("zones", "zone_ids")
# The fields of a zone view (what ``fields`` of cylance_zone_info accepts).
ZONE_FIELDS = ("id", "id_compact", "name", "criticality", "policy_id", "date_created", "devices")


# --- views -----------------------------------------------------------------------------------------

def is_online(state):
    return isinstance(state, str) and state.lower() == "online"


def device_view(device, zones=None):
    """One snake_case dict per device, whatever the answer held; ``zones`` are zone views, None when not read."""
    device = mapping(device)
    policy = mapping(device.get("policy"))
    state = device.get("state")
    return {
        "id": ids.dashed(device.get("id")) or device.get("id"),
        "id_compact": ids.compact(device.get("id")),
        "name": device.get("name"),
        "host_name": device.get("host_name"),
        "state": state,
        "online": is_online(state),
        "os_version": device.get("os_version"),
        "agent_version": device.get("agent_version"),
        "policy_id": policy.get("id"),
        "policy_name": policy.get("name"),
        "ip_addresses": [ip for ip in items(device.get("ip_addresses")) if isinstance(ip, str)],
        "mac_addresses": [mac for mac in items(device.get("mac_addresses")) if isinstance(mac, str)],
        "date_first_registered": device.get("date_first_registered"),
        "date_offline": device.get("date_offline"),
        "last_seen": device.get("date_offline") or device.get("date_last_modified"),
        "zones": None if zones is None else sorted(zone["name"] for zone in zones),
        "zone_ids": None if zones is None else sorted(zone["id"] for zone in zones),
    }


def zone_view(zone):
    zone = mapping(zone)
    return {
        "id": ids.dashed(zone.get("id")) or zone.get("id"),
        "id_compact": ids.compact(zone.get("id")),
        "name": zone.get("name"),
        "criticality": zone.get("criticality"),
        "policy_id": zone.get("policy_id"),
        "date_created": zone.get("date_created"),
    }


# --- what was asked for ----------------------------------------------------------------------------

def _texts(values, option):
    result = []
    for value in values or []:
        if not isinstance(value, str) or not value.strip():
            raise OptionError(option, "entries must be non-empty strings, got {0!r}".format(value))
        if value.strip() not in result:
            result.append(value.strip())
    return result


class DeviceQuery(object):
    """Which devices: by ID, hostnames, MAC or zone names, narrowed by state and OS; checked before any request."""

    def __init__(self, device_id=None, names=None, mac=None, zones=None, state=None, os=None, with_zones=True, details=False):
        self.device_id = device_id
        self.hostnames = names or []
        self.mac = mac
        self.zones = zones or []
        self.state = state
        self.os = os or []
        self.with_zones = with_zones
        # The OS is only in Get Device's answer: filtering on it reads each remaining device.
        self.details = bool(details or self.os)

    @classmethod
    def from_params(cls, params, id_option="id"):
        device_id = params.get(id_option)
        if device_id is not None and ids.compact(device_id) is None:
            raise OptionError(id_option, "'{0}' is not {1}".format(device_id, ids.EXPECTED))
        lookups = [name for name in (id_option, "hostnames", "mac") if params.get(name)]
        if len(lookups) > 1:
            raise OptionError(", ".join(lookups), "give one of them: each is a lookup of its own")
        state = params.get("state")
        if state is not None and state not in STATES:
            raise OptionError("state", "must be one of {0}, got '{1}'".format(", ".join(STATES), state))
        mac = params.get("mac")
        if mac is not None and not (isinstance(mac, str) and mac.strip()):
            raise OptionError("mac", "must be a MAC address such as 00-0C-29-5A-1B-2C")
        return cls(device_id=device_id, names=_texts(params.get("hostnames"), "hostnames"), mac=mac,
                   zones=_texts(params.get("zones"), "zones"), state=state, os=_texts(params.get("os"), "os"),
                   with_zones=params.get("with_zones", True), details=params.get("details", False))

    def keeps_state(self, device):
        """On a list item as the API gave it (a view carries the same ``state``), so no view is built twice."""
        return not self.state or is_online(mapping(device).get("state")) == (self.state == "online")

    def keeps_os(self, view):
        """The OS as a case-insensitive part of ``os_version``."""
        os_version = (view.get("os_version") or "").lower()
        return not self.os or any(part.lower() in os_version for part in self.os)


# --- the walks ---------------------------------------------------------------------------------------

def _zone_membership(client, zones):
    """``({compact device ID: [zone views]}, {compact device ID: device})`` from each zone's member list."""
    member_of = {}
    members = {}
    for zone in zones:
        for device in api.zone_members(client, zone["id"]):
            key = ids.compact(mapping(device).get("id"))
            if key:
                member_of.setdefault(key, []).append(zone)
                members.setdefault(key, device)
    return member_of, members


def _wanted_zone_ids(query, zones):
    wanted, problems = match_zone_names(query.zones, zones)
    if problems:
        raise OptionError("zones", "; ".join(problems))
    return set(wanted)


def _looked_up(client, query):
    """Devices of an ID, hostname or MAC lookup (None when the query is no lookup)."""
    if query.device_id:
        found = api.get_device(client, query.device_id)
        return [found] if found else []
    if query.hostnames:
        return [device for name in query.hostnames for device in devices_named(client, name)]
    if query.mac:
        return api.devices_by_mac(client, query.mac)
    return None


def _is_detailed(device):
    return any(key in mapping(device) for key in DETAIL_FIELDS)


def _with_details(client, device):
    """Get Device's answer for a list item, or the item itself when it already has the details (or is gone)."""
    if _is_detailed(device):
        return device
    return api.get_device(client, mapping(device).get("id")) or device


class Walk(object):
    """The requests one query costs: zones and their members when needed, then the devices."""

    def __init__(self, client, query):
        self.client = client
        self.query = query
        self.zones = None
        self.wanted_zones = None
        self.member_of = {}
        self.members = {}

    def _read_zones(self):
        query = self.query
        if not (query.with_zones or query.zones):
            return
        zones = [zone_view(zone) for zone in api.list_zones(self.client)]
        if query.zones:
            self.wanted_zones = _wanted_zone_ids(query, zones)
        walked = zones if query.with_zones else [zone for zone in zones if zone["id_compact"] in self.wanted_zones]
        self.zones = walked if query.with_zones else None
        self.member_of, self.members = _zone_membership(self.client, walked)

    def _in_wanted_zone(self, key):
        return self.wanted_zones is None or any(zone["id_compact"] in self.wanted_zones for zone in self.member_of.get(key, []))

    def _zones_of(self, key, one_by_one):
        if one_by_one:
            return [zone_view(zone) for zone in api.device_zones(self.client, key)]
        return self.member_of.get(key, []) if self.zones is not None else None

    def devices(self, into=None):
        """Device views, each once, filtered by zone, state and OS: returned, or into the sink ``into`` a page at a time."""
        query = self.query
        raw = _looked_up(self.client, query)
        # A lookup finds few devices: asking each for its zones is cheaper than walking every zone.
        one_by_one = raw is not None and query.with_zones and not query.zones
        if not one_by_one:
            self._read_zones()
        sink = Collected() if into is None else into
        seen = set()

        def kept(devices):
            views = []
            for device in devices:
                key = ids.compact(mapping(device).get("id"))
                if not key or key in seen or not self._in_wanted_zone(key):
                    continue
                seen.add(key)
                # The API filters nothing: the state is checked on the list item, before any detail costs a request.
                if not query.keeps_state(device):
                    continue
                if query.details:
                    device = _with_details(self.client, device)
                view = device_view(device, self._zones_of(key, one_by_one))
                if query.keeps_os(view):
                    views.append(view)
            return views

        if raw is None and not query.zones:
            api.walk_devices(self.client, Through(sink, kept, on_restart=seen.clear))
        else:
            sink.extend(kept(self.members.values() if raw is None else raw))
        return sink.items if into is None else into


def collect(client, query):
    return Walk(client, query).devices()


def by_hostname(client, names):
    """``{name: [device views]}`` for hostnames or FQDNs (case-insensitive) from one walk of the device list."""
    found = hostnames.match(names, api.list_devices(client))
    return dict((name, [device_view(device) for device in devices]) for name, devices in found.items())


# --- info modules ------------------------------------------------------------------------------------

def device_info(api_frame):
    """``devices``: the device views the task's options select (``fields`` of each, or into ``dest``)."""
    query = DeviceQuery.from_params(api_frame.params)
    listing = ListRequest(api_frame.params, DEVICE_FIELDS)
    if listing.fields is not None and not set(listing.fields) & set(DEVICE_ZONE_FIELDS) and not query.zones:
        query.with_zones = False  # the zones would be dropped: do not walk every zone's members for them
    with listing.sink(only_fields, api_frame.check_mode) as sink:
        Walk(api_frame.client, query).devices(into=sink)
    return listing.result("devices", sink, api_frame.diff)


def zone_info(api_frame):
    """``zones``: every zone, or those named (case-insensitive) or with this ID; ``devices`` of each with ``with_devices``."""
    params = api_frame.params
    client = api_frame.client
    names = _texts(params.get("names"), "names")
    zone_id = params.get("id")
    if zone_id is not None and ids.compact(zone_id) is None:
        raise OptionError("id", "'{0}' is not {1}".format(zone_id, ids.EXPECTED))
    listing = ListRequest(params, ZONE_FIELDS)
    if params.get("with_devices"):
        listing.keep("devices")
    wanted = set(name.lower() for name in names)

    def chosen(zones):
        zones = [zone_view(zone) for zone in zones]
        if zone_id is not None:
            zones = [zone for zone in zones if zone["id_compact"] == ids.compact(zone_id)]
        if names:
            zones = [zone for zone in zones if (zone["name"] or "").lower() in wanted]
        if params.get("with_devices"):
            for zone in zones:
                zone["devices"] = [device_view(device) for device in api.zone_members(client, zone["id"])]
        return zones

    with listing.sink(only_fields, api_frame.check_mode) as sink:
        sink.extend(chosen(api.list_zones(client)))
    return listing.result("zones", sink, api_frame.diff)
