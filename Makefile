# Thin wrappers: every target calls the reportlib CLI or a standard tool in .venv.
# `make reports` and `make test` set up .venv from requirements.lock first (and re-sync
# it whenever the lock or pyproject.toml changes).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.synced
# axe-core (npm registry), pinned, for the browser tier's accessibility check
AXE_VERSION := 4.10.3
AXE_DIR     := .cache/axe-core-$(AXE_VERSION)
AXE         := $(AXE_DIR)/node_modules/axe-core/axe.min.js

.DEFAULT_GOAL := help
.PHONY: help bytecode reports test test-fast test-fuzz test-browser lab check lint lock clean-cache

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

# The package's bytecode, as pip writes it for an installed package: an editable install
# has none, and where PYTHONDONTWRITEBYTECODE is set every process (the build, its fork
# server, a notebook's kernel) would compile the library from source each time it starts.
# Only files changed since the last run are compiled again.
bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q src/reportlib

reports: bytecode ## build every report into reports/
	$(BIN)/reportlib build

test: bytecode ## run the unit, data and integration tiers
	$(BIN)/python -m pytest

test-fast: bytecode ## run the unit and data tiers (seconds)
	$(BIN)/python -m pytest tests/unit tests/data

test-fuzz: bytecode ## generated ledgers and any parameters: 100 builds per property, from a random seed it prints
	REPORTLIB_FUZZ=1 $(BIN)/python -m pytest -s -W ignore::UserWarning tests/data/test_generated_ledgers.py tests/data/test_any_parameters.py

test-browser: bytecode $(AXE) ## run the browser tier (needs Debian's chromium: apt-get install chromium)
	AXE_CORE=$(AXE) $(BIN)/python -m pytest tests/browser

$(AXE):
	npm install --no-save --no-audit --no-fund --prefix $(AXE_DIR) axe-core@$(AXE_VERSION)

lab: bytecode ## open JupyterLab on notebooks/ with the project's kernel
	$(BIN)/reportlib lab

check: bytecode ## validate the figures ledger
	$(BIN)/reportlib check

lint: $(STAMP) ## ruff lint and format check; import-linter's layering contracts; basedpyright type check of src/ (pyproject.toml)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/lint-imports
	$(BIN)/basedpyright

lock: $(STAMP) ## re-pin every dependency into requirements.lock (needs the network)
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 \
		--generate-hashes --no-header -o requirements.lock

clean-cache: ## forget cached executions (reports stay)
	rm -rf reports/.cache
