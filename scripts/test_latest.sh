#!/usr/bin/env bash
# `make test-latest`: the unit and integration suites on the newest release of every dependency,
# unconstrained, in a venv of their own (.build/latest) on the newest Python this machine has, so
# that ansible-core's newest release installs. Not part of `make test`: it shows what raising the
# pins in constraints.in (`make lock`) would bring, before anyone does it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source scripts/matrix_releases.sh
python=""
for version in 3.14 3.13 3.12 3.11; do
  python=$(find_python "$version") && break
done
[ -n "$python" ] || python=python3
build="$root/.build/latest"
rm -rf "$build"
mkdir -p "$build"
"$python" -m venv "$build/venv"
"$build/venv/bin/python" -m pip install --quiet --upgrade pip
"$build/venv/bin/python" -m pip install --quiet --upgrade --upgrade-strategy eager -r requirements.txt -r requirements-dev.txt
# The API emulator the integration tests start (emulator/, the secops-emulator package).
"$build/venv/bin/python" -m pip install --quiet ./emulator
"$build/venv/bin/python" -m pip list --format=freeze >"$build/versions.txt"
echo "test-latest on $("$build/venv/bin/python" --version): $(grep -iE '^(ansible-core|requests|pyjwt|pytest|hypothesis)==' "$build/versions.txt" | tr '\n' ' ')"
echo "(every version: $build/versions.txt; compare with constraints.txt)"
"$build/venv/bin/ansible-galaxy" collection build --force --output-path "$build/dist" . >/dev/null
export ANSIBLE_COLLECTIONS_PATH="$build/collections"
"$build/venv/bin/ansible-galaxy" collection install --force -p "$ANSIBLE_COLLECTIONS_PATH" "$build"/dist/secops-executions-*.tar.gz >/dev/null
export PATH="$build/venv/bin:$PATH"
"$build/venv/bin/python" -m pytest -q -n "${WORKERS:-2}" tests/unit
"$build/venv/bin/python" -m pytest -q -n "${WORKERS:-2}" --dist loadgroup tests/integration
echo "test-latest: units and integration pass on the newest dependencies"
