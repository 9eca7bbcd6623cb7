"""The audit trail (操作日志): who did what to the center's accounts, windows, settings and
reference data, at which terminal and when.

An entry is written once and never changed: the local store refuses updates and deletes, and
each entry goes up to the central like a case event. The details hold what changed, in
words an auditor reads (a name, a window number, a setting's key and its new value), never a
password, a hash or an ID number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from app.domain.messages import Message, msg


class AuditAction(StrEnum):
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    ACCOUNT_LOCKED = "account_locked"
    ACCOUNT_UNLOCKED = "account_unlocked"
    SCREEN_LOCKED = "screen_locked"
    SCREEN_UNLOCKED = "screen_unlocked"
    SCREEN_UNLOCK_FAILED = "screen_unlock_failed"
    STAFF_CREATED = "staff_created"
    STAFF_CHANGED = "staff_changed"
    STAFF_DISABLED = "staff_disabled"
    STAFF_ENABLED = "staff_enabled"
    PASSWORD_RESET = "password_reset"
    PASSWORD_CHANGED = "password_changed"
    SCOPE_GRANTED = "scope_granted"
    WINDOW_CHANGED = "window_changed"
    SETTINGS_CHANGED = "settings_changed"
    PRINTER_SETTINGS_CHANGED = "printer_settings_changed"
    CATALOG_PUBLISHED = "catalog_published"
    CALENDAR_PUBLISHED = "calendar_published"
    CATALOG_IMPORTED = "catalog_imported"
    CALENDAR_IMPORTED = "calendar_imported"
    LEAVE_ASKED = "leave_asked"
    LEAVE_APPROVED = "leave_approved"
    LEAVE_REFUSED = "leave_refused"
    LEAVE_BACK = "leave_back"
    REPORTED_DECIDED = "reported_decided"
    CHANGE_REFUSED = "change_refused"


#: Each action in words, for the audit screen and `onewindow audit list`.
ACTION_MESSAGES: dict[AuditAction, Message] = {
    AuditAction.LOGIN: msg("登录"),
    AuditAction.LOGIN_FAILED: msg("登录失败"),
    AuditAction.LOGOUT: msg("退出登录"),
    AuditAction.ACCOUNT_LOCKED: msg("账号锁定"),
    AuditAction.ACCOUNT_UNLOCKED: msg("账号解锁"),
    AuditAction.SCREEN_LOCKED: msg("锁定屏幕"),
    AuditAction.SCREEN_UNLOCKED: msg("解锁屏幕"),
    AuditAction.SCREEN_UNLOCK_FAILED: msg("解锁失败（密码不正确）"),
    AuditAction.STAFF_CREATED: msg("新建人员"),
    AuditAction.STAFF_CHANGED: msg("修改人员"),
    AuditAction.STAFF_DISABLED: msg("停用人员"),
    AuditAction.STAFF_ENABLED: msg("启用人员"),
    AuditAction.PASSWORD_RESET: msg("重置密码"),
    AuditAction.PASSWORD_CHANGED: msg("修改密码"),
    AuditAction.SCOPE_GRANTED: msg("授权事项"),
    AuditAction.WINDOW_CHANGED: msg("窗口设置"),
    AuditAction.SETTINGS_CHANGED: msg("修改设置"),
    AuditAction.PRINTER_SETTINGS_CHANGED: msg("打印机设置"),
    AuditAction.CATALOG_PUBLISHED: msg("发布事项目录"),
    AuditAction.CALENDAR_PUBLISHED: msg("发布节假日安排"),
    AuditAction.CATALOG_IMPORTED: msg("导入事项清单", "audit action"),
    AuditAction.CALENDAR_IMPORTED: msg("加载节假日安排"),
    AuditAction.LEAVE_ASKED: msg("提交请假"),
    AuditAction.LEAVE_APPROVED: msg("批准请假"),
    AuditAction.LEAVE_REFUSED: msg("不批准请假"),
    AuditAction.LEAVE_BACK: msg("销假"),
    AuditAction.REPORTED_DECIDED: msg("决定下级上报件"),
    AuditAction.CHANGE_REFUSED: msg("中心未采纳的修改"),
}


@dataclass(frozen=True)
class AuditEntry:
    """One line of the trail. `actor` is the username of whoever acted (for a failed login,
    the name that was typed); `subject` what it was done to (a username, a window number, a
    setting key, "" when nothing in particular)."""

    id: UUID
    at: datetime
    actor: str
    terminal: str
    action: AuditAction
    subject: str = ""
    details: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class AuditQuery:
    """What to look for; None (or "") matches everything. `since` and `until` bound `at`
    (until excluded); `offset` and `limit` take one page of the newest first."""

    actor: str = ""
    terminal: str = ""
    action: AuditAction | None = None
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 1000
    offset: int = 0
