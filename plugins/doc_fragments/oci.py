# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.secops.executions.plugins.module_utils.oci.connection import VENDOR


class ModuleDocFragment(object):
    # Rendered from the same option table that builds the argument spec.
    DOCUMENTATION = VENDOR.doc_fragment()

    # Token modules obtain the token, so they do not take one.
    TOKEN_MODULE = VENDOR.doc_fragment(token_module=True)
