"""The language is chosen in the window and applies at once; in English no chrome is Chinese.

Data may be Chinese in any language: names, addresses, items, materials, reasons typed by a
clerk. What is data is decided by the store itself: every text held in the demo store (the
events' payloads, the catalog, the departments, the staff, the center's name) is allowed, and
anything else with a Chinese character fails the walk.
"""

from __future__ import annotations

import gc
import json
import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QAbstractListModel, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QStatusBar,
    QTabWidget,
    QTreeWidget,
    QWidget,
)
from shiboken6 import isValid

from app.bootstrap import Services
from app.devices.idcard.simulator import DEMO_CARDS
from app.devices.printer.simulator import SimulatedState
from app.services.card_reader import CardReaderService
from tests.stores import store_of
from ui.card_reader import CardReaderBridge
from ui.counter_window import CounterWindow
from ui.language import TRANSLATOR, install_translation
from ui.login import LoginDialog

from .conftest import VALID_ID, accept_case, choose, type_text, wait_idle
from .error_states import FaultyReader, walk_central_and_printer_errors, walk_reader_errors
from .test_chief_desk import FOOD, action, received

#: Chinese that the window shows as an example of what is typed in Chinese: a company's name
#: may hold only Chinese characters (the form refuses others), so its example is Chinese too.
TYPED_IN_CHINESE = {"江川市澄湖商贸有限公司"}
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\U00020000-\U0003134f]")


@pytest.fixture(autouse=True)
def no_translator_left(qapp) -> Iterator[None]:  # noqa: ANN001
    """Other tests expect the Chinese source texts: leave no translator installed."""
    yield
    from PySide6.QtCore import QTranslator

    for translator in qapp.findChildren(QTranslator, TRANSLATOR):
        qapp.removeTranslator(translator)


def open_window(qtbot) -> CounterWindow:  # noqa: ANN001
    windows = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, CounterWindow) and w.isVisible()
    ]
    assert len(windows) == 1
    return windows[0]


