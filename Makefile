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

VOILA_ARGS ?=

.PHONY: lab app test lint bench lock clean

$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
		--constraint $(LOCK) --editable '.[dev,bench]'
	touch $(STAMP)

## Open the notebooks in JupyterLab on the bundled example data.
lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/compare_offers.ipynb $(ALLOW_ROOT) $(LAB_ARGS)

## Serve the comparison notebook as an app (code hidden) on http://localhost:8866.
app: $(STAMP)
	$(BIN)/voila notebooks/compare_offers.ipynb --port=8866 $(VOILA_ARGS)

## Lint, format check, type check, unit/property/notebook and real-browser tests.
test: $(STAMP) lint
	scripts/ensure-chromium
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
