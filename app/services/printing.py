"""Slips and notices for a case, and the terminal's daily report: previewed, printed, queued
for reprint when the printer fails.

A printer never holds up a case: the case is committed before anything is printed, and a slip
that does not come out (printer unreachable, out of paper, silent) goes to the reprint queue with
the printer's answer in words, to be printed again from the queue or from the case.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from uuid import UUID, uuid4

from app.devices.printer.errors import PrinterUnavailable
from app.devices.printer.simulator import SimulatedPrinter
from app.devices.printer.slip_printer import SlipPrinter
from app.devices.printer.status import SimulatedState, StatusReport, StatusState
from app.devices.printer.target import parse_target
from app.domain.daily_report import DailyReport
from app.domain.messages import Message, msg
from app.domain.print_jobs import PrintJob
from app.domain.roles import Actor, Permission
from app.private_files import write_private
from app.services.cases import CaseService
from app.services.catalog import CatalogService
from app.services.daily_report import DailyReportService
from app.services.errors import NotFound, NotSaved
from app.services.print_results import (
    THIS_PRINTER,
    DailyPreview,
    PrinterSetup,
    PrinterState,
    PrintOptions,
    PrintOutcome,
    SlipPreview,
)
from app.services.settings import SETUP_KEYS, SettingsService
from app.services.time_source import Clock
from app.services.views import CaseDetail
from app.settings import Settings, SettingsError
from app.storage.unit_of_work import UnitOfWorkFactory
from printing.daily_report import DAILY_REPORT, daily_slip
from printing.facts import CaseFacts, Center, case_facts
from printing.kiosk_slip import KIOSK_SLIP
from printing.notice_texts import NOTICE_TITLES, NoticeKind, applicable_notices
from printing.slip_layout import PAPERS, Paper, Slip, lay_out, text_of
from printing.slips import (
    SLIP_MESSAGES,
    SlipKind,
    applicable_slips,
    build_slip,
    default_slip,
    test_page,
)

log = logging.getLogger(__name__)

#: Opens the printer a setting names (`simulator`, `tcp:HOST:PORT`, …).
PrinterOpener = Callable[[str], SlipPrinter]
#: Builds again, for a reprint, a slip another service laid out: from the job's key.
SlipSource = Callable[[Actor, str], Slip]


class PrintService:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        cases: CaseService,
        catalog: CatalogService,
        settings: Settings,
        clock: Clock,
        open_printer: PrinterOpener,
        simulator: SimulatedPrinter,
        reports: DailyReportService,
        counter_settings: SettingsService,
    ) -> None:
        self._uow = uow
        self._counter_settings = counter_settings
        self._reports = reports
        self._cases = cases
        self._catalog = catalog
        self._settings = settings
        self._clock = clock
        self._open_printer = open_printer
        #: The printer of the `simulator` setting: one per process, so that the demo menu can
        #: play a printer in trouble and the tests can read what it printed.
        self.simulator = simulator
        self._sources: dict[str, SlipSource] = {}

    # ---- slips ----------------------------------------------------------------------

    def preview(self, actor: Actor, case_no: str, kind: SlipKind | None = None) -> SlipPreview:
        facts = self._facts(actor, case_no)
        chosen = kind or default_slip(facts)
        slip = self._slip(chosen, facts)
        return SlipPreview(chosen, slip.title, self._png(slip), tuple(applicable_slips(facts)))

    def print_slip(
        self,
        actor: Actor,
        case: str | CaseDetail,
        kind: SlipKind | None = None,
        options: PrintOptions = THIS_PRINTER,
    ) -> PrintOutcome:
        """Print one slip of the case (by default the one the applicant should leave with);
        the case by its number, or as the command that stored it just returned it.

        On this counter's printer a slip that does not come out joins the reprint queue; on
        another printer named in `options` (the command line) the failure is only reported.
        """
        facts = self._facts(actor, case)
        chosen = kind or default_slip(facts)
        slip = self._slip(chosen, facts)
        return self._deliver(actor, slip, facts.case_no, chosen.value, options)

    def print_made(self, actor: Actor, slip: Slip, key: str) -> PrintOutcome:
        """Print a slip another service laid out (the kiosk's); one that does not come out
        joins the reprint queue under `key`, from which `serve_reprints`' source rebuilds it."""
        actor.require(Permission.PRINT, msg("打印"))
        return self._deliver(actor, slip, key, slip.kind, THIS_PRINTER)

    def serve_reprints(self, kind: str, source: SlipSource) -> None:
        """Reprint the queued slips of `kind` as `source` builds them from their key."""
        self._sources[kind] = source

    def _deliver(
        self, actor: Actor, slip: Slip, key: str, kind: str, options: PrintOptions
    ) -> PrintOutcome:
        """Print a slip; on this counter's printer one that does not come out is queued
        under `key` (its case number, or the day of a daily report) and `kind`."""
        sent = self._print(slip, options)
        title = job_title(kind)
        if sent.printed:
            log.info("%s of %s printed", kind, key)
            return PrintOutcome(True, _joined(msg("{slip}已打印", slip=title), sent.words))
        if options.printer is not None:
            return PrintOutcome(False, sent.why)
        job = PrintJob(uuid4(), key, kind, self._clock.now(), actor.username, sent.why, 1)
        with self._uow() as uow:
            uow.print_jobs.add(job)
            uow.commit()
        log.warning("%s of %s queued for reprint: %s", kind, key, sent.why)
        queued = msg("{why}；{slip}已放入补打队列", why=sent.why, slip=title)
        return PrintOutcome(False, queued, job.id)

    # ---- the daily report -----------------------------------------------------------

    def daily_report(self, actor: Actor, day: date) -> DailyPreview:
        """This terminal's report of `day`, and how it will come out of the slip printer."""
        report = self._reports.report(actor, day)
        slip = self._daily_slip(report)
        paper = self._paper(THIS_PRINTER)
        return DailyPreview(report, self._png(slip), text_of(lay_out(slip, paper)))

    def print_daily_report(
        self, actor: Actor, report: DailyReport, options: PrintOptions = THIS_PRINTER
    ) -> PrintOutcome:
        """Print the report on the slip printer; queued (by its day) like a slip when the
        printer fails, and printed afresh from the store when reprinted."""
        actor.require(Permission.DAILY_REPORT, msg("打印日结单"))
        day = report.figures.day.isoformat()
        return self._deliver(actor, self._daily_slip(report), day, DAILY_REPORT, options)

    def save_daily_report(self, actor: Actor, report: DailyReport, path: Path) -> Path:
        """Write the report as an A4 PDF at `path`."""
        from printing.daily_report_pdf import daily_pdf  # reportlab loads on the first PDF

        actor.require(Permission.DAILY_REPORT, msg("打印日结单"))
        pdf = daily_pdf(report, self.center(), self._clock.now())
        return self._write_pdf(path, pdf, msg("日结单"))

    def _daily_slip(self, report: DailyReport) -> Slip:
        return daily_slip(report, self.center(), self._clock.now())

    def test_page(self, actor: Actor, options: PrintOptions = THIS_PRINTER) -> PrintOutcome:
        """Print the test page; nothing is queued when it fails."""
        actor.require(Permission.PRINT, msg("打印"))
        described = self._printer(options).describe()
        paper = self._paper(options)
        sent = self._print(
            test_page(self.center(), str(described), paper.millimetres, self._clock.now()),
            options,
        )
        if sent.printed:
            done = msg("测试页已打印（{printer}）", printer=described)
            return PrintOutcome(True, _joined(done, sent.words))
        return PrintOutcome(False, sent.why)

    def printer_status(self, options: PrintOptions = THIS_PRINTER) -> StatusReport:
        """How the printer is; an unreachable printer is a report too, not an error."""
        try:
            return self._printer(options).status()
        except PrinterUnavailable as error:
            return StatusReport.no_answer(error.message)

    # ---- this counter's printer ----------------------------------------------------

    def printer_state(self, actor: Actor) -> PrinterState:
        """The printer's answer (not asked when status queries are switched off) and the
        length of the reprint queue."""
        if self._settings["printer_reports_status"]:
            report = self.printer_status()
        else:
            report = StatusReport.not_supported(msg("打印前不查询打印机状态（设置中已关闭）"))
        return PrinterState(report, len(self.waiting_jobs(actor)))

    @property
    def simulated_state(self) -> SimulatedState:
        return self.simulator.state

    def simulate(self, state: SimulatedState) -> None:
        """Have the simulated printer play `state` (the demo menu)."""
        self.simulator.state = state

    def setup(self) -> PrinterSetup:
        return PrinterSetup(**{field: self._settings[key] for field, key in SETUP_KEYS.items()})

    def configure(self, actor: Actor, setup: PrinterSetup) -> None:
        """Save a new setup; nothing changes if any part of it is refused."""
        actor.require(Permission.CONFIGURE_TERMINAL, msg("修改本终端的打印机设置"))
        if setup.seal_image and not Path(setup.seal_image).is_file():
            raise SettingsError(msg("印章图片 {path} 不存在，请重新选择", path=setup.seal_image))
        parse_target(setup.printer)  # PrinterSettingError says what a target looks like
        self._counter_settings.save(
            actor, {key: getattr(setup, field) for field, key in SETUP_KEYS.items()}
        )

    # ---- the reprint queue ----------------------------------------------------------

    def waiting_jobs(self, actor: Actor) -> list[PrintJob]:
        actor.require(Permission.PRINT, msg("查看补打队列"))
        with self._uow.reading() as uow:
            return uow.print_jobs.waiting()

    def reprint(self, actor: Actor, job_id: UUID) -> PrintOutcome:
        """Print a queued slip again; it leaves the queue only when it came out."""
        actor.require(Permission.PRINT, msg("补打"))
        with self._uow.reading() as uow:
            job = uow.print_jobs.get(job_id)
        if job is None or job.done_at is not None:
            raise NotFound(msg("补打队列中没有这张凭条（可能已经补打）"))
        sent = self._print(self._queued_slip(actor, job), THIS_PRINTER)
        with self._uow() as uow:
            if sent.printed:
                uow.print_jobs.done(job_id, self._clock.now())
            else:
                uow.print_jobs.failed_again(job_id, sent.why)
            uow.commit()
        if sent.printed:
            done = msg("{slip}已补打", slip=job_title(job.kind))
            return PrintOutcome(True, _joined(done, sent.words))
        return PrintOutcome(False, msg("{why}；仍在补打队列中", why=sent.why), job_id)

    # ---- notices --------------------------------------------------------------------

    def notice_kinds(self, actor: Actor, case_no: str) -> list[NoticeKind]:
        return applicable_notices(self._facts(actor, case_no))

    def notice_pdf(self, actor: Actor, case: str | CaseDetail, kind: NoticeKind) -> bytes:
        """The notice of a case held here (by its number), or of one read from the central (a
        上报件 decided at the center above, as its desk holds it)."""
        from printing.notices import render_notice  # reportlab loads on the first notice

        facts = self._facts(actor, case)
        return render_notice(kind, facts, self.center(), self._clock.now().date())

    def save_notice(
        self, actor: Actor, case: str | CaseDetail, kind: NoticeKind, path: Path
    ) -> Path:
        """Write the notice as a PDF file at `path`."""
        self._write_pdf(path, self.notice_pdf(actor, case, kind), msg("通知书"))
        log.info("notice %s of case %s saved", kind.value, case_no_of(case))
        return path

    def notice_to_open(
        self, actor: Actor, case: str | CaseDetail, kind: NoticeKind, folder: Path
    ) -> Path:
        """The notice written into `folder` under a readable name, for a PDF viewer to open."""
        name = notice_file_name(case_no_of(case), kind)
        return self.save_notice(actor, case, kind, folder / name)

    # ---- shared machinery -----------------------------------------------------------

    def _write_pdf(self, path: Path, pdf: bytes, what: Message) -> Path:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_private(path, pdf)  # a notice holds the applicant's name and ID number
        except OSError as error:
            raise NotSaved(
                msg(
                    "{what}没有保存到 {path}：{error}",
                    what=what,
                    path=str(path),
                    error=str(error.strerror or error),
                )
            ) from error
        return path

    def _queued_slip(self, actor: Actor, job: PrintJob) -> Slip:
        if (source := self._sources.get(job.kind)) is not None:
            return source(actor, job.case_no)
        if job.kind == DAILY_REPORT:
            return self._daily_slip(self._reports.report(actor, date.fromisoformat(job.case_no)))
        return self._slip(SlipKind(job.kind), self._facts(actor, job.case_no))

    def _facts(self, actor: Actor, case: str | CaseDetail) -> CaseFacts:
        actor.require(Permission.PRINT, msg("打印"))
        detail = self._cases.detail(actor, case) if isinstance(case, str) else case
        try:
            item = self._catalog.item(detail.case.terms.item_code)
        except NotFound:  # the item left the catalog since: the slip keeps the case's terms
            item = None
        return case_facts(detail.case, detail.deadline, detail.department_name, item)

    def _slip(self, kind: SlipKind, facts: CaseFacts) -> Slip:
        return build_slip(kind, facts, self.center(), self._clock.now())

    def _png(self, slip: Slip) -> bytes:
        from printing.raster import preview_png  # Pillow and qrcode load on the first slip

        paper = self._paper(THIS_PRINTER)
        return preview_png(lay_out(slip, paper), paper)

    def _print(self, slip: Slip, options: PrintOptions) -> _Sent:
        """Lay the slip out, ask the printer how it is, then send; a warning (paper near
        end) rides along with a printed slip."""
        from printing.escpos_stream import slip_bytes  # Pillow and qrcode load on first print

        paper = self._paper(options)
        raster = self._settings["printer_raster"] if options.raster is None else options.raster
        data = slip_bytes(lay_out(slip, paper), paper, raster=raster)
        device = self._printer(options)
        warning: Message | None = None
        try:
            if self._settings["printer_reports_status"]:
                report = device.status()
                if report.state in (StatusState.NOT_READY, StatusState.NO_ANSWER):
                    return _Sent(False, report.message)
                warning = report.message if report.problems else None
            device.send(data)
        except PrinterUnavailable as error:
            return _Sent(False, error.message)
        return _Sent(True, warning)

    def _printer(self, options: PrintOptions) -> SlipPrinter:
        return self._open_printer(options.printer or self._settings["printer"])

    def _paper(self, options: PrintOptions) -> Paper:
        return PAPERS[options.paper_mm or self._settings["paper_mm"]]

    def center(self) -> Center:
        """The center as its slips print it (name, phone, seal)."""
        seal = self._settings["seal_image"]
        return Center(
            self._settings["center_name"],
            self._settings["center_phone"],
            Path(seal) if seal else None,
        )


@dataclass(frozen=True)
class _Sent:
    printed: bool
    words: Message | None  # why not, or a warning that came with a printed slip

    @property
    def why(self) -> Message:
        """Why it did not print (a failure always says)."""
        assert self.words is not None
        return self.words


def job_title(kind: str) -> Message:
    """The name of what waits in the reprint queue: a slip, the kiosk's, or the daily report."""
    if kind == KIOSK_SLIP:
        return msg("自助取号凭条")
    return msg("当日办件日结单") if kind == DAILY_REPORT else SLIP_MESSAGES[SlipKind(kind)]


def case_no_of(case: str | CaseDetail) -> str:
    return case if isinstance(case, str) else case.case.case_no


def notice_file_name(case_no: str, kind: NoticeKind) -> str:
    return f"{NOTICE_TITLES[kind]}-{case_no}.pdf"


def _joined(done: Message, warning: Message | None) -> Message:
    return msg("{done}；{warning}", done=done, warning=warning) if warning else done
