"""上报件: a case whose decision belongs to the center above is sent up at its decision step
(a typed event naming that center), decided there by that center's chief representative,
the decision recorded on the case and the case finished at the window that accepted it; its
clock runs on while it is up."""

from __future__ import annotations

from dataclasses import replace

from app.domain.case import CaseStatus
from app.domain.case_rules import Action
from app.domain.event_data import Decided, EventKind, ReportedUp, decode
from app.domain.roles import Actor, Role
from tests.unit.domain.test_case import CATALOG, FOOD, Window, at_decision

HOSPITAL = CATALOG["WJ-XK-003"]  # 医疗机构设置审批（三级医院）: a 上报件
CITY = "150800"
WJ_CLERK = Actor("wj01", "卫健窗口", Role.CLERK, "WJ", "C01", "counter-05")
DISTRICT_CHIEF = Actor(
    "wj-chief",
    "卫健首席代表",
    Role.CHIEF_REPRESENTATIVE,
    "WJ",
    "C02",
    "counter-05",
    frozenset({HOSPITAL.code}),
)
CITY_CHIEF = replace(DISTRICT_CHIEF, username="wj-city-chief", terminal="city-01")


def hospital_at_decision() -> Window:
    window = Window(HOSPITAL)
    window.do("accept", by=WJ_CLERK)
    for step in range(1, HOSPITAL.decision_step):
        window.do("complete_step", step, "核查通过", by=WJ_CLERK)
    assert window.case.awaiting_decision
    return window


def test_a_reported_case_goes_up_and_its_decision_comes_back_on_its_clock() -> None:
    window = hospital_at_decision()
    pauses = list(window.case.pauses)
    up = window.do("report_up", CITY, "初审同意，呈报市级决定", by=DISTRICT_CHIEF)
    assert up.kind == EventKind.REPORTED_UP
    assert decode(up.kind, up.payload_json) == ReportedUp(CITY, "初审同意，呈报市级决定")
    case = window.case
    assert (case.reported_to, case.status, case.stopped_at) == (CITY, CaseStatus.IN_PROGRESS, None)
    assert case.pauses == pauses  # no pause: the clock runs on while the case is up
    # the accepting center's own chief cannot decide it now; the city's chief does
    assert "由上级中心作出决定" in window.refused("decide", True, by=DISTRICT_CHIEF)
    decided = window.do("decide", True, by=CITY_CHIEF, center=CITY)
    data = decode(decided.kind, decided.payload_json)
    assert isinstance(data, Decided) and data.center == CITY and data.approved
    assert case.status is CaseStatus.APPROVED and case.stopped_at == decided.at
    window.do("issue", by=WJ_CLERK)  # finished at the window that accepted it
    assert case.status is CaseStatus.ISSUED


def test_only_a_reported_item_at_its_decision_step_goes_up_once_by_the_steps_role() -> None:
    food = at_decision(FOOD)
    assert "只有上报件" in food.refused("report_up", CITY)
    window = Window(HOSPITAL)
    window.do("accept", by=WJ_CLERK)
    assert "尚未办理到决定环节" in window.refused("report_up", CITY, by=DISTRICT_CHIEF)
    window = hospital_at_decision()
    assert "首席代表" in window.refused("report_up", CITY, by=WJ_CLERK)
    assert "没有登记上级中心" in window.refused("report_up", " ", by=DISTRICT_CHIEF)
    window.do("report_up", CITY, by=DISTRICT_CHIEF)
    assert "已上报" in window.refused("report_up", CITY, by=DISTRICT_CHIEF)
    # a center the case did not go to cannot decide it
    assert "由上级中心作出决定" in window.refused("decide", True, by=CITY_CHIEF, center="150000")


def test_a_case_not_reported_up_is_not_decided_by_another_center() -> None:
    window = hospital_at_decision()
    assert "没有上报" in window.refused("decide", True, by=CITY_CHIEF, center=CITY)


def test_a_decision_made_here_names_no_center_and_reads_as_before() -> None:
    window = at_decision(FOOD)
    decided = window.do(
        "decide", True, by=replace(DISTRICT_CHIEF, department="SCJG", scope=frozenset({FOOD.code}))
    )
    assert "center" not in decided.payload_json


def test_the_window_offers_to_send_up_and_then_says_the_center_above_decides() -> None:
    window = hospital_at_decision()
    today = window.at.date()
    offered = {o.action: o.blocked for o in window.case.offers(DISTRICT_CHIEF, today, today)}
    assert offered[Action.REPORT_UP] is None and offered[Action.APPROVE] is None
    window.do("report_up", CITY, by=DISTRICT_CHIEF)
    offered = {o.action: o.blocked for o in window.case.offers(DISTRICT_CHIEF, today, today)}
    assert Action.REPORT_UP not in offered
    assert "由上级中心作出决定" in str(offered[Action.APPROVE])
    food = {o.action for o in at_decision(FOOD).case.offers(DISTRICT_CHIEF, today, today)}
    assert Action.REPORT_UP not in food  # not a 上报件
