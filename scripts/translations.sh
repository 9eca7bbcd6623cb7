#!/bin/sh
# Collect every text to translate into resources/translations/onewindow_en.ts, keeping the
# translations already there, then compile the .qm the program loads. Texts are the window's
# tr() / QT_TRANSLATE_NOOP calls and the domain's and services' msg() templates (an alias of
# QT_TR_NOOP for lupdate: their context is ""). Fill in what lupdate marks unfinished
# (pyside6-linguist, or by hand), then run this again.
set -eu
cd "$(dirname "$0")/.."
ts=resources/translations/onewindow_en.ts
.venv/bin/pyside6-lupdate -tr-function-alias QT_TR_NOOP+=msg -locations relative -no-obsolete \
    $(git ls-files 'ui/*.py' 'app/*.py' 'printing/*.py') -ts "$ts"
.venv/bin/pyside6-lrelease "$ts" -qm resources/translations/onewindow_en.qm
