"""Taking in the portal's export files (`onewindow intake import FILE`, the watched folder).

**Each terminal imports** the center's portal files into its own store, from one folder the
portal's export is written to (a share every terminal of the center reads, named by the
`portal_folder` setting). Files are never moved (the other terminals still need them): each
terminal notes every file it met in its store by the SHA-256 of its bytes (`portal_files`),
so a file is taken in once, however it is renamed or copied, and a refused one is not tried
again until it changes. An appointment's id is derived from the portal's reference, so every
terminal holds the same appointment under the same id, and one imported twice is the same
appointment. Why not upload the import like case events: the portal's file is already the
center's shared copy, and the kiosk must recognise an appointment even when the central is
unreachable. What happened to an appointment is written at the terminal where it happened
(checked in at the kiosk, taken up at a counter); the case it became reaches every counter
through the central with the portal's number in its receipt, and a store holding such a case
folds the appointment as taken up (`app.domain.appointments.fold`'s `taken_as`), so it is not
accepted twice once the case has come down. Left for the next step (NOTES.md): the
appointment's own events going up like case events (central 0020), so a check-in at the
kiosk is seen at the counters, and two counters accepting the same pre-application in the
seconds before their syncs cannot both succeed.

Only `*.json` files are read: the portal writes a file under another name and renames it
when complete (a file caught half-written would be refused, and taken once it is whole, its
bytes then being new). A file is taken whole or not at all: it is checked whole (the format, then every entry
against the catalog and what this store holds) before anything is written, and its entries
and its note are written in one transaction.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import uuid4

from app.domain.appointments import (
    Appointment,
    AppointmentEvent,
    AppointmentEventKind,
    AppointmentStatus,
    appointment_id,
    fold,
)
from app.domain.catalog import Item
from app.domain.messages import Message, msg
from app.domain.portal_export import EntryKind, PortalEntry, PortalFileError, parse_export
from app.domain.roles import Actor, Permission
from app.services.catalog import CatalogService
from app.services.errors import NotFound
from app.services.time_source import Clock
from app.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

log = logging.getLogger(__name__)


def require_any(actor: Actor, permissions: tuple[Permission, ...], what: Message) -> None:
    """PermissionDenied, in the words of the first permission, unless the actor holds one."""
    if not any(actor.can(p) for p in permissions):
        actor.require(permissions[0], what)


#: Who takes portal files in: the counters and the kiosk, and the administrator (the shell).
IMPORTERS = (Permission.RECEIVE_CASE, Permission.CONFIGURE_TERMINAL)
#: Who sees the appointments: those who receive, and those who see the center's cases.
READERS = (Permission.RECEIVE_CASE, Permission.VIEW_DEPARTMENT_CASES)


@dataclass(frozen=True)
class ImportReport:
    """What one file gave: new appointments, those already held, cancellations recorded;
    `refusal` when the file was refused (nothing of it taken); `again` when it had been
    met before (taken or refused then: nothing done now)."""

    name: str
    added: int = 0
    known: int = 0
    cancelled: int = 0
    refusal: Message | None = None
    again: bool = False

    @property
    def words(self) -> Message:
        if self.refusal is not None:
            return self.refusal
        if self.again:
            return msg("文件 {file} 已导入过，未重复导入", file=self.name)
        return msg(
            "文件 {file}：新增 {added} 条，已有 {known} 条，取消 {cancelled} 条",
            file=self.name, added=self.added, known=self.known, cancelled=self.cancelled,
        )  # fmt: skip


class PortalImport:
    """Reads portal files into the appointments' logs of this store."""

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        catalog: CatalogService,
        clock: Clock,
        terminal: str,
        folder: Callable[[], str],
    ) -> None:
        self._uow = uow
        self._catalog = catalog
        self._clock = clock
        self._terminal = terminal
        self._folder = folder

    def import_file(self, actor: Actor, path: Path) -> ImportReport:
        """Take one file in; PortalFileError (naming the file and the entry) when refused."""
        report = self._take(actor, path)
        if report.refusal is not None:
            raise PortalFileError(report.refusal)
        return report

    def import_folder(self, actor: Actor) -> list[ImportReport]:
        """Take in the watched folder's files not met before (`*.json`, by name): a refused
        file is reported, never raised, and the others are still taken."""
        require_any(actor, IMPORTERS, msg("导入网上预约"))
        name = self._folder().strip()
        if not name:
            return []
        folder = Path(name).expanduser()
        if not folder.is_dir():
            raise NotFound(msg("预约导出文件夹 {folder} 不存在", folder=str(folder)))
        reports = [self._take(actor, path) for path in sorted(folder.glob("*.json"))]
        return [report for report in reports if not report.again]

    def _take(self, actor: Actor, path: Path) -> ImportReport:
        require_any(actor, IMPORTERS, msg("导入网上预约"))
        try:
            data = path.read_bytes()
        except OSError as error:
            raise NotFound(
                msg("读不出文件 {file}：{reason}", file=path.name, reason=error.strerror or "")
            ) from None
        digest = hashlib.sha256(data).hexdigest()
        entries: list[PortalEntry] = []
        refusal: Message | None = None
        try:
            entries = parse_export(data.decode("utf-8-sig"), path.name)
        except UnicodeDecodeError:
            refusal = msg("文件 {file} 不是 UTF-8 编码的文本", file=path.name)
        except PortalFileError as error:
            refusal = error.message
        items = self._items(entries)  # before the transaction: the catalog may read the store
        with self._uow() as uow:
            if uow.appointments.file_outcome(digest) is not None:
                return ImportReport(path.name, again=True)
            report = ImportReport(path.name, refusal=refusal)
            if refusal is None:
                try:
                    report = self._write(uow, actor, entries, items, path.name)
                except PortalFileError as error:
                    report = ImportReport(path.name, refusal=error.message)
            now = self._clock.now()  # nothing of a refused file was written: only its note
            uow.appointments.note_file(
                digest, path.name, now, self._terminal, report.refusal is None, str(report.words)
            )
            uow.commit()
        if report.refusal is not None:  # the words name the file and the entry, never an ID
            log.warning("portal file refused: %s", report.words)
        else:
            log.info("portal file taken: %s", report.words)
        return report

    def _items(self, entries: list[PortalEntry]) -> dict[str, Item | None]:
        """The catalog's item of each code the entries name (None: not in the catalog)."""
        found: dict[str, Item | None] = {}
        for code in {entry.item_code for entry in entries if entry.item_code}:
            try:
                found[code] = self._catalog.item(code)
            except NotFound:
                found[code] = None
        return found

    def _write(
        self,
        uow: UnitOfWork,
        actor: Actor,
        entries: list[PortalEntry],
        items: dict[str, Item | None],
        name: str,
    ) -> ImportReport:
        """Every entry checked, then written; a problem refuses the file before any write."""
        today = self._clock.now().date()
        held: dict[str, Appointment] = {}
        for entry in entries:
            events = uow.appointments.events(appointment_id(entry.reference))
            if events:
                held[entry.reference] = fold(events, today)
        for number, entry in enumerate(entries, start=1):
            problem = _problem(entry, items.get(entry.item_code), held.get(entry.reference))
            if problem is not None:
                raise PortalFileError(
                    msg("文件 {file} 第 {number} 条（编号 {reference}）有误：{problem}",
                        file=name, number=number, reference=entry.reference, problem=problem)
                )  # fmt: skip
        added = known = cancelled = 0
        now = self._clock.now()
        data: dict[str, Any]
        for entry in entries:
            earlier = held.get(entry.reference)
            if entry.kind is EntryKind.CANCELLATION:
                assert earlier is not None  # checked above
                if earlier.status is AppointmentStatus.CANCELLED:
                    continue
                kind, data, position = (
                    AppointmentEventKind.CANCELLED, {"reason": entry.reason, "file": name},
                    earlier.version + 1,
                )  # fmt: skip
                cancelled += 1
            elif earlier is not None:
                known += 1
                continue
            else:
                kind, data, position = (
                    AppointmentEventKind.IMPORTED,
                    {"entry": entry.to_dict(), "file": name},
                    1,
                )
                added += 1
            slot = (earlier.entry if earlier else entry).slot
            uow.appointments.add(
                AppointmentEvent(
                    uuid4(), appointment_id(entry.reference), position, kind, now,
                    actor.username, self._terminal, data,
                ),
                entry.reference,
                slot.day if slot else None,
            )  # fmt: skip
        return ImportReport(name, added, known, cancelled)


def _problem(entry: PortalEntry, item: Item | None, earlier: Appointment | None) -> Message | None:
    """Why this entry cannot be taken, given the catalog and what the store holds."""
    if entry.kind is EntryKind.CANCELLATION:
        if earlier is None:
            return msg("要取消的预约本中心没有导入过")
        if earlier.status is AppointmentStatus.ACCEPTED:
            return msg("该申请已在窗口接件（办件 {case}），须在窗口办理撤回", case=earlier.case_no)
        return None
    if earlier is not None:
        if earlier.entry != entry:
            return msg("该编号已导入，内容与本文件不同；改约请在网上取消后重新预约")
        return None
    if item is None:
        return msg("事项编码 {code} 不在本中心的事项清单中", code=entry.item_code)
    if entry.kind is EntryKind.PRE_APPLICATION:
        if item.is_one_form != (entry.form is not None):
            return (
                msg("一表制事项须附申请表（form）")
                if item.is_one_form
                else msg("只有一表制事项附申请表（form）")
            )
        listed = {m.name for m in item.materials}
        unknown = [m for m in entry.materials if m not in listed]
        if unknown:
            return msg("以下材料不在该事项的材料清单中：{materials}", materials=unknown)
    return None
