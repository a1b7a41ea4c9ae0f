#!/usr/bin/env bash
# Create (or reuse) a virtual environment whose packages come from the locked toolchain.
#
#   scripts/venv.sh DIR PYTHON CONSTRAINTS [pip install arguments...] [--local [-e] PROJECT...]
#
# Every install is constrained by CONSTRAINTS (constraints.txt, or a file derived from it).
# The projects after --local are directories of this repository with a pyproject.toml (the API
# emulator: emulator/), optionally editable (-e). They are installed after everything else, with
# the setuptools of the lock and no build isolation: building them fetches nothing.
# The venv is reused when the Python, the constraints and the arguments are what built it,
# and rebuilt from scratch otherwise: after `make lock` no venv keeps a stale package.
set -euo pipefail
dir=${1:?usage: venv.sh DIR PYTHON CONSTRAINTS [pip args...]}
python=${2:?python}
constraints=$(cd "$(dirname "${3:?constraints}")" && pwd)/$(basename "$3")
shift 3
# Requirement files named in the arguments, and the pyproject.toml of local projects, are part of
# what built the venv.
files=("$constraints")
requirements=()
projects=()
previous=""
for arg in "$@"; do
  if [ "$arg" = "--local" ]; then
    previous=$arg; continue
  fi
  if [ ${#projects[@]} -gt 0 ] || [ "$previous" = "--local" ]; then
    projects+=("$arg")
    [ "$arg" = "-e" ] || files+=("$arg/pyproject.toml")
  else
    requirements+=("$arg")
    [ "$previous" = "-r" ] && files+=("$arg")
  fi
  previous=$arg
done
stamp=$( { "$python" -c 'import sys; print(sys.version)'; printf '%s\n' "$@"; cat "${files[@]}"; } | sha256sum | cut -d' ' -f1)
if [ -f "$dir/.locked-stamp" ] && [ "$(cat "$dir/.locked-stamp")" = "$stamp" ] && [ -x "$dir/bin/python" ]; then
  exit 0
fi
rm -rf "$dir"
"$python" -m venv "$dir"
"$dir/bin/python" -m pip install --quiet --disable-pip-version-check -c "$constraints" pip
if [ ${#requirements[@]} -gt 0 ]; then
  "$dir/bin/python" -m pip install --quiet --disable-pip-version-check -c "$constraints" "${requirements[@]}"
fi
if [ ${#projects[@]} -gt 0 ]; then
  "$dir/bin/python" -m pip install --quiet --disable-pip-version-check -c "$constraints" setuptools
  "$dir/bin/python" -m pip install --quiet --disable-pip-version-check --no-build-isolation -c "$constraints" "${projects[@]}"
fi
echo "$stamp" >"$dir/.locked-stamp"
