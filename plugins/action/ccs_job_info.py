# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.secops.executions.plugins.plugin_utils.renewed_tokens import RenewedTokensAction


class ActionModule(RenewedTokensAction):
    """A CCS refresh token works once: later tasks of the run get the tokens this task renewed."""

    env = {"api_url": "CCS_API_URL", "refresh_token": "CCS_REFRESH_TOKEN"}
