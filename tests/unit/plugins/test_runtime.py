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
