# servicehall — `make run` starts the kiosk on the embedded SQLite store; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test lint bench screens clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -U pip

# `make run` needs only the application; `make test` adds the test tools (pytest, playwright …)
$(RUN_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q --disable-pip-version-check -e .
	@touch $@

$(TEST_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test]'
	@touch $@ $(RUN_STAMP)

run: $(RUN_STAMP)
	$(PY) run_kiosk.py --ignore-hours --preview

# Bytecode is written even where PYTHONDONTWRITEBYTECODE is set: every test process and every
# command a test starts imports servicehall, and each test process rewrites the test modules'
# asserts; without a cache each of them compiles it all again (bench/README.md, "The test
# suite"). -n auto: three test processes per core (tests/conftest.py).
test: $(TEST_STAMP)
	PYTHONDONTWRITEBYTECODE= $(PY) -m pytest -q -n auto

# ruff; mypy (pyproject [tool.mypy]); the import contracts (pyproject [tool.importlinter])
lint: $(TEST_STAMP)
	$(VENV)/bin/ruff check servicehall tests bench tools run_kiosk.py
	$(VENV)/bin/ruff format --check servicehall tests bench tools run_kiosk.py
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache

bench: $(TEST_STAMP)
	for f in bench/bench_*.py; do $(PY) $$f || exit 1; done

# every screen at every grid, in a real xterm under Xvfb, into docs/screens/ (several minutes)
screens: $(RUN_STAMP)
	$(PY) tools/gallery.py docs/screens

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .import_linter_cache *.egg-info
