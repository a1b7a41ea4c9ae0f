"""HTTP emulator of the BlackBerry Cylance, Symantec CCS and Oracle MCS APIs used by secops.executions.

Run it with ``secops-emulator`` (or ``python -m secops_emulator``); from Python,
``secops_emulator.fixture.start_emulator()`` starts one in background threads. User guide:
docs/emulator.md of the secops.executions collection.
"""

# The collection's version (galaxy.yml): the emulator is released with it.
__version__ = "0.2.0"
