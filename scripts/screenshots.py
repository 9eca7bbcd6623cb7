"""Take the README's screenshots of the real window on a real X server.

Run under Xvfb: `xvfb-run -a -s "-screen 0 1366x860x24" .venv/bin/python scripts/screenshots.py`.
Signs in to a fresh demo store, fills the forms as a clerk would, grabs the screen; then
signs in as the chief representative of market regulation for their desk. SCREENSHOTS_DIR
writes the pictures elsewhere (to compare before replacing the README's).

`… scripts/screenshots.py screen` shoots the window as it opens on the X server's screen, the
one form, the slips dialog and the daily report, named after the screen's size
(`screen-1024x768-intake.png`);
run it once for each size the README shows:

    for size in 1024x768 1366x768 1920x1080; do
        xvfb-run -a -s "-screen 0 ${size}x24" .venv/bin/python scripts/screenshots.py screen
    done

`… scripts/screenshots.py kiosk` shoots the self-service kiosk (see scripts/kiosk_shots.py).

`… scripts/screenshots.py admin` shoots the administrator's screens (staff, windows, settings,
the audit trail, attendance) the same way (`screen-1024x768-admin-staff.png`).
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from kiosk_shots import shoot_kiosk  # the sibling module (scripts/ is on the path)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog

from app.bootstrap import Services, bootstrap, open_store
from app.central.signing import SigningKey
from app.devices.printer.simulator import SimulatedState
from app.domain.applicant import IdDocument
from app.domain.case import CaseStatus
from app.domain.checkpoints import Checkpoint, merkle_root, signed_text
from app.domain.credit_code import make_credit_code, organization_code_check_character
from app.domain.enterprise_form import Person
from app.domain.identity import make_resident_id, resident_id_check_character
from app.paths import Paths
from app.services.cases import Accept
from app.services.demo import DEMO_PASSWORD
from app.services.demo_people import demo_one_form, demo_person, demo_portal_export
from ui.application import Session, apply_style, install_translation
from ui.counter_window import CounterWindow
from ui.messages import render
from ui.operations import Workers

OUT = Path(
    os.environ.get("SCREENSHOTS_DIR")
    or Path(__file__).resolve().parent.parent / "docs" / "screenshots"
)

PERMIT_2023 = "91182619901123012" + resident_id_check_character("91182619901123012")
LEGAL_PERSON_CODE = make_credit_code(
    "91230202MA25KQ3T" + organization_code_check_character("MA25KQ3T")
)


def pump(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def pump_until(app: QApplication, done: Callable[[], bool], seconds: float = 10.0) -> None:
    """Process events until `done()` (a busy machine may take longer than a fixed pause)."""
    end = time.monotonic() + seconds
    while not done() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def shoot(app: QApplication, name: str) -> None:
    pump(app, 0.6)
    screen = app.primaryScreen()
    OUT.mkdir(parents=True, exist_ok=True)
    screen.grabWindow(0).save(str(OUT / f"{name}.png"))
    print("wrote", OUT / f"{name}.png")


def wait_for(app: QApplication, condition: Callable[[], object]) -> None:
    while not condition():
        pump(app, 0.05)


def shoot_printing(app: QApplication, window: CounterWindow, services: Services) -> None:
    """The slip preview, a printer out of paper with its reprint queue, the printer settings."""
    case_no = next(
        entry.summary.case_no
        for entry in window.cases.model.entries
        if entry.summary.status is CaseStatus.IN_PROGRESS
    )
    window.printer.open_slips(case_no)
    slips = window.printer.slips
    assert slips is not None
    slips.move(300, 10)
    wait_for(app, lambda: slips.save_button.isEnabled() and not slips.image.pixmap().isNull())
    shoot(app, "slip_preview")
    slips.close()
    window.printer.simulate(SimulatedState.PAPER_OUT)
    for entry in window.cases.model.entries[4:6]:
        window.printer.print_default_slip(entry.summary.case_no)
    wait_for(app, lambda: "待补打 2 张" in window.printer.state_label.text())
    window.printer.open_queue()
    queue = window.printer.queue
    assert queue is not None
    queue.move(250, 200)
    wait_for(app, lambda: queue.table.rowCount() == 2)
    shoot(app, "print_queue")
    queue.close()
    window.printer.open_settings()
    settings = window.printer.settings
    assert settings is not None
    settings.move(380, 220)
    settings.status_button.click()
    wait_for(app, lambda: "缺纸" in settings.message.text())
    shoot(app, "printer_settings")
    settings.close()


def one_form(services: Services, seed: int) -> tuple[str, dict[str, str]]:
    """A one-form application accepted at scjg01: the parent's number, each child's by item."""
    clerk = services.auth.login("scjg01", DEMO_PASSWORD)
    code = "SCJG-YBZ-001"
    materials = [m.name for m in services.catalog.item(code).required_materials]
    form = demo_one_form(random.Random(seed), services.clock.now().date())
    detail = services.cases.receive_one_form(clerk, code, form, materials)
    assert detail.joint is not None
    return detail.case.case_no, {c.ref.item_code: c.ref.case_no for c in detail.joint.children}


def shoot_one_form(app: QApplication, window: CounterWindow, services: Services) -> None:
    """A one-form parent: two departments approved, one denied with its reason, two working."""
    parent_no, children = one_form(services, 11)
    for code, username in (("GA-QT-004", "ga01"), ("RH-DJ-001", "rh01")):
        services.cases.decide(services.auth.login(username, DEMO_PASSWORD), children[code], True)
    services.cases.decide(
        services.auth.login("sw01", DEMO_PASSWORD),
        children["SW-DJ-001"],
        False,
        "财务负责人未完成实名信息采集，请其本人到税务窗口或通过电子税务局完成后重新申请",
    )
    window.open_case(parent_no)
    wait_for(app, lambda: window.detail is not None and window.detail.joint.isVisible())
    assert window.detail is not None
    window.detail.move(150, 40)
    shoot(app, "one_form_parent")
    window.detail.close()


def shoot_one_form_intake(
    app: QApplication, window: CounterWindow, services: Services, name: str = "one_form_intake"
) -> None:
    """The one form filled for five shareholders (a 2023 foreign permit holder, a Hong Kong
    resident and a legal person among them), the shares, a scope problem."""
    window.show_intake()
    intake = window.intake
    intake.clear()
    item = services.catalog.item("SCJG-YBZ-001")
    intake.search.chosen.emit(item)
    form = demo_one_form(random.Random(5), services.clock.now().date())
    panel = intake.one_form
    for key, value in (
        ("name", form.name),
        ("registered_capital", "100"),
        ("business_scope", "日用百货销售、信息技术咨询服务、吸收公众存款"),
        ("domicile", form.domicile),
        ("phone", form.phone),
        ("bank", form.bank),
    ):
        panel.fields[key].edit.setText(value)
    panel.representative.set_person(form.legal_representative)
    panel.representative.phone.edit.setText(form.legal_representative.phone)
    people = [investor.person for investor in form.investors]
    people += [
        Person("白安娜", PERMIT_2023, "", date(2034, 1, 15), "", IdDocument.FOREIGN_PERMIT),
        Person("陈嘉欣", make_resident_id("810000", date(1992, 3, 8), 124), "", date(2028, 9, 1)),
    ]
    for person, amount in zip(people, ("40", "20", "15", "10"), strict=True):
        row = panel.investors[-1] if panel.investors[-1].slot.person is None else None
        row = row or panel.add_investor()
        assert row is not None and isinstance(person, Person)
        row.slot.set_person(person)
        row.subscribed.edit.setText(amount)
    legal = panel.add_investor()
    assert legal is not None
    legal.kind.setCurrentIndex(1)
    legal.legal_name.edit.setText("江川市澄湖投资有限公司")
    legal.credit_code.edit.setText(LEGAL_PERSON_CODE)
    legal.subscribed.edit.setText("15")
    panel.refresh_people()
    panel.wait_for_card(None)
    intake.materials.check_all()
    intake.accept_button.click()
    pump(app, 0.5)
    panel.ensureWidgetVisible(panel.add_button)  # the last shareholders in view
    shoot(app, name)
    intake.clear()


def shoot_chief_desk(app: QApplication, session: Session, services: Services) -> None:
    """The chief's desk with a business license of a one-form application in view."""
    _, children = one_form(services, 12)
    food = services.auth.login("scjg01", DEMO_PASSWORD)
    code = "SCJG-DJ-004"
    materials = [m.name for m in services.catalog.item(code).required_materials]
    services.cases.receive(food, code, demo_person(random.Random(5)), materials, Accept())
    session.open_window(services.auth.login("scjg-chief", DEMO_PASSWORD))
    window = session.window
    assert window is not None and window.desk is not None
    window.setGeometry(0, 0, 1366, 830)
    window.show_desk()
    desk = window.desk
    wait_for(
        app, lambda: children["SCJG-DJ-001"] in [e.summary.case_no for e in desk.model.entries]
    )
    row = [e.summary.case_no for e in desk.model.entries].index(children["SCJG-DJ-001"])
    desk.table.selectRow(row)
    wait_for(app, lambda: desk.current is not None and desk.current.form is not None)
    shoot(app, "chief_desk")


