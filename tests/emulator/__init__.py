"""HTTP emulator of the Cylance, CCS and Oracle MCS APIs used by the secops.executions tests.

See docs/emulator.md. Start it with ``python tests/emulator`` or, from Python,
``emulator.fixture.start_emulator()``.
"""
