# secops.executions: two commands do everything on a fresh clone (python3, make, git):
#   make demo   set up, start the API emulator, run playbooks/demo.yml against it, stop it
#   make test   set up, then every check: lint, sanity, unit, integration, molecule
PYTHON ?= python3
VENV := .venv
BIN := $(abspath $(VENV))/bin
BUILD := $(abspath .build)
COLLECTIONS := $(BUILD)/collections
EMULATOR_PORT ?= 8710
EMULATOR_TLS_PORT ?= 8711
SITE_DIR ?= $(BUILD)/site
# Integration playbooks run on this many pytest-xdist workers, each with its own emulator.
WORKERS ?= 2
export ANSIBLE_COLLECTIONS_PATH := $(COLLECTIONS)
export ANSIBLE_NOCOLOR := 1
export PATH := $(BIN):$(PATH)

.PHONY: help venv install demo emulator test test-quick test-latest lock lint sanity units integration molecule emulator-tests docs docs-publish import-check test-matrix bench reliability clean

help:
	@echo "make demo         run the demo playbook against the embedded API emulator"
	@echo "make test         run every check (lint, sanity, units, emulator, integration, molecule), locked toolchain"
	@echo "make test-quick   the inner loop: lint, units, emulator tests, an integration smoke subset"
	@echo "make test-latest  units and integration on the newest release of every dependency (not locked)"
	@echo "make lock         regenerate constraints.txt from constraints.in"
	@echo "make emulator     run the API emulator in the foreground (EMULATOR_PORT=$(EMULATOR_PORT), TLS on $(EMULATOR_TLS_PORT))"
	@echo "make sanity | units | integration | lint | molecule | import-check   one part of make test"
	@echo "make docs         build the HTML documentation site into .build/docs/build/html"
	@echo "make docs-publish build the site into SITE_DIR=$(SITE_DIR), ready for GitHub Pages"
	@echo "make test-matrix  sanity and units on every ansible-core release from 2.17 to 2.21"
	@echo "make bench        measure requests, task overhead, long lists and waits; rewrites docs/performance.md and .png"
	@echo "make reliability  fault matrix, secrets, check mode, bad input, concurrency and property tests; rewrites docs/reliability.md"

venv: $(VENV)/.installed

# Every package at the version constraints.txt locks (see constraints.in and `make lock`).
# The API emulator (emulator/, the secops-emulator package) is installed editable: the tests and
# the demo run its source as it is in the tree.
$(VENV)/.installed: requirements.txt requirements-dev.txt constraints.txt scripts/venv.sh emulator/pyproject.toml
	scripts/venv.sh $(VENV) $(PYTHON) constraints.txt -r requirements.txt -r requirements-dev.txt --local -e ./emulator
	touch $@

# A real install from the built tarball, as users get it.
install: venv
	rm -rf $(BUILD)/dist $(COLLECTIONS)/ansible_collections/secops/executions
	$(BIN)/ansible-galaxy collection build --force --output-path $(BUILD)/dist . >/dev/null
	$(BIN)/ansible-galaxy collection install --force -p $(COLLECTIONS) $(BUILD)/dist/secops-executions-*.tar.gz >/dev/null
	@echo "installed secops.executions into $(COLLECTIONS)"

demo: install
	$(BIN)/python scripts/run_demo.py --port $(EMULATOR_PORT)

emulator: venv
	$(BIN)/secops-emulator --port $(EMULATOR_PORT) --tls-port $(EMULATOR_TLS_PORT) --cert-dir $(BUILD)/emulator-tls

# test-matrix runs ansible-test sanity and units on every release from 2.17 to 2.21 (2.19 included).
# It runs in the background beside the other checks (its log: .build/matrix.log); the run fails if
# either lane fails.
test: install
	@mkdir -p $(BUILD)
	@scripts/test_matrix.sh >$(BUILD)/matrix.log 2>&1 & matrix=$$!; \
	$(MAKE) --no-print-directory lint units emulator-tests integration molecule docs import-check; others=$$?; \
	wait $$matrix; status=$$?; \
	echo "== make test-matrix (log: $(BUILD)/matrix.log)"; sed -n '/^| ansible-core/,$$p' $(BUILD)/matrix.log; \
	[ $$status -eq 0 ] || { echo "test-matrix failed: see $(BUILD)/matrix.log and .build/matrix/<release>.log"; exit 1; }; \
	[ $$others -eq 0 ] || exit 1; \
	echo "make test: all checks passed"

# Under five minutes: what to run before each commit. make test runs everything.
test-quick: install
	$(BIN)/ansible-lint --profile production
	$(BIN)/python -m pytest -q -n $(WORKERS) tests/unit tests/emulator_tests
	$(BIN)/python -m pytest -q -n $(WORKERS) tests/integration/test_targets.py tests/integration/test_secrets.py

# The newest release of every dependency, in its own venv (.build/latest): what `make lock` would bring.
test-latest:
	scripts/test_latest.sh

lock:
	scripts/lock.sh

lint: install
	$(BIN)/ansible-lint --profile production
	$(BIN)/antsibull-changelog lint

sanity: venv
	$(BIN)/python scripts/ansible_test_bootstrap.py
	cd $$(scripts/collection_tree.sh $(BUILD)/sanity) && $(BIN)/ansible-test sanity --venv --python 3.11 --color no

units: venv
	$(BIN)/python -m pytest -q tests/unit

emulator-tests: venv
	$(BIN)/python -m pytest -q tests/emulator_tests

integration: install $(BUILD)/eda-venv/.installed
	$(BIN)/python -m pytest -q -n $(WORKERS) --dist loadgroup tests/integration

# ansible-rulebook for the event source's end-to-end test (it also needs Java 17, which the test looks for), in a venv of its
# own: its locked dependencies (constraints-eda.txt) differ from the dev toolchain's.
$(BUILD)/eda-venv/.installed: requirements-eda.in constraints-eda.txt scripts/venv.sh
	scripts/venv.sh $(BUILD)/eda-venv $(PYTHON) constraints-eda.txt -r requirements-eda.in
	touch $@

molecule: install
	@for scenario in $$(ls -d roles/*/molecule/default 2>/dev/null); do \
	  role=$$(dirname $$(dirname $$scenario)); \
	  echo "molecule: $$role"; \
	  (cd $$role && $(BIN)/molecule test) || exit 1; \
	done

docs: install
	scripts/build_docs.sh

# The published site (galaxy.yml documentation:): what CI uploads to GitHub Pages.
docs-publish: docs
	scripts/publish_docs.sh $(SITE_DIR)

import-check: venv
	scripts/galaxy_import_check.sh

test-matrix: venv
	scripts/test_matrix.sh

# Measures (about half an hour on two cores) and rewrites docs/performance.md and docs/performance.png.
bench: install $(VENV)/.bench-installed
	$(BIN)/python scripts/bench

$(VENV)/.bench-installed: requirements-bench.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -c constraints.txt -r requirements-bench.txt
	touch $@

# The reliability suite (also part of integration and units) and docs/reliability.md from what it saw.
reliability: install
	rm -rf $(BUILD)/reliability
	RELIABILITY_RESULTS=$(BUILD)/reliability $(BIN)/python -m pytest -q tests/integration/test_reliability_*.py
	$(BIN)/python -m pytest -q tests/unit/plugins/module_utils/test_properties.py
	$(BIN)/python scripts/render_reliability.py $(BUILD)/reliability docs/reliability.md

clean:
	rm -rf $(BUILD) tests/output .pytest_cache
