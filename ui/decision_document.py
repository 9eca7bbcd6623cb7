"""The written decision just made at the chief's desk (or the extension notice): its title,
and the buttons that open it in the system's PDF viewer or save it where the chief chooses.
The document is made by the printing service off the GUI thread; a failure is said here."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Services
from app.domain.roles import Actor
from app.services.printing import case_no_of, notice_file_name
from app.services.views import CaseDetail
from printing.notice_texts import NOTICE_MESSAGES, NoticeKind
from ui.feedback import show_message
from ui.labels import fill
from ui.messages import error_text, render
from ui.operations import Operations


class DocumentBar(QFrame):
    """The written decision just made (or the extension notice), to open or save as PDF."""

    def __init__(
        self,
        services: Services,
        printer_operations: Operations,
        actor: Actor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("document_bar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._services = services
        self._work = printer_operations
        self._actor = actor
        self.case: str | CaseDetail = ""  # by its number, or as read from the central
        self.kind: NoticeKind | None = None
        self.title = QLabel()
        self.title.setObjectName("document_title")
        self.title.setWordWrap(True)
        self.open_button = QPushButton(self.tr("打开 PDF"))
        self.open_button.setObjectName("open_document")
        self.save_button = QPushButton(self.tr("另存为…"))
        self.save_button.setObjectName("save_document")
        self.message = QLabel()
        self.message.setObjectName("document_message")
        self.message.setWordWrap(True)
        self.open_button.clicked.connect(self.open_document)
        self.save_button.clicked.connect(self.save_document)
        row = QHBoxLayout()
        row.addWidget(self.title, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.message.hide()
        self.hide()

    def offer(self, case: str | CaseDetail, kind: NoticeKind) -> None:
        self.case, self.kind = case, kind
        number = case_no_of(case)
        self.title.setText(fill(self.tr("%1 · %2"), render(NOTICE_MESSAGES[kind]), number))
        self.message.clear()
        self.message.hide()
        self.show()

    def open_document(self) -> None:
        """Open it in the system's PDF viewer, from which it is printed."""
        kind, case, actor = self.kind, self.case, self._actor
        if kind is None:
            return
        folder = self._services.paths.data / "cache" / "notices"
        self._work.run(
            lambda: self._services.printing.notice_to_open(actor, case, kind, folder),
            self._opened,
            self._fail,
        )

    def save_document(self) -> None:
        kind, case, actor = self.kind, self.case, self._actor
        if kind is None:
            return
        suggested = str(Path.home() / notice_file_name(case_no_of(case), kind))
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("保存决定书"), suggested, self.tr("PDF 文件 (*.pdf)")
        )
        if not path:
            return
        self._work.run(
            lambda: self._services.printing.save_notice(actor, case, kind, Path(path)),
            lambda saved: self._say(fill(self.tr("已保存：%1"), saved), error=False),
            self._fail,
        )

    def _opened(self, path: Path) -> None:
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self._say(fill(self.tr("已在 PDF 阅读器中打开：%1"), path.name), error=False)
        else:
            self._say(fill(self.tr("没有能打开 PDF 的程序。文件已保存在 %1。"), path), error=True)

    def _fail(self, error: Exception) -> None:
        self._say(error_text(error), error=True)

    def _say(self, message: str, error: bool) -> None:
        show_message(self.message, message, error)
        self.message.show()
