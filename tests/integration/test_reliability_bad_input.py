# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The bad input catalogue (reliability/bad_inputs.py): every entry fails with a message naming
its option, and the emulator sees no request at all. One ansible-playbook run plays them all."""

import os

import pytest
from secops_emulator.fixture import start_emulator

from reliability import results
from reliability.bad_inputs import CATALOGUE
from reliability.model import problems
from reliability.playbook import Run, playbook, read_records
from reliability.seed import ROOT

# One module-scoped play feeds every test here: under pytest-xdist they share one worker.
pytestmark = pytest.mark.xdist_group("reliability_bad_input")


def test_the_catalogue_is_large_and_covers_every_module():
    modules = set(entry.module for entry in CATALOGUE)
    assert len(CATALOGUE) >= 40 and len(set(entry.id for entry in CATALOGUE)) == len(CATALOGUE)
    assert modules == set(name[:-3] for name in os.listdir(os.path.join(ROOT, "plugins", "modules")) if name.endswith(".py"))


@pytest.fixture(scope="module")
def played(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("bad-input")
    with start_emulator(tls=False) as handle:
        cases = [entry.played(handle.url) for entry in CATALOGUE]
        output = str(workdir / "bad-input.jsonl")
        rc, log, seconds = Run("bad-input", playbook("Bad input catalogue", ("oci", "cylance", "ccs"), handle.url, cases, output),
                               str(workdir)).wait()
    records = read_records(output)
    outcome = {}
    for entry, case in zip(CATALOGUE, cases):
        record = records.get(case.id, {}).get("main")
        outcome[entry.id] = (record, problems(record, case.phases[0].expect) if record else ["not recorded (rc {0}):\n{1}".format(rc, log[-3000:])])
    results.write("bad_input", {"seconds": seconds, "entries": [
        {"module": entry.module, "input": entry.label, "options": list(entry.names),
         "message": (outcome[entry.id][0] or {}).get("result", {}).get("msg"),
         "requests": len((outcome[entry.id][0] or {}).get("requests", [])), "problems": outcome[entry.id][1]} for entry in CATALOGUE]})
    return outcome


@pytest.mark.parametrize("entry_id", [entry.id for entry in CATALOGUE])
def test_bad_input_fails_naming_the_option_and_sends_nothing(played, entry_id):
    dummy, found = played[entry_id]
    assert found == []
