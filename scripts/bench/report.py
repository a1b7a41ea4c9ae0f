# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Tables (printed, and written to docs/performance.md) and the plot (docs/performance.png)."""

import os

from scale import TARGET_ITEMS_PER_SECOND, TARGET_PEAK_MB
from wait_cost import DURATION

RATIO_TARGET = 1.10  # issue 16 (1.15 before it)
IMPORT_TARGET_MS = 150
START_RATIO_TARGET = 1.10
POLL_TARGET = 40
VENDOR_NAMES = {"cylance": "Cylance", "ccs": "CCS", "oci": "Oracle"}
COLOURS = {"cylance": "#1f77b4", "ccs": "#d62728", "oci": "#2ca02c"}


def table(headers, rows):
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for dummy in headers) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def verdict(ok):
    return "meets" if ok else "**misses**"


def within(ratio, target):
    """A ratio against its target at the two decimals the tables show: a shown 1.10 does not miss a 1.10 target."""
    return round(ratio, 2) <= target


# --- the six tables ----------------------------------------------------------------------------

def budget_table(rows):
    body = []
    for row in rows:
        reuse = "n/a" if row["token_module"] else row["reuse"]
        status = verdict(row["ok"]) if not row["error"] else "**failed**: " + row["error"]
        if not row["ok"] and not row["error"] and row["excess"]:
            status = "+{0}, explained below".format(row["reuse"] - row["minimum"])
        body.append(["`{0}`".format(row["module"]), row["operation"], reuse, row["login"], row["minimum"], status, row["why"]])
    return table(["Module", "Operation", "Requests, token reused", "Requests, module logs in", "Minimum (reused)", "Result",
                  "The minimum is"], body)


def budget_notes(rows):
    notes = []
    for row in rows:
        if row["excess"] and not row["ok"] and not row["error"]:
            notes.append("- `{0}` {1}: {2} requests for a minimum of {3}; {4}. Calls: {5}.".format(
                row["module"], row["operation"], row["reuse"], row["minimum"], row["excess"], ", ".join("`{0}`".format(call) for call in row["calls"])))
    return "\n".join(notes)


def overhead_table(rows):
    return table(["Module", "Operation (one request)", "Pairs", "Module, median ms", "uri, median ms",
                  "Median ratio (of the pairs)", "Ratio of the medians", "Result"],
                 [["`{0}`".format(row["module"]), row["operation"], row["samples"], "{0:.0f}".format(row["module_ms"]),
                   "{0:.0f}".format(row["uri_ms"]), "{0:.2f}".format(row["pair_ratio"]), "{0:.2f}".format(row["ratio"]),
                   verdict(within(row["pair_ratio"], RATIO_TARGET))] for row in rows])


def play_table(rows):
    from play_scale import BOUNDS, READING_BOUND, TARGETS
    by_variant = dict((row["variant"], row) for row in rows)
    bounded = dict((bound[0], variant) for variant, bounds in BOUNDS.items() for bound in bounds)
    body = []
    for row in rows:
        target = TARGETS.get(row["variant"])
        result = ""
        if target:
            ok = within(row["ratio"], target[0]) and (target[1] is None or (row["controller_mb"] or 0) <= target[1])
            result = "{0} (≤ {1}x{2})".format(verdict(ok), target[0], ", controller ≤ {0} MiB".format(target[1]) if target[1] else "")
            present = [(by_variant[name], label) for name, label in BOUNDS.get(row["variant"], []) if name in by_variant]
            if not ok and present and not within(present[0][0]["ratio"], target[0]):
                result += "; {0} costs {1:.2f}x".format(present[0][1], present[0][0]["ratio"])
        elif row["variant"] == READING_BOUND[0]:
            result = "the least a task returning the result of \"play, fields\" can cost: the two rows above, summed round by round"
        elif row["variant"] == READING_BOUND[2]:
            result = "the least that reading the pages costs a script: the next page fetched while one is decoded, no checks"
        elif row["variant"] in bounded:
            result = "the least any module can cost for the result of \"{0}\"".format(bounded[row["variant"]])
        body.append([row["variant"], "{0:,}".format(row["items"]), row["requests"], row["samples"], "{0:.1f}".format(row["seconds"]),
                     "{0:.2f}".format(row["ratio"]), "{0:.0f}".format(row["peak_mb"]) if row["peak_mb"] is not None else "",
                     "{0:.0f}".format(row["controller_mb"]) if row["controller_mb"] is not None else "", result])
    return table(["What", "Items", "Requests", "Rounds", "Median s", "Ratio to the floor (median of the rounds)",
                  "Peak MiB (the process; a play: its largest process)", "Controller MiB (ansible-playbook)", "Result"], body)


