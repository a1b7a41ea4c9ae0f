# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""5. What starting each module costs.

Two figures, each the median of several fresh interpreters, interleaved with ``ansible.builtin.uri``:

- ``python -X importtime -c 'import <module>'``: the cumulative time of the module's own line
  (its imports and everything they import), with the heaviest top-level dependencies from the
  same runs. The collection's code is compiled from source here (the benchmark writes no
  bytecode), while uri and the libraries come from site-packages' bytecode.
- The module's process as a task starts it: the AnsiballZ payload ansible-core built for a task
  of the module (kept with ANSIBLE_KEEP_REMOTE_FILES), run from spawn to exit with an unknown
  option, so that the process ends where the module has started and validated its arguments,
  before any request. Every module, uri included, then imports its code and ansible-core's from
  the payload's zip, as in a real task.
"""

import glob
import json
import os
import re
import subprocess
import sys
import time

from harness import MODULES, median

LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")
# Dependencies worth naming; their cumulative times are read from the same lines. jwt is
# imported only when a token is signed, so it does not appear here.
LIBRARIES = ("ansible.module_utils.basic", "requests", "ansible.module_utils.urls")


REFERENCE = ("ansible.builtin.uri", "ansible.modules.uri")
# An option no module has: the module fails its argument validation, before any request.
UNKNOWN_OPTION = "bench_unknown_option"
# Task processes are short and noisy: more pairs than imports.
TASK_REPEATS = 15


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
    started = measure_task_start(bench, available, TASK_REPEATS)
    for row in rows:
        if row["reference"]:
            row["task_ms"] = median([entry["uri_task_ms"] for entry in started.values()])
        else:
            row.update(started[row["module"]])
    return rows


def _payloads(bench, available):
    """The AnsiballZ payload of a task of each module and of uri, as ansible-core builds them: {label: path}."""
    remote_tmp = os.path.join(bench.work, "remote-tmp")
    tasks = [{"name": module, "secops.executions." + module: {UNKNOWN_OPTION: 1}, "ignore_errors": True} for module in available]
    tasks.append({"name": REFERENCE[0], REFERENCE[0]: {"url": bench.url, UNKNOWN_OPTION: 1}, "ignore_errors": True})
    play = [{"hosts": "localhost", "gather_facts": False, "vars": {"ansible_python_interpreter": "{{ ansible_playbook_python }}"},
             "tasks": tasks}]
    path = os.path.join(bench.work, "payloads.yml")
    with open(path, "w") as handle:
        json.dump(play, handle)
    env = dict(bench.env, ANSIBLE_KEEP_REMOTE_FILES="1", ANSIBLE_REMOTE_TMP=remote_tmp, ANSIBLE_LOCALHOST_WARNING="false")
    ansible_playbook = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")
    subprocess.run([ansible_playbook, "-i", "localhost,", "-c", "local", path], env=env, cwd=bench.work,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    found = {}
    for label in list(available) + [REFERENCE[0]]:
        short = label.rsplit(".", 1)[-1]
        matches = glob.glob(os.path.join(remote_tmp, "*", "AnsiballZ_{0}.py".format(short)))
        if len(matches) != 1:
            raise RuntimeError("expected one AnsiballZ payload for {0}, found {1}".format(label, matches))
        found[label] = matches[0]
    return found


def _start_once(bench, payload):
    env = dict((key, value) for key, value in bench.env.items() if key != "PYTHONPATH")
    started = time.perf_counter()
    completed = subprocess.run([sys.executable, payload], env=env, cwd=bench.work, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               check=False)
    seconds = time.perf_counter() - started
    if UNKNOWN_OPTION.encode() not in completed.stdout:
        raise RuntimeError("{0} did not reach its argument validation: {1}".format(payload, completed.stdout[-500:]))
    return seconds * 1000.0


def measure_task_start(bench, available, repeats):
    """Median ms from spawn to exit of each module's task process, and the median ratio to the uri process next to it."""
    payloads = _payloads(bench, sorted(available))
    reference = payloads.pop(REFERENCE[0])
    _start_once(bench, reference)  # warm the page cache
    rows = {}
    for label, payload in sorted(payloads.items()):
        mine, uri, ratios = [], [], []
        for number in range(repeats):
            pair = [(mine, payload), (uri, reference)]
            for samples, path in (pair if number % 2 else pair[::-1]):
                samples.append(_start_once(bench, path))
            ratios.append(mine[-1] / uri[-1])
        rows[label] = {"task_ms": median(mine), "uri_task_ms": median(uri), "task_ratio": median(ratios)}
    return rows
