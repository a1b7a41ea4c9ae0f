# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Each role's argument spec carries examples (the docs site and ansible-doc -t role show them).

They are the plays of the role's README, which tests/integration/test_examples.py runs against the
emulator, so the examples shown are examples that run. Every role variable they set is declared.
"""

import os
import re

import pytest
import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
ROLES = sorted(os.listdir(os.path.join(ROOT, "roles")))


def entry_point(role):
    with open(os.path.join(ROOT, "roles", role, "meta", "argument_specs.yml")) as handle:
        return yaml.safe_load(handle)["argument_specs"]["main"]


def readme_plays(role):
    with open(os.path.join(ROOT, "roles", role, "README.md")) as handle:
        text = handle.read()
    plays = []
    for block in re.findall(r"^```ya?ml\n(.*?)^```", text, re.S | re.M):
        document = yaml.safe_load(block)
        if isinstance(document, list) and document and all(isinstance(play, dict) and "hosts" in play for play in document):
            plays.extend(document)
    return plays


def role_vars(node, role):
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, str) and key.startswith(role + "_"):
                yield key
            yield from role_vars(value, role)
    elif isinstance(node, list):
        for item in node:
            yield from role_vars(item, role)


@pytest.mark.parametrize("role", ROLES)
def test_argument_spec_examples_are_the_readme_plays(role):
    examples = entry_point(role).get("examples", "")
    assert examples.strip(), "roles/{0}/meta/argument_specs.yml has no examples".format(role)
    assert yaml.safe_load(examples) == readme_plays(role), "copy the README play of {0} into its argument spec examples".format(role)


@pytest.mark.parametrize("role", ROLES)
def test_examples_set_only_declared_variables(role):
    declared = set(entry_point(role)["options"])
    used = set(role_vars(yaml.safe_load(entry_point(role)["examples"]), role))
    assert used and used <= declared, sorted(used - declared)
