# Two commands for a fresh clone: `make demo` (code the sample articles) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install demo test lint bench bench-analysis bench-scale bench-load

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

test: lint
	$(BIN)/pytest -q

bench: install
	$(BIN)/python bench/throughput.py

bench-analysis: install
	$(BIN)/python bench/analysis.py

bench-scale: install
	$(BIN)/python bench/scale.py --workers 2 --profile

bench-load: install
	$(BIN)/python bench/load.py
