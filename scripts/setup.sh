#!/usr/bin/env bash
# Set up Gazette from a fresh clone: `scripts/setup.sh run` (the window) or `scripts/setup.sh test`
# (the tests, offscreen). Checks Python (3.11+, with venv), creates .venv and installs the project
# into it (editable), then checks the system libraries Qt needs (ldd on its platform plugin) and a
# CJK font (fc-list :lang=zh). What is missing is installed with apt-get on Debian/Ubuntu (through
# sudo when not root); elsewhere the exact packages are printed and setup stops.
# Called by `make run` and `make test`; safe to run again (it redoes only what is missing).
set -euo pipefail
cd "$(dirname "$0")/.."

purpose=${1:-run}
PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}
PACKAGE_LIST=packaging/debian-packages
case "$purpose" in
    run) groups="python qt-offscreen qt-xcb cjk-font ocr"; plugin=libqxcb.so; extra="" ;;
    test) groups="python qt-offscreen qt-xcb cjk-font other-font ocr x11-test browser-test"; plugin=libqoffscreen.so; extra="[test]" ;;
    *) echo "usage: $0 run|test" >&2; exit 2 ;;
esac

say() { echo "setup: $*" >&2; }
fail() { say "$*"; exit 1; }

packages_of() {  # the packages of the named groups, from the one list
    local group
    for group in "$@"; do
        sed -n "s/^$group:[[:space:]]*//p" "$PACKAGE_LIST"
    done | tr -s ' \n' '\n\n' | sed '/^$/d' | sort -u | tr '\n' ' '
}

is_debian() { command -v apt-get >/dev/null && command -v dpkg-query >/dev/null; }

not_installed() {  # those of the given Debian packages dpkg does not have installed
    local package
    for package in "$@"; do
        dpkg-query -W -f='${db:Status-Status}\n' "$package" 2>/dev/null | grep -qx installed || echo "$package"
    done
}

apt_install() {
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || fail "installing $* needs root: run as root, or install sudo"
        sudo="sudo"
    fi
    say "installing with ${sudo:+sudo }apt-get: $*"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# 1. On Debian/Ubuntu, install whatever of the list is missing (dpkg knows; nothing is guessed).
if is_debian; then
    # shellcheck disable=SC2046
    missing=$(not_installed $(packages_of $groups) | tr '\n' ' ')
    [ -z "$missing" ] || apt_install $missing
fi

# 2. Python 3.11+ with venv, and the project in .venv.
command -v "$PYTHON" >/dev/null || fail "no $PYTHON: install Python 3.11 or newer (Debian/Ubuntu: apt-get install python3 python3-venv)"
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || fail "Gazette needs Python 3.11 or newer; $PYTHON is $("$PYTHON" -c 'import platform; print(platform.python_version())'). Install a newer one and run: make PYTHON=python3.11 $purpose"
"$PYTHON" -c 'import ensurepip, venv' 2>/dev/null \
    || fail "$PYTHON has no venv module: install it (Debian/Ubuntu: apt-get install python3-venv)"
if [ ! -x "$VENV/bin/python" ]; then
    say "creating $VENV"
    "$PYTHON" -m venv "$VENV"
fi
stamp="$VENV/.installed$extra"
if [ ! -e "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ setup.py -nt "$stamp" ]; then
    say "installing Gazette${extra:+ and its test tools} into $VENV"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -e ".$extra"
    touch "$stamp"
fi

# 3. Check what Qt and the text need, as the installed Qt sees it.
[ "$(uname -s)" = Linux ] || exit 0  # macOS and Windows: the Qt wheels carry their libraries
platforms=$("$VENV/bin/python" -c 'import pathlib, PySide6; print(pathlib.Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms")')
problems=""
unresolved=$(ldd "$platforms/$plugin" 2>&1 | awk '/not found/ {print $1}' | sort -u | paste -sd ' ' -)
[ -z "$unresolved" ] || problems="Qt's ${plugin%.so} platform plugin cannot load: missing $unresolved. "
if ! command -v fc-list >/dev/null || [ -z "$(fc-list :lang=zh family 2>/dev/null)" ]; then
    problems+="No font for Chinese is installed (fc-list :lang=zh finds none). "
fi
if ! command -v tesseract >/dev/null; then  # RapidOCR, the default engine, is a Python package
    say "Tesseract is not installed: OCR works with RapidOCR only (for Tesseract too: $(packages_of ocr))"
fi
if [ -n "$problems" ]; then
    say "$problems"
    say "Gazette needs these Debian/Ubuntu packages (or your system's equivalents): $(packages_of $groups)"
    if is_debian; then
        fail "they are installed, yet something is missing: please report this with the lines above"
    fi
    fail "install the equivalents with your system's package manager, then run: make $purpose"
fi
