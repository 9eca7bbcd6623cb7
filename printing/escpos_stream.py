"""Laid-out slip lines as the ESC/POS byte stream a thermal printer takes.

python-escpos builds the commands (initialise, alignment, emphasis, size, native QR, raster
images, cut) on its `Dummy` printer, which only collects bytes; sending them is the device
layer's job. The text itself is encoded here, never by the library: in Chinese mode (`FS &`) a
printer takes GB18030's two-byte part, and python-escpos' own guessing garbles lines of Chinese
punctuation. A line holding a character outside that part (a rare name) goes as a raster image
of that line only; with `raster=True` the whole slip does, for printers without Chinese fonts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from printing.fonts import cjk_fonts
from printing.raster import QR_MODULE, render, render_line
from printing.slip_layout import Line, Paper, PrintLine, QrLine

FS_CHINESE_ON = b"\x1c&"
FS_CHINESE_OFF = b"\x1c."
LF = b"\n"
QR_ERROR_CORRECTION_M = 1  # python-escpos' QR_ECLEVEL_M: a slip may be creased or smudged

if TYPE_CHECKING:
    from escpos.printer import Dummy


def slip_bytes(lines: Sequence[Line], paper: Paper, *, raster: bool = False) -> bytes:
    """The print job for the lines: initialise, print, feed and cut.

    Raises `printing.fonts.UnprintableText` when a line must be drawn and some character of it
    has no font on this machine: better a clear refusal than a slip with a blank in the name.
    """
    printer = _printer(paper)
    printer.hw("INIT")
    if raster:
        cjk_fonts().check("".join(line.text for line in lines if isinstance(line, PrintLine)))
        printer.image(render(lines, paper), impl="bitImageRaster")
    else:
        printer._raw(FS_CHINESE_ON)
        for line in lines:
            _print_line(printer, line, paper)
        printer._raw(FS_CHINESE_OFF)
    printer.cut()
    return printer.output


def needs_raster(text: str) -> bool:
    """Whether a printer in Chinese mode cannot print `text` from its own font."""
    return any(len(_gb18030(character)) > 2 for character in text if ord(character) >= 0x80)


def _print_line(printer: Dummy, line: Line, paper: Paper) -> None:
    if isinstance(line, QrLine):
        printer.set(align="center")
        printer.qr(
            line.payload, native=True, size=QR_MODULE[paper.millimetres], ec=QR_ERROR_CORRECTION_M
        )
        return
    if needs_raster(line.text):
        cjk_fonts().check(line.text)
        printer.set(align="left")
        printer.image(render_line(line, paper), impl="bitImageRaster")
        return
    scale = 2 if line.double else 1
    # GS ! sizes Chinese characters too; ESC ! (python-escpos' double_width) only Latin ones
    printer.set(align=line.align.value, bold=line.bold, custom_size=True, width=scale, height=scale)
    printer._raw(line.text.encode("gb18030") + LF)


def _gb18030(character: str) -> bytes:
    try:
        return character.encode("gb18030")
    except UnicodeEncodeError:  # a lone surrogate: no printer font has it either
        return b"\x00" * 4


def _printer(paper: Paper) -> Dummy:
    """A byte collector whose profile knows the paper's width (python-escpos prints a warning
    to standard output for every image when the profile's width is unknown).

    python-escpos is imported here, on first use: importing it calls `logging.basicConfig()`,
    which must not run before the application has set up its own log.
    """
    from escpos.printer import Dummy

    printer = Dummy()
    data = printer.profile.profile_data
    printer.profile.profile_data = {
        **data,
        "media": {"dpi": 203, "width": {"mm": paper.millimetres, "pixels": paper.dots}},
    }
    return printer
