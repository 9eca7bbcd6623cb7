"""Center settings published through a real central (central 0017): a change made by an
administrator at counter 1 is in effect at counter 2 (processes of its own) after its pull;
a change from anyone but an administrator of the center is refused by the central; two
administrators changing the same key: the second is told, nothing is lost, and their counter
comes round to the central's value; a value the setting's rule refuses, pulled, keeps the
last good one; a counter of another center reads none of them."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import psycopg
import pytest

from app.central.errors import CentralError
from app.central.server import EmbeddedServer
from app.domain.roles import Role
from app.domain.staff_events import Profile
from app.domain.sync import Direction
from app.services.sync_directory import SETTINGS_PUSHED_THROUGH
from tests.integration.central_harness import (  # noqa: F401
    CentralDatabase,
    central,
    central_server,
)
from tests.integration.cli_runner import run_all
from tests.integration.sync_harness import make_counter
from tests.integration.tcp_proxy import TcpProxy
from tests.integration.test_directory import PASSWORD, Center, center  # noqa: F401

ADMIN2 = Profile("第二管理员", Role.ADMINISTRATOR, None)
CLERK = Profile("王小明", Role.CLERK, "SCJG", ("A04",))


def get_elsewhere(home: Path, key: str) -> tuple[str, str]:
    """Counter 2, in processes of its own: a round of sync, then `settings get KEY`; what it
    printed (the value) and said beside (where it comes from)."""
    (synced,) = run_all(home, ["sync", "--once"])
    assert synced.code == 0, synced.err
    (got,) = run_all(home, ["settings", "get", key])
    assert got.code == 0, got.err
    return got.out.strip(), got.err


def setting_rows(central: CentralDatabase, key: str) -> list[tuple[int, str, str]]:  # noqa: F811
    with central.connect() as connection:
        return connection.execute(
            "SELECT version, actor, data FROM central.setting_events WHERE key = %s"
            " ORDER BY version",
            (key,),
        ).fetchall()


def test_a_change_at_one_counter_is_in_effect_at_another_after_its_pull(
    center: Center,  # noqa: F811
    central: CentralDatabase,  # noqa: F811
) -> None:
    assert get_elsewhere(center.second_home, "idle_lock_minutes")[0] == "10"  # the file's
    settings = center.first.services.counter_settings
    settings.change(center.admin, {"idle_lock_minutes": 3, "center_name": "江川市民中心"})
    assert center.first.services.settings["idle_lock_minutes"] == 3
    assert settings.from_center("idle_lock_minutes")
    center.first.services.sync.sync_once()
    assert [(v, a) for v, a, _ in setting_rows(central, "idle_lock_minutes")] == [(1, "admin")]

    value, said = get_elsewhere(center.second_home, "idle_lock_minutes")
    assert value == "3" and "中心统一设置" in said
    assert get_elsewhere(center.second_home, "center_name")[0] == "江川市民中心"
    assert get_elsewhere(center.second_home, "terminal_no")[1].strip().endswith("本机")


def test_a_push_whose_answer_was_lost_is_sent_again_and_nothing_doubles(
    center: Center,  # noqa: F811
    tmp_path: Path,
    central: CentralDatabase,  # noqa: F811
) -> None:
    services = center.first.services
    services.counter_settings.change(center.admin, {"login_lock_failures": 3})
    services.sync.sync_once()
    with sqlite3.connect(tmp_path / "c1" / "onewindow.sqlite3") as store:
        store.execute("DELETE FROM sync_marks WHERE name = ?", (SETTINGS_PUSHED_THROUGH,))
    assert services.sync.sync_once().refused == []
    assert len(setting_rows(central, "login_lock_failures")) == 1


def test_a_change_made_while_the_central_cannot_be_reached_goes_up_once_when_it_can(
    center: Center,  # noqa: F811
    tmp_path: Path,
    central: CentralDatabase,  # noqa: F811
    central_server: EmbeddedServer,  # noqa: F811
) -> None:
    proxy = TcpProxy(central_server.host, central_server.port)
    with closing(
        make_counter(tmp_path / "c3", central, "C1", 3, via=proxy.url(central.url))
    ) as third:
        services = third.services
        services.sync.sync_once()
        admin = services.auth.login("admin", PASSWORD)  # pulled from the central
        proxy.close()  # the network gone
        services.counter_settings.change(admin, {"center_name": "江川市民中心"})
        with pytest.raises(CentralError):
            services.sync.sync_once()
        assert services.settings["center_name"] == "江川市民中心"  # in effect here meanwhile
        assert setting_rows(central, "center_name") == []

        services.settings.update({"central_url": third.registration.url(central.url)})
        assert services.sync.sync_once().refused == []
    assert [(v, a) for v, a, _ in setting_rows(central, "center_name")] == [(1, "admin")]
    center.first.services.sync.sync_once()
    assert center.first.services.settings["center_name"] == "江川市民中心"


def test_the_central_refuses_a_change_from_anyone_but_an_administrator_of_the_center(
    center: Center,  # noqa: F811
    central: CentralDatabase,  # noqa: F811
) -> None:
    services = center.first.services
    services.staff.create(center.admin, "wang01", CLERK, PASSWORD)
    # an administrator made here at set-up only: the central does not know them
    services.staff.create(None, "rogue", Profile("冒名", Role.ADMINISTRATOR, None), PASSWORD)
    rogue = services.auth.login("rogue", PASSWORD)
    services.counter_settings.change(rogue, {"center_phone": "0000-99999999"})

    report = services.sync.sync_once()

    assert setting_rows(central, "center_phone") == []
    words = [str(reason) for reason in report.refused]
    assert any("rogue 不是本中心在册的管理员" in w and "center_phone" in w for w in words), words
    held = [q for q in services.sync.quarantined(center.first.supervisor)]
    assert [(q.case_id, q.direction) for q in held] == [("center_phone", Direction.PUSH)]
    assert "0000-99999999" in str(held[0].event["data"])  # what was typed is kept
    assert services.settings["center_phone"] == "0000-12345678"  # the central's stands

    # a clerk's change written straight into the central, as counter 1's login
    login = center.first.registration
    with central.connect(login) as connection, pytest.raises(psycopg.errors.Error) as refused:
        connection.execute(
            "INSERT INTO central.setting_events (id, key, version, kind, at, actor, terminal,"
            " data) VALUES (gen_random_uuid(), 'idle_lock_minutes', 1, 'setting_changed',"
            " '2026-12-07T10:00:00+08:00', 'wang01', %s, '{\"value\": 240}')",
            (login.name,),
        )
    assert refused.value.sqlstate == "OWA02"


def test_two_administrators_changing_the_same_key_the_second_is_told_and_nothing_is_lost(
    center: Center,  # noqa: F811
    tmp_path: Path,
    central: CentralDatabase,  # noqa: F811
) -> None:
    first = center.first.services
    first.staff.create(center.admin, "admin2", ADMIN2, PASSWORD)
    first.sync.sync_once()
    with closing(make_counter(tmp_path / "c3", central, "C1", 3)) as third:
        second = third.services
        second.sync.sync_once()
        admin2 = second.auth.set_own_password("admin2", PASSWORD, "Guanli2027x")

        first.counter_settings.change(center.admin, {"office_opens": "08:30"})
        first.sync.sync_once()
        second.counter_settings.change(admin2, {"office_opens": "09:30"})  # not yet pulled
        report = second.sync.sync_once()

        words = [str(reason) for reason in report.refused]
        assert any("已被 admin 于" in w and "office_opens" in w for w in words), words
        held = [
            q
            for q in second.sync.quarantined(third.supervisor)
            if q.case_id == "office_opens" and q.direction is Direction.PUSH
        ]
        assert len(held) == 1 and "09:30" in str(held[0].event["data"])  # kept
        assert second.settings["office_opens"] == "08:30"  # the central's, as everywhere

        second.counter_settings.change(admin2, {"office_opens": "09:15"})  # after the news
        assert second.sync.sync_once().refused == []
    assert [v for v, _, _ in setting_rows(central, "office_opens")] == [1, 2]
    first.sync.sync_once()
    assert first.settings["office_opens"] == "09:15"


def test_a_value_its_rule_refuses_is_kept_aside_and_the_last_good_one_stands(
    center: Center,  # noqa: F811
    central: CentralDatabase,  # noqa: F811
) -> None:
    services = center.first.services
    services.counter_settings.change(center.admin, {"login_lock_minutes": 30})
    services.sync.sync_once()
    with central.connect() as connection:  # the owner, as a damaged or newer central might
        connection.execute(
            "INSERT INTO central.setting_events (id, center, key, version, kind, at, actor,"
            " terminal, data) VALUES (gen_random_uuid(), 'C1', 'login_lock_minutes', 2,"
            " 'setting_changed', '2026-12-07T10:00:00+08:00', 'admin', 'owner',"
            " '{\"value\": 100000}')"
        )

    report = services.sync.sync_once()

    assert report.held_back == 1
    assert services.settings["login_lock_minutes"] == 30
    held = services.sync.quarantined(center.first.supervisor)
    assert [(q.case_id, q.position, q.direction) for q in held] == [
        ("login_lock_minutes", 2, Direction.PULL)
    ]
    services.counter_settings.change(center.admin, {"login_lock_minutes": 20})
    assert services.sync.sync_once().refused == []  # version 3: after the central's
    assert services.settings["login_lock_minutes"] == 20


def test_a_counter_of_another_center_reads_none_of_them(
    center: Center,  # noqa: F811
    tmp_path: Path,
    central: CentralDatabase,  # noqa: F811
) -> None:
    center.first.services.counter_settings.change(center.admin, {"center_name": "江川市民中心"})
    center.first.services.sync.sync_once()
    central.add_center("C2")
    with closing(make_counter(tmp_path / "other", central, "C2", 1)) as other:
        with central.connect(other.registration) as connection:
            count = connection.execute("SELECT count(*) FROM central.setting_events").fetchone()
        assert count == (0,)
        other.services.sync.sync_once()
        assert other.services.settings["center_name"] == "江川市政务服务中心"  # its file's
        assert not other.services.counter_settings.from_center("center_name")
