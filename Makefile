# OS1 — the two commands:  `make chat` (set up, then talk)  and  `make test` (set up, then run every test).
# Everything is installed into .venv; Debian packages the tests need are installed by scripts/system-deps.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: chat setup setup-test test lint typecheck bench clean

chat: setup
	@$(BIN)/os1 chat

setup: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "OS1 needs Python 3.11 or newer: run make with PYTHON=python3.11")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[voice,web]'
	@touch $@

# `make chat` installs OS1 with its voice and web app; only the in-process llama.cpp extra is left out
# (it compiles for minutes): `pip install -e '.[llamacpp]'` adds it.
# The test setup adds the dev tools, every optional extra (llama-cpp-python compiles for a few minutes the
# first time; pip caches the wheel) and the Debian packages the real-part tests use.
setup-test: $(TEST_STAMP)

$(TEST_STAMP): $(STAMP) pyproject.toml scripts/system-deps
	@bash scripts/system-deps
	$(BIN)/python -m pip install --quiet -e '.[dev,all]'
	@touch $@

test: setup-test
	$(BIN)/python -m pytest

lint: setup-test
	$(BIN)/ruff check os1 tests bench scripts
	$(BIN)/mypy

typecheck: setup-test
	$(BIN)/mypy

bench: setup-test
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
