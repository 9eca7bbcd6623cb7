"""The local store on a real SQLite file: migrations, append-only events, cases through the
services with every permission checked there, case numbers, tamper detection, the catalog
sheet, signing in, and the demo data."""

from __future__ import annotations

import random
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from argon2 import PasswordHasher
from openpyxl import load_workbook
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

import app.services.staff_log
from app.bootstrap import Services
from app.domain.case import CaseStatus, IllegalTransition
from app.domain.deadline import ClockLevel
from app.domain.passwords import PasswordRefused
from app.domain.roles import PermissionDenied, Role
from app.domain.staff_events import Profile
from app.services.cases import Accept, Refuse, RequestCorrection
from app.services.catalog import CatalogService
from app.services.demo import DEMO_PASSWORD
from app.services.demo_people import demo_person
from app.services.errors import LoginFailed, NotFound, SheetError
from app.services.time_source import FixedClock
from app.settings import SettingsError
from app.storage.database import MIGRATIONS
from tests.integration.store_harness import (
    ACCEPT,
    ADMIN,
    CASE_NUMBER,
    CHIEF,
    CHIEF_OUTSIDE,
    CLERK,
    FOOD,
    KIOSK,
    OTHER_CLERK,
    SUPERVISOR,
    SURVEY,
    counts,
    open_store,
    receive,
    required,
)
from tests.stores import store_of

# ---------------------------------------------------------------------------- schema


def test_migrations_build_an_empty_database_up_to_head(tmp_path: Path) -> None:
    services = open_store(tmp_path)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    with store_of(services) as store:
        with store.engine.connect() as connection:
            assert MigrationContext.configure(connection).get_current_revision() == head
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            triggers = connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'"
            ).scalars()
            assert set(triggers) == {
                "events_no_update",
                "events_no_delete",
                "audit_entries_no_update",
                "audit_entries_no_delete",
                "staff_events_no_update",
                "staff_events_no_delete",
                "staff_no_delete",
                "window_events_no_update",
                "window_events_no_delete",
                "case_centers_no_update",
                "case_centers_no_delete",
                "leave_events_no_update",
                "leave_events_no_delete",
                "setting_events_no_update",
                "setting_events_no_delete",
                "appointment_events_no_update",
                "appointment_events_no_delete",
                "portal_files_no_update",
                "portal_files_no_delete",
                "ticket_events_no_update",
                "ticket_events_no_delete",
                "number_leases_no_update",
                "number_leases_no_delete",
                "refusals_no_update",
                "refusals_no_delete",
                # one event per version unless the earlier is refused (0016)
                "staff_events_one_per_version",
                "window_events_one_per_position",
                "leave_events_one_per_position",
            }
        tables = set(inspect(store.engine).get_table_names())
    assert {
        "alembic_version",
        "events",
        "case_summaries",
        "case_numbers",
        "departments",
        "items",
        "staff",
        "staff_events",
        "calendar_years",
        "window_events",
        "windows",
        "case_centers",
        "refusals",
    } <= tables
    assert len(services.catalog.items()) >= 60
    assert [s.year for s in services.calendar.calendar().schedules] == [2025, 2026]
    services.close()
    # the mode is kept in the file, for every later connection
    with closing(sqlite3.connect(tmp_path / "onewindow.sqlite3")) as raw, raw:
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    again = open_store(tmp_path)  # opening again migrates nothing and loads nothing twice
    assert len(again.catalog.items()) == len(services.catalog.items())
    again.close()


def test_events_cannot_be_updated_or_deleted(services: Services) -> None:
    case_no = receive(services)
    for statement in ("UPDATE events SET actor = 'someone'", "DELETE FROM events"):
        with (
            store_of(services) as store,
            pytest.raises(DBAPIError, match="append-only"),
            store.engine.begin() as c,
        ):
            c.execute(text(statement))
    assert services.cases.detail(CLERK, case_no).case.events[0].actor == "scjg01"
    assert counts(services)[0] == 2
    assert services.cases.verify() == []


