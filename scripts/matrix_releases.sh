# Sourced by test_matrix.sh and lock.sh: the ansible-core releases the collection supports (from
# the requires_ansible floor to the newest), the exact version tested for each, and the controller
# Python that runs it (ansible-test 2.17 supports 3.10-3.12, 2.18/2.19 3.11-3.13, 2.20/2.21
# 3.12-3.14; pip offers 2.20+ only on Python >= 3.12). Raising a pin here is an upgrade like any
# other: then run `make lock` and `make test`.
MATRIX_RELEASES=(2.17 2.18 2.19 2.20 2.21)
declare -A CORE_FOR=([2.17]=2.17.14 [2.18]=2.18.19 [2.19]=2.19.14 [2.20]=2.20.10 [2.21]=2.21.5)
declare -A PYTHON_FOR=([2.17]=3.11 [2.18]=3.11 [2.19]=3.11 [2.20]=3.12 [2.21]=3.13)

find_python() {  # an interpreter for version $1: on PATH, else from pyenv
  local version=$1 candidate
  for candidate in "python$version" "$(pyenv root 2>/dev/null)/versions/$version"*/bin/"python$version"; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys' >/dev/null 2>&1; then
      command -v "$candidate"; return 0
    fi
  done
  return 1
}
