"""Staff, windows and center settings published through the central: the directory half of a
sync round.

Push: the staff, window and center setting events written at this terminal go up after the
audit trail (but those of the set-up, which the owner publishes), each log with a mark of its
own (its last local seq the central answered for), so that an answer lost on the way only
sends them again (the central skips what it holds). One the central refuses — a change from
anyone but an administrator of the center, or one made against a version someone else
changed first — stays in this store's log and in the quarantine with the central's words, a
staff or window event's refusal is recorded (`app.services.refusals`: the fold leaves it out
from then on), and the report tells the administrator: nothing typed is lost.

Pull: the events other terminals wrote in the pull's window are folded into this store (the
domain's fold, as if written here, without a second audit entry: the one written where the
change was made is on the central), and the time of the pull is kept (`STAFF_AS_OF`), so that
a counter offline can say how old the staff it knows is. An event that does not follow what
this store holds of its person or window goes to the quarantine; those pulled into the
quarantine before are read again from the central at each pull and taken in once they fit
(this counter's clashing change refused since). A center setting's event is kept in the log
as the central holds it, and its value put in effect here (`adopt`) unless the setting's rule
refuses it: then a copy goes to the quarantine, the last good value stands, and the log names
the key only.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import datetime

from app.central.errors import CentralError
from app.domain.messages import Message, msg
from app.domain.refusals import RefusedLog
from app.domain.staff import apply, fold
from app.domain.sync import Direction, PushOutcome, Quarantined
from app.domain.windows import fold as fold_window
from app.services.refusals import Refusals
from app.services.staff_log import SET_UP
from app.services.sync_report import SyncReport
from app.services.time_source import Clock
from app.settings import accepts
from app.storage.setting_repository import SettingRepository
from app.storage.setting_repository import event_of as setting_event
from app.storage.staff_repository import StaffRepository
from app.storage.staff_repository import event_of as staff_event
from app.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory
from app.storage.window_repository import WindowRepository
from app.storage.window_repository import event_of as window_event
from app.sync.central_directory import SETTINGS, STAFF, WINDOWS, DirectoryLog
from app.sync.central_link import CentralLink
from app.sync.central_pull import Window as PullWindow
from app.sync.central_push import CentralUnreachable, Row

log = logging.getLogger(__name__)

STAFF_PUSHED_THROUGH = "staff_pushed_through"
WINDOWS_PUSHED_THROUGH = "windows_pushed_through"
SETTINGS_PUSHED_THROUGH = "center_settings_pushed_through"
#: When this counter last took the center's staff, windows and settings from the central
#: (ISO time).
STAFF_AS_OF = "staff_as_of"

_MARKS = {
    STAFF.table: STAFF_PUSHED_THROUGH,
    WINDOWS.table: WINDOWS_PUSHED_THROUGH,
    SETTINGS.table: SETTINGS_PUSHED_THROUGH,
}
#: The logs whose refusals are recorded (a center setting's gives way to the central's
#: through `adopt`).
_REFUSED = {STAFF.table: RefusedLog.STAFF, WINDOWS.table: RefusedLog.WINDOWS}
#: Why a pulled event was set aside.
_CLASHES = msg("与本终端的记录不一致（本终端有另一条同版本的修改）")


class DirectorySync:
    """The directory's push and pull for one terminal."""

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        terminal: str,
        size: int,
        adopt: Callable[[], None],
        refusals: Refusals,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._terminal = terminal
        self._size = size
        self._adopt = adopt  # puts the center's settings as folded here in effect
        self._refusals = refusals

    def push(self, link: CentralLink, report: SyncReport) -> None:
        for directory_log in (STAFF, WINDOWS, SETTINGS):
            self._push(link, directory_log, report)
        self._adopt()  # a change the central refused gives way to the central's

    def pull(self, link: CentralLink, window: PullWindow, report: SyncReport) -> None:
        """Fold the events of `window` this store lacks into it, in one transaction with the
        mark of when the staff was taken."""
        directory = link.directory(window)
        with self._uow.reading() as uow:
            again = _held_pulled(uow)
        earlier = link.directory_events(again) if again else None
        held: list[Quarantined] = []
        with self._uow() as uow:
            taken = 0
            if earlier is not None:  # first: the window's events may follow them
                taken += self._take(uow, earlier.staff, STAFF, _fold_staff, [])
                taken += self._take(uow, earlier.windows, WINDOWS, _fold_window, [])
            taken += self._take(uow, directory.staff, STAFF, _fold_staff, held)
            taken += self._take(uow, directory.windows, WINDOWS, _fold_window, held)
            taken += self._take(uow, directory.settings, SETTINGS, _take_setting, held)
            uow.sync.quarantine(held)
            uow.sync.set_marks({STAFF_AS_OF: self._clock.now().isoformat(timespec="seconds")})
            uow.commit()
        self._adopt()
        report.directory += taken
        report.held_back += len(held)

    def _push(self, link: CentralLink, directory_log: DirectoryLog, report: SyncReport) -> None:
        mark = _MARKS[directory_log.table]
        with self._uow.reading() as uow:
            pushed = int(uow.sync.mark(mark) or 0)
        while True:
            with self._uow.reading() as uow:
                batch = _repository(uow, directory_log).outbox(self._terminal, pushed, self._size)
            if not batch:
                return
            # the set-up's own (the first administrator, the demo) stay here: the owner
            # publishes a center's first staff (`central publish --staff-of`)
            rows = [row for _, row in batch if row["actor"] != SET_UP]
            try:
                refused = link.push_directory(directory_log, rows, self._terminal) if rows else {}
            except CentralUnreachable:
                raise
            except CentralError as error:  # a central not upgraded to 0016 yet
                log.warning("staff and windows not sent: %s", error)
                report.refused.append(error.message)
                return
            pushed = batch[-1][0]
            not_taken = [
                (row, reason) for row in rows if (reason := refused.get(str(row["id"]))) is not None
            ]
            held = [
                self._held(directory_log, row, reason, Direction.PUSH) for row, reason in not_taken
            ]
            recorded = _REFUSED.get(directory_log.table)
            with self._uow() as uow:
                uow.sync.quarantine(held)
                if recorded is not None:
                    self._refusals.record(uow, recorded, not_taken)
                uow.sync.set_marks({mark: str(pushed)})
                uow.commit()
            if recorded is not None:
                report.refusals += len(not_taken)
            for item in held:
                log.warning("directory event %s refused by the central", item.event_id)
                report.refused.append(
                    msg(
                        "中心未采纳对 {subject} 的修改（已保留在隔离区）：{reason}",
                        subject=item.case_id,
                        reason=item.reason,
                    )
                )

    def _take(
        self,
        uow: UnitOfWork,
        rows: list[Row],
        directory_log: DirectoryLog,
        fold: Callable[[UnitOfWork, Row], Message | None],
        held: list[Quarantined],
    ) -> int:
        """Fold in the rows this store lacks; those that do not fit go to `held` (`fold`
        says why). How many were folded in."""
        repository = _repository(uow, directory_log)
        taken = 0
        for row in rows:
            if repository.holds(str(row["id"])):
                continue
            reason = fold(uow, row)
            if reason is None:
                taken += 1
            else:
                held.append(self._held(directory_log, row, reason, Direction.PULL))
        return taken

    def _held(
        self, directory_log: DirectoryLog, row: Row, reason: Message, direction: Direction
    ) -> Quarantined:
        """The quarantine's copy: the whole event but a password's hash (kept in the log)."""
        kept = dict(row)
        if directory_log is STAFF:
            kept["data"] = _without_hash(str(row["data"]))
        return Quarantined(
            event_id=str(row["id"]),
            case_id=str(row[directory_log.subject]),
            position=int(str(row[directory_log.version])),
            direction=direction,
            outcome=PushOutcome.REJECTED,
            reason=reason,
            at=self._clock.now(),
            event=kept,
        )


