# Two commands do all set-up on a fresh machine (Python 3.11, 3.12 or 3.13, with pip and venv):
#   make site   — create .venv, install pinned dependencies, build the site into build/site
#   make test   — the same set-up if needed, then the whole test suite
# The newest supported Python on PATH is used; choose another with `make site PYTHON=python3.11`.
SUPPORTED := python3.13 python3.12 python3.11 python3
IN_RANGE  := (3, 11) <= sys.version_info[:2] < (3, 14)
VERSION   := "%d.%d" % sys.version_info[:2]
# The first candidate that runs and is in range (a pyenv shim can exist and fail to run).
ifndef PYTHON
PYTHON := $(shell for p in $(SUPPORTED); do \
  found=$$($$p -c 'import sys; $(IN_RANGE) and print(sys.executable)' 2>/dev/null) \
  && [ -n "$$found" ] && echo "$$found" && break; done)
endif
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup site build validate test lint format serve clean bench-extraction browser bench bench-repo-size bench-cluster

$(STAMP): pyproject.toml requirements.lock
	@test -n "$(PYTHON)" || { echo "error: no Python 3.11, 3.12 or 3.13 on PATH (tried $(SUPPORTED))"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(not $(IN_RANGE))' || { echo "error: $(PYTHON) is not Python 3.11, 3.12 or 3.13"; exit 1; }
# (a .venv made by another Python version is rebuilt, not mixed with this one)
	@want=$$($(PYTHON) -c 'import sys; print($(VERSION))'); have=$$($(BIN)/python -c 'import sys; print($(VERSION))' 2>/dev/null); \
	  if [ -n "$$have" ] && [ "$$have" != "$$want" ]; then \
	    echo "$(VENV) is Python $$have, rebuilding it with Python $$want"; clear=--clear; fi; \
	  echo "$(PYTHON) -m venv $$clear $(VENV)"; $(PYTHON) -m venv $$clear $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP)

# CI builds with BUILD_FLAGS=--strict: a source that was skipped fails the build, so it cannot
# deploy silently; locally a skipped source is reported and the rest is built.
BUILD_FLAGS ?=
site: $(STAMP)
	$(BIN)/juesuan build $(BUILD_FLAGS)
	@echo "Built build/site. View it: make serve  →  http://127.0.0.1:8000"

build: site

validate: $(STAMP)
	$(BIN)/juesuan validate
	@for d in datapackages/*/datapackage.json; do \
	  out=$$($(BIN)/frictionless validate "$$d" 2>&1) || { echo "$$out"; echo "frictionless: $$d invalid"; exit 1; }; \
	done; echo "frictionless validate: every datapackage.json is valid"

# Browser tests drive Debian's Chromium. Installed here when missing and we may (root, apt);
# otherwise the browser tests skip with a loud message (and fail under CI).
CHROMIUM := /usr/bin/chromium
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing Chromium for the browser tests (apt-get)…"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null) \
	      || echo "WARNING: could not install Chromium: browser tests will be skipped"; \
	  else \
	    echo "WARNING: $(CHROMIUM) missing and cannot apt-get install it: browser tests will be skipped"; \
	  fi; \
	fi

test: $(STAMP) browser
	$(BIN)/python -m pytest

bench-extraction: $(STAMP)
	$(BIN)/python benchmarks/extraction.py --details
	$(BIN)/python benchmarks/realworld.py
	$(BIN)/python benchmarks/originals.py

# Repository size at 5,000 disclosures: originals committed vs sources/originals.csv.
bench-repo-size: $(STAMP)
	$(BIN)/python benchmarks/repo_size.py 5000

# Scale benchmark: N synthetic disclosures → full build, +1 incremental build, site and search.
N ?= 100
bench: $(STAMP)
	$(BIN)/python benchmarks/scale.py $(N)

# The same cold build on the process pool and on a two-worker Dask LocalCluster: times, ratio.
bench-cluster: $(STAMP)
	$(BIN)/python benchmarks/cluster.py $(N)

lint: $(STAMP)
	$(BIN)/ruff check scripts tests benchmarks
	$(BIN)/ruff format --check scripts tests benchmarks

format: $(STAMP)
	$(BIN)/ruff format scripts tests benchmarks
	$(BIN)/ruff check --fix scripts tests benchmarks

serve:
	@test -d build/site || { echo "no build/site yet: run make site"; exit 1; }
	@echo "Serving build/site at http://127.0.0.1:8000 (Ctrl-C to stop)"
	$(BIN)/python -m http.server --directory build/site --bind 127.0.0.1 8000

clean:
	rm -rf build .datapackages-spare
