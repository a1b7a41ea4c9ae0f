# Copyright: (c) 2026, secops.executions contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What Galaxy and the docs site show cannot drift from the guides and the code.

- the environment-variable pages list exactly the env fallbacks of the modules' argument specs;
- docs/guide_*.md (what Galaxy shows) are the current export of docs/docsite/rst/guide_*.rst;
- no page Galaxy publishes has a relative link (they break there).
"""

import fnmatch
import glob
import importlib.util
import os
import re

import pytest
import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
SCRIPT = os.path.join(ROOT, "scripts", "render_docs_md.py")
HINT = "stale: run .venv/bin/python scripts/render_docs_md.py"


def script():
    if not os.path.exists(SCRIPT):
        pytest.skip("scripts/ is not part of this tree")
    spec = importlib.util.spec_from_file_location("render_docs_md", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read(*parts):
    with open(os.path.join(ROOT, *parts)) as handle:
        return handle.read()


def code_env_fallbacks():
    """{(variable, option): {modules}} from what each module's main() passes to AnsibleModule."""
    found = {}
    for module, spec in script().module_argument_specs().items():
        for option, entry in spec.items():
            if entry.get("fallback"):
                function, variables = entry["fallback"]
                assert function.__name__ == "set_env_fallback", (module, option)  # an empty variable means unset
                for variable in variables:
                    found.setdefault((variable, option), set()).add(module)
    return found


def test_modules_read_about_forty_variables():
    fallbacks = code_env_fallbacks()
    assert len(fallbacks) >= 30
    assert all(variable.split("_")[0] in ("CYLANCE", "CCS", "OCI") for variable, dummy in fallbacks)


def test_env_page_lists_every_variable_the_code_reads():
    page = read("docs", "docsite", "rst", "environment_variables.rst")
    rows = re.findall(r"^   \* - :envvar:`(\w+)`\n     - ``(\w+)``\n", page, re.M)
    assert sorted(rows) == sorted(code_env_fallbacks()), "docs/docsite/rst/environment_variables.rst is " + HINT
    assert sorted(re.findall(r"^\.\. envvar:: (\w+)$", page, re.M)) == sorted(v for v, dummy in rows)


def test_env_page_names_the_modules_that_read_each_variable():
    render = script()
    variables = render.environment_variables()
    assert {(v, o): set(m) for v, dummy, o, m in variables} == code_env_fallbacks()


def test_the_site_index_defines_every_variable_a_plugin_page_links_to():
    render = script()
    variables = [("CYLANCE_API_URL", "cylance", "api_url", ["cylance_token"])]
    generated = (":orphan:\n\nIndex\n=====\n\n.. envvar:: ANSIBLE_INVENTORY_CACHE\n\n    Toggle the cache.\n\n"
                 ".. envvar:: CYLANCE_API_URL\n   :no-index:\n\n    Base URL.\n")
    page = "- Environment variable: :envvar:`ANSIBLE\\_CACHE\\_PLUGIN`\n- :envvar:`ANSIBLE\\_INVENTORY\\_CACHE`\n"
    text = render.plugin_variables_rst(generated, variables, [page])
    defined = re.findall(r"^\.\. envvar:: (\w+)$", text, re.M)
    # Module variables are defined by the module table already; antsibull's plugin entries and the
    # ansible-core settings it leaves to the Ansible docs are added once each.
    assert defined == ["ANSIBLE_INVENTORY_CACHE", "ANSIBLE_CACHE_PLUGIN"]
    assert "config.html#envvar-ANSIBLE_CACHE_PLUGIN" in text and "Toggle the cache." in text
    assert render.plugin_variables_rst("", variables, []) == ""


def test_galaxy_env_page_and_docsite_config_list_the_same_variables():
    variables = sorted(variable for variable, dummy in code_env_fallbacks())
    markdown = read("docs", "environment_variables.md")
    assert sorted(re.findall(r"^\| `(\w+)` \|", markdown, re.M)) == variables, "docs/environment_variables.md is " + HINT
    config = yaml.safe_load(read("docs", "docsite", "config.yml"))
    assert sorted(config["envvar_directives"]) == variables, "docs/docsite/config.yml is " + HINT


def test_exported_pages_are_current():
    pytest.importorskip("docutils")
    for relative, content in script().expected_files().items():
        assert read(relative) == content, relative + " is " + HINT


def test_every_guide_is_exported_for_galaxy_and_on_the_docs_site():
    guides = sorted(os.path.basename(p)[:-4] for p in glob.glob(os.path.join(ROOT, "docs", "docsite", "rst", "guide_*.rst")))
    assert len(guides) >= 9
    for guide in guides:
        assert os.path.exists(os.path.join(ROOT, "docs", guide + ".md")), guide
    extra = yaml.safe_load(read("docs", "docsite", "extra-docs.yml"))
    listed = [page for section in extra["sections"] for page in section["toctree"]]
    assert sorted(listed) == sorted(guides + ["environment_variables"])


def galaxy_pages():
    """The README and the docs/*.md the tarball keeps (galaxy.yml build_ignore): what galaxy-importer renders."""
    ignored = yaml.safe_load(read("galaxy.yml")).get("build_ignore", [])
    pages = [os.path.relpath(p, ROOT) for p in glob.glob(os.path.join(ROOT, "docs", "*.md"))]
    return ["README.md"] + sorted(p for p in pages if not any(fnmatch.fnmatch(p, pattern) for pattern in ignored))


def test_galaxy_shows_the_guides_not_the_developer_pages():
    pages = galaxy_pages()
    assert "docs/guide_quickstart.md" in pages and "docs/environment_variables.md" in pages
    assert not {"docs/ARCHITECTURE.md", "docs/performance.md", "docs/reliability.md"} & set(pages)


@pytest.mark.parametrize("page", galaxy_pages())
def test_galaxy_pages_have_only_absolute_links(page):
    targets = re.findall(r"\]\(([^)\s]+)\)", read(page))
    relative = [target for target in targets if not re.match(r"^(https?://|mailto:|#)", target)]
    assert not relative, "{0} has links that break on Galaxy: {1}".format(page, relative)
