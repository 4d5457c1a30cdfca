#!/usr/bin/env bash
# A walk through the window as a new user takes it, under Xvfb, with a screenshot at each step:
# first start → the sample → a search → the hit opened → Select All and the export dialog →
# View → Language → English → Help → Search Syntax → a tag (the name asked first) → back to
# Chinese with the Edit menu open (its Undo names the tag in Chinese); then OUT/readme.png, the
# window searching the sample for 交城, as the README shows it.
#
#   bench/gui_walk.sh [OUT]        screenshots OUT/NN-step.png (default /tmp/gazette-walk)
#
# Needs: apt-get install -y xvfb xdotool imagemagick, and a CJK font (fonts-noto-cjk). Not
# run in CI: look at the screenshots (boxes instead of Chinese characters are a bug). Fails
# when the app prints a traceback. It clicks at fixed places of a fresh 1400×900 window at the
# screen's corner (no window manager under Xvfb): after a layout change, look at the
# screenshots and move the coordinates below.
set -euo pipefail

OUT=$(realpath -m "${1:-/tmp/gazette-walk}")
HERE=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-python3}

if [ -z "${GAZETTE_WALK_INSIDE:-}" ]; then
    mkdir -p "$OUT"
    rm -f "$OUT"/*.png
    GAZETTE_WALK_INSIDE=1 exec xvfb-run -a -s "-screen 0 1600x1000x24" "$0" "$OUT"
fi

WORK=$(mktemp -d)
trap 'kill "$APP" 2>/dev/null || true; rm -rf "$WORK"' EXIT
export XDG_CONFIG_HOME="$WORK/config"  # a first start: no settings, no recent archives
export LANG=C.UTF-8  # no language asked for: the window starts in Chinese
cd "$HERE"
"$PYTHON" main.py --archive "$WORK/archive" >"$OUT/app.log" 2>&1 &
APP=$!

step=0
shot() {  # shot NAME: a screenshot of the whole screen
    step=$((step + 1))
    sleep "${2:-1.5}"
    import -window root "$(printf '%s/%02d-%s.png' "$OUT" "$step" "$1")"
}
click() { xdotool mousemove "$1" "$2" click 1; }
menu_language() {  # menu_language VIEW_X ITEM_Y: View → Language → the item at ITEM_Y
    click "$1" 11; sleep 0.5
    xdotool mousemove 160 189; sleep 0.8
    xdotool mousemove 400 189 mousemove 410 "$2"; sleep 0.3
    xdotool click 1
}

WINDOW=$(xdotool search --sync --name "$WORK/archive" | head -1)
xdotool windowfocus "$WINDOW"
shot first-start 3
click 639 438                                   # Load the sample page
shot sample 4
xdotool key --window "$WINDOW" ctrl+f
xdotool type --delay 150 "改革攻坚"
shot search
xdotool key --window "$WINDOW" Return           # the first hit, opened at its hits
shot hit-opened
click 160 300                                   # the result, then Select All and Export
xdotool key ctrl+a ctrl+e
shot export-dialog
xdotool key Escape
menu_language 135 240                           # 视图 → 语言 → English
shot english
xdotool key F1                                  # Help → Search Syntax
shot search-syntax
click 998 705                                   # Close
click 1152 677                                  # the tag field
xdotool type --delay 150 "专题"
xdotool key Return
shot name-asked                                 # the first annotation asks who makes it
xdotool type --delay 150 "王"
xdotool key Return
shot tagged
menu_language 94 215                            # View → Language → 中文
sleep 1
click 78 11                                     # 编辑: 撤销加标签“专题”
shot chinese-edit-menu
xdotool key Escape
xdotool key --window "$WINDOW" ctrl+f           # the README's picture: 交城, its first hit opened
xdotool type --delay 150 "交城"
sleep 1.5
xdotool key --window "$WINDOW" Return
sleep 1.5
import -window "$WINDOW" "$OUT/readme.png"      # the window alone (make it docs/screenshot.png)
xdotool key --window "$WINDOW" ctrl+q 2>/dev/null || true  # the window may go before xdotool is done with it
for _ in $(seq 50); do kill -0 "$APP" 2>/dev/null || break; sleep 0.1; done

if grep -q Traceback "$OUT/app.log"; then
    echo "gui_walk: the app printed a traceback (see $OUT/app.log)" >&2
    exit 1
fi
echo "gui_walk: $step screenshots in $OUT"