def scale_table(rows):
    return table(["Module", "Items", "Requests", "Wall s", "Items/s", "Import s", "Logic s", "Output s", "Peak MB",
                  "Result JSON MB", "Emulator s", "Result"],
                 [["`{0}`".format(row["module"]), "{0:,}".format(row["items"]), row["requests"], "{0:.2f}".format(row["seconds"]),
                   "{0:,.0f}".format(row["items_per_second"]), "{0:.2f}".format(row["import"]), "{0:.2f}".format(row["logic"]),
                   "{0:.2f}".format(row["output"]), "{0:.0f}".format(row["peak_mb"]), "{0:.1f}".format(row["output_mb"]),
                   "{0:.2f}".format(row["emulator_seconds"]),
                   "{0} / {1}".format("items/s " + verdict(row["items_per_second"] >= TARGET_ITEMS_PER_SECOND),
                                      "memory " + verdict(row["peak_mb"] < TARGET_PEAK_MB))] for row in rows])


def logic_table(rows):
    """Items per second of the module's own part (requests and parsing), with and without the emulator's time."""
    body = []
    for row in _largest(rows):
        own = max(row["logic"] - row["emulator_seconds"], 1e-9)
        body.append(["`{0}`".format(row["module"]), "{0:,}".format(row["items"]), "{0:,.0f}".format(row["items_per_second"]),
                     "{0:,.0f}".format(row["items"] / row["logic"]), "{0:,.0f}".format(row["items"] / own),
                     "{0:.0%}".format(row["output"] / row["seconds"])])
    return table(["Module", "Items", "Items/s, whole run", "Items/s, logic phase", "Items/s, logic less the emulator's time",
                  "Share of the run in ansible-core's exit_json"], body)


def growth_table(growth):
    body = []
    for vendor in ("cylance", "ccs", "oci"):
        if vendor not in growth:
            continue
        fit = growth[vendor]
        intercept, slope, r_squared = fit["time_fit"]
        memory_intercept, memory_slope, memory_r2 = fit["memory_fit"]
        body.append([VENDOR_NAMES[vendor], "{0:.2f} s + {1:.1f} µs × items".format(intercept, slope * 1e6), "{0:.4f}".format(r_squared),
                     "{0:.1f} → {1:.1f}".format(fit["marginal_first"] * 1e6, fit["marginal_last"] * 1e6),
                     "{0:.0f} MB + {1:.2f} KB × items".format(memory_intercept, memory_slope * 1024), "{0:.4f}".format(memory_r2)])
    return table(["Vendor", "Wall time, least squares", "R²", "µs per added item, smallest → largest sizes", "Peak memory, least squares",
                  "R²"], body)


def wait_table(rows):
    body = []
    for row in rows:
        ends = row.get("ends", True)
        seen = row["seen_after"] is not None and row["seen_after"] <= 15
        ok = not row["failed"] and row["polls"] <= POLL_TARGET and (seen or not ends)
        body.append(["`{0}`".format(row["module"]), row["operation"], row["polls"], "{0:.1f}".format(row["first_poll"]),
                     "{0:.1f}".format(row["last_before_end"]),
                     "{0:.1f}".format(row["seen_after"]) if ends else "does not end (detached at 600 s)",
                     row["polls_after_end"], row["requests"], "{0:.1f}".format(row["real_seconds"]), verdict(ok)])
    return table(["Module", "Operation", "Polls", "First poll, s after start", "Last poll before the end, s",
                  "End seen, s after it happened", "Polls after the end", "Requests in all", "Real seconds", "Result"], body)


def startup_table(rows):
    body = []
    for row in rows:
        name = "`{0}` (reference)".format(row["module"]) if row["reference"] else "`{0}`".format(row["module"])
        library = row["requests"] if row["requests"] is not None else row["ansible.module_utils.urls"]
        task = "{0:.0f}".format(row["task_ms"]) if row.get("task_ms") is not None else ""
        ratio = "{0:.2f}".format(row["task_ratio"]) if row.get("task_ratio") is not None else ""
        result = ""
        if not row["reference"]:
            result = "import " + verdict(row["ms"] < IMPORT_TARGET_MS)
            if row.get("task_ratio") is not None:
                result += " / start " + verdict(within(row["task_ratio"], START_RATIO_TARGET))
        body.append([name, "{0:.0f}".format(row["ms"]), "{0:.0f}".format(row["ansible.module_utils.basic"] or 0),
                     "{0:.0f} ({1})".format(library or 0, "requests" if row["requests"] is not None else "urls"),
                     "{0:.0f}".format(row["own"]), task, ratio, result])
    return table(["Module", "Import, median ms", "ansible.module_utils.basic", "HTTP library", "The rest",
                  "Task process start, median ms", "Start, ratio to uri (median of pairs)", "Result"], body)


def emulator_table(rows):
    return table(["Vendor", "Request", "Requests", "Per second", "Mean ms"],
                 [[VENDOR_NAMES[row["vendor"]], row["what"], row["requests"], "{0:,.0f}".format(row["per_second"]),
                   "{0:.2f}".format(row["mean_ms"])] for row in rows])


# --- the plot ------------------------------------------------------------------------------------

