"""The local tables. `events` is the record; every other case table is derived from it."""

from __future__ import annotations

from sqlalchemy import Boolean, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

#: The ID number in a receipt's payload, as indexed: a query must spell it exactly so.
APPLICANT_ID = "json_extract(payload, '$.applicant.id_number')"


class Base(DeclarativeBase):
    pass


class EventRow(Base):
    """One event of one case. Append-only: triggers refuse UPDATE and DELETE."""

    __tablename__ = "events"
    __table_args__ = (
        # also serves every lookup by case alone (its first column)
        UniqueConstraint("case_id", "position", name="uq_events_case_position"),
        # what `sync.status()` counts: this terminal's events not pushed yet
        Index("ix_events_terminal_seq", "terminal", "seq"),
        # finding an applicant on record by the ID number of their receipts
        Index(
            "ix_events_applicant_id",
            text(f"({APPLICANT_ID})"),
            sqlite_where=text("kind = 'received'"),
        ),
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    case_id: Mapped[str] = mapped_column(String(36))
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(64))
    window: Mapped[str] = mapped_column(String(16))
    terminal: Mapped[str] = mapped_column(String(32))
    at: Mapped[str] = mapped_column(String(40))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    #: SHA-256 of the full payload, which the hash covers ("" for an event hashed over its
    #: payload, written before version 2); `payload` may then hold a masked copy.
    digest: Mapped[str] = mapped_column(String(64), default="", server_default="")


class CaseCenterRow(Base):
    """The center a case belongs to when it is not this terminal's own (a joint window's
    case of the center above), as its receipt names it: written once with the receipt, read
    by the push. Append-only: triggers refuse UPDATE and DELETE."""

    __tablename__ = "case_centers"

    case_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    center: Mapped[str] = mapped_column(String(32))


class CaseSummaryRow(Base):
    """What lists and filters need of a case, rebuilt from its events after each one."""

    __tablename__ = "case_summaries"
    __table_args__ = (
        Index("ix_case_summaries_department_status", "department", "status"),
        Index("ix_case_summaries_received_at", "received_at"),
        Index("ix_case_summaries_department_received_at", "department", "received_at"),
        Index("ix_case_summaries_waits_for", "department", "waits_for", "due_date", "item_code"),
    )

    case_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_no: Mapped[str] = mapped_column(String(20), unique=True)
    item_code: Mapped[str] = mapped_column(String(32))
    item_name: Mapped[str] = mapped_column(String(200))
    department: Mapped[str] = mapped_column(String(16))
    applicant_name: Mapped[str] = mapped_column(String(200))
    applicant_masked_id: Mapped[str] = mapped_column(String(32))
    received_by: Mapped[str] = mapped_column(String(64), index=True)
    window: Mapped[str] = mapped_column(String(16))
    received_at: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(32), index=True)
    due_date: Mapped[str | None] = mapped_column(String(10), nullable=True)
    events: Mapped[int] = mapped_column(Integer)
    last_event_at: Mapped[str] = mapped_column(String(40))
    #: The role whose decision an open case waits for now (a chief representative's), or None.
    waits_for: Mapped[str | None] = mapped_column(String(32), nullable=True)


class CaseNumberRow(Base):
    """The last sequence number a terminal handed out on a day."""

    __tablename__ = "case_numbers"

    prefix: Mapped[str] = mapped_column(String(16), primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


class DepartmentRow(Base):
    __tablename__ = "departments"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    data: Mapped[str] = mapped_column(Text)


class ItemRow(Base):
    __tablename__ = "items"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    department: Mapped[str] = mapped_column(String(16), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    data: Mapped[str] = mapped_column(Text)


class StaffRow(Base):
    """One account as its staff events fold (`app.domain.staff.fold`), written in the same
    transaction as each event; never deleted (a trigger refuses it)."""

    __tablename__ = "staff"

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(32))
    department: Mapped[str | None] = mapped_column(String(16), nullable=True)
    windows: Mapped[str] = mapped_column(Text)
    password_hash: Mapped[str] = mapped_column(String(200))
    scope: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean)
    version: Mapped[int] = mapped_column(Integer)
    must_change_password: Mapped[bool] = mapped_column(Boolean)
    authorisation: Mapped[str | None] = mapped_column(Text, nullable=True)
    unlocked_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    changed_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    changed_by: Mapped[str] = mapped_column(String(64))


