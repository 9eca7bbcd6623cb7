"""The reference data every counter works from — the catalog (departments and items) and the
yearly holiday schedules — published once to the central by its administrator, and pulled by
each counter like the events, by the transaction horizon.

Publishing replaces the catalog as a whole: items left out are marked inactive, never deleted,
so that a counter pulls the removal too.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, text

from app.domain.audit import AuditEntry
from app.domain.calendar import YearSchedule
from app.domain.catalog import Department, Item


@dataclass(frozen=True)
class Published:
    departments: int
    items: int
    years: int


def publish(
    connection: Connection,
    departments: Sequence[Department],
    items: Sequence[Item],
    schedules: Sequence[YearSchedule],
) -> Published:
    """Write the catalog and the schedules as the owner, in the caller's transaction."""
    _replace(
        connection,
        "departments",
        [
            {"code": d.code, "ordinal": n, "data": _dumps(d.to_dict())}
            for n, d in enumerate(departments)
        ],
        "code, ordinal, data",
    )
    _replace(
        connection,
        "catalog_items",
        [
            {
                "code": item.code,
                "name": item.name,
                "department": item.department,
                "ordinal": n,
                "data": _dumps(item.to_dict()),
            }
            for n, item in enumerate(items)
        ],
        "code, name, department, ordinal, data",
    )
    for schedule in schedules:
        connection.execute(
            text(
                "INSERT INTO central.calendar_years (year, data) VALUES (:year, :data)"
                " ON CONFLICT (year) DO UPDATE SET data = excluded.data, loaded_at = now()"
                " WHERE central.calendar_years.data <> excluded.data"
            ),
            {"year": schedule.year, "data": _dumps(schedule.to_json())},
        )
    return Published(len(departments), len(items), len(schedules))


def _replace(
    connection: Connection, table: str, rows: list[dict[str, object]], columns: str
) -> None:
    """Upsert `rows` (changed ones only, so that an unchanged catalog is not pulled again)
    and mark the others inactive."""
    names = [c.strip() for c in columns.split(",")]
    updates = ", ".join(f"{n} = excluded.{n}" for n in names[1:])
    changed = " OR ".join(f"t.{n} IS DISTINCT FROM excluded.{n}" for n in names[1:])
    for row in rows:
        connection.execute(
            text(
                f"INSERT INTO central.{table} AS t ({columns}) VALUES"
                f" ({', '.join(':' + n for n in names)})"
                f" ON CONFLICT (code) DO UPDATE SET {updates}, active = true"
                f" WHERE {changed} OR NOT t.active"
            ),
            row,
        )
    connection.execute(
        text(
            f"UPDATE central.{table} SET active = false WHERE active AND NOT (code = ANY(:codes))"
        ),
        {"codes": [row["code"] for row in rows]},
    )


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def record_publication(connection: Connection, entries: Sequence[AuditEntry]) -> None:
    """Write who published, in the caller's transaction: entries of the central's own (no
    center), which every counter reads. The same entries kept in the publisher's store are
    skipped when that store pushes them."""
    for entry in entries:
        connection.execute(
            text(
                "INSERT INTO central.audit_entries"
                " (id, center, terminal, actor, at, action, subject, details)"
                " VALUES (:id, NULL, :terminal, :actor, :at, :action, :subject, :details)"
                " ON CONFLICT (id) DO NOTHING"
            ),
            {
                "id": str(entry.id),
                "terminal": entry.terminal,
                "actor": entry.actor,
                "at": entry.at.isoformat(),
                "action": entry.action.value,
                "subject": entry.subject,
                "details": json.dumps(entry.details, ensure_ascii=False, sort_keys=True),
            },
        )
