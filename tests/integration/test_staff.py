"""Staff through the real store: each change an event and an audit entry in one transaction,
a stale version refused with who changed it and when, wrong passwords locking the account
(and the lock surviving a restart), a one-time password replaced at the next sign-in, and no
account or event ever removed."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import text

from app.bootstrap import Services, bootstrap
from app.domain.audit import AuditAction, AuditQuery
from app.domain.events import CHINA_TIME
from app.domain.passwords import PasswordRefused
from app.domain.roles import Actor, Role
from app.domain.staff import StaffRefused, StaleStaff, fold
from app.domain.staff_events import Authorisation, Profile
from app.paths import Paths
from app.services.errors import AccountLocked, LoginFailed, PasswordChangeRequired
from app.services.time_source import FixedClock
from app.storage.database import MIGRATIONS, open_engine
from app.storage.unit_of_work import UnitOfWorkFactory
from tests.stores import store_of

NOW = datetime(2026, 12, 7, 10, 20, tzinfo=CHINA_TIME)
ADMIN = Actor("admin", "管理员", Role.ADMINISTRATOR, None, "", "counter-01")
OTHER_ADMIN = Actor("admin2", "副管理员", Role.ADMINISTRATOR, None, "", "counter-02")
CLERK_PROFILE = Profile("王晓燕", Role.CLERK, "SCJG", ("A02",))
DOCUMENT = Authorisation("江市监授〔2026〕3号", date(2026, 3, 1))
FIRST = "Counter2026"


class Pauses(list[float]):
    """Records the login's waits instead of sleeping."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def pauses() -> Pauses:
    return Pauses()


@pytest.fixture
def open_services(
    tmp_path: Path, clock: FixedClock, pauses: Pauses
) -> Iterator[Callable[[], Services]]:
    opened: list[Services] = []

    def open_() -> Services:
        paths = Paths(data=tmp_path, config=tmp_path, logs=tmp_path / "logs")
        opened.append(bootstrap(paths, clock, login_pause=pauses))
        return opened[-1]

    yield open_
    for services in opened:
        services.close()


@pytest.fixture
def services(open_services) -> Services:  # noqa: ANN001
    services: Services = open_services()
    services.staff.create(None, "wangxy", CLERK_PROFILE, FIRST)
    return services


def test_an_account_made_by_an_administrator_sets_its_own_password_first(
    services: Services,
) -> None:
    services.staff.create(ADMIN, "liming", Profile("李明", Role.SUPERVISOR, None), "Given2026x")
    with pytest.raises(PasswordChangeRequired):
        services.auth.login("liming", "Given2026x")
    with pytest.raises(PasswordRefused, match="用户名"):
        services.auth.set_own_password("liming", "Given2026x", "LiMing2026")
    with pytest.raises(PasswordRefused, match="姓名"):
        services.auth.set_own_password("liming", "Given2026x", "李明2026abcd")
    actor = services.auth.set_own_password("liming", "Given2026x", "Mine2026ok")
    assert actor.username == "liming"
    assert services.auth.login("liming", "Mine2026ok").role is Role.SUPERVISOR
    actions = [e.action for e in services.audit.search(ADMIN, AuditQuery(actor="liming"))]
    assert actions == [AuditAction.LOGIN, AuditAction.LOGIN, AuditAction.PASSWORD_CHANGED]


def test_a_reset_gives_a_one_time_password_the_person_replaces(services: Services) -> None:
    member = services.staff.member(ADMIN, "wangxy")
    one_time = services.staff.reset_password(ADMIN, "wangxy", member.version)
    with pytest.raises(LoginFailed):
        services.auth.login("wangxy", FIRST)
    with pytest.raises(PasswordChangeRequired):
        services.auth.login("wangxy", one_time)
    services.auth.set_own_password("wangxy", one_time, "Fresh2026pw")
    assert services.auth.login("wangxy", "Fresh2026pw").username == "wangxy"
    kinds = [e.kind for e in services.staff.history(ADMIN, "wangxy")]
    assert kinds == ["staff_created", "password_reset", "password_set"]
    reset = services.audit.search(ADMIN, AuditQuery(action=AuditAction.PASSWORD_RESET))
    assert [(e.actor, e.subject) for e in reset] == [("admin", "wangxy")]
    assert one_time not in repr(reset)


