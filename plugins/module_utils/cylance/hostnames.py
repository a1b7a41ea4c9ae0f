# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Hostnames or FQDNs to devices, matched against one walk of the device list. Pure functions, no HTTP.

The console knows a device by its hostname (``name``), compared case-insensitively. An
inventory may hold FQDNs (``web01.example.com``): a name with dots that matches no device
as a whole matches by its first label (``web01``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


def _key(name):
    return name.strip().lower() if isinstance(name, str) else None


def spellings(name):
    """What a name may match, best first: the whole name, then its first label when it is an FQDN."""
    text = name.strip() if isinstance(name, str) else ""
    if not text:
        return []
    short = text.split(".", 1)[0]
    return [text] if short == text else [text, short]


def candidates(name):
    """The same, as the keys compared (lower case)."""
    return [text.lower() for text in spellings(name)]


def index(devices, wanted):
    """``{key: [devices]}`` for the keys of the ``wanted`` names only, so a fleet of any size costs one dict of them."""
    keys = set(key for name in wanted for key in candidates(name))
    found = dict((key, []) for key in keys)
    for device in devices:
        key = _key(device.get("name")) if isinstance(device, dict) else None
        if key in found:
            found[key].append(device)
    return found


def match(names, devices):
    """``{name: [devices]}``: for each name, the devices of its best key that has any (an empty list: unknown)."""
    found = index(devices, names)
    result = {}
    for name in names:
        result[name] = next((found[key] for key in candidates(name) if found.get(key)), [])
    return result
