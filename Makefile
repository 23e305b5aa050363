# Two commands do all set-up on a fresh machine (Python 3.11 + pip):
#   make site   — create .venv, install pinned dependencies, build the site into build/site
#   make test   — the same set-up if needed, then the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup site build validate test lint format serve clean bench-extraction

$(STAMP): pyproject.toml requirements.lock
	@test -n "$(PYTHON)" || { echo "error: no python3.11 or python3 on PATH"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP)

site: $(STAMP)
	$(BIN)/juesuan build
	@echo "Built build/site. View it: make serve  →  http://127.0.0.1:8000"

build: site

validate: $(STAMP)
	$(BIN)/juesuan validate
	@for d in datapackages/*/datapackage.json; do \
	  out=$$($(BIN)/frictionless validate "$$d" 2>&1) || { echo "$$out"; echo "frictionless: $$d invalid"; exit 1; }; \
	done; echo "frictionless validate: every datapackage.json is valid"

test: $(STAMP)
	$(BIN)/python -m pytest

bench-extraction: $(STAMP)
	$(BIN)/python benchmarks/extraction.py --details

lint: $(STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests

format: $(STAMP)
	$(BIN)/ruff format scripts tests
	$(BIN)/ruff check --fix scripts tests

serve:
	@test -d build/site || { echo "no build/site yet: run make site"; exit 1; }
	@echo "Serving build/site at http://127.0.0.1:8000 (Ctrl-C to stop)"
	$(BIN)/python -m http.server --directory build/site --bind 127.0.0.1 8000

clean:
	rm -rf build
