"""The sign-in dialog, and the same dialog as the lock screen after idle minutes.

After an administrator reset the password, the one-time password signs in only as far as
this dialog: it then asks for a new password (the policy in words) before the window opens.
Every call runs on the worker: a wrong password is answered slowly without freezing this."""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Services
from app.domain.passwords import POLICY
from app.domain.roles import Actor
from app.services.errors import PasswordChangeRequired
from ui.dialog_parts import wrapped_label
from ui.labels import fill
from ui.messages import error_text, render
from ui.operations import Operations

log = logging.getLogger(__name__)


class LoginDialog(QDialog):
    """Asks for user name and password; emits `signed_in` with the actor."""

    signed_in = Signal(object)

    def __init__(
        self,
        services: Services,
        operations: Operations,
        parent: QWidget | None = None,
        locked_for: Actor | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._operations = operations
        self._locked_for = locked_for
        self.setObjectName("login")
        self.setWindowTitle(self.tr("一窗受理 · 登录"))
        center = services.settings["center_name"]
        heading = QLabel(center)
        heading.setObjectName("heading")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        subtitle = QLabel(
            self.tr("屏幕已锁定，请输入密码解锁") if locked_for else self.tr("窗口受理系统")
        )
        subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.staff_age = QLabel()
        self.staff_age.setObjectName("staff_age")
        self.staff_age.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.staff_age.hide()
        self.username = QLineEdit(locked_for.username if locked_for else "")
        self.username.setObjectName("username")
        self.username.setReadOnly(locked_for is not None)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_password = QLineEdit()
        self.new_password.setObjectName("new_password")
        self.repeated = QLineEdit()
        self.repeated.setObjectName("repeated")
        self.policy = wrapped_label("policy", render(POLICY))
        self.error = wrapped_label("error")
        self.submit = QPushButton(self.tr("解锁") if locked_for else self.tr("登录"))
        self.submit.setObjectName("submit")
        self.submit.setDefault(True)
        self.submit.clicked.connect(self._submit)
        form = QFormLayout()
        form.addRow(self.tr("用户名(&U)"), self.username)
        form.addRow(self.tr("密码(&P)"), self.password)
        form.addRow(self.tr("新密码(&N)"), self.new_password)
        form.addRow(self.tr("再输一次(&A)"), self.repeated)
        form.addRow(self.policy)
        for field in (self.new_password, self.repeated):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self._form = form
        self._setting_new = False
        self._show_new_password(False)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(subtitle)
        layout.addWidget(self.staff_age)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.submit)
        self.setMinimumWidth(380)
        (self.password if locked_for else self.username).setFocus()
        if services.sync.configured:
            operations.run(services.sync.staff_as_of, self._show_staff_age, self._no_staff_age)

    def _show_staff_age(self, age: tuple[datetime | None, bool]) -> None:
        """How old the staff this counter knows is (it signs in whoever the list holds)."""
        when, offline = age
        if when is None:
            text = self.tr("人员名单尚未从中心取得")
        else:
            text = fill(
                self.tr("人员名单更新于 %1月%2日 %3"), when.month, when.day, when.strftime("%H:%M")
            )
        if offline:
            text += self.tr("（离线）")
        self.staff_age.setText(text)
        self.staff_age.show()

    def _no_staff_age(self, error: Exception) -> None:
        log.warning("how old the staff list is, not known: %s", error_text(error))

    def _submit(self) -> None:
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self._fail(self.tr("请输入用户名和密码"))
            return
        if self._setting_new:
            self._set_new_password(username, password)
            return
        self.submit.setEnabled(False)
        self.error.clear()
        if self._locked_for is not None:
            actor = self._locked_for
            self._operations.run(
                lambda: self._services.session.unlock(actor, password),
                lambda ok: self._done(actor) if ok else self._fail(self.tr("密码不正确")),
                self._refused,
            )
        else:
            self._operations.run(
                lambda: self._services.auth.login(username, password), self._done, self._refused
            )

    def _done(self, actor: Actor) -> None:
        self.submit.setEnabled(True)
        for field in (self.password, self.new_password, self.repeated):
            field.clear()
        self.signed_in.emit(actor)
        self.accept()

    def _refused(self, error: Exception) -> None:
        if isinstance(error, PasswordChangeRequired):
            self._show_new_password(True)
            self.submit.setText(self.tr("设置新密码并登录"))
            self.adjustSize()
            self.username.setReadOnly(True)
            self.password.setReadOnly(True)
            self.submit.setEnabled(True)
            self.error.setText(error_text(error))
            self.new_password.setFocus()
            return
        self._fail(error_text(error))

    def _show_new_password(self, shown: bool) -> None:
        self._setting_new = shown
        for field in (self.new_password, self.repeated, self.policy):
            self._form.setRowVisible(field, shown)

    def _set_new_password(self, username: str, password: str) -> None:
        new = self.new_password.text()
        if new != self.repeated.text():
            self.error.setText(self.tr("两次输入的新密码不一致"))
            self.repeated.selectAll()
            self.repeated.setFocus()
            return
        self.submit.setEnabled(False)
        auth = self._services.auth
        self._operations.run(
            lambda: auth.set_own_password(username, password, new), self._done, self._refused_new
        )

    def _refused_new(self, error: Exception) -> None:
        """A new password the policy refuses: said, and the new one typed again."""
        self.submit.setEnabled(True)
        self.error.setText(error_text(error))
        self.new_password.selectAll()
        self.new_password.setFocus()

    def _fail(self, message: str) -> None:
        self.submit.setEnabled(True)
        self.error.setText(message)
        self.password.selectAll()
        self.password.setFocus()

    def reject(self) -> None:
        """A locked screen cannot be dismissed with Escape; only the password opens it."""
        if self._locked_for is None:
            super().reject()
