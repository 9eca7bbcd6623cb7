#!/usr/bin/env bash
# THE test command: installs what is missing, checks the types of the whole program (mypy),
# runs the whole suite offscreen, and (under CI or with --package) builds the one-folder
# program and starts it to its login window.
#
#   bash scripts/test.sh                  # setup + every test
#   bash scripts/test.sh --package        # ... then the packaging smoke test too
#   bash scripts/test.sh -k calendar -x   # anything else goes to pytest
#
# Exits non-zero on any failure; a run that collects no test at all is a failure too.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

package=false
[[ "${CI:-}" == "true" ]] && package=true
pytest_args=()
for arg in "$@"; do
    if [[ "$arg" == "--package" ]]; then
        package=true
    else
        pytest_args+=("$arg")
    fi
done

bash scripts/setup.sh

# the types of the whole program (the packages in pyproject's [tool.mypy]); fails before pytest
echo "test: mypy"
if ! .venv/bin/python -m mypy; then
    echo "test: FAILED - mypy found type errors" >&2
    exit 1
fi

# PATH without any virtual environment's bin/ (a folder beside a pyvenv.cfg)
path_without_venvs() {
    local dir kept=() IFS=:
    for dir in $PATH; do
        [[ -f "$dir/../pyvenv.cfg" ]] || kept+=("$dir")
    done
    echo "${kept[*]}"
}

# The tests run as from a plain login shell, whatever venv the caller's shell has activated:
# a test or script that calls a venv's tool by bare name fails here too, not only on a fresh
# machine (they call the tools of the Python running them: next to sys.executable, or -m).
echo "test: pytest (Qt offscreen, no venv on PATH)"
report="$(mktemp -d)"
trap 'rm -rf "$report"' EXIT
status=0
PATH="$(path_without_venvs)" QT_QPA_PLATFORM=offscreen \
    env -u VIRTUAL_ENV .venv/bin/python -m pytest -q --junit-xml="$report/junit.xml" \
    "${pytest_args[@]}" || status=$?
if ((status == 5)); then
    echo "test: FAILED - pytest collected no test" >&2
    exit 5
elif ((status != 0)); then
    echo "test: FAILED - pytest exited with $status" >&2
    exit "$status"
fi

if $package; then
    bash scripts/package_smoke.sh
fi
# the closing line counts pytest's tests, whatever ran after them
.venv/bin/python - "$report/junit.xml" <<'PY'
import os
import sys
import xml.etree.ElementTree as ET

root = ET.parse(sys.argv[1]).getroot()
suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
count = {k: sum(int(s.get(k, 0)) for s in suites) for k in ("tests", "failures", "errors", "skipped")}
failed = count["failures"] + count["errors"]
passed = count["tests"] - failed - count["skipped"]
print(f"test: {passed} passed, {failed} failed, {count['skipped']} skipped")
if count["skipped"] and os.environ.get("CI") == "true":
    # a test that needs a real part (PostgreSQL, pcscd, a display, a font) must not skip in CI
    print("test: FAILED - tests were skipped under CI", file=sys.stderr)
    sys.exit(1)
PY
