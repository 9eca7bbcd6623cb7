"""The settings service on a real store: who may change what, each saved value in the audit
trail (the printer's as the printer's, never the central's password), values typed as text
read by their declaration, and the test buttons' checks (card read, central reachable)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from app.bootstrap import Services, bootstrap
from app.central.errors import CentralError
from app.devices.idcard.simulator import SimulatedTransport
from app.devices.idcard.transport import Transport
from app.domain.audit import AuditAction
from app.domain.events import CHINA_TIME
from app.domain.roles import Actor, PermissionDenied, Role
from app.paths import Paths
from app.services.print_results import PrinterSetup
from app.services.time_source import FixedClock
from app.settings import SettingsError
from app.storage.audit_repository import AuditQuery
from app.sync.central_link import CentralLink, Registration

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=CHINA_TIME)
ADMIN = Actor("admin", "管理员", Role.ADMINISTRATOR, None, "", "counter-01")
CLERK = Actor("scjg01", "市场监管窗口", Role.CLERK, "SCJG", "A04", "counter-01")
URL = "postgresql://counter_07:s3cret-pass@central.example/onewindow"


class RegisteredLink(CentralLink):
    """A central that answers with this registration (no server behind it)."""

    urls: list[str] = []

    def __init__(self, url: str) -> None:
        super().__init__(url)
        RegisteredLink.urls.append(url)

    def registration(self) -> Registration:
        return Registration("counter-07", 7, "center-1", "events")


def card_on_reader(setting: str) -> Transport | None:
    return (
        None
        if setting == "none"
        else SimulatedTransport("resident" if setting == "simulator" else None)
    )


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    services = bootstrap(
        Paths(data=tmp_path, config=tmp_path, logs=tmp_path / "logs"),
        FixedClock(NOW),
        central_link=RegisteredLink,
        card_transport=card_on_reader,
    )
    yield services
    services.close()


def trail(services: Services, action: AuditAction) -> list[tuple[str, str]]:
    return [
        (e.subject, e.details["to"])
        for e in services.audit.search(ADMIN, AuditQuery(action=action))
    ]


def test_a_clerk_sees_every_setting_and_changes_only_their_own(services: Services) -> None:
    entries = {e.key: e.editable for e in services.counter_settings.entries(CLERK)}
    assert entries["terminal_no"] is False and entries["central_url"] is False
    assert entries["printer"] is False and entries["card_reader"] is False
    assert entries["terminal_name"] is False and entries["paper_mm"] is True
    assert entries["idle_lock_minutes"] is False  # the center's, for every counter
    assert all(e.editable for e in services.counter_settings.entries(ADMIN))
    with pytest.raises(PermissionDenied):
        services.counter_settings.change(CLERK, {"terminal_no": 5})
    with pytest.raises(PermissionDenied, match="无权修改中心统一设置"):
        services.counter_settings.change(CLERK, {"idle_lock_minutes": 5})
    services.counter_settings.change(CLERK, {"paper_mm": 58})
    assert trail(services, AuditAction.PRINTER_SETTINGS_CHANGED) == [("paper_mm", "58")]
    assert trail(services, AuditAction.SETTINGS_CHANGED) == []


def test_each_saved_change_is_in_the_trail_without_the_password(services: Services) -> None:
    services.counter_settings.change(
        ADMIN, {"terminal_no": 7, "central_url": URL, "printer_raster": True, "language": "zh_CN"}
    )
    assert trail(services, AuditAction.SETTINGS_CHANGED) == [
        ("terminal_no", "7"),
        ("central_url", "postgresql://counter_07@central.example/onewindow"),
    ]  # newest first; the language did not change, so it is not written
    assert trail(services, AuditAction.PRINTER_SETTINGS_CHANGED) == [("printer_raster", "true")]
    assert "s3cret" not in repr(services.audit.search(ADMIN, AuditQuery()))


def test_the_printer_dialog_s_save_is_in_the_trail_as_the_printer_s(services: Services) -> None:
    setup = services.printing.setup()
    services.printing.configure(ADMIN, PrinterSetup(**{**setup.__dict__, "paper_mm": 58}))
    assert trail(services, AuditAction.PRINTER_SETTINGS_CHANGED) == [("paper_mm", "58")]


def test_a_refused_value_changes_nothing_and_says_the_rule(services: Services) -> None:
    with pytest.raises(SettingsError, match="1-240"):
        services.counter_settings.change(ADMIN, {"idle_lock_minutes": 0, "terminal_no": 9})
    assert services.settings["terminal_no"] == 1
    assert services.audit.search(ADMIN, AuditQuery()) == []


@pytest.mark.parametrize(
    ("key", "text", "value"),
    [
        ("terminal_no", "5", 5),
        ("printer_raster", "TRUE", True),
        ("center_phone", "0452-1", "0452-1"),
    ],
)
def test_text_is_read_by_the_declaration(
    services: Services, key: str, text: str, value: object
) -> None:
    assert services.counter_settings.parsed(key, text) == value


@pytest.mark.parametrize(
    ("key", "text"), [("terminal_no", "five"), ("printer_raster", "yes"), ("nope", "1")]
)
def test_text_that_does_not_fit_is_refused(services: Services, key: str, text: str) -> None:
    with pytest.raises(SettingsError):
        services.counter_settings.parsed(key, text)


def test_the_card_read_test_says_what_came_of_it(services: Services) -> None:
    assert (
        str(services.card_reader.try_read("simulator")) == "读卡器 simulator 工作正常：已读到证件"
    )
    assert "上面没有证件" in str(services.card_reader.try_read("serial:/dev/ttyUSB9"))
    assert str(services.card_reader.try_read("none")) == "设置为不使用读卡器"


def test_the_central_check_uses_the_typed_address_and_the_kept_password(services: Services) -> None:
    services.settings.update({"central_url": URL})  # the password goes to its store
    said = services.sync.check_central("postgresql://counter_07@10.0.0.9/onewindow")
    assert str(said) == "中心可以连接：本登录在中心登记为终端 counter-07（7 号）"
    assert RegisteredLink.urls[-1] == "postgresql://counter_07:s3cret-pass@10.0.0.9/onewindow"
    assert "未设置" in str(services.sync.check_central(""))


def test_an_unreachable_central_is_told_in_words(tmp_path: Path) -> None:
    services = bootstrap(Paths(data=tmp_path, config=tmp_path, logs=tmp_path / "logs"))
    try:
        with pytest.raises(CentralError, match="无法连接|连接"):
            services.sync.check_central("postgresql://nobody@127.0.0.1:1/none")
    finally:
        services.close()
