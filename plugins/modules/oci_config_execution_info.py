#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: oci_config_execution_info
short_description: Read Oracle Managed Cloud Self-Service configuration executions
version_added: 0.1.0
description:
  - Reads one configuration execution by its id, or lists the executions of a customer and service type, filtered by
    instance, status, sub-status, customer status, configuration type and activity, and optionally by the time window
    their schedule falls in.
  - Lists are read page by page (O(page_size) items per request) until the total the platform reports.
author:
  - secops.executions maintainers (@secops-collections)
requirements:
  - requests
extends_documentation_fragment:
  - secops.executions.oci
  - secops.executions.listing
  - secops.executions.attributes.READ_ONLY
  - secops.executions.attributes.OCI_GROUP
options:
  support_identifier:
    description:
      - The Customer Support Identifier (CSI) whose executions to read.
    type: str
    required: true
  service_type:
    description:
      - The service type, such as C(EBSO).
    type: str
    required: true
  instance_id:
    description:
      - The instance (target) name. Required with O(execution_id); otherwise it filters the list.
    type: str
  execution_id:
    description:
      - Read only this execution (its details, including parameters and downstream steps).
      - The other filters are not used then.
    type: str
  status:
    description:
      - Only executions with this status, such as C(Open).
    type: str
  sub_status:
    description:
      - Only executions with this sub-status, such as C(Ready For Execution) (scheduled) or
        C(Ready For Scheduling/Approval) (not scheduled).
    type: str
  customer_status:
    description:
      - Only executions with this customer status, such as C(Review Update) or C(Acknowledged).
    type: str
  config_type:
    description:
      - Only executions of this configuration type.
    type: str
  activity_name:
    description:
      - Only executions of this activity.
    type: str
  activity_type:
    description:
      - Only executions of this activity type (step), such as C(Enable) or C(Disable).
    type: str
  window_start:
    description:
      - Only executions scheduled to run at some moment after this time (ISO 8601 with a time zone).
      - With O(window_start) or O(window_end), executions without a schedule are left out.
    type: str
  window_end:
    description:
      - Only executions scheduled to start before this time (ISO 8601 with a time zone).
    type: str
  include_logs:
    description:
      - Add RV(executions[].log_files), the names of each execution's log files.
      - Costs one more request per execution returned and needs the C(mcs:oci:api:User) scope, as reads do.
      - To fetch a log file, see M(secops.executions.oci_config_execution_log).
    type: bool
    default: false
  page_size:
    description:
      - How many executions to ask for per request.
    type: int
    default: 100
notes:
  - Needs a token with the C(mcs:oci:api:User) scope.
  - The filters other than the window are applied by the platform and match exactly; the window is applied to the listed
    executions' C(scheduledStart) and C(scheduledEnd).
  - O(fields) accepts the keys of RV(executions) (C(id) is always returned). With O(dest) the whole list is read before it
    is written, because downstream steps are linked to their parents across pages; meanwhile it waits in an anonymous
    temporary file (mode 0600, removed when the task ends) on the host the module runs on, so memory holds only the
    downstream steps, not the list.
  - Downstream steps of toggle activities are executions of their own in a list, with RV(executions[].reference_execution_id)
    naming their parent; a parent also lists those that the same answer contained in RV(executions[].downstream_executions).
seealso:
  - module: secops.executions.oci_config_execution
  - module: secops.executions.oci_config_execution_log
"""

EXAMPLES = r"""
# The connection comes from the OCI_MCS_* environment variables here (an AWX credential injects
# them); to request one token for a whole play, see secops.executions.oci_token.
- name: Scheduled configuration executions of one instance
  secops.executions.oci_config_execution_info:
    support_identifier: "22334455"
    service_type: EBSO
    instance_id: DCMATI
    status: Open
    sub_status: Ready For Execution
  register: scheduled

- name: Executions that run in the next seven days
  secops.executions.oci_config_execution_info:
    support_identifier: "22334455"
    service_type: EBSO
    window_start: "{{ '%Y-%m-%dT%H:%M:%SZ' | ansible.builtin.strftime(utc=true) }}"
    window_end: "{{ '%Y-%m-%dT%H:%M:%SZ' | ansible.builtin.strftime(now().timestamp() + 7 * 86400, utc=true) }}"
  register: next_week

- name: Summary and schedule of every open execution of the customer
  secops.executions.oci_config_execution_info:
    support_identifier: "22334455"
    service_type: EBSO
    status: Open
    fields: [summary, instance_id, scheduled_start]
  register: open_executions

- name: One execution with its parameters and downstream step
  secops.executions.oci_config_execution_info:
    support_identifier: "22334455"
    service_type: EBSO
    instance_id: DCMATI
    execution_id: 3-7JZXAMZ
  register: one

- name: The log file names of an execution
  secops.executions.oci_config_execution_info:
    support_identifier: "22334455"
    service_type: EBSO
    instance_id: DCMATI
    execution_id: 3-8KQWBNC
    include_logs: true
  register: with_logs
