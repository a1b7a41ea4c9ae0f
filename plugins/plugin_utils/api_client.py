# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""An authenticated client for controller-side plugins (inventory, lookup), from their options.

Modules get theirs from ApiModule; plugins have no AnsibleModule, so the same option rules
(required together, one of) and the same HttpClient are applied here. A problem is raised as an OptionError
naming the option and its environment variable, like the modules' messages. Nothing masks a
plugin's output for it, so its messages go through a SecretMask (module_utils/redaction.py).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.secops.executions.plugins.module_utils.client import HAS_REQUESTS, REQUESTS_IMPORT_ERROR, HttpClient
from ansible_collections.secops.executions.plugins.module_utils.errors import MissingLibraryError, OptionError
from ansible_collections.secops.executions.plugins.module_utils.options import check_connection_values


def _missing(vendor, params):
    """AnsibleModule's message for a broken required_together / required_one_of rule, or None."""
    for group in vendor.required_together:
        given = [name for name in group if params.get(name)]
        if given and len(given) != len(group):
            return "parameters are required together: {0}".format(", ".join(group))
    for group in vendor.required_one_of:
        if not any(params.get(name) for name in group):
            return "one of the following is required: {0}".format(", ".join(group))
    return None


def params_from(vendor, get_option):
    """The vendor's connection options as a plugin read them (its config file, then ``env:``, then defaults)."""
    params = dict((option.name, get_option(option.name)) for option in vendor.options)
    # An empty environment variable reads as "" (or [""]): treat it as not set, as modules do.
    return dict((name, None if value in ("", [""]) else value) for name, value in params.items())


def check(vendor, params):
    """Raise OptionError for what a module's argument spec would refuse, before any request."""
    missing = _missing(vendor, params)
    if missing:
        names = missing.split(": ", 1)[1]
        envs = [option.env for option in vendor.options if option.env and option.name in names.split(", ")]
        raise OptionError(names, "{0}; set them in the plugin's configuration or through the environment variables {1}".format(
            missing.split(": ", 1)[0], ", ".join(envs)))
    problem = check_connection_values(params)
    if problem:
        raise OptionError(*problem)


def build_client(vendor, params, mask, warn=None):
    """One HttpClient with the vendor's auth: a token is requested on the first call and reused after.

    ``mask`` (a SecretMask of these params) learns every token and signed credential the auth makes;
    pass every message from the client through it (its warnings are), since no AnsibleModule masks them.
    """
    if not HAS_REQUESTS:
        raise MissingLibraryError("requests", REQUESTS_IMPORT_ERROR)
    return HttpClient(
        vendor.base_url(params),
        timeout=params["timeout"],
        validate_certs=params["validate_certs"],
        ca_path=params["ca_path"],
        proxy=params["proxy"],
        retries=params["retries"],
        retry_max_wait=params["retry_max_wait"],
        warn=(lambda message: warn(mask(message))) if warn else None,
        auth=vendor.build_auth(params, on_token=mask.add_token, on_secret=mask.add),
        mask=mask,
    )
