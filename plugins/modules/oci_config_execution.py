#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: oci_config_execution
short_description: Create, schedule and cancel Oracle Managed Cloud Self-Service configuration executions
version_added: 0.1.0
description:
  - Creates a configuration execution (an RFC) on an Oracle E-Business Suite instance managed by Oracle Managed Cloud,
    schedules or reschedules it, and cancels its schedule.
  - With O(state=present) and no O(execution_id), the module looks for an open execution on the instance with the same
    O(config_type), O(activity_name), O(activity_type) and O(summary), and creates one only when there is none.
    O(parameters) are checked against the activity's metadata first, so an unknown or missing parameter fails with the
    list of valid ones and nothing is created.
  - O(scheduled_time) schedules the execution, or reschedules it when its current schedule differs.
  - With O(state=cancelled), the schedule is cancelled; the execution stays open and returns to
    C(Ready For Scheduling/Approval). An execution without a schedule is left unchanged.
  - Cancelling by O(execution_id) works with a token that holds only the C(mcs:oci:api:Approver) scope (the one the
    platform's Cancel call asks for). When the read of the execution is refused (HTTP 403), the module sends the cancel
    anyway and returns what its answer holds (id, statuses, activity and downstream steps, no summary or schedule); an
    answer of HTTP 409 (nothing scheduled) is reported unchanged. As check mode then cannot tell whether the execution is
    scheduled, it warns and predicts a cancel. Without O(execution_id), finding the execution needs C(mcs:oci:api:User).
author:
  - secops.executions maintainers (@secops-collections)
requirements:
  - requests
extends_documentation_fragment:
  - secops.executions.oci
  - secops.executions.attributes.STATEFUL
  - secops.executions.attributes.OCI_GROUP
options:
  support_identifier:
    description:
      - The Customer Support Identifier (CSI) the instance belongs to.
    type: str
    required: true
  service_type:
    description:
      - The service type of the instance, such as C(EBSO), C(EBSZ) or C(EBSI).
    type: str
    required: true
  instance_id:
    description:
      - The instance (target) name, such as C(DCMATI).
    type: str
    required: true
  execution_id:
    description:
      - The execution (RFC) id, such as C(3-7JZXAMZ), when it is known.
      - Without it, the execution is found by O(config_type), O(activity_name), O(activity_type) and O(summary) among the
        open executions of the instance.
      - Cannot be combined with the options that describe a new execution.
    type: str
  state:
    description:
      - V(present) creates the execution if needed and schedules it when O(scheduled_time) is set.
      - V(cancelled) cancels its schedule, and the schedule of its downstream step.
    type: str
    choices: [present, cancelled]
    default: present
  config_type:
    description:
      - The configuration type, one of those the service type allows, such as C(Trace & Debug).
      - Required, with O(activity_name), O(activity_type) and O(summary), when O(execution_id) is not given.
    type: str
  activity_name:
    description:
      - The activity of O(config_type), such as C(FRD Enable/Disable).
    type: str
  activity_type:
    description:
      - The activity type (step) to create, such as C(Enable).
      - For a toggle activity, the other step (such as C(Disable)) is created with it as a downstream execution.
    type: str
  summary:
    description:
      - The summary of the execution. Together with the configuration type and activity it identifies the execution, so
        change it to get a second execution of the same activity on the same instance.
    type: str
  parameters:
    description:
      - 'The activity parameters, as a dictionary of parameter name to value, such as C({UserName: oracle}).'
      - Names must be parameters of the activity type; every mandatory parameter without a default must be given.
      - Values are sent as strings (V(true) and V(false) for booleans). A dictionary or a list as a value fails the task
        before any request, naming C(parameters.<name>), since the metadata types parameters as text or numbers only.
      - Used when the execution is created; the parameters of an existing execution are not compared.
    type: dict
  duration:
    description:
      - How long the execution may take. The activity's default duration applies when not set.
    type: dict
    suboptions:
      value:
        description:
          - The number of O(duration.unit).
        type: int
        required: true
      unit:
        description:
          - The unit of O(duration.value).
        type: str
        default: hours
  bounce:
    description:
      - Whether the execution bounces the instance. The activity's default applies when not set.
    type: bool
  primary_contact:
    description:
      - The primary contact of the RFC, an email address that must be a contact of the customer.
    type: str
  customer_note:
    description:
      - A note for Oracle on the RFC, such as the action plan.
    type: str
  scheduled_time:
    description:
      - When the execution must run, in ISO 8601 with a time zone, such as C(2026-11-23T22:00:00Z) or
        C(2026-11-23T23:00:00+01:00). A time without a zone is refused, because it could mean any of 24 moments.
      - It must be at least 16 minutes after now; this is checked before any request is sent.
      - Scheduling needs a token with the C(mcs:oci:api:Approver) scope.
    type: str
  downstream_scheduled_time:
    description:
      - For a toggle activity, when its downstream step (such as C(Disable)) must run, in ISO 8601 with a time zone.
      - Sent with O(scheduled_time), which it requires; the same 16-minute rule applies. A time before O(scheduled_time)
        fails the task before any request.
    type: str
  conflicts:
    description:
      - What to do when other RFCs (of any product, such as configuration, CEMLI patch or bounce) are scheduled on the instance in the
        window the schedule would take, as the platform's conflicts endpoint reports them. The window runs from
        O(scheduled_time) for the execution's duration (O(duration), else the activity's; when rescheduling, the execution's
        own), and likewise from O(downstream_scheduled_time).
      - V(fail) fails the task before anything is written (a new execution is not created), naming the conflicting RFCs.
      - V(warn) schedules anyway and names them in a warning.
      - V(ignore) does not ask; it is the only choice that schedules without reading conflicts, which needs the
        C(mcs:oci:api:Approver) scope like scheduling itself.
      - Check mode reads the conflicts too, so it fails or warns as the real run would.
      - The execution itself and its downstream steps are not conflicts of their own reschedule.
      - When the duration of an existing execution is unknown (a list answer without it, and no current schedule), the
        window is the start moment only.
    type: str
    choices: [fail, warn, ignore]
    default: fail
  wait:
    description:
      - With O(state=present), wait after the task's changes until the execution reaches O(wait_until). An execution that
        is there already is waited for the same way, creating nothing (a resume, for example by O(execution_id)).
      - Not in check mode.
    type: bool
    default: false
  wait_until:
    description:
      - V(ended) waits until the execution's status is no longer C(Open). The platform documents only C(Open); any other
        status (closing values such as C(Closed) or C(Cancelled) are not documented) counts as the end.
      - V(scheduled) waits until the execution is scheduled and approved (sub-status C(Ready For Execution)), which a
        schedule by an Approver does at once; useful when another person or process schedules it.
    type: str
    choices: [ended, scheduled]
    default: ended
  wait_timeout:
    description: Seconds to wait.
    type: int
    default: 900
  poll_interval:
    description: Seconds between two reads of the execution while waiting (a 10-minute wait costs 40 reads at most).
    type: int
    default: 15
  on_timeout:
    description:
      - What happens when O(wait_timeout) passes first.
      - V(fail) fails the task with the execution ID; the execution is left as it is.
      - V(detach) ends the task ok with a warning and the execution (its ID); wait again later with O(execution_id).
      - V(abort) cancels the execution's schedule (it stays open and unscheduled, so it does not run), then fails the task
        saying so. The API cannot stop an execution that has no schedule to cancel (already running, or never scheduled);
        the task then fails saying that.
    type: str
    choices: [fail, detach, abort]
    default: fail
