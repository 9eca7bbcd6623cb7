"""The written notices as A4 PDFs, with the CJK font embedded and the seal over the date.

reportlab's built-in `STSong-Light` is not embedded (a viewer without that font shows blanks),
so the TrueType faces of `printing.fonts` are registered and embedded as subsets; a run of rare
characters (CJK extensions A and B) switches to the fallback face that holds it. Text no font
holds is refused before anything is drawn. The wording is in `notice_texts`.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from printing.facts import CaseFacts, Center
from printing.fonts import FontFace, cjk_fonts
from printing.notice_texts import (
    NOTICE_TITLES,
    NoticeKind,
    NoticeNotApplicable,
    NoticeText,
    applicable_notices,
    notice_text,
)
from printing.seal import SEAL_DIAMETER, draw_seal

__all__ = [
    "NOTICE_TITLES",
    "NoticeKind",
    "NoticeNotApplicable",
    "a4_document",
    "applicable_notices",
    "markup",
    "registered_font",
    "render_notice",
]

BODY_SIZE = 12
MARGIN = 2.5 * cm


def a4_document(
    buffer: io.BytesIO, title: str, author: str, font: str, margin: float = MARGIN
) -> SimpleDocTemplate:
    """An A4 document written to `buffer`, the same bytes for the same input, `font` embedded."""
    return SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=title,
        author=author,
        invariant=True,
        initialFontName=font,  # otherwise every page names Helvetica, not embedded
    )


def render_notice(kind: NoticeKind, facts: CaseFacts, center: Center, issued_on: date) -> bytes:
    """The notice as PDF bytes; the same input always gives the same bytes.

    Raises NoticeNotApplicable when the case does not support the notice, and
    `printing.fonts.UnprintableText` when some character has no font on this machine.
    """
    text = notice_text(kind, facts, center, issued_on)
    fonts = cjk_fonts()
    fonts.check("".join(_all_words(text)))
    font = registered_font(fonts.primary)
    buffer = io.BytesIO()
    document = a4_document(buffer, f"{text.title} {facts.case_no}", center.name, font)
    page_number = _page_number(font)
    document.build(_story(text, center, font), onFirstPage=page_number, onLaterPages=page_number)
    return buffer.getvalue()


def _story(text: NoticeText, center: Center, font: str) -> list[Flowable]:
    styles = _styles(font)
    story: list[Flowable] = [
        Paragraph(markup(text.title), styles["title"]),
        Paragraph(markup(text.number), styles["number"]),
        Spacer(1, 0.4 * cm),
        Paragraph(markup(text.addressee), styles["plain"]),
        Spacer(1, 0.2 * cm),
        _particulars(text, styles, font),
        Spacer(1, 0.4 * cm),
    ]
    story += [Paragraph(markup(p), styles["body"]) for p in text.paragraphs]
    story += [
        Paragraph(markup(f"{number}. {entry}"), styles["listed"])
        for number, entry in enumerate(text.listed, start=1)
    ]
    story += [Paragraph(markup(p), styles["body"]) for p in text.closing]
    story.append(Spacer(1, 1.2 * cm))
    story.append(KeepTogether([_Signature(text, center, font)]))
    return story


def _particulars(text: NoticeText, styles: dict[str, ParagraphStyle], font: str) -> Table:
    rows = [
        [Paragraph(markup(label), styles["label"]), Paragraph(markup(value), styles["plain"])]
        for label, value in text.particulars
    ]
    table = Table(rows, colWidths=[3.6 * cm, A4[0] - 2 * MARGIN - 3.6 * cm])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), font),  # the cell default, else Helvetica is named
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, "#999999"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


class _Signature(Flowable):
    """The center's name and the date at the right, the seal over them (Art. 32)."""

    def __init__(self, text: NoticeText, center: Center, font: str) -> None:
        super().__init__()
        self._text, self._center, self._font = text, center, font
        self.height = SEAL_DIAMETER

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.height

    def draw(self) -> None:
        canvas: Canvas = self.canv
        right = self.width
        size = 13 if pdfmetrics.stringWidth(self._text.signed_by, self._font, 13) < 9 * cm else 10
        canvas.setFont(self._font, size)
        canvas.drawRightString(right, self.height * 0.55, self._text.signed_by)
        canvas.setFont(self._font, 13)
        canvas.drawRightString(right, self.height * 0.55 - 22, self._text.signed_on)
        centre_x = (
            right - min(pdfmetrics.stringWidth(self._text.signed_by, self._font, size), 9 * cm) / 2
        )
        draw_seal(
            canvas,
            centre_x,
            self.height * 0.5,
            self._center.seal_image,
            self._center.name,
            self._font,
        )


def _styles(font: str) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle(
        "body",
        fontName=font,
        fontSize=BODY_SIZE,
        leading=BODY_SIZE * 1.8,
        firstLineIndent=BODY_SIZE * 2,
        alignment=TA_JUSTIFY,
        wordWrap="CJK",
        spaceAfter=4,
    )
    return {
        "title": ParagraphStyle(
            "title",
            parent=body,
            fontSize=22,
            leading=30,
            alignment=TA_CENTER,
            firstLineIndent=0,
            spaceAfter=6,
        ),
        "number": ParagraphStyle(
            "number", parent=body, fontSize=11, alignment=TA_RIGHT, firstLineIndent=0
        ),
        "plain": ParagraphStyle(
            "plain", parent=body, firstLineIndent=0, leading=BODY_SIZE * 1.5, spaceAfter=0
        ),
        "label": ParagraphStyle(
            "label",
            parent=body,
            firstLineIndent=0,
            fontSize=11,
            leading=BODY_SIZE * 1.5,
            spaceAfter=0,
        ),
        # the number hangs in the margin of its entry
        "listed": ParagraphStyle(
            "listed",
            parent=body,
            firstLineIndent=-BODY_SIZE * 1.5,
            leftIndent=BODY_SIZE * 3.5,
            leading=BODY_SIZE * 1.6,
            spaceAfter=0,
        ),
        "body": body,
    }


def _page_number(font: str) -> Callable[[Canvas, SimpleDocTemplate], None]:
    def draw(canvas: Canvas, document: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(font, 9)
        canvas.drawCentredString(A4[0] / 2, MARGIN / 2, f"第 {document.page} 页")
        canvas.restoreState()

    return draw


def markup(text: str) -> str:
    """`text` escaped for a Paragraph, with runs of rare characters set in their own face."""
    fonts = cjk_fonts()
    parts = []
    for face, run in fonts.runs(text):
        escaped = escape(run)
        if face == fonts.primary:
            parts.append(escaped)
        else:
            parts.append(f'<font name="{registered_font(face)}">{escaped}</font>')
    return "".join(parts)


@cache
def registered_font(face: FontFace) -> str:
    """Register a face with reportlab once per process (reading the file is the slow part)."""
    pdfmetrics.registerFont(TTFont(face.name, str(face.path), subfontIndex=face.subfont_index))
    return face.name


def _all_words(text: NoticeText) -> list[str]:
    return [
        text.title,
        text.number,
        text.addressee,
        *(f"{label}{value}" for label, value in text.particulars),
        *text.paragraphs,
        *text.listed,
        *text.closing,
        text.signed_by,
        text.signed_on,
    ]
