# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: cylance_device_ids
short_description: Cylance device IDs for hostnames or FQDNs, such as the hosts of an Ansible group
version_added: 0.2.0
description:
  - Maps hostnames or FQDNs (case-insensitive) to the IDs of the Cylance devices with those hostnames, in the form
    package executions take (upper case, no dashes), in the order of the names.
  - One walk of the device list (C(GET /devices/v2), 10,000 devices a page) answers every name, however many;
    5,000 names against 50,000 devices cost 5 requests and one token.
  - An FQDN that no device has as a whole matches by its first label (C(web01.example.com) finds C(WEB01)).
  - Names the console does not know, and names several devices share (a re-imaged machine registered twice), fail
    the lookup with the list of them, unless O(unknown) or O(ambiguous) say otherwise.
author:
  - secops.executions maintainers (@secops-collections)
requirements:
  - requests
  - pyjwt (only to obtain a token from O(app_secret))
extends_documentation_fragment:
  - secops.executions.cylance.PLUGIN
options:
  _terms:
    description: Hostnames or FQDNs; lists are flattened, so C(groups['web']) can be given as it is.
    required: true
    type: list
    elements: str
  unknown:
    description:
      - What to do with names no device has. V(error) fails the lookup naming them all, V(warn) leaves them out
        with a warning, V(ignore) leaves them out silently.
    type: str
    choices: [error, warn, ignore]
    default: error
  ambiguous:
    description:
      - What to do with names several devices share. V(error) fails naming them and their devices; V(all) returns the
        ID of every device with the name; V(online) returns those that are online, and fails if not exactly one is.
    type: str
    choices: [error, all, online]
    default: error
notes:
  - "Privileges the application needs: C(device:list)."
  - Runs on the controller, like every lookup; the connection options can come from the CYLANCE_* environment variables.
  - Use C(query()) (or C(lookup(..., wantlist=true))) to get a list; C(lookup()) joins the IDs with commas.
seealso:
  - module: secops.executions.cylance_package_execution
  - plugin: secops.executions.cylance_devices
    plugin_type: inventory
"""

EXAMPLES = r"""
- name: Run a package on the devices of the web group
  secops.executions.cylance_package_execution:
    name: Collect logs on the web servers
    packages:
      - package: Collect Logs
        arguments: [-log, Security]
    devices: "{{ query('secops.executions.cylance_device_ids', groups['web']) }}"
  delegate_to: localhost
  run_once: true

- name: IDs of the hosts of this play that the console knows, leaving out the others
  ansible.builtin.set_fact:
    cylance_ids: "{{ query('secops.executions.cylance_device_ids', ansible_play_hosts, unknown='warn') }}"
  run_once: true
"""

RETURN = r"""
_raw:
  description: Device IDs, upper case without dashes, each once, in the order of the names.
  type: list
  elements: str
  sample: [E378DACB9324453AB8C65A8406952195, CFB03567423D4A0EB497100E29D2808E]
"""

from ansible.errors import AnsibleLookupError
from ansible.plugins.lookup import LookupBase
from ansible.utils.display import Display

from ansible_collections.secops.executions.plugins.module_utils.cylance.connection import VENDOR
from ansible_collections.secops.executions.plugins.module_utils.cylance.devices import by_hostname
from ansible_collections.secops.executions.plugins.module_utils.errors import SecopsError
from ansible_collections.secops.executions.plugins.module_utils.redaction import SecretMask
from ansible_collections.secops.executions.plugins.plugin_utils.api_client import build_client, check, params_from

display = Display()
MAX_LISTED = 20


def _flat(terms):
    for term in terms:
        if isinstance(term, (list, tuple)):
            yield from _flat(term)
        elif term is not None:
            yield term


def _names(terms):
    names = []
    for term in _flat(terms):
        if not isinstance(term, str) or not term.strip():
            raise AnsibleLookupError("cylance_device_ids: hostnames must be non-empty strings, got {0!r}".format(term))
        if term.strip() not in names:
            names.append(term.strip())
    return names


def _listed(names):
    return ", ".join(names[:MAX_LISTED]) + (", ..." if len(names) > MAX_LISTED else "")


def select(found, unknown, ambiguous):
    """``(ids, problems, warnings)`` from ``{name: [device views]}`` and the two policies."""
    result, problems, warnings = [], [], []
    missing = [name for name, devices in found.items() if not devices]
    if missing:
        text = "{0} hostname(s) no device has: {1}".format(len(missing), _listed(missing))
        {"error": problems, "warn": warnings, "ignore": []}[unknown].append(text)
    shared = []
    for name, devices in found.items():
        chosen = devices
        if len(devices) > 1 and ambiguous != "all":
            online = [device for device in devices if device["online"]]
            chosen = online if ambiguous == "online" and len(online) == 1 else []
            if not chosen:
                shared.append("{0} ({1})".format(name, ", ".join("{0} {1}".format(device["id_compact"], device["state"]) for device in devices)))
        for device in chosen:
            if device["id_compact"] not in result:
                result.append(device["id_compact"])
    if shared:
        problems.append("{0} hostname(s) several devices share: {1}; give their device IDs instead".format(len(shared), _listed(shared)))
    return result, problems, warnings


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        self.set_options(var_options=variables, direct=kwargs)
        names = _names(terms)
        if not names:
            return []
        params = params_from(VENDOR, self.get_option)
        mask = SecretMask(VENDOR.options, params)
        try:
            check(VENDOR, params)
            found = by_hostname(build_client(VENDOR, params, mask, warn=display.warning), names)
        except SecopsError as exc:
            raise AnsibleLookupError("cylance_device_ids: {0}".format(mask(exc.msg)))
        ids, problems, warnings = select(found, self.get_option("unknown"), self.get_option("ambiguous"))
        if problems:
            raise AnsibleLookupError("cylance_device_ids: " + "; ".join(problems))
        for warning in warnings:
            display.warning("cylance_device_ids: " + warning)
        return ids
