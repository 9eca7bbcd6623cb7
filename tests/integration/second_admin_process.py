"""The second administrator's (the second chief's) counter in a process of its own, for the
convergence tests: `python -m tests.integration.second_admin_process HOME STEP ARGS...`
does one step and prints what it sees as JSON:

- `staff USERNAME PASSWORD WHO NAME WINDOW [sync]`: USERNAME signs in and changes WHO's
  name and window on the version this counter holds (then syncs, if asked);
- `decide CHIEF REQUEST NOTE`: CHIEF (of SCJG) refuses the leave request REQUEST;
- `sync USERNAME`: a round of sync;

each then prints the round's refusals (if it synced), WHO / the requests as this counter
shows them, and the refused changes USERNAME may read (with the values typed).

The home must have been configured (`sync_harness.configure_counter`) beforehand.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any
from uuid import UUID

from app.bootstrap import Services, bootstrap
from app.domain.roles import Actor, Role
from app.domain.staff_events import Profile
from app.paths import Paths

ROOT = Path(__file__).resolve().parents[2]


def second_admin(home: Path, *args: str) -> dict[str, Any]:
    """Run one step in a process of its own; what it printed."""
    done = subprocess.run(
        [sys.executable, "-m", __name__, str(home), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen: dict[str, Any] = json.loads(done.stdout)
    return seen


def chief(services: Services, username: str) -> Actor:
    terminal = services.settings["terminal_name"]
    return Actor(username, "首席代表", Role.CHIEF_REPRESENTATIVE, "SCJG", "A01", terminal)


def main(home: Path, step: str, args: list[str]) -> dict[str, Any]:
    services = bootstrap(Paths(home, home, home / "logs"))
    refused: list[str] = []
    try:
        if step == "staff":
            username, password, who, name, window, *then = args
            actor = services.auth.login(username, password)
            version = services.staff.member(actor, who).version
            profile = Profile(name, Role.CLERK, "SCJG", (window,))
            services.staff.change(actor, who, version, profile)
            if then:
                refused = [str(r) for r in services.sync.sync_once().refused]
        elif step == "decide":
            username, request, note = args
            actor = chief(services, username)
            services.leave.refuse(actor, UUID(request), note)
        else:
            (username,) = args
            refused = [str(r) for r in services.sync.sync_once().refused]
        return _seen(services, username, refused)
    finally:
        services.close()


def _seen(services: Services, username: str, refused: list[str]) -> dict[str, Any]:
    staff = {
        m.username: [m.display_name, list(m.windows), m.version] for m in services.auth.staff()
    }
    as_chief = chief(services, username)
    requests = {
        str(r.id): [r.status.value, r.decided_by, r.version]
        for r in services.leave.requests(as_chief)
    }
    reader = Actor(username, "", Role.CLERK, "SCJG", "", services.settings["terminal_name"])
    changes = [
        {"subject": c.refusal.subject, "what": c.what, "values": dict(c.values)}
        for c in services.sync.refusals.changes(reader)
    ]
    return {"refused": refused, "staff": staff, "requests": requests, "changes": changes}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), sys.argv[2], sys.argv[3:]), ensure_ascii=False))