def shoot_screen(app: QApplication, window: CounterWindow, services: Services) -> None:
    """The window as it opens on this screen, the one form in it, the slips of a case."""
    size = app.primaryScreen().size()
    prefix = f"screen-{size.width()}x{size.height()}"
    window.show_cases()
    pump(app, 0.8)
    shoot(app, f"{prefix}-cases")
    shoot_appointments(app, window, services, f"{prefix}-appointments")
    shoot_one_form_intake(app, window, services, f"{prefix}-one_form")
    case_no = window.cases.model.entries[0].summary.case_no
    window.printer.open_slips(case_no)
    slips = window.printer.slips
    assert slips is not None
    wait_for(app, lambda: slips.save_button.isEnabled() and not slips.image.pixmap().isNull())
    shoot(app, f"{prefix}-slips")
    slips.close()
    shoot_daily_report(app, window, services, f"{prefix}-daily_report")
    window.lock()  # the locked counter shows nothing of the work behind it
    shoot(app, f"{prefix}-locked")


def shoot_appointments(
    app: QApplication, window: CounterWindow, services: Services, name: str
) -> None:
    """Today's appointments and pre-applications: the example export, its slots moved to
    today, taken in from the portal folder as the counter takes it."""
    content = demo_portal_export(services.clock.now().date())
    folder = services.paths.data / "portal"
    folder.mkdir(exist_ok=True)
    (folder / "export.json").write_text(json.dumps(content, ensure_ascii=False), "utf-8")
    services.settings.set("portal_folder", str(folder))
    view = window.appointments
    assert view is not None
    window.show_appointments()
    view.refresh()
    wait_for(app, lambda: view.table.rowCount() == len(content["entries"]))
    pump(app, 0.5)
    shoot(app, name)


