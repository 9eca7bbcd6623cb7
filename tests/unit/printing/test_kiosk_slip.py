"""The kiosk's slip read back from the exact bytes the printer gets: the number large, where
to go, how many wait, the materials, the QR code with the case number, the masked holder,
the cut; on both paper widths."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.domain.events import CHINA_TIME
from app.domain.identity import mask_resident_id
from printing.escpos_stream import slip_bytes
from printing.kiosk_slip import KioskTicket, kiosk_slip
from printing.slip_layout import PAPERS, lay_out
from tests.unit.printing.escpos_decoder import decode
from tests.unit.printing.sample_facts import CENTER, ID_NUMBER

ISSUED = datetime(2026, 11, 23, 9, 41, tzinfo=CHINA_TIME)


def ticket(**changes: object) -> KioskTicket:
    values: dict[str, object] = {
        "number": "A012",
        "queue_name": "市场监管",
        "where": "A厅1楼 A01-A03窗口",
        "waiting_before": 4,
        "item_name": "个体工商户设立登记",
        "department": "市场监督管理局",
        "materials": ("个体工商户登记申请书", "经营者身份证明"),
        "case_no": "261123-07-001",
        "holder": "张*",
        "masked_id": mask_resident_id(ID_NUMBER),
        "issued_at": ISSUED,
    }
    return KioskTicket(**{**values, **changes})  # type: ignore[arg-type]


@pytest.mark.parametrize("millimetres", [58, 80])
def test_the_slip_prints_the_number_where_to_go_the_materials_and_the_case_as_qr(
    millimetres: int,
) -> None:
    paper = PAPERS[millimetres]
    decoded = decode(slip_bytes(lay_out(kiosk_slip(ticket(), CENTER), paper), paper))
    assert decoded.problems == []
    number = next(line for line in decoded.lines if line.text.strip() == "A012")
    assert number.double_width and number.double_height
    text = decoded.text
    for words in ("您前面还有 4 人等候", "A厅1楼 A01-A03窗口", "个体工商户设立登记"):
        assert words in text
    assert "1. 个体工商户登记申请书" in text and "2. 经营者身份证明" in text
    assert f"张* {mask_resident_id(ID_NUMBER)}" in text
    assert ID_NUMBER not in text
    assert decoded.qr_codes == ["261123-07-001"]
    assert decoded.cut is not None


def test_a_ticket_without_a_case_carries_its_number_in_the_qr_code() -> None:
    paper = PAPERS[80]
    slip = kiosk_slip(ticket(case_no="", holder="", waiting_before=0), CENTER)
    decoded = decode(slip_bytes(lay_out(slip, paper), paper))
    assert decoded.qr_codes == ["A012"] and decoded.cut is not None
    assert "办件编号" not in slip.text() and "您前面没有人等候" in slip.text()