def plot(results, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(2, 2, figsize=(15, 11))
    figure.suptitle("secops.executions performance against the API emulator (medians; {0})".format(results["conditions"]["short"]),
                    fontsize=13)
    scale_rows = results.get("scale") or []

    ax = axes[0][0]
    from matplotlib.lines import Line2D
    for vendor in ("cylance", "ccs", "oci"):
        mine = sorted((row for row in scale_rows if row["vendor"] == vendor), key=lambda row: row["items"])
        if not mine:
            continue
        items = [row["items"] for row in mine]
        ax.plot(items, [row["seconds"] for row in mine], "o-", color=COLOURS[vendor])
        ax.plot(items, [row["logic"] for row in mine], "s--", color=COLOURS[vendor], alpha=0.7)
        ax.plot(items, [row["emulator_seconds"] for row in mine], "^:", color=COLOURS[vendor], alpha=0.7)
    if scale_rows:
        low = min(row["items"] for row in scale_rows)
        high = max(row["items"] for row in scale_rows)
        ax.plot([low, high], [low / float(TARGET_ITEMS_PER_SECOND), high / float(TARGET_ITEMS_PER_SECOND)], "k-", linewidth=1)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("items listed (log)")
    ax.set_ylabel("seconds (log); slope 1 = linear growth")
    ax.set_title("3. Info modules over long lists: time")
    ax.grid(True, which="both", alpha=0.3)
    vendors = [Line2D([], [], color=COLOURS[vendor], linewidth=3, label=module)
               for vendor, module in (("cylance", "cylance_package_execution_info"), ("ccs", "ccs_job_info"),
                                      ("oci", "oci_config_execution_info"))]
    styles = [Line2D([], [], color="grey", marker="o", linestyle="-", label="whole module run"),
              Line2D([], [], color="grey", marker="s", linestyle="--", label="its logic phase (requests, parsing)"),
              Line2D([], [], color="grey", marker="^", linestyle=":", label="the emulator alone, same requests"),
              Line2D([], [], color="k", linewidth=1, label="{0:,} items/s (target)".format(TARGET_ITEMS_PER_SECOND))]
    ax.add_artist(ax.legend(handles=vendors, fontsize=8, loc="upper left", framealpha=0.9))
    ax.legend(handles=styles, fontsize=8, loc="lower right", framealpha=0.9)

    ax = axes[0][1]
    for vendor in ("cylance", "ccs", "oci"):
        mine = sorted((row for row in scale_rows if row["vendor"] == vendor), key=lambda row: row["items"])
        if mine:
            ax.plot([row["items"] for row in mine], [row["peak_mb"] for row in mine], "o-", color=COLOURS[vendor], label=mine[0]["module"])
    ax.axhline(TARGET_PEAK_MB, color="k", linewidth=1, label="target: {0} MB".format(TARGET_PEAK_MB))
    ax.set_xlim(0, max([row["items"] for row in scale_rows] or [1]) * 1.05)
    ax.set_ylim(0, max([TARGET_PEAK_MB] + [row["peak_mb"] for row in scale_rows]) * 1.1)
    ax.set_xlabel("items listed (linear: a straight line is linear growth)")
    ax.set_ylabel("peak resident memory of the module process, MB")
    ax.set_title("3. Info modules over long lists: peak memory")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=9, loc="upper left")

    ax = axes[1][0]
    overhead = results.get("overhead") or []
    labels = ["{0}\n({1})".format(row["module"], row["operation"]) for row in overhead]
    ratios = [row["pair_ratio"] for row in overhead]
    bars = ax.barh(range(len(overhead)), ratios, color=[COLOURS[row["module"].split("_", 1)[0]] for row in overhead], alpha=0.8)
    column = max(ratios + [RATIO_TARGET]) + 0.05 if ratios else 1.2
    for rectangle, row in zip(bars, overhead):
        ax.text(column, rectangle.get_y() + rectangle.get_height() / 2, "{0:.2f}  (medians {1:.0f} vs {2:.0f} ms)".format(
            row["pair_ratio"], row["module_ms"], row["uri_ms"]), va="center", fontsize=8)
    ax.axvline(1.0, color="grey", linewidth=1)
    ax.axvline(RATIO_TARGET, color="k", linestyle="--", linewidth=1)
    ax.text(RATIO_TARGET, -0.9, " target {0}".format(RATIO_TARGET), fontsize=8, va="bottom")
    ax.set_yticks(range(len(overhead)))
    ax.set_yticklabels(labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, column + 0.75)
    ax.set_xlabel("median over {0} interleaved pairs of: module task time ÷ time of the uri task making the same request".format(
        overhead[0]["samples"] if overhead else 0))
    ax.set_title("2. Per-task wall time against ansible.builtin.uri", pad=14)

    ax = axes[1][1]
    waits = results.get("wait") or []
    for index, row in enumerate(waits):
        vendor = row["module"].split("_", 1)[0]
        before = [moment for moment in row["poll_times"] if moment < DURATION]
        after = [moment for moment in row["poll_times"] if moment >= DURATION]
        ax.plot(before, [index] * len(before), "|", color=COLOURS[vendor], markersize=18, markeredgewidth=1.5)
        ax.plot(after, [index] * len(after), "o", color=COLOURS[vendor], markersize=8)
        if row.get("ends", True):
            text = "{0} polls; the last (dot) saw the end {1:.1f} s after it happened".format(row["polls"], row["seen_after"])
        else:
            text = "{0} polls in the ten minutes; the execution stays open (detached)".format(row["polls"])
        ax.text(5, index + 0.28, text, fontsize=9)
    ax.axvline(DURATION, color="k", linewidth=1, label="the work ends ({0} s after it started)".format(DURATION))
    ax.axvspan(DURATION, DURATION + 15, color="grey", alpha=0.2, label="one poll interval (15 s) after the end")
    ax.set_yticks(range(len(waits)))
    ax.set_yticklabels([row["module"] for row in waits], fontsize=9)
    ax.set_ylim(-0.6, len(waits) - 0.2 if waits else 1)
    ax.set_xlim(0, DURATION + 60)
    ax.set_xlabel("seconds after the start request (emulator clock, from the request log)")
    ax.set_title("4. Default wait on ten-minute work (one tick per poll)")
    ax.legend(fontsize=9, loc="lower right")

    figure.tight_layout(rect=(0, 0, 1, 0.96))
    figure.savefig(path, dpi=100)
    plt.close(figure)


