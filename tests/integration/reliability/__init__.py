# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The reliability and security suite: data tables and the machinery that plays them.

- ``seed.py``: credentials and objects read from the emulator's seed, plus the objects each case
  needs of its own (seeded, so that every case starts from the same state);
- ``model.py``: requests as the emulator logs them, expectations and how they are compared;
- ``rows.py``: every state-changing module state and every info module, with the exact requests
  a clean run sends;
- ``faults.py``: the faults, and what each one must do to a row's requests and outcome;
- ``playbook.py``: turns cases into ansible-playbook runs (one per vendor, run side by side, each
  against an emulator of its own) and reads back what each case recorded;
- ``hostile.py``: a scripted server that misbehaves on purpose (endless pages and bodies, drips,
  gzip bombs, cut connections) and a one-task play runner that measures time and memory;
- ``results.py``: the JSON files ``scripts/render_reliability.py`` makes docs/reliability.md from.
"""
