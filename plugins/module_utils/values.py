# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reading values out of API answers without trusting their shape.

A server may put anything where the docs promise an object, a list or a number; these
helpers turn the wrong kind into "missing", never into a traceback.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


def as_int(value, default=None):
    """A number from an answer (a total, a page number), or ``default`` when it is missing or not a number."""
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError):  # OverflowError: JSON 1e400 reads as infinity
        return default


def text(value):
    """A string of an answer (a name, an ID), or None when something else stands there; numbers read as text."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def mapping(value):
    """A (sub-)object of an answer, or {} when something else stands where an object belongs."""
    return value if isinstance(value, dict) else {}


def items(value):
    """A list of an answer, or [] when something else stands where a list belongs."""
    return value if isinstance(value, list) else []


def objects(value):
    """The objects of a list of an answer; anything else in it is dropped."""
    return [item for item in items(value) if isinstance(item, dict)]
