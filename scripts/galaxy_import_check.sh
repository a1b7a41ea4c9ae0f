#!/usr/bin/env bash
# Run galaxy-importer (what Galaxy and Automation Hub run on upload) on the built tarball.
# The importer exits 0 even when it reports problems, so this fails on any ERROR or WARNING line.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/.build/importer"
mkdir -p "$build"
python=""
for candidate in python3.12 "$(pyenv root 2>/dev/null)/versions/3.12"*/bin/python3.12 python3; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
    python=$(command -v "$candidate"); break
  fi
done
[ -n "$python" ] || { echo "galaxy-importer needs Python >= 3.12"; exit 1; }
"$root/scripts/venv.sh" "$build/venv" "$python" "$root/constraints.txt" galaxy-importer
rm -rf "$build/dist"
"$build/venv/bin/ansible-galaxy" collection build --force --output-path "$build/dist" "$root" >/dev/null
tarball=$(ls "$build/dist"/secops-executions-*.tar.gz)
cd "$build"
# Offline: no ansible-test container (needs Docker), ansible-lint in offline mode.
PATH="$build/venv/bin:$PATH" GALAXY_IMPORTER_RUN_ANSIBLE_TEST=false GALAXY_IMPORTER_OFFLINE_ANSIBLE_LINT=true \
  "$build/venv/bin/python" -m galaxy_importer.main "$tarball" 2>&1 | tee "$build/importer.log"
if grep -E "^(WARNING|ERROR)" "$build/importer.log" | grep -v "Using locale" ; then
  echo "galaxy-importer reported the problems above"
  exit 1
fi
echo "galaxy-importer: no errors, no warnings"
