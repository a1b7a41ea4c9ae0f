# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every module is in its vendor's action group, so module_defaults reach it."""

import os

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
GROUPS = ("cylance", "ccs", "oci")


def runtime():
    with open(os.path.join(ROOT, "meta", "runtime.yml")) as handle:
        return yaml.safe_load(handle)


def modules():
    names = os.listdir(os.path.join(ROOT, "plugins", "modules"))
    return sorted(name[:-3] for name in names if name.endswith(".py") and not name.startswith("_"))


def test_each_module_is_in_its_vendor_group():
    groups = runtime()["action_groups"]
    for group in GROUPS:
        expected = [name for name in modules() if name.startswith(group + "_")]
        assert sorted(groups[group]) == expected, "meta/runtime.yml action_groups.{0} must list exactly {1}".format(group, expected)


def test_every_module_belongs_to_a_vendor():
    assert all(name.split("_", 1)[0] in GROUPS for name in modules())


def test_umbrella_group_extends_the_vendor_groups():
    umbrella = runtime()["action_groups"]["all"]
    assert umbrella == [{"metadata": {"extend_group": list(GROUPS)}}]


def test_floor_is_2_17():
    assert runtime()["requires_ansible"] == ">=2.17.0"


# Options that name or describe one object: nobody sets them for a whole group.
PER_OBJECT = {"id", "name", "execution_id", "config_type", "activity_name", "activity_type"}


def documented_options(module):
    """The options ``ansible-doc`` shows for a module: its own and those of its vendor doc fragments."""
    import importlib

    from ansible_collections.secops.executions.plugins.modules import __name__ as package

    documentation = yaml.safe_load(importlib.import_module("{0}.{1}".format(package, module)).DOCUMENTATION)
    options = set(documentation.get("options") or {})
    for fragment in documentation.get("extends_documentation_fragment") or []:
        name, dummy, variable = fragment.replace("secops.executions.", "").partition(".")
        fragments = importlib.import_module("ansible_collections.secops.executions.plugins.doc_fragments." + name)
        options |= set(yaml.safe_load(getattr(fragments.ModuleDocFragment, variable or "DOCUMENTATION")).get("options") or {})
    return options


def test_a_group_default_that_every_other_module_takes_reaches_the_token_module_too():
    # module_defaults of group/secops.executions.<vendor> go to every module of the group, and a module
    # fails on an option it does not know: the token module must accept what all the others share.
    for group in GROUPS:
        members = runtime()["action_groups"][group]
        token_module = group + "_token"
        shared = set.intersection(*[documented_options(name) for name in members if name != token_module])
        missing = shared - documented_options(token_module) - PER_OBJECT
        assert not missing, "{0} must accept {1}, which every other module of group/secops.executions.{2} takes".format(
            token_module, sorted(missing), group)
