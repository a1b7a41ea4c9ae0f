# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The frame every module runs in.

``ApiModule`` joins a vendor's option table to the module's own options,
builds the one HttpClient with the vendor's auth, runs the module's logic and
turns any SecopsError into a single ``fail_json``. Obtained tokens are added
to the module's no-log values, so no output can show them.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.secops.executions.plugins.module_utils.auth import RENEWED_TOKENS_KEY, renewed_tokens
from ansible_collections.secops.executions.plugins.module_utils.client import HAS_REQUESTS, REQUESTS_IMPORT_ERROR, HttpClient
from ansible_collections.secops.executions.plugins.module_utils.errors import MissingLibraryError, OptionError, SecopsError
from ansible_collections.secops.executions.plugins.module_utils.lifeline import Lifeline
from ansible_collections.secops.executions.plugins.module_utils.options import (
    argument_spec, check_connection_values, check_destinations, doc_fragment, ignored_copy, required_copy, unused_option)
from ansible_collections.secops.executions.plugins.module_utils.redaction import SecretMask, crosses_network_in_clear, proxy_secrets, secret_forms


class Vendor(object):
    """What a vendor contributes: its option table, how to build auth and the base URL, and option rules."""

    def __init__(self, name, options, build_auth, base_url, required_together=(), required_one_of=(),
                 required_if=(), mutually_exclusive=(), credential_options=(), token_inputs=("access_token",), group_options=(),
                 notes=(), rotating_refresh_tokens=False):
        self.name = name
        self.options = options
        self.build_auth = build_auth
        self.base_url = base_url
        self.required_together = list(required_together)
        self.required_one_of = list(required_one_of)
        self.required_if = list(required_if)
        self.mutually_exclusive = list(mutually_exclusive)
        # Options that obtain a token (required by token modules), and those that carry one
        # (not accepted by token modules).
        self.credential_options = tuple(credential_options)
        self.token_inputs = tuple(token_inputs)
        # Names of options every other module of the vendor's action group takes (say, the Oracle
        # customer): a group's module_defaults may set them, so the token module accepts them too.
        self.group_options = tuple(group_options)
        self.notes = list(notes)
        # A refresh grant used up the refresh token given: the renewed tokens go back to the
        # action plugin, which hands them to the later tasks that were given the used one.
        self.rotating_refresh_tokens = rotating_refresh_tokens

    def _options(self, token_module):
        if not token_module:
            return list(self.options)
        return ([self._for_token_module(option) for option in self.options]
                + [unused_option(name) for name in self.group_options])

    def _for_token_module(self, option):
        if option.name in self.credential_options:
            return required_copy(option)
        if option.name in self.token_inputs:
            return ignored_copy(option)
        return option

    def argument_spec(self, token_module=False):
        return argument_spec(self._options(token_module))

    def rules(self, token_module=False):
        if token_module:
            # Every credential is required outright (see _options); no other rule applies.
            return {"required_together": [], "required_one_of": [], "mutually_exclusive": [], "required_if": []}
        return {
            "required_together": list(self.required_together),
            "required_one_of": list(self.required_one_of),
            "mutually_exclusive": list(self.mutually_exclusive),
            "required_if": list(self.required_if),
        }

    def doc_fragment(self, token_module=False):
        return doc_fragment(self._options(token_module), self.notes)

    def plugin_doc_fragment(self):
        """Options of the vendor's inventory and lookup plugins: the same table, environment variables as ``env``."""
        return doc_fragment(self.options, plugin=True)


# AnsibleModule's own messages when a required option (or group of options) is missing.
_MISSING = ("one of the following is required", "missing required arguments", "parameters are required together")


def credential_hint(msg, options):
    """``msg`` of a missing-option failure, followed by the environment variables that can also give those options."""
    if not msg or not msg.startswith(_MISSING):
        return msg
    named = [option for option in options if option.env and re.search(r"\b{0}\b".format(re.escape(option.name)), msg)]
    if not named:
        return msg
    return "{0}. Set {1} as task options, in module_defaults, or through the environment variables {2}".format(
        msg, ", ".join(option.name for option in named), ", ".join(option.env for option in named))


class _AnsibleModule(AnsibleModule):
    """AnsibleModule whose missing-option messages also name the environment variables."""

    def __init__(self, secops_options, **kwargs):
        # Set before AnsibleModule checks the options: that check is what calls fail_json.
        self.secops_options = tuple(secops_options)
        super(_AnsibleModule, self).__init__(**kwargs)

    def fail_json(self, msg=None, **kwargs):
        super(_AnsibleModule, self).fail_json(msg=credential_hint(msg, self.secops_options), **kwargs)


