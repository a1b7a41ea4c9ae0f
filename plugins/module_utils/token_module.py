# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The body shared by cylance_token, ccs_token and oci_token."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.secops.executions.plugins.module_utils.module import ApiModule


def run_token_module(vendor, extra_result=None):
    """Obtain one token with the vendor's credentials and return it with its expiry.

    Asking for a token changes nothing remote, so it also runs in check mode.
    """
    api = ApiModule(vendor, token_module=True)

    def logic(api):
        token = api.auth.renew(api.client)
        result = dict(changed=False, access_token=token.access_token, token_type=token.token_type,
                      api_url=api.client.base_url)
        result.update(token.as_result())
        if extra_result:
            result.update(extra_result(token))
        return result

    api.run(logic)
