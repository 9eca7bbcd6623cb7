"""Appointments and pre-applications in the store: a portal file taken whole or not at all and
once only, the folder watched, the card holder recognised, a pre-application taken up as a
case (channel online, the portal's number on its slip) with nothing typed again; and no ID
number, name or phone in the log."""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from app.bootstrap import Services, bootstrap
from app.domain.applicant import Applicant, ApplicantKind
from app.domain.appointments import (
    AppointmentError,
    AppointmentStatus,
    TicketPriority,
    Timeliness,
)
from app.domain.events import CHINA_TIME
from app.domain.portal_export import PortalFileError
from app.paths import Paths, resources_dir
from app.services.cases import Accept, Online
from app.services.errors import NotFound
from app.services.time_source import FixedClock
from printing.facts import case_facts
from tests.integration.store_harness import ADMIN, CLERK, KIOSK
from tests.personal_data import leaks

EXAMPLE = resources_dir() / "portal" / "example_export.json"
MORNING = datetime(2026, 12, 8, 9, 50, tzinfo=CHINA_TIME)  # the example's day


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(MORNING)


@pytest.fixture
def services(tmp_path: Path, clock: FixedClock) -> Iterator[Services]:
    home = tmp_path / "home"
    services = bootstrap(Paths(data=home, config=home, logs=home / "logs"), clock=clock)
    yield services
    services.close()


