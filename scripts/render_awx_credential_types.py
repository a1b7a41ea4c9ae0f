# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Write extensions/awx/credential_types/<type>.inputs.json and <type>.injectors.json from <type>.yml.

The awx CLI reads a JSON (or YAML) option from a file given as @path, but only the option's own
value: these files are what ``awx credential_types create --inputs @... --injectors @...`` takes,
so loading a credential type needs nothing but the awx CLI. Run it after changing a <type>.yml;
tests/integration/test_awx_credential_types.py fails until you do.
"""

import glob
import json
import os
import sys

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
TYPES = os.path.join(ROOT, "extensions", "awx", "credential_types")
PARTS = ("inputs", "injectors")


def sources():
    return sorted(glob.glob(os.path.join(TYPES, "*.yml")))


def rendered(source):
    """{path: text} of the JSON files made from one credential type source."""
    with open(source) as handle:
        kind = yaml.safe_load(handle)
    stem = source[:-len(".yml")]
    return dict(("{0}.{1}.json".format(stem, part), json.dumps(kind[part], indent=2, sort_keys=False) + "\n") for part in PARTS)


def main():
    for source in sources():
        for path, text in sorted(rendered(source).items()):
            with open(path, "w") as handle:
                handle.write(text)
            print("wrote " + os.path.relpath(path, ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
