"""The organ's seal on a notice: the center's own seal image, or a drawn specimen.

A center that has not configured its seal image gets a red round seal marked 样章 (specimen),
so a demo notice can never be taken for one that bears the real seal.
"""

from __future__ import annotations

import math
from pathlib import Path

from reportlab.lib.colors import Color
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas

SEAL_RED = Color(0.85, 0.1, 0.1, alpha=0.85)
SEAL_DIAMETER = 4.2 * cm


def draw_seal(
    canvas: Canvas,
    centre_x: float,
    centre_y: float,
    image: Path | None,
    center_name: str,
    font: str,
) -> None:
    """Draw the seal centred on (centre_x, centre_y)."""
    if image is not None:
        canvas.drawImage(
            str(image),
            centre_x - SEAL_DIAMETER / 2,
            centre_y - SEAL_DIAMETER / 2,
            SEAL_DIAMETER,
            SEAL_DIAMETER,
            mask="auto",
            preserveAspectRatio=True,
        )
        return
    _draw_specimen(canvas, centre_x, centre_y, center_name, font)


def _draw_specimen(canvas: Canvas, x: float, y: float, name: str, font: str) -> None:
    radius = SEAL_DIAMETER / 2
    canvas.saveState()
    canvas.setStrokeColor(SEAL_RED)
    canvas.setFillColor(SEAL_RED)
    canvas.setLineWidth(2.2)
    canvas.circle(x, y, radius - 1.1, stroke=1, fill=0)
    _star(canvas, x, y + radius * 0.05, radius * 0.3)
    canvas.setFont(font, radius * 0.2)
    canvas.drawCentredString(x, y - radius * 0.55, "样章")
    _arc_text(canvas, x, y, radius * 0.74, name, font)
    canvas.restoreState()


def _star(canvas: Canvas, x: float, y: float, size: float) -> None:
    points = []
    for corner in range(10):
        reach = size if corner % 2 == 0 else size * 0.38
        angle = math.pi / 2 + corner * math.pi / 5
        points.append((x + reach * math.cos(angle), y + reach * math.sin(angle)))
    path = canvas.beginPath()
    path.moveTo(*points[0])
    for point in points[1:]:
        path.lineTo(*point)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)


def _arc_text(canvas: Canvas, x: float, y: float, radius: float, text: str, font: str) -> None:
    """The name along the upper arc, left to right, upright towards the rim; a long name is
    set smaller so that it never runs round the bottom of the seal."""
    sweep = math.radians(min(250, 18 * len(text) + 40))
    size = min(radius * 0.34, radius * sweep / max(len(text), 1) * 0.85)
    canvas.setFont(font, size)
    step = sweep / max(len(text) - 1, 1)
    start = math.pi / 2 + sweep / 2
    for index, character in enumerate(text):
        angle = start - index * step if len(text) > 1 else math.pi / 2
        canvas.saveState()
        canvas.translate(x + radius * math.cos(angle), y + radius * math.sin(angle))
        canvas.rotate(math.degrees(angle) - 90)
        canvas.drawCentredString(0, -size * 0.35, character)
        canvas.restoreState()
