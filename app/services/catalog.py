"""The item catalog: loaded from the shipped data or a center's Excel sheet, and searched."""

from __future__ import annotations

import json
import logging
from functools import cached_property
from pathlib import Path

from app.domain.audit import AuditAction, AuditEntry
from app.domain.business_scope import ScopeRules
from app.domain.catalog import CatalogError, Department, Item
from app.domain.messages import Message, msg
from app.domain.roles import Actor, Permission
from app.domain.search import CatalogIndex
from app.paths import resources_dir
from app.services.audit import AuditTrail
from app.services.errors import NotFound, NotSaved, SheetError
from app.storage.unit_of_work import UnitOfWorkFactory

log = logging.getLogger(__name__)


class _Snapshot:
    """The catalog as last read from the store, with its search index: replaced whole."""

    def __init__(self, items: dict[str, Item], departments: dict[str, Department]) -> None:
        self.items = items
        self.departments = departments

    @cached_property
    def index(self) -> CatalogIndex:
        """Built on first use (a 2,000-item catalog takes about a second)."""
        return CatalogIndex(self.items.values(), self.departments)

    @property
    def indexed(self) -> bool:
        """Whether the index was built."""
        return "index" in vars(self)


class CatalogService:
    """The catalog, held in memory. It is read from the store on first use (the window asks
    for `index()` on its storage worker) and read again, index and all, right after this
    service changes it, on the thread that changed it (a worker in the window: after a sync
    brings a new catalog, the next keystroke finds the new index ready and reads no SQLite
    on the GUI thread); the index is built there only when the old one was, so that a
    command line that never searches does not build it. The snapshot is swapped in one assignment, so a reader on another
    thread sees the old catalog or the new one, never half of each."""

    def __init__(self, uow: UnitOfWorkFactory, audit: AuditTrail) -> None:
        self._uow = uow
        self._audit = audit
        self._snapshot: _Snapshot | None = None
        self._scope_rules: ScopeRules | None = None

    def _current(self) -> _Snapshot:
        snapshot = self._snapshot
        if snapshot is None:
            snapshot = self._snapshot = self._read()
        return snapshot

    def _read(self) -> _Snapshot:
        with self._uow.reading() as uow:
            departments = {d.code: d for d in uow.catalog.departments()}
            items = {i.code: i for i in uow.catalog.items()}
        return _Snapshot(items, departments)

    def index(self) -> CatalogIndex:
        """The search index, built on first use (the window asks on a worker)."""
        return self._current().index

    def search(self, text: str, limit: int = 50) -> list[Item]:
        return self.index().search(text, limit)

    def item(self, code: str) -> Item:
        try:
            return self._current().items[code]
        except KeyError:
            raise NotFound(msg("事项清单中没有编码为 {code} 的事项", code=code)) from None

    def items(self) -> list[Item]:
        return list(self._current().items.values())

    def empty(self) -> bool:
        """Whether there is no item; the catalog is not read for it (a command that does
        not use the catalog, `sync` say, never parses it)."""
        if (snapshot := self._snapshot) is not None:
            return not snapshot.items
        with self._uow.reading() as uow:
            return not uow.catalog.holds_items()

    def departments(self) -> dict[str, Department]:
        return dict(self._current().departments)

    def scope_rules(self) -> ScopeRules:
        """The business scope terms this center forbids or licenses (resources/catalog)."""
        if self._scope_rules is None:
            path = resources_dir() / "catalog" / "business_scope.json"
            self._scope_rules = ScopeRules.from_dict(json.loads(path.read_text(encoding="utf-8")))
        return self._scope_rules

    def children(self, item: Item) -> list[Item]:
        """The departments' items of a one-form item, in the catalog's order."""
        return [self.item(code) for code in item.children]

    def department_name(self, code: str) -> str:
        department = self.departments().get(code)
        return department.name if department else code

    def load_json(self, folder: Path) -> int:
        """Replace the catalog with the JSON files shipped in `folder`; returns the item count."""
        departments = [
            Department.from_dict(d)
            for d in json.loads((folder / "departments.json").read_text(encoding="utf-8"))
        ]
        raw_items = json.loads((folder / "items.json").read_text(encoding="utf-8"))
        problems: list[tuple[int, Message]] = []
        items: list[tuple[int, Item]] = []
        for number, raw in enumerate(raw_items, start=1):
            try:
                items.append((number, Item.from_dict(raw)))
            except CatalogError as error:
                problems.append((number, error.message))
        self._replace(departments, items, problems)
        return len(items)

    def adopt(self, departments: list[Department], items: list[Item]) -> int:
        """Take the catalog the central published, whole; refused (SheetError) if it does not
        hold together, and then the catalog here stays as it was."""
        self._replace(departments, list(enumerate(items, start=1)), [])
        log.info("catalog from the central adopted: %d items", len(items))
        return len(items)

    def import_sheet(self, actor: Actor | None, path: Path) -> int:
        """Replace the items with a center's sheet; nothing is imported if any row is bad."""
        if actor is not None:
            actor.require(Permission.MANAGE_CATALOG, msg("导入事项清单"))
        from app.services.catalog_sheet import read_sheet  # openpyxl only when a sheet is read

        items, problems = read_sheet(path)
        entry = None
        if actor is not None:
            entry = self._audit.entry(
                actor.username,
                AuditAction.CATALOG_IMPORTED,
                details={"file": path.name, "items": str(len(items))},
            )
        self._replace(list(self.departments().values()), items, problems, entry)
        log.info("catalog sheet imported: %d items", len(items))
        return len(items)

    def export_sheet(self, path: Path) -> int:
        from app.services.catalog_sheet import write_sheet  # openpyxl only when a sheet is written

        items = self.items()
        try:
            write_sheet(path, items, self.departments())
        except OSError as error:
            raise NotSaved(
                msg("事项表未能写入 {file}：{reason}", file=str(path), reason=error.strerror or "")
            ) from error
        return len(items)

    def _replace(
        self,
        departments: list[Department],
        items: list[tuple[int, Item]],
        problems: list[tuple[int, Message]],
        audit: AuditEntry | None = None,
    ) -> None:
        """Replace the catalog, and write `audit` (who did it) in the same transaction."""
        problems = problems + _consistency_problems(departments, items)
        if problems:
            raise SheetError(sorted(problems, key=lambda problem: problem[0]))
        with self._uow() as uow:
            uow.catalog.replace_all(departments, [item for _, item in items])
            if audit is not None:
                uow.audit.add(audit)
            uow.commit()
        previous, snapshot = self._snapshot, self._read()
        if previous is not None and previous.indexed:
            # searched before (the window): built here, off the GUI thread, before the next
            # keystroke; a command line that never searches never loads pypinyin (54 MB)
            snapshot.index  # noqa: B018
        self._snapshot = snapshot


