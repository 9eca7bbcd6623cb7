"""Staff roles and what each may do.

The services check every action against this table; the window only hides what a role
cannot do, it never decides it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from app.domain.messages import Message, MessageError, msg


class Role(StrEnum):
    CLERK = "clerk"  # 窗口人员
    CHIEF_REPRESENTATIVE = "chief_representative"  # 首席代表
    SUPERVISOR = "supervisor"  # 电子监察
    ADMINISTRATOR = "administrator"  # 系统管理员
    KIOSK = "kiosk"  # 自助终端


class Permission(StrEnum):
    RECEIVE_CASE = "receive_case"  # 接件
    HANDLE_CASE = "handle_case"  # 受理、补正、不予受理、环节办理、发证、取件
    DECIDE_CASE = "decide_case"  # 作出决定（首席代表在授权范围内；即办件由窗口当场决定）
    EXTEND_DEADLINE = "extend_deadline"  # 延长期限（第四十二条）
    VIEW_DEPARTMENT_CASES = "view_department_cases"
    VIEW_ALL_CASES = "view_all_cases"
    MANAGE_CATALOG = "manage_catalog"
    MANAGE_CALENDAR = "manage_calendar"
    MANAGE_STAFF = "manage_staff"
    PRINT = "print"  # 打印凭条、通知书，补打，打印测试页
    CONFIGURE_TERMINAL = "configure_terminal"  # 本终端的打印机等设备设置
    DAILY_REPORT = "daily_report"  # 打印本终端的当日办件日结单


PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.CLERK: frozenset(
        {
            Permission.RECEIVE_CASE,
            Permission.HANDLE_CASE,
            Permission.DECIDE_CASE,
            Permission.VIEW_DEPARTMENT_CASES,
            Permission.PRINT,
            Permission.DAILY_REPORT,
        }
    ),
    Role.CHIEF_REPRESENTATIVE: frozenset(
        {
            Permission.RECEIVE_CASE,
            Permission.HANDLE_CASE,
            Permission.DECIDE_CASE,
            Permission.EXTEND_DEADLINE,
            Permission.VIEW_DEPARTMENT_CASES,
            Permission.PRINT,
            Permission.DAILY_REPORT,
        }
    ),
    Role.SUPERVISOR: frozenset({Permission.VIEW_ALL_CASES, Permission.VIEW_DEPARTMENT_CASES}),
    Role.ADMINISTRATOR: frozenset(
        {
            Permission.MANAGE_CATALOG,
            Permission.MANAGE_CALENDAR,
            Permission.MANAGE_STAFF,
            Permission.CONFIGURE_TERMINAL,
            Permission.VIEW_ALL_CASES,
            Permission.VIEW_DEPARTMENT_CASES,
            Permission.PRINT,
            Permission.DAILY_REPORT,
        }
    ),
    Role.KIOSK: frozenset({Permission.RECEIVE_CASE, Permission.PRINT}),
}


class PermissionDenied(MessageError, PermissionError):
    """The actor's role or scope does not allow the action; the text is for the clerk."""


@dataclass(frozen=True)
class Actor:
    """Who does something, where: the signed-in staff member at this terminal."""

    username: str
    display_name: str
    role: Role
    department: str | None
    window: str
    terminal: str
    scope: frozenset[str] = field(default_factory=frozenset)  # items a chief may decide
    #: The departments of the window set up where the actor sits (several at a comprehensive
    #: window); empty where no window is set up, and the actor's own department rules.
    departments: frozenset[str] = field(default_factory=frozenset)

    def can(self, permission: Permission) -> bool:
        return permission in PERMISSIONS[self.role]

    @property
    def handled_departments(self) -> frozenset[str]:
        """The departments whose cases this actor handles: their window's, or their own."""
        if self.departments:
            return self.departments
        return frozenset({self.department}) if self.department else frozenset()

    def works_for(self, department: str) -> bool:
        """A window handles the cases of its departments only (a comprehensive window, of
        several): accepting, correcting, refusing and every later step (the service asks this
        before an intake, the case before every command)."""
        return department in self.handled_departments

    def require(self, permission: Permission, what: Message) -> None:
        if not self.can(permission):
            raise PermissionDenied(
                msg("当前账号（{role}）无权{what}", role=ROLE_MESSAGES[self.role], what=what)
            )


#: Each role in words, defined once: the window translates these, the CLI uses str().
ROLE_MESSAGES: dict[Role, Message] = {
    Role.CLERK: msg("窗口人员"),
    Role.CHIEF_REPRESENTATIVE: msg("首席代表"),
    Role.SUPERVISOR: msg("电子监察"),
    Role.ADMINISTRATOR: msg("系统管理员"),
    Role.KIOSK: msg("自助终端"),
}
ROLE_TITLES: dict[Role, str] = {role: str(title) for role, title in ROLE_MESSAGES.items()}
