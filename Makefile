# Two commands do all set-up on a fresh machine (Python 3.11 + pip):
#   make site   — create .venv, install pinned dependencies, build the site into build/site
#   make test   — the same set-up if needed, then the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup site build validate test lint format serve clean bench-extraction browser bench

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

# Scale benchmark: N synthetic disclosures → full build, +1 incremental build, site and search.
N ?= 100
bench: $(STAMP)
	$(BIN)/python benchmarks/scale.py $(N)

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
	rm -rf build