def _consistency_problems(
    departments: list[Department], items: list[tuple[int, Item]]
) -> list[tuple[int, Message]]:
    """Rules across rows: unique codes, known departments, windows of that department."""
    known = {d.code: d for d in departments}
    seen: set[str] = set()
    problems: list[tuple[int, Message]] = []
    for number, item in items:
        if item.code in seen:
            problems.append((number, msg("事项编码 {code} 重复", code=item.code)))
        seen.add(item.code)
        department = known.get(item.department)
        if department is None:
            problems.append(
                (number, msg("实施部门 {department} 不在部门名单中", department=item.department))
            )
        elif item.window not in department.windows:
            problems.append(
                (
                    number,
                    msg(
                        "窗口 {window} 不属于{department}",
                        window=item.window,
                        department=department.name,
                    ),
                )
            )
        if department is not None:
            problems.extend(
                (
                    number,
                    msg(
                        "环节“{step}”的窗口 {window} 不属于{department}",
                        step=step.name,
                        window=step.window,
                        department=department.name,
                    ),
                )
                for step in item.flow
                if step.window and step.window not in department.windows
            )
    by_code = {item.code: item for _, item in items}
    for number, item in items:
        for child in item.children:
            found = by_code.get(child)
            if found is None:
                problems.append((number, msg("子事项 {child} 不在事项清单中", child=child)))
            elif found.children:
                problems.append(
                    (number, msg("子事项 {child} 本身也是一表制事项，不能嵌套", child=child))
                )
    return problems
