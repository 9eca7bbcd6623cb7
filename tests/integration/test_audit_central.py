"""The audit trail on a real central (central migration 0011): entries go up after the events
in the same sync round, once; a center reads its own trail and the central's publications,
never another center's; no counter changes or removes an entry, nor writes one in another's
name or out of bounds; a push cut mid-way loses and doubles nothing; `onewindow audit list`
and `central publish`."""

from __future__ import annotations

from contextlib import closing
from dataclasses import replace
from pathlib import Path

import psycopg
import pytest

from app.central.server import EmbeddedServer
from app.domain.audit import AuditAction, AuditQuery
from app.domain.roles import Actor, Role
from app.sync.central_push import CentralUnreachable
from tests.integration.central_harness import (  # noqa: F401
    CentralDatabase,
    central,
    central_server,
)
from tests.integration.cli_calls import call
from tests.integration.sync_harness import SyncedCounter, make_counter
from tests.integration.tcp_proxy import TcpProxy

ADMIN = Actor("admin", "管理员", Role.ADMINISTRATOR, None, "", "counter-01")
CHANGE = {"from": "10", "to": "5"}


def on_central(central: CentralDatabase, where: str = "true") -> list[tuple[object, ...]]:  # noqa: F811
    with central.connect() as connection:
        return connection.execute(
            f"SELECT terminal, actor, action, subject, details, center FROM central.audit_entries"
            f" WHERE {where} ORDER BY at_time, action".encode()
        ).fetchall()


def record_change(counter: SyncedCounter, subject: str = "idle_lock_minutes") -> None:
    """An entry a minute after the counter's last one (its clock is fixed)."""
    counter.services.clock.advance(minutes=1)  # type: ignore[attr-defined]
    counter.services.audit.record("admin", AuditAction.SETTINGS_CHANGED, subject, CHANGE)


def test_entries_go_up_after_the_events_once_with_the_center_of_the_counter(
    tmp_path: Path,
    central: CentralDatabase,  # noqa: F811
) -> None:
    central.add_center("C1")
    with closing(make_counter(tmp_path / "a", central, "C1", 1)) as counter:
        counter.receive()
        record_change(counter)
        counter.services.clock.advance(minutes=1)  # type: ignore[attr-defined]
        counter.services.session.lock(counter.clerk)

        report = counter.services.sync.sync_once()

        assert report.pushed == 2 and report.audit == 2
        terminal = counter.registration.name
        assert on_central(central) == [
            (terminal, "admin", "settings_changed", "idle_lock_minutes", '{"from": "10", "to": "5"}', "C1"),
            (terminal, "scjg01", "screen_locked", "", "{}", "C1"),
        ]  # fmt: skip
        assert counter.services.sync.sync_once().audit == 0  # nothing sent twice
        assert len(on_central(central)) == 2


def test_a_center_reads_its_own_trail_and_the_publications_never_another_centers(
    tmp_path: Path,
    central: CentralDatabase,  # noqa: F811
) -> None:
    central.add_center("C1")
    central.add_center("C2")
    with (
        closing(make_counter(tmp_path / "a", central, "C1", 1)) as first,
        closing(make_counter(tmp_path / "b", central, "C1", 2)) as second,
        closing(make_counter(tmp_path / "c", central, "C2", 1)) as elsewhere,
    ):
        record_change(first, "center_name")
        first.services.sync.sync_once()
        published = call(tmp_path / "b", "central", "publish", "--url", central.url)
        assert published.code == 0, published.err
        second.services.clock.advance(minutes=5)  # type: ignore[attr-defined]
        record_change(second, "backup_keep")  # not pushed yet: found in its own store

        found = second.services.audit_search.search(ADMIN, AuditQuery())

        assert found.whole_center
        entries = [(e.terminal, e.action, e.subject) for e in found.entries]
        published = entries[:-2]  # the newest: the command ran at the real time
        assert {action for _, action, _ in published} == PUBLICATIONS
        assert {subject for _, _, subject in published} == {"", *published_years(central)}
        assert entries[-2:] == [
            (second.registration.name, AuditAction.SETTINGS_CHANGED, "backup_keep"),
            (first.registration.name, AuditAction.SETTINGS_CHANGED, "center_name"),
        ]
        theirs = elsewhere.services.audit_search.search(ADMIN, AuditQuery())
        assert theirs.whole_center
        assert {e.action for e in theirs.entries} == PUBLICATIONS
        with central.connect(elsewhere.registration) as connection:
            assert connection.execute(
                "SELECT count(*) FROM central.audit_entries WHERE center IS NOT NULL"
            ).fetchone() == (0,)
        by_action = second.services.audit_search.search(
            ADMIN, AuditQuery(action=AuditAction.SETTINGS_CHANGED, terminal=first.registration.name)
        )
        assert [e.subject for e in by_action.entries] == ["center_name"]