def staff_as_of(marks: dict[str, str]) -> datetime | None:
    """When this counter last took the center's staff from the central (None: never)."""
    value = marks.get(STAFF_AS_OF)
    return datetime.fromisoformat(value) if value else None


def _repository(
    uow: UnitOfWork, directory_log: DirectoryLog
) -> StaffRepository | WindowRepository | SettingRepository:
    if directory_log is STAFF:
        return uow.staff
    return uow.windows if directory_log is WINDOWS else uow.center_settings


def _fold_staff(uow: UnitOfWork, row: Row) -> Message | None:
    """Fold a pulled staff event in; why not, when it does not follow the events that stand
    here (the person's log less those the central refused)."""
    event = staff_event(row)
    member = fold(uow.staff.log(event.username, standing_only=True))
    if event.version != (member.version if member else 0) + 1:
        return _CLASHES
    uow.staff.append(event, apply(member, event))
    return None


def _fold_window(uow: UnitOfWork, row: Row) -> Message | None:
    event = window_event(row)
    window = fold_window(uow.windows.events_of(event.number))  # those that stand
    if event.position != (window.version if window else 0) + 1:
        return _CLASHES
    uow.windows.append(event)
    return None


def _take_setting(uow: UnitOfWork, row: Row) -> Message | None:
    """Keep a pulled center setting event in the log, as the central holds it; why it is
    set aside too, when its value is one this version refuses (the fold then keeps the last
    good value)."""
    try:
        event = setting_event(row)
    except (ValueError, KeyError, TypeError):
        log.warning("a center setting event from the central could not be read")
        return msg("中心发来的设置记录无法识别，未采用")
    uow.center_settings.append(event)
    if accepts(event.key, event.value):
        return None
    log.warning("center setting %s from the central refused by its rule", event.key)
    return msg("中心发来的设置 {key} 的值不符合规则，未采用，沿用此前的值", key=event.key)


def _held_pulled(uow: UnitOfWork) -> list[str]:
    """The ids of the staff and window events a pull set aside and this store still lacks
    (read again from the central: the quarantine's copy has no password hash)."""
    return [
        held.event_id
        for held in uow.sync.quarantined()
        if held.direction is Direction.PULL
        and ("username" in held.event or "spec" in held.event)
        and "case_id" not in held.event
        and not (uow.staff.holds(held.event_id) or uow.windows.holds(held.event_id))
    ]


def _without_hash(data: str) -> str:
    record = json.loads(data)
    record.pop("password_hash", None)
    return json.dumps(record, ensure_ascii=False, sort_keys=True)