def test_a_change_against_an_old_version_is_refused_with_who_and_when(
    services: Services, clock: FixedClock
) -> None:
    seen = services.staff.member(ADMIN, "wangxy")
    clock.advance(minutes=5)
    moved = Profile("王晓燕", Role.CLERK, "SCJG", ("A03",))
    services.staff.change(OTHER_ADMIN, "wangxy", seen.version, moved)
    with pytest.raises(StaleStaff) as stale:
        services.staff.change(ADMIN, "wangxy", seen.version, CLERK_PROFILE)
    assert str(stale.value) == "此人员资料已被 admin2 于 2026-12-07 10:25 修改，请重新打开"
    assert services.staff.member(ADMIN, "wangxy").windows == ("A03",)


def test_refusals_say_why(services: Services) -> None:
    with pytest.raises(StaffRefused, match="已存在") as taken:
        services.staff.create(ADMIN, "wangxy", CLERK_PROFILE, "Another2026")
    assert taken.value.field == "username"
    with pytest.raises(StaffRefused, match="须属于一个部门"):
        services.staff.create(
            ADMIN, "chief1", Profile("陈首席", Role.CHIEF_REPRESENTATIVE, None), "Another2026"
        )
    chief = services.staff.create(
        ADMIN, "chief1", Profile("陈首席", Role.CHIEF_REPRESENTATIVE, "SCJG"), "Another2026"
    )
    other = next(i.code for i in services.catalog.items() if i.department != "SCJG")
    own = next(i.code for i in services.catalog.items() if i.department == "SCJG")
    with pytest.raises(StaffRefused, match=f"事项 {other} 属于") as foreign:
        services.staff.grant(ADMIN, "chief1", chief.version, [own, other], DOCUMENT)
    assert foreign.value.field == "scope"
    with pytest.raises(StaffRefused, match="只有首席代表"):
        services.staff.grant(ADMIN, "wangxy", 1, [own], DOCUMENT)
    granted = services.staff.grant(ADMIN, "chief1", chief.version, [own], DOCUMENT)
    assert granted.scope == {own} and granted.authorisation == DOCUMENT
    audit = services.audit.search(ADMIN, AuditQuery(action=AuditAction.SCOPE_GRANTED))
    assert audit[0].details == {
        "item_codes": own,
        "document": DOCUMENT.number,
        "issued": "2026-03-01",
    }


def test_an_administrator_cannot_lock_themselves_out(services: Services) -> None:
    admin = services.staff.create(None, "admin", Profile("管理员", Role.ADMINISTRATOR, None), FIRST)
    with pytest.raises(StaffRefused, match="不能修改自己的角色"):
        services.staff.change(ADMIN, "admin", admin.version, Profile("管理员", Role.CLERK, "SCJG"))
    with pytest.raises(StaffRefused, match="不能停用自己的账号"):
        services.staff.disable(ADMIN, "admin", admin.version)
    assert services.staff.member(ADMIN, "admin") == admin


