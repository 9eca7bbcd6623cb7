"""The English translation is complete, compiled, and keeps every placeholder."""

from __future__ import annotations

import os
import re
import subprocess
import sysconfig
import xml.etree.ElementTree as ET
from pathlib import Path

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"
PLACEHOLDER = re.compile(r"%(?:\d+|n)")
#: Qt's compiler, installed with PySide6 beside the Python that runs the tests (the venv's
#: bin/): found by its path, never by PATH, which has no venv in a fresh login shell
LRELEASE = Path(sysconfig.get_path("scripts")) / "pyside6-lrelease"


def messages() -> list[ET.Element]:
    return list(ET.parse(TRANSLATIONS / "onewindow_en.ts").iter("message"))


def translations_of(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    forms = [form.text or "" for form in translation.iter("numerusform")]
    return forms or [translation.text or ""]


def test_every_message_is_translated() -> None:
    unfinished = [
        m.findtext("source")
        for m in messages()
        if (m.find("translation") is not None and m.find("translation").get("type"))
        or not all(translations_of(m))
    ]
    assert unfinished == []


def test_placeholders_are_kept() -> None:
    for message in messages():
        wanted = sorted(PLACEHOLDER.findall(message.findtext("source") or ""))
        for text in translations_of(message):
            assert sorted(PLACEHOLDER.findall(text)) == wanted, message.findtext("source")


def test_shipped_compiled_file_matches_the_source(tmp_path: Path) -> None:
    """Whoever edits the .ts file must run pyside6-lrelease too (see README). Compiled here
    as on a fresh machine: the PATH of a plain login shell, without the venv's bin/."""
    fresh = tmp_path / "fresh.qm"
    subprocess.run(
        [str(LRELEASE), str(TRANSLATIONS / "onewindow_en.ts"), "-qm", str(fresh)],
        check=True,
        capture_output=True,
        env={**os.environ, "PATH": os.defpath},
    )
    assert fresh.read_bytes() == (TRANSLATIONS / "onewindow_en.qm").read_bytes()
