# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin base for modules whose successful result is a credential."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.plugins.action import ActionBase

from ansible_collections.secops.executions.plugins.module_utils.redaction import REDACTED

# The keys of a token module's result that hold a credential.
SECRET_KEYS = ("access_token", "refresh_token")


class HiddenResultAction(ActionBase):
    """Runs the module as usual, then keeps its credentials out of every callback.

    A registered result is hidden whole, as ``no_log`` would: the registered variable keeps
    the full result, tokens included. A result nobody registers (an ad hoc command, a task
    without ``register``) cannot pass its token on, so only the credentials are masked and
    the rest (``expires_at``, ``scopes``...) is shown. Failures stay visible: they carry no
    token, and users need to read them.
    """

    def run(self, tmp=None, task_vars=None):
        result = super(HiddenResultAction, self).run(tmp, task_vars)
        result.update(self._execute_module(task_vars=task_vars))
        if not result.get("failed"):
            if self._task.register:
                result["_ansible_no_log"] = True
            else:
                for key in SECRET_KEYS:
                    if result.get(key):
                        result[key] = REDACTED
        return result
