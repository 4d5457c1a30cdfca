# `make run` sets up and starts Gazette on the default archive; `make test` sets up and tests it:
# it lints (ruff), type-checks the core (mypy) and runs the tests.
# Both run scripts/setup.sh: it creates .venv, installs the project into it (editable) and the
# system libraries Qt needs (apt-get on Debian/Ubuntu; elsewhere it names them and stops).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SETUP := PYTHON=$(PYTHON) VENV=$(VENV) scripts/setup.sh

.PHONY: run test test-other-font bench bench-gui bench-pages bundle bundle-test translations clean

run:
	$(SETUP) run
	$(BIN)/python main.py

test:
	$(SETUP) test
	$(BIN)/ruff check .
	$(BIN)/mypy viewer --exclude viewer/gui
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

# The tests once more with WenQuanYi Micro Hei as the only font fontconfig finds (no Noto CJK):
# nothing in them may depend on one font's shapes or metrics.
ONLY_WQY := build/only-wqy
test-other-font:
	$(SETUP) test
	mkdir -p $(ONLY_WQY)
	printf '<?xml version="1.0"?>\n<fontconfig><dir>/usr/share/fonts/truetype/wqy</dir><cachedir>%s</cachedir></fontconfig>\n' \
		"$(CURDIR)/$(ONLY_WQY)/cache" > $(ONLY_WQY)/fonts.conf
	FONTCONFIG_FILE=$(CURDIR)/$(ONLY_WQY)/fonts.conf QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

$(BIN)/gazette: pyproject.toml setup.py
	$(SETUP) run
	touch $@

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

# A one-folder app that needs no Python (dist/gazette/gazette), built with PyInstaller from
# packaging/gazette.spec; a few minutes. The same command builds it on Windows (see README).
bundle: $(BIN)/gazette
	$(BIN)/python -m pip install --quiet -e '.[bundle]'
	$(BIN)/pyinstaller --noconfirm --distpath dist --workpath build/pyinstaller packaging/gazette.spec

# The bundle on its own: sample, search, export, and its window under Xvfb (screenshot: dist/bundle.png).
bundle-test: bundle
	$(SETUP) test
	GAZETTE_BUNDLE=$(CURDIR)/dist/gazette/gazette GAZETTE_BUNDLE_SHOT=$(CURDIR)/dist/bundle.png \
		$(BIN)/python -m pytest -q tests/test_bundle.py

# The interface's translations: refresh the .ts sources from the code (new strings come in
# unfinished: translate them in Qt Linguist), then compile the .qm files the app loads. Both
# are kept in git, so the app speaks Chinese without these tools.
translations: $(BIN)/gazette
	$(BIN)/pyside6-lupdate viewer/gui/*.py -ts resources/i18n/gazette_zh_CN.ts -locations none -no-obsolete
	$(BIN)/pyside6-lupdate viewer/gui/*.py -pluralonly -ts resources/i18n/gazette_en.ts -locations none \
		-no-obsolete
	$(BIN)/pyside6-lrelease resources/i18n/gazette_zh_CN.ts resources/i18n/gazette_en.ts

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .hypothesis viewer/_data
