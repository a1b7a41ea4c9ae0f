#!/usr/bin/env bash
# Build the HTML documentation site with antsibull-docs and Sphinx into .build/docs/build/html:
# a page per module and role, plus the guides in docs/docsite/rst/. Needs `make install` first.
# Works offline: intersphinx inventories of docs.ansible.com/python.org are not fetched.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/.build"
venv="$build/docs-venv"
site="$build/docs"
"$root/scripts/venv.sh" "$venv" python3 "$root/constraints.txt" "antsibull-docs>=2,<3" ansible-pygments sphinx "sphinx-ansible-theme>=0.9.0"
export PATH="$venv/bin:$root/.venv/bin:$PATH"
export ANSIBLE_COLLECTIONS_PATH="$build/collections"
antsibull-docs lint-collection-docs --plugin-docs "$root"
rm -rf "$site"
mkdir -m 700 -p "$site"
antsibull-docs sphinx-init --use-current --dest-dir "$site" secops.executions >/dev/null
cat >>"$site/conf.py" <<'CONF'

# Offline build: no intersphinx inventories to fetch, and no labels from the Ansible docs.
intersphinx_mapping = {}
suppress_warnings = ['ref.ref']
CONF
"$site/build.sh"
echo "documentation site: $site/build/html/index.html"
