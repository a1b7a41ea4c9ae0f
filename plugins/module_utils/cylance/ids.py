# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The spellings of one Cylance ID, and the one form they are compared in.

The console shows device, zone, package and execution IDs as lower-case dashed UUIDs; the
execution API wants device and zone IDs upper case without dashes (the "Optics" form); its
answers give each package as a download URL that ends with the package ID. Everything is
compared as 32 upper-case hex digits, whatever way it was written.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

# 32 hex digits, either without dashes or dashed 8-4-4-4-12 (the backreference keeps it one or the other).
_UUID = r"[0-9a-fA-F]{8}(-?)[0-9a-fA-F]{4}\1[0-9a-fA-F]{4}\1[0-9a-fA-F]{4}\1[0-9a-fA-F]{12}"
_WHOLE_UUID = re.compile(r"^" + _UUID + r"$")
_UUID_IN_TEXT = re.compile(r"(?<![0-9a-fA-F-])" + _UUID + r"(?![0-9a-fA-F-])")
URN_PREFIX = "urn:uuid:"
EXPECTED = "a UUID: 32 hex digits, with or without dashes, in any case"


def compact(value):
    """32 upper-case hex digits for an ID in any common form (dashed or not, any case, braces, urn:uuid:), else None."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.lower().startswith(URN_PREFIX):
        text = text[len(URN_PREFIX):]
    text = text.strip("{}")
    return text.replace("-", "").upper() if _WHOLE_UUID.match(text) else None


def dashed(value):
    """The console form (lower case, dashed) of an ID in any form, else None."""
    text = compact(value)
    if text is None:
        return None
    text = text.lower()
    return "-".join((text[:8], text[8:12], text[12:16], text[16:20], text[20:]))


def referenced(value):
    """The ID a value stands for, compact: the value itself in any form, or the last UUID in it.

    Answers name a package by its download URL, such as
    ``https://content-na.cylance.com/61D8944ED900472487EBD10078B90A41``; requests name it by ID.
    """
    direct = compact(value)
    if direct is not None or not isinstance(value, str):
        return direct
    found = [match.group(0) for match in _UUID_IN_TEXT.finditer(value)]
    return compact(found[-1]) if found else None
