# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A module run by a Python without requests fails with missing_required_lib, naming that Python."""

import subprocess
import sys


def test_missing_requests_names_the_interpreter(run_target, tmp_path):
    bare = tmp_path / "bare"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(bare)], check=True)
    python = str(bare / "bin" / "python")
    run = run_target("missing_library", extra_vars={"ansible_python_interpreter": python})
    assert run.rc == 0, run.output
