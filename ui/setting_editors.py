"""One editor per setting for the settings dialog, chosen by the setting's declaration: a
list for a choice, a box for a yes/no, a spin box within a number's bounds, a line for text.
A setting this person may not change is shown in a disabled editor."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox

from app.domain.levels import LEVEL_NAMES
from app.services.settings import SettingEntry
from ui.labels import fill
from ui.messages import render
from ui.tr_marks import QT_TRANSLATE_NOOP

Editor = QComboBox | QSpinBox | QCheckBox | QLineEdit

#: The unit after a number, by setting.
UNITS = {
    "idle_lock_minutes": QT_TRANSLATE_NOOP("SettingsDialog", " 分钟"),
    "appointment_early_minutes": QT_TRANSLATE_NOOP("SettingsDialog", " 分钟"),
    "appointment_late_minutes": QT_TRANSLATE_NOOP("SettingsDialog", " 分钟"),
    "backup_keep": QT_TRANSLATE_NOOP("SettingsDialog", " 份"),
    "sync_batch": QT_TRANSLATE_NOOP("SettingsDialog", " 条"),
    "pull_chunk": QT_TRANSLATE_NOOP("SettingsDialog", " 条"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("SettingsDialog", text)


def editor_for(entry: SettingEntry) -> Editor:
    setting, value = entry.setting, entry.value
    editor: Editor
    if setting.choices:
        editor = QComboBox()
        for choice in setting.choices:
            editor.addItem("", choice)
        editor.setCurrentIndex(setting.choices.index(value))
    elif setting.type is bool:
        editor = QCheckBox()
        editor.setChecked(bool(value))
    elif setting.bounds is not None:
        editor = QSpinBox()
        editor.setRange(*setting.bounds)
        editor.setValue(int(value))
    else:
        editor = QLineEdit(str(value))
        editor.setReadOnly(not entry.editable)
    editor.setObjectName(f"setting_{entry.key}")
    editor.setEnabled(entry.editable)
    return editor


def retranslate(key: str, editor: Editor) -> None:
    """The editor's own texts (choices, the box's word, a number's unit) in the current
    language."""
    if isinstance(editor, QComboBox):
        for index in range(editor.count()):
            editor.setItemText(index, _choice_title(editor.itemData(index)))
    elif isinstance(editor, QCheckBox):
        editor.setText(_tr(QT_TRANSLATE_NOOP("SettingsDialog", "是")))
    elif isinstance(editor, QSpinBox) and key in UNITS:
        editor.setSuffix(_tr(UNITS[key]))
    if not editor.isEnabled():
        editor.setToolTip(_tr(QT_TRANSLATE_NOOP("SettingsDialog", "只有系统管理员可以修改此项")))


def _choice_title(choice: Any) -> str:
    """A choice in words: a language, a level of centers, none, or a paper's width."""
    if choice == "zh_CN":
        return _tr(QT_TRANSLATE_NOOP("SettingsDialog", "简体中文"))
    if choice == "en":
        return _tr(QT_TRANSLATE_NOOP("SettingsDialog", "英文 (English)"))
    if choice in LEVEL_NAMES:
        return render(LEVEL_NAMES[choice])
    if choice == "":
        return _tr(QT_TRANSLATE_NOOP("SettingsDialog", "（无）"))
    return fill(_tr(QT_TRANSLATE_NOOP("SettingsDialog", "%1 毫米")), choice)


def value_of(editor: Editor) -> Any:
    """What the editor holds, of the setting's type."""
    if isinstance(editor, QComboBox):
        return editor.currentData()
    if isinstance(editor, QCheckBox):
        return editor.isChecked()
    if isinstance(editor, QSpinBox):
        return editor.value()
    return editor.text()