# --- the document --------------------------------------------------------------------------------

def document(results, png_name):
    conditions = results["conditions"]
    parts = ["# Performance", "",
             "Measured by `make bench` (scripts/bench/) against the API emulator; this page and "
             "[{0}]({0}) are generated, do not edit them by hand.".format(png_name), "",
             "## Conditions", "",
             conditions["text"], "",
             "Every figure is a median over repeated runs, and ratios are taken between medians of interleaved runs, "
             "because the machine is shared: absolute times vary from run to run, ratios much less.", "",
             "![Performance plots]({0})".format(png_name), "",
             "The plot: top left, the wall time of each info module over growing lists (log-log: a slope of 1 is linear "
             "growth), with its logic phase and the emulator's own time for the same requests; top right, the module "
             "process's peak memory; bottom left, each module's median task time divided by that of an "
             "`ansible.builtin.uri` task making the same request; bottom right, the polls of a default `wait` on work "
             "that ends ten minutes after it started.", ""]
    for key, title, render in SECTIONS:
        if results.get(key) is None:
            continue
        parts += ["## " + title, "", METHOD[key], "", render(results), ""]
        if key in FINDINGS:
            parts += [FINDINGS[key](results), ""]
    return "\n".join(parts).rstrip() + "\n"


def _budget(results):
    notes = budget_notes(results["budget"])
    return budget_table(results["budget"]) + ("\n\nRequests beyond the minimum:\n\n" + notes if notes else "")


def _scale(results):
    return "\n\n".join([scale_table(results["scale"]), "Growth with size:", growth_table(results["growth"]),
                        "Where the time of the largest run goes:", logic_table(results["scale"])])


SECTIONS = [
    ("budget", "1. Requests per operation", _budget),
    ("overhead", "2. Per-task wall time against ansible.builtin.uri", lambda results: overhead_table(results["overhead"])),
    ("scale", "3. Info modules over long lists", _scale),
    ("play", "3b. A long list inside a play, beside the floor", lambda results: play_table(results["play"])),
    ("wait", "4. Waiting on ten-minute work", lambda results: wait_table(results["wait"])),
    ("startup", "5. Module start cost", lambda results: startup_table(results["startup"])),
    ("emulator", "6. The emulator's own speed", lambda results: emulator_table(results["emulator"])),
    ("inventory", "7. The Cylance fleet as an inventory", lambda results: _inventory_table(results["inventory"])),
]


def _inventory_table(results):
    import inventory  # the section's own module renders its table
    return inventory.table(results)


