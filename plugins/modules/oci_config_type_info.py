#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: oci_config_type_info
short_description: Read the Oracle Managed Cloud Self-Service configuration types, their activities and parameters
version_added: 0.2.0
description:
  - Returns the configuration types a service type allows; with O(config_type), the type's activities, each with its activity
    types (steps) and their parameters, whether each parameter is mandatory, its default and its choices.
  - This is the metadata M(secops.executions.oci_config_execution) checks its input against, so a task built from it is
    valid.
author:
  - secops.executions maintainers (@secops-collections)
requirements:
  - requests
extends_documentation_fragment:
  - secops.executions.oci
  - secops.executions.attributes.READ_ONLY
  - secops.executions.attributes.OCI_GROUP
options:
  service_type:
    description:
      - The service type, such as C(EBSO). The metadata is the same for every customer, so no support identifier is needed.
    type: str
    required: true
  config_type:
    description:
      - Also return the activities of this configuration type, such as C(Trace & Debug).
      - A type the service type does not allow fails the task with the allowed ones.
    type: str
  activity_name:
    description:
      - Return only this activity of O(config_type); an unknown one fails the task with the valid ones.
    type: str
  activity_type:
    description:
      - Return only this activity type (step) of O(activity_name), such as C(Enable).
    type: str
notes:
  - Needs a token with the C(mcs:oci:api:User) scope.
  - Costs one request, and one more with O(config_type).
  - The documented parameter sample is cut off before any list of allowed values. RV(activities[].activity_types[].parameters[].choices)
    is read from the first of C(choices), C(values), C(allowedValues), C(listOfValues), C(lov) or C(options) that the platform sends
    as a list, and is V(null) when there is none (any value of the parameter's type is then accepted).
seealso:
  - module: secops.executions.oci_config_execution
"""

EXAMPLES = r"""
# The connection comes from the OCI_MCS_* environment variables here (an AWX credential injects them).
- name: The configuration types of EBSO
  secops.executions.oci_config_type_info:
    service_type: EBSO
  register: types

- name: The parameters of the FRD Enable step
  secops.executions.oci_config_type_info:
    service_type: EBSO
    config_type: Trace & Debug
    activity_name: FRD Enable/Disable
    activity_type: Enable
  register: frd

- name: Show the mandatory parameters without a default
  ansible.builtin.debug:
    msg: >-
      {{ frd.activities[0].activity_types[0].parameters
         | selectattr('mandatory') | selectattr('default', 'none') | map(attribute='name') | list }}
"""

RETURN = r"""
config_types:
  description: The configuration types the service type allows.
  returned: always
  type: list
  elements: str
  sample: [Trace & Debug, Trace]
activities:
  description: The activities of O(config_type) (only O(activity_name) when set).
  returned: when O(config_type) is set
  type: list
  elements: dict
  contains:
    name:
      description: The activity name, the value of O(secops.executions.oci_config_execution#module:activity_name).
      type: str
      sample: FRD Enable/Disable
    id:
      description: The activity id.
      type: raw
      sample: 1
    ui_type:
      description: C(Toggle) for an activity whose later steps are created as downstream executions, else C(Single) or another value.
      type: str
      sample: Toggle
    toggle:
      description: Whether creating the activity also creates downstream executions.
      type: bool
      sample: true
    duration:
      description: The default duration, as C(unit) and C(value).
      type: dict
      sample: {unit: hours, value: 2}
    bounce:
      description: Whether its executions bounce the instance by default.
      type: bool
      sample: true
    outage:
      description: The activity's service type as the platform names it, such as C(Outage) or C(Online).
      type: str
      sample: Outage
    service_message:
      description: The message shown to users.
      type: str
      sample: Any RFC Created for this Activity will perform a bounce.
    active:
      description: Whether new executions may use the activity.
      type: bool
      sample: true
    activity_types:
      description: The activity types (steps); only O(activity_type) when set.
      type: list
      elements: dict
      contains:
        type:
          description: The activity type, the value of O(secops.executions.oci_config_execution#module:activity_type).
          type: str
          sample: Enable
        scope:
          description: The scope the platform gives it.
          type: str
          sample: Execution
        creatable:
          description: Whether an execution may be created with it; the downstream steps of a toggle are created with the first step.
          type: bool
          sample: true
        parameters:
          description: Its parameters, the keys of O(secops.executions.oci_config_execution#module:parameters).
          type: list
          elements: dict
          contains:
            name:
              description: The parameter name.
              type: str
              sample: UserName
            id:
              description: The parameter id.
              type: raw
              sample: 101
            parameter_type:
              description: The parameter type.
              type: str
              sample: DETAIL
            ui_data_type:
              description: The data type, such as C(TEXT) or C(NUMBER).
              type: str
              sample: TEXT
            mandatory:
              description: Whether it must be given (a mandatory parameter with a default is sent with the default).
              type: bool
              sample: true
            default:
              description: The default value, V(null) when there is none.
              type: raw
              sample: "2"
            choices:
              description: The allowed values, V(null) when the platform sends none.
              type: list
              elements: raw
              sample: null
"""

from ansible_collections.secops.executions.plugins.module_utils.module import ApiModule
from ansible_collections.secops.executions.plugins.module_utils.oci.config_types import type_info
from ansible_collections.secops.executions.plugins.module_utils.oci.connection import VENDOR


def main():
    argument_spec = dict(
        service_type=dict(type="str", required=True),
        config_type=dict(type="str"),
        activity_name=dict(type="str"),
        activity_type=dict(type="str"),
    )
    api = ApiModule(VENDOR, argument_spec=argument_spec, required_by={"activity_name": "config_type", "activity_type": "activity_name"})
    api.run(type_info)


if __name__ == "__main__":
    main()
