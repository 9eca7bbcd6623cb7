"""A lost store is noticed and restored (issue 14 §3), on real SQLite files and a real central.

A store that is not SQLite, cut short, damaged or in a folder the program may not write gives
one message (what, where, what to do), never a traceback. A store emptied or replaced by an
older copy is noticed at the next sync, hands out no case number until `onewindow restore`
has brought the terminal's own events back from the central, and then numbers on after them.
A rotating backup can be brought back with `restore --from` and caught up from the central.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from app.bootstrap import bootstrap
from app.domain.messages import MessageError
from app.paths import Paths
from app.services.errors import RestoreNeeded
from app.services.time_source import FixedClock
from app.settings import Settings
from app.storage.store_health import StoreError
from app.sync.central_link import CentralLink
from tests.integration.central_harness import (  # noqa: F401
    CentralDatabase,
    central,
    central_server,
)
from tests.integration.cli_runner import ROOT, Run, run_all
from tests.integration.sync_harness import NOW, SyncedCounter, make_counter

WHAT_TO_DO = "onewindow restore"


def one_message(run: Run, words: str) -> None:
    """Refused with exit status 1 and one line on stderr that holds `words`, no traceback."""
    assert run.code == 1, run
    assert "Traceback" not in run.err
    [line] = run.err.splitlines()
    assert line.startswith("错误：") and words in line, line


@pytest.fixture
def demo_home(tmp_path: Path) -> Path:
    """A store with 200 demo cases, its WAL folded into the file."""
    [made] = run_all(tmp_path, ["demo-data", "--cases", "200"])
    assert made.code == 0, made.err
    with closing(sqlite3.connect(tmp_path / "onewindow.sqlite3")) as store:
        store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return tmp_path


# ---- a store that cannot be used ---------------------------------------------------------


def test_a_file_that_is_not_sqlite_is_named_with_what_to_do(demo_home: Path) -> None:
    store = demo_home / "onewindow.sqlite3"
    store.write_text("这不是数据库\n" * 100, encoding="utf-8")
    for run in run_all(demo_home, ["case", "list"], ["verify"], ["sync", "--once"]):
        one_message(run, f"{store} 不是 SQLite 数据库")
        assert WHAT_TO_DO in run.err
    with pytest.raises(StoreError, match="不是 SQLite 数据库"):  # the window's start
        bootstrap(Paths(demo_home, demo_home, demo_home / "logs"))
    assert issubclass(StoreError, MessageError)  # shown in the window's start message box


def test_a_store_cut_short_says_how_much_is_missing(demo_home: Path) -> None:
    store = demo_home / "onewindow.sqlite3"
    size = store.stat().st_size
    with store.open("r+b") as file:
        file.truncate(size // 3)
    for run in run_all(demo_home, ["case", "list"], ["verify"]):
        one_message(run, f"{store} 不完整：应有 {size} 字节，实有 {size // 3} 字节")
        assert WHAT_TO_DO in run.err


def test_a_damaged_page_is_told_by_the_command_that_meets_it_and_by_verify(
    demo_home: Path,
) -> None:
    store = demo_home / "onewindow.sqlite3"
    with closing(sqlite3.connect(store)) as connection:
        [(root, page_size)] = connection.execute(
            "SELECT rootpage, (SELECT page_size FROM pragma_page_size)"
            " FROM sqlite_master WHERE name = 'case_summaries'"
        ).fetchall()
    with store.open("r+b") as file:  # the case list's table: its first page overwritten
        file.seek((root - 1) * page_size)
        file.write(b"\xff" * 64)
    listing, verify = run_all(demo_home, ["case", "list"], ["verify"])
    one_message(listing, f"{store} 已损坏")
    one_message(verify, f"{store} 已损坏")
    assert WHAT_TO_DO in verify.err


def test_verify_checks_the_pages_as_well_as_the_chains(demo_home: Path) -> None:
    [verify] = run_all(demo_home, ["verify"])
    assert verify.code == 0, verify.err
    assert verify.out.splitlines()[:2] == [
        "数据库文件完整（PRAGMA integrity_check）",
        "全部办件的记录、摘要与编号完整，只追加保护在位",
    ]


def test_a_folder_the_program_may_not_write_is_named(demo_home: Path) -> None:
    """Run without the power to override file modes (which root has, and a clerk has not)."""
    for path in [*demo_home.rglob("*"), demo_home]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    env = {**os.environ, "ONEWINDOW_HOME": str(demo_home), "PYTHONPATH": str(ROOT)}
    no_override = "-dac_override,-dac_read_search"
    try:
        for command in (["case", "list"], ["verify"]):
            done = subprocess.run(
                ["setpriv", "--bounding-set", no_override, "--inh-caps", no_override]
                + [sys.executable, "-m", "app", *command],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
            )
            one_message(
                Run(tuple(command), done.returncode, done.stdout, done.stderr),
                f"无法写入数据文件夹 {demo_home}",
            )
    finally:
        for path in [demo_home, *demo_home.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)


# ---- a store behind the central ------------------------------------------------------------


@pytest.fixture
def counter(tmp_path: Path, central: CentralDatabase) -> Iterator[SyncedCounter]:  # noqa: F811
    central.add_center("C1")
    made = make_counter(tmp_path / "counter1", central, "C1", 1)
    yield made
    made.close()


def reopened(counter: SyncedCounter) -> SyncedCounter:
    """The same counter after its store was changed under it (a new process)."""
    counter.services.close()
    paths = counter.services.paths
    return replace(counter, services=bootstrap(paths, clock=FixedClock(NOW)))


def empty_the_store(counter: SyncedCounter) -> SyncedCounter:
    counter.services.close()
    store = counter.services.paths.database
    store.write_bytes(b"")
    for suffix in ("-wal", "-shm"):
        Path(f"{store}{suffix}").unlink(missing_ok=True)
    return reopened(counter)


def numbers(counter: SyncedCounter) -> set[str]:
    return {e.summary.case_no for e in counter.services.cases.list_cases(counter.supervisor)}


def test_an_emptied_store_refuses_new_numbers_until_restored_in_chunks(
    counter: SyncedCounter,
) -> None:
    held = {counter.receive() for _ in range(5)}
    counter.services.sync.sync_once()
    counter = empty_the_store(counter)
    try:
        assert numbers(counter) == set()
        assert len(counter.services.sync.differences()) == 10  # verify --central sees them
        counter.services.sync.sync_once()  # the sync notices: the central holds more
        status = counter.services.sync.status()
        assert status.problem is not None and WHAT_TO_DO in str(status.problem)
        with pytest.raises(RestoreNeeded, match="本机数据库被清空或换成了旧的副本"):
            counter.receive()

        restored = counter.services.restore.from_central(chunk_cases=2)  # three chunks
        assert (restored.cases, restored.held_back, restored.missing) == (5, 0, None)
        assert numbers(counter) == held
        assert counter.services.cases.verify() == []
        assert counter.services.sync.differences() == []
        assert counter.services.sync.status().problem is None
        new = counter.receive()
        assert new not in held and new.endswith("-006")  # numbered on after the restored
    finally:
        counter.close()


def test_restored_events_are_not_sent_back_unless_a_new_one_waits_among_them(
    counter: SyncedCounter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The central holds what a restore brings back: it counts as pushed in the chunk's own
    transaction. An event written meanwhile (the window, during a restore) waits among them:
    from that chunk on, all that follows the mark goes up at the end, as duplicates."""
    cases = [counter.receive(None) for _ in range(6)]  # received, to be accepted later
    counter.services.sync.sync_once()
    counter = empty_the_store(counter)
    sent: list[int] = []
    push = CentralLink.push
    monkeypatch.setattr(
        CentralLink,
        "push",
        lambda link, rows, terminal: sent.append(len(rows)) or push(link, rows, terminal),
    )
    take_in = counter.services.sync.take_in
    chunks: list[int] = []

    def accept_then_take_in(rows: list[dict[str, object]], *args: Any, **named: Any) -> Any:
        if named.get("also") is not None:  # a chunk of the restore (not of its syncs)
            chunks.append(len(rows))
            if len(chunks) == 2:  # the first chunk is stored: a clerk accepts one of its cases
                restored = numbers(counter)
                counter.services.cases.accept(counter.clerk, sorted(restored)[0])
        return take_in(rows, *args, **named)

    # the restore reads the next chunk while it stores one: the clerk acts between the two
    # chunks' transactions, where the window's storage worker would
    monkeypatch.setattr(counter.services.sync, "take_in", accept_then_take_in)
    try:
        restored = counter.services.restore.from_central(chunk_cases=2)
        assert (restored.cases, restored.held_back, restored.missing) == (6, 0, None)
        # the first chunk (2 events) counted as pushed; the acceptance and the 4 restored
        # after it went up at the end
        assert sum(sent) == 5
        assert numbers(counter) == set(cases)
        assert counter.services.sync.status().waiting == 0
        assert counter.services.sync.differences() == []
    finally:
        counter.close()