notes:
  - Creating needs a token with the C(mcs:oci:api:PrivilegedUser) scope, scheduling and cancelling the C(mcs:oci:api:Approver)
    scope, reading the C(mcs:oci:api:User) scope.
  - Times are sent in UTC (C(YYYY-MM-DDTHH:MM:SSZ)) and compared as moments, so C(22:00:00Z) and C(23:00:00+01:00) are the same
    schedule.
  - An execution counts as scheduled when its sub-status is C(Ready For Execution); other sub-statuses (documented or not) have no
    schedule to cancel.
  - "Request cost with O(access_token): O(state=cancelled) with O(execution_id) reads the execution once (one GET) and writes only
    when there is a schedule; O(state=present) without O(execution_id) reads the open executions of the instance (one request per
    page of 100) and writes nothing when the execution exists with the asked schedule. A creation adds a metadata read, the POST,
    the schedule PUT and a read of the result."
  - The list answer is assumed to carry each execution's C(summary), as the execution details do; if it does not, the details of
    each execution of the same activity are read to compare summaries.
  - A schedule also reads the conflicts in its window first (one GET per window) unless O(conflicts=ignore).
  - When the schedule of a new execution fails (for example for lack of the Approver scope), the task fails and names the
    execution that was created, which then exists without a schedule.
