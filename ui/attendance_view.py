"""考勤 (管理 → 考勤与请假): the monthly sheet of the people the reader may see — the chief
their department, the administrator and supervision everyone — exported to Excel, and the
leave requests, asked for here and decided by the department's chief representative.

The sheet is read from the audit trail on the sync worker (the whole center's through the
central when this counter reaches it, as the audit screen does); leave is written on the
storage worker. A clerk opens the same dialog for their own requests only.
"""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Services
from app.domain.attendance_sheet import sheet_row
from app.domain.leave import (
    LEAVE_KIND_MESSAGES,
    LEAVE_STATUS_MESSAGES,
    HalfDay,
    LeaveKind,
    LeaveRequest,
)
from app.domain.roles import Actor, Permission, Role
from app.services.attendance import AttendanceSheet
from ui.dialog_parts import read_only_table
from ui.feedback import show_message
from ui.labels import fill
from ui.leave_dialog import HalfDayEdit, LeaveDialog, date_edit, day_of
from ui.messages import error_text, render
from ui.operations import Operations
from ui.tr_marks import QT_TRANSLATE_NOOP

OPEN_SHEETS = QT_TRANSLATE_NOOP("AttendanceDialog", "考勤与请假…")
OPEN_LEAVE = QT_TRANSLATE_NOOP("AttendanceDialog", "请假…")


def reads_sheets(actor: Actor) -> bool:
    """Administrators, supervision and chiefs read sheets (the service decides whose)."""
    return actor.can(Permission.VIEW_ALL_CASES) or actor.role is Role.CHIEF_REPRESENTATIVE


def attendance_action(
    window: QWidget, services: Services, central: Operations, storage: Operations, actor: Actor
) -> QAction:
    """The menu entry that opens the dialog (`central`: the sync worker)."""
    text = OPEN_SHEETS if reads_sheets(actor) else OPEN_LEAVE
    action = QAction(QCoreApplication.translate("AttendanceDialog", text), window)
    action.setObjectName("open_attendance")
    action.triggered.connect(
        lambda: AttendanceDialog(services, central, storage, actor, window).open()
    )
    return action


