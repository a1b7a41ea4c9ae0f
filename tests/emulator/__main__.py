"""Entry point for ``python tests/emulator`` (and ``python -m emulator`` from tests/)."""
import os
import sys

PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))

# Run as a directory, sys.path[0] is this package itself: swap in its parent so that
# ``emulator`` imports as a package and its modules never shadow top-level names.
if os.path.abspath(sys.path[0]) == PACKAGE_DIR:
    sys.path[0] = os.path.dirname(PACKAGE_DIR)

from emulator.cli import main  # noqa: E402  pylint: disable=wrong-import-position

sys.exit(main())
