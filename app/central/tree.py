"""The tree of centers as one login reads it, with each center's running case clocks counted.

A terminal registered to read its tree (`central add-counter --reads tree`) reads its center
and every center below it; a counter, its own center; the central's administrator, every
center. What is counted is what the database lets the login read (`central.tree_counts`,
under the policies of central migration 0012): the client asks for nothing it may not see.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import psycopg

from app.central.errors import CentralError
from app.domain.levels import LEVEL_NAMES
from app.domain.messages import Message, msg


@dataclass(frozen=True)
class CenterInTree:
    """One center the reader reads, `depth` below the top of what it reads."""

    code: str
    name: str
    level: str
    depth: int
    running: int = 0
    paused: int = 0
    warning: int = 0
    overdue: int = 0

    def line(self) -> Message:
        return msg(
            "{code} {name}（{level}）：在办 {running} 件（其中暂停计时 {paused} 件），"
            "预警 {warning} 件，超时 {overdue} 件",
            code=self.code,
            name=self.name,
            level=LEVEL_NAMES.get(self.level, msg("未知级别")),
            running=self.running,
            paused=self.paused,
            warning=self.warning,
            overdue=self.overdue,
        )


def read_tree(url: str, today: date) -> list[CenterInTree]:
    """The centers the login of `url` reads, each after its parent (siblings by code), with
    the counts of its running clocks on `today`, all in one snapshot."""
    try:
        with psycopg.connect(url) as connection, connection.transaction():
            connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            centers = connection.execute(
                "SELECT code, name, level, parent FROM central.centers"
            ).fetchall()
            found = connection.execute("SELECT central.centers_in_view()").fetchone()
            counts = {
                str(row[0]): tuple(int(n) for n in row[1:])
                for row in connection.execute(
                    "SELECT center, running, paused, warning, overdue FROM central.tree_counts(%s)",
                    (today,),
                )
            }
    except psycopg.OperationalError as error:
        raise CentralError(msg("无法连接中心数据库：{reason}", reason=str(error))) from error
    readable = set(found[0]) if found else set()
    shown = {
        code: (name, level, parent) for code, name, level, parent in centers if code in readable
    }
    children: dict[str | None, list[str]] = {}
    for code, (_, _, parent) in shown.items():
        children.setdefault(parent if parent in shown else None, []).append(code)
    ordered: list[CenterInTree] = []

    def visit(code: str, depth: int) -> None:
        name, level, _ = shown[code]
        ordered.append(CenterInTree(code, name, level, depth, *counts.get(code, ())))
        for child in sorted(children.get(code, [])):
            visit(child, depth + 1)

    for top in sorted(children.get(None, [])):
        visit(top, 0)
    return ordered
