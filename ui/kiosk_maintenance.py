"""The kiosk's maintenance (维护): after the administrator's key sequence, their user name and
password; then the settings, the printer's test page, the reprint queue (the guide desk's
slips that did not come out) and quitting the kiosk. Nothing here without the password."""

from __future__ import annotations

from PySide6.QtCore import Signal
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
from app.domain.roles import Actor, Role
from ui.messages import error_text, render
from ui.operations import Workers
from ui.print_queue import PrintQueueDialog
from ui.settings_dialog import SettingsDialog


class MaintenanceDialog(QDialog):
    """Signs the administrator in, then offers what maintenance may do; `quit_asked` when
    they choose to leave the kiosk."""

    quit_asked = Signal()

    def __init__(self, services: Services, workers: Workers, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("kiosk_maintenance")
        self.setWindowTitle(self.tr("自助终端维护"))
        self._services, self._workers = services, workers
        self.admin: Actor | None = None
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.submit = QPushButton(self.tr("进入维护"))
        self.submit.setObjectName("submit")
        self.submit.setDefault(True)
        self.submit.clicked.connect(self._sign_in)
        form = QFormLayout()
        form.addRow(self.tr("管理员用户名"), self.username)
        form.addRow(self.tr("密码"), self.password)
        self.tools = QWidget()
        buttons = QVBoxLayout(self.tools)
        for name, title, slot in (
            ("settings", self.tr("本机设置"), self._settings),
            ("test_page", self.tr("打印测试页"), self._test_page),
            ("print_queue", self.tr("补打队列"), self._queue),
            ("quit_kiosk", self.tr("退出自助终端"), self.quit_asked.emit),
        ):
            button = QPushButton(title)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        self.tools.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.submit)
        layout.addWidget(self.tools)

    def _sign_in(self) -> None:
        username, password = self.username.text().strip(), self.password.text()
        self.submit.setEnabled(False)
        self._workers.storage.run(
            lambda: self._services.auth.login(username, password), self._signed_in, self._refused
        )

    def _signed_in(self, actor: Actor) -> None:
        self.password.clear()
        self.submit.setEnabled(True)
        if actor.role is not Role.ADMINISTRATOR:
            self.error.setText(self.tr("只有系统管理员可以进入自助终端维护"))
            return
        self.admin = actor
        self.error.clear()
        self.submit.hide()
        self.tools.show()

    def _refused(self, error: Exception) -> None:
        self.password.clear()
        self.submit.setEnabled(True)
        self.error.setText(error_text(error))

    def _settings(self) -> None:
        assert self.admin is not None
        SettingsDialog(self._services, self._workers.storage, self.admin, self).exec()

    def _queue(self) -> None:
        assert self.admin is not None
        PrintQueueDialog(self._services, self._workers.printer, self.admin, self).exec()

    def _test_page(self) -> None:
        admin = self.admin
        assert admin is not None
        self._workers.printer.run(
            lambda: self._services.printing.test_page(admin),
            lambda outcome: self.error.setText(render(outcome.message)),
            lambda error: self.error.setText(error_text(error)),
        )
