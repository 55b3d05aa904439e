# Two entry points for readers and CI: `make serve` and `make test`.
# Both bootstrap .venv from requirements.lock first; re-running is cheap.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: serve test lock build clean bench notebooks tables matrix-lock matrix-record fuzz

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
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
	$(PY) benchmarks/bench.py $(BENCH_ARGS)
	$(PY) benchmarks/isolation.py

build: $(STAMP)
	$(VENV)/bin/mkdocs build --strict

# Re-resolve every dependency to its newest allowed version and pin the result, with the
# hash of every file of each release, for Python 3.11+ on any platform (--universal).
# `make lock LOCK_ARGS=` keeps the current pins and only adds what pyproject.toml gained.
UV_VERSION := 0.13.9
LOCK_ARGS  ?= --upgrade
lock: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(VENV)/bin/uv pip compile pyproject.toml --all-extras --group build --universal \
		--python-version 3.11 --generate-hashes --quiet $(LOCK_ARGS) -o requirements.lock

# SDK matrix (tools/sdk_matrix): re-resolve each SDK major line to its newest release
# (matrix/locks/), and re-measure what each pinned release sends and raises
# (matrix/client-matrix.json), the npm SDKs under Node and the coding agents
# (matrix/clients.json), all rendered into snippets/matrix/.
matrix-lock: $(STAMP)
	$(PY) -m tools.sdk_matrix lock

matrix-record: $(STAMP)
	$(PY) -m tools.sdk_matrix record

clean:
	rm -rf $(VENV) site .pytest_cache
