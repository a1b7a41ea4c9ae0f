# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The version has one source of truth, galaxy.yml; the User-Agent's copy must follow it.

Modules run as AnsiballZ payloads without galaxy.yml or MANIFEST.json, so module_utils/client.py
carries the version as a constant; bump both in the same commit (SUPPORT.md says so).
"""

import os

import yaml

from ansible_collections.secops.executions.plugins.module_utils import client

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def test_user_agent_version_is_galaxy_version():
    with open(os.path.join(ROOT, "galaxy.yml")) as handle:
        version = yaml.safe_load(handle)["version"]
    assert client.COLLECTION_VERSION == version, "set COLLECTION_VERSION in plugins/module_utils/client.py to {0}".format(version)
    assert client.USER_AGENT == "secops.executions/" + version
