"""The kiosk's touch parts: buttons at least 15 mm on the screen they are on, the on-screen
keypad for an ID number (checked as typed) and the letter keyboard for pinyin search.

A kiosk has no keyboard: everything typed is typed here, with the same checks as the counter
(`app.domain.identity`), so the applicant learns at the wrong digit, not at the end.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.identity import partial_resident_id_problem
from ui.messages import render

#: The smallest a target may be for a finger (ISO 9241-9 and the touch guidelines: ≥ 15 mm).
TOUCH_MM = 15.0
MM_PER_INCH = 25.4
LETTER_ROWS = ("QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM")
DIGIT_ROWS = ("123", "456", "789", "X0")


def touch_pixels(widget: QWidget | None = None) -> int:
    """15 mm in pixels on the screen `widget` is on (the primary screen before it is shown)."""
    screen = (widget.screen() if widget is not None else None) or QGuiApplication.primaryScreen()
    dpi = screen.physicalDotsPerInch() if screen is not None else 96.0
    return int(TOUCH_MM / MM_PER_INCH * max(dpi, 72.0) + 0.5)


def touch_button(text: str, name: str, parent: QWidget | None = None) -> QPushButton:
    """A button no smaller than a fingertip, that never takes keyboard focus from a field."""
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    side = touch_pixels(parent)
    button.setMinimumSize(side, side)
    return button


class _Keys(QWidget):
    """A grid of touch keys and a delete key; emits `pressed` with each key's text."""

    pressed = Signal(str)

    def __init__(self, rows: tuple[str, ...], delete: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setSpacing(6)
        for row, keys in enumerate(rows):
            for column, key in enumerate(keys):
                button = touch_button(key, f"key_{key}", self)
                button.clicked.connect(lambda _=False, k=key: self.pressed.emit(k))
                grid.addWidget(button, row, column)
        back = touch_button(delete, "key_delete", self)
        back.clicked.connect(lambda: self.pressed.emit(""))
        grid.addWidget(back, len(rows) - 1, len(rows[-1]), 1, 2)


class LetterKeyboard(_Keys):
    """The letters of pinyin for the search (yyzz, yingye find 营业执照)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(LETTER_ROWS, self.tr("删除"), parent)

    def type_into(self, text: str, key: str) -> str:
        """`text` after the key: a letter added, or the last one deleted ("")."""
        return text + key.lower() if key else text[:-1]


class IdKeypad(QWidget):
    """The ID number typed digit by digit, checked as typed: a wrong digit is said at once
    (and kept, to be deleted), and `complete` is emitted with a valid 18-digit number."""

    complete = Signal(str)

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.number = QLabel()
        self.number.setObjectName("typed_number")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.problem = QLabel()
        self.problem.setObjectName("keypad_problem")
        self.problem.setWordWrap(True)
        self.problem.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.keys = _Keys(DIGIT_ROWS, self.tr("删除"), self)
        self.keys.pressed.connect(self.press)
        layout = QVBoxLayout(self)
        layout.addWidget(self.number)
        layout.addWidget(self.problem)
        layout.addWidget(self.keys, 0, Qt.AlignmentFlag.AlignHCenter)

    def press(self, key: str) -> None:
        text = self.number.text()
        text = text + key if key else text[:-1]
        self.number.setText(text)
        problem = partial_resident_id_problem(text, self._today()) if text else None
        self.problem.setText(render(problem) if problem else "")
        if problem is None and len(text) == 18:
            self.complete.emit(text)

    def clear(self) -> None:
        self.number.clear()
        self.problem.clear()
