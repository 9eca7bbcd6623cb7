"""Windows (窗口): the numbered counters of a center's halls, each accepting the items of one
department or, at a comprehensive window (综合窗口), of several (一窗受理).

A window is the fold of its events — set up, changed, closed — each written once with its
position, the acting user and terminal, like a case's events, so that they can go up to the
central and down to the other counters of the center. Nothing is changed in place: the
`windows` table of the store is the fold, rebuilt from the log at will.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from app.domain.messages import Message, MessageError, msg

#: A window's number as the hall's signs show it: a letter or two and digits (A04, B12, 3).
NUMBER = re.compile(r"[A-Z]{0,2}[0-9]{1,3}")


class WindowError(MessageError, ValueError):
    """A window change refused; the text says why, for the administrator."""


class WindowEventKind(StrEnum):
    SET_UP = "set_up"  # 设立
    CHANGED = "changed"  # 修改
    CLOSED = "closed"  # 撤销


@dataclass(frozen=True)
class WindowSpec:
    """What the administrator types for a window."""

    number: str
    name: str
    hall: str = ""
    floor: str = ""
    departments: tuple[str, ...] = ()
    terminal: str = ""  # the terminal that stands at it; "" for none

    def checked(self, known_departments: Iterable[str]) -> WindowSpec:
        """The spec tidied (number in capitals, departments once each in the order given), or
        WindowError naming the first thing wrong."""
        number = self.number.strip().upper()
        if not NUMBER.fullmatch(number):
            raise WindowError(
                msg("窗口编号“{number}”无效：应为字母加数字，如 A04", number=self.number)
            )
        name = self.name.strip()
        if not name:
            raise WindowError(msg("请填写窗口名称"))
        departments = tuple(dict.fromkeys(d.strip() for d in self.departments if d.strip()))
        if not departments:
            raise WindowError(msg("请至少选择一个部门：窗口受理哪个部门的事项"))
        unknown = [d for d in departments if d not in set(known_departments)]
        if unknown:
            raise WindowError(
                msg("部门 {departments} 不在部门名单中", departments="、".join(unknown))
            )
        return WindowSpec(
            number, name, self.hall.strip(), self.floor.strip(), departments, self.terminal.strip()
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "name": self.name,
            "hall": self.hall,
            "floor": self.floor,
            "departments": list(self.departments),
            "terminal": self.terminal,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> WindowSpec:
        return cls(
            number=str(data["number"]),
            name=str(data["name"]),
            hall=str(data.get("hall", "")),
            floor=str(data.get("floor", "")),
            departments=tuple(str(d) for d in data.get("departments", ())),
            terminal=str(data.get("terminal", "")),
        )


@dataclass(frozen=True)
class WindowEvent:
    """One change of one window: `position` counts from 1 within the window's log; `spec` is
    the window as it stands after the change (for a closing, as it stood)."""

    id: UUID
    number: str
    position: int
    kind: WindowEventKind
    spec: WindowSpec
    actor: str
    terminal: str
    at: datetime


@dataclass(frozen=True)
class Window:
    """A window as its log folds: `version` is the position of its last event (what a second
    administrator's change is checked against); a closed window keeps its number's history."""

    spec: WindowSpec
    version: int
    open: bool = True

    @property
    def number(self) -> str:
        return self.spec.number

    @property
    def comprehensive(self) -> bool:
        """A comprehensive window (综合窗口): it accepts the items of several departments."""
        return len(self.spec.departments) > 1


def fold(events: Iterable[WindowEvent]) -> Window | None:
    """The window its events make, in order; None for no events."""
    window: Window | None = None
    for event in events:
        window = Window(event.spec, event.position, event.kind is not WindowEventKind.CLOSED)
    return window


@dataclass(frozen=True)
class Stamp:
    """Who makes a change, where and when, and the new event's id."""

    id: UUID
    actor: str
    terminal: str
    at: datetime


def set_up(
    spec: WindowSpec, existing: Window | None, others: Iterable[Window], stamp: Stamp
) -> WindowEvent:
    """Set up a window (or set up again a number that was closed)."""
    if existing is not None and existing.open:
        raise WindowError(msg("窗口编号 {number} 已存在，不能重复设立", number=spec.number))
    _terminal_free(spec, others)
    position = existing.version + 1 if existing else 1
    return _event(WindowEventKind.SET_UP, spec, position, stamp)


def change(
    spec: WindowSpec, existing: Window | None, version: int, others: Iterable[Window], stamp: Stamp
) -> WindowEvent:
    """Change an open window as it stood at `version` (what the administrator saw)."""
    window = _open(spec.number, existing)
    _unchanged_since(window, version)
    _terminal_free(spec, others)
    return _event(WindowEventKind.CHANGED, spec, window.version + 1, stamp)


def close(number: str, existing: Window | None, version: int, stamp: Stamp) -> WindowEvent:
    """Close an open window; its number can be set up again later."""
    window = _open(number, existing)
    _unchanged_since(window, version)
    return _event(WindowEventKind.CLOSED, window.spec, window.version + 1, stamp)


def _open(number: str, existing: Window | None) -> Window:
    if existing is None or not existing.open:
        raise WindowError(msg("没有编号为 {number} 的窗口", number=number))
    return existing


def _unchanged_since(window: Window, version: int) -> None:
    if window.version != version:
        raise WindowError(
            msg(
                "窗口 {number} 刚被他人修改过，请重新打开后再改（您的输入未保存，仍在表单中）",
                number=window.number,
            )
        )


def _terminal_free(spec: WindowSpec, others: Iterable[Window]) -> None:
    if not spec.terminal:
        return
    for other in others:
        if other.open and other.number != spec.number and other.spec.terminal == spec.terminal:
            raise WindowError(
                msg(
                    "终端 {terminal} 已在窗口 {number}，一台终端只能在一个窗口",
                    terminal=spec.terminal,
                    number=other.number,
                )
            )


def _event(kind: WindowEventKind, spec: WindowSpec, position: int, stamp: Stamp) -> WindowEvent:
    return WindowEvent(
        stamp.id, spec.number, position, kind, spec, stamp.actor, stamp.terminal, stamp.at
    )


#: Each kind of change in words (the audit trail's details, the CLI).
KIND_MESSAGES: dict[WindowEventKind, Message] = {
    WindowEventKind.SET_UP: msg("设立"),
    WindowEventKind.CHANGED: msg("修改"),
    WindowEventKind.CLOSED: msg("撤销"),
}
