"""Errors of the services meant for the person at the counter; like every such error they
are `MessageError`s (the one base the window and the command line catch)."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.domain.messages import Message, MessageError, msg


class NotFound(MessageError, LookupError):
    """A case, item or account that does not exist; the text names what was looked for."""


class NotSaved(MessageError, OSError):
    """A file (a notice, an export) that could not be written; the text says where and why."""


class LoginFailed(MessageError):
    """Wrong user name or password, or a disabled account (the text does not say which)."""


class AccountLocked(LoginFailed):
    """Too many wrong passwords in a row: the account is locked until `until` (said in the
    text, rounded up to the minute)."""

    def __init__(self, failures: int, until: datetime) -> None:
        super().__init__(
            msg(
                "连续输错{failures}次，账号已锁定，请于 {until} 后再试，或请管理员解锁",
                failures=failures,
                until=(until + timedelta(seconds=59)).strftime("%H:%M"),  # the minute after
            )
        )


class PasswordChangeRequired(MessageError):
    """The password was right but is a one-time password: the person must set their own
    (`AuthService.set_own_password`) before the window opens."""


class SheetError(MessageError, ValueError):
    """A catalog sheet that cannot be imported; `rows` lists each bad row and why."""

    def __init__(self, rows: list[tuple[int, Message]]) -> None:
        self.rows = rows
        message = msg("事项表未导入，以下各行有误：")
        for row, reason in rows[:20]:
            message = msg("{message}\n第{row}行：{reason}", message=message, row=row, reason=reason)
        if len(rows) > 20:
            message = msg("{message}\n……另有{count}行有误", message=message, count=len(rows) - 20)
        super().__init__(message)


class RestoreNeeded(MessageError):
    """This store lacks events of this terminal the central holds: new case numbers could
    repeat ones applicants already hold, so none is handed out until it is restored."""

    def __init__(self, central: int, local: int) -> None:
        super().__init__(
            msg(
                "中心数据库存有本终端的 {central} 条记录，本机只有 {local} 条："
                "本机数据库被清空或换成了旧的副本。为免办件编号重复，暂停接件；"
                "请管理员运行“onewindow restore”从中心取回本终端的记录",
                central=central,
                local=local,
            )
        )
