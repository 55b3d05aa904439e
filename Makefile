# Two entry points for readers and CI: `make serve` and `make test`.
# Both bootstrap .venv from requirements.lock first; re-running is cheap.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: serve test lock build clean bench notebooks tables fuzz

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

serve: $(STAMP)
	$(PY) -m tools.docs_server $(SERVE_ARGS)

test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

# Regenerate the docs tables (snippets/tables/) from src/ezrouter_mock/profile/profile.yaml.
tables: $(STAMP)
	$(PY) -m tools.tables

# Re-run the docs' notebooks (snippets/notebooks/*.py) on the mock and store the outputs.
notebooks: $(STAMP)
	$(PY) -m tools.notebooks

# A long fuzz campaign against a fresh mock; prints cases, statuses and failures.
fuzz: $(STAMP)
	$(PY) -m tools.fuzz $(FUZZ_ARGS)

bench: $(STAMP)
	$(PY) benchmarks/bench_mock.py $(BENCH_ARGS)

build: $(STAMP)
	$(VENV)/bin/mkdocs build --strict

# Re-resolve every dependency to its newest allowed version and pin the result.
lock: $(STAMP)
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --all-extras --python-version 3.11 --upgrade -o requirements.lock

clean:
	rm -rf $(VENV) site .pytest_cache
