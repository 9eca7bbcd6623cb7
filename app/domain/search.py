"""Finding an item as a clerk or an applicant types: by name, code, department or pinyin.

"yyzz" and "yingye" find 营业执照; "营执照", typed with a character missing, still finds it.
The index is built once per catalog; each keystroke then only compares prepared strings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.domain.catalog import Department, Item


@dataclass(frozen=True)
class _Entry:
    item: Item
    name: str
    code: str
    keywords: str  # one per line
    department: str
    full_pinyin: str
    initials: str
    characters: frozenset[str]


def _pinyin(text: str) -> tuple[str, str]:
    # pypinyin reads its dictionaries on import (about a third of a second): only an index
    # being built needs it, so a window that has not searched yet starts without it
    from pypinyin import Style, lazy_pinyin

    syllables = [s.lower() for s in lazy_pinyin(text, style=Style.NORMAL, errors="ignore")]
    return "".join(syllables), "".join(s[0] for s in syllables if s)


def _entry(item: Item, department: Department | None) -> _Entry:
    name_full, name_initials = _pinyin(item.name)
    keyword_full, keyword_initials = _pinyin("".join(item.keywords))
    return _Entry(
        item=item,
        name=item.name,
        code=item.code.lower(),
        keywords="\n".join(item.keywords),
        department=(department.name + department.short_name) if department else item.department,
        # name first, so that a match on the name ranks before a match on a keyword
        full_pinyin=name_full + "|" + keyword_full,
        initials=name_initials + "|" + keyword_initials,
        characters=frozenset(item.name + "".join(item.keywords)),
    )


def _skips_one(query: str, text: str) -> bool:
    """Whether `text` holds `query` with exactly one character missing inside it."""
    for i in range(1, len(query)):
        head, tail = query[:i], query[i:]
        start = text.find(head)
        while start != -1:
            after = start + len(head)
            if text.startswith(tail, after + 1):
                return True
            start = text.find(head, start + 1)
    return False


class CatalogIndex:
    """Search over the items of one catalog, best match first."""

    def __init__(self, items: Iterable[Item], departments: Mapping[str, Department]) -> None:
        self._entries = [_entry(item, departments.get(item.department)) for item in items]

    def __len__(self) -> int:
        return len(self._entries)

    def search(self, text: str, limit: int = 50) -> list[Item]:
        query = "".join(text.split()).lower()
        if not query:
            return [e.item for e in self._entries[:limit]]
        ranked: list[tuple[int, int, int, str]] = []
        by_code: dict[str, Item] = {}
        characters = set(query)
        for entry in self._entries:
            rank = self._rank(entry, query, characters)
            if rank is not None:
                ranked.append((rank[0], rank[1], len(entry.name), entry.code))
                by_code[entry.code] = entry.item
        ranked.sort()
        return [by_code[code] for *_, code in ranked[:limit]]

    @staticmethod
    def _rank(entry: _Entry, query: str, characters: set[str]) -> tuple[int, int] | None:
        """(tier, position) of the best way `query` matches `entry`, or None."""
        if query == entry.code:
            return 0, 0
        position = entry.name.find(query)
        if position != -1:
            return 1, position
        if entry.code.startswith(query):
            return 2, 0
        if query in entry.keywords:
            return 3, 0
        if query.isascii():
            for tier, spelled in ((4, entry.initials), (5, entry.full_pinyin)):
                position = spelled.find(query)
                if position != -1:
                    return tier, position
            return None
        if query in entry.department:
            return 6, 0
        if len(query) >= 2 and characters <= entry.characters and _skips_one(query, entry.name):
            return 7, 0
        return None
