"""The audit trail (操作日志) for administrators and supervisors: searched by person, terminal,
dates and action, newest first, a page at a time.

The search runs on the sync worker: when this counter reaches the central it reads the whole
center's trail through the sync service's link (used on that thread only), else this
terminal's own; the line above the table says which.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Services
from app.domain.audit import ACTION_MESSAGES, AuditAction, AuditEntry, AuditQuery
from app.domain.events import CHINA_TIME
from app.domain.roles import Actor
from app.services.audit_search import AuditFindings
from ui.dialog_parts import read_only_table
from ui.feedback import show_message
from ui.labels import fill
from ui.messages import clauses, error_text, render
from ui.operations import Operations
from ui.tr_marks import QT_TRANSLATE_NOOP

#: Entries on one page.
PAGE = 100
#: How far back the search reaches when the dialog opens.
DEFAULT_DAYS = 30
#: The details' keys the services write, in words; any other is shown as it is.
DETAIL_KEYS = {
    "from": QT_TRANSLATE_NOOP("AuditDialog", "原值"),
    "to": QT_TRANSLATE_NOOP("AuditDialog", "新值"),
    "file": QT_TRANSLATE_NOOP("AuditDialog", "文件"),
    "items": QT_TRANSLATE_NOOP("AuditDialog", "事项数"),
    "departments": QT_TRANSLATE_NOOP("AuditDialog", "部门数"),
    "display_name": QT_TRANSLATE_NOOP("AuditDialog", "姓名"),
    "role": QT_TRANSLATE_NOOP("AuditDialog", "角色"),
    "department": QT_TRANSLATE_NOOP("AuditDialog", "部门"),
    "windows": QT_TRANSLATE_NOOP("AuditDialog", "窗口"),
    "item_codes": QT_TRANSLATE_NOOP("AuditDialog", "授权事项"),
    "document": QT_TRANSLATE_NOOP("AuditDialog", "授权文件"),
    "issued": QT_TRANSLATE_NOOP("AuditDialog", "文件日期"),
}


def audit_action(window: QWidget, services: Services, work: Operations, actor: Actor) -> QAction:
    """The 管理 menu's entry that opens the audit trail (`work`: the sync worker)."""
    action = QAction(QCoreApplication.translate("AuditDialog", "操作日志…"), window)
    action.setObjectName("open_audit")
    action.triggered.connect(lambda: AuditDialog(services, work, actor, window).open())
    return action


class AuditDialog(QDialog):
    def __init__(
        self, services: Services, work: Operations, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("audit")
        self.setWindowTitle(self.tr("操作日志"))
        self._services = services
        self._work = work
        self._actor = actor
        self._offset = 0
        self.user = QLineEdit()
        self.user.setObjectName("audit_user")
        self.user.setPlaceholderText(self.tr("操作人（用户名）"))
        self.terminal = QLineEdit()
        self.terminal.setObjectName("audit_terminal")
        self.terminal.setPlaceholderText(self.tr("终端"))
        self.action = QComboBox()
        self.action.setObjectName("audit_action")
        self.action.addItem(self.tr("全部操作"), None)
        for action, words in ACTION_MESSAGES.items():
            self.action.addItem(render(words), action.value)
        today = services.clock.now().date()
        self.since = _date_edit("audit_since", today - timedelta(days=DEFAULT_DAYS))
        self.until = _date_edit("audit_until", today)
        self.search = QPushButton(self.tr("查询"))
        self.search.setObjectName("audit_search")
        self.search.setDefault(True)
        self.search.clicked.connect(lambda: self.show_page(0))
        filters = QHBoxLayout()
        for widget in (self.user, self.terminal, self.action):
            filters.addWidget(widget)
        filters.addWidget(QLabel(self.tr("自")))
        filters.addWidget(self.since)
        filters.addWidget(QLabel(self.tr("至")))
        filters.addWidget(self.until)
        filters.addWidget(self.search)
        self.source = QLabel()
        self.source.setObjectName("audit_source")
        self.source.setWordWrap(True)
        self.table = read_only_table(
            "audit_entries",
            [
                self.tr("时间"),
                self.tr("终端"),
                self.tr("操作人"),
                self.tr("操作"),
                self.tr("对象"),
                self.tr("详情"),
            ],
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.place = QLabel()
        self.place.setObjectName("audit_place")
        self.back = QPushButton(self.tr("上一页"))
        self.back.setObjectName("audit_back")
        self.back.clicked.connect(lambda: self.show_page(max(0, self._offset - PAGE)))
        self.on = QPushButton(self.tr("下一页"))
        self.on.setObjectName("audit_on")
        self.on.clicked.connect(lambda: self.show_page(self._offset + PAGE))
        paging = QHBoxLayout()
        paging.addWidget(self.place, 1)
        paging.addWidget(self.back)
        paging.addWidget(self.on)
        self.message = QLabel()
        self.message.setObjectName("audit_message")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.source)
        layout.addWidget(self.table, 1)
        layout.addLayout(paging)
        layout.addWidget(self.message)
        self.resize(1100, 560)
        self.show_page(0)

    def query(self, offset: int) -> AuditQuery:
        """What the filters ask for, one entry more than a page (to know whether one follows)."""
        return AuditQuery(
            actor=self.user.text().strip(),
            terminal=self.terminal.text().strip(),
            action=AuditAction(chosen) if (chosen := self.action.currentData()) else None,
            since=_start_of(_day(self.since.date())),
            until=_start_of(_day(self.until.date()) + timedelta(days=1)),
            limit=PAGE + 1,
            offset=offset,
        )

    def show_page(self, offset: int) -> None:
        """Search again from the entry `offset`; the filters stay as typed."""
        query, actor = self.query(offset), self._actor
        self.search.setEnabled(False)
        show_message(self.message, self.tr("正在查询……"), error=False)
        self._work.run(
            lambda: self._services.audit_search.search(actor, query),
            lambda found: self._show(offset, found),
            self._refused,
        )

    def _refused(self, error: Exception) -> None:
        self.search.setEnabled(True)
        show_message(self.message, error_text(error), error=True)

    def _show(self, offset: int, found: AuditFindings) -> None:
        self.search.setEnabled(True)
        self.message.clear()
        self._offset = offset
        entries = found.entries[:PAGE]
        self.source.setText(render(found.source))
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            for column, text in enumerate(self._cells(entry)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if entries:
            self.place.setText(fill(self.tr("第 %1–%2 条"), offset + 1, offset + len(entries)))
        else:
            self.place.setText(self.tr("没有符合条件的操作记录"))
        self.back.setEnabled(offset > 0)
        self.on.setEnabled(len(found.entries) > PAGE)

    def _cells(self, entry: AuditEntry) -> list[str]:
        details = clauses(
            fill(self.tr("%1：%2"), self.tr(DETAIL_KEYS[key]) if key in DETAIL_KEYS else key, value)
            for key, value in sorted(entry.details.items())
        )
        return [
            entry.at.astimezone(CHINA_TIME).strftime("%Y-%m-%d %H:%M:%S"),
            entry.terminal,
            entry.actor,
            render(ACTION_MESSAGES[entry.action]),
            entry.subject,
            details,
        ]


def _date_edit(name: str, day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _day(shown: QDate) -> date:
    return date(shown.year(), shown.month(), shown.day())


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time(), CHINA_TIME)
