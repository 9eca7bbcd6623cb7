"""The kiosk's slip (自助取号凭条): the queue number large, where to go, how many wait before,
the materials to bring, the case number as a QR code and the holder masked.

One layout for what the kiosk prints at once and for what the guide desk reprints from the
queue: both are built here from `KioskTicket`, which never holds a name or ID number whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from printing.facts import Center
from printing.slip_layout import Align, Field, Heading, Numbered, QrCode, Rule, Slip, Text
from printing.slips import moment_text

#: The reprint queue's kind for a kiosk slip (beside the counter's SlipKind values).
KIOSK_SLIP = "kiosk"
KIOSK_TITLE = "自助取号凭条"


@dataclass(frozen=True)
class KioskTicket:
    """What the kiosk's slip states: the ticket, its item, and the holder masked."""

    number: str  # A012
    queue_name: str
    where: str  # hall / floor / window group, as the queue says it
    waiting_before: int
    item_name: str
    department: str
    materials: tuple[str, ...]
    case_no: str  # "" when no case was opened (the number typed on the keypad)
    holder: str  # the masked name (张*), "" when not known
    masked_id: str
    issued_at: datetime
    priority: str = ""  # e.g. 预约, 老年人优先; "" for an ordinary ticket


def kiosk_slip(ticket: KioskTicket, center: Center) -> Slip:
    """The slip in the applicant's hand: the number first and largest, the QR code the window
    scans (the case number; the ticket's number when no case was opened)."""
    priority = (Text(f"（{ticket.priority}）", Align.CENTER, bold=True),) if ticket.priority else ()
    case = (Field("办件编号", ticket.case_no),) if ticket.case_no else ()
    holder = " ".join(part for part in (ticket.holder, ticket.masked_id) if part)
    return Slip(
        KIOSK_SLIP,
        KIOSK_TITLE,
        (
            Text(center.name, Align.CENTER, bold=True),
            Text(KIOSK_TITLE, Align.CENTER),
            Heading(ticket.number),
            *priority,
            Text(_waiting(ticket.waiting_before), Align.CENTER, bold=True),
            Rule(),
            Field("请到", ticket.where, bold=True),
            Field("队列", ticket.queue_name),
            Field("事项", ticket.item_name),
            Field("部门", ticket.department),
            *case,
            Field("申请人", holder),
            Rule(),
            Text("请携带以下材料：", bold=True),
            Numbered(ticket.materials) if ticket.materials else Text("以窗口告知为准"),
            Rule(),
            QrCode(ticket.case_no or ticket.number),
            Text("请留意叫号屏，过号可到导办台重新排队", Align.CENTER),
            Text(f"咨询电话：{center.phone}", Align.CENTER),
            Text(f"取号时间：{moment_text(ticket.issued_at)}", Align.CENTER),
        ),
    )


def _waiting(count: int) -> str:
    return "您前面没有人等候" if count == 0 else f"您前面还有 {count} 人等候"