# ----------------------------------------------------------------------------- cases


def test_a_case_received_and_accepted_is_stored_listed_and_shown(services: Services) -> None:
    detail = services.cases.receive(
        CLERK, FOOD, demo_person(random.Random(3)), required(services), Accept()
    )
    case = detail.case
    assert case.status is CaseStatus.IN_PROGRESS
    assert [e.kind.value for e in case.events] == ["received", "accepted"]
    assert detail.department_name == "江川市市场监督管理局"
    assert detail.deadline.due.isoformat() == "2026-11-27"  # 4 working days

    shown = services.cases.detail(CLERK, case.case_no)
    assert shown.case.events == case.events
    assert shown.case.status is CaseStatus.IN_PROGRESS

    (entry,) = services.cases.list_cases(CLERK)
    summary = entry.summary
    assert (summary.case_no, summary.item_code, summary.status) == (
        case.case_no,
        FOOD,
        CaseStatus.IN_PROGRESS,
    )
    assert summary.applicant_masked_id == case.applicant.masked_id != case.applicant.id_number
    assert summary.events == 2 and summary.received_by == "scjg01"
    assert entry.deadline.due == detail.deadline.due
    assert services.cases.list_cases(CLERK, mine=True) == [entry]
    assert services.cases.list_cases(CHIEF, mine=True) == []
    assert services.cases.list_cases(CLERK, statuses=[CaseStatus.RECEIVED]) == []


def test_a_case_is_worked_through_the_services_to_pick_up(services: Services) -> None:
    case_no = receive(services)
    services.cases.complete_step(CLERK, case_no, 1, "现场核查通过", form=SURVEY)
    services.cases.extend(CHIEF, case_no, 3, "需补充核查")
    services.cases.decide(CHIEF, case_no, True)
    services.cases.issue(CLERK, case_no, "JY1")
    detail = services.cases.pick_up(CLERK, case_no, "本人")
    assert detail.case.status is CaseStatus.PICKED_UP
    (entry,) = services.cases.list_cases(SUPERVISOR)
    assert entry.summary.status is CaseStatus.PICKED_UP and entry.summary.events == 7
    assert services.cases.verify() == []


def test_correction_and_refusal_at_intake(services: Services) -> None:
    materials = required(services)
    notice = services.cases.receive(
        CLERK,
        FOOD,
        demo_person(random.Random(4)),
        materials[1:],
        RequestCorrection(tuple(materials[:1])),
    )
    assert notice.case.status is CaseStatus.AWAITING_CORRECTION
    assert notice.deadline.level is ClockLevel.WAITING and notice.deadline.due is None
    refused = services.cases.receive(
        CLERK, FOOD, demo_person(random.Random(5)), materials, Refuse("不属于本中心受理范围")
    )
    assert refused.case.status is CaseStatus.REFUSED
    services.cases.supplement(CLERK, notice.case.case_no, materials[:1])
    assert services.cases.accept(CLERK, notice.case.case_no).case.status is CaseStatus.IN_PROGRESS


# ---------------------------------------------------------------------- permissions


def test_a_supervisor_cannot_receive_and_an_administrator_cannot_handle(
    services: Services,
) -> None:
    with pytest.raises(PermissionDenied, match="电子监察.*无权接件"):
        receive(services, SUPERVISOR)
    case_no = receive(services)
    with pytest.raises(PermissionDenied, match="系统管理员"):
        services.cases.complete_step(ADMIN, case_no, 1, form=SURVEY)
    # both may look at every department's cases
    assert services.cases.detail(SUPERVISOR, case_no).case.case_no == case_no
    assert [e.summary.case_no for e in services.cases.list_cases(ADMIN)] == [case_no]


