"""The daily report (当日办件日结单) over a seeded day: the figures this terminal's events give,
the day's signed checkpoint on the slip that reaches a printer through a real loopback socket
and in the A4 PDF, the plain sentence when no checkpoint of the day is held, the queue when the
printer is out of paper, and never a name or an ID number anywhere."""

from __future__ import annotations

import random
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.bootstrap import Services, bootstrap
from app.central.signing import SigningKey
from app.domain.applicant import Applicant
from app.domain.checkpoints import Checkpoint, merkle_root, signed_text
from app.domain.daily_report import Tally
from app.domain.events import CHINA_TIME
from app.domain.roles import Actor, PermissionDenied, Role
from app.paths import Paths
from app.services.cases import Accept, RequestCorrection
from app.services.daily_report import NotYet
from app.services.demo_people import demo_person, demo_step_record
from app.services.time_source import FixedClock
from printing.daily_report import NO_CHECKPOINT
from tests.integration.cli_calls import call
from tests.integration.printer_harness import FakeNetworkPrinter, FakeState
from tests.integration.test_tampering import sql
from tests.stores import store_of
from tests.unit.printing.escpos_decoder import decode

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=CHINA_TIME)  # a Monday
DAY = NOW.date()
FOOD = "SCJG-XK-001"  # 食品经营许可: decided by the chief at step 2
CLOSURE = "SCJG-DJ-004"  # 企业注销登记: the chief decides right after acceptance
TERMINAL = "counter-01"
CLERK = Actor("scjg01", "市场监管窗口", Role.CLERK, "SCJG", "A04", TERMINAL)
CHIEF = Actor(
    "scjg-chief", "首席代表", Role.CHIEF_REPRESENTATIVE, "SCJG", "A06", TERMINAL, frozenset({FOOD})
)
ELSEWHERE = replace(CLERK, username="scjg02", terminal="counter-02")
SURVEY = demo_step_record(date(2026, 11, 20))


class Day:
    """The seeded store: what was done, by whom and for whom."""

    def __init__(self, services: Services, clock: FixedClock) -> None:
        self.services, self.clock = services, clock
        self.people: list[Applicant] = []
        self.case_nos: list[str] = []

    def receive(self, actor: Actor = CLERK, item: str = FOOD, decision: object = None) -> str:
        person = demo_person(random.Random(len(self.people) + 1))
        self.people.append(person)
        materials = [m.name for m in self.services.catalog.item(item).required_materials]
        if isinstance(decision, RequestCorrection):
            materials = materials[1:]
        detail = self.services.cases.receive(actor, item, person, materials, decision)  # type: ignore[arg-type]
        self.case_nos.append(detail.case.case_no)
        return detail.case.case_no


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW - timedelta(days=3))


@pytest.fixture
def services(tmp_path: Path, clock: FixedClock) -> Iterator[Services]:
    services = bootstrap(Paths(tmp_path, tmp_path, tmp_path / "logs"), clock=clock)
    yield services
    services.close()


@pytest.fixture
def day(services: Services, clock: FixedClock) -> Day:
    """Three days back, a case; on the day: six cases of this terminal, one of another."""
    seeded = Day(services, clock)
    seeded.receive(decision=Accept())  # another day: not counted on DAY
    clock.moment = NOW
    seeded.receive(decision=Accept())  # received, accepted
    missing = services.catalog.item(FOOD).required_materials[0].name
    seeded.receive(decision=RequestCorrection((missing,)))  # received, correction
    refused = seeded.receive()  # received, then refused
    services.cases.refuse(CLERK, refused, "不属于本机关职权范围")
    to_chief = seeded.receive(decision=Accept())  # received, accepted, to the chief, finished
    detail = services.cases.detail(CHIEF, to_chief)
    while not detail.case.awaiting_decision:
        step = detail.case.current_step
        assert step is not None
        detail = services.cases.complete_step(CHIEF, to_chief, step, form=SURVEY)
    services.cases.decide(CHIEF, to_chief, True)
    services.cases.issue(CHIEF, to_chief, "JY12345")
    seeded.receive(item=CLOSURE, decision=Accept())  # another item: received, accepted
    seeded.receive(ELSEWHERE, decision=Accept())  # another terminal: not counted here
    clock.moment = NOW.replace(hour=17, minute=30)
    return seeded


