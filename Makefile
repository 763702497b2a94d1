# Koryo 1937: the two commands of the README, plus helpers.
#   make book   set up, execute every notebook, build the offline site into _build/html
#   make test   set up, lint, test helpers and data, nbval (strict) every notebook, check the site
#               (also in headless chromium, installed from Debian by `make browser` if missing)
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.koryo-installed
UV_VERSION := 0.13.8

# Python keeps the bytecode of the project's modules, and pytest its rewritten test modules, in
# __pycache__/ (ignored by git); without them every test process compiles every test module again
# (about 3 s each). Some environments set PYTHONDONTWRITEBYTECODE; make does not pass it on.
unexport PYTHONDONTWRITEBYTECODE

# The same environment for every kernel: tools/kernel.env, also read (tools/kernelenv.py) by
# tools/build.py and conftest.py.
include tools/kernel.env
export $(shell sed -n 's/^\([A-Z_][A-Z0-9_]*\)=.*/\1/p' tools/kernel.env)

.PHONY: help setup browser book site test lint validate robustness pytest notebooks lab bench lock offline-test clean

help:
	@echo "make book     execute every notebook and build the site (_build/html)"
	@echo "make test     lint, validate, helper and data tests, nbval on every notebook, site checks"
	@echo "             (a check that passed for the same inputs is not re-run; FRESH=1 make test runs all)"
	@echo "make browser  install Debian's chromium and chromium-driver if missing (make test does)"
	@echo "make validate check everything in data/ and print every problem (honours KORYO1937_DATA)"
	@echo "make lab      open JupyterLab on notebooks/"
	@echo "make notebooks  re-execute the notebooks in place (refresh committed outputs)"
	@echo "make bench    measure the floor, each notebook, make test and make book"
	@echo "make lock     re-resolve requirements.lock from pyproject.toml"
	@echo "make offline-test  run the test suite with no network (needs unshare, e.g. as root)"

# Set-up: a virtual environment installed from the lock file, only when it is missing or stale.
$(BIN)/uv:
	@test -x $(BIN)/python || { echo "Creating $(VENV) with $$($(PYTHON) --version)"; $(PYTHON) -m venv $(VENV); }
	@$(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed"; exit 1; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(STAMP): requirements.lock pyproject.toml | $(BIN)/uv
	$(BIN)/uv pip sync --quiet --python $(BIN)/python --compile-bytecode requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps --editable .
	@touch $(STAMP)

# The site's front-end files (plotly.js for the interactive map, axe-core for the browser test),
# pinned in package-lock.json and installed by npm from its lock file.
NPM_STAMP := node_modules/.koryo-installed
$(NPM_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm (Node.js 18 or newer) is needed for the site's front-end files; install Node.js"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

setup: $(STAMP) $(NPM_STAMP)

# The browser of the browser test (tests/test_browser.py, run by make test, not make book):
# Debian's chromium and chromium-driver, installed by apt only when one of them is missing.
browser:
	@bash tools/install-browser.sh

book: setup
	@echo "Executing the notebooks and building the site"
	$(BIN)/python tools/build.py book

site: setup
	$(BIN)/python tools/build.py site

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

validate: setup
	$(BIN)/python -m helpers.validate

# Four chains run together on the two cores (tools/together.py prints each one's output in
# turn): the table of bad inputs in docs/robustness.md, regenerated and compared; nbval strict on
# every notebook, figures and alt text compared too (conftest.py); the site, built from the
# committed notebooks (which nbval compares with a fresh execution), opened in headless chromium
# (tests/test_browser.py) and read by the other site checks (marked `site`); and the helper and
# data tests with coverage of helpers (at least 90 %, from these tests alone).
# tools/passes.py does not run again a check (nbval notebook by notebook, the table of bad inputs,
# the browser test) that passed for the same inputs; the unit tests always run, but their
# coverage is measured again only when a file of the project changed. A fresh clone runs and
# measures everything, and so does `FRESH=1 make test`.
PASSES := $(BIN)/python tools/passes.py
pytest: setup browser
	$(BIN)/python tools/together.py \
	  "$(PASSES) run robustness -- $(BIN)/python tools/robustness.py --check" \
	  "$(PASSES) nbval -- $(BIN)/python -m pytest -n 2 --dist loadfile --nbval --nbval-current-env \
	     --nbval-sanitize-with tests/nbval_sanitize.cfg notebooks/[0-9][0-9]_*.ipynb" \
	  "$(BIN)/python tools/build.py site \
	   && $(PASSES) run browser -- $(BIN)/python -m pytest -n 2 tests/test_browser.py \
	   && $(BIN)/python -m pytest -m site --ignore=tests/test_browser.py tests" \
	  "$(PASSES) coverage -- $(BIN)/python -m pytest -n 2 -m 'not site' \
	     --ignore=tests/test_browser.py --cov --cov-report=term --cov-fail-under=90 tests"

test: lint validate pytest

# Rewrite docs/robustness.md from what the validator says now (after a change to the checks).
robustness: setup
	$(BIN)/python tools/robustness.py

notebooks: setup
	$(BIN)/python tools/build.py execute

lab: setup
	$(BIN)/jupyter lab --notebook-dir=notebooks $$([ "$$(id -u)" = 0 ] && echo --allow-root)

bench: setup
	PYTHONPATH=tools $(BIN)/python bench/bench.py $(BENCH_ARGS)

lock: | $(BIN)/uv
	$(BIN)/uv pip compile --quiet pyproject.toml --group test --group docs --group dev --python-version 3.11 \
	  --no-emit-package rfc3987-syntax -o requirements.lock

offline-test: setup
	unshare -n bash -c 'ip link set lo up && $(MAKE) --no-print-directory test'

clean:
	rm -rf _build .pytest_cache .ruff_cache .hypothesis node_modules
	find . -path ./.venv -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
