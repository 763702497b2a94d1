# Koryo 1937: the two commands of the README, plus helpers.
#   make book   set up, execute every notebook, build the offline site into _build/html
#   make test   set up, lint, test helpers and data, nbval (strict) every notebook, check the site
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.koryo-installed
UV_VERSION := 0.13.8

# Same environment for every kernel (see helpers.build.KERNEL_ENV and tests/conftest.py).
export PYTHONHASHSEED := 0
export MPLBACKEND := agg
# Each Jupyter process otherwise writes nothing but warnings about this on a fresh machine.
export JUPYTER_PLATFORM_DIRS := 1

.PHONY: help setup book site test lint pytest notebooks lab bench lock offline-test clean

help:
	@echo "make book     execute every notebook and build the site (_build/html)"
	@echo "make test     lint, helper and data tests, nbval on every notebook, site checks"
	@echo "make lab      open JupyterLab on notebooks/"
	@echo "make notebooks  re-execute the notebooks in place (refresh committed outputs)"
	@echo "make bench    measure the floor, each notebook, make test and make book"
	@echo "make lock     re-resolve requirements.lock from pyproject.toml"
	@echo "make offline-test  run the test suite with no network (needs unshare, e.g. as root)"

# Set-up: a virtual environment installed from the lock file, only when it is missing or stale.
$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || { echo "Creating $(VENV) with $$($(PYTHON) --version)"; $(PYTHON) -m venv $(VENV); }
	@$(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed"; exit 1; }
	@test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip sync --quiet --python $(BIN)/python --compile-bytecode requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps --editable .
	@touch $(STAMP)

setup: $(STAMP)

book: setup
	@echo "Executing the notebooks and building the site"
	$(BIN)/python -m helpers.build book

site: setup
	$(BIN)/python -m helpers.build site

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# One pytest run: helper and data tests, nbval strict on every notebook, checks of the site
# built from the committed notebooks (which nbval has just compared with a fresh execution).
pytest: setup
	$(BIN)/python -m helpers.build site
	$(BIN)/python -m pytest -n 2 --dist loadfile --nbval --nbval-current-env \
	  --nbval-sanitize-with tests/nbval_sanitize.cfg tests notebooks

test: lint pytest

notebooks: setup
	$(BIN)/python -m helpers.build execute

lab: setup
	$(BIN)/jupyter lab --notebook-dir=notebooks $$([ "$$(id -u)" = 0 ] && echo --allow-root)

bench: setup
	$(BIN)/python bench/bench.py

lock:
	$(BIN)/uv pip compile --quiet pyproject.toml --python-version 3.11 \
	  --no-emit-package rfc3987-syntax -o requirements.lock

offline-test: setup
	unshare -n bash -c 'ip link set lo up && $(MAKE) --no-print-directory test'

clean:
	rm -rf _build .pytest_cache .ruff_cache .hypothesis
