# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""7. What a long list costs the user: the whole ansible-playbook task, beside the floor.

One Cylance tenant of ``count`` executions (200 a page). Each round runs, in an order that
rotates from round to round (the machine is shared: ratios are taken within the same run):

- the floor: a bare ``requests`` loop over the same pages, the list dumped as JSON (floor.py);
- cyapi, the official SDK (20 threads), dumping the same;
- ``cylance_package_execution_info`` as a bare module process (harness.run_module), in full,
  with ``fields`` (FIELDS, 4 of them plus the ID) and with ``dest``;
- the same three as one task of a real play (ansible-playbook, the result registered and not
  printed): the task's time from the bench_timer callback, the controller's peak memory
  (the ansible-playbook process's VmHWM, from the same callback), and the peak of every
  process of the run (ru_maxrss of the children: the controller's worker or the module);
- ansible-core alone: the same play, whose task is a module that makes no request and returns
  the module's own result, recorded before the rounds (library/bench_result.py), in full and
  with ``fields``. No module can return that result for less, so its ratio is the bound under
  any target;
- reading ahead, fields: the least that reading the pages for the ``fields`` result can cost a
  script (floor.py's ``readahead``: the next page fetched while the current one is decoded, no
  checks, no output). Its time added to ansible-core alone's, round by round, is the least a
  ``fields`` task can cost with its own reading: the "bound" row.
"""

import json
import os
import resource
import subprocess
import sys

from harness import median
from scale import _cylance

HERE = os.path.dirname(os.path.abspath(__file__))
FLOOR = os.path.join(HERE, "floor.py")
MODULE = "cylance_package_execution_info"
PATH = "/packages/v2/executions"
PAGE_SIZE = 200
COUNT = 100000
FIELDS = ["name", "createdAt", "deviceCount", "deviceStatuses"]
# Targets of issue 16, as ratios to the floor's time and MiB.
TARGETS = {"play, dest": (1.3, 80), "play, fields": (2.0, 250), "play, full": (4.0, None)}
LIBRARY = os.path.join(HERE, "library")


def _peak_children_mb():
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0


def _floor(bench, client):
    plan = os.path.join(bench.work, "floor.json")
    with open(plan, "w") as handle:
        json.dump({"url": bench.url, "token": bench.tokens["cylance"], "path": PATH, "page_size": PAGE_SIZE, "client": client,
                   "fields": FIELDS, "out": os.path.join(bench.work, "floor-out.json")}, handle)
    bench.control.clear_requests()
    output = subprocess.run([sys.executable, FLOOR, plan], stdout=subprocess.PIPE, check=True, env=bench.env).stdout
    measured = json.loads(output.decode().strip().splitlines()[-1])
    return {"seconds": measured["seconds"], "module_mb": measured["peak_mb"], "controller_mb": None, "items": measured["items"],
            "requests": len(bench.control.requests())}


def _args(bench, variant):
    args = dict(bench.reuse("cylance"))
    if variant == "fields":
        args["fields"] = FIELDS
    elif variant == "dest":
        args["dest"] = os.path.join(bench.work, "executions.jsonl")
    return args


def _module(bench, variant):
    run = bench.run_module(MODULE, _args(bench, variant))
    if run.failed:
        raise RuntimeError("{0} ({1}) failed: {2}".format(MODULE, variant, run.result.get("msg") or run.stderr[-500:]))
    items = run.result["count"] if variant == "dest" else len(run.result["executions"])
    return {"seconds": run.seconds, "module_mb": run.peak_mb, "controller_mb": None, "items": items, "requests": len(run.requests)}


def _recorded(bench, variant):
    return os.path.join(bench.work, "recorded-{0}.json".format(variant))


def _record(bench, variant):
    """Keep the module's own result for ``variant``: what the ansible-core-alone rows return."""
    run = bench.run_module(MODULE, _args(bench, variant))
    if run.failed:
        raise RuntimeError("{0} ({1}) failed: {2}".format(MODULE, variant, run.result.get("msg") or run.stderr[-500:]))
    with open(_recorded(bench, variant), "w") as handle:
        json.dump(run.result, handle)


def _play(bench, variant, core_alone=False):
    if core_alone:
        task = {"name": "bench:list", "bench_result": {"path": _recorded(bench, variant)}, "register": "listed"}
        return _run_play(bench, variant, task)
    if variant == "dest" and os.path.exists(_args(bench, variant)["dest"]):
        os.unlink(_args(bench, variant)["dest"])  # a fresh file each time: what a first export costs
    task = {"name": "bench:list", "secops.executions." + MODULE: _args(bench, variant), "register": "listed"}
    return _run_play(bench, variant, task)


def _run_play(bench, variant, task):
    check = {"name": "bench:check", "ansible.builtin.assert": {"that": ["listed is succeeded"], "quiet": True}}
    play = [{"name": "bench: a long list in a play", "hosts": "localhost", "gather_facts": False,
             "vars": {"ansible_python_interpreter": "{{ ansible_playbook_python }}"}, "tasks": [task, check]}]
    path = os.path.join(bench.work, "play-scale.yml")
    with open(path, "w") as handle:
        json.dump(play, handle)
    timings, memory = os.path.join(bench.work, "play-timings.json"), os.path.join(bench.work, "play-memory.json")
    env = dict(bench.env, SECOPS_BENCH_TIMINGS=timings, SECOPS_BENCH_MEMORY=memory,
               ANSIBLE_CALLBACK_PLUGINS=os.path.join(HERE, "callback_plugins"), ANSIBLE_CALLBACKS_ENABLED="bench_timer",
               ANSIBLE_LOCALHOST_WARNING="false", ANSIBLE_INVENTORY_UNPARSED_WARNING="false", ANSIBLE_LIBRARY=LIBRARY)
    # A process of its own per play, so that ru_maxrss of its children is this play's peak alone.
    wrapper = ("import resource, subprocess, sys; rc = subprocess.call(sys.argv[1:]); "
               "print('peak_kb=%d' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(rc)")
    ansible_playbook = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")
    bench.control.clear_requests()
    completed = subprocess.run([sys.executable, "-c", wrapper, ansible_playbook, "-i", "localhost,", "-c", "local", path], env=env,
                               cwd=bench.work, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
    output = completed.stdout.decode("utf-8", "replace")
    if completed.returncode != 0:
        raise RuntimeError("the play ({0}) failed:\n{1}".format(variant, output[-3000:]))
    with open(timings) as handle:
        seconds = [entry["seconds"] for entry in json.load(handle) if entry["task"] == "bench:list"][0]
    with open(memory) as handle:
        controller_mb = json.load(handle)["controller_kb"] / 1024.0
    peak_mb = int([line for line in output.splitlines() if line.startswith("peak_kb=")][-1].split("=")[1]) / 1024.0
    return {"seconds": seconds, "module_mb": peak_mb, "controller_mb": controller_mb, "items": None,
            "requests": len(bench.control.requests())}


VARIANTS = [
    ("floor (requests loop)", lambda bench: _floor(bench, "requests")),
    ("cyapi (20 threads)", lambda bench: _floor(bench, "cyapi")),
    ("module process, full", lambda bench: _module(bench, "full")),
    ("module process, fields", lambda bench: _module(bench, "fields")),
    ("module process, dest", lambda bench: _module(bench, "dest")),
    ("play, full", lambda bench: _play(bench, "full")),
    ("play, fields", lambda bench: _play(bench, "fields")),
    ("play, dest", lambda bench: _play(bench, "dest")),
    ("ansible-core alone, full", lambda bench: _play(bench, "full", core_alone=True)),
    ("ansible-core alone, fields", lambda bench: _play(bench, "fields", core_alone=True)),
    ("reading ahead, fields (no output)", lambda bench: _floor(bench, "readahead")),
]
# The least a fields task can cost: ansible-core alone plus the fastest reading, summed round by round.
READING_BOUND = ("bound, fields: ansible-core alone + reading ahead", "ansible-core alone, fields", "reading ahead, fields (no output)")
# The rows that bound each play row from below, the tightest first: (row, what it is, as the report names it).
BOUNDS = {"play, full": [("ansible-core alone, full", "ansible-core alone")],
          "play, fields": [(READING_BOUND[0], "ansible-core alone plus reading ahead"), ("ansible-core alone, fields", "ansible-core alone")]}


def measure(bench, available, count=COUNT, repeats=3, only=None):
    """Rows per variant: medians over ``repeats`` interleaved rounds, and ratios to the floor of the same rounds."""
    if MODULE not in available:
        return []
    variants = [variant for variant in VARIANTS if only is None or variant[0] in only or variant[0].startswith("floor")]
    bench.load(_cylance(bench, count))
    for variant in ("full", "fields"):
        _record(bench, variant)
    samples = dict((name, []) for name, dummy in variants)
    for number in range(repeats):
        shift = number % len(variants)
        for name, run in variants[shift:] + variants[:shift]:
            samples[name].append(run(bench))
            print("  round {0}: {1}: {2:.1f} s".format(number + 1, name, samples[name][-1]["seconds"]), flush=True)
    floor = samples[variants[0][0]]
    rows = []
    for name, dummy in variants:
        mine = samples[name]
        ratios = [sample["seconds"] / base["seconds"] for sample, base in zip(mine, floor)]
        controller = [sample["controller_mb"] for sample in mine if sample["controller_mb"] is not None]
        rows.append({"variant": name, "items": count, "samples": len(mine), "requests": mine[0]["requests"],
                     "seconds": median([sample["seconds"] for sample in mine]), "ratio": median(ratios),
                     "peak_mb": median([sample["module_mb"] for sample in mine]),
                     "controller_mb": median(controller) if controller else None})
    name, core, reading = READING_BOUND
    if core in samples and reading in samples:
        sums = [first["seconds"] + second["seconds"] for first, second in zip(samples[core], samples[reading])]
        rows.append({"variant": name, "items": count, "samples": len(sums), "requests": samples[reading][0]["requests"],
                     "seconds": median(sums), "ratio": median([total / base["seconds"] for total, base in zip(sums, floor)]),
                     "peak_mb": None, "controller_mb": None})
    return rows
