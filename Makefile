# The everyday commands. `make run` and `make test` work on a fresh clone: they build the venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test bench lint format setup demo chromium messages clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)

## Serve the academy with demo content on the embedded default (SQLite, eager tasks).
run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## The whole test suite, browser journeys included (installs Debian's Chromium when missing).
test: $(STAMP) chromium
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## Benchmarks: each prints its timing against a baseline measured in the same run.
bench: $(STAMP)
	$(BIN)/python -m tests.benchmarks.bench_scenario_graph

chromium:
	@test -x /usr/bin/chromium || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Refresh the fi, sv and uk catalogues after changing user-facing strings.
messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l fi -l sv -l uk --ignore=.venv --ignore=var
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var