def test_a_store_replaced_by_an_older_copy_is_noticed_and_caught_up(
    counter: SyncedCounter,
) -> None:
    first = {counter.receive() for _ in range(2)}
    counter.services.sync.sync_once()
    older = counter.services.store_care.back_up()
    later = {counter.receive() for _ in range(3)}
    counter.services.sync.sync_once()
    counter.services.close()
    [replaced] = run_all(counter.services.paths.data, ["restore", "--from", str(older)])
    assert replaced.code == 0, replaced.err
    assert "已用备份" in replaced.out and "原数据库已移到" in replaced.out
    assert "本机数据库已与中心一致" in replaced.out  # caught up from the central
    counter = reopened(counter)
    assert numbers(counter) == first | later
    assert counter.receive().endswith("-006")


def test_an_older_copy_put_back_by_hand_is_refused_at_the_next_sync(
    counter: SyncedCounter,
) -> None:
    counter.receive()
    counter.services.sync.sync_once()
    older = counter.services.store_care.back_up()
    counter.receive()
    counter.services.sync.sync_once()
    counter.services.close()
    store = counter.services.paths.database
    for suffix in ("-wal", "-shm"):
        Path(f"{store}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(older, store)
    counter = reopened(counter)
    try:
        [sync] = run_all(counter.services.paths.data, ["sync", "--once"])
        assert sync.code == 0, sync.err
        told = "中心数据库存有本终端的 4 条记录，本机只有 2 条"  # a receipt and its acceptance
        assert sync.err.startswith(f"注意：{told}"), sync.err
        with pytest.raises(RestoreNeeded, match=told):
            counter.receive()
    finally:
        counter.close()


# ---- backups ------------------------------------------------------------------------------


def test_backups_rotate_at_the_configured_place_readable_by_the_owner_only(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    place = tmp_path / "elsewhere" / "backups"
    settings = Settings.load(Paths(home, home, home / "logs").settings)
    settings.update({"backup_folder": str(place), "backup_keep": 2})
    runs = [run_all(home, ["backup"])[0] for _ in range(3)]
    assert all(run.code == 0 for run in runs), runs
    kept = sorted(place.glob("onewindow-*.sqlite3"))
    assert len(kept) == 2, kept
    for path in kept:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        with closing(sqlite3.connect(path)) as copy:
            assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_damaged_backup_is_not_brought_back(demo_home: Path) -> None:
    broken = demo_home / "broken.sqlite3"
    broken.write_text("not a store", encoding="utf-8")
    [refused] = run_all(demo_home, ["restore", "--from", str(broken)])
    one_message(refused, f"{broken} 不是 SQLite 数据库")
    [listing] = run_all(demo_home, ["case", "list", "--limit", "1"])
    assert listing.code == 0 and listing.out  # the store was left as it was


def test_a_damaged_store_is_not_backed_up_over_the_good_backups(demo_home: Path) -> None:
    [good] = run_all(demo_home, ["backup"])
    assert good.code == 0, good.err
    store = demo_home / "onewindow.sqlite3"
    with closing(sqlite3.connect(store)) as connection:
        [(root,)] = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'ix_events_terminal_seq'"
        ).fetchall()
    with store.open("r+b") as file:  # an index no command reads: only the page check sees it
        file.seek((root - 1) * 4096)
        file.write(b"\x0d" + b"\xff" * 63)
    [refused] = run_all(demo_home, ["backup"])
    one_message(refused, f"{store} 已损坏")
    assert len(list((demo_home / "backups").iterdir())) == 1  # the good one, nothing partial


def test_the_window_backs_up_once_a_day_at_close(tmp_path: Path) -> None:
    services = bootstrap(Paths(tmp_path, tmp_path, tmp_path / "logs"), clock=FixedClock(NOW))
    try:
        made = services.store_care.back_up_daily()
        assert made is not None and made.parent == tmp_path / "backups"
        assert stat.S_IMODE(made.parent.stat().st_mode) == 0o700
        assert services.store_care.back_up_daily() is None  # one a day
    finally:
        services.close()
