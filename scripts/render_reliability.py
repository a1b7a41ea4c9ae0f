# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Render docs/reliability.md from the JSON files the reliability suite wrote.

    python scripts/render_reliability.py RESULTS_DIR docs/reliability.md

``make reliability`` runs the suite with RELIABILITY_RESULTS=RESULTS_DIR and then this script,
so the page always shows what the tests saw. Missing result files are reported, not invented.
"""

import ast
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PROPERTIES = os.path.join(ROOT, "tests", "unit", "plugins", "module_utils", "test_properties.py")
# Values that change from run to run, masked so that the page changes only when behaviour does.
VOLATILE = ((re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), "[id]"),
            (re.compile(r"\b3-[A-Z0-9]{7}\b"), "[rfc]"),
            (re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}"), "YYYY-MM-DDTHH:MM:SS"),
            (re.compile(r"Valid booleans include: .*"), "Valid booleans include: ..."))
CONCURRENCY = """\
`tests/integration/test_reliability_concurrency.py` starts two `ansible-playbook` processes together. Each
logs in, waits at a barrier for the other, then creates an object named `Reliability concurrent run` with
the same settings: a Cylance package execution, a CCS job and an Oracle configuration execution. The
emulator answers each create 3 seconds late (a slow API), so that both plays look for the object before
either exists. Then a third play runs the same three tasks.

- **What happens:** both plays find nothing, both create, both report `changed`: there are two
  executions, two jobs and two RFCs of that name. None of the three APIs offers a unique name or a
  conditional create, so a client cannot prevent it; one play per object at a time (a lock in AWX
  or AAP, `serial`, or `run_once`) does.
- **Cylance, the next run:** `cylance_package_execution` reports no change, keeps the newest
  matching execution, warns that two executions have the name and that the packages may have run
  twice, and returns the other's ID in `duplicates`, to delete with `state: absent` and `id`.
- **CCS, the next run:** `ccs_job` fails, listing the IDs of both jobs, and asks for the `id` of the
  one to manage: it never guesses which job a change applies to.
- **Oracle, the next run:** `oci_config_execution` finds one open execution with that summary and
  reports no change; it does not mention the second one.