def save_language(qtbot, window: CounterWindow, language: str) -> None:  # noqa: ANN001
    """Through the menu and the dialog, as a clerk does."""
    action = window.findChild(type(window.menuBar().actions()[0]), "open_settings")
    action.trigger()
    dialog = window.settings_dialog
    combo = dialog.editors["language"]
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(language))
    with qtbot.waitSignal(dialog.finished, timeout=5000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def replaced(qtbot, window: CounterWindow) -> CounterWindow:  # noqa: ANN001
    """The window that shows once `window` has been replaced by a language switch."""
    qtbot.waitUntil(lambda: not isValid(window) or not window.isVisible(), timeout=5000)
    return open_window(qtbot)


def choose_language(qtbot, window: CounterWindow, language: str) -> CounterWindow:  # noqa: ANN001
    """Choose the language with nothing typed: the window that shows afterwards."""
    save_language(qtbot, window, language)
    return replaced(qtbot, window)


def menu_titles(window: CounterWindow) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def test_the_language_switches_zh_en_zh_in_a_running_window(
    qtbot,  # noqa: ANN001
    qapp,  # noqa: ANN001
    sign_in,  # noqa: ANN001
    services: Services,
) -> None:
    install_translation(qapp, "zh_CN")
    window = sign_in("scjg01")
    window.show()
    window.tabs.setCurrentWidget(window.cases)
    assert "办件(&C)" in menu_titles(window)
    actor = window.actor

    # the old window is deleted: hold no reference to it (pytest-qt closes what is alive)
    window = choose_language(qtbot, window, "en")
    assert services.settings["language"] == "en"
    assert "&Cases" in menu_titles(window)
    assert window.tabs.currentWidget() is window.cases  # the same tab
    assert window.actor == actor  # still signed in
    wait_idle(qtbot, window._operations)
    window.open_settings()
    assert window.settings_dialog.windowTitle() == "Counter settings"
    save = window.settings_dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert save.text() == "Save"  # Qt's own buttons speak the language too
    window.settings_dialog.reject()

    window = choose_language(qtbot, window, "zh_CN")
    assert services.settings["language"] == "zh_CN"
    assert "办件(&C)" in menu_titles(window)
    window.open_settings()
    save = window.settings_dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert save.text() == "保存"
    window.settings_dialog.reject()
    window.close()  # built by the session, so not closed by pytest-qt
    del save
    gc.collect()


def test_a_language_chosen_while_an_applicant_is_typed_waits_until_the_intake_is_cleared(
    qtbot,  # noqa: ANN001
    qapp,  # noqa: ANN001
    sign_in,  # noqa: ANN001
    services: Services,
) -> None:
    install_translation(qapp, "zh_CN")
    window = sign_in("scjg01")
    window.show()
    name = window.intake.applicant.fields["name"].edit
    type_text(qtbot, name, "张三")
    save_language(qtbot, window, "en")
    assert services.settings["language"] == "en"  # saved at once
    assert window.isVisible() and window.intake.applicant.fields["name"].edit.text() == "张三"
    note = window.language.note
    assert note.isVisible() and "Ctrl+N" in note.text()  # the clerk is told why not yet
    assert "办件(&C)" in menu_titles(window)

    qtbot.mouseClick(window.intake.clear_button, Qt.MouseButton.LeftButton)  # Ctrl+N
    window = replaced(qtbot, window)
    assert "&Cases" in menu_titles(window)
    assert not window.language.note.isVisible()
    window.close()  # built by the session, so not closed by pytest-qt
    del name, note
    gc.collect()


def test_a_language_chosen_with_a_reason_typed_in_a_case_waits_until_the_case_is_closed(
    qtbot,  # noqa: ANN001
    qapp,  # noqa: ANN001
    sign_in,  # noqa: ANN001
) -> None:
    install_translation(qapp, "zh_CN")
    window = sign_in("scjg-chief")
    window.show()
    case_no = accept_case(qtbot, window)
    window.open_case(case_no)
    qtbot.waitUntil(lambda: window.detail is not None, timeout=5000)
    detail = window.detail
    type_text(qtbot, detail.reason, "材料不全")
    save_language(qtbot, window, "en")
    assert window.isVisible() and detail.reason.text() == "材料不全"
    assert window.language.waiting == "en"
    detail.reject()
    del detail
    window = replaced(qtbot, window)
    assert "&Cases" in menu_titles(window)
    window.close()  # built by the session, so not closed by pytest-qt
    gc.collect()


def test_an_open_dialog_retranslates_itself(qtbot, qapp, sign_in) -> None:  # noqa: ANN001
    window = sign_in("scjg01")
    window.open_settings()
    dialog = window.settings_dialog
    assert dialog.windowTitle() == "本机设置"
    install_translation(qapp, "en")
    qtbot.waitUntil(lambda: dialog.windowTitle() == "Counter settings", timeout=3000)
    assert "Lock the screen" in " ".join(label.text() for label in dialog.findChildren(QLabel))


def test_an_administrator_changes_the_idle_lock_and_cannot_set_it_out_of_range(
    qtbot,
    sign_in,
    services: Services,  # noqa: ANN001
) -> None:
    window = sign_in("admin")
    window.open_settings()
    dialog = window.settings_dialog
    spin = dialog.editors["idle_lock_minutes"]
    assert (spin.minimum(), spin.maximum()) == (1, 240)
    spin.setValue(3)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: window.idle._timer.interval() == 3 * 60_000, timeout=5000)
    assert services.settings["idle_lock_minutes"] == 3


# ---------------------------------------------------------------- no Chinese chrome in English


