"""Laid-out slip lines drawn as a one-bit image, cell by cell as the printer would place them.

The same drawing serves three purposes: the whole slip for a printer without Chinese fonts
(`GS v 0`), a single line holding a character outside GB18030's two-byte part, and the preview
the clerk sees before printing.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import cache

import qrcode
from PIL import Image, ImageDraw, ImageFont

from printing.fonts import FontFace, cjk_fonts
from printing.slip_layout import Align, Line, Paper, PrintLine, QrLine, cells

CELL = 12  # dots of a half-width cell (font A)
GLYPH = 24  # dots of a character's height
LINE_PITCH = 32  # dots from one text line to the next
MARGIN = 8  # dots above and below the slip in an image
QR_MODULE = {58: 5, 80: 6}  # dots per QR module: the same size the printer draws natively


def render(lines: Sequence[Line], paper: Paper) -> Image.Image:
    """The lines as a one-bit image as wide as the paper's printable dots."""
    heights = [line_height(line, paper) for line in lines]
    image = Image.new("L", (paper.dots, sum(heights) + 2 * MARGIN), 255)
    top = MARGIN
    for line, height in zip(lines, heights, strict=True):
        _draw(image, line, paper, top)
        top += height
    return image.convert("1", dither=Image.Dither.NONE)


def render_line(line: PrintLine, paper: Paper) -> Image.Image:
    """One text line alone, for a line the printer's own font cannot print."""
    image = Image.new("L", (paper.dots, line_height(line, paper)), 255)
    _draw(image, line, paper, 0)
    return image.convert("1", dither=Image.Dither.NONE)


def preview_png(lines: Sequence[Line], paper: Paper) -> bytes:
    """The slip as a PNG, exactly as `render` draws it."""
    buffer = io.BytesIO()
    render(lines, paper).save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def line_height(line: Line, paper: Paper) -> int:
    if isinstance(line, QrLine):
        return qr_image(line.payload, paper).height + LINE_PITCH // 2
    return LINE_PITCH * 2 if line.double else LINE_PITCH


def qr_image(payload: str, paper: Paper) -> Image.Image:
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        box_size=QR_MODULE[paper.millimetres],
        border=0,
    )
    code.add_data(payload)
    code.make(fit=True)
    return code.make_image().get_image().convert("L")


def _draw(image: Image.Image, line: Line, paper: Paper, top: int) -> None:
    if isinstance(line, QrLine):
        code = qr_image(line.payload, paper)
        image.paste(code, ((paper.dots - code.width) // 2, top))
        return
    scale = 2 if line.double else 1
    width = cells(line.text) * CELL * scale
    x = (paper.dots - width) // 2 if line.align is Align.CENTER else 0
    fonts = cjk_fonts()
    for character in line.text:
        step = (1 if ord(character) < 0x80 else 2) * CELL * scale
        if not character.isspace():
            face = fonts.face_for(character) or fonts.primary
            glyph = _glyph(face, character, GLYPH * scale)
            left = x + (step - glyph.width) // 2
            image.paste(0, (left, top), glyph)
            if line.bold:
                image.paste(0, (left + 1, top), glyph)
        x += step


@cache
def _glyph(face: FontFace, character: str, size: int) -> Image.Image:
    """A character's mask in a cell-high box, kept for the next slip (names and items repeat)."""
    font = _font(face, size)
    height = size * 5 // 4  # room for descenders below the cell
    mask = Image.new("L", (size * 2, height), 0)
    ImageDraw.Draw(mask).text((0, 0), character, font=font, fill=255)
    box = mask.getbbox()
    if box is None:
        return mask.crop((0, 0, size, height))
    return mask.crop((box[0], 0, box[2], height))


@cache
def _font(face: FontFace, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(face.path), size, index=face.subfont_index)
