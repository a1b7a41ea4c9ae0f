#!/usr/bin/env bash
# Copy the working tree (tracked and new files, not ignored ones) to
# DEST/ansible_collections/secops/executions, where ansible-test and
# ansible-lint expect a collection to live. Prints the collection path.
set -euo pipefail
dest=${1:?usage: collection_tree.sh DEST}
root=$(cd "$(dirname "$0")/.." && pwd)
target="$dest/ansible_collections/secops/executions"
rm -rf "$target"
mkdir -p "$target"
cd "$root"
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' file; do
  [ -e "$file" ] || continue   # deleted but not yet committed
  mkdir -p "$target/$(dirname "$file")"
  cp -p "$file" "$target/$file"
done
# ansible-test units installs tests/unit/requirements.txt under tests/unit/constraints.txt: the
# locked toolchain, minus what ansible-test itself pins or brings (ansible-core, pip, setuptools).
grep -vE '^(ansible-core|pip|setuptools)==' constraints.txt >"$target/tests/unit/constraints.txt"
# ansible-test lists files through git: give the copy a repository of its own,
# or it would find the enclosing checkout, where .build/ is ignored.
git -C "$target" init -q
git -C "$target" add -A
echo "$target"