def _table(name: str, headers: list[str]) -> QTableWidget:
    table = read_only_table(name, headers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for row, cells in enumerate(rows):
        for column, text in enumerate(cells):
            table.setItem(row, column, QTableWidgetItem(text))


class AttendanceDialog(QDialog):
    def __init__(
        self,
        services: Services,
        central: Operations,
        storage: Operations,
        actor: Actor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("attendance")
        self.setWindowTitle(self.tr("考勤与请假"))
        self._services, self._central, self._storage, self._actor = (
            services,
            central,
            storage,
            actor,
        )
        self._requests: list[LeaveRequest] = []
        self.message = QLabel()
        self.message.setObjectName("attendance_message")
        self.message.setWordWrap(True)
        self.tabs = QTabWidget()
        if reads_sheets(actor):
            self.tabs.addTab(self._sheet_page(), self.tr("月度考勤表"))
        self.tabs.addTab(self._leave_page(), self.tr("请假"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        self.resize(1180, 620)  # fitted to a smaller screen as it is shown (ui.screen_fit)
        if reads_sheets(actor):
            self.show_sheet()
        self.show_requests()

    # ------------------------------------------------------------------ the sheet

    def _sheet_page(self) -> QWidget:
        self.month = date_edit("attendance_month", self._services.clock.now().date(), "yyyy-MM")
        self.search = QPushButton(self.tr("查询"))
        self.search.setObjectName("attendance_search")
        self.search.clicked.connect(self.show_sheet)
        self.export = QPushButton(self.tr("导出 Excel…"))
        self.export.setObjectName("attendance_export")
        self.export.clicked.connect(self.ask_export)
        self.source = QLabel()
        self.source.setObjectName("attendance_source")
        self.source.setWordWrap(True)
        kinds = [fill(self.tr("%1（天）"), render(LEAVE_KIND_MESSAGES[k])) for k in LeaveKind]
        self.sheet = _table(
            "attendance_sheet",
            [
                self.tr("用户名"),
                self.tr("姓名"),
                self.tr("部门"),
                self.tr("应出勤（天）"),
                self.tr("出勤（天）"),
                self.tr("迟到（次）"),
                self.tr("早退（次）"),
                *kinds,
                self.tr("缺勤（天）"),
            ],
        )
        hours = self._services.attendance.hours()
        rule = QLabel(
            fill(
                self.tr("上班 %1，下班 %2（本机设置）；只计至今日的工作日"),
                hours.opens.strftime("%H:%M"),
                hours.closes.strftime("%H:%M"),
            )
        )
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("月份")))
        for widget in (self.month, self.search, self.export):
            bar.addWidget(widget)
        bar.addWidget(rule, 1)
        page = QWidget()
        column = QVBoxLayout(page)
        column.addLayout(bar)
        column.addWidget(self.source)
        column.addWidget(self.sheet, 1)
        return page

    def chosen_month(self) -> str:
        return f"{day_of(self.month):%Y-%m}"

    def show_sheet(self) -> None:
        month, actor = self.chosen_month(), self._actor
        self.search.setEnabled(False)
        show_message(self.message, self.tr("正在统计……"), error=False)
        self._central.run(
            lambda: self._services.attendance.sheet(actor, month),
            self._show_sheet,
            self._refused,
        )

    def _show_sheet(self, sheet: AttendanceSheet) -> None:
        self.search.setEnabled(True)
        self.message.clear()
        self.source.setText(render(sheet.source))
        _fill(self.sheet, [[_cell(v) for v in sheet_row(line)] for line in sheet.lines])

    def ask_export(self) -> None:
        name = fill(self.tr("考勤表%1.xlsx"), self.chosen_month())
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出考勤表"), name, "Excel (*.xlsx)")
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        month, actor = self.chosen_month(), self._actor
        self._central.run(
            lambda: self._services.attendance.export(actor, month, path),
            lambda count: show_message(
                self.message, fill(self.tr("已导出 %1 人的考勤到 %2"), count, str(path)), False
            ),
            self._refused,
        )

    # ------------------------------------------------------------------ leave

    def _leave_page(self) -> QWidget:
        self.requests = _table(
            "leave_requests",
            [
                self.tr("编号"),
                self.tr("人员"),
                self.tr("部门"),
                self.tr("类别"),
                self.tr("自"),
                self.tr("至"),
                self.tr("状态"),
                self.tr("审批人"),
                self.tr("销假"),
                self.tr("事由"),
            ],
        )
        self.ask = QPushButton(self.tr("请假…"))
        self.ask.setObjectName("leave_ask_open")
        self.ask.clicked.connect(self.open_ask)
        self.ask.setVisible(self._actor.role in (Role.CLERK, Role.CHIEF_REPRESENTATIVE))
        self.note = QLineEdit()
        self.note.setObjectName("leave_note")
        self.note.setPlaceholderText(self.tr("审批意见（不批准时必填）"))
        self.approve = QPushButton(self.tr("批准"))
        self.approve.setObjectName("leave_approve")
        self.approve.clicked.connect(lambda: self._step("approve"))
        self.refuse = QPushButton(self.tr("不批准"))
        self.refuse.setObjectName("leave_refuse")
        self.refuse.clicked.connect(lambda: self._step("refuse"))
        chief = self._actor.role is Role.CHIEF_REPRESENTATIVE
        for widget in (self.note, self.approve, self.refuse):
            widget.setVisible(chief)
        today = self._services.clock.now().date()
        self.back_on = HalfDayEdit("leave_back", today, self._half_now())
        self.back = QPushButton(self.tr("销假（自此回岗）"))
        self.back.setObjectName("leave_back")
        self.back.clicked.connect(lambda: self._step("back"))
        bar = QHBoxLayout()
        for widget in (self.ask, self.note, self.approve, self.refuse):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.back_on)
        bar.addWidget(self.back)
        page = QWidget()
        column = QVBoxLayout(page)
        column.addLayout(bar)
        column.addWidget(self.requests, 1)
        return page

    def _half_now(self) -> HalfDay:
        return HalfDay.MORNING if self._services.clock.now().hour < 12 else HalfDay.AFTERNOON

    def open_ask(self) -> None:
        dialog = LeaveDialog(self._services, self._storage, self._actor, self)
        dialog.asked.connect(self.show_requests)
        dialog.open()

    def show_requests(self) -> None:
        actor = self._actor
        self._storage.run(
            lambda: self._services.leave.requests(actor), self._show_requests, self._refused
        )

    def _show_requests(self, requests: list[LeaveRequest]) -> None:
        self._requests = requests
        _fill(
            self.requests,
            [
                [
                    str(r.id)[:8],
                    r.person,
                    r.department,
                    render(LEAVE_KIND_MESSAGES[r.kind]),
                    self._half(str(r.period.first)),
                    self._half(str(r.period.last)),
                    render(LEAVE_STATUS_MESSAGES[r.status]),
                    r.decided_by,
                    self._half(str(r.back_on)) if r.back_on else "",
                    r.reason,
                ]
                for r in requests
            ],
        )

    def selected(self) -> LeaveRequest | None:
        row = self.requests.currentRow()
        return self._requests[row] if 0 <= row < len(self._requests) else None

    def _step(self, step: str) -> None:
        request = self.selected()
        if request is None:
            show_message(self.message, self.tr("请先在列表中选择一份请假"), error=True)
            return
        leave, actor, note, on = (
            self._services.leave,
            self._actor,
            self.note.text(),
            self.back_on.value(),
        )
        calls = {
            "approve": lambda: leave.approve(actor, request.id, note),
            "refuse": lambda: leave.refuse(actor, request.id, note),
            "back": lambda: leave.back(actor, request.id, on),
        }
        self._storage.run(calls[step], lambda _: self._stepped(request.id), self._refused)

    def _stepped(self, _: UUID) -> None:
        self.note.clear()
        show_message(self.message, self.tr("已办理"), error=False)
        self.show_requests()

    def _refused(self, error: Exception) -> None:
        if reads_sheets(self._actor):
            self.search.setEnabled(True)
        show_message(self.message, error_text(error), error=True)

    def _half(self, text: str) -> str:
        """`2026-12-08am` → `2026-12-08 上午`."""
        halves = {"am": self.tr("上午"), "pm": self.tr("下午")}
        return f"{text[:10]} {halves[text[10:]]}"


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
