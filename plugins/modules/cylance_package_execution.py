#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: cylance_package_execution
short_description: Run Cylance Optics packages on devices or zones, wait for them, delete execution records
version_added: 0.1.0
description:
  - Creates a package execution in BlackBerry Cylance / Arctic Wolf Aurora (Optics package deployment API,
    C(POST /packages/v2/executions)), which runs one or more packages on devices or on every device of zones.
  - The execution O(name) is the idempotency key. When an execution of that name exists with the same packages,
    arguments, target and destination, nothing changes. When one exists with other settings the task fails and
    shows what differs, unless O(replace=true) deletes it and creates the new one.
  - Executions cannot be changed once requested, so a new run needs a new name. Put a date or a change number in
    the name, for example C(Browser history {{ '%Y-%m-%d' | strftime }}), to run the same packages again later.
  - Optionally waits until every device counted by the execution has succeeded or failed, and fails when more
    than O(max_failed_devices) devices failed.
  - With O(state=absent), deletes the execution with O(id), or every execution named O(name).
author:
  - secops.executions maintainers (@secops-collections)
requirements:
  - requests
  - pyjwt (only to obtain a token from O(app_secret))
extends_documentation_fragment:
  - secops.executions.cylance
  - secops.executions.attributes.STATEFUL
  - secops.executions.attributes.CYLANCE_GROUP
