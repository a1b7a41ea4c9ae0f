# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # Modules that only read: check mode runs them normally, nothing changes.
    READ_ONLY = r"""
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: full
    details: The module only reads, so it runs normally in check mode.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: N/A
    details: The module changes nothing, so there is no diff.
"""

    # Modules that change remote objects: check mode predicts, diff shows what the user asked for.
    STATEFUL = r"""
attributes:
  check_mode:
    description: Can run in check_mode and return changed status prediction without modifying target.
    support: full
    details: In check mode the module reads the current state and reports what it would change; it sends no write.
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode.
    support: full
    details: The diff lists only the keys the task set that differ from the remote object.
"""

    CYLANCE_GROUP = r"""
attributes:
  action_group:
    description: Use C(group/secops.executions.cylance) in C(module_defaults) to set the Cylance options once.
    support: full
    membership:
      - secops.executions.cylance
      - secops.executions.all
"""

    CCS_GROUP = r"""
attributes:
  action_group:
    description: Use C(group/secops.executions.ccs) in C(module_defaults) to set the CCS options once.
    support: full
    membership:
      - secops.executions.ccs
      - secops.executions.all
"""

    OCI_GROUP = r"""
attributes:
  action_group:
    description: Use C(group/secops.executions.oci) in C(module_defaults) to set the Oracle options once.
    support: full
    membership:
      - secops.executions.oci
      - secops.executions.all
"""
