# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One option table per vendor; the argument spec and the doc fragment are both made from it.

A vendor declares its connection options once (name, type, env variable,
``no_log``, description). ``argument_spec()`` turns the table into what
AnsibleModule wants, with env-var fallbacks; ``doc_fragment()`` turns it into
the documentation that ``scripts/render_doc_fragments.py`` writes to
``plugins/doc_fragments/<vendor>.py``. A unit test fails when a fragment no
longer matches its table, so code and docs cannot drift apart.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible.module_utils.basic import env_fallback


class Option(object):
    """One connection option: what it is, where else it can come from, how it is documented."""

    def __init__(self, name, description, type="str", env=None, default=None, no_log=False,
                 choices=None, elements=None, aliases=None, required=False):
        self.name = name
        self.required = required
        self.description = description if isinstance(description, (list, tuple)) else [description]
        self.type = type
        self.env = env
        self.default = default
        self.no_log = no_log
        self.choices = choices
        self.elements = elements
        self.aliases = aliases

    def spec(self):
        entry = {"type": self.type, "no_log": self.no_log}
        if self.required:
            entry["required"] = True
        if self.default is not None:
            entry["default"] = self.default
        if self.env:
            entry["fallback"] = (env_fallback, [self.env])
        if self.elements:
            entry["elements"] = self.elements
        for key in ("choices", "aliases"):
            value = getattr(self, key)
            if value:
                entry[key] = list(value)
        return entry

    def doc(self):
        description = list(self.description)
        if self.env:
            description.append("If not set, the value of the E({0}) environment variable is used.".format(self.env))
        entry = {"description": description, "type": self.type}
        if self.required:
            entry["required"] = True
        if self.default is not None:
            entry["default"] = self.default
        if self.elements:
            entry["elements"] = self.elements
        for key in ("choices", "aliases"):
            value = getattr(self, key)
            if value:
                entry[key] = list(value)
        return entry


def connection_options(prefix, default_timeout=30):
    """HTTP options every vendor shares, with the vendor's env-var prefix."""
    return [
        Option("timeout", "Seconds to wait for each HTTP response before giving up on it.",
               type="float", env=prefix + "_TIMEOUT", default=default_timeout),
        Option("validate_certs", ["Verify the server's TLS certificate.",
                                  "Prefer O(ca_path) for servers with internal certificates; disable only for test systems."],
               type="bool", env=prefix + "_VALIDATE_CERTS", default=True),
        Option("ca_path", "A PEM file with the CA certificates that sign the server certificate, used instead of the system trust store.",
               type="path", env=prefix + "_CA_PATH"),
        Option("proxy", ["Proxy for the API requests, as one URL for every scheme or a dictionary such as C({https: 'http://proxy:3128'}).",
                         "When not set, the standard C(https_proxy), C(http_proxy) and C(no_proxy) environment variables apply."],
               type="raw", env=prefix + "_PROXY"),
        Option("retries", ["How many times to retry a request that failed with HTTP 429, 500, 502, 503 or 504, or could not connect.",
                           "Waits grow exponentially with jitter; a C(Retry-After) header from the server is honoured.",
                           "A POST that may have reached the server is never re-sent; only 429 is retried for POST."],
               type="int", env=prefix + "_RETRIES", default=3),
        Option("retry_max_wait", "The most seconds one task spends waiting between retries, in total.",
               type="int", env=prefix + "_RETRY_MAX_WAIT", default=60),
    ]


def argument_spec(options):
    return dict((option.name, option.spec()) for option in options)


def doc_fragment(options, notes=None):
    """The documentation of ``options`` as a doc fragment's data (``options`` and ``notes``)."""
    document = {"options": dict((option.name, option.doc()) for option in options)}
    if notes:
        document["notes"] = list(notes)
    return document


def required_copy(option):
    """The same option, but required (token modules need every credential)."""
    twin = copy.copy(option)
    twin.required = True
    return twin


def ignored_copy(option):
    """The same option, accepted but unused, and documented so (a token input seen by a token module)."""
    twin = copy.copy(option)
    twin.env = None
    twin.description = [
        "Not used: this module always obtains a new token.",
        "Accepted so that a C(module_defaults) group that hands a token to the other modules of the vendor also works for this one.",
    ]
    return twin


def check_connection_values(params):
    """Errors in shared options that the argument spec cannot express; (option, problem) or None."""
    if params.get("timeout") is not None and params["timeout"] <= 0:
        return "timeout", "must be greater than 0, got {0}".format(params["timeout"])
    if params.get("retries") is not None and params["retries"] < 0:
        return "retries", "must be 0 or more, got {0}".format(params["retries"])
    if params.get("retry_max_wait") is not None and params["retry_max_wait"] < 0:
        return "retry_max_wait", "must be 0 or more, got {0}".format(params["retry_max_wait"])
    proxy = params.get("proxy")
    if proxy is not None and not isinstance(proxy, (str, dict)):
        return "proxy", "must be a URL string or a dictionary of scheme to URL"
    return None
