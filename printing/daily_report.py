"""The daily report (当日办件日结单) on paper: the slip for the thermal printer, and the words
the A4 PDF (`printing.daily_report_pdf`) shares with it.

Both say the same: the day's figures by item (counts only: no name, no ID number; at a joint
window the cases of the center above apart, under that center, with their subtotal) and the day's
anchor — the tree size, the root (shortened for reading, whole in the QR code and, on A4, in
full), when it was signed, the key's fingerprint and whether the log here holds against it —
or, when no checkpoint of that day is held, a plain sentence saying so and what to do.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from app.domain.daily_report import TALLY_TITLES, Anchor, DailyReport, ItemCounts, Tally
from printing.facts import Center
from printing.slip_layout import Align, Block, Field, Heading, QrCode, Rule, Slip, Text
from printing.slips import day_text, moment_text

#: The kind a daily report has in the reprint queue (its "case number" there is the day).
DAILY_REPORT = "daily_report"
TITLE = "当日办件日结单"
NO_CHECKPOINT = (
    "本机没有中心当日签署的检查点（当日未能与中心同步），本单不能列出当日的根哈希。"
    "请先同步（F9 或 onewindow sync），再重新打印日结单。"
)


def daily_slip(report: DailyReport, center: Center, printed_at: datetime) -> Slip:
    """The report as a slip for the thermal printer."""
    totals = report.figures.totals
    return Slip(
        DAILY_REPORT,
        TITLE,
        (
            Text(center.name, Align.CENTER, bold=True),
            Heading(TITLE),
            Rule(),
            *(Field(label, value) for label, value in particulars(report)),
            Rule(),
            Text("合计（件）：", bold=True),
            *(Field(TALLY_TITLES[t], str(totals[t])) for t in Tally),
            Rule(),
            Text("分事项（件）：", bold=True),
            *_items(report),
            Rule(),
            Text("当日签名检查点（中心签署）：", bold=True),
            *_anchor_blocks(report.anchor),
            Rule(),
            Text("窗口人员签字："),
            Text(""),
            Text(f"打印时间：{moment_text(printed_at)}", Align.CENTER),
        ),
    )


def particulars(report: DailyReport) -> list[tuple[str, str]]:
    window = [("窗口", report.window)] if report.window else []
    return [("日期", day_text(report.figures.day)), ("终端", report.figures.terminal), *window]


def _items(report: DailyReport) -> tuple[Block, ...]:
    blocks: list[Block] = [Text(words, bold=True) for words in unreadable(report)]
    if not report.figures.items:
        return (*blocks, Text("当日本终端没有办件记录。"))
    for group in center_groups(report):
        if group.heading:
            blocks.append(Text(group.heading, bold=True))
        blocks += [Field(item.item_name, _counted(item.counts)) for item in group.items]
        if group.subtotal is not None:
            blocks.append(Field("小计", _counted(group.subtotal)))
    return tuple(blocks)


@dataclass(frozen=True)
class CenterGroup:
    """The items of one center's cases: at a joint window under a heading, with a subtotal;
    elsewhere (the own center's only) neither."""

    heading: str
    items: list[ItemCounts]
    subtotal: dict[Tally, int] | None


def center_groups(report: DailyReport) -> list[CenterGroup]:
    figures = report.figures
    apart = figures.centers != [""]
    return [
        CenterGroup(
            _heading(center) if apart else "",
            [item for item in figures.items if item.center == center],
            figures.totals_of(center) if apart else None,
        )
        for center in figures.centers
    ]


def _heading(center: str) -> str:
    return f"上级中心 {center}（合一窗口受理，计入该中心）：" if center else "本中心："


def _counted(counts: Mapping[Tally, int]) -> str:
    return "，".join(f"{TALLY_TITLES[t]}{n}" for t, n in counts.items() if n)


def unreadable(report: DailyReport) -> list[str]:
    if not report.figures.unreadable:
        return []
    count = report.figures.unreadable
    return [f"有{count}件办件的记录无法读取，未计入：请立即运行 onewindow verify 并报告中心。"]


def _anchor_blocks(anchor: Anchor | None) -> tuple[Block, ...]:
    if anchor is None:
        return (Text(NO_CHECKPOINT, bold=True),)
    return (
        *(Field(label, value) for label, value in anchor_fields(anchor, short=True)),
        *(Text(words) for words in uncovered(anchor)),
        QrCode(anchor.checkpoint.root),
        Text("扫码得完整根哈希", Align.CENTER),
    )


def anchor_fields(anchor: Anchor, *, short: bool) -> list[tuple[str, str]]:
    checkpoint = anchor.checkpoint
    verdict = (
        "通过：本机记录与中心签署的根一致"
        if anchor.holds
        else "不符：本机记录与中心签署的根不一致，请立即报告中心，并运行 onewindow verify"
    )
    return [
        ("记录数", str(checkpoint.size)),
        ("根哈希", anchor.short_root if short else checkpoint.root),
        ("签署时间", anchor.signed_at.strftime("%Y-%m-%d %H:%M:%S")),
        ("密钥指纹", anchor.fingerprint),
        ("本机核验", verdict),
    ]


def uncovered(anchor: Anchor) -> list[str]:
    if not anchor.uncovered:
        return []
    return [f"当日另有{anchor.uncovered}条记录写于此检查点之后，尚未签署；同步后可重新打印。"]