METHOD = {
    "budget": (
        "Each operation runs once from a freshly reset emulator with the default seed, first with `access_token` "
        "(the token module's token, reused through `module_defaults`), then with credentials so that the module "
        "logs in itself; the requests are counted in the emulator's request log. Target: the minimum the API "
        "allows, plus exactly one token request when the module logs in. Waiting is off here (section 4 measures it)."),
    "overhead": (
        "One playbook (`ansible-playbook -c local`) runs, for each module, a task making one request and an "
        "`ansible.builtin.uri` task making the same request to the emulator, interleaved round after round (the "
        "order swaps every round), after one warm-up round. A callback plugin times each task from its start to "
        "its result; the figure is the median, over the pairs, of the module task's time divided by that of the "
        "uri task next to it. Target: a median ratio of at most {0:.2f} (issue 16), at the two decimals shown.".format(RATIO_TARGET)),
    "scale": (
        "The emulator is seeded with a growing list, and the info module reads all of it with its default page "
        "size and a reused token, three times per size. Each run is a fresh Python process that imports the "
        "module and runs it as `__main__` with an args file, as Ansible's module protocol does, without the "
        "controller around it (scripts/bench/probe.py): wall time from spawn to exit; the import, the logic "
        "(every request, parsing, shaping the result) and the output (ansible-core's `exit_json`: its no_log scrub "
        "of the whole result, then JSON) phases; peak memory as the process's VmHWM (`ru_maxrss` would include "
        "the benchmark's own memory inherited through fork). The emulator column replays the module's own "
        "requests with a bare keep-alive client in a process of its own that only reads the bytes. Targets: "
        "linear growth, at least {0:,} items per second, peak memory under {1} MB.".format(TARGET_ITEMS_PER_SECOND, TARGET_PEAK_MB)),
    "play": (
        "What a user pays for a long list: one tenant of Cylance executions, read in the same run, interleaved "
        "(the order rotates every round), by a bare `requests` loop over the same 200-item pages with the list "
        "dumped as JSON (the floor), by cyapi (the official SDK, 20 threads), by `cylance_package_execution_info` "
        "as a bare module process (as in section 3), and by the same module as one task of a real "
        "`ansible-playbook` run, the result registered and not printed; each in full, with `fields` (4 fields and "
        "the ID) and with `dest` (JSON lines); and, to tell ansible-core's part from the collection's, the same play whose "
        "task makes no request and returns the result the module returned, recorded before the rounds "
        "(\"ansible-core alone\", scripts/bench/library/bench_result.py). The task's time comes from a callback plugin; the controller's peak "
        "is the ansible-playbook process's VmHWM; the play's peak is the largest `ru_maxrss` of its processes "
        "(scripts/bench/play_scale.py). Targets (issue 16): with `dest` at most 1.3x the floor and a controller "
        "under 80 MiB; with `fields` at most 2.0x and under 250 MiB; in full at most 4x."),
    "wait": (
        "The module starts work that ends {0} s later (Cylance: LAB-SLOW-01 acknowledges after 1 s and reports "
        "599 s later; CCS: a job whose collection takes 598 s plus 2 s of evaluation; Oracle, whose closing "
        "statuses are not documented, so that the emulator keeps executions open: ten minutes of a wait resumed by ID "
        "on a scheduled execution, `wait_timeout: 600` and `on_timeout: detach`) and waits with default "
        "settings (15 s interval). It runs in virtual time: its `time.sleep` moves the emulator's clock "
        "(`POST /_emulator/clock`) instead of waiting, and `time.monotonic` runs ahead by as much, so the module "
        "and the emulator both live through the ten minutes. Poll times come from the request log's timestamps "
        "(emulator clock), relative to the request that started the work. Targets: at most {1} polls, and the end "
        "seen within one poll interval.".format(DURATION, POLL_TARGET)),
    "startup": (
        "`python -X importtime -c 'import <module>'` in fresh interpreters, interleaved, seven times: the "
        "cumulative time of the module's own line, median; `ansible.builtin.uri` is measured the same way for "
        "reference. \"The rest\" is the collection's own code plus the standard library modules it happens to "
        "import first; the collection's code is compiled from source there (the benchmark writes no bytecode) while "
        "uri and the libraries load site-packages' bytecode. The task process start is fairer: the AnsiballZ payload "
        "ansible-core built for a task of the module, kept with ANSIBLE_KEEP_REMOTE_FILES, run from spawn to exit with "
        "an unknown option, so that it ends once the module has imported everything and validated its arguments, before "
        "any request; every module, uri included, then loads its own code and ansible-core's from the payload's zip, as a "
        "real task does (15 pairs, interleaved with uri's payload). Targets: an import under {0} ms; a task process start "
        "at most {1:.2f}x uri's (issue 16).".format(IMPORT_TARGET_MS, START_RATIO_TARGET)),
    "emulator": (
        "Small requests over one keep-alive connection, as fast as the emulator answers them, sent by a bare client "
        "in a process of its own (scripts/bench/replay.py). Its cost for the long lists is the \"Emulator s\" "
        "column of section 3: the same requests the module made, replayed the same way."),
    "inventory": (
        "The emulator holds a generated fleet (50,000 devices in 200 zones, `fleet` seed key) beside the default devices. "
        "Each row is one process, run in turn: a bare `requests` script that fetches the same device pages with a "
        "token and prints them as JSON (the floor), `ansible-inventory --list` on a `*.cylance_devices.yml` file "
        "(credentials in the file, so the plugin logs in itself), the same with zone groups, a run that fills a "
        "jsonfile cache and one that reads it, and a play whose lookup maps 5,000 FQDNs to device IDs. Wall time from "
        "spawn to exit; peak memory of the largest process the run started; requests from the emulator's log. "
        "Targets: ceil(devices / 10,000) + 1 requests, at most 1.5x the bare script, under 400 MB, 0 requests from the cache."),
}


def _budget_findings(results):
    rows = results["budget"]
    at_minimum = [row for row in rows if row["ok"]]
    text = "{0} of {1} operations make exactly the minimum, and one token request more when the module logs in itself.".format(
        len(at_minimum), len(rows))
    failed = [row for row in rows if row["error"]]
    if failed:
        text += " Failed: " + "; ".join("`{0}` {1}".format(row["module"], row["operation"]) for row in failed) + "."
    return text + (
        " Token reuse saves one request per task: a play of N tasks makes N + 1 requests with the token module and "
        "`module_defaults`, 2N without. Waiting costs one request per poll (section 4).")