seealso:
  - module: secops.executions.oci_config_execution_info
  - module: secops.executions.oci_token
"""

EXAMPLES = r"""
- name: Log in once with the scopes to create and schedule
  secops.executions.oci_token:
    api_url: https://mcs-gateway.example.com
    identifier: 5d1c3f0e-8b2a-4c6d-9e7f-1a2b3c4d5e6f
    token_url: https://idcs-0123.identity.oraclecloud.com/oauth2/v1/token
    client_id: "{{ mcs_client_id }}"
    client_secret: "{{ mcs_client_secret }}"
    scopes: [mcs:oci:api:User, mcs:oci:api:PrivilegedUser, mcs:oci:api:Approver]
  register: mcs

- name: Oracle tasks reuse the token
  module_defaults:
    group/secops.executions.oci:
      api_url: https://mcs-gateway.example.com
      identifier: 5d1c3f0e-8b2a-4c6d-9e7f-1a2b3c4d5e6f
      access_token: "{{ mcs.access_token }}"
  block:
    - name: Enable FRD tracing tomorrow at 22:00 UTC and disable it again the morning after
      secops.executions.oci_config_execution:
        support_identifier: "22334455"
        service_type: EBSO
        instance_id: DCMATI
        config_type: Trace & Debug
        activity_name: FRD Enable/Disable
        activity_type: Enable
        summary: Capture FRD logs for the month-end close
        parameters:
          UserName: oracle
          Auto_Disable_Interval: 2
        duration:
          value: 4
        primary_contact: dba@example.com
        customer_note: Action plan attached to the change
        scheduled_time: "{{ '%Y-%m-%dT22:00:00Z' | ansible.builtin.strftime(now().timestamp() + 86400, utc=true) }}"
        downstream_scheduled_time: "{{ '%Y-%m-%dT06:00:00Z' | ansible.builtin.strftime(now().timestamp() + 2 * 86400, utc=true) }}"
      register: frd

    - name: Show the RFC number
      ansible.builtin.debug:
        msg: "RFC {{ frd.execution.rfc_number }} is {{ frd.execution.sub_status }}"

    - name: Move it one hour later
      secops.executions.oci_config_execution:
        support_identifier: "22334455"
        service_type: EBSO
        instance_id: DCMATI
        execution_id: "{{ frd.execution.id }}"
        scheduled_time: "{{ '%Y-%m-%dT23:00:00Z' | ansible.builtin.strftime(now().timestamp() + 86400, utc=true) }}"

    - name: Cancel its schedule (it stays open, ready to be scheduled again)
      secops.executions.oci_config_execution:
        support_identifier: "22334455"
        service_type: EBSO
        instance_id: DCMATI
        execution_id: "{{ frd.execution.id }}"
        state: cancelled
