"""The quick check of the store the window runs at every start (`onewindow verify
--since-last`): what was written since the last clean check, and what is cheap to read of the
rest (`app.services.incremental_audit`).

It runs on the reading worker while the clerk signs in: signing in is on the storage worker,
so it never waits for the check, and the GUI thread never does. When the check finds damage,
the clerk is told in a box what was found, that the administrator must be told, and what
`onewindow verify` shows; the log names each case (the service writes it). A clean check
says nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.bootstrap import Services
from app.services.store_audit import Finding
from ui.labels import fill
from ui.messages import error_text, listed, render
from ui.operations import Operations

log = logging.getLogger(__name__)

#: Cases named in the box itself; the details list every finding.
NAMED = 5


class StartCheck(QObject):
    """Runs the check once (`start`) and tells the clerk when it finds damage, in a box over
    the window `owner` gives at that moment (the sign-in, or the counter window)."""

    def __init__(
        self, services: Services, reading: Operations, owner: Callable[[], QWidget | None]
    ) -> None:
        super().__init__()
        self._services = services
        self._reading = reading
        self._owner = owner
        self.box: QMessageBox | None = None

    def start(self) -> None:
        self._reading.run(self._services.cases.start_check, self._found, self._failed)

    def _found(self, findings: list[Finding] | None) -> None:
        broken = [finding for finding in findings or () if finding.broken]
        if not broken:
            return
        cases = list(dict.fromkeys(f.case_no or self.tr("本机数据库") for f in broken))
        named = listed(cases[:NAMED]) + (self.tr("等") if len(cases) > NAMED else "")
        box = QMessageBox(self._owner())
        box.setObjectName("start_check")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("数据校验"))
        box.setText(
            fill(
                self.tr("启动时的数据校验发现%1处问题（%2）：记录可能被改动或删除。"),
                len(broken),
                named,
            )
        )
        box.setInformativeText(
            self.tr(
                "请立即告知系统管理员。管理员在本机运行 onewindow verify "
                "可看到每处问题所在的办件和原因。"
            )
        )
        box.setDetailedText("\n".join(self._line(finding) for finding in broken))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._closed)
        self.box = box
        box.open()  # the window goes on as it is: the clerk may go on working

    def _line(self, finding: Finding) -> str:
        problem = render(finding.problem)
        if finding.case_no is None:
            return fill(self.tr("本机数据库：%1"), problem)
        return fill(self.tr("办件 %1：%2"), finding.case_no, problem)

    def _closed(self) -> None:
        self.box = None

    def _failed(self, error: Exception) -> None:
        log.warning("start check did not run: %s", error_text(error))
