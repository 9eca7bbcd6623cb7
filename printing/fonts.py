"""The CJK fonts slips and notices are drawn with, and which of them holds a given character.

Both the raster slips (Pillow) and the PDF notices (reportlab, which embeds the font) need a
TrueType-outline font: WenQuanYi Micro Hei covers GB18030's two-byte part; HanaMin A and B cover
the rare characters of CJK extensions A and B that turn up in names. A character no font holds
is reported, never silently drawn as an empty box.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from app.domain.messages import MessageError, msg

#: Where Debian (fonts-wqy-microhei, fonts-hanazono) and Windows keep them, in order of choice.
PRIMARY_CANDIDATES = (
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("C:/Windows/Fonts/msyh.ttc", 0),
    ("C:/Windows/Fonts/simsun.ttc", 0),
)
FALLBACK_CANDIDATES = (
    ("/usr/share/fonts/truetype/hanazono/HanaMinA.ttf", 0),
    ("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf", 0),
    ("C:/Windows/Fonts/simsunb.ttf", 0),
)
#: An administrator may point at another TrueType font (a .ttf, or a .ttc with `,index`).
FONT_VARIABLE = "ONEWINDOW_CJK_FONT"


class FontMissing(MessageError, RuntimeError):
    """No CJK TrueType font on this machine; the text says which package provides one."""


class UnprintableText(MessageError, ValueError):
    """Text holds characters no font on this machine can draw; the message lists them."""

    def __init__(self, characters: Sequence[str]) -> None:
        self.characters = tuple(characters)
        super().__init__(
            msg(
                "本机字体中没有字符 {characters}，无法打印；请安装 fonts-hanazono 等生僻字字体，"
                "或手写补全后盖章",
                characters=[f"“{c}”（U+{ord(c):04X}）" for c in self.characters],
            )
        )


@dataclass(frozen=True)
class FontFace:
    """One TrueType font file (a subfont of a .ttc collection) and the characters it holds."""

    path: Path
    subfont_index: int
    name: str  # the name it is registered under in reportlab
    _code_points: frozenset[int] = field(repr=False, compare=False)

    def holds(self, character: str) -> bool:
        return ord(character) in self._code_points


class FontSet:
    """The primary face and its fallbacks; fallbacks are read only when first needed."""

    def __init__(self, primary: tuple[Path, int], fallbacks: Sequence[tuple[Path, int]]) -> None:
        self.primary = _face(*primary)
        self._fallback_files = tuple(fallbacks)

    def face_for(self, character: str) -> FontFace | None:
        """The first face that holds the character, or None when none does."""
        if character.isspace() or self.primary.holds(character):
            return self.primary
        for path, index in self._fallback_files:
            face = _face(path, index)
            if face.holds(character):
                return face
        return None

    def missing(self, text: str) -> list[str]:
        """The characters of `text` no face holds, each once, in order."""
        return list(dict.fromkeys(c for c in text if self.face_for(c) is None))

    def check(self, text: str) -> None:
        """Raise UnprintableText when some character of `text` has no face."""
        if missing := self.missing(text):
            raise UnprintableText(missing)

    def runs(self, text: str) -> Iterable[tuple[FontFace, str]]:
        """`text` cut into runs that one face draws; an unheld character goes with the primary
        (which draws its box): callers check `missing` first and tell the clerk."""
        current: FontFace | None = None
        run: list[str] = []
        for character in text:
            face = self.face_for(character) or self.primary
            if face is not current and run:
                yield current or self.primary, "".join(run)
                run = []
            current = face
            run.append(character)
        if run:
            yield current or self.primary, "".join(run)


@cache
def cjk_fonts() -> FontSet:
    """The fonts of this machine, found once per process."""
    override = os.environ.get(FONT_VARIABLE, "").strip()
    if override:
        path, _, index = override.partition(",")
        primary = (Path(path), int(index or 0))
        if not primary[0].is_file():
            raise FontMissing(
                msg(
                    "环境变量 {variable} 指定的字体文件不存在：{path}",
                    variable=FONT_VARIABLE,
                    path=str(path),
                )
            )
    else:
        found = [(Path(p), i) for p, i in PRIMARY_CANDIDATES if Path(p).is_file()]
        if not found:
            raise FontMissing(
                msg(
                    "本机没有可用的中文字体：请安装 fonts-wqy-microhei（Debian），"
                    "或在环境变量 {variable} 中指定一个 TrueType 中文字体文件",
                    variable=FONT_VARIABLE,
                )
            )
        primary = found[0]
    fallbacks = [(Path(p), i) for p, i in FALLBACK_CANDIDATES if Path(p).is_file()]
    return FontSet(primary, fallbacks)


@cache
def _face(path: Path, subfont_index: int) -> FontFace:
    from reportlab.pdfbase.ttfonts import TTFontFile  # on first use: keeps start-up quick

    font = TTFontFile(str(path), subfontIndex=subfont_index)
    name = f"{Path(path).stem}-{subfont_index}"
    return FontFace(Path(path), subfont_index, name, frozenset(font.charToGlyph))
