# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # The options of plugins/module_utils/listing.py (LIST_OPTIONS), shared by the info modules that return lists.
    DOCUMENTATION = r"""
options:
  fields:
    description:
      - Return only these fields of each item (the item fields this module documents under its list result);
        the ID field is always included.
      - A field an item does not have is left out of that item.
      - Items are built with only these fields, so a long list costs less time and memory.
      - An unknown field fails the task before any request.
    type: list
    elements: str
  dest:
    description:
      - Write the items to this file instead of returning them; the result then holds only RV(dest), RV(count),
        RV(checksum) and RV(size), and C(changed) is true only when the file's content or mode changed.
      - A path on the host the module runs on, which for these API modules is normally the controller (localhost);
        its directory must exist.
      - The file is written page by page as the list is read (its memory use does not grow with the list), to a
        temporary file in the same directory that replaces O(dest) in one rename, so a reader never sees half a file.
        A module whose items are complete only once the whole list is read says in its notes where the list waits.
      - In check mode nothing is written; the task reports whether the file would change.
      - In diff mode the checksum and mode before and after are shown (not the content).
      - For long lists this is also the cheapest form. A returned list is handled by ansible-core several times over
        (scrubbed of no_log values and encoded by the module, then decoded, copied and kept as a registered variable
        by the controller), which for tens of thousands of items costs more than reading them from the API; with
        O(dest) the task costs about what reading the pages does, and O(fields) shrinks the rest.
    type: path
  dest_format:
    description:
      - V(jsonl) writes one JSON object per line (JSON Lines); V(json) writes one JSON list.
      - Used only with O(dest).
    type: str
    choices: [jsonl, json]
    default: jsonl
  dest_mode:
    description:
      - Permissions of the file written to O(dest), in octal (quote it, as V('0600')). The items can be sensitive,
        so by default only the owner can read them.
      - Used only with O(dest).
    type: raw
    default: '0600'
"""
