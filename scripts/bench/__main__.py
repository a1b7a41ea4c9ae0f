# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark of secops.executions against the API emulator: `python scripts/bench` (what `make bench` runs).

Starts the emulator, measures, prints each table as it is done, then writes docs/performance.md
and docs/performance.png. It measures and reports; it does not pass or fail on the targets.
"""

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time

import budget
import emulator_speed
import inventory
import overhead
import play_scale
import report
import scale
import startup
import wait_cost
from harness import ROOT, Bench

SECTIONS = ("budget", "overhead", "scale", "play", "wait", "startup", "emulator", "inventory")


def available_modules(bench):
    """Modules present in the collection being measured: the benchmark covers those and skips the others."""
    folder = os.path.join(bench.collections, "ansible_collections", "secops", "executions", "plugins", "modules")
    return sorted(name[:-3] for name in os.listdir(folder) if name.endswith(".py") and not name.startswith("_"))


def _output(command):
    try:
        return subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True).stdout.decode().strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def conditions(loads, seconds, quick):
    import ansible
    cores = os.cpu_count()
    commit = _output(["git", "rev-parse", "--short", "HEAD"])
    dirty = " with uncommitted changes" if _output(["git", "status", "--porcelain"]) not in ("", "unknown") else ""
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    text = ("{when}, commit {commit}{dirty}; {cores} CPU cores shared with other work (one-minute load average {start:.1f} "
            "before the benchmark started, between {low:.1f} and {high:.1f} at the ends of its sections, the benchmark "
            "included); Python {python}, ansible-core {ansible}, "
            "{system}; emulator in the benchmark's process, plain HTTP on 127.0.0.1; the whole run took {minutes:.0f} minutes{quick}.").format(
        when=when, commit=commit, dirty=dirty, cores=cores, start=loads[0], low=min(loads[1:] or loads), high=max(loads[1:] or loads),
        python=platform.python_version(), ansible=ansible.__version__, system=platform.platform(terse=True), minutes=seconds / 60.0,
        quick=" (quick mode: fewer and smaller samples, not for quoting)" if quick else "")
    short = "{0} cores, load up to {1:.1f}, Python {2}, ansible-core {3}".format(
        cores, max(loads), platform.python_version(), ansible.__version__)
    return {"text": text, "short": short}


def merge_runs(runs):
    """One set of results from runs in order: a later run's sections replace the earlier ones'."""
    merged = dict(runs[0])
    text = [runs[0]["conditions"]["text"]]
    for run in runs[1:]:
        measured = [name for name in SECTIONS if run.get(name)]
        merged.update((name, run[name]) for name in measured)
        if run.get("growth"):
            merged["growth"] = run["growth"]
        text.append("Measured again on its own afterwards, {0}: {1}".format(
            ", ".join("section " + title for name, title, dummy in report.SECTIONS if name in measured), run["conditions"]["text"]))
    # The plot's title keeps the first run's short conditions: the plotted sections come from the full run.
    merged["conditions"] = dict(runs[0]["conditions"], text="\n\n".join(text))
    return merged


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer rounds and smaller lists, to try the benchmark out")
    parser.add_argument("--only", nargs="+", choices=SECTIONS, help="measure only these sections")
    parser.add_argument("--docs", default=os.path.join(ROOT, "docs"), help="where performance.md and performance.png go")
    parser.add_argument("--render", metavar="RESULTS_JSON", nargs="+",
                        help="only write the report again from the results of earlier runs; the sections of a later file "
                             "replace the same sections of the earlier ones, and the conditions say which run measured what")
    parser.add_argument("--play-items", type=int, help="executions in the play section's list (default {0:,}; 10,000 with --quick)".format(
        play_scale.COUNT))
    options = parser.parse_args()
    if options.render:
        runs = []
        for path in options.render:
            with open(path) as handle:
                runs.append(json.load(handle))
        report.write(merge_runs(runs), options.docs)
        return 0
    wanted = options.only or SECTIONS
    rounds, fractions, repeats, imports = (5, (0.02, 0.05, 0.1), 1, 3) if options.quick else (30, scale.FRACTIONS, 3, 7)
    play_items = options.play_items or (10000 if options.quick else play_scale.COUNT)

    started, loads = time.time(), [os.getloadavg()[0]]
    bench = Bench()
    modules = available_modules(bench)
    print("secops.executions benchmark: {0} modules ({1}); emulator at {2}\n".format(len(modules), ", ".join(modules), bench.url), flush=True)
    results = {}
    try:
        steps = [
            ("budget", lambda: budget.measure(bench, modules), lambda: report.budget_table(results["budget"])),
            ("overhead", lambda: overhead.measure(bench, modules, rounds), lambda: report.overhead_table(results["overhead"])),
            ("scale", lambda: scale.measure(bench, modules, fractions, repeats), lambda: report.scale_table(results["scale"])),
            ("play", lambda: play_scale.measure(bench, modules, play_items, repeats), lambda: report.play_table(results["play"])),
            ("wait", lambda: wait_cost.measure(bench, modules), lambda: report.wait_table(results["wait"])),
            ("startup", lambda: startup.measure(bench, modules, imports), lambda: report.startup_table(results["startup"])),
            ("emulator", lambda: emulator_speed.measure(bench, 1000), lambda: report.emulator_table(results["emulator"])),
            ("inventory", lambda: inventory.measure(bench), lambda: inventory.table(results["inventory"])),
        ]
        for name, measure, render in steps:
            if name not in wanted:
                continue
            print("== {0} ...".format(name), flush=True)
            section_started = time.time()
            results[name] = measure()
            loads.append(os.getloadavg()[0])
            print(render(), flush=True)
            print("({0:.0f} s)\n".format(time.time() - section_started), flush=True)
        if results.get("scale"):
            results["growth"] = scale.growth(results["scale"])
            print(report.growth_table(results["growth"]) + "\n\n" + report.logic_table(results["scale"]) + "\n", flush=True)
    finally:
        bench.stop()
    results["conditions"] = conditions(loads, time.time() - started, options.quick)
    saved = os.path.join(bench.work, "results.json")
    with open(saved, "w") as handle:
        json.dump(results, handle)
    report.write(results, options.docs)
    print("Conditions: " + results["conditions"]["text"])
    print("Results kept in {0} (--render {0} writes the report again)".format(saved))
    print("Wrote {0} and {1}".format(os.path.join(options.docs, "performance.md"), os.path.join(options.docs, "performance.png")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
