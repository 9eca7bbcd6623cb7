#!/usr/bin/env bash
# THE run command: installs what is missing, then opens the counter window in demo mode
# (demo catalog, accounts printed below, cases in every state; no server, reader or printer).
#
#   bash scripts/demo.sh            # any further arguments go to `onewindow --demo`
#
# The demo keeps its store in a folder of its own: …/OneWindow/demo in the platform's data
# folder, or $ONEWINDOW_HOME/demo when that is set (never the counter's store itself, and it
# refuses a folder holding real cases); delete the folder to start again from a fresh demo.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh

if [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]]; then
    exec .venv/bin/onewindow --demo "$@"
fi

cat >&2 <<'MSG'
demo: no display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so the window cannot be
      seen. To see it, run this command again from a desktop session on this machine, or
      from another computer over SSH with X forwarding:
          ssh -X USER@THIS-MACHINE 'cd PATH/TO/OneWindow && bash scripts/demo.sh'
demo: starting it anyway on a virtual screen (Xvfb), where it runs unseen: the demo store
      is set up and the accounts are printed below. Press Ctrl+C to stop it.
MSG
exec xvfb-run -a -s "-screen 0 1366x860x24" .venv/bin/onewindow --demo "$@"