PUBLICATIONS = {AuditAction.CATALOG_PUBLISHED, AuditAction.CALENDAR_PUBLISHED}


def published_years(central: CentralDatabase) -> set[str]:  # noqa: F811
    return {str(row[3]) for row in on_central(central, "action = 'calendar_published'")}


def test_no_counter_changes_removes_or_forges_an_entry(
    tmp_path: Path,
    central: CentralDatabase,  # noqa: F811
) -> None:
    central.add_center("C1")
    with closing(make_counter(tmp_path / "a", central, "C1", 1)) as counter:
        record_change(counter)
        counter.services.sync.sync_once()
        with central.connect(counter.registration) as connection:
            for statement in (
                "UPDATE central.audit_entries SET actor = 'nobody'",
                "DELETE FROM central.audit_entries",
                "TRUNCATE central.audit_entries",
            ):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    connection.execute(statement.encode())
            with pytest.raises(psycopg.errors.InsufficientPrivilege):  # another terminal's name
                connection.execute(insert("counter-99", "login", "{}"))
        with central.connect() as connection:  # a role granted UPDATE still meets the trigger
            connection.execute(b"CREATE ROLE audit_editor")
            connection.execute(b"GRANT USAGE ON SCHEMA central TO audit_editor")
            connection.execute(b"GRANT SELECT, UPDATE ON central.audit_entries TO audit_editor")
            connection.execute(b"SET ROLE audit_editor")
            with pytest.raises(psycopg.DatabaseError, match="只能追加"):
                connection.execute(b"UPDATE central.audit_entries SET actor = 'nobody'")
        assert [row[1] for row in on_central(central)] == ["admin"]


@pytest.mark.parametrize(
    ("action", "details", "at", "why"),
    [
        ("drop_tables", "{}", "2026-11-23T10:00:00+08:00", "操作类型不明"),
        ("login", '{"tries": 3}', "2026-11-23T10:00:00+08:00", "每一项须为文字"),
        ("login", "[]", "2026-11-23T10:00:00+08:00", "JSON 对象"),
        ("login", "{}", "2126-11-23T10:00:00+08:00", "时间不可信"),
        ("login", "{}", "yesterday", "时间格式不对"),
    ],
)
def test_the_central_refuses_an_entry_out_of_bounds(
    tmp_path: Path,
    central: CentralDatabase,  # noqa: F811
    action: str,
    details: str,
    at: str,
    why: str,
) -> None:
    central.add_center("C1")
    registration = central.add_counter("C1", 1)
    with (
        central.connect(registration) as connection,
        pytest.raises(psycopg.DatabaseError, match=why),
    ):
        connection.execute(insert(registration.name, action, details, at))


def insert(
    terminal: str, action: str, details: str, at: str = "2026-11-23T10:00:00+08:00"
) -> bytes:
    return (
        "INSERT INTO central.audit_entries (id, terminal, actor, at, action, details)"
        f" VALUES (gen_random_uuid(), '{terminal}', 'admin', '{at}', '{action}', '{details}')"
    ).encode()


def test_an_entry_the_central_refuses_stays_here_and_the_others_go_up(
    tmp_path: Path,
    central: CentralDatabase,  # noqa: F811
) -> None:
    central.add_center("C1")
    with closing(make_counter(tmp_path / "a", central, "C1", 1)) as counter:
        trail = counter.services.audit
        record_change(counter, "center_name")
        # written under the terminal's name before it was registered as another
        counter.services.clock.advance(minutes=1)  # type: ignore[attr-defined]
        trail.keep([replace(trail.entry("admin", AuditAction.LOGIN), terminal="counter-99")])
        record_change(counter, "backup_keep")

        report = counter.services.sync.sync_once()

        assert report.audit == 2 and len(report.refused) == 1
        assert [row[3] for row in on_central(central)] == ["center_name", "backup_keep"]
        assert len(trail.search(ADMIN, AuditQuery())) == 3  # kept here whole
        assert counter.services.sync.sync_once().audit == 0


def test_the_central_knows_every_action_of_this_version(
    central: CentralDatabase,  # noqa: F811
) -> None:
    with central.connect() as connection:
        (known,) = connection.execute(b"SELECT central.audit_actions()").fetchone()
    assert sorted(known) == sorted(action.value for action in AuditAction)


