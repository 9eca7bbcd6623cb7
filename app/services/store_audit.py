"""`verify`: what an auditor checks of a counter's store, case by case, without stopping.

A hash chain anyone can recompute holds only against careless damage; each check here reads
the store against something the tamperer must also have changed, consistently: the chain
itself, the summary against a fresh fold of the events, the case numbers this terminal handed
out against the cases it holds, the triggers that keep the events append-only, and — the one
check a tamperer with the whole file cannot pass — the checkpoints the central signed with a
key outside the database (`checkpoint_audit`). A row that
does not read, or a case that does not fold, is named and the check goes on: one tampering
never hides a second one. `full_audit` puts the checks together (and shares the cases among
processes), `incremental_audit` the quick one since the last clean check.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from app.domain.case import Case
from app.domain.event_data import EventKind, Received, UnknownEvent
from app.domain.events import ChainError, Event, verify_chain
from app.domain.messages import Message, msg
from app.storage.case_repository import UnreadableRow, summary_row
from app.storage.unit_of_work import UnitOfWork

#: The triggers migration 0001 created; dropping either lets an event be changed unseen.
APPEND_ONLY_GUARDS = ("events_no_update", "events_no_delete")
#: The prefix of a terminal's case numbers for a day (`app.domain.case_number.day_prefix`).
CASE_NUMBER_PREFIX = re.compile(r"^\d{6}-\d{2}-$")
#: The kinds this version knows: an unreadable event of one of them is damage.
KNOWN_KINDS = frozenset(EventKind)
#: Cases checked per read: bounded memory whatever the store holds.
BATCH = 2000

#: Each summary column in an auditor's words (the due date is left out: it depends on the
#: holiday calendar of the day it was written, not on the events alone).
SUMMARY_FIELDS: dict[str, Message] = {
    "case_no": msg("办件编号", "summary field"),
    "item_code": msg("事项编码", "summary field"),
    "item_name": msg("事项名称", "summary field"),
    "department": msg("承办部门", "summary field"),
    "applicant_name": msg("申请人", "summary field"),
    "applicant_masked_id": msg("证件号码", "summary field"),
    "received_by": msg("接件人", "summary field"),
    "window": msg("窗口", "summary field"),
    "received_at": msg("接件时间", "summary field"),
    "status": msg("办理状态", "summary field"),
    "last_event_at": msg("最后记录时间", "summary field"),
    "waits_for": msg("待决定角色", "summary field"),
}


@dataclass(frozen=True)
class Finding:
    """One thing wrong with the store: the case it concerns (None: the store as a whole) and
    what is wrong. `broken` is False for a note that is no damage (an event of a newer
    version's kind)."""

    case_no: str | None
    problem: Message
    broken: bool = True


def guard_findings(uow: UnitOfWork) -> list[Finding]:
    """The append-only triggers that are gone."""
    present = uow.cases.append_only_guards()
    return [
        Finding(
            None, msg("只追加保护（触发器 {name}）已被删除：记录可被改写或删除而不报错", name=name)
        )
        for name in APPEND_ONLY_GUARDS
        if name not in present
    ]


def case_findings(
    uow: UnitOfWork, case_ids: Sequence[str], held: set[str], terminal: str
) -> Iterator[Finding]:
    """What is wrong with each of these cases (ids as stored), read in batches; the number
    of each case checked is added to `held`. `terminal` owns the store: its events are never
    held masked (`verify_chain`)."""
    for start in range(0, len(case_ids), BATCH):
        with _no_cycle_collection():
            findings = _batch_findings(uow, case_ids[start : start + BATCH], held, terminal)
        yield from findings


def _batch_findings(
    uow: UnitOfWork, keys: Sequence[str], held: set[str], terminal: str
) -> list[Finding]:
    """`case_findings` of one batch, read at once."""
    logs = uow.cases.stored_logs(keys)
    summaries = uow.cases.stored_summaries(keys)
    findings: list[Finding] = []
    for key in keys:
        summary, log = summaries.get(key), logs[key]
        case_no = _case_no(log, summary, key)
        held.add(case_no)
        findings.extend(
            Finding(case_no, problem, broken)
            for problem, broken in _case_problems(log, summary, terminal)
        )
    return findings


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """The cyclic garbage collector held off while a batch is checked: its thousands of
    events, alive until the batch is done, made it walk every object of the process again
    and again (a fifth of `verify`). What the batch drops is freed as before, by reference
    counting (an event holds no cycle); the collector runs again after it."""
    if not gc.isenabled():  # held off already (another batch, on another thread)
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _case_no(
    log: Sequence[Event | UnreadableRow], summary: dict[str, object] | None, key: str
) -> str:
    """The case's number as its summary or its receipt gives it; its id when neither does."""
    if summary is not None:
        return str(summary["case_no"])
    first = log[0] if log else None
    if isinstance(first, Event) and isinstance(first.data, Received):
        return first.data.case_no
    return key


def _case_problems(
    log: Sequence[Event | UnreadableRow], summary: dict[str, object] | None, terminal: str
) -> Iterator[tuple[Message, bool]]:
    """What is wrong with one case: its rows, its chain, its fold, its summary."""
    if not log:
        yield msg("只剩摘要，全部记录已被删除"), True
        return
    unreadable = [row for row in log if isinstance(row, UnreadableRow)]
    for row in unreadable:
        yield (
            msg(
                "第{position}条记录无法读取（字段格式不符），可能被改动", position=str(row.position)
            ),
            True,
        )
    events = [row for row in log if isinstance(row, Event)]
    yield from _content_problems(events)
    if unreadable:
        return
    try:
        verify_chain(events, decoded_from_payload=True, own_terminal=terminal)
    except ChainError as error:
        yield error.message, True
        return
    try:
        case = Case.from_events(events)
    except ValueError:
        yield msg("记录不能按办理规则依次重演，可能被改动或伪造"), True
        return
    if summary is None:
        yield msg("有{count}条记录却没有摘要：摘要被删除", count=len(events)), True
        return
    yield from _summary_problems(case, summary)


def _content_problems(events: Sequence[Event]) -> Iterator[tuple[Message, bool]]:
    """Events whose content does not read: damage when the kind is one this version knows,
    a note when it is a newer version's kind."""
    for event in events:
        data = event.data
        if isinstance(data, UnknownEvent):
            kind_known = data.kind in KNOWN_KINDS
            template = msg(
                "第{position}条记录（{kind}）内容无法读取：{reason}",
                position=event.position,
                kind=data.kind,
                reason=data.reason,
            )
            yield template, kind_known


def _summary_problems(case: Case, summary: dict[str, object]) -> Iterator[tuple[Message, bool]]:
    """The stored summary against the one a fresh fold of the events gives; events added or
    cut at the end are said as such (the fields they change go without saying)."""
    folded, counted, actual = summary_row(case, None), summary["events"], len(case.events)
    if isinstance(counted, int) and counted != actual:
        what = msg("末尾记录被删除") if counted > actual else msg("多出的记录可能是伪造后追加的")
        yield (
            msg(
                "摘要记有{expected}条记录，实有{actual}条：{what}",
                expected=counted,
                actual=actual,
                what=what,
            ),
            True,
        )
        return
    differing = [label for name, label in SUMMARY_FIELDS.items() if summary[name] != folded[name]]
    if differing:
        yield (
            msg(
                "摘要的{fields}与记录重演的结果不符：摘要被改动，或记录被改动后重新计算了哈希",
                fields=differing,
            ),
            True,
        )


def numbers_missing(last_handed_out: dict[str, int], held: set[str]) -> Iterator[Finding]:
    """Case numbers this terminal handed out whose case the store no longer holds."""
    for prefix, last in sorted(last_handed_out.items()):
        if not CASE_NUMBER_PREFIX.match(prefix):  # another count kept there (credit codes)
            continue
        for sequence in range(1, last + 1):
            case_no = f"{prefix}{sequence:03d}"
            if case_no not in held:
                yield Finding(
                    case_no, msg("此编号已由本终端发出，但本机既无其记录也无其摘要：整件办件被删除")
                )