def _overhead_findings(results):
    rows = results["overhead"]
    ratios = sorted(row["pair_ratio"] for row in rows)
    worst = max(rows, key=lambda row: row["pair_ratio"])
    missed = [row for row in rows if not within(row["pair_ratio"], RATIO_TARGET)]
    text = ("The median ratio is taken over the pairs: each module task is divided by the uri task that ran next to "
            "it, under the same load; the ratio of the two medians is shown too, and differs from it by the noise of "
            "a shared machine. Over the modules the median ratio ranges from {0:.2f} to {1:.2f} (`{2}`). A module "
            "task and a uri task share everything Ansible does per task (worker fork, AnsiballZ payload, Python "
            "start-up, `ansible.module_utils.basic`, result handling); they differ only in the HTTP library (requests "
            "against ansible.module_utils.urls, about as heavy to import: section 5) and in the module's own options "
            "and result shaping, which are small next to the rest.").format(ratios[0], ratios[-1], worst["module"])
    if missed:
        text += (" Above the target: {0}. The difference is tens of milliseconds on tasks of several hundred, the size "
                 "of the noise here; a quieter machine or more rounds would tell whether it is real.").format(
            ", ".join("`{0}` ({1:.2f})".format(row["module"], row["pair_ratio"]) for row in missed))
    return text


def _largest(rows):
    largest = {}
    for row in rows:
        if row["items"] > largest.get(row["vendor"], {"items": 0})["items"]:
            largest[row["vendor"]] = row
    return [largest[vendor] for vendor in ("cylance", "ccs", "oci") if vendor in largest]


def _scale_findings(results):
    rows = _largest(results["scale"])
    growth = results.get("growth") or {}
    parts = []
    linear = ["{0} R² {1:.3f}".format(VENDOR_NAMES[vendor], growth[vendor]["time_fit"][2]) for vendor in ("cylance", "ccs", "oci")
              if vendor in growth]
    parts.append("**Growth.** Time and memory grow linearly with the number of items (least-squares fits above: {0}; "
                 "the cost of an added item stays of the same order from the smallest to the largest sizes, within the "
                 "noise of a shared machine). Requests grow with the number of pages: one per page, nothing else.".format(
                     ", ".join(linear)))
    fast = [row for row in rows if row["items_per_second"] >= TARGET_ITEMS_PER_SECOND]
    if len(fast) < len(rows):
        parts.append(
            "**Items per second.** Whole runs reach {0}, against a target of {1:,}. The largest share of each run is "
            "ansible-core's `exit_json` ({4} of the largest runs): before printing, it walks and copies the whole "
            "result to scrub no_log values (`remove_values`), then encodes it with its profile JSON encoder, which wraps "
            "every container; both cost per JSON node, and an execution or a job has dozens of them. Every module "
            "returning a large list pays this, `ansible.builtin.uri` included, and the controller then decodes and "
            "scrubs the result once more. The logic phase (every request, parsing, shaping) runs at {2}, and at {3} "
            "once the emulator's own time is taken out: below the target as well on this machine; a profile of it shows "
            "mostly the decoding of the JSON pages, then the HTTP exchange of each page and the per-item shaping "
            "(Cylance masks the credentials of each destination URL). What would reach the target: fewer JSON nodes "
            "per item (an option to return only chosen fields, say id, name and status, would cut the output phase "
            "and most of the parsing in proportion) or fewer items per task (filters the API applies, as the CCS "
            "`filter` and the Oracle list filters already are); a faster `remove_values` in ansible-core would help "
            "every module.".format(
                ", ".join("{0:,.0f} items/s ({1})".format(row["items_per_second"], VENDOR_NAMES[row["vendor"]]) for row in rows),
                TARGET_ITEMS_PER_SECOND,
                ", ".join("{0:,.0f} ({1})".format(row["items"] / row["logic"], VENDOR_NAMES[row["vendor"]]) for row in rows),
                ", ".join("{0:,.0f}".format(row["items"] / max(row["logic"] - row["emulator_seconds"], 1e-9)) for row in rows),
                ", ".join("{0:.0%}".format(row["output"] / row["seconds"]) for row in rows)))
    heavy = [row for row in rows if row["peak_mb"] >= TARGET_PEAK_MB]
    if heavy:
        parts.append(
            "**Memory.** Over 200 MB: {0}. The paging itself is flat (a generator keeps one page at a time), but an info "
            "module must return every item in one JSON document: the module holds the items as Python objects, "
            "`exit_json`'s scrub builds a full copy of them, and the JSON text is built whole ({1}): {2} per "
            "item in all (the memory slopes above). Under the module protocol there is no streaming; what would reach the target is the "
            "same as above: fewer fields per item, or fewer items per task (filters, or paging options so that a play "
            "reads a long list in chunks).".format(
                ", ".join("{0:.0f} MB for {1:,} {2} items".format(row["peak_mb"], row["items"], VENDOR_NAMES[row["vendor"]]) for row in heavy),
                ", ".join("{0:.0f} MB for {1}".format(row["output_mb"], VENDOR_NAMES[row["vendor"]]) for row in heavy),
                " to ".join("{0:.1f} KB".format(slope * 1024) for slope in sorted(
                    growth[vendor]["memory_fit"][1] for vendor in growth)[::max(1, len(growth) - 1)])))
    return "\n\n".join(parts)


