#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: oci_config_execution_log
short_description: Transfer and fetch the log files of an Oracle Managed Cloud Self-Service configuration execution
version_added: 0.2.0
description:
  - Initiates the transfer of a configuration execution's logs (O(transfer=true)), and fetches one log file (O(name)) to a
    local path (O(dest)).
  - The platform sends a log file Base64-encoded; the module decodes it and writes it atomically (a temporary file in the
    folder of O(dest), renamed over it), so that a reader never sees half a file.
  - The file is written only when its SHA-1 checksum differs from the file at O(dest), so a second run reports no change.
  - The file is written on the host the module runs on; run the task on the controller (C(delegate_to=localhost), or a play
    on localhost as usual for API modules) to get it there.
author:
  - secops.executions maintainers (@secops-collections)
requirements:
  - requests
extends_documentation_fragment:
  - secops.executions.oci
  - secops.executions.attributes.OCI_GROUP
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: full
    details: In check mode the log file is read and compared with O(dest), nothing is written and no transfer is initiated.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: full
    details: The diff shows the path and the checksum of O(dest) before and after (C(absent) when there was no file).
options:
  support_identifier:
    description:
      - The Customer Support Identifier (CSI) the instance belongs to.
    type: str
    required: true
  service_type:
    description:
      - The service type of the instance, such as C(EBSO).
    type: str
    required: true
  instance_id:
    description:
      - The instance (target) name.
    type: str
    required: true
  execution_id:
    description:
      - The execution (RFC) id, such as C(3-8KQWBNC).
    type: str
    required: true
  name:
    description:
      - The log file to fetch, one of the names M(secops.executions.oci_config_execution_info) returns with
        O(secops.executions.oci_config_execution_info#module:include_logs=true).
      - A name the execution does not list fails the task with the names it does list.
      - Required unless O(transfer=true).
    type: str
  dest:
    description:
      - Where to write the log file. An existing folder means a file named O(name) in it.
      - The folder must exist. A new file gets mode C(0600), since logs may hold sensitive data; an existing file keeps its mode.
      - Required with O(name).
    type: path
  transfer:
    description:
      - Initiate the transfer of the execution's logs first.
      - The platform documents no way to tell whether a transfer already happened, so every run with O(transfer=true) initiates
        one and reports a change.
      - The platform's documentation does not say how long a transfer takes; the emulator lists the transferred file at once.
        With a real platform, fetch the file in a later task that retries until it is listed.
    type: bool
    default: false
  os_process_identifier:
    description:
      - The operating system process whose logs to transfer (C(OS_Process_Identifier) in the API), with O(transfer=true).
    type: str
notes:
  - Listing, fetching and transferring logs need a token with the C(mcs:oci:api:User) scope.
  - Fetching costs two requests (the list of log files and the file); a transfer one more.
  - The log content is decoded from Base64 as sent; the module does not unpack archives such as C(.zip) files.
seealso:
  - module: secops.executions.oci_config_execution_info
  - module: secops.executions.oci_config_execution
"""

EXAMPLES = r"""
# The connection comes from the OCI_MCS_* environment variables here (an AWX credential injects them).
- name: Fetch a log file next to the playbook
  secops.executions.oci_config_execution_log:
    support_identifier: "22334455"
    service_type: EBSO
    instance_id: DCMATI
    execution_id: 3-8KQWBNC
    name: 3-8KQWBNC_log1.zip
    dest: "{{ playbook_dir }}/3-8KQWBNC_log1.zip"
  register: log

- name: Show where it went
  ansible.builtin.debug:
    msg: "{{ log.name }} ({{ log.size }} bytes, SHA-1 {{ log.checksum }}) is at {{ log.dest }}"

- name: Ask the platform to transfer the logs of an execution
  secops.executions.oci_config_execution_log:
    support_identifier: "22334455"
    service_type: EBSO
    instance_id: DCMATI
    execution_id: 3-7JZXAMZ
    transfer: true
    os_process_identifier: "1252"
"""

RETURN = r"""
execution_id:
  description: The execution whose logs the task handled.
  returned: always
  type: str
  sample: 3-8KQWBNC
transfer_message:
  description: The platform's answer to the transfer, such as C(Log Transfer Initiated); V(null) in check mode.
  returned: when O(transfer=true)
  type: str
  sample: Log Transfer Initiated
name:
  description: The log file fetched.
  returned: when O(name) is set
  type: str
  sample: 3-8KQWBNC_log1.zip
dest:
  description: The path the log file was written to (or is already at).
  returned: when O(name) is set
  type: str
  sample: /home/ops/logs/3-8KQWBNC_log1.zip
checksum:
  description: The SHA-1 checksum of the log file; V(null) in check mode when the file is not listed before the transfer.
  returned: when O(name) is set
  type: str
  sample: 6f1ed002ab5595859014ebf0951522d9f5d6f6c2
size:
  description: The size of the decoded log file in bytes.
  returned: when O(name) is set
  type: int
  sample: 20931
"""

from ansible_collections.secops.executions.plugins.module_utils.module import ApiModule
from ansible_collections.secops.executions.plugins.module_utils.oci.connection import VENDOR
from ansible_collections.secops.executions.plugins.module_utils.oci.logs import fetch_log


def main():
    argument_spec = dict(
        support_identifier=dict(type="str", required=True),
        service_type=dict(type="str", required=True),
        instance_id=dict(type="str", required=True),
        execution_id=dict(type="str", required=True),
        name=dict(type="str"),
        dest=dict(type="path"),
        transfer=dict(type="bool", default=False),
        os_process_identifier=dict(type="str"),
    )
    api = ApiModule(VENDOR, argument_spec=argument_spec, required_together=[("name", "dest")])
    api.run(fetch_log)


if __name__ == "__main__":
    main()
