"""Keeping this counter and the central database in step, offline-first.

The counter always writes locally first; sync never holds up a case. Push sends this
terminal's events in local order, in batches (`app/services/sync_push.py`), then the audit
trail, the leave events and the directory's changes. Pull brings the reference data, the
directory and the events other terminals of the center wrote, in chunks of `pull_chunk`
events (`app/services/sync_pull.py`; a setting apart from the push's `sync_batch`: a slow
network wants small pushes, a catch-up large chunks).
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime

from app.central.errors import CentralError
from app.domain.calendar import CalendarError, YearSchedule
from app.domain.catalog import CatalogError, Department, Item
from app.domain.event_data import Received, decode
from app.domain.events import Event
from app.domain.messages import Message, msg, stored, to_json
from app.domain.roles import Actor, Permission
from app.domain.sync import (
    Direction,
    Quarantined,
    SyncStatus,
)
from app.services.calendar import CalendarService
from app.services.cases import CaseService
from app.services.catalog import CatalogService
from app.services.center_settings import adopt as adopt_center_settings
from app.services.central_comparison import Comparison, compare
from app.services.checkpoint_audit import anchored
from app.services.errors import RestoreNeeded, SheetError
from app.services.refusals import Refusals
from app.services.sync_directory import DirectorySync, staff_as_of
from app.services.sync_pull import PULL_AFTER, PULL_CURSOR, Pull, quarantined
from app.services.sync_push import PUSHED_THROUGH, Progress, Push, push_audit, push_leave
from app.services.sync_report import SyncReport, SyncRound
from app.services.sync_tickets import sync_tickets
from app.services.time_source import Clock
from app.services.views import HeldEvent
from app.settings import Settings
from app.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory
from app.sync.central_link import CentralLink, Registration
from app.sync.central_pull import Reference
from app.sync.listener import CentralListener

log = logging.getLogger(__name__)

LAST_SYNC = "last_sync"
PROBLEM = "problem"

#: Opens the link to the central named by a URL.
LinkOpener = Callable[[str], CentralLink]
#: Listens at the central (URL, this terminal, called with each other terminal that pushed).
ListenerOpener = Callable[[str, str, Callable[[str], None]], CentralListener]


class SyncService:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        cases: CaseService,
        catalog: CatalogService,
        calendar: CalendarService,
        settings: Settings,
        clock: Clock,
        open_link: LinkOpener,
        open_listener: ListenerOpener,
    ) -> None:
        self._uow = uow
        self._cases = cases
        self._catalog = catalog
        self._calendar = calendar
        self._settings = settings
        self._clock = clock
        self._open_link = open_link
        self._open_listener = open_listener
        self._links: dict[str, CentralLink] = {}  # by URL: the connection is kept
        #: The central's refusals of this counter's staff, window and leave events.
        self.refusals = Refusals(uow, clock, settings["terminal_name"])

    @property
    def configured(self) -> bool:
        return bool(self._settings["central_url"])

    def status(self) -> SyncStatus:
        terminal = self._settings["terminal_name"]
        with self._uow.reading() as uow:
            marks = uow.sync.marks()
            waiting = uow.sync.waiting(terminal, int(marks.get(PUSHED_THROUGH) or 0))
            quarantined = uow.sync.quarantined_count()
        last = marks.get(LAST_SYNC)
        problem = marks.get(PROBLEM)
        return SyncStatus(
            configured=self.configured,
            online=self.configured and not problem and last is not None,
            waiting=waiting,
            quarantined=quarantined,
            last_sync=datetime.fromisoformat(last) if last else None,
            problem=stored(problem) if problem else None,
        )

    def sync_once(self, progress: Progress | None = None) -> SyncReport:
        """Push everything waiting (the events, the audit trail, the leave events), then pull;
        CentralError (in words) when the central cannot be reached or refuses this counter.
        Nothing local is lost either way."""
        started = time.perf_counter()
        report = SyncReport()
        link = self._link()
        try:
            link.check_terminal(self._settings["terminal_name"], self._settings["terminal_no"])
            self._push(link, report, progress)
            push_audit(self._uow, link, self._settings["sync_batch"], report)
            push_leave(self._uow, link, self._settings["sync_batch"], report, self.refusals)
            sync_tickets(self._uow, link, self._settings["sync_batch"], report, self._lease())
            self._directory().push(link, report)
            self._pull(link, report)
            self._keep_checkpoints(link)
            self._check_store(link)  # after the push: both sides then count the same events
        except CentralError as error:
            self._note_problem(error.message)
            raise
        with self._uow() as uow:
            missing = uow.sync.missing_own()
            problem = to_json(RestoreNeeded(*missing).message) if missing else ""
            uow.sync.set_marks({LAST_SYNC: self._now(), PROBLEM: problem})
            uow.commit()
        log.info("sync: %s in %.2f s", report.words(), time.perf_counter() - started)
        return report

    def sync_round(self, progress: Progress | None = None) -> SyncRound:
        """One round for the window's sync worker: a central that cannot be reached or that
        refuses this counter is recorded in the status (and the log), not raised."""
        report = SyncReport()
        if self.configured:
            with contextlib.suppress(CentralError):  # recorded by sync_once as the problem
                report = self.sync_once(progress)
        return SyncRound(
            self.status(),
            report.pulled,
            report.directory,
            tuple(report.refused),
            report.refusals,
        )

    def staff_as_of(self) -> tuple[datetime | None, bool]:
        """When this counter last took the center's staff from the central (None: never),
        and whether it is offline now (a central set, and the last round failed)."""
        status = self.status()
        with self._uow.reading() as uow:
            marks = uow.sync.marks()
        return staff_as_of(marks), status.configured and not status.online

    def register(self, url: str) -> Registration:
        """Take this counter's settings from its registration on the central: `url` is the
        one value `central add-counter` printed; the terminal's name and number come from
        the central, so that they cannot differ from what it registered, and so do the
        center's code, name (printed on every slip), level (which items it accepts) and the
        center above (上报件 go there), at a joint window the level of the center above,
        and, for a center whose code is a division
        code (six digits), the division code the credit codes are given under."""
        link = self._open_link(url)
        try:
            registered = link.registration()
        finally:
            link.close()
        self.close()
        values: dict[str, object] = {
            "central_url": url,
            "terminal_name": registered.terminal,
            "terminal_no": registered.number,
        }
        if registered.center_name:
            values["center_name"] = registered.center_name
        if registered.level:
            values["center_level"] = registered.level
        values["center_code"] = registered.center
        values["center_above"] = registered.above
        values["joint_level"] = registered.joint_level
        if len(registered.center) == 6 and registered.center.isdigit():
            values["division_code"] = registered.center
        self._settings.update(values)
        log.info("registered as terminal %d (%s)", registered.number, registered.terminal)
        return registered

    def check_central(self, url: str) -> Message:
        """Whether the central at `url` (as typed in the settings; the password kept apart
        unless it has one) answers and knows this login, in words; CentralError (in words)
        when it does not. Nothing is pushed or pulled."""
        if not url:
            return msg("未设置中心数据库地址：本终端只在本机保存")
        link = self._open_link(self._settings.login_url(url))
        try:
            registered = link.registration()
        finally:
            link.close()
        return msg(
            "中心可以连接：本登录在中心登记为终端 {terminal}（{number} 号）",
            terminal=registered.terminal,
            number=registered.number,
        )

    def listener(self, heard: Callable[[str], None]) -> CentralListener | None:
        """A listener for the central's word that other terminals pushed (not started);
        None when no central is set."""
        url = self._settings.central_login_url()
        return self._open_listener(url, self._settings["terminal_name"], heard) if url else None

    def quarantined(self, actor: Actor) -> list[Quarantined]:
        actor.require(Permission.VIEW_ALL_CASES, msg("查看同步隔离区"))
        with self._uow.reading() as uow:
            return uow.sync.quarantined()

    def held_events(self, actor: Actor) -> list[HeldEvent]:
        """The quarantine as the supervisor reads it: newest first, with case numbers."""
        held = self.quarantined(actor)
        with self._uow.reading() as uow:
            numbers = uow.cases.case_numbers({q.case_id for q in held})
        return [
            HeldEvent(
                q,
                numbers.get(q.case_id) or _case_no_in(q.event) or q.case_id[:8],
                str(q.event.get("kind", "")),
            )
            for q in reversed(held)
        ]

    def differences(self) -> list[str]:
        """How this counter's log and the central's differ, in words (`verify --central`)."""
        return self.compare().differences

    def compare(self) -> Comparison:
        """This counter's log against the central's: the differences in words, and this
        store's cases the central holds by center (`verify --central`)."""
        with self._uow.reading() as uow:
            local = {str(row["id"]): row for row in uow.sync.all_events()}
            held = {str(q.event_id) for q in uow.sync.quarantined()}
            anchor = anchored(uow, self._settings["terminal_name"])
        return compare(self._link(), self._settings["terminal_name"], local, held, anchor)

    # ---- push and pull ------------------------------------------------------------------

    def _push(self, link: CentralLink, report: SyncReport, progress: Progress | None) -> None:
        Push(
            self._uow,
            self._settings["terminal_name"],
            self._settings["sync_batch"],
            lambda row, answer: quarantined(row, answer, Direction.PUSH, self._clock.now()),
        ).run(link, report, progress)

    def _keep_checkpoints(self, link: CentralLink) -> None:
        """Keep the checkpoints the central signed of this terminal's log since the last one
        held: the anchor `verify` checks the log against."""
        with self._uow.reading() as uow:
            after = uow.checkpoints.largest(self._settings["terminal_name"])
        received = link.checkpoints(after)
        if received:
            with self._uow() as uow:
                uow.checkpoints.keep(received)
                uow.commit()

    def _pull(self, link: CentralLink, report: SyncReport) -> None:
        """The window since the cursor: the reference data and the directory first, then the
        events in chunks (`sync_pull.Pull`)."""
        with self._uow.reading() as uow:
            marks = uow.sync.marks()
        window = link.window(int(marks.get(PULL_CURSOR) or 0))
        self._adopt(window.reference, report)
        self._directory().pull(link, window, report)
        self._puller().run(link, window, marks.get(PULL_AFTER), report)

    def take_in(
        self,
        rows: list[dict[str, object]],
        marks: dict[str, str] | None = None,
        also: Callable[[UnitOfWork], None] | None = None,
        decoded: Mapping[str, Event] | None = None,
    ) -> tuple[int, int]:
        """Store events read from the central (`sync_pull.Pull.take_in`): what `restore`
        stores its chunks with."""
        return self._puller().take_in(rows, marks, also, decoded)

    def _puller(self) -> Pull:
        return Pull(
            self._cases,
            self._clock,
            self._settings["terminal_name"],
            self._settings["pull_chunk"],
            self._event_counts,
        )

    def _check_store(self, link: CentralLink) -> None:
        """Compare what the central holds of this terminal with what this store pushed: a
        store emptied or replaced by an older copy holds less, and is marked so (no new case
        numbers) until `onewindow restore` brings its events back."""
        terminal = self._settings["terminal_name"]
        central = link.held_of(terminal)  # first: a push in between only raises the local
        with self._uow() as uow:
            local = uow.sync.delivered(terminal, int(uow.sync.mark(PUSHED_THROUGH) or 0))
            uow.sync.set_missing_own(central, local)
            uow.commit()
        if central > local:
            log.warning(
                "the central holds %d events of this terminal, this store %d: restore needed",
                central,
                local,
            )

    def central(self) -> CentralLink:
        """The link to the central (CentralError when none is set)."""
        return self._link()

    # ---- shared machinery -----------------------------------------------------------------

    def _adopt(self, reference: Reference, report: SyncReport) -> None:
        """Take the catalog and schedules the central published; one that does not hold
        together is reported and left aside, the rest of the sync goes on."""
        if reference.items:  # an empty central catalog never empties the one here
            try:
                report.items = self._catalog.adopt(
                    [Department.from_dict(d) for d in reference.departments or []],
                    [Item.from_dict(i) for i in reference.items],
                )
            except (CatalogError, SheetError) as error:
                log.warning("catalog from the central not adopted: %s", error)
                report.refused.append(
                    msg("中心发布的事项清单有误，未采用：{reason}", reason=error.message)
                )
        for data in reference.years:
            try:
                report.years.append(self._calendar.adopt(YearSchedule.from_json(data)).year)
            except CalendarError as error:
                log.warning("holiday schedule from the central not adopted: %s", error)
                report.refused.append(
                    msg("中心发布的节假日安排有误，未采用：{reason}", reason=error.message)
                )

    def _directory(self) -> DirectorySync:
        return DirectorySync(
            self._uow,
            self._clock,
            self._settings["terminal_name"],
            self._settings["sync_batch"],
            lambda: adopt_center_settings(self._uow, self._settings),
            self.refusals,
        )

    def _event_counts(self, case_ids: Iterable[str]) -> dict[str, int]:
        with self._uow.reading() as uow:
            return uow.sync.event_counts(case_ids)

    def _link(self) -> CentralLink:
        url = self._settings.central_login_url()
        if not url:
            raise CentralError(msg("本终端没有设置中心数据库地址（central_url），只在本机保存"))
        if url not in self._links:
            self.close()
            self._links[url] = self._open_link(url)
        return self._links[url]

    def _lease(self) -> tuple[str, datetime, int]:
        """Whose numbers, when, how many in a block (`sync_tickets`)."""
        settings = self._settings
        return settings["terminal_name"], self._clock.now(), settings["queue_block_size"]

    def link(self) -> CentralLink:
        """The connection to the central, for a service that reads or writes there directly
        (`ReportedCases`); CentralError when none is set."""
        return self._link()

    def close(self) -> None:
        """Close the connection to the central (at shutdown, or when its URL changed)."""
        for link in self._links.values():
            link.close()
        self._links.clear()

    def _note_problem(self, problem: Message) -> None:
        log.warning("sync failed: %s", problem)
        with self._uow() as uow:
            uow.sync.set_marks({PROBLEM: to_json(problem)})
            uow.commit()

    def _now(self) -> str:
        return self._clock.now().isoformat(timespec="seconds")


def _case_no_in(event: dict[str, object]) -> str:
    """The case number a receipt event carries (the first event of every case)."""
    data = decode(str(event.get("kind", "")), str(event.get("payload", "{}")))
    return data.case_no if isinstance(data, Received) else ""
