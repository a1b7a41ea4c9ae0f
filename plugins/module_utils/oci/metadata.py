# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Oracle self-service configuration metadata: allowed types, their activities and parameters.

An execution names a configuration type, one of its activities and an
activity type (a "detail" of the activity, such as Enable). The metadata says
which exist and which parameters each takes, so bad input fails here with the
list of valid choices instead of as a bare HTTP 400 from the platform.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from urllib.parse import quote

from ansible_collections.secops.executions.plugins.module_utils.errors import OptionError, ResponseFormatError
from ansible_collections.secops.executions.plugins.module_utils.values import objects

TYPES_PATH = "/selfservice/v1/customers/services/{0}/products/config/types"
TOGGLE = "toggle"


def segment(value):
    """A path parameter, percent-encoded whole: 'Trace & Debug' and 'FRD Enable/Disable' stay one segment."""
    return quote(str(value), safe="")


def allowed_config_types(client, service_type):
    """Names of the configuration types the service type allows."""
    response = client.get(TYPES_PATH.format(segment(service_type)))
    types = response.json
    if not isinstance(types, list):
        raise ResponseFormatError("GET", TYPES_PATH.format(service_type), response.status, "a list of type names expected")
    return types


def config_type_details(client, service_type, config_type):
    """The type's activities; an unknown type fails naming the allowed ones (one more request)."""
    path = "{0}/{1}".format(TYPES_PATH.format(segment(service_type)), segment(config_type))
    response = client.get(path, allow_status=(404,))
    if response.status == 404:
        allowed = allowed_config_types(client, service_type)
        raise OptionError("config_type", "'{0}' is not a configuration type of {1}; allowed: {2}".format(
            config_type, service_type, _listing(allowed)))
    details = response.json
    if not isinstance(details, dict) or not isinstance(details.get("activities", []), list):
        raise ResponseFormatError("GET", path, response.status, "an object with a list of activities expected")
    return details


def find_activity(details, name):
    """The active activity called ``name``."""
    activities = [activity for activity in objects(details.get("activities")) if activity.get("active", True)]
    for activity in activities:
        if activity.get("name") == name:
            return activity
    raise OptionError("activity_name", "'{0}' is not an activity of configuration type '{1}'; valid: {2}".format(
        name, details.get("config"), _listing(activity.get("name") for activity in activities)))


def creatable_detail(activity, activity_type):
    """The detail (activity type) an execution may be created with.

    The downstream steps of a toggle (displayOnCreate false) are created with
    the first step, never on their own.
    """
    creatable = [detail for detail in objects(activity.get("details")) if detail.get("displayOnCreate") is not False]
    for detail in creatable:
        if detail.get("type") == activity_type:
            return detail
    raise OptionError("activity_type", "'{0}' is not an activity type of '{1}' that can be created; valid: {2}".format(
        activity_type, activity.get("name"), _listing(detail.get("type") for detail in creatable)))


def downstream_types(activity):
    """Activity types created as downstream executions of a toggle activity (empty for other activities)."""
    if str(activity.get("uiType", "")).lower() != TOGGLE:
        return []
    return [detail.get("type") for detail in objects(activity.get("details")) if detail.get("displayOnCreate") is False]


def request_parameters(activity, detail, given):
    """``given`` (a dict) as the API's list of ``{name, value}``, checked against the metadata.

    Unknown names and missing mandatory parameters fail with the valid names.
    A mandatory parameter that has a default is sent with it.
    """
    given = given or {}
    known = [parameter for parameter in objects(detail.get("parameters")) if isinstance(parameter.get("parameterName"), str)
             and parameter["parameterName"]]
    names = [parameter["parameterName"] for parameter in known]
    where = "activity '{0}' ({1})".format(activity.get("name"), detail.get("type"))
    unknown = sorted(name for name in given if name not in names)
    if unknown:
        raise OptionError("parameters", "{0} not known for {1}; valid: {2}".format(_listing(unknown), where, describe_parameters(known)))
    values = dict((name, value) for name, value in given.items() if value is not None)
    missing = []
    for parameter in known:
        name = parameter["parameterName"]
        if parameter.get("mandatory") and name not in values:
            if parameter.get("default") is None:
                missing.append(name)
            else:
                values[name] = parameter["default"]
    if missing:
        raise OptionError("parameters", "{0} mandatory for {1} and missing; valid: {2}".format(
            _listing(missing), where, describe_parameters(known)))
    return [{"name": name, "value": as_text(values[name])} for name in names if name in values]


def describe_parameters(known):
    if not known:
        return "none"
    return ", ".join("{0}{1}".format(p["parameterName"], " (mandatory)" if p.get("mandatory") else "") for p in known)


def as_text(value):
    """Parameter values travel as strings, as in the documented sample ("value": "2")."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _listing(names):
    names = [str(name) for name in names]
    return ", ".join(names) if names else "none"
