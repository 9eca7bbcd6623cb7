#!/usr/bin/env bash
# Builds the one-folder program with PyInstaller (build.spec -> dist/onewindow/) and checks that
# what was built works without the source tree:
#   1. `onewindow catalog search yyzz` prints 营业执照 items (bundled catalog, migrations and
#      pypinyin data, no Qt);
#   2. `onewindow --demo`, offscreen, reaches its login window within 60 s: the window logs
#      "login window shown" to $ONEWINDOW_HOME/demo/logs/onewindow.log when the dialog is shown;
#   3. `onewindow print test-page --raster` and `onewindow print notice` write a slip and a PDF.
# Run by scripts/test.sh under CI or with --package; on its own after scripts/setup.sh.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

LOGIN_LINE="login window shown"
WAIT_SECONDS=60
PROGRAM=dist/onewindow/onewindow

say() { printf 'package: %s\n' "$*"; }
fail() {
    printf 'package: FAILED - %s\n' "$*" >&2
    exit 1
}

[[ -x .venv/bin/pyinstaller ]] || bash scripts/setup.sh --no-apt

say "building $PROGRAM with PyInstaller"
started=$SECONDS
mkdir -p build
.venv/bin/pyinstaller --noconfirm --log-level WARN build.spec >build/pyinstaller.log 2>&1 || {
    tail -40 build/pyinstaller.log >&2
    fail "pyinstaller failed (whole output in build/pyinstaller.log)"
}
say "built in $((SECONDS - started)) s: $(du -sh dist/onewindow | cut -f1) in dist/onewindow/"

work="$(mktemp -d)"
pid=""
cleanup() {
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# 1. the command line, from the bundle only
search_out="$work/search.txt"
ONEWINDOW_HOME="$work/cli" "$PROGRAM" catalog search yyzz >"$search_out" 2>&1 || {
    cat "$search_out" >&2
    fail "'onewindow catalog search yyzz' exited non-zero"
}
grep -q "营业执照" "$search_out" || {
    cat "$search_out" >&2
    fail "'onewindow catalog search yyzz' printed no 营业执照 item"
}
say "ok: 'onewindow catalog search yyzz' found $(grep -c "营业执照" "$search_out") 营业执照 item(s)"

# 2. the window, offscreen, up to its login dialog
home="$work/counter"
store="$home/demo" # `--demo` keeps its store in a folder of its own under ONEWINDOW_HOME
log="$store/logs/onewindow.log"
out="$work/demo.out"
QT_QPA_PLATFORM=offscreen ONEWINDOW_HOME="$home" timeout $((WAIT_SECONDS + 10)) \
    "$PROGRAM" --demo >"$out" 2>&1 &
pid=$!
started=$SECONDS
until [[ -f "$log" ]] && grep -qF "$LOGIN_LINE" "$log"; do
    if ! kill -0 "$pid" 2>/dev/null; then
        status=0
        wait "$pid" || status=$?
        pid=""
        cat "$out" >&2
        [[ -f "$log" ]] && tail -20 "$log" >&2
        fail "'onewindow --demo' ended (status $status) before showing its login window"
    fi
    if ((SECONDS - started >= WAIT_SECONDS)); then
        cat "$out" >&2
        [[ -f "$log" ]] && tail -20 "$log" >&2
        fail "'onewindow --demo' showed no login window within $WAIT_SECONDS s"
    fi
    sleep 0.2
done
shown_after=$((SECONDS - started))
sleep 1
kill -0 "$pid" 2>/dev/null || {
    cat "$out" >&2
    fail "'onewindow --demo' ended right after showing its login window"
}
if grep -qE " (ERROR|CRITICAL) |Traceback" "$log"; then
    cat "$log" >&2
    fail "'onewindow --demo' logged an error on its way to the login window"
fi
say "ok: 'onewindow --demo' showed its login window after $shown_after s (fresh demo store)"

# 3. printing from the bundle: a raster test page as ESC/POS (python-escpos' profiles, the CJK
#    fonts, Pillow, qrcode) and a notice as PDF (reportlab) for a case of the demo store
kill "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
pid=""
page="$work/test-page.bin"
ONEWINDOW_HOME="$store" "$PROGRAM" print test-page --printer "file:$page" --raster >"$out" 2>&1 || {
    cat "$out" >&2
    fail "'onewindow print test-page' exited non-zero"
}
[[ -s "$page" ]] || fail "'onewindow print test-page' wrote nothing"
case_no="$(ONEWINDOW_HOME="$store" "$PROGRAM" case list --state in_progress |
    grep -oE '[0-9]{6}-[0-9]{2}-[0-9]{3}' | head -1)"
[[ -n "$case_no" ]] || fail "the demo store has no case in progress to print a notice for"
ONEWINDOW_HOME="$store" "$PROGRAM" print notice "$case_no" acceptance -o "$work/notice.pdf" \
    >"$out" 2>&1 || {
    cat "$out" >&2
    fail "'onewindow print notice $case_no acceptance' exited non-zero"
}
pdftotext "$work/notice.pdf" - | grep -q "受理通知书" ||
    fail "the notice PDF for $case_no does not read 受理通知书"
say "ok: a raster test page ($(stat -c %s "$page") bytes) and the acceptance notice of $case_no"