def test_a_kiosk_receives_but_cannot_accept(services: Services) -> None:
    with pytest.raises(PermissionDenied, match="自助终端"):
        receive(services, KIOSK)
    case_no = receive(services, KIOSK, decision=None)
    with pytest.raises(PermissionDenied, match="自助终端"):
        services.cases.accept(KIOSK, case_no)
    with pytest.raises(PermissionDenied):
        services.cases.list_cases(KIOSK)
    assert services.cases.accept(CLERK, case_no).case.status is CaseStatus.IN_PROGRESS


def test_a_clerk_of_another_department_cannot_see_or_handle_the_case(
    services: Services,
) -> None:
    case_no = receive(services)
    with pytest.raises(NotFound, match=case_no):
        services.cases.detail(OTHER_CLERK, case_no)
    with pytest.raises(NotFound):
        services.cases.complete_step(OTHER_CLERK, case_no, 1, form=SURVEY)
    with pytest.raises(NotFound):
        services.cases.withdraw(OTHER_CLERK, case_no, "撤回")
    assert services.cases.list_cases(OTHER_CLERK) == []
    with pytest.raises(NotFound, match="000000-00-000"):
        services.cases.detail(CLERK, "000000-00-000")


def test_the_service_says_which_items_a_window_may_accept_and_holds_to_it(
    services: Services,
) -> None:
    food = services.catalog.item(FOOD)
    assert services.cases.can_accept(CLERK, food)
    assert not services.cases.can_accept(OTHER_CLERK, food)  # another department's item
    assert not services.cases.can_accept(KIOSK, food)  # receives, never decides
    assert not services.cases.can_accept(SUPERVISOR, food)
    before = counts(services)
    for decision in (ACCEPT, Refuse("材料不实")):
        with pytest.raises(IllegalTransition, match="不属于本窗口所在部门"):
            receive(services, OTHER_CLERK, decision=decision)
    assert counts(services) == before


def test_a_clerk_cannot_extend_and_a_chief_outside_scope_cannot_decide(
    services: Services,
) -> None:
    case_no = receive(services)
    with pytest.raises(PermissionDenied, match="窗口人员.*无权延长办理期限"):
        services.cases.extend(CLERK, case_no, 5, "情况复杂")
    services.cases.complete_step(CLERK, case_no, 1, form=SURVEY)
    with pytest.raises(IllegalTransition, match="不在您的授权审批事项范围内"):
        services.cases.decide(CHIEF_OUTSIDE, case_no, True)
    with pytest.raises(IllegalTransition, match="须由首席代表办理"):
        services.cases.decide(CLERK, case_no, True)
    assert services.cases.detail(CLERK, case_no).case.status is CaseStatus.IN_PROGRESS
    assert services.cases.decide(CHIEF, case_no, True).case.status is CaseStatus.APPROVED


def test_a_refused_intake_decision_stores_nothing(services: Services) -> None:
    receive(services)
    before = counts(services)
    with pytest.raises(IllegalTransition, match="必需材料不齐"):
        receive(services, materials=required(services)[1:])
    with pytest.raises(IllegalTransition, match="须写明理由"):
        receive(services, decision=Refuse(" "))
    assert counts(services) == before
    # nor was a case number used up
    assert receive(services).endswith("-002")


# ----------------------------------------------------------------------- case numbers


def test_case_numbers_run_per_terminal_and_day(services: Services) -> None:
    numbers = [receive(services, seed=n) for n in range(3)]
    assert numbers == ["261123-01-001", "261123-01-002", "261123-01-003"]
    assert all(CASE_NUMBER.match(n) for n in numbers)
    assert isinstance(services.clock, FixedClock)
    services.clock.advance(days=1)
    assert receive(services) == "261124-01-001"


def test_two_terminals_never_hand_out_the_same_number(tmp_path: Path) -> None:
    stores = [open_store(tmp_path / f"t{n}", terminal_no=n) for n in (7, 8)]
    numbers = [receive(store, seed=n) for store in stores for n in range(4)]
    for store in stores:
        store.close()
    assert len(set(numbers)) == len(numbers) == 8
    assert {CASE_NUMBER.match(n).group(2) for n in numbers} == {"07", "08"}  # type: ignore[union-attr]


