#!/usr/bin/env bash
# ansible-test sanity and units on every supported ansible-core release, from the
# requires_ansible floor (2.17) to the newest (2.21). Each release gets its own venv under
# .build/matrix/ with a controller Python it supports. Prints a table; fails if any cell fails.
#
#   scripts/test_matrix.sh            all releases
#   scripts/test_matrix.sh 2.17 2.21  some of them
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/.build/matrix"
mkdir -p "$build"

# release -> controller Python used for it (ansible-test 2.17 supports 3.10-3.12, 2.18/2.19
# 3.11-3.13, 2.20/2.21 3.12-3.14; pip offers 2.20+ only on Python >= 3.12).
declare -A PYTHON_FOR=([2.17]=3.11 [2.18]=3.11 [2.19]=3.11 [2.20]=3.12 [2.21]=3.13)
releases=("$@")
[ ${#releases[@]} -gt 0 ] || releases=(2.17 2.18 2.19 2.20 2.21)

find_python() {  # an interpreter for version $1: on PATH, else from pyenv
  local version=$1 candidate
  for candidate in "python$version" "$(pyenv root 2>/dev/null)/versions/$version"*/bin/"python$version"; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys' >/dev/null 2>&1; then
      command -v "$candidate"; return 0
    fi
  done
  return 1
}

tree=$("$root/scripts/collection_tree.sh" "$build/tree")
declare -A RESULT
status=0
for release in "${releases[@]}"; do
  version=${PYTHON_FOR[$release]:?unknown release $release}
  # A machine without that Python skips the release (loudly) rather than failing the run.
  python=$(find_python "$version") || { RESULT[$release]="skipped: no Python $version|skipped"; echo "== $release: SKIPPED, no Python $version"; continue; }
  venv="$build/venv-$release"
  if [ ! -x "$venv/bin/ansible-test" ]; then
    "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --upgrade pip
    "$venv/bin/python" -m pip install --quiet "ansible-core==$release.*"
  fi
  "$venv/bin/python" "$root/scripts/ansible_test_bootstrap.py"
  core=$("$venv/bin/python" -c 'import ansible; print(ansible.__version__)')
  pybin=$(dirname "$python")
  log="$build/$release.log"
  echo "== ansible-core $core on Python $version: sanity, units (log: $log)"
  (cd "$tree" && PATH="$venv/bin:$pybin:$PATH" ansible-test sanity --venv --python "$version" --color no) >"$log" 2>&1 \
    && sanity=pass || { sanity=FAIL; status=1; }
  (cd "$tree" && PATH="$venv/bin:$pybin:$PATH" ansible-test units --venv --python "$version" --color no) >>"$log" 2>&1 \
    && units=pass || { units=FAIL; status=1; }
  RESULT[$release]="$sanity|$units"
  echo "   sanity $sanity, units $units"
done

echo
echo "| ansible-core | Python | sanity | units |"
echo "|---|---|---|---|"
for release in "${releases[@]}"; do
  IFS='|' read -r sanity units <<<"${RESULT[$release]}"
  echo "| $release | ${PYTHON_FOR[$release]} | $sanity | $units |"
done
exit $status