"""
VENDORS = (("Token modules", ("oci_token", "cylance_token", "ccs_token")), ("Oracle", ("oci_",)), ("Cylance", ("cylance_package",)),
           ("CCS", ("ccs_job",)))


def load(directory, name):
    path = os.path.join(directory, name + ".json")
    if not os.path.exists(path):
        return None
    with open(path) as handle:
        return json.load(handle)


def cell(case):
    """One table cell: a mark (as expected or not) and what each phase did."""
    if case is None:
        return "—"
    mark = "✅" if not any(phase["problems"] for phase in case["phases"]) else "❌"
    phases = case["phases"]
    if case["fault"] == "clean":
        shown = [phase for phase in phases if phase["name"] in ("apply", "again")]
        words = "; ".join("{0}: {1}".format(phase["name"], phase["summary"]) for phase in shown)
    else:
        words = " → next run: ".join(phase["summary"] for phase in phases)
    return "{0} {1}".format(mark, words)


def escape(text):
    text = str(text)
    for pattern, replacement in VOLATILE:
        text = pattern.sub(replacement, text)
    return text.replace("|", "\\|").replace("\n", " ")


def matrix_section(matrix):
    lines = ["## Fault matrix", ""]
    lines.append("Each cell is one case: the module task run under the fault (✅ outcome, message and the exact requests as "
                 "expected; ❌ not). *req* counts the requests the emulator logged, retries included; *next run* is the same task "
                 "run again right after, without fault. The expected requests of each case are derived from the row's clean "
                 "requests (`tests/integration/reliability/rows.py`, `faults.py`).")
    lines.append("")
    lines.append("| Fault | What is done |")
    lines.append("|---|---|")
    for fault in matrix["faults"]:
        lines.append("| {0} | {1} |".format(escape(fault["title"]), escape(fault["note"])))
    lines.append("")
    cases = dict(((case["row"], case["fault"]), case) for case in matrix["cases"])
    rows = matrix["rows"]
    for title, prefixes in VENDORS:
        columns = [row for row in rows if row["key"].startswith(prefixes) and not (title != "Token modules" and row["key"].endswith("_token"))]
        if not columns:
            continue
        lines.append("### " + title)
        lines.append("")
        lines.append("| Fault | " + " | ".join(escape(row["title"]) for row in columns) + " |")
        lines.append("|---|" + "---|" * len(columns))
        for fault in matrix["faults"]:
            lines.append("| {0} | ".format(escape(fault["title"])) + " | ".join(
                escape(cell(cases.get((row["key"], fault["key"])))) for row in columns) + " |")
        lines.append("")
    problems = [(case["id"], phase["name"], problem) for case in matrix["cases"] for phase in case["phases"] for problem in phase["problems"]]
    if problems:
        lines.append("Cases that did not behave as expected:")
        lines.append("")
        for case_id, phase, problem in problems:
            lines.append("- `{0}` ({1}): {2}".format(case_id, phase, escape(problem)))
        lines.append("")
    return lines


def counted(phase):
    """``changed: 5 requests, 2 writes``"""
    def plural(count, word):
        return "{0} {1}{2}".format(count, word, "" if count == 1 else "s")
    return "{0}: {1}, {2}".format(phase["outcome"], plural(phase["requests"], "request"), plural(phase["writes"], "write"))


def check_mode_section(matrix):
    lines = ["## Check mode and idempotency", ""]
    lines.append("Every row played clean: in check mode, for real, the same task again, and again in check mode. Check mode sends "
                 "reads only (token requests aside: a token module always asks for its token, and a module given credentials "
                 "instead of a token logs in first); the second run reports no change and sends no write.")
    lines.append("")
    lines.append("| Module state | check mode | run | run again | check mode again |")
    lines.append("|---|---|---|---|---|")
    cases = dict((case["row"], case) for case in matrix["cases"] if case["fault"] == "clean")
    for row in matrix["rows"]:
        case = cases.get(row["key"])
        if case is None:
            continue
        mark = "✅" if not any(phase["problems"] for phase in case["phases"]) else "❌"
        lines.append("| {0} {1} | ".format(mark, escape(row["title"])) + " | ".join(counted(phase) for phase in case["phases"]) + " |")
    lines.append("")
    return lines


def bad_input_section(bad):
    lines = ["## Bad input catalogue", ""]
    lines.append("Each input fails with a message naming the option, and the emulator logs no request at all "
                 "(`tests/integration/reliability/bad_inputs.py`).")
    lines.append("")
    lines.append("| Module | Input | Message | Requests |")
    lines.append("|---|---|---|---|")
    for entry in bad["entries"]:
        mark = "✅" if not entry["problems"] else "❌"
        lines.append("| {0} | {1} {2} | {3} | {4} |".format(
            entry["module"], mark, escape(entry["input"]), escape(entry["message"] or ""), entry["requests"]))
    lines.append("")
    return lines


def secrets_section(found):
    lines = ["## Secrets", ""]
    lines.append("`tests/integration/test_reliability_secrets.py` runs every module at `-vvvv` with every secret set: the Cylance "
                 "application secret, the CCS password, the Oracle client secret, the play's access tokens and CCS refresh token "
                 "(given to every task, with the credentials), and Cylance destination URLs with a password, in check mode, diff "
                 "mode, successfully and failing (a refused token, a 401 that makes the module log in again, a conflict that "
                 "describes differences). It then searches the whole output and every returned value and failure message.")
    lines.append("")
    lines.append("- secrets searched: **{0}** ({1} strings, counting the forms they travel in: Base64, url-encoded, "
                 "Basic credentials), plus any JWT;".format(found["secrets"], found["strings"]))
    lines.append("- tasks: {0}; output searched: {1} bytes, and the returned values;".format(found["tasks"], found["output_bytes"]))
    lines.append("- hits: **{0}**{1}.".format(len(found["leaks"]), (": " + ", ".join(found["leaks"])) if found["leaks"] else ""))
    lines.append("")
    return lines


def concurrency_section(found):
    lines = ["## Concurrency", ""] + CONCURRENCY.splitlines() + [""]
    if found:
        lines.append("What the last run saw:")
        lines.append("")
        for label, value in found["observed"]:
            lines.append("- {0}: {1}".format(label, escape(value)))
        lines.append("")
    return lines


def load_hostile(directory):
    """Every hostile-server case kept by results.hostile_case, in a stable order."""
    if not os.path.isdir(directory):
        return []
    cases = [load(directory, name[:-5]) for name in sorted(os.listdir(directory)) if name.startswith("hostile-") and name.endswith(".json")]
    return sorted(cases, key=lambda case: (item_order(case["item"]), case["case"]))


def item_order(item):
    """Items named "2. ..." before "11. ...", by the number they start with."""
    number = re.match(r"\d+", item)
    return (int(number.group()) if number else 0, item)


def hostile_section(cases):
    lines = ["## Hostile servers", ""]
    lines.append("The emulator answers as the vendors do. These cases play modules against servers that do not: lists that "
                 "never stop paging, bodies that never end, bytes that drip, errors that echo secrets, connections cut after a "
                 "write (`tests/integration/reliability/hostile.py`, `tests/integration/test_reliability_hostile_*.py`). Each row "
                 "is one ansible-playbook task; *requests* is what the server received.")
    lines.append("")
    if not cases:
        lines.append("No hostile cases were recorded in this run.")
        lines.append("")
        return lines
    for item in sorted(set(case["item"] for case in cases), key=item_order):
        lines.append("### " + escape(item))
        lines.append("")
        lines.append("| Case | Expected | Seen | Requests | Measured |")
        lines.append("|---|---|---|---|---|")
        for case in cases:
            if case["item"] == item:
                lines.append("| {0} | {1} | {2} | {3} | {4} |".format(
                    escape(case["title"]), escape(case["expected"]), escape(case["seen"]), case["requests"], escape(case["measured"] or "")))
        lines.append("")
    return lines


def property_section():
    with open(PROPERTIES) as handle:
        tree = ast.parse(handle.read())
    lines = ["## Property tests", ""]
    lines.append("`tests/unit/plugins/module_utils/test_properties.py` (hypothesis; `make units`):")
    lines.append("")
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            examples = None
            for decorator in node.decorator_list:
                if isinstance(decorator, ast.Call) and getattr(decorator.func, "id", "") == "settings":
                    examples = next((keyword.value.value for keyword in decorator.keywords if keyword.arg == "max_examples"), None)
            lines.append("- {0}{1}".format(node.name[5:].replace("_", " "), " ({0} examples)".format(examples) if examples else ""))
    lines.append("")
    return lines


def render(directory):
    matrix, bad, found, concurrency = (load(directory, name) for name in ("matrix", "bad_input", "secrets", "concurrency"))
    missing = [name for name, data in (("matrix", matrix), ("bad_input", bad), ("secrets", found)) if data is None]
    if missing:
        raise SystemExit("no results for {0} in {1}: run the suite first (make reliability)".format(", ".join(missing), directory))
    phases = sum(len(case["phases"]) for case in matrix["cases"])
    problems = sum(len(phase["problems"]) for case in matrix["cases"] for phase in case["phases"])
    problems += sum(len(entry["problems"]) for entry in bad["entries"]) + len(found["leaks"])
    lines = ["# Reliability and security", "",
             "<!-- Generated by `make reliability` (scripts/render_reliability.py) from what the tests saw. Do not edit. -->", ""]
    lines.append("Under faults and bad input every module keeps its promise: it never sends a write twice, never shows a "
                 "secret, and fails with one readable message. Every statement below is a test of "
                 "`make reliability` (also part of `make integration`), checked against the API emulator's request log.")
    lines.append("")
    lines.append("| Count | |")
    lines.append("|---|---|")
    lines.append("| cases run | **{0}** fault-matrix cases ({1} module tasks) + {2} bad inputs + {3} secrets tasks{4} |".format(
        len(matrix["cases"]), phases, len(bad["entries"]), found["tasks"],
        " + {0} concurrency tasks".format(concurrency["tasks"]) if concurrency else ""))
    lines.append("| secrets searched | **{0}** ({1} strings), hits: {2} |".format(found["secrets"], found["strings"], len(found["leaks"])))
    lines.append("| bad inputs tried | **{0}**, each failing before any request |".format(len(bad["entries"])))
    lines.append("| unexpected outcomes | **{0}** |".format(problems))
    lines.append("| time | matrix {0} s (three ansible-playbook processes side by side), bad inputs {1} s, secrets {2} s |".format(
        matrix["seconds"], bad["seconds"], found["seconds"]))
    hostile = load_hostile(directory)
    lines.append("| hostile servers | **{0}** cases |".format(len(hostile)))
    lines.append("")
    for section in (matrix_section(matrix), check_mode_section(matrix), bad_input_section(bad), secrets_section(found),
                    concurrency_section(concurrency), hostile_section(hostile), property_section()):
        lines.extend(section)
    return "\n".join(lines).rstrip() + "\n"


def main(argv):
    if len(argv) != 3:
        raise SystemExit(__doc__)
    text = render(argv[1])
    with open(argv[2], "w") as handle:
        handle.write(text)
    print("wrote {0}".format(argv[2]))


if __name__ == "__main__":
    main(sys.argv)