def test_five_wrong_passwords_lock_the_account_across_a_restart(
    services: Services,
    open_services,
    clock: FixedClock,
    pauses: Pauses,  # noqa: ANN001
) -> None:
    for _ in range(4):
        with pytest.raises(LoginFailed, match="用户名或密码不正确"):
            services.auth.login("wangxy", "wrong2026")
        clock.advance(seconds=10)
    with pytest.raises(AccountLocked) as locked:
        services.auth.login("wangxy", "wrong2026")
    assert str(locked.value) == "连续输错5次，账号已锁定，请于 10:36 后再试，或请管理员解锁"
    assert pauses == [1.0, 2.0, 3.0, 4.0, 5.0]  # each wrong password answered more slowly

    services.close()
    again: Services = open_services()  # the program restarted: the lock holds
    with pytest.raises(AccountLocked):
        again.auth.login("wangxy", FIRST)
    clock.advance(minutes=15)
    assert again.auth.login("wangxy", FIRST).username == "wangxy"
    actions = {e.action for e in again.audit.search(ADMIN, AuditQuery(actor="wangxy"))}
    assert AuditAction.ACCOUNT_LOCKED in actions


def test_an_administrator_unlocks(services: Services, clock: FixedClock) -> None:
    for _ in range(5):
        with pytest.raises(LoginFailed):
            services.auth.login("wangxy", "wrong2026")
    clock.advance(seconds=1)
    assert services.staff.locks(ADMIN) == {"wangxy": NOW + timedelta(minutes=15)}
    services.staff.unlock(ADMIN, "wangxy")
    assert services.staff.locks(ADMIN) == {}
    clock.advance(seconds=1)
    assert services.auth.login("wangxy", FIRST).username == "wangxy"
    unlocked = services.audit.search(ADMIN, AuditQuery(action=AuditAction.ACCOUNT_UNLOCKED))
    assert [(e.actor, e.subject) for e in unlocked] == [("admin", "wangxy")]


def test_a_disabled_account_cannot_sign_in_and_is_never_deleted(services: Services) -> None:
    member = services.staff.disable(ADMIN, "wangxy", 1)
    with pytest.raises(LoginFailed, match="用户名或密码不正确"):
        services.auth.login("wangxy", FIRST)
    services.staff.enable(ADMIN, "wangxy", member.version)
    services.close()
    with closing(sqlite3.connect(services.paths.database)) as db:
        for statement, refusal in (
            ("DELETE FROM staff", "never deleted"),
            ("DELETE FROM staff_events", "append-only"),
            ("UPDATE staff_events SET actor = 'x'", "append-only"),
        ):
            with pytest.raises(sqlite3.DatabaseError, match=refusal):
                db.execute(statement)
        kinds = [k for (k,) in db.execute("SELECT kind FROM staff_events ORDER BY seq")]
    assert kinds == ["staff_created", "staff_disabled", "staff_enabled"]


def test_the_staff_table_is_the_fold_of_the_log(services: Services, clock: FixedClock) -> None:
    chief = services.staff.create(
        ADMIN, "chief1", Profile("陈首席", Role.CHIEF_REPRESENTATIVE, "SCJG"), "Another2026"
    )
    own = next(i.code for i in services.catalog.items() if i.department == "SCJG")
    clock.advance(minutes=1)
    services.staff.grant(ADMIN, "chief1", chief.version, [own], DOCUMENT)
    services.staff.disable(ADMIN, "wangxy", 1)
    with store_of(services) as store, store.uow.reading() as uow:
        for member in uow.staff.all():
            assert fold(uow.staff.log(member.username)) == member


def test_accounts_held_before_the_log_get_their_first_events(tmp_path: Path) -> None:
    database = tmp_path / "onewindow.sqlite3"
    engine = open_engine(database)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0008")
        connection.execute(
            text(
                "INSERT INTO staff VALUES ('old-chief', '老首席', 'chief_representative', 'SCJG',"
                " 'A06', 'hash', '[\"SCJG-XK-001\"]', 0)"
            )
        )
        command.upgrade(config, "head")
    uow = UnitOfWorkFactory(engine)
    with uow.reading() as reading:
        member = reading.staff.get("old-chief")
        events = reading.staff.log("old-chief")
    engine.dispose()
    assert [e.kind for e in events] == ["staff_created", "scope_granted", "staff_disabled"]
    assert member is not None and fold(events) == member
    assert member.windows == ("A06",) and member.scope == {"SCJG-XK-001"} and not member.active