#: Bytes a counter sends for 300 entries of ~300 characters in batches of 10 (about 120 KB
#: measured through the proxy); the cut falls well inside.
AUDIT_SENT = 120_000


def test_a_push_of_the_trail_cut_midway_loses_and_doubles_nothing(
    tmp_path: Path,
    central: CentralDatabase,  # noqa: F811
    central_server: EmbeddedServer,  # noqa: F811
) -> None:
    central.add_center("C1")
    with (
        closing(TcpProxy(central_server.host, central_server.port)) as proxy,
        closing(
            make_counter(tmp_path / "a", central, "C1", 1, via=proxy.url(central.url))
        ) as counter,
    ):
        counter.services.settings.update({"sync_batch": 10})
        counter.services.sync.sync_once()  # connected and registered: what follows is the push
        for number in range(300):
            counter.services.audit.record(
                "admin", AuditAction.SETTINGS_CHANGED, "center_name",
                {"from": "江川市政务服务中心" * 20, "to": f"第{number}号"},
            )  # fmt: skip
        proxy.cut_after(AUDIT_SENT // 3)
        with pytest.raises(CentralUnreachable):
            counter.services.sync.sync_once()
        assert proxy.cut.wait(timeout=60)
        arrived = len(on_central(central))
        assert 0 < arrived < 300 and arrived % 10 == 0  # whole batches only

        counter.services.sync.sync_once()

        rows = on_central(central)
        assert len(rows) == 300
        assert len({str(row[4]) for row in rows}) == 300  # each entry once


def test_audit_list_on_the_command_line(
    tmp_path: Path,
    central: CentralDatabase,  # noqa: F811
) -> None:
    central.add_center("C1")
    with (
        closing(make_counter(tmp_path / "a", central, "C1", 1)) as first,
        closing(make_counter(tmp_path / "b", central, "C1", 2)) as second,
    ):
        record_change(first, "center_name")
        first.services.clock.advance(minutes=1)  # type: ignore[attr-defined]
        first.services.session.lock(first.clerk)
        first.services.sync.sync_once()
        second.services.clock.advance(minutes=5)  # type: ignore[attr-defined]
        record_change(second, "backup_keep")

        center = call(tmp_path / "b", "audit", "list")
        assert center.code == 0, center.err
        assert "本中心各终端的操作日志" in center.err
        lines = center.out.splitlines()
        assert len(lines) == 3 and "backup_keep" in lines[0] and "from=10" in lines[0]
        assert "锁定屏幕" in lines[1] and first.registration.name in lines[1]
        assert "center_name" in lines[2]

        mine = call(tmp_path / "b", "audit", "list", "--terminal", second.registration.name)
        assert len(mine.out.splitlines()) == 1
        locks = call(tmp_path / "b", "audit", "list", "--action", "screen_locked", "--json")
        assert [e["action_title"] for e in locks.json()] == ["锁定屏幕"]
        assert call(tmp_path / "b", "audit", "list", "--until", "2026-11-22").out == ""
        assert (
            len(call(tmp_path / "b", "audit", "list", "--since", "2026-11-23").out.splitlines())
            == 3
        )
        assert call(tmp_path / "b", "audit", "list", "--user", "scjg01").out.count("\n") == 1
        wrong = call(tmp_path / "b", "audit", "list", "--since", "23/11/2026")
        assert wrong.code == 2 and "YYYY-MM-DD" in wrong.err

    offline = call(tmp_path / "c", "audit", "list")
    assert offline.code == 0 and "本终端的操作日志" in offline.err


def test_a_central_without_the_trail_is_told_and_the_terminals_own_is_shown(
    tmp_path: Path,
    central: CentralDatabase,  # noqa: F811
) -> None:
    central.add_center("C1")
    with closing(make_counter(tmp_path / "a", central, "C1", 1)) as counter:
        counter.receive()
        record_change(counter)
        with central.connect() as connection:  # a central not upgraded to 0011
            connection.execute(b"DROP TABLE central.audit_entries CASCADE")

        found = counter.services.audit_search.search(ADMIN, AuditQuery())

        assert not found.whole_center and "不能查询操作日志" in str(found.source)
        assert [e.subject for e in found.entries] == ["idle_lock_minutes"]
        for _ in range(2):  # the entry waits for a central that takes it; the rest goes on
            report = counter.services.sync.sync_once()
            assert report.audit == 0 and "结构可能与本程序版本不符" in str(report.words())
        assert counter.services.sync.status().waiting == 0 and report.pushed == 0
