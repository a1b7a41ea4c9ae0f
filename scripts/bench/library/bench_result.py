# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Return a result recorded earlier, without any request: what ansible-core alone costs for it (scripts/bench/play_scale.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: bench_result
short_description: Return the result recorded in a JSON file, as it is
description:
  - Used by the benchmark script only; not part of the collection's modules.
  - The task's cost is what ansible-core spends on the result alone (the module's exit_json, then the controller),
    since the module makes no request.
options:
  path:
    description: A JSON file holding the result, as a module printed it.
    type: path
    required: true
"""

import json

from ansible.module_utils.basic import AnsibleModule


def main():
    module = AnsibleModule(argument_spec=dict(path=dict(type="path", required=True)))
    with open(module.params["path"]) as handle:
        result = json.load(handle)
    result.pop("invocation", None)  # exit_json adds this task's own
    module.exit_json(**result)


if __name__ == "__main__":
    main()