def shoot_admin(app: QApplication, window: CounterWindow) -> None:
    """Each screen of the administrator's menu, opened as the administrator opens it."""
    size = app.primaryScreen().size()
    prefix = f"screen-{size.width()}x{size.height()}-admin"
    for name, opens in (
        ("staff", "open_staff"),
        ("windows", "open_windows"),
        ("settings", "open_settings"),
        ("audit", "open_audit"),
        ("attendance", "open_attendance"),
    ):
        action = window.findChild(QAction, opens)
        assert action is not None, opens
        action.trigger()
        wait_for(app, lambda: isinstance(app.activeModalWidget() or app.activeWindow(), QDialog))
        pump(app, 1.0)
        shoot(app, f"{prefix}-{name}")
        dialog = app.activeModalWidget() or app.activeWindow()
        assert isinstance(dialog, QDialog)
        dialog.close()
        pump(app, 0.3)


def sign_for_the_picture(services: Services) -> None:
    """A checkpoint of this terminal's log, signed as the central signs one but by a key made
    for the picture (the demo has no central), kept as a sync keeps what it receives."""
    key = SigningKey(Ed25519PrivateKey.generate())
    terminal = services.settings["terminal_name"]
    store = open_store(services.paths.database)
    with store.uow() as uow:
        leaves = [item for _, item in uow.checkpoints.own_leaves(terminal, set())]
        root, at = merkle_root(leaves), services.clock.now().isoformat(timespec="microseconds")
        text = signed_text("340400", terminal, len(leaves), root, at)
        checkpoint = Checkpoint(
            "340400", terminal, len(leaves), root, at, key.public_hex, key.sign(text)
        )
        uow.checkpoints.keep([checkpoint])
        uow.commit()
    store.close()


