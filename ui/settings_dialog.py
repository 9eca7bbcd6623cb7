"""设置 → 本机设置: the settings a clerk may change at this counter, each with its meaning.

The values are read from and saved through the settings service (never by writing the file
here). A language chosen here applies at once (`language_chosen`), the idle lock at once too.
The administrator also sees the terminal's other settings, read-only until their own screens.
The dialog retranslates itself when the language changes while it is open.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Services
from app.domain.roles import Actor
from app.services.settings import SettingEntry
from ui.feedback import show_message
from ui.labels import fill
from ui.messages import error_text, render
from ui.operations import Operations

Editor = QComboBox | QSpinBox | QCheckBox | QLineEdit


class SettingsDialog(QDialog):
    """One row per setting: an editor (or the value, read-only) and its meaning under it."""

    saved = Signal(dict)  # the values that changed

    def __init__(
        self, services: Services, operations: Operations, actor: Actor, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self._services, self._work, self._actor = services, operations, actor
        self._entries = services.counter_settings.entries(actor)
        self.editors: dict[str, Editor] = {}
        self._descriptions: dict[str, QLabel] = {}
        form = QFormLayout()
        for entry in self._entries:
            editor = self._editor(entry)
            editor.setObjectName(f"setting_{entry.key}")
            editor.setEnabled(entry.editable)
            self.editors[entry.key] = editor
            description = QLabel()
            description.setWordWrap(True)
            description.setProperty("role", "hint")
            self._descriptions[entry.key] = description
            form.addRow(editor)
            form.addRow(description)
        body = QWidget()
        body.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.message = QLabel()
        self.message.setObjectName("settings_message")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(640, 560)
        self.retranslate_ui()

    def _editor(self, entry: SettingEntry) -> Editor:
        setting, value = entry.setting, entry.value
        if setting.choices:
            combo = QComboBox()
            for choice in setting.choices:
                combo.addItem("", choice)
            combo.setCurrentIndex(setting.choices.index(value))
            return combo
        if setting.type is bool:
            check = QCheckBox()
            check.setChecked(bool(value))
            return check
        if setting.bounds is not None:
            spin = QSpinBox()
            spin.setRange(*setting.bounds)
            spin.setValue(int(value))
            return spin
        line = QLineEdit(str(value))
        line.setReadOnly(not entry.editable)
        return line

    def retranslate_ui(self) -> None:
        """Every text of the dialog in the current language (also on LanguageChange)."""
        self.setWindowTitle(self.tr("本机设置"))
        for entry in self._entries:
            self._descriptions[entry.key].setText(render(entry.description))
            editor = self.editors[entry.key]
            if isinstance(editor, QComboBox):
                for index in range(editor.count()):
                    editor.setItemText(index, self._choice_title(editor.itemData(index)))
            elif isinstance(editor, QCheckBox):
                editor.setText(self.tr("是"))
            elif isinstance(editor, QSpinBox):
                editor.setSuffix(self.tr(" 分钟"))

    def _choice_title(self, choice: Any) -> str:
        if choice == "zh_CN":
            return self.tr("简体中文")
        if choice == "en":
            return self.tr("英文 (English)")
        return fill(self.tr("%1 毫米"), choice)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def values(self) -> dict[str, Any]:
        """The editable settings whose value differs from the one stored."""
        changed = {}
        for entry in self._entries:
            editor = self.editors[entry.key]
            if not entry.editable:
                continue
            if isinstance(editor, QComboBox):
                value = editor.currentData()
            elif isinstance(editor, QCheckBox):
                value = editor.isChecked()
            elif isinstance(editor, QSpinBox):
                value = editor.value()
            else:
                value = editor.text()
            if value != entry.value:
                changed[entry.key] = value
        return changed

    def save(self) -> None:
        values, actor = self.values(), self._actor
        if not values:
            self.accept()
            return
        self._work.run(
            lambda: self._services.counter_settings.change(actor, values),
            lambda _: self._saved(values),
            lambda error: show_message(self.message, error_text(error), error=True),
        )

    def _saved(self, values: dict[str, Any]) -> None:
        self.accept()
        self.saved.emit(values)
