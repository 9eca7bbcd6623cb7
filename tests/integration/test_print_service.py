"""The whole print path: a case in the store, its slip laid out, encoded and sent through a real
loopback socket to a printer that answers status queries; failures go to the reprint queue and
never touch the case."""

from __future__ import annotations

import random
import sqlite3
import stat
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from app.bootstrap import Services, bootstrap
from app.devices.printer.simulator import SimulatedState
from app.devices.printer.target import PrinterSettingError
from app.domain.applicant import Applicant, ApplicantKind
from app.domain.case import CaseStatus
from app.domain.events import CHINA_TIME
from app.domain.identity import make_resident_id
from app.domain.roles import Actor, PermissionDenied, Role
from app.paths import Paths
from app.services.cases import Accept, IntakeDecision, RequestCorrection
from app.services.demo_people import demo_person
from app.services.errors import NotSaved
from app.services.print_results import PrintOptions
from app.services.time_source import FixedClock
from app.settings import Settings, SettingsError
from printing.fonts import UnprintableText
from printing.notice_texts import NoticeKind
from printing.slips import SlipKind, SlipNotApplicable
from tests.integration.printer_harness import FakeNetworkPrinter, FakeState
from tests.unit.printing.escpos_decoder import decode

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=CHINA_TIME)  # a Monday
FOOD = "SCJG-XK-001"
CLERK = Actor("scjg01", "市场监管窗口", Role.CLERK, "SCJG", "A04", "counter-01")
SUPERVISOR = Actor("jiancha", "监察室", Role.SUPERVISOR, None, "", "counter-01")


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    services = bootstrap(Paths(tmp_path, tmp_path, tmp_path / "logs"), clock=FixedClock(NOW))
    yield services
    services.close()


@pytest.fixture
def printer(services: Services) -> Iterator[FakeNetworkPrinter]:
    with FakeNetworkPrinter() as printer:
        services.settings.set("printer", printer.target)
        yield printer


ACCEPT = Accept()


def receive(
    services: Services, applicant: Applicant | None = None, decision: IntakeDecision = ACCEPT
) -> str:
    """Receive a 食品经营许可 with its required materials; its case number."""
    item = services.catalog.item(FOOD)
    materials = [m.name for m in item.required_materials]
    person = applicant or demo_person(random.Random(7))
    return services.cases.receive(CLERK, FOOD, person, materials, decision).case.case_no


def test_an_acceptance_receipt_reaches_a_network_printer_as_a_person_reads_it(
    services: Services, printer: FakeNetworkPrinter
) -> None:
    person = demo_person(random.Random(7))
    case_no = receive(services, person)
    outcome = services.printing.print_slip(CLERK, case_no)
    assert outcome.printed, outcome.words
    assert outcome.words == "受理回执已打印"
    slip = decode(printer.wait_for_jobs(1)[0])
    text = slip.text
    assert "受理回执" in text
    assert case_no in text
    assert "食品经营许可" in text
    assert person.masked_id in text
    assert person.id_number not in text
    assert slip.qr_codes == [case_no]
    assert slip.cut
    assert not slip.problems
    assert printer.queries[:1] == [1]  # the status was asked before the job went


@pytest.mark.parametrize(
    ("state", "words"),
    [
        (FakeState.PAPER_OUT, "缺纸"),
        (FakeState.COVER_OPEN, "盖"),
        (FakeState.SILENT, "没有回应"),
    ],
)
def test_a_printer_in_trouble_queues_the_slip_and_the_case_goes_on(
    services: Services, printer: FakeNetworkPrinter, state: FakeState, words: str
) -> None:
    printer.state = state
    case_no = receive(services)
    outcome = services.printing.print_slip(CLERK, case_no)
    assert not outcome.printed
    assert words in outcome.words and "补打队列" in outcome.words
    assert printer.jobs == []
    assert services.cases.detail(CLERK, case_no).case.status is CaseStatus.IN_PROGRESS
    [job] = services.printing.waiting_jobs(CLERK)
    assert (job.case_no, job.kind, job.attempts) == (case_no, "acceptance", 1)

    again = services.printing.reprint(CLERK, job.id)  # still in trouble: stays queued
    assert not again.printed and "仍在补打队列" in again.words
    assert services.printing.waiting_jobs(CLERK)[0].attempts == 2

    printer.state = FakeState.READY
    assert services.printing.reprint(CLERK, job.id).printed
    assert services.printing.waiting_jobs(CLERK) == []
    assert case_no in decode(printer.wait_for_jobs(1)[0]).text


