"""Every message the domain and the services can raise has an English translation.

Templates are found by walking the source for `msg(...)` calls, the way lupdate does; each must
be a literal, be in the .ts file (context "") with a finished translation, and keep its
`{placeholders}`. Clerk-facing errors are raised with a Message, never with finished text.
"""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.domain import messages
from app.domain.case import IllegalTransition
from app.domain.messages import Message, MessageError, msg

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted([*(ROOT / "app").rglob("*.py")])
TS = ROOT / "resources" / "translations" / "onewindow_en.ts"
CJK = re.compile(r"[\u3400-\u9fff]")
PLACEHOLDER = re.compile(r"(?<!\{)\{(\w+)\}(?!\})")


def calls_of(name: str) -> Iterator[tuple[Path, ast.Call]]:
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == name:
                yield path, node


def translations() -> dict[tuple[str, str], str]:
    """(template, disambiguation) → English, for the messages of context ""."""
    found = {}
    for context in ET.parse(TS).iter("context"):
        if context.findtext("name"):
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            assert not translation.get("type"), message.findtext("source")
            key = (message.findtext("source") or "", message.findtext("comment") or "")
            found[key] = translation.text or ""
    return found


def test_every_template_is_a_literal_with_a_translation_keeping_its_placeholders() -> None:
    english = translations()
    templates = 0
    for path, call in calls_of("msg"):
        where = f"{path.relative_to(ROOT)}:{call.lineno}"
        literals = call.args[:2]
        assert literals and all(
            isinstance(a, ast.Constant) and isinstance(a.value, str) for a in literals
        ), f"{where}: msg() takes literal text, so that lupdate can collect it"
        template = literals[0].value  # type: ignore[attr-defined]
        disambiguation = literals[1].value if len(literals) > 1 else ""  # type: ignore[attr-defined]
        key = (template, disambiguation)
        assert key in english, (
            f"{where}: {template!r} is not in {TS.name}: run scripts/translations.sh"
        )
        assert english[key], f"{where}: {template!r} has no English"
        assert sorted(PLACEHOLDER.findall(english[key])) == sorted(PLACEHOLDER.findall(template)), (
            where
        )
        given = {k.arg for k in call.keywords}
        if not any(k.arg is None for k in call.keywords):  # no **values
            assert given == set(PLACEHOLDER.findall(template)), f"{where}: values {given}"
        templates += 1
    assert templates > 200


def message_errors() -> set[str]:
    """Every class that is a MessageError, however far down (found until nothing is added)."""
    classes = [
        node
        for path in SOURCES
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef)
    ]
    names = {MessageError.__name__}
    while found := {
        c.name
        for c in classes
        if c.name not in names and any(getattr(b, "id", None) in names for b in c.bases)
    }:
        names |= found
    return names


def is_text(argument: ast.expr) -> bool:
    """Finished Chinese text (a field name such as "id_number" is not)."""
    if isinstance(argument, ast.JoinedStr | ast.BinOp):
        return True
    return isinstance(argument, ast.Constant) and bool(CJK.search(str(argument.value)))


def test_clerk_errors_are_made_with_a_message_not_with_text() -> None:
    """Raised or built to be raised later, in the domain, the services, the devices, the
    central and sync alike: an error made from finished text fails here."""
    errors = message_errors()
    assert {"IllegalTransition", "IdentifierError", "NotFound", "FormError"} <= errors
    # the card reader's, the printer's and the central's families (issue 13)
    assert {
        "CardReaderError",
        "FrameError",
        "CardDataError",
        "ReaderUnavailable",
        "ReaderTimeout",
        "PhotoDecoderError",
        "StatusError",
        "TunnelError",
        "NoCard",
        "CardMovedAway",
        "PrinterUnavailable",
        "PrinterSettingError",
        "CentralError",
        "CentralUnreachable",
    } <= errors
    packages = {path.relative_to(ROOT).parts[1] for path in SOURCES}
    assert {"devices", "central", "sync", "services", "domain", "cli"} <= packages
    wrong = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in SOURCES
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", None) in errors
        and any(is_text(a) for a in node.args)
    ]
    assert wrong == []


def test_a_stored_message_comes_back_and_old_text_shows_as_it_is() -> None:
    from app.domain.messages import stored, to_json

    kept = msg(
        "{printer} 断开了连接，打印内容可能没有送到（{detail}）",
        printer=msg("网络打印机 {address}", address="127.0.0.1:9"),
        detail="Connection reset",
    )
    assert stored(to_json(kept)) == kept
    assert str(stored("无法连接网络打印机：连接被拒绝")) == "无法连接网络打印机：连接被拒绝"
    assert str(stored("{not a template}")) == "{not a template}"


def test_str_is_the_chinese_text_with_lists_joined() -> None:
    error = IllegalTransition(
        msg(
            "必需材料不齐，不能受理：{missing}。请出具一次性补正告知。",
            missing=["申请书", "营业执照"],
        )
    )
    assert str(error) == "必需材料不齐，不能受理：申请书、营业执照。请出具一次性补正告知。"


@pytest.mark.usefixtures("qapp")
def test_the_window_renders_a_message_in_english() -> None:
    from PySide6.QtCore import QCoreApplication, QTranslator

    from app.domain.case import STATUS_MESSAGES, CaseStatus
    from ui.messages import render

    translator = QTranslator()
    assert translator.load(str(TS.with_suffix(".qm")))
    QCoreApplication.installTranslator(translator)
    try:
        refused = msg(
            "办件当前状态为“{status}”，不能{action}。",
            status=STATUS_MESSAGES[CaseStatus.REFUSED],
            action=msg("受理"),
        )
        assert render(refused) == "The case is “Refused”: cannot accept."
        missing = msg("以下材料不在本事项的材料清单中：{materials}", materials=("甲", "乙"))
        assert render(missing) == "These materials are not on the item's list: 甲, 乙"
    finally:
        QCoreApplication.removeTranslator(translator)
    assert render(refused) == "办件当前状态为“不予受理”，不能受理。"


def test_a_message_without_values_is_its_template() -> None:
    assert str(Message("本件不属于您所在部门，不能办理。")) == "本件不属于您所在部门，不能办理。"
    assert messages.LIST_SEPARATOR.template == "、"