def _wait_findings(results):
    rows = results["wait"]
    return ("Each wait polls every 15 s from 15 s after the start: {0}. The first poll comes one interval after the "
            "start because the module already holds the state the start request answered with; reading it again at "
            "once (as the waiter did before this benchmark) cost a 41st poll, and 42 for work ending a second or two "
            "after the ten minutes. The small drift of each poll past its 15 s mark is the time the previous request "
            "took.").format("; ".join(
                "`{0}`: {1} polls, the end seen {2:.1f} s after it happened".format(row["module"], row["polls"], row["seen_after"])
                if row.get("ends", True) else
                "`{0}`: {1} polls in the ten minutes of a resumed wait (one read of the current state, then the polls)".format(
                    row["module"], row["polls"]) for row in rows))


def _startup_findings(results):
    rows = [row for row in results["startup"] if not row["reference"]]
    reference = next((row for row in results["startup"] if row["reference"]), None)
    modules = sorted(row["ms"] for row in rows)
    text = "Modules import in {0:.0f} to {1:.0f} ms (median {2:.0f})".format(modules[0], modules[-1], modules[len(modules) // 2])
    if reference:
        text += "; `ansible.builtin.uri` takes {0:.0f} ms on the same runs".format(reference["ms"])
    text += "."
    if modules[-1] >= IMPORT_TARGET_MS:
        text += (" The target of {0} ms is missed on this machine, and would be by `ansible.builtin.uri` too: "
                 "`ansible.module_utils.basic`, which every module imports, takes {1:.0f} ms here and requests {2:.0f} ms; "
                 "the collection's own code and the standard library modules it is first to import take the rest, "
                 "{3:.0f} ms in the median. What the collection already does: `jwt` (about 70 ms) is imported only "
                 "when a token is signed, and no module imports another vendor's code. What would reach the target: "
                 "a less busy machine (the load average above says how busy this one was), since neither "
                 "ansible-core's basic module nor an HTTP library can be avoided; the figure to watch is the ratio "
                 "to `ansible.builtin.uri`.").format(
                     IMPORT_TARGET_MS, sorted(row["ansible.module_utils.basic"] or 0 for row in rows)[len(rows) // 2],
                     sorted(row["requests"] or 0 for row in rows)[len(rows) // 2], sorted(row["own"] for row in rows)[len(rows) // 2])
    started = [row for row in rows if row.get("task_ratio") is not None]
    if started and reference and reference.get("task_ms") is not None:
        ratios = sorted(started, key=lambda row: row["task_ratio"])
        missing = [row for row in ratios if not within(row["task_ratio"], START_RATIO_TARGET)]
        text += (" As a task starts them, from the payload ansible-core builds, module processes take {0:.0f} to {1:.0f} ms "
                 "against {2:.0f} ms for uri's: {3:.2f}x to {4:.2f}x (`{5}` to `{6}`), median {7:.2f}x; {8} of {9} meet the "
                 "{10:.2f}x target.").format(
                     min(row["task_ms"] for row in started), max(row["task_ms"] for row in started), reference["task_ms"],
                     ratios[0]["task_ratio"], ratios[-1]["task_ratio"], ratios[0]["module"], ratios[-1]["module"],
                     ratios[len(ratios) // 2]["task_ratio"], len(started) - len(missing), len(started), START_RATIO_TARGET)
        if missing:
            text += (" The difference is code: every module and its module_utils are compiled from the payload's zip at each "
                     "start (Python keeps no bytecode for a zip), and requests, which comes from site-packages' bytecode, "
                     "weighs about what ansible.module_utils.urls does for uri. What stays is the collection's shared code "
                     "(the HTTP client with its deadlines, size caps and secret masking, the auth strategies, the options "
                     "and errors: what the token modules load, the cheapest) and each vendor's models, which the modules "
                     "that write and wait load whole. Per task this is tens of milliseconds")
            overhead = results.get("overhead") or []
            if overhead:
                text += "; section 2 measures the whole task: {0:.2f}x to {1:.2f}x uri's".format(
                    min(row["pair_ratio"] for row in overhead), max(row["pair_ratio"] for row in overhead))
            text += "."
    return text


def _emulator_findings(results):
    text = "The emulator answers {0} small requests per second over one connection.".format(
        ", ".join("{0:,.0f} ({1})".format(row["per_second"], VENDOR_NAMES[row["vendor"]]) for row in results["emulator"]))
    if results.get("scale"):
        shares = ["{0:.0%}".format(row["emulator_seconds"] / row["seconds"]) for row in _largest(results["scale"])]
        text += (" For the longest lists its part of a module's run (the \"Emulator s\" column of section 3 over the wall "
                 "time) is {0}: the figures measure the modules.".format(", ".join(shares)))
    return text + (" Three emulator defects found by this benchmark were fixed first: answers waited 40 ms for the client's "
                   "delayed ACK (Nagle's algorithm; TCP_NODELAY is now set), every page of a list rendered the whole list, "
                   "and each page of a CCS search walked every job again (the matches are now reused while nothing they "
                   "depend on changes). tests/emulator_tests/test_emulator_costs.py keeps them fixed.")


def _play_findings(results):
    from play_scale import READING_BOUND, TARGETS
    rows = dict((row["variant"], row) for row in results["play"])
    needed = ("floor (requests loop)", "module process, full", "module process, fields", "play, full", "play, fields", "play, dest")
    if not all(name in rows for name in needed):
        return ""
    floor, full, fields = rows["floor (requests loop)"], rows["play, full"], rows["play, fields"]
    text = (
        "With `dest` the task costs {dest:.2f}x the floor in {dest_mb:.0f} MiB, whatever the list's length: the "
        "items go to the file a page at a time and the result holds only the path, the count, the size and a checksum. "
        "The full result costs {full:.1f}x the floor and fields {fields:.2f}x: what the module returns is walked again and "
        "again after the module built it: ansible-core's `exit_json` scrubs every value for no_log secrets and encodes it "
        "(section 3: most of a long list's run), then the controller decodes the JSON, copies it for the callbacks, "
        "converts it and keeps it as a registered variable. The module process alone costs {module_full:.2f}x (full) and "
        "{module_fields:.2f}x (fields).").format(
        dest=rows["play, dest"]["ratio"], dest_mb=rows["play, dest"]["controller_mb"] or rows["play, dest"]["peak_mb"],
        full=full["ratio"], fields=fields["ratio"], module_full=rows["module process, full"]["ratio"],
        module_fields=rows["module process, fields"]["ratio"])
    core_full, core_fields = rows.get("ansible-core alone, full"), rows.get("ansible-core alone, fields")
    if core_full and core_fields:
        text += (
            " How much of that is ansible-core's own is what the two \"ansible-core alone\" rows measure: the same play, "
            "whose task makes no request and returns the very result the module returned, costs {core_full:.2f}x the floor "
            "for the full result and {core_fields:.2f}x for fields. No module can return those results for less on this "
            "ansible-core. The collection's own share, the play less ansible-core alone, is {own_full:.1f} s in full and "
            "{own_fields:.1f} s with fields ({own_fields_ratio:.2f}x the floor): reading the {requests} pages, which the "
            "floor reads and dumps in {floor_s:.1f} s.").format(
            core_full=core_full["ratio"], core_fields=core_fields["ratio"],
            own_full=full["seconds"] - core_full["seconds"], own_fields=fields["seconds"] - core_fields["seconds"],
            own_fields_ratio=(fields["seconds"] - core_fields["seconds"]) / floor["seconds"], requests=fields["requests"],
            floor_s=floor["seconds"])
        full_target, fields_target = TARGETS["play, full"][0], TARGETS["play, fields"][0]
        if not within(core_full["ratio"], full_target):
            text += (" The target of {0}x for the full result is out of reach of any module: ansible-core alone costs "
                     "more.").format(full_target)
        if not within(fields["ratio"], fields_target):
            text += (" With fields, ansible-core alone leaves {0:.2f}x of the {1}x target, {2:.1f} s, for reading the {3} "
                     "pages, which the floor reads and dumps in {4:.1f} s and the module in {5:.1f} s.").format(
                         max(0.0, fields_target - core_fields["ratio"]), fields_target,
                         max(0.0, fields_target - core_fields["ratio"]) * floor["seconds"], fields["requests"], floor["seconds"],
                         fields["seconds"] - core_fields["seconds"])
    bound, reading = rows.get(READING_BOUND[0]), rows.get(READING_BOUND[2])
    if bound and reading and core_fields:
        text += (
            " Reading faster than the floor means fetching a page while the previous one is decoded: a bare script that "
            "does that and keeps only the fields, with none of the module's checks and no output, reads the {requests} pages "
            "in {reading_s:.1f} s ({reading:.2f}x the floor; more requests at a time do not help against this emulator: "
            "cyapi's 20 threads read and dump in {cyapi}). Added to ansible-core alone, round by round, that is {bound:.2f}x: "
            "the least a `fields` task can cost, however it reads.").format(
                requests=reading["requests"], reading_s=reading["seconds"], reading=reading["ratio"], bound=bound["ratio"],
                cyapi="{0:.2f}x".format(rows["cyapi (20 threads)"]["ratio"]) if "cyapi (20 threads)" in rows else "no less")
        if not within(bound["ratio"], TARGETS["play, fields"][0]):
            text += " The target of {0}x for fields is out of reach as well.".format(TARGETS["play, fields"][0])
    text += (
        " The floor itself ({floor_s:.1f} s here) is about twice as fast as when the targets were set (10 to 11 s), because "
        "a page of the emulator no longer costs more as the store grows (tests/emulator_tests/test_emulator_costs.py), so "
        "every ratio to it is stricter than it was. Lists that must be processed whole belong in a file (`dest`), then "
        "read with the tools made for it; a registered list is for what a play iterates over.").format(floor_s=floor["seconds"])
    return text


FINDINGS = {"play": _play_findings, "budget": _budget_findings, "overhead": _overhead_findings, "scale": _scale_findings, "wait": _wait_findings,
            "startup": _startup_findings, "emulator": _emulator_findings}


def write(results, docs_dir):
    png_name = "performance.png"
    plot(results, os.path.join(docs_dir, png_name))
    text = document(results, png_name)
    with open(os.path.join(docs_dir, "performance.md"), "w") as handle:
        handle.write(text)
    return text
