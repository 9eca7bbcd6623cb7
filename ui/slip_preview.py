"""The slips and notices of one case: each slip shown as it will come out, then printed;
each notice saved as a PDF or opened in the PDF viewer.

Everything here runs on the printer's worker: drawing a slip or a notice takes a moment, and
a printer may take seconds to answer.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Services
from app.domain.roles import Actor
from app.services.print_results import PrintOutcome, SlipPreview
from app.services.printing import notice_file_name
from printing.notice_texts import NOTICE_MESSAGES, NoticeKind
from printing.slips import SLIP_MESSAGES, SlipKind
from ui.labels import fill
from ui.messages import render
from ui.operations import Operations
from ui.printer_dialog import PrinterDialog


class SlipPreviewDialog(PrinterDialog):
    """Emits `printed` with the PrintOutcome of each slip sent to the printer."""

    printed = Signal(object)

    def __init__(
        self,
        services: Services,
        printer_operations: Operations,
        actor: Actor,
        case_no: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, printer_operations, actor, "slip_preview", parent)
        self.setWindowTitle(fill(self.tr("凭条与通知书 · %1"), case_no))
        self.case_no = case_no
        self.kinds = QComboBox()
        self.kinds.setObjectName("slip_kind")
        self.image = QLabel(self.tr("正在生成预览……"))
        self.image.setObjectName("slip_image")
        self.image.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(620)
        self.print_button = QPushButton(self.tr("打印凭条 (Ctrl+P)"))
        self.print_button.setObjectName("print_slip")
        self.print_button.setEnabled(False)
        self.notices = QComboBox()
        self.notices.setObjectName("notice_kind")
        self.save_button = QPushButton(self.tr("另存为 PDF… (Ctrl+S)"))
        self.save_button.setObjectName("save_notice")
        self.open_button = QPushButton(self.tr("打开 PDF (Ctrl+O)"))
        self.open_button.setObjectName("open_notice")
        for button in (self.save_button, self.open_button):
            button.setEnabled(False)
        self._lay_out(scroll)
        self.kinds.activated.connect(lambda _: self._preview(self._kind()))
        self.print_button.clicked.connect(self.print_slip)
        self.save_button.clicked.connect(self.save_notice)
        self.open_button.clicked.connect(self.open_notice)
        for keys, slot in (
            ("Ctrl+P", self.print_slip),
            ("Ctrl+S", self.save_notice),
            ("Ctrl+O", self.open_notice),
        ):
            QShortcut(QKeySequence(keys), self, slot)
        self.resize(760, 820)
        self._preview(None)
        self._work.run(
            lambda: services.printing.notice_kinds(actor, case_no), self._show_notices, self._fail
        )

    def _lay_out(self, scroll: QScrollArea) -> None:
        slip_box = QGroupBox(self.tr("凭条（热敏打印机）"))
        slip_row = QFormLayout()
        slip_row.addRow(self.tr("凭条(&K)"), self.kinds)
        slip_layout = QVBoxLayout(slip_box)
        slip_layout.addLayout(slip_row)
        slip_layout.addWidget(scroll, 1)
        slip_layout.addWidget(self.print_button)
        notice_box = QGroupBox(self.tr("书面通知书（A4，PDF）"))
        notice_layout = QHBoxLayout(notice_box)
        notice_layout.addWidget(self.notices, 1)
        notice_layout.addWidget(self.save_button)
        notice_layout.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(slip_box, 1)
        layout.addWidget(notice_box)
        layout.addWidget(self.message)

    # ---- slips -------------------------------------------------------------------------

    def _preview(self, kind: SlipKind | None) -> None:
        actor, case_no = self._actor, self.case_no
        self._work.run(
            lambda: self._services.printing.preview(actor, case_no, kind),
            self._show_preview,
            self._fail,
        )

    def _show_preview(self, preview: SlipPreview) -> None:
        if self.kinds.count() == 0:
            for kind in preview.kinds:
                self.kinds.addItem(render(SLIP_MESSAGES[kind]), kind.value)  # Qt keeps a plain str
        self.kinds.setCurrentIndex(self.kinds.findData(preview.kind.value))
        pixmap = QPixmap()
        pixmap.loadFromData(preview.png, "PNG")
        self.image.setPixmap(pixmap)
        self.print_button.setEnabled(True)

    def _kind(self) -> SlipKind | None:
        value = self.kinds.currentData()
        return SlipKind(value) if value else None

    def print_slip(self) -> None:
        kind = self._kind()
        if kind is None:
            return
        actor, case_no = self._actor, self.case_no
        self.print_button.setEnabled(False)
        self._say(fill(self.tr("正在打印%1……"), render(SLIP_MESSAGES[kind])), error=False)
        self._work.run(
            lambda: self._services.printing.print_slip(actor, case_no, kind),
            self._printed,
            self._fail,
        )

    def _printed(self, outcome: PrintOutcome) -> None:
        self.print_button.setEnabled(True)
        self._say(render(outcome.message), error=not outcome.printed)
        self.printed.emit(outcome)

    # ---- notices -----------------------------------------------------------------------

    def _show_notices(self, kinds: list[NoticeKind]) -> None:
        for kind in kinds:
            self.notices.addItem(render(NOTICE_MESSAGES[kind]), kind.value)
        for button in (self.save_button, self.open_button):
            button.setEnabled(bool(kinds))
        if not kinds:
            self.notices.addItem(self.tr("本办件目前没有需要出具的通知书"))

    def _notice(self) -> NoticeKind | None:
        value = self.notices.currentData()
        return NoticeKind(value) if value else None

    def save_notice(self) -> None:
        kind = self._notice()
        if kind is None:
            return
        suggested = str(Path.home() / notice_file_name(self.case_no, kind))
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("保存通知书"), suggested, self.tr("PDF 文件 (*.pdf)")
        )
        if not path:
            return
        actor, case_no = self._actor, self.case_no
        self._work.run(
            lambda: self._services.printing.save_notice(actor, case_no, kind, Path(path)),
            lambda saved: self._say(fill(self.tr("通知书已保存：%1"), saved), error=False),
            self._fail,
        )

    def open_notice(self) -> None:
        """Open the notice in the system's PDF viewer, from which the clerk prints it."""
        kind = self._notice()
        if kind is None:
            return
        actor, case_no = self._actor, self.case_no
        folder = self._services.paths.data / "cache" / "notices"
        self._work.run(
            lambda: self._services.printing.notice_to_open(actor, case_no, kind, folder),
            self._open,
            self._fail,
        )

    def _open(self, path: Path) -> None:
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self._say(fill(self.tr("已在 PDF 阅读器中打开：%1"), path.name), error=False)
        else:
            self._say(
                fill(self.tr("没有能打开 PDF 的程序。通知书已保存在 %1，可用“另存为”另存。"), path),
                error=True,
            )

    # ---- messages ----------------------------------------------------------------------

    def _fail(self, error: Exception) -> None:
        self.print_button.setEnabled(self.kinds.count() > 0)
        super()._fail(error)
