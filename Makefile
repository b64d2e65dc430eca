# hostfit — two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
SOURCES ?= ../shared/sources
PORT   ?= 8501

.PHONY: run test bench data check venv clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)  ## set up and serve the app on the embedded data
	$(VENV)/bin/hostfit app --port $(PORT)

test: $(STAMP)  ## full test suite
	$(PY) -m pytest -q

bench: $(STAMP)  ## benchmarks (not part of `make test`); JSON under tests/benchmarks/results/
	$(PY) -m tests.benchmarks.run

data: $(STAMP)  ## rebuild curated tables from the raw sources
	$(VENV)/bin/hostfit data build --sources $(SOURCES)

check: $(STAMP)
	$(VENV)/bin/hostfit data check

clean:
	rm -rf $(VENV) .pytest_cache
