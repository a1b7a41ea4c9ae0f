# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Start the API emulator, run playbooks/demo.yml against it, print its request log, stop it."""

import argparse
import os
import subprocess
import sys

from secops_emulator.fixture import start_emulator

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=int(os.environ.get("EMULATOR_PORT", "8710")))
    args = parser.parse_args()

    emulator = start_emulator(tls=False, port=args.port)
    print("API emulator listening on {0}".format(emulator.url), flush=True)
    try:
        command = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", "localhost,", "-c", "local",
                   "-e", "emulator_url={0}".format(emulator.url), os.path.join(ROOT, "playbooks", "demo.yml")]
        code = subprocess.call(command, cwd=ROOT)
        print("\nRequests the emulator received (method, path, status):")
        for entry in emulator.control.requests():
            print("  {time}  {method:6} {path:60} {status}".format(**entry))
    finally:
        emulator.stop()
    sys.exit(code)


if __name__ == "__main__":
    main()
