# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Make ``ansible_collections.secops.executions`` importable from this working tree.

When ansible-test runs the units the collection is already on its path;
under plain pytest a symlink tree under .build/ points at the repository.
"""

import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def _collection_root():
    parts = ROOT.split(os.sep)
    if len(parts) >= 3 and parts[-3] == "ansible_collections":
        return os.sep.join(parts[:-3])
    tree = os.path.join(ROOT, ".build", "unit")
    link = os.path.join(tree, "ansible_collections", "secops", "executions")
    if not os.path.islink(link):
        os.makedirs(os.path.dirname(link), exist_ok=True)
        os.symlink(ROOT, link)
    return tree


sys.path.insert(0, _collection_root())

try:
    from hypothesis import settings as _hypothesis_settings
except ImportError:  # the property tests skip themselves without hypothesis
    _hypothesis_settings = None

if _hypothesis_settings is not None:
    # "ci" (the default, what make test and ansible-test run): the same examples on every run and
    # machine, no example database, no deadline that a loaded machine could miss. "dev" explores:
    # a fresh random draw each run, e.g. HYPOTHESIS_PROFILE=dev pytest tests/unit --hypothesis-seed=<n>
    _hypothesis_settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True)
    _hypothesis_settings.register_profile("dev", derandomize=False, deadline=None, print_blob=True)
    _hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_configure(config):
    # Vendors choose secret lengths; PyJWT's advice about short HMAC keys is noise here.
    config.addinivalue_line("filterwarnings", "ignore:The HMAC key is")
