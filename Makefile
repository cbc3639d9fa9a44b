# Two commands for a fresh clone: `make demo` (code the sample articles) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install demo test lint system-deps bench bench-analysis bench-serve bench-scale bench-load

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

# The page tests (tests/test_serve_pages.py) drive Debian's chromium with Playwright (never
# Playwright's own browser download), and the store tests start their own PostgreSQL server
# (tests/pgserver.py): install both Debian packages when missing (needs root and the Debian
# archive, as on CI).
CHROMIUM ?= /usr/bin/chromium

system-deps:
	@missing=""; test -x $(CHROMIUM) || missing="chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null \
		|| missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq $$missing >/dev/null; fi
	@test -x $(CHROMIUM) || { echo "error: $(CHROMIUM) missing (apt-get install chromium)"; exit 1; }

test: lint system-deps
	$(BIN)/pytest -q

bench: install
	$(BIN)/python bench/throughput.py

bench-analysis: install
	$(BIN)/python bench/analysis.py

bench-serve: install
	$(BIN)/python bench/serve_load.py

bench-scale: install
	$(BIN)/python bench/scale.py --workers 2 --profile

bench-load: install
	$(BIN)/python bench/load.py
