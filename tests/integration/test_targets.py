# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every target under targets/ must play green against the emulator."""

import os

import pytest

TARGETS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "targets")
# Targets that need a special run have their own test module.
SPECIAL = {"missing_library", "awx_credentials", "awx_cylance_role"}
NAMES = sorted(name for name in os.listdir(TARGETS)
               if not name.startswith("setup_") and name not in SPECIAL and os.path.isfile(os.path.join(TARGETS, name, "tasks", "main.yml")))


@pytest.mark.parametrize("target", NAMES)
def test_target(run_target, target):
    run = run_target(target)
    assert run.rc == 0, run.output
