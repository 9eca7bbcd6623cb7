"""Local backups of the store: SQLite's online backup API, rotated, readable by the owner only.

A backup is taken while the store is in use (the backup API copies a consistent snapshot
page by page); it is written under a temporary name and renamed when complete, so a backup
that exists is whole, and checked (`PRAGMA integrity_check`): a damaged store is refused
rather than rotating the good backups out. Bringing one back first checks it (`PRAGMA integrity_check`), then moves
the store it replaces aside, never deleting it.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

from app.domain.messages import msg
from app.storage.store_health import StoreError, check_store_file, damage_failure, damaged

PATTERN = "onewindow-*.sqlite3"
#: Pages copied per step: the window keeps writing between steps.
STEP_PAGES = 1024


def make_backup(store: Path, folder: Path, keep: int, now: datetime) -> Path:
    """A backup of `store` in `folder` (mode 0600); only the newest `keep` are kept."""
    target = folder / f"onewindow-{now:%Y%m%d-%H%M%S-%f}.sqlite3"
    partial = target.with_name(target.name + ".partial")
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        _copy(store, partial)
        problems = _problems(partial)
        if problems:  # a damaged store never rotates the good backups out
            raise StoreError(damaged(store, problems))
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as error:
        raise damage_failure(error, store) or _not_written(folder, error) from error
    finally:
        partial.unlink(missing_ok=True)
    for old in backups(folder)[:-keep]:
        old.unlink()
    return target


def _not_written(folder: Path, error: Exception) -> StoreError:
    return StoreError(
        msg(
            "无法在 {folder} 写入本机数据库的备份（{reason}）。"
            "请管理员检查该文件夹（设置 backup_folder）是否存在、可写且有空间",
            folder=str(folder),
            reason=str(error),
        )
    )


def backups(folder: Path) -> list[Path]:
    """The backups in `folder`, oldest first (their names hold the time)."""
    return sorted(folder.glob(PATTERN)) if folder.is_dir() else []


def backed_up_on(folder: Path, day: str) -> bool:
    """Whether `folder` holds a backup made on `day` (YYYYMMDD)."""
    return any(path.name.startswith(f"onewindow-{day}-") for path in backups(folder))


def bring_back(backup: Path, store: Path, now: datetime) -> Path | None:
    """Replace `store` by a copy of `backup`, after checking it; the store replaced is moved
    aside (its path returned; None when there was none)."""
    try:
        if not backup.is_file():
            raise StoreError(msg("没有找到备份文件 {path}", path=str(backup)))
        check_store_file(backup)
        problems = _problems(backup)
    except (OSError, ValueError, sqlite3.Error) as error:  # a name too long, a file unreadable
        raise StoreError(
            msg("无法读取备份文件 {path}（{reason}）", path=str(backup), reason=str(error))
        ) from error
    if problems:
        raise StoreError(
            msg(
                "备份文件 {path} 已损坏（{detail}），未恢复；请换一份备份",
                path=str(backup),
                detail="；".join(problems),
            )
        )
    aside = None
    if store.exists():
        aside = store.with_name(f"{store.name}.replaced-{now:%Y%m%d-%H%M%S}")
        for suffix in ("", "-wal", "-shm"):  # the WAL belongs to the file it was written for
            part = Path(f"{store}{suffix}")
            if part.exists():
                part.rename(Path(f"{aside}{suffix}"))
    _copy(backup, store)
    return aside


def _problems(path: Path) -> list[str]:
    """What `PRAGMA integrity_check` finds wrong with the SQLite file at `path` (read only)."""
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as copy:
        try:
            found = [str(row[0]) for row in copy.execute("PRAGMA integrity_check(5)")]
        except sqlite3.DatabaseError as error:
            found = [str(error)]
    return [] if found == ["ok"] else found


def _copy(source_path: Path, target: Path) -> None:
    """Copy the SQLite store at `source_path` to a new file `target` (mode 0600)."""
    target.unlink(missing_ok=True)
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    with (
        closing(sqlite3.connect(source_path)) as source,
        closing(sqlite3.connect(target)) as copy,
    ):
        source.backup(copy, pages=STEP_PAGES)
        copy.execute("PRAGMA journal_mode=DELETE")  # one file, whole, with no WAL beside it
