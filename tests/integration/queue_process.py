"""A terminal of the hall's queue in a process of its own, driven line by line: `python -m
tests.integration.queue_process HOME WINDOW` reads commands on stdin and answers each with one
line on stdout, so a test decides what happens between two steps (the central stopped, say)
without waiting on a clock.

    issue QUEUE   → the number given
    call          → "<ticket id> <number>" of the ticket called, or "none"
    sync          → "ok", or "failed" when the central could not be reached
    waiting QUEUE → the numbers waiting, space-separated

WINDOW "K01" is the kiosk (role kiosk); any other a clerk of 市场监管 at that window. The home
must have been configured (`sync_harness.configure_counter`) beforehand.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app.bootstrap import Services, bootstrap
from app.central.errors import CentralError
from app.domain.roles import Actor, Role
from app.paths import Paths

ROOT = Path(__file__).resolve().parents[2]
KIOSK_WINDOW = "K01"


class QueueTerminal:
    """The test's end of one such process."""

    def __init__(self, home: Path, window: str) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-m", __name__, str(home), window],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )

    def send(self, command: str) -> None:
        assert self._process.stdin is not None
        self._process.stdin.write(command + "\n")
        self._process.stdin.flush()

    def answer(self) -> str:
        assert self._process.stdout is not None
        line = self._process.stdout.readline()
        assert line, f"the terminal ended (exit {self._process.poll()})"
        return line.strip()

    def ask(self, command: str) -> str:
        self.send(command)
        return self.answer()

    def close(self) -> None:
        if self._process.stdin is not None:
            self._process.stdin.close()
        self._process.wait(timeout=60)
        if self._process.stdout is not None:
            self._process.stdout.close()


def main(home: Path, window: str) -> int:
    services = bootstrap(Paths(home, home, home / "logs"))
    terminal = services.settings["terminal_name"]
    if window == KIOSK_WINDOW:
        actor = Actor("kiosk01", "自助终端", Role.KIOSK, None, window, terminal)
    else:
        actor = Actor(f"clerk-{window}", "市场监管窗口", Role.CLERK, "SCJG", window, terminal)
    try:
        for line in sys.stdin:
            command, *args = line.split()
            print(_answer(services, actor, command, args), flush=True)
    finally:
        services.close()
    return 0


def _answer(services: Services, actor: Actor, command: str, args: list[str]) -> str:
    queue = services.queue
    if command == "issue":
        return queue.issue(actor, args[0]).ticket.number
    if command == "call":
        called = queue.call_next(actor)
        return f"{called.id} {called.number}" if called else "none"
    if command == "waiting":
        return " ".join(t.number for t in queue.waiting(args[0]))
    if command == "sync":
        try:
            services.sync.sync_once()
        except CentralError:
            return "failed"
        return "ok"
    raise ValueError(command)


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]), sys.argv[2]))
