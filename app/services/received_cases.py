"""Deciding at the window on a case already received elsewhere (the kiosk's 接件): the same
three outcomes as at intake — accept, ask for corrections, refuse — on the stored case."""

from __future__ import annotations

from collections.abc import Sequence

from app.domain.roles import Actor
from app.services.cases import Accept, CaseService, IntakeDecision, RequestCorrection
from app.services.views import CaseDetail


def decide_received(
    cases: CaseService,
    actor: Actor,
    case_no: str,
    materials: Sequence[str],
    decision: IntakeDecision,
) -> CaseDetail:
    """The intake's decision on the received case `case_no`, with the materials the clerk
    checked (accepting records them)."""
    if isinstance(decision, Accept):
        return cases.accept(actor, case_no, materials)
    if isinstance(decision, RequestCorrection):
        return cases.request_correction(actor, case_no, decision.missing, decision.note)
    return cases.refuse(actor, case_no, decision.reason)
