# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Diffs that show only what the task asked for.

A resource helper compares the remote object with the keys the user set (not
None) and reports just the keys that differ, the way netbox.netbox does.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

ABSENT = {"state": "absent"}


def changed_keys(current, desired, equal=None):
    """Keys of ``desired`` (values not None) whose value differs in ``current``.

    ``equal(key, current_value, desired_value)`` may normalise per key (case, ID forms, order).
    """
    equal = equal or (lambda key, have, want: have == want)
    return sorted(key for key, want in desired.items() if want is not None and not equal(key, current.get(key), want))


def keyed_diff(current, desired, keys):
    """``{"before": ..., "after": ...}`` restricted to ``keys``."""
    return {
        "before": dict((key, current.get(key)) for key in keys),
        "after": dict((key, desired.get(key)) for key in keys),
    }


def creation_diff(desired):
    """Diff of an object that does not exist yet: only the keys the user set."""
    return {"before": dict(ABSENT), "after": dict((k, v) for k, v in desired.items() if v is not None)}


def deletion_diff(current):
    return {"before": current, "after": dict(ABSENT)}
