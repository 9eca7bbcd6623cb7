"""The chief's desk's decision panel (决定): the reason the applicant will read, the buttons that
approve, deny or record a collective decision, and the extension of the time limit (Art. 42)
with its number of working days. The desk (`ui.chief_desk`) says which of them the case in
view offers and runs what they ask for."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)


class DecisionPanel(QGroupBox):
    """What the chief types and presses to decide the case in view."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("决定"))
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("desk_reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(66)
        self.reason.setPlaceholderText(
            self.tr("理由：不予许可、延长期限时必填，将写入决定书或告知书，申请人会看到")
        )
        self.approve_button = self._button("desk_approve", self.tr("准予 (Alt+Y)"), "Alt+Y")
        self.deny_button = self._button("desk_deny", self.tr("不予许可 (Alt+N)"), "Alt+N")
        self.collective_button = self._button(
            "desk_collective", self.tr("集体决策… (Alt+J)"), "Alt+J"
        )
        self.extension = QSpinBox()
        self.extension.setObjectName("desk_extension_days")
        self.extension.setRange(1, 10)
        self.extension.setValue(10)
        self.extension.setSuffix(self.tr(" 个工作日"))
        self.extend_button = self._button("desk_extend", self.tr("延长期限 (Alt+E)"), "Alt+E")
        self.setObjectName("desk_decision")
        self.setMaximumWidth(540)
        buttons = QHBoxLayout()
        for button in (self.approve_button, self.deny_button, self.collective_button):
            buttons.addWidget(button)
        buttons.addStretch()
        extension = QHBoxLayout()
        extension.addWidget(QLabel(self.tr("延长")))
        extension.addWidget(self.extension)
        extension.addWidget(self.extend_button)
        extension.addStretch()
        decision_layout = QVBoxLayout(self)
        decision_layout.addWidget(self.reason)
        decision_layout.addLayout(buttons)
        decision_layout.addLayout(extension)
        decision_layout.addStretch()

    def show_collective(self, collective: bool) -> None:
        """Whether the case's decision step must be decided collectively (局务会)."""
        self.collective_button.setText(
            self.tr("须集体决策… (Alt+J)") if collective else self.tr("集体决策… (Alt+J)")
        )

    def _button(self, name: str, title: str, keys: str) -> QPushButton:
        button = QPushButton(title)
        button.setObjectName(name)
        button.setShortcut(QKeySequence(keys))
        return button
