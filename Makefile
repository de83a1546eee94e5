# Two commands for a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
# The Slack emulator (npm emulate@0.12.2 on Node 22) for the end-to-end tests, pinned in infra/.
EMULATOR := .cache/slack-emulator
EMULATOR_STAMP := $(EMULATOR)/.installed

.PHONY: run test lint format bench charts clean lambda-etl

# What the product needs (make run); the tests' and linters' tools come on top (make test).
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $(STAMP)

$(DEV_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(DEV_STAMP)

## Set up, load the demo history on first run, and chat with it on the embedded SQLite store
## (or run the Slack bot when SLACK_BOT_TOKEN is set).
run: $(STAMP)
	$(BIN)/workouts demo --if-empty
	@if [ -n "$$SLACK_BOT_TOKEN" ]; then $(BIN)/workouts serve; else $(BIN)/workouts chat --user demo; fi

$(EMULATOR_STAMP): infra/slack-emulator/package.json
	mkdir -p $(EMULATOR)
	cp infra/slack-emulator/package.json $(EMULATOR)/package.json
	cd $(EMULATOR) && npm install --no-audit --no-fund --loglevel=error
	touch $@

## Set up (with dev dependencies and the Slack emulator) and run the whole test suite.
test: $(DEV_STAMP) $(EMULATOR_STAMP)
	$(BIN)/pytest

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(DEV_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)
	$(BIN)/workouts bench ingest --rows 100000

## Every chart kind on the demo history into out/charts/ (one PNG per kind), and the README's
## three pictures refreshed in docs/charts/.
README_CHARTS := choco_timeline calendar_heatmap trend_chart
charts: $(STAMP)
	$(BIN)/workouts charts --out out/charts
	mkdir -p docs/charts
	for kind in $(README_CHARTS); do cp out/charts/$$kind.png docs/charts/$$kind.png; done

## The ETL Lambda's deployment zip (python3.11, x86_64): etl/ and its dependencies only, without
## the demo data generators (etl/demo/: tests, demos and benchmarks only).
lambda-etl: $(STAMP)
	rm -rf build/lambda-etl build/lambda-etl.zip
	$(BIN)/pip install --quiet --target build/lambda-etl --only-binary=:all: \
		--platform manylinux2014_x86_64 --python-version 3.11 --implementation cp \
		-r infra/lambda/etl-requirements.txt
	cp -r etl build/lambda-etl/etl
	rm -rf build/lambda-etl/etl/demo
	find build/lambda-etl -name '__pycache__' -prune -exec rm -rf {} +
	cd build/lambda-etl && $(abspath $(BIN))/python -m zipfile -c ../lambda-etl.zip .
	@du -sh build/lambda-etl build/lambda-etl.zip

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
