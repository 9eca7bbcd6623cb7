"""The daily report (当日办件日结单) as an A4 PDF, with the CJK font embedded like the notices;
the same words as the slip (`printing.daily_report`), the root written out in full."""

from __future__ import annotations

import io
from datetime import datetime

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from app.domain.daily_report import TALLY_TITLES, DailyReport, Tally
from printing.daily_report import (
    NO_CHECKPOINT,
    TITLE,
    anchor_fields,
    center_groups,
    particulars,
    uncovered,
    unreadable,
)
from printing.facts import Center
from printing.fonts import cjk_fonts
from printing.notices import a4_document, markup, registered_font
from printing.slips import moment_text

MARGIN = 2 * cm


def daily_pdf(report: DailyReport, center: Center, printed_at: datetime) -> bytes:
    """The report as an A4 PDF, the font embedded; the same input gives the same bytes."""
    fonts = cjk_fonts()
    font = registered_font(fonts.primary)
    styles = _styles(font)
    buffer = io.BytesIO()
    title = f"{TITLE} {report.figures.day.isoformat()}"
    document = a4_document(buffer, title, center.name, font, MARGIN)
    story: list[Flowable] = [
        Paragraph(markup(center.name), styles["centre"]),
        Paragraph(markup(TITLE), styles["title"]),
        _table(particulars(report), font, (3 * cm, 14 * cm)),
        Spacer(1, 0.5 * cm),
        Paragraph(markup("办件情况（件）"), styles["heading"]),
        *(Paragraph(markup(words), styles["plain"]) for words in unreadable(report)),
        _figures(report, font),
        Spacer(1, 0.5 * cm),
        Paragraph(markup("当日签名检查点（中心签署）"), styles["heading"]),
    ]
    anchor = report.anchor
    if anchor is None:
        story.append(Paragraph(markup(NO_CHECKPOINT), styles["plain"]))
    else:
        story.append(_table(anchor_fields(anchor, short=False), font, (3 * cm, 14 * cm)))
        story += [Paragraph(markup(words), styles["plain"]) for words in uncovered(anchor)]
        story.append(_qr(anchor.checkpoint.root))
    story += [
        Spacer(1, 1 * cm),
        Paragraph(markup("窗口人员签字：　　　　　　　　　　"), styles["plain"]),
        Paragraph(markup(f"打印时间：{moment_text(printed_at)}"), styles["plain"]),
    ]
    document.build(story)
    return buffer.getvalue()


def _figures(report: DailyReport, font: str) -> Table:
    header = ["事项", *(TALLY_TITLES[t] for t in Tally)]
    rows: list[list[str]] = []
    for group in center_groups(report):
        if group.heading:
            rows.append([group.heading, *("" for _ in Tally)])
        rows += [[i.item_name, *(str(i.counts[t]) for t in Tally)] for i in group.items]
        if group.subtotal is not None:
            rows.append(["小计", *(str(group.subtotal[t]) for t in Tally)])
    totals = report.figures.totals
    rows.append(["合计", *(str(totals[t]) for t in Tally)])
    column = 2 * cm
    first = A4[0] - 2 * MARGIN - len(Tally) * column
    return _table([header, *rows], font, (first, *(column,) * len(Tally)), header=True)


def _table(
    rows: list[list[str]] | list[tuple[str, str]],
    font: str,
    widths: tuple[float, ...],
    *,
    header: bool = False,
) -> Table:
    cell = ParagraphStyle("cell", fontName=font, fontSize=10.5, leading=15, wordWrap="CJK")
    table = Table(
        [[Paragraph(markup(str(value)), cell) for value in row] for row in rows],
        colWidths=list(widths),
    )
    style = [
        ("FONT", (0, 0), (-1, -1), font),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID" if header else "LINEBELOW", (0, 0), (-1, -1), 0.3, "#999999"),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), "#eeeeee"))
    table.setStyle(TableStyle(style))
    return table


def _qr(payload: str) -> Drawing:
    widget = QrCodeWidget(payload)
    left, bottom, right, top = widget.getBounds()
    size = 3.5 * cm
    drawing = Drawing(
        size, size, transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0]
    )
    drawing.add(widget)
    return drawing


def _styles(font: str) -> dict[str, ParagraphStyle]:
    plain = ParagraphStyle("plain", fontName=font, fontSize=11, leading=17, wordWrap="CJK")
    return {
        "plain": plain,
        "centre": ParagraphStyle("centre", parent=plain, alignment=1),
        "title": ParagraphStyle(
            "title", parent=plain, fontSize=20, leading=28, alignment=1, spaceAfter=10
        ),
        "heading": ParagraphStyle("heading", parent=plain, fontSize=13, leading=20, spaceAfter=4),
    }
