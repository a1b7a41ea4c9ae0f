# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""oci_config_type_info: the configuration metadata as users need it to write a valid request.

The allowed types of a service type, a type's activities, and each activity type's parameters
with whether they are mandatory, their defaults and their choices. The calls are those of
``metadata.py``, which oci_config_execution also uses to check its input.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.secops.executions.plugins.module_utils.errors import OptionError
from ansible_collections.secops.executions.plugins.module_utils.oci import metadata
from ansible_collections.secops.executions.plugins.module_utils.options import check_path_values

# The documented parameter sample is cut off before any list of allowed values; these are the
# names such a list is read from, the first present wins (none: choices is null).
CHOICE_KEYS = ("choices", "values", "allowedValues", "listOfValues", "lov", "options")


def _choices(parameter):
    for key in CHOICE_KEYS:
        value = parameter.get(key)
        if isinstance(value, list):
            return [item.get("value", item.get("name")) if isinstance(item, dict) else item for item in value]
    return None


def parameter_view(parameter):
    return {
        "name": parameter.get("parameterName"),
        "id": parameter.get("parameterId", parameter.get("id")),
        "parameter_type": parameter.get("parameterType"),
        "ui_data_type": parameter.get("uiDataType"),
        "mandatory": bool(parameter.get("mandatory")),
        "default": parameter.get("default"),
        "choices": _choices(parameter),
    }


def activity_type_view(detail):
    return {
        "type": detail.get("type"),
        "scope": detail.get("scope"),
        # The downstream steps of a toggle (displayOnCreate false) are created with the first step.
        "creatable": detail.get("displayOnCreate") is not False,
        "parameters": [parameter_view(p) for p in detail.get("parameters") or [] if isinstance(p, dict) and p.get("parameterName")],
    }


def activity_view(activity):
    return {
        "name": activity.get("name"),
        "id": activity.get("id"),
        "ui_type": activity.get("uiType"),
        "toggle": bool(metadata.downstream_types(activity)),
        "duration": activity.get("duration"),
        "bounce": activity.get("bounce"),
        "outage": activity.get("serviceType"),
        "service_message": activity.get("serviceMessage"),
        "active": activity.get("active", True) is not False,
        "activity_types": [activity_type_view(detail) for detail in activity.get("details") or [] if isinstance(detail, dict)],
    }


def type_info(api):
    """The allowed types; with config_type, its activities (one, with activity_name; one step, with activity_type)."""
    params = api.params
    check_path_values(params, ("service_type", "config_type"))
    result = {"changed": False, "config_types": metadata.allowed_config_types(api.client, params["service_type"])}
    if not params.get("config_type"):
        return result
    details = metadata.config_type_details(api.client, params["service_type"], params["config_type"])
    activities = [activity for activity in details.get("activities") or [] if isinstance(activity, dict)]
    if params.get("activity_name"):
        activities = [metadata.find_activity(details, params["activity_name"])]
    views = [activity_view(activity) for activity in activities]
    if params.get("activity_type"):
        steps = [step for step in views[0]["activity_types"] if step["type"] == params["activity_type"]]
        if not steps:
            raise OptionError("activity_type", "'{0}' is not an activity type of '{1}'; valid: {2}".format(
                params["activity_type"], params["activity_name"],
                ", ".join(step["type"] for step in views[0]["activity_types"]) or "none"))
        views[0]["activity_types"] = steps
    result["activities"] = views
    return result
