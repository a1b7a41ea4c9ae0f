# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The layering rules of docs/ARCHITECTURE.md, read from the imports: the map cannot drift silently.

- shared files (``plugins/module_utils/*.py``) import no vendor;
- a vendor package imports neither another vendor nor the transport (``client.py``): it gets
  a client from the frame;
- a module imports the frame (``module``, ``token_module``), ``waiting``, ``timeouts`` and its own vendor only.
"""

import ast
import os

import pytest

PREFIX = "ansible_collections.secops.executions.plugins.module_utils"
ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "..", "plugins")
UTILS = os.path.join(ROOT, "module_utils")
# Every folder of module_utils is a vendor (they are namespace packages, without __init__.py).
VENDORS = sorted(name for name in os.listdir(UTILS) if os.path.isdir(os.path.join(UTILS, name)) and not name.startswith("__"))
# listing: the shared list options (fields, dest) a module adds to its argument spec.
MODULE_ALLOWED = ("module", "token_module", "waiting", "timeouts", "listing")


def imported(path):
    """module_utils names a file imports, relative to module_utils (``errors``, ``ccs.api``...)."""
    with open(path) as source:
        tree = ast.parse(source.read())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(PREFIX):
            base = node.module[len(PREFIX):].lstrip(".")
            for alias in node.names:
                # ``from ...module_utils.ccs import api`` names a file of the package.
                if not base or base in VENDORS:
                    names.add((base + "." + alias.name).lstrip("."))
                else:
                    names.add(base)
        elif isinstance(node, ast.Import):
            names.update(alias.name[len(PREFIX):].lstrip(".") for alias in node.names if alias.name.startswith(PREFIX))
    return names


def python_files(folder):
    return sorted(name for name in os.listdir(folder) if name.endswith(".py") and name != "__init__.py")


def vendor_of(name):
    return name.split(".")[0] if name.split(".")[0] in VENDORS else None


def test_there_are_vendors_to_check():
    assert set(VENDORS) >= {"ccs", "cylance", "oci"}


@pytest.mark.parametrize("name", python_files(UTILS))
def test_shared_files_import_no_vendor(name):
    assert [used for used in imported(os.path.join(UTILS, name)) if vendor_of(used)] == []


@pytest.mark.parametrize("vendor,name", [(vendor, name) for vendor in VENDORS for name in python_files(os.path.join(UTILS, vendor))])
def test_vendors_import_neither_each_other_nor_the_transport(vendor, name):
    used = imported(os.path.join(UTILS, vendor, name))
    assert [other for other in used if vendor_of(other) not in (None, vendor)] == []
    assert "client" not in used


@pytest.mark.parametrize("name", python_files(os.path.join(ROOT, "modules")))
def test_modules_import_the_frame_waiting_and_their_own_vendor_only(name):
    own = name.split("_")[0]
    assert own in VENDORS
    used = imported(os.path.join(ROOT, "modules", name))
    assert [other for other in used if other not in MODULE_ALLOWED and vendor_of(other) != own] == []