# -------------------------------------------------------------------- tamper evidence


def tamper(database: Path, statement: str, *args: object) -> None:
    """Change the file behind the application's back, as a disk editor would."""
    with closing(sqlite3.connect(database)) as raw, raw:
        raw.execute("DROP TRIGGER events_no_update")
        raw.execute("DROP TRIGGER events_no_delete")
        raw.execute(statement, args)


def case_findings(services: Services) -> list[tuple[str | None, str]]:
    """`verify`'s findings that name a case (the triggers `tamper` drops are named apart)."""
    return [(f.case_no, str(f.problem)) for f in services.cases.verify() if f.case_no]


def test_verify_names_a_case_whose_events_were_changed(services: Services) -> None:
    numbers = [receive(services, seed=n) for n in range(3)]
    assert services.cases.verify() == []
    case_id = str(services.cases.detail(CLERK, numbers[1]).case.case_id)
    tamper(
        services.paths.database,
        "UPDATE events SET payload = replace(payload, '营业执照', '伪造执照') "
        "WHERE case_id = ? AND position = 2",
        case_id,
    )
    (finding,) = case_findings(services)
    assert finding[0] == numbers[1]
    assert "第2条记录（accepted）的内容与哈希不符" in finding[1]


def test_verify_names_a_case_with_an_event_removed(services: Services) -> None:
    case_no = receive(services)
    services.cases.complete_step(CLERK, case_no, 1, form=SURVEY)
    case_id = str(services.cases.detail(CLERK, case_no).case.case_id)
    tamper(
        services.paths.database, "DELETE FROM events WHERE case_id = ? AND position = 2", case_id
    )
    assert case_findings(services) == [(case_no, "第2条记录缺失或顺序错乱（实际为第3条）")]


def test_verify_notices_the_last_events_cut_off_and_names_the_case_by_its_summary(
    services: Services,
) -> None:
    case_no = receive(services)
    services.cases.complete_step(CLERK, case_no, 1, form=SURVEY)
    case_id = str(services.cases.detail(CLERK, case_no).case.case_id)
    tamper(
        services.paths.database, "DELETE FROM events WHERE case_id = ? AND position = 3", case_id
    )
    assert case_findings(services) == [(case_no, "摘要记有3条记录，实有2条：末尾记录被删除")]