def test_an_unreachable_printer_is_named_and_the_slip_queued(services: Services) -> None:
    with FakeNetworkPrinter() as gone:
        target = gone.target
    services.settings.set("printer", target)
    case_no = receive(services)
    outcome = services.printing.print_slip(CLERK, case_no)
    assert not outcome.printed
    assert "127.0.0.1" in outcome.words and "补打队列" in outcome.words
    assert len(services.printing.waiting_jobs(CLERK)) == 1


def test_the_queue_keeps_the_reason_as_a_message_and_old_text_as_it_is(
    services: Services, tmp_path: Path
) -> None:
    """The reason is stored as its template and values, so the window can show it in English;
    a row written before that (plain Chinese text) still shows, as it was written."""
    with FakeNetworkPrinter() as gone:
        target = gone.target
    services.settings.set("printer", target)
    services.printing.print_slip(CLERK, receive(services))
    [job] = services.printing.waiting_jobs(CLERK)
    assert job.reason.template == "无法连接{printer}：{reason}"
    assert str(job.reason).startswith("无法连接网络打印机 127.0.0.1")
    old = "无法连接网络打印机 192.168.1.50:9100：连接被拒绝"
    with sqlite3.connect(Paths(tmp_path, tmp_path, tmp_path / "logs").database) as store:
        store.execute("UPDATE print_jobs SET reason = ?", (old,))
    [job] = services.printing.waiting_jobs(CLERK)
    assert str(job.reason) == old


def test_paper_near_end_prints_and_warns(services: Services, printer: FakeNetworkPrinter) -> None:
    printer.state = FakeState.PAPER_NEAR_END
    outcome = services.printing.print_slip(CLERK, receive(services))
    assert outcome.printed
    assert "纸将用尽" in outcome.words
    assert len(printer.wait_for_jobs(1)) == 1


def test_a_printer_that_cannot_report_status_may_be_told_not_to_be_asked(
    services: Services, printer: FakeNetworkPrinter
) -> None:
    printer.state = FakeState.SILENT
    services.settings.set("printer_reports_status", False)
    assert services.printing.print_slip(CLERK, receive(services)).printed
    assert printer.queries == []


def test_a_correction_slip_lists_every_missing_material(
    services: Services, printer: FakeNetworkPrinter
) -> None:
    missing = [m.name for m in services.catalog.item(FOOD).required_materials]
    case_no = receive(services, decision=RequestCorrection(tuple(missing)))
    assert services.printing.print_slip(CLERK, case_no).printed
    text = decode(printer.wait_for_jobs(1)[0]).text
    assert "补正材料告知单" in text
    for material in missing:
        assert material[:8] in text


def test_a_rare_character_in_a_name_is_printed_as_an_image_of_its_line(
    services: Services, printer: FakeNetworkPrinter
) -> None:
    person = replace(demo_person(random.Random(3)), name="王𡒄")
    case_no = receive(services, person)
    assert services.printing.print_slip(CLERK, case_no).printed
    slip = decode(printer.wait_for_jobs(1)[0])
    assert len(slip.images) == 1  # the applicant's line only; the rest stays text
    assert slip.images[0].width == 576
    assert "申请人" not in slip.text and case_no in slip.text
    assert not slip.problems


def test_a_character_no_font_holds_is_refused_with_its_code(
    services: Services, printer: FakeNetworkPrinter
) -> None:
    person = Applicant(
        ApplicantKind.PERSON, "李\U000f0001", make_resident_id("230202", date(1990, 1, 2), 11)
    )
    case_no = receive(services, person)
    with pytest.raises(UnprintableText, match="U\\+F0001"):
        services.printing.print_slip(CLERK, case_no)
    assert printer.jobs == []


