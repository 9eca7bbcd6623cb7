"""设置 → 本机设置: every setting of this counter with its meaning and range.

A clerk changes their own (language, idle lock, paper, printing after intake) and sees the
administrator's read-only: the devices, the center, the terminal's number and name, the
central. Where there is something to try, a button tries what is typed, before it is saved:
a test page on the printer, a card read, the central reachable; each runs on a worker of its
own and says what came of it in words beside its button. The values are saved through the
settings service (never by writing the file here): a value refused keeps everything typed
and says why. A language chosen here applies at once (`language_chosen`), the idle lock at
once too. The dialog retranslates itself when the language changes while it is open.

A center setting (中心统一设置) says where its value comes from: the center (published through
the central, the same at every counter) or this terminal (本机: the center has none yet); an
administrator's change of one goes to every counter of the center, and when this counter is
offline the dialog says how old the center's settings it holds are.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Services
from app.devices.idcard.session import ReaderLost
from app.domain.messages import Message, msg
from app.domain.roles import Actor
from app.services.print_results import PrintOptions
from app.services.settings import SettingEntry
from app.setting_declarations import CENTER_KEYS
from app.settings import SettingRefused
from ui.card_reader import CardReaderBridge
from ui.dialog_parts import save_or_cancel, wrapped_label
from ui.feedback import restyle, show_message
from ui.labels import fill
from ui.messages import error_text, render
from ui.operations import Operations
from ui.setting_editors import Editor, editor_for, retranslate, value_of
from ui.tr_marks import QT_TRANSLATE_NOOP

#: A try of what is typed: its words, and whether it went well.
Outcome = tuple[Message, bool]

#: The settings with a test button: the button's title and what it says while it runs.
TESTS = {
    "printer": (
        QT_TRANSLATE_NOOP("SettingsDialog", "打印测试页"),
        QT_TRANSLATE_NOOP("SettingsDialog", "正在打印测试页……"),
    ),
    "card_reader": (
        QT_TRANSLATE_NOOP("SettingsDialog", "试读身份证"),
        QT_TRANSLATE_NOOP("SettingsDialog", "正在读卡……"),
    ),
    "central_url": (
        QT_TRANSLATE_NOOP("SettingsDialog", "测试连接"),
        QT_TRANSLATE_NOOP("SettingsDialog", "正在连接中心……"),
    ),
}


class SettingsDialog(QDialog):
    """One row per setting: its meaning, and under it an editor (or the value, read-only)
    with a test button where there is something to try."""

    saved = Signal(dict)  # the values that changed

    def __init__(
        self, services: Services, operations: Operations, actor: Actor, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self._services, self._work, self._actor = services, operations, actor
        #: The tests' own worker, started by the first test and stopped when the dialog
        #: closes: a slow printer or central never holds up a save, or a case being saved.
        self._tests: Operations | None = None
        self._reader: CardReaderBridge | None = None
        #: While a test waits for the reader in use: its signals' names and the slots on them.
        self._watched: dict[str, Callable[..., None]] = {}
        self.finished.connect(self._stop_tests)
        self._entries = services.counter_settings.entries(actor)
        self.editors: dict[str, Editor] = {}
        self.test_buttons: dict[str, QPushButton] = {}
        self.test_results: dict[str, QLabel] = {}
        self.sources: dict[str, QLabel] = {}  # where a center setting's value comes from
        self._descriptions: dict[str, QLabel] = {}
        form = QFormLayout()
        for entry in self._entries:
            editor = self.editors[entry.key] = editor_for(entry)
            description = self._descriptions[entry.key] = QLabel()
            description.setWordWrap(True)
            description.setProperty("role", "hint")
            description.setContentsMargins(0, 10, 0, 0)  # each setting apart from the one above
            form.addRow(description)  # what it means, then its value
            form.addRow(self._row(entry, editor))
        body = QWidget()
        body.setLayout(form)
        scroll = self._scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setVisible(not all(entry.editable for entry in self._entries))
        self.center_note = wrapped_label("center_settings_note")
        self.center_age = wrapped_label("center_settings_age")
        self.center_age.hide()
        if services.sync.configured:
            self._work.run(services.sync.staff_as_of, self._show_age, lambda _: None)
        self.message = wrapped_label("settings_message")
        self.buttons = save_or_cancel(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.center_note)
        layout.addWidget(self.center_age)
        layout.addWidget(scroll)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(720, 600)
        self.retranslate_ui()

    def _row(self, entry: SettingEntry, editor: Editor) -> QWidget | Editor:
        """The editor, with where its value comes from (a center setting), its test button
        and the test's result beside it, if it has those."""
        key = entry.key
        if key not in TESTS and key not in CENTER_KEYS:
            return editor
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(editor, 2)
        if key in CENTER_KEYS:
            source = self.sources[key] = QLabel()
            source.setObjectName(f"source_{key}")
            source.setProperty("role", "hint")
            line.addWidget(source, 1)
        if key in TESTS:
            button = self.test_buttons[key] = QPushButton()
            button.setObjectName(f"test_{key}")
            button.clicked.connect(lambda: self.run_test(key))
            result = self.test_results[key] = QLabel()
            result.setObjectName(f"test_result_{key}")
            result.setWordWrap(True)
            line.addWidget(button)
            line.addWidget(result, 3)
        return row

    def _show_age(self, age: tuple[datetime | None, bool]) -> None:
        """How old the center's settings held here are, when this counter is offline."""
        when, offline = age
        if not offline:
            return
        if when is None:
            text = self.tr("中心统一设置尚未从中心取得（离线）：暂用本机的值")
        else:
            text = fill(
                self.tr("离线：中心统一设置更新于 %1月%2日 %3"),
                when.month,
                when.day,
                when.strftime("%H:%M"),
            )
        show_message(self.center_age, text, error=True)

    def retranslate_ui(self) -> None:
        """Every text of the dialog in the current language (also on LanguageChange)."""
        self.setWindowTitle(self.tr("本机设置"))
        self.note.setText(self.tr("灰色的设置由系统管理员修改。"))
        self.center_note.setText(
            self.tr(
                "标有“中心统一设置”的各项由本中心管理员在任一终端修改，经中心发布到本中心的"
                "每个终端，同步后即生效（窗口标题上的中心名称于下次登录时更新）。"
            )
        )
        for entry in self._entries:
            self._descriptions[entry.key].setText(render(entry.description))
            retranslate(entry.key, self.editors[entry.key])
            if entry.key in self.sources:
                self.sources[entry.key].setText(
                    self.tr("中心统一设置") if entry.from_center else self.tr("本机")
                )
        for key, button in self.test_buttons.items():
            button.setText(self.tr(TESTS[key][0]))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # ---- trying what is typed -------------------------------------------------------

    def run_test(self, key: str) -> None:
        """Try the setting `key` as typed, on the tests' worker; the outcome in words."""
        result, button = self.test_results[key], self.test_buttons[key]
        show_message(result, self.tr(TESTS[key][1]), error=False)
        button.setEnabled(False)

        def told(outcome: Outcome) -> None:
            button.setEnabled(True)
            show_message(result, render(outcome[0]), error=not outcome[1])

        def failed(error: Exception) -> None:
            button.setEnabled(True)
            show_message(result, error_text(error), error=True)

        reader = self._reader
        if key == "card_reader" and reader is not None and self._reader_in_use():
            self._watch(reader, told, failed)
            return
        if self._tests is None:
            self._tests = Operations("settings-tests")
        self._tests.run(self._test(key), told, failed)

    def use_reader(self, reader: CardReaderBridge | None) -> None:
        """The window's running reader: a test of the reader in use goes through it (one
        thread per device), never opening the device a second time."""
        self._reader = reader

    def _reader_in_use(self) -> bool:
        return bool(self.typed()["card_reader"] == self._services.settings["card_reader"])

    def _watch(
        self,
        reader: CardReaderBridge,
        told: Callable[[Outcome], None],
        failed: Callable[[Exception], None],
    ) -> None:
        """The reader in use: lost is told at once; else the next card placed (read as at the
        intake) or the next failure is told."""
        if isinstance(reader.state, ReaderLost):
            told((reader.state.message, False))
            return
        result = self.test_results["card_reader"]
        show_message(
            result, self.tr("读卡器正在使用：请放上一张身份证（读到的证件如常填入受理）"), False
        )

        def once(outcome: Outcome) -> None:
            self._unwatch()
            told(outcome)

        self._watched = {
            "card_read": lambda *_: once((msg("读卡器工作正常：已读到证件"), True)),
            "card_failed": lambda message: once((message, False)),
            "reader_lost": lambda message: once((message, False)),
        }
        for name, slot in self._watched.items():
            getattr(reader, name).connect(slot)

    def _unwatch(self) -> None:
        for name, slot in self._watched.items():
            getattr(self._reader, name).disconnect(slot)
        self._watched = {}

    def _stop_tests(self) -> None:
        self._unwatch()
        if self._tests is not None:
            self._tests.stop()
            self._tests = None

    def _test(self, key: str) -> Callable[[], Outcome]:
        services, actor, typed = self._services, self._actor, self.typed()
        if key == "printer":
            options = PrintOptions(typed["printer"], typed["paper_mm"], typed["printer_raster"])

            def test_page() -> Outcome:
                outcome = services.printing.test_page(actor, options)
                return outcome.message, outcome.printed

            return test_page
        if key == "card_reader":
            return lambda: (services.card_reader.try_read(typed["card_reader"]), True)
        return lambda: (services.sync.check_central(typed["central_url"]), True)

    # ---- saving ---------------------------------------------------------------------

    def typed(self) -> dict[str, Any]:
        """Every setting as the dialog holds it now."""
        return {key: value_of(editor) for key, editor in self.editors.items()}

    def values(self) -> dict[str, Any]:
        """The editable settings whose value differs from the one stored."""
        typed = self.typed()
        return {
            entry.key: typed[entry.key]
            for entry in self._entries
            if entry.editable and typed[entry.key] != entry.value
        }

    def save(self) -> None:
        values, actor = self.values(), self._actor
        if not values:
            self.accept()
            return
        for editor in self.editors.values():
            restyle(editor, "invalid", False)
        self._work.run(
            lambda: self._services.counter_settings.change(actor, values),
            lambda _: self._saved(values),
            self._refused,
        )

    def _refused(self, error: Exception) -> None:
        """Say why, and point at the value refused; everything typed stays as it is."""
        show_message(self.message, error_text(error), error=True)
        if isinstance(error, SettingRefused) and error.key in self.editors:
            editor = self.editors[error.key]
            restyle(editor, "invalid", True)
            self._scroll.ensureWidgetVisible(editor)
            editor.setFocus()

    def _saved(self, values: dict[str, Any]) -> None:
        self.accept()
        self.saved.emit(values)
