# The everyday commands. `make run` and `make test` work on a fresh clone: they build the venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test a11y bench lint format setup demo chromium wrk messages clean

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

## The whole test suite: browser journeys, the role matrix and the axe-core accessibility checks
## included (installs Debian's Chromium and axe-core from npm when missing).
test: $(STAMP) chromium node_modules/.package-lock.json
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## Only the accessibility checks (axe-core in Chromium on the main page of every journey).
a11y: $(STAMP) chromium node_modules/.package-lock.json
	$(BIN)/python -m pytest tests/a11y $(PYTEST_ARGS)

## Benchmarks: each prints its figures against a baseline measured in the same run. The load
## benchmark needs PostgreSQL and Redis (DATABASE_URL, REDIS_URL) and is skipped without them.
bench: $(STAMP) wrk
	$(BIN)/python -m tests.benchmarks.bench_scenario_graph
	@if [ -n "$$DATABASE_URL" ] && [ -n "$$REDIS_URL" ]; then \
	  $(BIN)/python -m tests.benchmarks.bench_load; \
	else echo "bench_load skipped: set DATABASE_URL (PostgreSQL) and REDIS_URL to run it"; fi

# npm rewrites node_modules/.package-lock.json on every install: a reliable timestamp.
node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund --silent

wrk:
	@command -v wrk >/dev/null || { \
	  echo "Installing Debian's wrk for the load benchmark"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

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
	rm -rf $(VENV) var node_modules
