#!/usr/bin/env bash
# ansible-test sanity and units on every supported ansible-core release, from the
# requires_ansible floor (2.17) to the newest (2.21), at the exact versions scripts/matrix_releases.sh
# pins. Each release gets its own venv under .build/matrix/ with a controller Python it supports;
# ansible-test units installs its test requirements under the same lock (tests/unit/constraints.txt
# in the tree, written by collection_tree.sh). Prints a table; fails if any cell fails.
#
#   scripts/test_matrix.sh            all releases
#   scripts/test_matrix.sh 2.17 2.21  some of them
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/.build/matrix"
mkdir -p "$build"

source "$root/scripts/matrix_releases.sh"
releases=("$@")
[ ${#releases[@]} -gt 0 ] || releases=("${MATRIX_RELEASES[@]}")

# The locked toolchain, with each release's own ansible-core pin in place of the dev venv's.
grep -v '^ansible-core==' "$root/constraints.txt" >"$build/constraints.txt"
tree=$("$root/scripts/collection_tree.sh" "$build/tree")
declare -A RESULT
status=0
for release in "${releases[@]}"; do
  version=${PYTHON_FOR[$release]:?unknown release $release}
  # A machine without that Python skips the release (loudly) rather than failing the run.
  python=$(find_python "$version") || { RESULT[$release]="skipped: no Python $version|skipped"; echo "== $release: SKIPPED, no Python $version"; continue; }
  venv="$build/venv-$release"
  "$root/scripts/venv.sh" "$venv" "$python" "$build/constraints.txt" "ansible-core==${CORE_FOR[$release]}"
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
