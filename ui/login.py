"""The sign-in dialog, and the same dialog as the lock screen after idle minutes."""

from __future__ import annotations

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
from app.domain.roles import Actor
from ui.messages import error_text
from ui.operations import Operations


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
        self.username = QLineEdit(locked_for.username if locked_for else "")
        self.username.setObjectName("username")
        self.username.setReadOnly(locked_for is not None)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.submit = QPushButton(self.tr("解锁") if locked_for else self.tr("登录"))
        self.submit.setObjectName("submit")
        self.submit.setDefault(True)
        self.submit.clicked.connect(self._submit)
        form = QFormLayout()
        form.addRow(self.tr("用户名(&U)"), self.username)
        form.addRow(self.tr("密码(&P)"), self.password)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(subtitle)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.submit)
        self.setMinimumWidth(380)
        (self.password if locked_for else self.username).setFocus()

    def _submit(self) -> None:
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self._fail(self.tr("请输入用户名和密码"))
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
        self.password.clear()
        self.signed_in.emit(actor)
        self.accept()

    def _refused(self, error: Exception) -> None:
        self._fail(error_text(error))

    def _fail(self, message: str) -> None:
        self.submit.setEnabled(True)
        self.error.setText(message)
        self.password.selectAll()
        self.password.setFocus()

    def reject(self) -> None:
        """A locked screen cannot be dismissed with Escape; only the password opens it."""
        if self._locked_for is None:
            super().reject()
