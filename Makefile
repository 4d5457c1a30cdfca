# `make run` sets up and starts Gazette on the default archive; `make test` sets up and runs the tests.
# Both create .venv and install the project into it (editable) the first time.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test bench clean

$(BIN)/gazette: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(BIN)/gazette
	$(BIN)/python main.py

test: $(BIN)/gazette
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bench: $(BIN)/gazette
	$(BIN)/python bench/import_pages.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
