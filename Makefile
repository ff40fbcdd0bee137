# Two commands for a fresh machine (see README):  make lab   and   make test
# Both create .venv with the pinned versions in requirements/constraints.txt.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
LOCK := requirements/constraints.txt
STAMP := $(VENV)/.interview-lab-installed
# JupyterLab refuses to run as root unless told; a normal user needs nothing.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
LAB_ARGS ?=

# make app APP_PORT=9000 (or VOILA_ARGS="--port=9000 --no-browser"; a --port there wins).
APP_PORT ?= 8866
VOILA_ARGS ?=
APP_PORT_ARG := $(if $(or $(findstring --port,$(VOILA_ARGS)),$(findstring .port=,$(VOILA_ARGS))),,--port=$(APP_PORT))

.PHONY: lab app test lint bench lock clean

$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
		--constraint $(LOCK) --editable '.[dev,bench]'
	touch $(STAMP)

## Open the notebooks in JupyterLab on the bundled example data.
lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/compare_offers.ipynb $(ALLOW_ROOT) $(LAB_ARGS)

## Serve the coach's app page (app/coach.ipynb) with Voila on http://localhost:$(APP_PORT).
app: $(STAMP)
	VOILA=$(abspath $(BIN)/voila) scripts/serve-app $(APP_PORT_ARG) $(VOILA_ARGS)

## Lint, format check, type check, unit/property/notebook and real-browser tests.
test: $(STAMP) lint
	scripts/ensure-chromium
	scripts/ensure-axe
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## Print the benchmark ratios (see the README, "Speed").
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_evaluate.py
	$(BIN)/python benchmarks/bench_app.py
	$(BIN)/python benchmarks/bench_plan.py
	$(BIN)/python benchmarks/bench_sensitivity.py
	scripts/ensure-chromium
	$(BIN)/python benchmarks/bench_app_page.py

## Re-pin every dependency from a fresh environment (then run make test).
lock:
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --disable-pip-version-check '.[dev,bench]'
	( echo "# Pinned, tested versions: make lock regenerates this file."; \
	  .venv-lock/bin/python -m pip freeze --exclude-editable | grep -v '^interview-lab' ) > $(LOCK)
	rm -rf .venv-lock

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
