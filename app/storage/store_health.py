"""Whether the local store can be used, told in words: a file that is not SQLite, one cut
short, a damaged page, a folder the program may not write.

Each is found where it starts — before the store is opened (the file's header and size, the
folder), or where SQLite reports it (`store_failure`, which the unit of work applies to
every error) — and becomes one `StoreError` that says what happened, where, and what to do.
`integrity_problems` is the full page check `verify` runs.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from app.domain.messages import Message, MessageError, msg
from app.storage.database import migrate

#: Every SQLite file begins with these 16 bytes.
SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
#: SQLite's primary result codes that mean the file, not the statement, is at fault.
_CORRUPT = 11
_NOTADB = 26
_READONLY = 8
_CANTOPEN = 14
_PERM = 3
#: How many lines of `PRAGMA integrity_check` a report holds at most.
INTEGRITY_LINES = 20

_WHAT_TO_DO = msg(
    "请勿删除该文件；请管理员把它移到别处保存，再用“onewindow restore --from 备份文件”"
    "从本机备份恢复，或用“onewindow restore”从中心数据库取回本终端的记录"
)


class StoreError(MessageError):
    """The local store cannot be used as it is; the text names the file and what to do."""


def check_folder(folder: Path) -> None:
    """StoreError unless the program may create and write files in `folder`."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(_folder_refused(folder, error.strerror or str(error))) from error
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(_folder_refused(folder, os.strerror(13)))


def check_store_file(path: Path) -> None:
    """StoreError when the file at `path` is not an SQLite store or is shorter than its own
    header says. A missing or empty file is a new store (and a lost one: see the sync)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    if size == 0:
        return
    if path.is_file() and not os.access(path, os.R_OK | os.W_OK):
        raise StoreError(_folder_refused(path, os.strerror(13)))
    with path.open("rb") as file:
        header = file.read(HEADER_SIZE)
    if len(header) < HEADER_SIZE or not header.startswith(SQLITE_MAGIC):
        raise StoreError(_not_a_store(path))
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    header_valid = header[24:28] == header[92:96] and pages > 0
    if header_valid and pages * page_size > size:
        raise StoreError(
            msg(
                "本机数据库文件 {path} 不完整：应有 {expected} 字节，实有 {size} 字节"
                "（文件被截断）。{what_to_do}",
                path=str(path),
                expected=pages * page_size,
                size=size,
                what_to_do=_WHAT_TO_DO,
            )
        )


def store_failure(error: BaseException, path: Path) -> StoreError | None:
    """The StoreError for an error SQLite raised about the file itself; None for any other."""
    damage = damage_failure(error, path)
    if damage is not None:
        return damage
    if _code(error) in (_READONLY, _CANTOPEN, _PERM):
        return StoreError(_folder_refused(path.parent, str(_cause(error))))
    return None


def damage_failure(error: BaseException, path: Path) -> StoreError | None:
    """The StoreError for SQLite finding the file at `path` damaged or not SQLite at all."""
    code = _code(error)
    if code == _NOTADB:
        return StoreError(_not_a_store(path))
    if code == _CORRUPT:
        return StoreError(_damaged(path, str(_cause(error))))
    return None


def _code(error: BaseException) -> int:
    """SQLite's primary result code of `error` (0 when it is not SQLite's)."""
    return int(getattr(_cause(error), "sqlite_errorcode", 0)) & 0xFF


def _cause(error: BaseException) -> BaseException:
    """SQLite's own error under SQLAlchemy's wrapping (its text names no statement)."""
    if isinstance(error, DBAPIError) and error.orig is not None:
        return error.orig
    return error


def integrity_problems(engine: Engine) -> list[str]:
    """What `PRAGMA integrity_check` finds wrong with the store's pages (empty: nothing)."""
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute(f"PRAGMA integrity_check({INTEGRITY_LINES})")
        lines = [str(line) for (line,) in cursor.fetchall()]
        cursor.close()
    except sqlite3.DatabaseError as error:  # damaged past what the check itself can read
        lines = [str(error)]
    finally:
        connection.close()
    return [] if lines == ["ok"] else lines


def damaged(path: Path, problems: list[str]) -> Message:
    """The words for a store whose page check found `problems`."""
    return _damaged(path, "；".join(" ".join(p.split()) for p in problems[:3]))  # one line


def _damaged(path: Path, detail: str) -> Message:
    return msg(
        "本机数据库文件 {path} 已损坏（{detail}）。{what_to_do}",
        path=str(path),
        detail=detail,
        what_to_do=_WHAT_TO_DO,
    )


def _not_a_store(path: Path) -> Message:
    return msg(
        "本机数据库文件 {path} 不是 SQLite 数据库（已损坏或被别的文件替换）。{what_to_do}",
        path=str(path),
        what_to_do=_WHAT_TO_DO,
    )


def _folder_refused(where: Path, reason: str) -> Message:
    return msg(
        "无法写入数据文件夹 {path}（{reason}）。"
        "请管理员让运行本程序的系统账户可以读写该文件夹及其中的文件，然后重新启动",
        path=str(where),
        reason=reason,
    )


def migrate_or_tell(engine: Engine, path: Path) -> None:
    """Migrate the store at `path`; StoreError (in words) when SQLite finds the file unusable."""
    try:
        migrate(engine)
    except DBAPIError as error:
        engine.dispose()
        failure = store_failure(error, path)
        if failure is None:
            raise
        raise failure from error
