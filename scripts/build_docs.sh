#!/usr/bin/env bash
# Build the HTML documentation site with antsibull-docs and Sphinx into .build/docs/build/html:
# the front page (docs/docsite/index.rst), a page per module and role, the guides and the
# environment-variable pages in docs/docsite/rst/. Needs `make install` first.
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
antsibull-docs sphinx-init --use-current --dest-dir "$site" --fail-on-error \
  --index-rst-source "$root/docs/docsite/index.rst" \
  --project secops.executions --copyright "secops.executions contributors" \
  --title "secops.executions documentation" --html-short-title secops.executions \
  secops.executions >/dev/null
cat >>"$site/conf.py" <<'CONF'

# Offline build: no intersphinx inventories to fetch, and no labels from the Ansible docs.
intersphinx_mapping = {}
suppress_warnings = ['ref.ref']
# The collection's own links in the top bar, instead of the theme's ansible.com defaults.
html_theme_options = {
    'topbar_links': {
        'Source': 'https://github.com/secops-collections/secops.executions',
        'Issues': 'https://github.com/secops-collections/secops.executions/issues',
        'Galaxy': 'https://galaxy.ansible.com/ui/repo/published/secops/executions/',
    },
    'documentation_home_url': 'https://secops-collections.github.io/secops.executions/',
    'show_extranav': False,
    'show_rtd_ethical_ads': False,
}
CONF
# The steps of the generated build.sh, with one addition between them: antsibull-docs builds its
# environment-variable index only from plugins' env: entries, which modules cannot declare, so the
# index is written from the modules' argument specs (the same list as docs/docsite/rst/environment_variables.rst).
cd "$site"
mkdir -p rst
chmod og-w rst
antsibull-docs --config-file antsibull-docs.cfg collection --cleanup everything --use-current --fail-on-error \
  --dest-dir rst secops.executions
"$root/.venv/bin/python" "$root/scripts/render_docs_md.py" --index rst/collections/environment_variables.rst
sphinx-build -M html rst build -c . -W --keep-going
echo "documentation site: $site/build/html/index.html"
