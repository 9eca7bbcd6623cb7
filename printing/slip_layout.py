"""A slip as blocks, and the blocks laid out into the lines a thermal printer prints.

A slip is described once (`Slip`, a tuple of blocks) and laid out once for a paper width; the
ESC/POS stream, the raster image and the on-screen preview are all drawn from the same laid-out
lines, so what the clerk previews is what the printer prints, line for line.

Widths are counted in the printer's half-width cells (font A: 12 × 24 dots): ASCII takes one
cell, every other character two (in Chinese mode a GB18030 two-byte character is 24 dots wide;
the raster path draws rarer characters in the same two cells).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

#: Characters that may not begin a line (避头点) and that may not end one (避尾点).
NO_LINE_START = frozenset("，。、；：？！）》」』】〕”’…%,.;:?!)]}")
NO_LINE_END = frozenset("（《「『【〔“‘([{")


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"


@dataclass(frozen=True)
class Paper:
    """A roll width: its printable dots and font-A cells per line."""

    millimetres: int
    dots: int
    cells: int

    @property
    def usable_cells(self) -> int:
        """One cell short of full: a line that fills the buffer exactly is printed by the
        printer itself, and the line feed after it would then print an empty line."""
        return self.cells - 1


PAPERS = {58: Paper(58, 384, 32), 80: Paper(80, 576, 48)}


# ---- blocks: what a slip says --------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """The slip's title, printed double size and centred."""

    text: str


@dataclass(frozen=True)
class Text:
    text: str
    align: Align = Align.LEFT
    bold: bool = False


@dataclass(frozen=True)
class Field:
    """A label and its value; a long value wraps under itself, not under the label."""

    label: str
    value: str
    bold: bool = False


@dataclass(frozen=True)
class Numbered:
    """A numbered list (materials, steps); each entry wraps under its own text."""

    entries: tuple[str, ...]


@dataclass(frozen=True)
class Rule:
    """A dashed separator across the paper."""


@dataclass(frozen=True)
class QrCode:
    payload: str


Block = Heading | Text | Field | Numbered | Rule | QrCode


@dataclass(frozen=True)
class Slip:
    kind: str
    title: str
    blocks: tuple[Block, ...]

    def text(self) -> str:
        """Every word the slip prints, for checks such as 'which characters need raster'."""
        return "\n".join(_block_text(block) for block in self.blocks)


# ---- lines: what the printer prints ---------------------------------------------------------


@dataclass(frozen=True)
class PrintLine:
    text: str
    align: Align = Align.LEFT
    bold: bool = False
    double: bool = False  # double width and height


@dataclass(frozen=True)
class QrLine:
    payload: str


Line = PrintLine | QrLine


def cells(text: str) -> int:
    """Width of `text` in half-width cells."""
    return sum(1 if ord(c) < 0x80 else 2 for c in text)


def lay_out(slip: Slip, paper: Paper) -> list[Line]:
    width = paper.usable_cells
    lines: list[Line] = []
    for block in slip.blocks:
        match block:
            case Heading(text):
                lines += [PrintLine(t, Align.CENTER, True, True) for t in wrap(text, width // 2)]
            case Text(text, align, bold):
                lines += [PrintLine(t, align, bold) for t in wrap(text, width)]
            case Field(label, value, bold):
                lines += [PrintLine(t, bold=bold) for t in _hanging(f"{label}：", value, width)]
            case Numbered(entries):
                for number, entry in enumerate(entries, start=1):
                    lines += [PrintLine(t) for t in _hanging(f"{number}. ", entry, width)]
            case Rule():
                lines.append(PrintLine("-" * width))
            case QrCode(payload):
                lines.append(QrLine(payload))
    return lines


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` cells; words of ASCII (numbers, codes) stay whole where they
    fit, and a line neither starts with a closing mark nor ends with an opening one."""
    lines: list[str] = []
    text = text.replace("¥", "￥")  # the half-width sign is four bytes in GB18030: ? on paper
    for paragraph in text.splitlines() or [""]:
        lines += _wrap_paragraph(paragraph, width)
    return lines


def _wrap_paragraph(text: str, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for token in _tokens(text):
        if cells(line + token) <= width:
            line += token
            continue
        if cells(token) > width:  # a word longer than a line: cut it where the line ends
            for character in token:
                if cells(line + character) > width:
                    lines.append(line)
                    line = ""
                line += character
            continue
        line, carried = _kinsoku(line, token)
        lines.append(line)
        line = carried + token.lstrip(" ")
    lines.append(line)
    return lines


def _kinsoku(line: str, token: str) -> tuple[str, str]:
    """Split before `token`, moving characters so the break obeys 避头尾; returns the finished
    line and what it passes on to the next."""
    carried = ""
    while line and len(line) > 1 and (token[0] in NO_LINE_START or line[-1] in NO_LINE_END):
        carried, line = line[-1] + carried, line[:-1]
        token = carried
    return line.rstrip(" "), carried


def _tokens(text: str) -> Iterator[str]:
    """ASCII words (with a leading space) as one token; every other character alone."""
    word = ""
    for character in text:
        if ord(character) < 0x80 and (
            character.isalnum() or character in "-_/.:*" or (character == " " and not word.strip())
        ):
            word += character
            continue
        if word:
            yield word
            word = ""
        yield character
    if word:
        yield word


def _hanging(lead: str, text: str, width: int) -> list[str]:
    indent = cells(lead)
    if indent > width // 2:  # a label too long to hang under: wrap everything as one text
        return wrap(lead + text, width)
    body = wrap(text, width - indent)
    return [lead + body[0], *(" " * indent + rest for rest in body[1:])]


def _block_text(block: Block) -> str:
    match block:
        case Heading(text) | Text(text):
            return text
        case Field(label, value):
            return f"{label}：{value}"
        case Numbered(entries):
            return "\n".join(entries)
        case QrCode(payload):
            return payload
    return ""


def text_of(lines: Sequence[Line]) -> str:
    """The printed text, one line per line (QR codes as their payload): what a test reads."""
    return "\n".join(line.text if isinstance(line, PrintLine) else line.payload for line in lines)
