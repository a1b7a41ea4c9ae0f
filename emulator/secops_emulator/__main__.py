"""``python -m secops_emulator``: the same as the ``secops-emulator`` command."""
import sys

from secops_emulator.cli import main

if __name__ == "__main__":
    sys.exit(main())