"""

RETURN = r"""
execution:
  description:
    - The execution after the task, in the same form as M(secops.executions.oci_config_execution_info) returns.
    - In check mode, what the task would make of it; the id of an execution that would be created is V(null).
    - V(null) when O(state=cancelled) found no open execution to cancel.
  returned: always
  type: dict
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
      description: The parameters, name to value, when the answer carried them (execution details do, lists do not).
      type: dict
      sample: {UserName: oracle, Auto_Disable_Interval: "2"}
    status:
      description: The RFC status.
      type: str
      sample: Open
    sub_status:
      description: The RFC sub-status; C(Ready For Execution) when scheduled, C(Ready For Scheduling/Approval) when not.
      type: str
      sample: Ready For Execution
    customer_status:
      description: The customer status (C(custStatus) or C(customerStatus) in the API).
      type: str
      sample: Acknowledged
    scheduled:
      description: Whether the execution itself has a schedule.
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
      sample: null
    duration:
      description: The duration, as C(unit) and C(value).
      type: dict
      sample: {unit: hours, value: 4}
    bounce:
      description: Whether the execution bounces the instance.
      type: bool
      sample: true
    primary_contact:
      description: The primary contact of the RFC.
      type: str
      sample: dba@example.com
    customer_note:
      description: The customer note of the RFC.
      type: str
      sample: Action plan attached to the change
    created_on:
      description: When it was created, ISO 8601 in UTC.
      type: str
      sample: "2026-11-23T13:05:00Z"
    created_by:
      description: Who created it.
      type: str
      sample: mcs-automation
    downstream_executions:
      description: The downstream steps of a toggle activity, each with the same keys; empty for other activities.
      type: list
      elements: dict
      sample: [{id: 3-7JZXAMB, activity_type: Disable, sub_status: Ready For Execution, scheduled_start: "2026-11-24T06:00:00Z"}]
execution_id:
  description:
    - ID of the execution, when the task failed after creating, scheduling or cancelling it (for example reading it
      back); the task then also reports C(changed=true).
  returned: failure after a write
  type: str
"""

from ansible_collections.secops.executions.plugins.module_utils.module import ApiModule
from ansible_collections.secops.executions.plugins.module_utils.oci.conflicts import POLICIES
from ansible_collections.secops.executions.plugins.module_utils.oci.connection import VENDOR
from ansible_collections.secops.executions.plugins.module_utils.oci.executions import ensure_cancelled, ensure_present
from ansible_collections.secops.executions.plugins.module_utils.oci.model import CREATE_OPTIONS, IDENTITY_OPTIONS
from ansible_collections.secops.executions.plugins.module_utils.oci.progress import GOALS
from ansible_collections.secops.executions.plugins.module_utils.timeouts import timeout_spec
from ansible_collections.secops.executions.plugins.module_utils.waiting import wait_spec


def main():
    argument_spec = dict(
        support_identifier=dict(type="str", required=True),
        service_type=dict(type="str", required=True),
        instance_id=dict(type="str", required=True),
        execution_id=dict(type="str"),
        state=dict(type="str", default="present", choices=["present", "cancelled"]),
        config_type=dict(type="str"),
        activity_name=dict(type="str"),
        activity_type=dict(type="str"),
        summary=dict(type="str"),
        parameters=dict(type="dict"),
        duration=dict(type="dict", options=dict(value=dict(type="int", required=True), unit=dict(type="str", default="hours"))),
        bounce=dict(type="bool"),
        primary_contact=dict(type="str"),
        customer_note=dict(type="str"),
        scheduled_time=dict(type="str"),
        downstream_scheduled_time=dict(type="str"),
        conflicts=dict(type="str", default="fail", choices=list(POLICIES)),
        wait_until=dict(type="str", default="ended", choices=list(GOALS)),
    )
    argument_spec.update(wait_spec(default_timeout=900, default_interval=15))
    argument_spec["wait"]["default"] = False
    argument_spec.update(timeout_spec())
    api = ApiModule(
        VENDOR,
        argument_spec=argument_spec,
        mutually_exclusive=[("execution_id", option) for option in IDENTITY_OPTIONS + CREATE_OPTIONS],
        required_by={"downstream_scheduled_time": "scheduled_time"},
    )
    api.run_state({"present": ensure_present, "cancelled": ensure_cancelled}, result_key="execution")


if __name__ == "__main__":
    main()