class ApiModule(object):
    """AnsibleModule plus one authenticated client for one vendor."""

    def __init__(self, vendor, argument_spec=None, token_module=False, required_if=(), required_one_of=(),
                 mutually_exclusive=(), required_together=(), required_by=None, supports_check_mode=True):
        spec = vendor.argument_spec(token_module=token_module)
        spec.update(argument_spec or {})
        rules = vendor.rules(token_module=token_module)
        self.vendor = vendor
        self.token_module = token_module
        self.module = _AnsibleModule(
            vendor.options,
            argument_spec=spec,
            supports_check_mode=supports_check_mode,
            required_together=rules["required_together"] + list(required_together),
            required_one_of=rules["required_one_of"] + list(required_one_of),
            mutually_exclusive=rules["mutually_exclusive"] + list(mutually_exclusive),
            required_if=rules["required_if"] + list(required_if),
            required_by=required_by or {},
        )
        self.params = self.module.params
        # Seen now, while Ansible surely waits for this module; checked before every write and sleep.
        self.lifeline = Lifeline()
        # Ansible masks the module's output; this masks a server's echo of a secret before a message cuts it short.
        self.mask = SecretMask()
        self._client = None
        self._auth = None
        self._hide_given_secrets(spec)

    # What handlers may read of the frame: params, client, check_mode, diff and warn.
    # They never reach through to self.module, so one fake (tests/unit/.../fakes.py) stands in for it.
    @property
    def check_mode(self):
        return self.module.check_mode

    @property
    def diff(self):
        return self.module._diff

    def warn(self, message):
        self.module.warn(message)

    @property
    def auth(self):
        if self._auth is None:
            params = self.params
            if self.token_module:
                # A token module logs in with credentials; a token handed down by module_defaults is ignored.
                params = dict((k, v) for k, v in params.items() if k not in self.vendor.token_inputs)
            self._auth = self.vendor.build_auth(params, on_token=self._hide_token, on_secret=self._hide)
        return self._auth

    @property
    def client(self):
        if self._client is None:
            if not HAS_REQUESTS:
                raise MissingLibraryError("requests", REQUESTS_IMPORT_ERROR)
            self._client = HttpClient(
                self.vendor.base_url(self.params),
                timeout=self.params["timeout"],
                validate_certs=self.params["validate_certs"],
                ca_path=self.params["ca_path"],
                proxy=self.params["proxy"],
                retries=self.params["retries"],
                retry_max_wait=self.params["retry_max_wait"],
                max_response_size=self.params["max_response_size"],
                warn=self.module.warn,
                guard=self.lifeline.check,
                auth=self.auth,
                mask=self.mask,
            )
            self._warn_on_exposure()
        return self._client

    def _warn_on_exposure(self):
        """Say once per task when credentials travel where anyone on the path could read or catch them."""
        for option in self.vendor.options:
            if option.url and crosses_network_in_clear(self.params.get(option.name)):
                self.module.warn("{0} uses plain http:// to another host: credentials and tokens cross the network unencrypted; "
                                 "use https://".format(option.name))
        if not self.params["validate_certs"]:
            self.module.warn("validate_certs is false: the server's identity is not checked, so credentials could go to an impostor; "
                             "prefer ca_path with the CA that signed the server certificate")

    def _hide(self, value):
        """Mask a secret and the forms it travels in (Base64, URL-encoded...) in every output of the module."""
        forms = secret_forms(value)
        self.module.no_log_values.update(forms)
        self.mask.forms.update(forms)

    def _hide_given_secrets(self, spec):
        # Ansible masks the no_log options as given; a server echoing a request shows them encoded,
        # and a trimmed token or proxy credentials were never no_log values at all.
        for name, entry in spec.items():
            if entry.get("no_log"):
                self._hide(self.params.get(name))
        for value in proxy_secrets(self.params.get("proxy")):
            self._hide(value)

    def _hide_token(self, token):
        # A token module returns its token on purpose (its action plugin hides the
        # result); everywhere else a token is a secret like any password.
        if not self.token_module:
            for value in (token.access_token, token.refresh_token):
                self._hide(value)

    def run_state(self, handlers, state_option="state", result_key=None):
        """Dispatch to ``handlers[state]``, each returning ``(changed, result, diff)``.

        ``result`` is returned under ``result_key`` (``execution``, ``job``...) or merged
        when ``result_key`` is None; the diff is returned only in diff mode.
        """
        def logic(api):
            changed, result, diff = handlers[api.params[state_option]](api)
            output = {"changed": changed}
            if result_key:
                output[result_key] = result
            elif result:
                output.update(result)
            if diff is not None and api.diff:
                output["diff"] = diff
            return output

        self.run(logic)

    def run(self, logic):
        """Run ``logic(self)`` -> result dict, and exit with it or with one readable failure."""
        failure = None
        try:
            problem = check_connection_values(self.params) or check_destinations(self.params, self.vendor.options)
            if problem:
                raise OptionError(*problem)
            result = logic(self)
        except SecopsError as exc:
            failure = exc.fail_kwargs()
            if self._client is not None and self._client.wrote:
                # Whatever failed, a write already reached the server (or may have).
                failure.setdefault("changed", True)
        renewed = self._renewed_tokens()
        # Failing outside the except block keeps ansible-core from attaching a traceback.
        if failure is not None:
            self.module.fail_json(**dict(failure, **renewed))
        self.module.exit_json(**dict(result, **renewed))

    def _renewed_tokens(self):
        """{RENEWED_TOKENS_KEY: ...} when this task renewed a rotating refresh token, else {}."""
        if self.token_module or not self.vendor.rotating_refresh_tokens or self._auth is None or not self._auth.fetch_count:
            return {}
        return {RENEWED_TOKENS_KEY: renewed_tokens(self._auth.token)}
