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
import os

from urllib.parse import urlsplit

from ansible.module_utils.basic import AnsibleFallbackNotFound

from ansible_collections.secops.executions.plugins.module_utils.errors import OptionError

from ansible_collections.secops.executions.plugins.module_utils.client import DEFAULT_MAX_RESPONSE_SIZE


class Option(object):
    """One connection option: what it is, where else it can come from, how it is documented."""

    def __init__(self, name, description, type="str", env=None, default=None, no_log=False,
                 choices=None, elements=None, aliases=None, required=False, url=False):
        self.name = name
        # A URL that credentials or tokens are sent to: checked to be absolute before any request.
        self.url = url
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
            entry["fallback"] = (set_env_fallback, [self.env])
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

    def plugin_doc(self):
        """The documentation of the same option for a plugin (inventory, lookup): the environment variable as ``env``."""
        entry = dict(self.doc(), description=list(self.description))
        if self.env:
            entry["env"] = [{"name": self.env}]
        return entry


def set_env_fallback(*names):
    """The first of the environment variables that is set and not empty.

    AWX renders an unset credential field as an empty variable: that means "not set" (so
    the option's default applies and ``choices`` are not checked against ""), not "empty".
    """
    for name in names:
        value = os.environ.get(name)
        if value is not None and value.strip():
            return value
    raise AnsibleFallbackNotFound


def connection_options(prefix, default_timeout=30):
    """HTTP options every vendor shares, with the vendor's env-var prefix."""
    return [
        Option("timeout", ["Seconds one HTTP request may take, from connecting to the last byte of the answer, before it is given up.",
                           "It bounds each attempt: a retry (see O(retries)) has a timeout of its own. "
                           "A server that sends its answer slowly, a few bytes at a time, is cut off when it runs out."],
               type="float", env=prefix + "_TIMEOUT", default=default_timeout),
        Option("validate_certs", ["Verify the server's TLS certificate.",
                                  "Prefer O(ca_path) for servers with internal certificates; disable only for test systems (each task then warns)."],
               type="bool", env=prefix + "_VALIDATE_CERTS", default=True),
        Option("ca_path", ["A PEM file with the CA certificates that sign the server certificate, used instead of the system trust store.",
                           "The task fails before any request when the file does not exist."],
               type="path", env=prefix + "_CA_PATH"),
        Option("proxy", ["Proxy for the API requests, as one URL for every scheme or a dictionary such as C({https: 'http://proxy:3128'}).",
                         "When not set, the standard C(https_proxy), C(http_proxy) and C(no_proxy) environment variables apply.",
                         "Credentials in a proxy URL (C(http://user:password@proxy:3128)) are masked in all output; the proxy host is shown."],
               type="raw", env=prefix + "_PROXY"),
        Option("retries", ["How many times to retry a request that failed with HTTP 429, 500, 502, 503 or 504, or could not connect.",
                           "Waits grow exponentially with jitter; a C(Retry-After) header from the server is honoured.",
                           "A POST that may have reached the server is never re-sent; only 429 is retried for POST."],
               type="int", env=prefix + "_RETRIES", default=3),
        Option("retry_max_wait", "The most seconds one task spends waiting between retries, in total.",
               type="int", env=prefix + "_RETRY_MAX_WAIT", default=60),
        Option("max_response_size", ["The largest answer, in bytes, that a module reads from the API (the decoded size of a compressed answer).",
                                     "A larger answer fails the task, naming the request, before it can fill the memory: "
                                     "refused from its C(Content-Length) without reading it, or as soon as the body passes the limit."],
               type="int", env=prefix + "_MAX_RESPONSE_SIZE", default=DEFAULT_MAX_RESPONSE_SIZE),
    ]


def argument_spec(options):
    return dict((option.name, option.spec()) for option in options)


def doc_fragment(options, notes=None, plugin=False):
    """The documentation of ``options`` as a doc fragment's data (``options`` and ``notes``), for modules or plugins."""
    document = {"options": dict((option.name, option.plugin_doc() if plugin else option.doc()) for option in options)}
    if notes:
        document["notes"] = list(notes)
    return document


def required_copy(option):
    """The same option, but required (token modules need every credential)."""
    twin = copy.copy(option)
    twin.required = True
    return twin


# Why a token module accepts an option it does not use.
TOKEN_INPUT = "Not used: this module always obtains a new token."
GROUP_OPTION = "Not used: the token does not depend on it."


def ignored_copy(option, why=TOKEN_INPUT):
    """The same option, accepted but unused, and documented so: a token input, or an option of the vendor's other
    modules (``why``), seen by a token module through a C(module_defaults) group."""
    twin = copy.copy(option)
    twin.env = None
    twin.required = False
    twin.description = [
        why,
        "Accepted so that a C(module_defaults) group that sets it for the other modules of the vendor also works for this one.",
    ]
    return twin


def unused_option(name):
    """A text option a token module accepts and ignores because the vendor's other modules take it."""
    return ignored_copy(Option(name, GROUP_OPTION), GROUP_OPTION)


def check_connection_values(params):
    """Errors in shared options that the argument spec cannot express; (option, problem) or None."""
    if params.get("timeout") is not None and params["timeout"] <= 0:
        return "timeout", "must be greater than 0, got {0}".format(params["timeout"])
    if params.get("retries") is not None and params["retries"] < 0:
        return "retries", "must be 0 or more, got {0}".format(params["retries"])
    if params.get("max_response_size") is not None and params["max_response_size"] < 1:
        return "max_response_size", "must be at least 1 byte, got {0}".format(params["max_response_size"])
    if params.get("retry_max_wait") is not None and params["retry_max_wait"] < 0:
        return "retry_max_wait", "must be 0 or more, got {0}".format(params["retry_max_wait"])
    proxy = params.get("proxy")
    if proxy is not None and not isinstance(proxy, (str, dict)):
        return "proxy", "must be a URL string or a dictionary of scheme to URL"
    return None


def check_destinations(params, options):
    """Errors in where requests go, before any is sent; (option, problem) or None.

    A URL option without a scheme or host would be joined to another URL, and credentials
    sent there; a missing CA file would fail only inside the TLS layer.
    """
    for option in options:
        value = params.get(option.name)
        if option.url and value is not None:
            problem = url_problem(value)
            if problem:
                return option.name, problem
    ca_path = params.get("ca_path")
    if ca_path and not os.path.isfile(ca_path):
        return "ca_path", "no such file: {0}".format(ca_path)
    return None


def url_problem(value):
    """Why ``value`` is not an absolute http:// or https:// URL with a host, or None (never echoes the value: it may hold credentials)."""
    try:
        parts = urlsplit(value.strip())
        host = parts.hostname
    except ValueError:
        host = None
    if not host:
        return "must be an absolute URL with a scheme and a host, such as https://host.example.com/path"
    if parts.scheme.lower() not in ("http", "https"):
        return "must start with https:// (or http://), not {0}://".format(parts.scheme)
    return None


def check_path_values(params, names):
    """Values that go into a URL path must not be made only of dots: '.' and '..' would reach another endpoint."""
    for name in names:
        values = params.get(name)
        for value in values if isinstance(values, list) else [values]:
            if isinstance(value, str) and value.strip() and not value.strip().strip("."):
                raise OptionError(name, "'{0}' is not a valid value: a path value made only of dots would reach another API endpoint".format(value))