def test_raster_mode_and_58_mm_paper_on_another_printer(
    services: Services, printer: FakeNetworkPrinter
) -> None:
    case_no = receive(services)
    services.settings.set("printer", "simulator")
    options = PrintOptions(printer=printer.target, paper_mm=58, raster=True)
    assert services.printing.print_slip(CLERK, case_no, SlipKind.PROCESS, options).printed
    slip = decode(printer.wait_for_jobs(1)[0])
    assert slip.text.strip() == ""
    assert [image.width for image in slip.images] == [384]
    assert slip.cut


def test_a_slip_the_case_cannot_have_is_refused(services: Services) -> None:
    case_no = receive(services)
    with pytest.raises(SlipNotApplicable, match="不予受理"):
        services.printing.print_slip(CLERK, case_no, SlipKind.REFUSAL)


def test_printing_is_checked_on_the_service_layer(services: Services) -> None:
    case_no = receive(services)
    with pytest.raises(PermissionDenied):
        services.printing.print_slip(SUPERVISOR, case_no)


def test_the_simulated_printer_keeps_each_job_and_can_play_a_printer_in_trouble(
    services: Services,
) -> None:
    case_no = receive(services)
    assert services.printing.print_slip(CLERK, case_no).printed
    assert case_no in decode(services.printing.simulator.last_job or b"").text
    services.printing.simulate(SimulatedState.UNREACHABLE)
    outcome = services.printing.print_slip(CLERK, case_no)
    assert not outcome.printed and "补打队列" in outcome.words


def test_the_preview_is_an_image_of_the_paper_width(services: Services) -> None:
    case_no = receive(services)
    preview = services.printing.preview(CLERK, case_no)
    assert preview.kind is SlipKind.ACCEPTANCE
    assert preview.png.startswith(b"\x89PNG")
    assert int.from_bytes(preview.png[16:20], "big") == 576
    assert SlipKind.PROCESS in preview.kinds


def test_the_test_page_and_the_status_in_words(
    services: Services, printer: FakeNetworkPrinter
) -> None:
    outcome = services.printing.test_page(CLERK)
    assert outcome.printed and "127.0.0.1" in outcome.words
    assert "打印测试页" in decode(printer.wait_for_jobs(1)[0]).text
    printer.state = FakeState.PAPER_OUT
    assert "缺纸" in services.printing.printer_status().words


ADMIN = Actor("admin", "系统管理员", Role.ADMINISTRATOR, None, "", "counter-01")


def test_the_printer_setup_is_saved_whole_or_not_at_all(services: Services, tmp_path: Path) -> None:
    setup = services.printing.setup()
    with pytest.raises(PermissionDenied):
        services.printing.configure(CLERK, replace(setup, paper_mm=58))
    with pytest.raises(PrinterSettingError, match="tcp"):
        services.printing.configure(ADMIN, replace(setup, printer="tcp:", paper_mm=58))
    with pytest.raises(SettingsError, match="印章图片"):
        services.printing.configure(ADMIN, replace(setup, seal_image=str(tmp_path / "none.png")))
    assert services.printing.setup() == setup  # nothing changed by a refused setup
    services.printing.configure(ADMIN, replace(setup, printer="tcp:10.0.0.9", paper_mm=58))
    reloaded = Settings.load(services.paths.settings)
    assert (reloaded["printer"], reloaded["paper_mm"]) == ("tcp:10.0.0.9", 58)


def test_the_printer_state_counts_the_slips_waiting(services: Services) -> None:
    case_no = receive(services)
    services.printing.simulate(SimulatedState.COVER_OPEN)
    services.printing.print_slip(CLERK, case_no)
    state = services.printing.printer_state(CLERK)
    assert (state.report.words, state.waiting) == ("打印机盖未关好", 1)
    services.settings.set("printer_reports_status", False)
    assert "不查询" in services.printing.printer_state(CLERK).report.words


def test_a_notice_is_saved_or_the_reason_told(services: Services, tmp_path: Path) -> None:
    case_no = receive(services)
    saved = services.printing.save_notice(CLERK, case_no, NoticeKind.ACCEPTANCE, tmp_path / "n.pdf")
    assert saved.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600  # the applicant's name and ID number
    (tmp_path / "file").write_text("")
    with pytest.raises(NotSaved, match="通知书没有保存到"):
        services.printing.save_notice(
            CLERK, case_no, NoticeKind.ACCEPTANCE, tmp_path / "file" / "n.pdf"
        )