def sign(
    services: Services,
    at: datetime,
    terminal: str = TERMINAL,
    upto: int | None = None,
    **changed: object,
) -> Checkpoint:
    """A checkpoint of `terminal`'s log as this store holds it now (its first `upto` events),
    signed as the central signs them, and kept as a sync keeps what it receives (`changed`:
    fields to forge)."""
    key = SigningKey(Ed25519PrivateKey.generate())
    with store_of(services) as store, store.uow() as uow:
        leaves = [item for _, item in uow.checkpoints.own_leaves(terminal, set())][:upto]
        fields: dict[str, object] = {
            "center": "C1",
            "terminal": terminal,
            "size": len(leaves),
            "root": merkle_root(leaves),
            "signed_at": at.isoformat(timespec="microseconds"),
        }
        fields.update(changed)
        text = signed_text(*fields.values())  # type: ignore[arg-type]
        checkpoint = Checkpoint(**fields, key=key.public_hex, signature=key.sign(text))  # type: ignore[arg-type]
        uow.checkpoints.keep([checkpoint])
        uow.commit()
    return checkpoint


def without_personal_data(text: str, day: Day) -> None:
    for person in day.people:
        assert person.id_number not in text
        assert person.name not in text


def flat(text: str) -> str:
    return "".join(text.split())


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_days_figures_count_what_this_terminal_did_by_item(
    services: Services, day: Day
) -> None:
    report = services.printing.daily_report(CLERK, DAY).report
    assert report.figures.totals == {
        Tally.RECEIVED: 5,
        Tally.ACCEPTED: 3,
        Tally.CORRECTION: 1,
        Tally.REFUSED: 1,
        Tally.TO_CHIEF: 2,  # the food license after its survey, the closure on acceptance
        Tally.FINISHED: 1,
    }
    by_item = {item.item_code: item.counts for item in report.figures.items}
    assert set(by_item) == {FOOD, CLOSURE}
    closure = by_item[CLOSURE]
    assert closure[Tally.RECEIVED] == closure[Tally.ACCEPTED] == closure[Tally.TO_CHIEF] == 1
    assert by_item[FOOD][Tally.RECEIVED] == 4
    earlier = services.printing.daily_report(CLERK, DAY - timedelta(days=3)).report
    assert earlier.figures.totals[Tally.RECEIVED] == 1
    assert services.printing.daily_report(CLERK, DAY - timedelta(days=1)).report.figures.items == ()


def test_the_printed_report_carries_the_days_root_and_tree_size(
    services: Services, day: Day
) -> None:
    sign(services, NOW - timedelta(days=1, hours=2), upto=2)  # the day before's
    signed = sign(services, NOW.replace(hour=17))
    sign(services, NOW.replace(hour=17, minute=5), terminal="counter-02")
    shown = services.printing.daily_report(CLERK, DAY)
    assert shown.report.anchor is not None and shown.report.anchor.checkpoint == signed
    assert shown.report.anchor.holds and shown.report.anchor.uncovered == 0
    with FakeNetworkPrinter() as printer:
        services.settings.set("printer", printer.target)
        outcome = services.printing.print_daily_report(CLERK, shown.report)
        assert outcome.printed, outcome.words
        slip = decode(printer.wait_for_jobs(1)[0])
    assert not slip.problems and slip.cut
    assert slip.qr_codes == [signed.root]  # the root whole, in the QR code
    text = slip.text
    assert "当日办件日结单" in text
    assert f"记录数：{signed.size}" in text
    assert " ".join(signed.root[i : i + 4] for i in range(0, 16, 4)) in text  # shortened
    assert "通过" in text and "签署时间：2026-11-23 17:00:00" in text
    assert "接件：5" in text and "移交首席代表：2" in text
    without_personal_data(text + "".join(slip.qr_codes), day)
    for case_no in day.case_nos:  # counts only
        assert case_no not in text


def test_the_pdf_holds_the_full_root_and_tree_size(
    services: Services, day: Day, tmp_path: Path
) -> None:
    signed = sign(services, NOW.replace(hour=16))
    report = services.printing.daily_report(CLERK, DAY).report
    path = services.printing.save_daily_report(CLERK, report, tmp_path / "日结单.pdf")
    assert path.stat().st_mode & 0o077 == 0
    text = pdf_text(path)
    assert signed.root in flat(text)
    assert f"记录数{signed.size}" in flat(text)
    assert "食品经营许可" in text and "通过" in text
    without_personal_data(text, day)