def test_a_terminal_number_outside_1_to_99_stops_the_store_from_opening(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text('{"terminal_no": 100}', encoding="utf-8")
    with pytest.raises(SettingsError, match="terminal_no 的值 100 无效"):
        open_store(tmp_path)


# --------------------------------------------------------------------- catalog sheet


def test_the_catalog_sheet_round_trips(services: Services, tmp_path: Path) -> None:
    before = [item.to_dict() for item in services.catalog.items()]
    sheet = tmp_path / "事项清单.xlsx"
    assert services.catalog.export_sheet(sheet) == len(before)
    assert services.catalog.import_sheet(ADMIN, sheet) == len(before)
    assert [item.to_dict() for item in services.catalog.items()] == before
    with store_of(services) as store:  # from the store, not the service's copy
        assert [
            item.to_dict() for item in CatalogService(store.uow, services.audit).items()
        ] == before
    with pytest.raises(PermissionDenied):
        services.catalog.import_sheet(CLERK, sheet)


def test_a_sheet_with_bad_rows_is_refused_row_by_row_and_nothing_is_imported(
    services: Services, tmp_path: Path
) -> None:
    before = [item.to_dict() for item in services.catalog.items()]
    sheet = tmp_path / "事项清单.xlsx"
    services.catalog.export_sheet(sheet)
    book = load_workbook(sheet)
    rows = book.active
    assert rows is not None
    column = {cell.value: cell.column for cell in rows[1]}
    rows.cell(2, column["承诺时限"]).value = rows.cell(2, column["法定时限"]).value + 1
    rows.cell(3, column["办件类型"]).value = "加急件"
    rows.cell(4, column["申请材料"]).value = "申请书，必需，原件"
    rows.cell(5, column["事项名称"]).value = "换了名字的事项"  # a good change, not imported either
    book.save(sheet)

    with pytest.raises(SheetError) as caught:
        services.catalog.import_sheet(ADMIN, sheet)
    bad = {row: str(reason) for row, reason in caught.value.rows}
    assert sorted(bad) == [2, 3, 4, 10]
    assert "不得超过法定时限" in bad[2]
    assert "子事项 SCJG-DJ-001 不在事项清单中" in bad[10]  # the one-form item whose child is row 2
    assert "办件类型“加急件”无法识别" in bad[3]
    assert "应写成“名称｜必需｜原件｜1”" in bad[4]
    message = str(caught.value)
    assert message.startswith("事项表未导入")
    assert all(f"第{row}行" in message for row in (2, 3, 4))
    assert [item.to_dict() for item in services.catalog.items()] == before
    with store_of(services) as store:
        assert [
            item.to_dict() for item in CatalogService(store.uow, services.audit).items()
        ] == before


# ---------------------------------------------------------------------------- signing in


def test_login_with_argon2_and_one_message_for_every_failure(services: Services) -> None:
    services.staff.create(
        None, "wangxy", Profile("王晓燕", Role.CLERK, "SCJG", ("A02",)), "窗口密码2026"
    )
    with store_of(services) as store, store.uow() as uow:
        member = uow.staff.get("wangxy")
    assert member is not None and member.password_hash.startswith("$argon2id$")
    assert "窗口密码2026" not in member.password_hash

    actor = services.auth.login(" wangxy ", "窗口密码2026")
    assert (actor.username, actor.role, actor.department, actor.window) == (
        "wangxy",
        Role.CLERK,
        "SCJG",
        "A02",
    )
    assert actor.terminal == services.settings["terminal_name"]
    assert services.auth.verify_password(actor, "窗口密码2026")
    assert not services.auth.verify_password(actor, "wrong")

    with pytest.raises(LoginFailed) as wrong_password:
        services.auth.login("wangxy", "窗口密码2025")
    with pytest.raises(LoginFailed) as unknown_user:
        services.auth.login("nobody", "窗口密码2026")
    assert str(wrong_password.value) == str(unknown_user.value) == "用户名或密码不正确"

    with pytest.raises(PasswordRefused, match="至少8位"):
        services.staff.create(None, "xyz", Profile("x", Role.SUPERVISOR, None), "short")
    with pytest.raises(PermissionDenied):
        services.staff.create(CLERK, "yyy", Profile("y", Role.SUPERVISOR, None), "long enough1")


# ------------------------------------------------------------------------------- demo


def test_demo_data_holds_a_case_in_every_state_and_verifies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the accounts' hashes are made with argon2's cheapest settings: this test is about cases
    monkeypatch.setattr(
        app.services.staff_log,
        "PasswordHasher",
        lambda: PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1),
    )
    services = open_store(tmp_path)
    accounts = services.demo.seed(60)
    assert {a.role for a in accounts} == set(Role)
    entries = services.cases.list_cases(SUPERVISOR, limit=1000)
    assert len(entries) == 60 + 2 * 6  # and two one-form applications of six cases each
    assert {e.summary.status for e in entries} == set(CaseStatus)
    assert services.cases.verify() == []
    for entry in entries:  # each summary agrees with the case its events give
        assert services.cases.detail(SUPERVISOR, entry.summary.case_no).case.status is (
            entry.summary.status
        )
    assert len({e.summary.case_no for e in entries}) == 72
    assert services.auth.login("scjg01", DEMO_PASSWORD).role is Role.CLERK
    # the history's numbers never clash with ours; the one-form applications were taken here
    assert receive(services) == "261123-01-013"
    services.close()