def document() -> dict[str, Any]:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def written(folder: Path, name: str, content: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    return path


def people() -> list[Any]:
    return [e["person"] for e in document()["entries"]]


def test_a_file_is_taken_once_however_it_is_named(services: Services, tmp_path: Path) -> None:
    report = services.portal.import_file(ADMIN, EXAMPLE)
    assert (report.added, report.known, report.refusal) == (4, 0, None)
    held = services.appointments.today(CLERK)
    assert [a.reference for a in held] == [
        "WS202612070015", "YY202612080001", "YY202612080002", "WS202612060042"
    ]  # fmt: skip
    renamed = shutil.copy(EXAMPLE, tmp_path / "copy.json")
    assert services.portal.import_file(ADMIN, Path(renamed)).again
    # the same entries in another file are the same appointments
    again = services.portal.import_file(ADMIN, written(tmp_path, "b.json", document()))
    assert (again.added, again.known) == (0, 4)
    assert len(services.appointments.today(CLERK)) == 4


def test_a_bad_file_is_refused_whole_naming_the_entry(services: Services, tmp_path: Path) -> None:
    content = document()
    content["entries"][2]["item"] = "NO-SUCH-ITEM"
    with pytest.raises(PortalFileError) as refused:
        services.portal.import_file(ADMIN, written(tmp_path, "bad.json", content))
    assert str(refused.value) == (
        "文件 bad.json 第 3 条（编号 WS202612070015）有误：事项编码 NO-SUCH-ITEM 不在本中心的事项清单中"
    )
    assert services.appointments.today(CLERK) == []  # not even the good entries before it
    content["entries"][2]["item"] = "SCJG-XK-001"
    content["entries"][2]["materials"] = ["一份不存在的材料"]
    with pytest.raises(PortalFileError, match="第 3 条.*不在该事项的材料清单中"):
        services.portal.import_file(ADMIN, written(tmp_path, "bad2.json", content))
    content["entries"][2]["materials"] = []
    content["entries"][2]["form"] = content["entries"][3]["form"]
    with pytest.raises(PortalFileError, match="只有一表制事项附申请表"):
        services.portal.import_file(ADMIN, written(tmp_path, "bad3.json", content))


def test_a_changed_entry_under_a_held_reference_is_refused(
    services: Services, tmp_path: Path
) -> None:
    services.portal.import_file(ADMIN, EXAMPLE)
    content = document()
    content["entries"][0]["slot"]["from"] = "09:00"
    with pytest.raises(PortalFileError, match="第 1 条（编号 YY202612080001）.*内容与本文件不同"):
        services.portal.import_file(ADMIN, written(tmp_path, "moved.json", content))


def test_a_cancellation_from_the_portal_closes_the_appointment(
    services: Services, tmp_path: Path
) -> None:
    cancel = {"format": "onewindow-portal-export", "version": 1, "entries": [
        {"type": "cancellation", "reference": "YY202612080002", "reason": "行程变更"}]}  # fmt: skip
    with pytest.raises(PortalFileError, match="没有导入过"):
        services.portal.import_file(ADMIN, written(tmp_path, "early.json", cancel))
    services.portal.import_file(ADMIN, EXAMPLE)
    cancel["entries"].append(cancel["entries"][0])  # type: ignore[attr-defined]
    report = services.portal.import_file(ADMIN, written(tmp_path, "cancel.json", cancel))
    assert report.cancelled == 1
    statuses = {a.reference: a.status for a in services.appointments.today(CLERK)}
    assert statuses["YY202612080002"] is AppointmentStatus.CANCELLED


def test_the_watched_folder_takes_new_files_and_reports_a_bad_one(
    services: Services, tmp_path: Path
) -> None:
    folder = tmp_path / "portal"
    services.settings.set("portal_folder", str(folder))
    written(folder, "1.json", document())
    bad = document()
    bad["entries"] = [{"type": "appointment", "reference": "YY9"}]
    written(folder, "2.json", bad)
    (folder / "notes.txt").write_text("not a portal file", encoding="utf-8")
    first = services.portal.import_folder(CLERK)
    assert [(r.name, r.added, r.refusal is None) for r in first] == [
        ("1.json", 4, True), ("2.json", 0, False)
    ]  # fmt: skip
    assert "2.json 第 1 条（编号 YY9）有误：缺少申请人" in str(first[1].words)
    assert services.portal.import_folder(CLERK) == []  # nothing met twice
    assert (folder / "1.json").exists()  # left for the other terminals


def test_a_missing_folder_is_said(services: Services, tmp_path: Path) -> None:
    services.settings.set("portal_folder", str(tmp_path / "nowhere"))
    with pytest.raises(NotFound, match="预约导出文件夹 .* 不存在"):
        services.portal.import_folder(CLERK)


def test_the_card_holder_is_recognised_and_checked_in_once(
    services: Services, clock: FixedClock
) -> None:
    services.portal.import_file(ADMIN, EXAMPLE)
    lin = document()["entries"][0]["person"]["id_number"]
    seen = services.appointments.arrival(CLERK, lin)  # the counter's question writes nothing
    assert seen is not None and seen.timeliness is Timeliness.ON_TIME
    assert services.appointments.today(CLERK)[1].status is AppointmentStatus.BOOKED
    came = services.appointments.check_in(KIOSK, lin)
    assert came is not None and came.priority is TicketPriority.APPOINTMENT
    assert str(came.words) == "预约 10:00 已签到，优先办理"
    services.appointments.check_in(KIOSK, lin)  # the card placed twice
    [booked] = [a for a in services.appointments.today(CLERK) if a.reference == "YY202612080001"]
    assert (booked.status, booked.version) == (AppointmentStatus.CHECKED_IN, 2)
    zhou = document()["entries"][1]["person"]["id_number"]
    assert services.appointments.check_in(KIOSK, zhou).timeliness is Timeliness.EARLY  # type: ignore[union-attr]
    clock.advance(hours=5)  # 14:50: past 14:00 + 15 minutes
    late = services.appointments.check_in(KIOSK, zhou)
    assert late is not None and late.priority is TicketPriority.ORDINARY
    assert late.timeliness is Timeliness.LATE
    assert services.appointments.check_in(KIOSK, "110101199001010015") is None


def test_a_pre_application_becomes_a_case_of_the_online_channel(services: Services) -> None:
    services.portal.import_file(ADMIN, EXAMPLE)
    [pre] = [a for a in services.appointments.today(CLERK) if a.reference == "WS202612070015"]
    entry = pre.entry
    assert entry.applicant is not None
    detail = services.appointments.accept(CLERK, pre.id, entry.applicant, entry.materials, Accept())
    receipt = detail.case.events[0].data
    assert (receipt.channel, receipt.reference) == ("online", "WS202612070015")  # type: ignore[attr-defined]
    item = services.catalog.item(entry.item_code)
    facts = case_facts(detail.case, detail.deadline, detail.department_name, item)
    assert facts.online_reference == "WS202612070015"
    after = services.appointments.appointment(CLERK, pre.id)
    assert (after.status, after.case_no) == (AppointmentStatus.ACCEPTED, detail.case.case_no)
    with pytest.raises(AppointmentError, match="已接件"):
        services.appointments.accept(CLERK, pre.id, entry.applicant, entry.materials, Accept())
    assert len(services.cases.list_cases(CLERK)) == 1  # type: ignore[attr-defined]


def test_the_one_form_filled_online_is_accepted_as_filled(services: Services) -> None:
    services.portal.import_file(ADMIN, EXAMPLE)
    [pre] = [a for a in services.appointments.today(CLERK) if a.reference == "WS202612060042"]
    assert pre.entry.form is not None
    detail = services.appointments.accept_one_form(
        CLERK, pre.id, pre.entry.form, pre.entry.materials
    )
    assert detail.joint is not None and detail.joint.children
    receipt = detail.case.events[0].data
    assert (receipt.channel, receipt.reference) == ("online", "WS202612060042")  # type: ignore[attr-defined]
    assert services.appointments.appointment(CLERK, pre.id).status is AppointmentStatus.ACCEPTED


def test_no_id_number_name_or_phone_reaches_the_log(
    services: Services, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    services.portal.import_file(ADMIN, EXAMPLE)
    bad = document()
    bad["entries"][0]["person"]["id_number"] = bad["entries"][0]["person"]["id_number"][:17] + "0"
    with pytest.raises(PortalFileError) as refused:
        services.portal.import_file(ADMIN, written(tmp_path, "bad.json", bad))
    for person in people():
        services.appointments.check_in(KIOSK, person["id_number"])
    applicants = [
        Applicant(ApplicantKind.PERSON, p["name"], p["id_number"], p["phone"]) for p in people()
    ]
    assert "portal file refused" in caplog.text and "arrival on_time" in caplog.text
    assert leaks([str(refused.value), caplog.text], applicants) == []


def test_a_case_taken_up_at_another_counter_closes_the_appointment_here(
    services: Services,
) -> None:
    """The appointment's own events stay at each terminal; a case that names its reference
    (here as if pulled from the counter that accepted it, which wrote the ACCEPTED event in
    its own store) takes it up here too, so it is not accepted twice."""
    services.portal.import_file(ADMIN, EXAMPLE)
    [pre] = [a for a in services.appointments.today(CLERK) if a.reference == "WS202612070015"]
    assert pre.entry.applicant is not None
    elsewhere = services.cases.receive(
        CLERK, pre.entry.item_code, pre.entry.applicant, pre.entry.materials, Accept(),
        online=Online(pre.reference, lambda uow, case: None),
    )  # fmt: skip
    [after] = [a for a in services.appointments.today(CLERK) if a.reference == pre.reference]
    assert (after.status, after.case_no) == (AppointmentStatus.ACCEPTED, elsewhere.case.case_no)
    with pytest.raises(AppointmentError, match="已接件"):
        services.appointments.accept(
            CLERK, pre.id, pre.entry.applicant, pre.entry.materials, Accept()
        )
    with services.cases._uow.reading() as uow:  # the receipts are found by their index
        plan = uow._session.execute(
            text(
                "EXPLAIN QUERY PLAN SELECT 1 FROM events WHERE kind = 'received' "
                "AND json_extract(payload, '$.reference') IN ('WS1')"
            )
        ).all()
    assert "ix_events_online_reference" in str(plan)
