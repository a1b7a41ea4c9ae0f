# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The vendor doc fragments must say exactly what the option tables do."""

import importlib

import pytest
import yaml

VENDORS = ("cylance", "ccs", "oci")
HINT = "plugins/doc_fragments/{0}.py is stale: run python scripts/render_doc_fragments.py"


def load(vendor):
    table = importlib.import_module("ansible_collections.secops.executions.plugins.module_utils.{0}.connection".format(vendor)).VENDOR
    fragment = importlib.import_module("ansible_collections.secops.executions.plugins.doc_fragments.{0}".format(vendor)).ModuleDocFragment
    return table, fragment


@pytest.mark.parametrize("vendor", VENDORS)
def test_fragment_matches_table(vendor):
    table, fragment = load(vendor)
    assert yaml.safe_load(fragment.DOCUMENTATION) == table.doc_fragment(), HINT.format(vendor)
    assert yaml.safe_load(fragment.TOKEN_MODULE) == table.doc_fragment(token_module=True), HINT.format(vendor)
    if vendor == "cylance":  # the only vendor with plugins
        assert yaml.safe_load(fragment.PLUGIN) == table.plugin_doc_fragment(), HINT.format(vendor)


@pytest.mark.parametrize("vendor", VENDORS)
def test_plugin_options_read_the_same_environment_variables(vendor):
    table, dummy = load(vendor)
    spec = table.argument_spec()
    plugin = table.plugin_doc_fragment()["options"]
    assert set(plugin) == set(spec)
    for name, entry in spec.items():
        env = entry.get("fallback", (None, [None]))[1][0]
        assert plugin[name].get("env") == ([{"name": env}] if env else None), name
        assert plugin[name].get("default") == entry.get("default"), name


@pytest.mark.parametrize("vendor", VENDORS)
def test_every_option_documented_with_its_spec(vendor):
    table, dummy = load(vendor)
    spec = table.argument_spec()
    docs = table.doc_fragment()["options"]
    assert set(spec) == set(docs)
    for name, entry in spec.items():
        assert docs[name]["type"] == entry["type"], name
        assert docs[name].get("default") == entry.get("default"), name
        assert docs[name].get("choices") == entry.get("choices"), name
        env = entry.get("fallback", (None, [None]))[1][0]
        if env:
            assert "E({0})".format(env) in " ".join(docs[name]["description"]), name


SECRETS = {
    "cylance": {"app_secret", "access_token"},
    "ccs": {"password", "access_token", "refresh_token"},
    "oci": {"client_secret", "access_token"},
}


@pytest.mark.parametrize("vendor", VENDORS)
def test_exactly_the_secrets_are_no_log(vendor):
    table, dummy = load(vendor)
    assert {name for name, entry in table.argument_spec().items() if entry["no_log"]} == SECRETS[vendor]


@pytest.mark.parametrize("vendor", VENDORS)
def test_token_modules_require_credentials_and_ignore_tokens(vendor):
    table, dummy = load(vendor)
    spec = table.argument_spec(token_module=True)
    docs = table.doc_fragment(token_module=True)["options"]
    assert all(spec[name].get("required") for name in table.credential_options)
    # Accepted (a module_defaults group may pass them) but unused, and documented so.
    for name in table.token_inputs:
        assert spec[name]["no_log"] and "fallback" not in spec[name]
        assert docs[name]["description"][0] == "Not used: this module always obtains a new token."