def shoot_daily_report(
    app: QApplication, window: CounterWindow, services: Services, name: str
) -> None:
    """The day's report of this counter (three cases accepted here), with the day's root."""
    for seed, code in enumerate(("SCJG-XK-001", "SCJG-DJ-004", "SCJG-XK-001"), start=1):
        materials = [m.name for m in services.catalog.item(code).required_materials]
        person = demo_person(random.Random(seed))
        services.cases.receive(window.actor, code, person, materials, Accept())
    sign_for_the_picture(services)
    window.printer.open_daily_report()
    dialog = window.printer.daily_report
    assert dialog is not None
    wait_for(app, lambda: dialog.print_button.isEnabled() and not dialog.image.pixmap().isNull())
    shoot(app, name)
    dialog.close()


def main() -> int:
    app = QApplication(sys.argv)
    arguments = sys.argv[1:]
    only_screen = arguments[:1] == ["screen"]
    language = "zh_CN" if arguments[:1] in ([], ["screen"], ["admin"], ["kiosk"]) else arguments[0]
    home = Path(tempfile.mkdtemp(prefix="onewindow-shots-"))
    services = bootstrap(Paths(home, home, home / "logs"))
    install_translation(app, language)
    apply_style(app)
    services.demo.seed(200)
    workers = Workers()
    if arguments[:1] == ["kiosk"]:
        shoot_kiosk(app, services, workers, shoot, wait_for)
        workers.stop()
        services.close()
        return 0
    session = Session(services, workers)
    suffix = "" if language.startswith("zh") else f"_{language}"
    session.show_login()
    if only_screen or arguments[:1] == ["admin"]:
        session.login.hide()
        session.open_window(
            services.auth.login("admin" if not only_screen else "scjg01", DEMO_PASSWORD)
        )
        assert session.window is not None
        if only_screen:
            shoot_screen(app, session.window, services)
        else:  # one center setting the center's own, as at a counter that synced
            services.counter_settings.change(session.window.actor, {"center_phone": "0453-8123456"})
            shoot_admin(app, session.window)
        workers.stop()
        services.close()
        return 0
    session.login.move(480, 260)
    session.login.username.setText("scjg01")
    if not suffix:
        shoot(app, "login")
    session.login.password.setText(DEMO_PASSWORD)
    session.login.submit.click()
    while session.window is None:
        app.processEvents()
    window = session.window
    window.setGeometry(0, 0, 1366, 830)  # the README's pictures fill a 1366×860 screen
    intake = window.intake
    intake.search.box.setText("yyzz")
    pump_until(app, lambda: intake.search.results.count() > 1)
    intake.search.results.setCurrentRow(1)
    intake.search.chosen.emit(intake.search.results.currentItem().data(256))
    intake.applicant.fields["name"].edit.setText("陈思远")
    intake.applicant.fields["id_number"].edit.setText("110105194912310021")
    problem = intake.applicant.fields["id_number"].check("110105194912310021")
    intake.applicant.fields["id_number"].show_error(render(problem) if problem else None)
    intake.applicant.fields["phone"].edit.setText("13800001234")
    intake.materials.set_checked(intake.materials.item(0).data(256))
    shoot(app, f"intake{suffix}")
    window.show_cases()
    pump(app, 0.8)
    shoot(app, f"cases{suffix}")
    if not suffix:
        window.open_case(window.cases.model.entries[3].summary.case_no)
        while window.detail is None:
            app.processEvents()
        window.detail.move(220, 40)
        shoot(app, "case_detail")
        window.detail.close()
        shoot_printing(app, window, services)
        shoot_one_form_intake(app, window, services)
        shoot_one_form(app, window, services)
        shoot_chief_desk(app, session, services)
    workers.stop()
    services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
