# `make run` sets up and starts Gazette on the default archive; `make test` sets up and runs the tests.
# Both create .venv and install the project into it (editable) the first time.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test bench bench-gui bench-pages translations clean

$(BIN)/gazette: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(BIN)/gazette
	$(BIN)/python main.py

test: $(BIN)/gazette
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

# Import, search (against SQLite FTS5, 10,000 articles; --n 100000 for the full goal) and export.
bench: $(BIN)/gazette
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/import_pages.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/export.py
	$(BIN)/python bench/alto.py

# The desktop viewer on 100,000 generated articles (built once into /tmp, a few minutes).
bench-gui: $(BIN)/gazette
	$(BIN)/python bench/gui_startup.py

# Opening and zooming 9000 × 13000 scans (JPEG, PNG, TIFF) in the window: time, freezes, memory.
bench-pages: $(BIN)/gazette
	$(BIN)/python bench/page_open.py

# The interface's translations: refresh the .ts sources from the code (new strings come in
# unfinished: translate them in Qt Linguist), then compile the .qm files the app loads. Both
# are kept in git, so the app speaks Chinese without these tools.
translations: $(BIN)/gazette
	$(BIN)/pyside6-lupdate viewer/gui/*.py -ts resources/i18n/gazette_zh_CN.ts -locations none -no-obsolete
	$(BIN)/pyside6-lupdate viewer/gui/*.py -pluralonly -ts resources/i18n/gazette_en.ts -locations none \
		-no-obsolete
	$(BIN)/pyside6-lrelease resources/i18n/gazette_zh_CN.ts resources/i18n/gazette_en.ts

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