def test_without_a_checkpoint_of_the_day_the_report_says_so_instead_of_a_root(
    services: Services, day: Day, tmp_path: Path
) -> None:
    sign(services, NOW - timedelta(days=1), upto=2)  # only the day before's
    shown = services.printing.daily_report(CLERK, DAY)
    assert shown.report.anchor is None
    assert flat(NO_CHECKPOINT) in flat(shown.text)
    assert "根哈希：" not in shown.text
    path = services.printing.save_daily_report(CLERK, shown.report, tmp_path / "r.pdf")
    assert flat(NO_CHECKPOINT) in flat(pdf_text(path))
    with FakeNetworkPrinter() as printer:
        services.settings.set("printer", printer.target)
        assert services.printing.print_daily_report(CLERK, shown.report).printed
        slip = decode(printer.wait_for_jobs(1)[0])
    assert slip.qr_codes == [] and flat(NO_CHECKPOINT) in flat(slip.text)


def test_a_log_that_does_not_give_the_signed_root_is_said_not_to_hold(
    services: Services, day: Day
) -> None:
    sign(services, NOW.replace(hour=17), root="ab" * 32)  # signed, but over other events
    anchor = services.printing.daily_report(CLERK, DAY).report.anchor
    assert anchor is not None and not anchor.holds
    assert "不符" in services.printing.daily_report(CLERK, DAY).text


def test_events_written_after_the_checkpoint_are_counted_as_not_covered(
    services: Services, day: Day
) -> None:
    sign(services, NOW.replace(hour=12))
    day.receive(decision=Accept())
    anchor = services.printing.daily_report(CLERK, DAY).report.anchor
    assert anchor is not None and anchor.holds and anchor.uncovered == 2


def test_out_of_paper_keeps_the_report_queued_until_it_prints(services: Services, day: Day) -> None:
    signed = sign(services, NOW.replace(hour=17))
    report = services.printing.daily_report(CLERK, DAY).report
    with FakeNetworkPrinter() as printer:
        services.settings.set("printer", printer.target)
        printer.state = FakeState.PAPER_OUT
        outcome = services.printing.print_daily_report(CLERK, report)
        assert not outcome.printed and "缺纸" in outcome.words and "补打队列" in outcome.words
        [job] = services.printing.waiting_jobs(CLERK)
        assert (job.case_no, job.kind) == (DAY.isoformat(), "daily_report")
        printer.state = FakeState.READY
        assert services.printing.reprint(CLERK, job.id).words == "当日办件日结单已补打"
        slip = decode(printer.wait_for_jobs(1)[0])
    assert services.printing.waiting_jobs(CLERK) == []
    assert slip.qr_codes == [signed.root] and f"记录数：{signed.size}" in slip.text


def test_only_staff_of_a_window_print_it_and_never_for_a_day_to_come(
    services: Services, day: Day
) -> None:
    for role in (Role.SUPERVISOR, Role.KIOSK):
        with pytest.raises(PermissionDenied):
            services.printing.daily_report(replace(CLERK, role=role), DAY)
    with pytest.raises(NotYet):
        services.printing.daily_report(CLERK, DAY + timedelta(days=1))


def test_the_command_writes_the_pdf_and_shows_the_report(
    services: Services, day: Day, tmp_path: Path
) -> None:
    signed = sign(services, NOW.replace(hour=17))
    target = tmp_path / "out" / "daily.pdf"
    run = call(tmp_path, "report", "daily", "--date", DAY.isoformat(), "--pdf", str(target))
    assert run.code == 0, run.err
    assert f"记录数：{signed.size}" in run.out and "已写入日结单" in run.out
    assert signed.root in flat(pdf_text(target))
    without_personal_data(run.out + run.err, day)
    mistyped = call(tmp_path, "report", "daily", "--date", "23/11/2026")
    assert mistyped.code == 2 and "YYYY-MM-DD" in mistyped.err
    to_come = call(tmp_path, "report", "daily", "--date", "2999-01-01", "--pdf", str(target))
    assert to_come.code == 1 and "还没有到" in to_come.err


def test_a_case_whose_log_does_not_read_is_left_out_and_said(services: Services, day: Day) -> None:
    refused = day.case_nos[3]  # received and refused on the day
    sql(
        services.paths.database,
        "UPDATE events SET at = 'yesterday' WHERE position = 2 AND case_id ="
        " (SELECT case_id FROM case_summaries WHERE case_no = ?)",
        refused,
    )
    shown = services.printing.daily_report(CLERK, DAY)
    assert shown.report.figures.unreadable == 1
    assert shown.report.figures.totals[Tally.RECEIVED] == 4
    assert "有1件办件的记录无法读取" in flat(shown.text) and refused not in shown.text
