"""Facts of invented cases for the slip and notice tests: fictional people, valid check characters."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any

from app.domain.events import CHINA_TIME
from app.domain.identity import make_resident_id, mask_resident_id
from printing.facts import CaseFacts, Center, Suspension

#: A fictional applicant; tests look for the whole number in the output and must not find it.
ID_NUMBER = make_resident_id("230202", date(1985, 5, 17), 124)
CENTER = Center(name="江川市政务服务中心", phone="0000-12345678")
RECEIVED = datetime(2026, 11, 2, 9, 30, tzinfo=CHINA_TIME)


def sample_facts(**changes: Any) -> CaseFacts:
    """An accepted 食品经营许可 case; pass fields to change, e.g. `materials_missing=(...)`."""
    facts = CaseFacts(
        case_no="261102-01-007",
        status="办理中",
        item_code="SCJG-XK-001",
        item_name="食品经营许可（新办）",
        item_kind="承诺件",
        department="江川市市场监督管理局",
        legal_basis="《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》第十条",
        applicant_name="王秀英",
        applicant_id=mask_resident_id(ID_NUMBER),
        applicant_is_enterprise=False,
        credit_code="",
        legal_representative="",
        applicant_phone="138****5678",
        received_at=RECEIVED,
        accepted_at=RECEIVED.replace(minute=41),
        materials_received=("食品经营许可申请书", "营业执照复印件", "食品安全管理制度"),
        materials_missing=(),
        materials_listed=("食品经营许可申请书", "营业执照复印件", "食品安全管理制度", "场所平面图"),
        correction_note="",
        correction_at=None,
        procedure=("初审受理", "现场核查", "首席代表审核决定", "制证"),
        committed_days=10,
        legal_days=20,
        due=date(2026, 11, 16),
        fee="不收费",
        location="A厅1楼 A04窗口",
        outcome_reason="",
        decided_at=None,
        approved=None,
        decided_by="",
        certificate_no="",
        extension_days=0,
        extension_reason="",
        suspension=None,
        received_by="scjg01",
        window="A04",
        channel="counter",
        correction_location="A厅1楼 A04窗口",
    )
    return replace(facts, **changes)


def suspended_facts() -> CaseFacts:
    return sample_facts(
        status="暂停计时",
        suspension=Suspension(
            reason="专家评审",
            note="委托省食品安全专家组评审工艺流程",
            since=RECEIVED.replace(day=5, hour=14),
            until=None,
        ),
    )