"""

RETURN = r"""
executions:
  description:
    - The executions found; one item when read by O(execution_id), none when that id is unknown.
    - Only the O(fields) asked for (and C(id)) when O(fields) is set.
    - Each has the keys that M(secops.executions.oci_config_execution) returns in RV(secops.executions.oci_config_execution#module:execution).
  returned: success, without O(dest)
  type: list
  elements: dict
  contains:
    id:
      description: The execution id (equal to the RFC number).
      type: str
      sample: 3-7JZXAMZ
    rfc_number:
      description: The RFC number in My Oracle Support.
      type: str
      sample: 3-7JZXAMZ
    support_identifier:
      description: The customer support identifier.
      type: str
      sample: "22334455"
    service_type:
      description: The service type.
      type: str
      sample: EBSO
    instance_id:
      description: The instance (target) name.
      type: str
      sample: DCMATI
    summary:
      description: The summary.
      type: str
      sample: Capture FRD logs for the month-end close
    config_type:
      description: The configuration type.
      type: str
      sample: Trace & Debug
    activity_name:
      description: The activity.
      type: str
      sample: FRD Enable/Disable
    activity_type:
      description: The activity type (step).
      type: str
      sample: Enable
    parameters:
      description: The parameters, name to value; V(null) in lists, which do not carry them.
      type: dict
      sample: {UserName: oracle, Auto_Disable_Interval: "2"}
    status:
      description: The RFC status.
      type: str
      sample: Open
    sub_status:
      description: The RFC sub-status.
      type: str
      sample: Ready For Execution
    customer_status:
      description: The customer status (C(custStatus) or C(customerStatus) in the API).
      type: str
      sample: Acknowledged
    scheduled:
      description: Whether the execution has a schedule (its sub-status is C(Ready For Execution)).
      type: bool
      sample: true
    scheduled_start:
      description: When it is scheduled to start, ISO 8601 in UTC.
      type: str
      sample: "2026-11-23T22:00:00Z"
    scheduled_end:
      description: When its scheduled window ends, ISO 8601 in UTC.
      type: str
      sample: "2026-11-24T02:00:00Z"
    scheduled_by:
      description: Who scheduled it.
      type: str
      sample: mcs-automation
    reference_execution_id:
      description: For the downstream step of a toggle activity, the id of the execution it belongs to.
      type: str
      sample: 3-7JZXAMZ
    duration:
      description: The duration, as C(unit) and C(value), when the answer carried it.
      type: dict
      sample: {unit: hours, value: 2}
    bounce:
      description: Whether the execution bounces the instance, when the answer carried it.
      type: bool
      sample: true
    primary_contact:
      description: The primary contact of the RFC.
      type: str
      sample: dba@example.com
    customer_note:
      description: The customer note of the RFC.
      type: str
      sample: Action Plan
    created_on:
      description: When it was created, ISO 8601 in UTC.
      type: str
      sample: "2026-11-22T13:05:00Z"
    created_by:
      description: Who created it.
      type: str
      sample: mcs-automation
    log_files:
      description:
        - The names of the execution's log files, as the platform lists them.
        - Returned only with O(include_logs=true).
      type: list
      elements: str
      returned: when O(include_logs=true)
      sample: [3-8KQWBNC_log1.zip]
    downstream_executions:
      description: The downstream steps of a toggle activity, each with the same keys.
      type: list
      elements: dict
      sample: [{id: 3-7JZXAMB, activity_type: Disable, sub_status: Ready For Execution}]
dest:
  description: The file the executions were written to.
  returned: with O(dest)
  type: str
  sample: /home/ops/executions.jsonl
count:
  description: How many executions were written (or would be, in check mode).
  returned: with O(dest)
  type: int
  sample: 5000
checksum:
  description: SHA-1 of the content written (or that would be), as M(ansible.builtin.stat) reports it.
  returned: with O(dest)
  type: str
  sample: 2aae6c35c94fcfb415dbe95f408b9ce91ee846ed
size:
  description: Size of that content in bytes.
  returned: with O(dest)
  type: int
  sample: 4096000
"""

from ansible_collections.secops.executions.plugins.module_utils.listing import list_options
from ansible_collections.secops.executions.plugins.module_utils.module import ApiModule
from ansible_collections.secops.executions.plugins.module_utils.oci.connection import VENDOR
from ansible_collections.secops.executions.plugins.module_utils.oci.executions import gather
from ansible_collections.secops.executions.plugins.module_utils.oci.api import PAGE_SIZE


def main():
    argument_spec = list_options(
        support_identifier=dict(type="str", required=True),
        service_type=dict(type="str", required=True),
        instance_id=dict(type="str"),
        execution_id=dict(type="str"),
        status=dict(type="str"),
        sub_status=dict(type="str"),
        customer_status=dict(type="str"),
        config_type=dict(type="str"),
        activity_name=dict(type="str"),
        activity_type=dict(type="str"),
        window_start=dict(type="str"),
        window_end=dict(type="str"),
        include_logs=dict(type="bool", default=False),
        page_size=dict(type="int", default=PAGE_SIZE),
    )
    api = ApiModule(VENDOR, argument_spec=argument_spec, required_by={"execution_id": "instance_id"})
    api.run(gather)


if __name__ == "__main__":
    main()
