"""The daily report (当日办件日结单) a clerk prints at the end of the day: a day picker (today
by default), the report as it will come out of the slip printer, whether the day's signed
checkpoint is held and holds, and the report printed or saved as an A4 PDF.

Everything runs on the printer's worker: the report reads the day's cases and checks the log
against the day's checkpoint, and a printer may take seconds to answer.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Services
from app.domain.daily_report import DailyReport
from app.domain.roles import Actor
from app.services.print_results import DailyPreview, PrintOutcome
from ui.feedback import show_message
from ui.labels import fill
from ui.messages import render
from ui.operations import Operations
from ui.printer_dialog import PrinterDialog


class DailyReportDialog(PrinterDialog):
    """Emits `printed` with the PrintOutcome of the report sent to the printer."""

    printed = Signal(object)

    def __init__(
        self,
        services: Services,
        printer_operations: Operations,
        actor: Actor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, printer_operations, actor, "daily_report", parent)
        self.setWindowTitle(self.tr("当日办件日结单"))
        self.report: DailyReport | None = None
        today = services.clock.now().date()
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setObjectName("report_day")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setMaximumDate(QDate(today.year, today.month, today.day))
        self.anchor = QLabel()
        self.anchor.setObjectName("report_anchor")
        self.anchor.setWordWrap(True)
        self.image = QLabel(self.tr("正在生成日结单……"))
        self.image.setObjectName("report_image")
        self.image.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)
        self.print_button = QPushButton(self.tr("打印日结单 (Ctrl+P)"))
        self.print_button.setObjectName("print_report")
        self.save_button = QPushButton(self.tr("另存为 PDF… (Ctrl+S)"))
        self.save_button.setObjectName("save_report")
        form = QFormLayout()
        form.addRow(self.tr("日期(&D)"), self.day)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.anchor)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.day.dateChanged.connect(lambda _: self.load())
        self.print_button.clicked.connect(self.print_report)
        self.save_button.clicked.connect(self.save_pdf)
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_report)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save_pdf)
        self.resize(640, 700)
        self.load()

    def chosen_day(self) -> date:
        chosen: date = self.day.date().toPython()  # type: ignore[assignment]
        return chosen

    def load(self) -> None:
        """Read the chosen day's report again."""
        self.report = None
        self._enable(False)
        actor, day = self._actor, self.chosen_day()
        self._work.run(
            lambda: self._services.printing.daily_report(actor, day), self._show, self._fail
        )

    def _show(self, shown: DailyPreview) -> None:
        if shown.report.figures.day != self.chosen_day():
            return  # another day was chosen meanwhile: its report is on the way
        self.report = shown.report
        pixmap = QPixmap()
        pixmap.loadFromData(shown.png, "PNG")
        self.image.setPixmap(pixmap)
        self._show_anchor(shown.report)
        self._enable(True)

    def _show_anchor(self, report: DailyReport) -> None:
        anchor = report.anchor
        if anchor is None:
            text = self.tr(
                "本机没有中心当日签署的检查点（当日未能与中心同步），日结单上不能列出当日的根哈希。"
                "请先同步（F9），再重新打印。"
            )
            show_message(self.anchor, text, error=True)
            return
        text = fill(
            self.tr("当日检查点：记录数 %1，根哈希 %2，签署于 %3。"),
            anchor.checkpoint.size,
            anchor.short_root,
            anchor.signed_at.strftime("%H:%M:%S"),
        )
        if anchor.holds:
            text += self.tr("本机记录与之相符。")
        else:
            text += self.tr("本机记录与之不符：请立即报告中心，并运行校验。")
        if anchor.uncovered:
            text += fill(
                self.tr("当日另有 %1 条记录在其后写入，同步后可重新打印。"), anchor.uncovered
            )
        show_message(self.anchor, text, error=not anchor.holds)

    def _enable(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    def print_report(self) -> None:
        report = self.report
        if report is None:
            return
        actor = self._actor
        self.print_button.setEnabled(False)
        self._say(self.tr("正在打印日结单……"), error=False)
        self._work.run(
            lambda: self._services.printing.print_daily_report(actor, report),
            self._printed,
            self._fail,
        )

    def _printed(self, outcome: PrintOutcome) -> None:
        self.print_button.setEnabled(True)
        self._say(render(outcome.message), error=not outcome.printed)
        self.printed.emit(outcome)

    def save_pdf(self) -> None:
        report = self.report
        if report is None:
            return
        suggested = str(Path.home() / f"日结单-{report.figures.day.isoformat()}.pdf")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("保存日结单"), suggested, self.tr("PDF 文件 (*.pdf)")
        )
        if not path:
            return
        actor = self._actor
        self._work.run(
            lambda: self._services.printing.save_daily_report(actor, report, Path(path)),
            lambda saved: self._say(fill(self.tr("日结单已保存：%1"), saved), error=False),
            self._fail,
        )

    def _fail(self, error: Exception) -> None:
        self._enable(self.report is not None)
        super()._fail(error)