options:
  state:
    description:
      - V(present) makes sure an execution named O(name) with these settings exists.
      - V(absent) deletes the execution O(id), or every execution named O(name). Deleting an execution removes
        its record; whether it stops devices that have not run it yet is not documented by the vendor.
    type: str
    choices: [present, absent]
    default: present
  name:
    description:
      - Name of the execution. With O(state=present) and O(packages), it identifies the execution.
      - With O(state=present) and without O(packages), the task waits on the newest execution of this name, creating nothing;
        none of that name fails the task.
      - With O(state=absent), every execution with exactly this name is deleted.
    type: str
  id:
    description:
      - ID of an execution. Any UUID form is accepted (dashed or not, any case).
      - With O(state=present), the task waits on this execution (a resume, for example after O(on_timeout=detach)),
        creating nothing; it costs one read of the execution, then the polls.
      - With O(state=absent), the execution to delete; a 404 from the API means it is already gone, which is not an error.
    type: str
  packages:
    description:
      - The packages to run, in order. Required to create an execution; without it, O(state=present) waits on an existing one.
    type: list
    elements: dict
    suboptions:
      package:
        description:
          - The package ID (a UUID in any form) or its exact name, the C(packageDescriptor.name) that
            M(secops.executions.cylance_package_info) returns.
          - A name is looked up in the package list; an unknown name, or one that several packages share, fails the
            task and lists the candidates. A package found by name whose upload did not succeed (its C(status) is not
            V(success), for example V(failed)) fails the task with its status, before the execution is requested.
          - A package given by ID is read (C(GET /packages/v2/{id})) only when the execution is about to be created, in
            check mode too; an unknown ID, or a package whose upload did not succeed, fails the task before the
            execution is requested. When the execution already exists, the ID costs no request. A token that may not
            read packages (no C(opticspkgconfig:read)) skips this check with a warning.
        type: str
        required: true
      arguments:
        description:
          - Arguments for the package, one list item per token, for example C([-browser, ALL]) or C([-browser ALL]).
          - The package's C(packageDescriptor.examples[].invocationString) (see M(secops.executions.cylance_package_info))
            shows the format it expects.
        type: list
        elements: str
        default: []
  devices:
    description:
      - IDs of the devices to run the packages on, in any common form (C(e378dacb-9324-453a-b8c6-5a8406952195) or
        C(E378DACB9324453AB8C65A8406952195)); they are sent upper case without dashes as the API requires.
      - Can be combined with O(device_names). Device targets and zone targets are mutually exclusive.
    type: list
    elements: str
  device_names:
    description:
      - Hostnames or FQDNs of the devices to run the packages on, matched case-insensitively; an FQDN no device has as a
        whole matches by its first label (C(web01.example.com) finds C(WEB01)). An Ansible group works as it is,
        for example C("{{ groups['web'] }}").
      - Fewer than 10 names are looked up with C(GET /devices/v2/hostname/{name}), one request per name; from 10 names on,
        one walk of the device list (C(GET /devices/v2), 10,000 devices a page) resolves them all, so 5,000 names against
        a fleet of 50,000 devices cost 5 requests instead of 5,000.
      - A hostname that no device has, or that several devices share (a re-imaged machine registered twice), fails
        the task and lists the candidates; use O(devices) with the right ID then.
    type: list
    elements: str
  zones:
    description:
      - IDs of the zones whose devices run the packages, in any common form.
      - Can be combined with O(zone_names). Zone targets and device targets are mutually exclusive.
    type: list
    elements: str
  zone_names:
    description:
      - Names of the zones whose devices run the packages, matched case-insensitively like the console does
        (one walk of C(GET /zones/v2) for all the names).
    type: list
    elements: str
  destination:
    description:
      - FTP, SFTP or SAMBA URL where the devices upload the results, for example C(sftp://user:password@host/dir).
      - It must be a URL of the shape C(scheme://host...), or a share path C(\\server\share\dir) or C(//server/share/dir);
        anything else (such as C(host/dir)) fails the task before any request.
      - The vendor documents FTP, SFTP and SAMBA URLs but lists no schemes, so the module assumes C(ftp), C(ftps),
        C(sftp), C(smb) and C(https) (HTTPS, for example to S3, is used in practice). Any other scheme is sent as given,
        with a warning that names the scheme, to catch typos such as C(sfpt) without refusing what the API may accept.
      - It can carry credentials, so it is never logged, and returned values mask the user information of URLs.
      - Give O(destination), O(keep_results_locally=true) or both; otherwise the results would be kept nowhere.
    type: str
    default: ""
  keep_results_locally:
    description:
      - Also keep the results on each device, under C(file://[Cylance Data Directory]/Optics).
    type: bool
    default: false
  replace:
    description:
      - When an execution named O(name) exists with other settings, delete it (and any other execution of that name)
        and create the new one, instead of failing.
      - The old executions are deleted before the new one is created.
    type: bool
    default: false
  name_check:
    description:
      - How the module looks for an execution named O(name) before it creates one. The look-up lists executions, which
        needs the C(opticspkgdeploy:list) privilege (the vendor documents this privilege for no call).
      - V(required) fails the task when the list is refused (HTTP 403), naming the privilege, before anything is created.
      - V(best_effort) warns when the list is refused and creates the execution without the check; every such run creates
        another execution (the packages run again), and O(replace) deletes nothing. When the list is allowed, both
        values behave the same.
    type: str
    choices: [required, best_effort]
    default: required
  wait:
    description:
      - Wait until every device counted by the execution has succeeded or failed.
      - Also applies when the execution already existed and is still running.
    type: bool
    default: true
  wait_timeout:
    description:
      - How many seconds to wait. When they run out, O(on_timeout) says what happens; the execution is left running.
      - No poll starts after this time, and a poll under way is not retried past it, so the wait ends at most one
        O(timeout) after O(wait_timeout).
    type: int
    default: 900
  on_timeout:
    description:
      - What happens when O(wait_timeout) runs out before every device finished.
      - V(fail) fails the task with the execution ID and the last counts.
      - V(detach) ends the task ok with a warning, RV(timed_out=true), the execution (its ID) and the last counts; wait again
        later with O(id).
      - V(abort) is refused before any request, since the Cylance API has no call that stops an execution on the devices, and
        deleting its record is not documented to stop it.
    type: str
    choices: [fail, detach, abort]
    default: fail
  poll_interval:
    description:
      - Seconds between two reads of the execution while waiting.
    type: int
    default: 15
  max_failed_devices:
    description:
      - Fail the task when more devices than this failed to run the packages, according to the counts known at the
        end of the task (after the wait, with O(wait=true)). V(0) tolerates no failure.
      - The execution is kept either way; the failure result holds RV(execution) and RV(device_counts).
    type: int
notes:
  - "Privileges the application needs: C(opticspkgdeploy:list) always (with O(state=present), unless
    O(name_check=best_effort)); C(opticspkgdeploy:create) to create;
    C(opticspkgdeploy:delete) to delete or replace; C(opticspkgdeploy:read) to wait or to check a deletion by id in check mode;
    C(opticspkgconfig:list) for package names; C(opticspkgconfig:read) to check a package given by ID before a create;
    C(device:read) for O(device_names) (C(device:list) from 10 names on); C(zone:list) for O(zone_names)."
  - "Requests, with O(access_token) given: with O(state=present), one per page of the execution list (200 executions a page),
    plus one per O(device_names) item (one per 10,000 devices of the fleet from 10 names on), one per page of the
    zone list when O(zone_names) is given, one per page of the package list when a package is given by name, and,
    when the execution is created, the execution list once more (the name checked again right before the POST), one GET
    per package given by ID and one POST (one DELETE per replaced execution before it). Waiting adds one GET per poll.
    O(state=absent) with O(id) sends one DELETE."
  - "Answers name each package by its download URL (C(packageExecutions[].package)); the module compares the package ID
    found in it, and compares device and zone IDs whatever their spelling."
  - "The vendor does not document whether C(deviceStatuses.acked) counts devices that have not responded yet or every device
    that received the execution; the module only relies on C(succeeded) and C(failed) reaching C(deviceCount)."
  - "Devices offline when the execution is requested are not counted in C(deviceCount), and the module does not wait for them.
    When no targeted device was online, the task warns."
  - "Execution names are not unique in the API. With O(state=present), any execution of that name with the same settings
    satisfies the task."
  - "Two plays that create the same name at the same time both find none and both create one, so the packages run twice:
    the API offers no way to prevent it. The next run of the task warns and lists the extra executions in RV(duplicates)."
seealso:
  - module: secops.executions.cylance_package_execution_info
  - module: secops.executions.cylance_package_info
  - module: secops.executions.cylance_token
"""

EXAMPLES = r"""
- name: Log in once for the play
  secops.executions.cylance_token:
    region: euc1
    tenant_id: "{{ cylance_tenant_id }}"
    app_id: "{{ cylance_app_id }}"
    app_secret: "{{ cylance_app_secret }}"
  register: cylance

- name: Run Browser History on the Finance zone today, wait, tolerate one failed device
  secops.executions.cylance_package_execution:
    region: euc1
    access_token: "{{ cylance.access_token }}"
    name: "Browser history {{ '%Y-%m-%d' | strftime }}"
    packages:
      - package: Browser History
        arguments: [-browser ALL]
    zone_names: [Finance Workstations]
    keep_results_locally: true
    wait_timeout: 1800
    max_failed_devices: 1
  register: run

- name: Show the counts
  ansible.builtin.debug:
    msg: "{{ run.device_counts.succeeded }} of {{ run.device_counts.device_count }} devices succeeded"
  when: run.device_counts is not none  # nothing ran in check mode

- name: Upload the results of two packages from two devices to SFTP, without waiting
  secops.executions.cylance_package_execution:
    region: euc1
    access_token: "{{ cylance.access_token }}"
    name: "IR-4711 evidence"
    packages:
      - package: 61d8944e-d900-4724-87eb-d10078b90a41
        arguments: [-browser ALL]
      - package: Collect Event Logs
        arguments: [-log, Security, -days, "7"]
    devices:
      - e378dacb-9324-453a-b8c6-5a8406952195
    device_names: [FIN-WS-02]
    destination: "sftp://optics:{{ sftp_password }}@results.example.com/ir-4711"
    wait: false
  register: evidence

- name: Later, wait for it (nothing is created; in check mode nothing was created to wait for)
  secops.executions.cylance_package_execution:
    region: euc1
    access_token: "{{ cylance.access_token }}"
    id: "{{ evidence.execution.id }}"
    wait_timeout: 600
    on_timeout: detach
  when: evidence.execution.id is defined

- name: Delete the execution record
  secops.executions.cylance_package_execution:
    region: euc1
    access_token: "{{ cylance.access_token }}"
    id: "{{ run.execution.id }}"
    state: absent
  when: run.execution.id is defined  # check mode created nothing
"""

RETURN = r"""
timed_out:
  description: V(true) when the wait ran out with O(on_timeout=detach); the execution keeps running, wait again with O(id).
  returned: when the wait timed out with O(on_timeout=detach)
  type: bool
  sample: true
execution:
  description:
    - The execution as the API returned it (after the wait, when waiting), with credentials in RV(execution.destination)
      masked. In check mode, the execution that would be created.
  returned: state=present
  type: dict
  contains:
    id:
      description: Execution ID.
      type: str
      sample: abebf88c-f283-4edc-834b-aa8ad3bc682c
    name:
      description: Execution name.
      type: str
      sample: Browser history 2026-11-23
    createdAt:
      description: When the execution was requested (UTC).
      type: str
      sample: "2026-11-23T13:25:19.347Z"
    createdBy:
      description: Who requested it (C(id), C(login)).
      type: dict
    destination:
      description: Where results are uploaded, user information masked.
      type: str
      sample: sftp://********@results.example.com/optics
    deviceCount:
      description: Devices that were online when the execution was requested.
      type: int
      sample: 3
    deviceStatuses:
      description: Device counts C(acked), C(succeeded) and C(failed).
      type: dict
      sample: {acked: 0, succeeded: 2, failed: 1}
    keepResultsLocally:
      description: Whether results are also kept on the devices.
      type: bool
    packageExecutions:
      description: The packages run, each with C(arguments) and C(package) (in answers, the URL to download the package from).
      type: list
      elements: dict
      sample: [{arguments: [-browser ALL], package: "https://content-na.cylance.com/61D8944ED900472487EBD10078B90A41"}]
    target:
      description: The C(devices) or C(zones) targeted.
      type: dict
      sample: {zones: [24F766586A214E72A64427BD407C9485]}
device_counts:
  description:
    - Progress of the execution when the task ended; null in check mode when the execution would be created.
  returned: state=present
  type: dict
  contains:
    device_count:
      description: Devices counted by the execution (online when it was requested).
      type: int
      sample: 3
    acked:
      description: Devices that acknowledged the execution (C(deviceStatuses.acked)).
      type: int
      sample: 0
    succeeded:
      description: Devices that ran the packages successfully.
      type: int
      sample: 2
    failed:
      description: Devices that failed to run the packages.
      type: int
      sample: 1
    unfinished:
      description: Counted devices that have neither succeeded nor failed yet.
      type: int
      sample: 0
duplicates:
  description:
    - IDs of the other executions that have the same O(name) as RV(execution), which the task kept.
    - Names are not unique in Cylance, so two plays that create the same name at the same time both create one. The task
      warns when this list is not empty; delete the extra executions with O(state=absent) and O(id).
  returned: state=present
  type: list
  elements: str
  sample: [2b7a07d1-8d84-4a55-9f5e-6c1d1bd3a6f0]
executions:
  description: The executions deleted (or, in check mode, that would be deleted), as the API returned them, destinations masked.
  returned: state=absent
  type: list
  elements: dict
execution_id:
  description:
    - ID of the execution the task created or waited for, when the task failed after that (the wait timed out, or the
      connection to the API broke while waiting). The task then also reports C(changed=true) when it created the execution.
  returned: failure after the execution was created or found
  type: str
"""

from ansible_collections.secops.executions.plugins.module_utils.cylance.connection import VENDOR
from ansible_collections.secops.executions.plugins.module_utils.cylance.executions import ensure_absent, ensure_present
from ansible_collections.secops.executions.plugins.module_utils.module import ApiModule
from ansible_collections.secops.executions.plugins.module_utils.timeouts import timeout_spec
from ansible_collections.secops.executions.plugins.module_utils.waiting import wait_spec


def main():
    argument_spec = dict(
        state=dict(type="str", choices=["present", "absent"], default="present"),
        name=dict(type="str"),
        id=dict(type="str"),
        packages=dict(type="list", elements="dict", options=dict(
            package=dict(type="str", required=True),
            arguments=dict(type="list", elements="str", default=[]),
        )),
        devices=dict(type="list", elements="str"),
        device_names=dict(type="list", elements="str"),
        zones=dict(type="list", elements="str"),
        zone_names=dict(type="list", elements="str"),
        destination=dict(type="str", default="", no_log=True),
        keep_results_locally=dict(type="bool", default=False),
        replace=dict(type="bool", default=False),
        max_failed_devices=dict(type="int"),
        name_check=dict(type="str", choices=["required", "best_effort"], default="required"),
    )
    argument_spec.update(wait_spec())
    argument_spec.update(timeout_spec())
    api = ApiModule(
        VENDOR,
        argument_spec=argument_spec,
        required_one_of=[("id", "name")],
        mutually_exclusive=[("id", "name")],
    )
    api.run_state({"present": ensure_present, "absent": ensure_absent})


if __name__ == "__main__":
    main()
