"""The form to create or change one account: name, role, department, the windows the person
may sit at, and (for a new account) a first password, with the policy stated in words.

A refusal — a username taken, a clerk without a department, a password the policy refuses, a
change someone else made meanwhile — is shown under the form, next to nothing lost: the form
stays open with what was typed.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Services
from app.domain.audit import ACTION_MESSAGES
from app.domain.passwords import POLICY, PasswordRefused
from app.domain.roles import ROLE_MESSAGES, Actor, Role
from app.domain.staff import StaffMember, StaffRefused
from app.domain.staff_events import Profile, StaffEvent
from ui.dialog_parts import save_or_cancel, wrapped_label
from ui.feedback import show_message
from ui.labels import fill
from ui.messages import error_text, render
from ui.operations import Operations


class StaffForm(QDialog):
    """Emits `saved` with the account as stored."""

    saved = Signal(object)

    def __init__(
        self,
        services: Services,
        operations: Operations,
        actor: Actor,
        departments: dict[str, str],
        member: StaffMember | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._operations = operations
        self._actor = actor
        self._member = member
        self.setObjectName("staff_form")
        self.setWindowTitle(self.tr("新建人员") if member is None else self.tr("修改人员"))
        self.username = QLineEdit(member.username if member else "")
        self.username.setObjectName("username")
        self.username.setReadOnly(member is not None)
        self.display_name = QLineEdit(member.display_name if member else "")
        self.display_name.setObjectName("display_name")
        self.role = QComboBox()
        self.role.setObjectName("role")
        for role in Role:
            self.role.addItem(render(ROLE_MESSAGES[role]), role)
        self.role.setCurrentIndex(self.role.findData(member.role if member else Role.CLERK))
        self.department = QComboBox()
        self.department.setObjectName("department")
        self.department.addItem(self.tr("（无）"), None)
        for code, name in sorted(departments.items()):
            self.department.addItem(fill(self.tr("%1（%2）"), name, code), code)
        self.department.setCurrentIndex(
            self.department.findData(member.department) if member and member.department else 0
        )
        self.windows = QLineEdit(", ".join(member.windows) if member else "")
        self.windows.setObjectName("windows")
        self.windows.setPlaceholderText(self.tr("如 A01, A02（可坐的窗口，第一个为本人窗口）"))
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("用户名(&U)"), self.username)
        form.addRow(self.tr("姓名(&M)"), self.display_name)
        form.addRow(self.tr("角色(&R)"), self.role)
        form.addRow(self.tr("部门(&B)"), self.department)
        form.addRow(self.tr("窗口(&W)"), self.windows)
        if member is None:
            form.addRow(self.tr("初始密码(&P)"), self.password)
            policy = wrapped_label(
                "policy", render(POLICY) + self.tr("；本人首次登录时须设置自己的密码。")
            )
            form.addRow("", policy)
        self.error = wrapped_label("error")
        self.buttons = save_or_cancel(self, self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.history = QListWidget()
        self.history.setObjectName("history")
        if member is not None:  # the person's log: who changed what, where and when
            layout.addWidget(QLabel(self.tr("记录")))
            layout.addWidget(self.history)
            staff, username = services.staff, member.username
            operations.run(
                lambda: staff.history(actor, username), self._show_history, self._refused
            )
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        (self.display_name if member else self.username).setFocus()

    def _show_history(self, events: list[StaffEvent]) -> None:
        for event in reversed(events):  # the newest first
            self.history.addItem(
                fill(
                    self.tr("第%1版  %2  %3（%4）  %5"),
                    event.version,
                    event.at.strftime("%Y-%m-%d %H:%M"),
                    event.actor,
                    event.terminal,
                    render(ACTION_MESSAGES[event.action]),
                )
            )

    def profile(self) -> Profile:
        windows = tuple(w.strip() for w in self.windows.text().replace("，", ",").split(","))
        return Profile(
            self.display_name.text().strip(),
            Role(self.role.currentData()),
            self.department.currentData(),
            tuple(w for w in windows if w),
        )

    def save(self) -> None:
        staff, actor, profile, member = (
            self._services.staff,
            self._actor,
            self.profile(),
            self._member,
        )
        if member is None:
            username, password = self.username.text().strip(), self.password.text()
            call = lambda: staff.create(actor, username, profile, password)  # noqa: E731
        else:
            call = lambda: staff.change(actor, member.username, member.version, profile)  # noqa: E731
        self.buttons.setEnabled(False)
        self._operations.run(call, self._done, self._refused)

    def _done(self, member: StaffMember) -> None:
        self.buttons.setEnabled(True)
        self.saved.emit(member)
        self.accept()

    def _refused(self, error: Exception) -> None:
        """Said under the form; the field it is about gets the cursor; nothing is cleared."""
        self.buttons.setEnabled(True)
        show_message(self.error, error_text(error), error=True)
        field = getattr(self, error.field, None) if isinstance(error, StaffRefused) else None
        if isinstance(field, QWidget):
            field.setFocus()
        elif isinstance(error, PasswordRefused):
            self.password.setFocus()
