# Two entry points for readers and CI: `make serve` and `make test`.
# `make serve` bootstraps .venv with only what serving needs (requirements-serve.lock);
# `make test` adds the rest of requirements.lock. Re-running either is cheap.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
# uv as requirements.lock pins it, fetched hash-checked by tools/fetch_uv.py (no pip).
UV     := $(VENV)/bootstrap/uv
UV_PIP := $(UV) pip install --quiet --python $(PY)
SERVE_STAMP := $(VENV)/.serve-installed
STAMP  := $(VENV)/.installed

.PHONY: serve test lock build clean bench notebooks tables matrix-lock matrix-record fuzz

$(UV): requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required")'
	$(PYTHON) -m venv --without-pip $(VENV)
	$(PYTHON) tools/fetch_uv.py requirements.lock $(UV)

# Serving: the package's runtime dependencies and the docs build, nothing else.
$(SERVE_STAMP): $(UV) requirements-serve.lock pyproject.toml
	$(UV_PIP) --require-hashes -r requirements-serve.lock
	$(UV_PIP) --no-deps --no-build-isolation -e .
	@touch $(SERVE_STAMP)

# Everything else the tests and maintainer tools use, into the same .venv.
$(STAMP): $(SERVE_STAMP) requirements.lock
	$(UV_PIP) --require-hashes -r requirements.lock
	@touch $(STAMP)

serve: $(SERVE_STAMP)
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
# requirements-serve.lock is the subset `make serve` installs (runtime + docs + build),
# resolved under requirements.lock's pins, so each package has one version in both.
# The uv that compiles them is the one requirements.lock pinned before.
LOCK_ARGS  ?= --upgrade
LOCK_FLAGS := --universal --python-version 3.11 --generate-hashes --quiet
lock: $(STAMP)
	$(UV) pip compile pyproject.toml --all-extras --group build $(LOCK_FLAGS) \
		$(LOCK_ARGS) -o requirements.lock
	$(UV) pip compile pyproject.toml --extra docs --group build $(LOCK_FLAGS) \
		-c requirements.lock -o requirements-serve.lock

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
