"""What the window offers is what the commands allow (issue 13 §3): under the same random
lives of a case as `test_case_properties`, for each person after every step, an action offered
and not blocked succeeds with the arguments a window gives, and one blocked, or not offered at
all, is refused."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import HealthCheck, settings
from hypothesis.stateful import invariant

from app.domain.case import Case, IllegalTransition, Stamp, SuspensionReason
from app.domain.case_rules import Action, extension_limit
from app.domain.events import Event
from app.services.demo_people import demo_step_record
from tests.unit.domain.test_case_properties import CaseLog, due_now

Command = Callable[[Case, Stamp], Event]

#: Each action with the arguments a window would give it (all materials shown, a reason typed)
AS_THE_WINDOW_DOES: dict[Action, Command] = {
    Action.ACCEPT: lambda c, s: c.accept(s, c.terms.materials),
    Action.SUPPLEMENT: lambda c, s: c.supplement(s, c.missing_materials),
    Action.REFUSE: lambda c, s: c.refuse(s, "不符合法定条件"),
    Action.APPROVE: lambda c, s: c.decide(s, True, "符合法定条件"),
    Action.DENY: lambda c, s: c.decide(s, False, "不符合法定条件"),
    Action.COMPLETE_STEP: lambda c, s: c.complete_step(
        s, c.current_step or 0, "办理完毕", demo_step_record(s.at.date())
    ),
    Action.RETURN: lambda c, s: c.return_to_step(s, (c.current_step or 0) - 1, "需重新核查"),
    Action.SUSPEND: lambda c, s: c.suspend(s, SuspensionReason.EXPERT_REVIEW, "依法暂停"),
    Action.RESUME: lambda c, s: c.resume(s),
    Action.EXTEND: lambda c, s: c.extend(s, extension_limit(c), "情况复杂", due=due_now(c, s)),
    Action.ISSUE: lambda c, s: c.issue(s, "ZS-001"),
    Action.PICK_UP: lambda c, s: c.pick_up(s, "本人"),
    Action.WITHDRAW: lambda c, s: c.withdraw(s, "申请人要求撤回"),
}


class OffersAgreeWithCommands(CaseLog):
    """The case machine of `test_case_properties`, asked what it offers after every step."""

    @invariant()
    def an_offer_is_made_exactly_when_its_command_succeeds(self) -> None:
        today = self.at.date()
        for actor in self.actors:
            stamp = Stamp(actor, self.at, self.case.case_id)
            offered = {
                offer.action: offer.blocked
                for offer in self.case.offers(actor, today, due_now(self.case, stamp))
            }
            for action, command in AS_THE_WINDOW_DOES.items():
                try:
                    command(Case.from_events(self.events), stamp)
                except IllegalTransition:
                    succeeded = False
                else:
                    succeeded = True
                allowed = action in offered and offered[action] is None
                assert succeeded == allowed, (actor.username, action, self.case.status, offered)


OffersAgreeWithCommands.TestCase.settings = settings(
    max_examples=30,
    stateful_step_count=30,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestOffersAgreeWithCommands = OffersAgreeWithCommands.TestCase
