# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""5. What importing each module costs: ``python -X importtime -c 'import <module>'``.

The figure is the cumulative time of the module's own line (its imports and everything they
import), the median of several fresh interpreters. The heaviest top-level dependencies are
reported too, from the same runs.
"""

import re
import subprocess
import sys

from harness import MODULES, median

LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")
# Dependencies worth naming; their cumulative times are read from the same lines. jwt is
# imported only when a token is signed, so it does not appear here.
LIBRARIES = ("ansible.module_utils.basic", "requests", "ansible.module_utils.urls")


REFERENCE = ("ansible.builtin.uri", "ansible.modules.uri")


def _once(bench, name):
    completed = subprocess.run([sys.executable, "-X", "importtime", "-c", "import " + name],
                               env=bench.env, cwd=bench.work, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
    cumulative = {}
    for line in completed.stderr.decode("utf-8", "replace").splitlines():
        match = LINE.match(line)
        if match:
            # The first (outermost) import of a name is the one that paid for it.
            cumulative.setdefault(match.group(4), int(match.group(2)) / 1000.0)
    return cumulative


def measure(bench, available, repeats):
    """Median import cost of each module, and of ansible.builtin.uri for reference (interleaved runs)."""
    targets = [(module, MODULES + module) for module in sorted(available)] + [REFERENCE]
    samples = dict((label, []) for label, dummy in targets)
    for dummy in range(repeats):
        for label, name in targets:
            samples[label].append((name, _once(bench, name)))
    rows = []
    for label, dummy in targets:
        runs = samples[label]
        row = {"module": label, "ms": median([run[name] for name, run in runs]), "reference": label == REFERENCE[0]}
        for library in LIBRARIES:
            found = [run[library] for name, run in runs if library in run]
            row[library] = median(found) if found else None
        row["own"] = row["ms"] - sum(row[library] or 0.0 for library in LIBRARIES)
        rows.append(row)
    return rows
