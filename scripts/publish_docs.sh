#!/usr/bin/env bash
# Turn the built docs site (.build/docs/build/html, from `make docs`) into a directory ready for
# GitHub Pages or any static host: the HTML alone, no Sphinx build state, and .nojekyll so that
# GitHub Pages serves _static/ and _sources/. Usage: scripts/publish_docs.sh [DEST] (default .build/site).
# `make docs-publish` builds the site and runs this; CI uploads DEST as the Pages artifact.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
html="$root/.build/docs/build/html"
dest=${1:-$root/.build/site}
[ -f "$html/index.html" ] || { echo "no site in $html: run make docs first"; exit 1; }
rm -rf "$dest"
mkdir -p "$dest"
cp -a "$html/." "$dest/"
rm -rf "$dest/.buildinfo" "$dest/.doctrees"
touch "$dest/.nojekyll"
# What galaxy.yml's documentation URL and the README link to must be there.
for page in index.html collections/secops/executions/index.html \
    collections/secops/executions/docsite/guide_quickstart.html \
    collections/secops/executions/docsite/environment_variables.html; do
  [ -f "$dest/$page" ] || { echo "missing $page in the site"; exit 1; }
done
# Every link to the site from what Galaxy shows (README.md, docs/*.md) must land on a page.
site_url=https://secops-collections.github.io/secops.executions/
missing=$(grep -ohE "${site_url}[^) >#\"]*" "$root/README.md" "$root"/docs/*.md | sort -u | sed "s|^${site_url}||" |
  while read -r page; do [ -f "$dest/${page:-index.html}" ] || echo "$page"; done)
[ -z "$missing" ] || { echo "README.md or docs/*.md link to pages the site does not have:"; echo "$missing"; exit 1; }
if grep -q "Welcome to my Ansible collection documentation" "$dest/index.html"; then
  echo "the front page is antsibull-docs' template, not docs/docsite/index.rst"; exit 1
fi
echo "site ready for publishing: $dest ($(find "$dest" -name '*.html' | wc -l) pages, $(du -sh "$dest" | cut -f1))"
