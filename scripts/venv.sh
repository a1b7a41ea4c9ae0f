#!/usr/bin/env bash
# Create (or reuse) a virtual environment whose packages come from the locked toolchain.
#
#   scripts/venv.sh DIR PYTHON CONSTRAINTS [pip install arguments...]
#
# Every install is constrained by CONSTRAINTS (constraints.txt, or a file derived from it).
# The venv is reused when the Python, the constraints and the arguments are what built it,
# and rebuilt from scratch otherwise: after `make lock` no venv keeps a stale package.
set -euo pipefail
dir=${1:?usage: venv.sh DIR PYTHON CONSTRAINTS [pip args...]}
python=${2:?python}
constraints=$(cd "$(dirname "${3:?constraints}")" && pwd)/$(basename "$3")
shift 3
# Requirement files named in the arguments are part of what built the venv.
files=("$constraints")
previous=""
for arg in "$@"; do
  [ "$previous" = "-r" ] && files+=("$arg")
  previous=$arg
done
stamp=$( { "$python" -c 'import sys; print(sys.version)'; printf '%s\n' "$@"; cat "${files[@]}"; } | sha256sum | cut -d' ' -f1)
if [ -f "$dir/.locked-stamp" ] && [ "$(cat "$dir/.locked-stamp")" = "$stamp" ] && [ -x "$dir/bin/python" ]; then
  exit 0
fi
rm -rf "$dir"
"$python" -m venv "$dir"
"$dir/bin/python" -m pip install --quiet --disable-pip-version-check -c "$constraints" pip
if [ $# -gt 0 ]; then
  "$dir/bin/python" -m pip install --quiet --disable-pip-version-check -c "$constraints" "$@"
fi
echo "$stamp" >"$dir/.locked-stamp"
