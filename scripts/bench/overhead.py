# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""2. Per-task wall time of each module against an ansible.builtin.uri task making the same single HTTP call.

One playbook holds every pair, interleaved: round after round, each module task runs next to its
uri twin (module first in even rounds, uri first in odd ones), so load from other processes falls
on both alike. Round 0 warms Ansible's caches and is not counted. The callback plugin in
callback_plugins/ times each task from its start to its result. The figure is the median of the
ratios of the pairs (a module task over the uri task next to it); the ratio of the two medians
is kept too.
"""

import json
import os
import subprocess
import sys

from cases import OVERHEAD
from harness import median

HERE = os.path.dirname(os.path.abspath(__file__))


def _task(name, action, args, round_number):
    return {"name": name, action: args, "vars": {"round": round_number}}


def playbook(bench, pairs, rounds):
    """The play (as data) and the cylance JWTs its uri tasks send, one per round."""
    from ansible_collections.secops.executions.plugins.module_utils.cylance.auth import authentication_jwt
    cylance = bench.credentials("cylance")
    ccs = bench.credentials("ccs")
    oci = bench.credentials("oci")
    tasks = []
    for number in range(rounds + 1):
        order = pairs if number % 2 == 0 else list(reversed(pairs))
        for pair in order:
            index = pairs.index(pair)
            args = dict((key, value) for key, value in pair.args.items() if key != "credentials")
            args.update(bench.credentials(pair.args["credentials"]) if "credentials" in pair.args else bench.reuse(pair.vendor))
            uri = dict((key, value) for key, value in pair.uri.items() if key != "path")
            uri["url"] = bench.url + pair.uri["path"]
            module_task = _task("bench:{0}:module:{1}".format(index, number), "secops.executions." + pair.module, args, number)
            uri_task = _task("bench:{0}:uri:{1}".format(index, number), "ansible.builtin.uri", uri, number)
            tasks.extend([module_task, uri_task] if number % 2 == 0 else [uri_task, module_task])
    play = {
        "name": "secops.executions benchmark: modules against ansible.builtin.uri",
        "hosts": "localhost",
        "gather_facts": False,
        "vars": {
            "ansible_python_interpreter": "{{ ansible_playbook_python }}",
            "tokens": dict(bench.tokens),
            "cylance_jwts": [authentication_jwt(cylance["tenant_id"], cylance["app_id"], cylance["app_secret"]) for dummy in range(rounds + 1)],
            "ccs_username": ccs["username"], "ccs_password": ccs["password"],
            "oci_client_id": oci["client_id"], "oci_client_secret": oci["client_secret"], "oci_identifier": oci["identifier"],
        },
        "tasks": tasks,
    }
    return [play]


def measure(bench, available, rounds):
    pairs = [pair for pair in OVERHEAD if pair.module in available]
    bench.load()
    path = os.path.join(bench.work, "overhead.yml")
    with open(path, "w") as handle:
        json.dump(playbook(bench, pairs, rounds), handle)  # JSON is YAML
    timings_path = os.path.join(bench.work, "timings.json")
    env = dict(bench.env, SECOPS_BENCH_TIMINGS=timings_path, ANSIBLE_CALLBACK_PLUGINS=os.path.join(HERE, "callback_plugins"),
               ANSIBLE_CALLBACKS_ENABLED="bench_timer",
               ANSIBLE_LOCALHOST_WARNING="false", ANSIBLE_INVENTORY_UNPARSED_WARNING="false")
    ansible_playbook = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")
    completed = subprocess.run([ansible_playbook, "-i", "localhost,", "-c", "local", path], env=env, cwd=bench.work,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
    if completed.returncode != 0 or not os.path.exists(timings_path):
        raise RuntimeError("the overhead playbook failed:\n" + completed.stdout.decode("utf-8", "replace")[-3000:])
    with open(timings_path) as handle:
        timings = json.load(handle)
    samples = dict(((index, kind), []) for index in range(len(pairs)) for kind in ("module", "uri"))
    for entry in timings:
        dummy, index, kind, number = entry["task"].split(":")
        if int(number) > 0:
            samples[(int(index), kind)].append(entry["seconds"])
    rows = []
    for index, pair in enumerate(pairs):
        module_times, uri_times = samples[(index, "module")], samples[(index, "uri")]
        ratios = [module / uri for module, uri in zip(module_times, uri_times)]
        rows.append({"module": pair.module, "operation": pair.operation, "samples": len(module_times),
                     "module_ms": median(module_times) * 1000, "uri_ms": median(uri_times) * 1000,
                     "ratio": median(module_times) / median(uri_times), "pair_ratio": median(ratios),
                     "module_times": module_times, "uri_times": uri_times})
    return rows
