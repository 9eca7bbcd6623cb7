#!/usr/bin/env bash
# Installs what OneWindow needs on a Debian machine with Python and apt, and nothing twice:
#   - Debian packages: the virtual screen, Chinese fonts, the libraries Qt's xcb platform loads,
#     PDF tools, and the PC/SC stack used by the ID-card reader (later issues);
#   - the virtual environment .venv with the project installed editable, with its test extras.
# Run it as often as you like; a second run changes nothing and says so.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

APT_PACKAGES=(
    # screens: a virtual X server for screenshots and for a machine without a display
    xvfb xauth
    # the interface is Chinese; the PDF slips are checked with pdftoppm
    fonts-wqy-microhei poppler-utils
    # rare characters of names (CJK extensions A and B) on raster slips and PDF notices
    fonts-hanazono
    # what Qt (PySide6 wheels) loads at run time
    libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
    libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
    libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 libxcb-xfixes0
    # ID-card readers: the PC/SC daemon, a virtual reader, and what pyscard builds against
    pcscd vsmartcard-vpcd libpcsclite-dev swig
)
PYTHON="${PYTHON:-python3}"
VENV=.venv
STAMP="$VENV/.onewindow-installed"

say() { printf 'setup: %s\n' "$*"; }

installed() {
    [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

install_apt_packages() {
    local missing=() package
    for package in "${APT_PACKAGES[@]}"; do
        installed "$package" || missing+=("$package")
    done
    # venv needs ensurepip, which Debian ships apart in python3-venv
    if ! "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null && ! installed python3-venv; then
        missing+=(python3-venv)
    fi
    if ((${#missing[@]} == 0)); then
        say "Debian packages: all ${#APT_PACKAGES[@]} present"
        return
    fi
    local sudo=()
    if ((EUID != 0)); then
        command -v sudo >/dev/null || {
            say "missing Debian packages (${missing[*]}) and neither root nor sudo to install them" >&2
            exit 1
        }
        sudo=(sudo)
    fi
    say "installing Debian packages: ${missing[*]}"
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    say "installed ${#missing[@]} Debian package(s)"
}

install_venv() {
    if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
        say "$PYTHON is $("$PYTHON" --version 2>&1); OneWindow needs Python 3.11 or newer" >&2
        exit 1
    fi
    if [[ ! -x "$VENV/bin/python" ]]; then
        say "creating $VENV with $("$PYTHON" --version 2>&1)"
        "$PYTHON" -m venv "$VENV"
        rm -f "$STAMP"
    fi
    # reinstall only when the declared dependencies change (the install is editable, so code
    # changes need none)
    local want
    want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
    if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$want" && -x "$VENV/bin/onewindow" ]]; then
        say "Python packages: up to date in $VENV"
        return
    fi
    say "installing OneWindow and its test tools into $VENV (pip, quiet)"
    PIP_DISABLE_PIP_VERSION_CHECK=1 "$VENV/bin/python" -m pip install -q -e '.[test]'
    echo "$want" >"$STAMP"
    say "Python packages installed"
}

case "${1:-}" in
    --no-apt) ;;
    "") install_apt_packages ;;
    *)
        echo "usage: scripts/setup.sh [--no-apt]" >&2
        exit 2
        ;;
esac
install_venv