class StaffEventRow(Base):
    """One change of one account (`app.domain.staff_events`). Append-only: triggers refuse
    UPDATE and DELETE; `seq` is this store's order, the one a push would follow."""

    __tablename__ = "staff_events"
    # one event per version unless the earlier is refused: a trigger (store migration 0015)
    __table_args__ = (Index("ix_staff_events_username_version", "username", "version"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    username: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    at: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(64))
    terminal: Mapped[str] = mapped_column(String(32))
    data: Mapped[str] = mapped_column(Text)


class CalendarYearRow(Base):
    __tablename__ = "calendar_years"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[str] = mapped_column(Text)
    loaded_at: Mapped[str] = mapped_column(String(40))


class PrintJobRow(Base):
    """A slip that did not come out, waiting to be printed again (补打队列).

    Device bookkeeping, not a record of the case: a reprint marks the job done.
    """

    __tablename__ = "print_jobs"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_no: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(32))
    queued_at: Mapped[str] = mapped_column(String(40))
    queued_by: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    done_at: Mapped[str | None] = mapped_column(String(40), nullable=True, index=True)


class SyncMarkRow(Base):
    """How far sync has come: `pushed_through` (local seq), `pull_cursor` (central
    transaction horizon), `last_sync`, `problem`. Bookkeeping, not a record of a case."""

    __tablename__ = "sync_marks"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class QuarantineRow(Base):
    """An event held back from sync, kept whole with the reason (never dropped)."""

    __tablename__ = "quarantine"

    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    direction: Mapped[str] = mapped_column(String(8), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(36))
    position: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[str] = mapped_column(String(40))
    event: Mapped[str] = mapped_column(Text)


class CheckpointRow(Base):
    """A checkpoint of one terminal's log as the central signed it (`app.domain.checkpoints`):
    kept as received, never changed; `verify` checks the log against each."""

    __tablename__ = "checkpoints"

    terminal: Mapped[str] = mapped_column(String(32), primary_key=True)
    size: Mapped[int] = mapped_column(Integer, primary_key=True)
    center: Mapped[str] = mapped_column(String(16))
    root: Mapped[str] = mapped_column(String(64))
    signed_at: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str] = mapped_column(String(128))


class AuditEntryRow(Base):
    """One line of the audit trail (`app.domain.audit`), append-only like the events: `seq`
    is this store's order, the one the push follows; `details` a JSON object of strings."""

    __tablename__ = "audit_entries"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    at: Mapped[str] = mapped_column(String(40), index=True)
    actor: Mapped[str] = mapped_column(String(64), index=True)
    terminal: Mapped[str] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(32))
    subject: Mapped[str] = mapped_column(String(64))
    details: Mapped[str] = mapped_column(Text)


class WindowEventRow(Base):
    """One change of one window (`app.domain.windows`), append-only: `seq` is this store's
    order, `spec` the window after the change as JSON."""

    __tablename__ = "window_events"
    # one event per position unless the earlier is refused: a trigger (store migration 0015)
    __table_args__ = (Index("ix_window_events_number_position", "number", "position"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    number: Mapped[str] = mapped_column(String(16))
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    spec: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(64))
    terminal: Mapped[str] = mapped_column(String(32))
    at: Mapped[str] = mapped_column(String(40))


class SettingEventRow(Base):
    """One change of one center setting (`app.domain.center_settings`), append-only: `seq`
    is this store's order, `data` the value as JSON ({"value": …})."""

    __tablename__ = "setting_events"
    __table_args__ = (Index("ix_setting_events_key", "key", "version"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    key: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    data: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(64))
    terminal: Mapped[str] = mapped_column(String(32))
    at: Mapped[str] = mapped_column(String(40))


class WindowRow(Base):
    """A window as its events fold (derived: rebuilt from `window_events` at will)."""

    __tablename__ = "windows"

    number: Mapped[str] = mapped_column(String(16), primary_key=True)
    spec: Mapped[str] = mapped_column(Text)
    terminal: Mapped[str] = mapped_column(String(32), index=True)
    version: Mapped[int] = mapped_column(Integer)
    open: Mapped[bool] = mapped_column(Boolean)


class LeaveEventRow(Base):
    """One event of one leave request (`app.domain.leave`), append-only: `seq` is this
    store's order; `person` and `department` repeat the request's, to find them."""

    __tablename__ = "leave_events"
    # one event per position unless the earlier is refused: a trigger (store migration 0015)
    __table_args__ = (Index("ix_leave_events_request_id_position", "request_id", "position"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    request_id: Mapped[str] = mapped_column(String(36))
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    at: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(64))
    terminal: Mapped[str] = mapped_column(String(32))
    person: Mapped[str] = mapped_column(String(64), index=True)
    department: Mapped[str] = mapped_column(String(64), index=True)
    data: Mapped[str] = mapped_column(Text)
    #: Written at another counter and brought down from the central (not pushed again).
    pulled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("0"))


class RefusalRow(Base):
    """The central refused an event of the staff, window or leave log pushed from here
    (`app.domain.refusals`): kept as a fact, append-only; the event itself stays."""

    __tablename__ = "refusals"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    log: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)  # the central's words (`messages.to_json`)
    at: Mapped[str] = mapped_column(String(40))