def store_texts(services: Services) -> set[str]:
    """Every text the demo store holds: this is the data, allowed in any language."""
    found: set[str] = {services.settings["center_name"]}

    def collect(value: object) -> None:
        if isinstance(value, str):
            found.update(part.strip() for part in re.split(r"[\n]", value) if part.strip())
        elif isinstance(value, dict):
            for v in value.values():
                collect(v)
        elif isinstance(value, list | tuple):
            for v in value:
                collect(v)

    with store_of(services) as store, store.uow() as uow:
        for event in uow.sync.all_events():
            payload = event["payload"]
            collect(json.loads(payload) if isinstance(payload, str) else payload)
        for member in uow.staff.all():
            collect([member.display_name, member.window or "", member.department or ""])
    for item in services.catalog.items():
        collect(item.to_dict())
    for department in services.catalog.departments().values():
        collect(department.to_dict())
    return found


def shown_texts(widget: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a person can read in the widget and its children."""
    for w in [widget, *widget.findChildren(QWidget)]:
        name = f"{type(w).__name__}#{w.objectName()}"
        texts = [w.windowTitle() if w.isWindow() else "", w.toolTip()]
        if isinstance(w, QLabel):
            texts.append(w.text())
        if isinstance(w, QAbstractButton):
            texts.append(w.text())
        if isinstance(w, QGroupBox):
            texts.append(w.title())
        if isinstance(w, QStatusBar):
            texts.append(w.currentMessage())
        if isinstance(w, QLineEdit):
            texts += [w.placeholderText(), w.text()]
        if isinstance(w, QPlainTextEdit):
            texts += [w.placeholderText(), w.toPlainText()]
        if isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QTabWidget):
            texts += [w.tabText(i) for i in range(w.count())]
        if isinstance(w, QMenu):
            texts += [w.title(), *(a.text() for a in w.actions())]
        if isinstance(w, QTreeWidget):
            header = w.headerItem()
            texts += [header.text(c) for c in range(header.columnCount())]
            for row in range(w.topLevelItemCount()):
                item = w.topLevelItem(row)
                texts += [item.text(c) for c in range(item.columnCount())]
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
            for column in range(columns):
                texts.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
            for row in range(model.rowCount()):
                for column in range(columns):
                    texts.append(str(model.index(row, column).data() or ""))
        for shown_action in w.actions():
            texts += [shown_action.text(), shown_action.toolTip()]
        yield from ((name, t) for t in texts if t)


def data_pattern(data: set[str]) -> re.Pattern[str]:
    """Any of these texts, the longest first (so that a text holding another goes whole)."""
    return re.compile("|".join(re.escape(t) for t in sorted(data, key=len, reverse=True) if t))


def chinese_chrome(widget: QWidget, data: re.Pattern[str]) -> list[str]:
    return sorted(
        {
            f"{where}: {text!r}"
            for where, text in shown_texts(widget)
            if CJK.search(data.sub("", text))
        }
    )


def test_every_screen_in_english_shows_no_chinese_outside_the_data(
    qtbot,
    qapp,
    sign_in,
    services: Services,  # noqa: ANN001
) -> None:
    window = sign_in("scjg-chief")
    case_no = accept_case(qtbot, window)
    window.show()
    window.language_chosen.emit("en")  # as the settings dialog does
    qtbot.waitUntil(lambda: not isValid(window) or not window.isVisible(), timeout=5000)
    window = open_window(qtbot)
    wait_idle(qtbot, window._operations)
    data = store_texts(services) | TYPED_IN_CHINESE
    known = data_pattern(data)

    screens: list[QWidget] = [window]
    window.printer.open_slips(case_no)
    window.printer.open_queue()
    window.printer.open_settings()
    window.open_settings()
    screens += [
        window.printer.slips,
        window.printer.queue,
        window.printer.settings,
        window.settings_dialog,
    ]
    wait_idle(qtbot, window._operations)
    wait_idle(qtbot, window.printer._work)
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
    window.open_case(case_no)
    qtbot.waitUntil(lambda: window.detail is not None, timeout=5000)
    screens.append(window.detail)
    choose(qtbot, window, "yibiao")
    qtbot.waitUntil(lambda: window.intake.who.currentWidget() is window.intake.one_form)
    wait_idle(qtbot, window._operations)
    found = [line for screen in screens for line in chinese_chrome(screen, known)]
    for screen in reversed(screens):
        screen.close()
    screens.clear()
    gc.collect()
    assert found == [], "\n".join(found)


REFUSED_BECAUSE = "申请事项不属于本机关职权范围"


def test_devices_sync_sign_in_lock_dialogs_and_error_states_in_english_show_no_chinese_outside_the_data(
    qtbot,
    qapp,
    sign_in,
    services: Services,  # noqa: ANN001
) -> None:
    transport = FaultyReader()
    bridge = CardReaderBridge(transport, demo_cards=CardReaderService.demo_cards(transport))
    bridge.start()
    found: list[str] = []
    try:
        window = sign_in("scjg-chief", reader=bridge)
        food = received(services, "scjg01", FOOD, 5)  # its first step is outside the hall
        window.show()
        window.language_chosen.emit("en")
        window = replaced(qtbot, window)
        wait_idle(qtbot, window._operations)
        with qtbot.waitSignal(bridge.card_read, timeout=5000) as read:  # an expired card's warning
            bridge.transport.place("expired")
        card = read.args[0]
        # data too: what the card says, the demo cards' holders, what this test types
        holders = {str(dict(title.params)["holder"]) for title in DEMO_CARDS.values()}
        typed = {"陈思远", REFUSED_BECAUSE, card.name, card.address, card.issuing_authority or ""}
        data = store_texts(services) | TYPED_IN_CHINESE | holders | typed
        known = data_pattern(data)

        def look(*screens: QWidget) -> None:
            found.extend(line for screen in screens for line in chinese_chrome(screen, known))

        login = LoginDialog(services, window._operations)  # the sign-in, as built in English
        qtbot.addWidget(login)
        look(login)
        look(window)
        window.intake.clear()
        window.printer.simulate(SimulatedState.PAPER_OUT)  # the printer in trouble
        window.printer.refresh_state()
        wait_idle(qtbot, window.printer._work)
        look(window)
        choose(qtbot, window, "yibiao")  # the one form with its problems shown
        qtbot.waitUntil(lambda: window.intake.who.currentWidget() is window.intake.one_form)
        qtbot.mouseClick(window.intake.accept_button, Qt.MouseButton.LeftButton)
        look(window)
        window.intake.clear()
        choose(qtbot, window, "营业执照遗失补领")  # a refusal, confirmed once
        type_text(qtbot, window.intake.applicant.fields["name"].edit, "陈思远")
        qtbot.keyClicks(window.intake.applicant.fields["id_number"].edit, VALID_ID)
        window.intake.note.setPlainText(REFUSED_BECAUSE)
        qtbot.keyClick(window.intake, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
        assert window.intake.confirmation is not None
        look(window.intake.confirmation)
        window.intake.confirmation.reject()
        window.intake.clear()
        window.open_case(food)  # the record of a step outside the hall
        qtbot.waitUntil(lambda: window.detail is not None, timeout=5000)
        qtbot.mouseClick(action(window.detail, "complete_step"), Qt.MouseButton.LeftButton)
        look(window.detail.record)
        window.detail.record.close()
        window.detail.close()
        window.open_quarantine()  # the sync's quarantine
        wait_idle(qtbot, window._operations)
        look(window.quarantine)
        window.quarantine.close()
        # the error states: the reader's, the central's, the printer's and the reprint queue's
        walk_reader_errors(qtbot, window, bridge, look)
        walk_central_and_printer_errors(qtbot, window, services, food, look).close()

        def number_asked() -> None:  # Ctrl+G
            asked = QApplication.activeModalWidget()
            look(asked)
            asked.close()

        QTimer.singleShot(0, number_asked)
        window.ask_case_number()
        window.lock()  # the lock page
        look(window)
    finally:
        bridge.stop()
    gc.collect()
    assert found == [], "\n".join(found)
