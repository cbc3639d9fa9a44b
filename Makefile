# Two commands for a fresh clone: `make demo` (code the sample articles) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install demo test lint browser bench bench-analysis bench-serve

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[test]"
	touch $@

demo: install
	$(BIN)/dyads code samples/articles --db samples.duckdb
	$(BIN)/dyads events --db samples.duckdb --actor PRK

lint: install
	$(BIN)/ruff check src tests bench tools

# The page tests (tests/test_serve_pages.py) drive Debian's chromium with Playwright; install it
# when missing (needs root and the Debian archive, as on CI). Playwright's own browser
# download is never used.
CHROMIUM ?= /usr/bin/chromium

browser:
	@test -x $(CHROMIUM) || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq chromium >/dev/null; }
	@test -x $(CHROMIUM) || { echo "error: $(CHROMIUM) missing (apt-get install chromium)"; exit 1; }

test: lint browser
	$(BIN)/pytest -q

bench: install
	$(BIN)/python bench/throughput.py

bench-analysis: install
	$(BIN)/python bench/analysis.py

bench-serve: install
	$(BIN)/python bench/serve_load.py
