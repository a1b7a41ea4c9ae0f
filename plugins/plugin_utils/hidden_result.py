# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin base for modules whose successful result is a credential."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.plugins.action import ActionBase


class HiddenResultAction(ActionBase):
    """Runs the module as usual, then hides a successful result from every callback.

    The registered variable keeps the full result. Failures stay visible: they
    carry no token, and users need to read them.
    """

    def run(self, tmp=None, task_vars=None):
        result = super(HiddenResultAction, self).run(tmp, task_vars)
        result.update(self._execute_module(task_vars=task_vars))
        if not result.get("failed"):
            result["_ansible_no_log"] = True
        return result
