"""Issue 14 §5 against a real central PostgreSQL and real SQLite files: a counter reads only
what its work needs. Another department's receipts come masked (with the digest their hash
covers, so every chain still verifies), its own department's whole; a counter reads no
payload from `central.events` itself; the whole record of one case is read on record."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from uuid import uuid4

import psycopg
import pytest
from psycopg import errors

from app.central.errors import CentralError
from app.domain.applicant import Applicant
from app.domain.event_data import decode
from app.domain.events import (
    CHINA_TIME,
    GENESIS_HASH,
    Event,
    event_from_fields,
    new_event,
    payload_digest,
)
from app.domain.identity import mask_resident_id
from app.domain.roles import Actor, Role
from app.services.cases import Accept
from app.services.demo_people import demo_person
from app.services.full_record import PurposeMissing
from tests.integration.central_harness import (  # noqa: F401
    CentralDatabase,
    central,
    central_server,
)
from tests.integration.sync_harness import FOOD, NOW, SyncedCounter, make_counter
from tests.integration.test_central_schema import push, row
from tests.stores import store_of

TAX = "SW-DJ-001"  # 税务: another department than 市场监管's FOOD


@dataclass
class Window:
    """A counter and the clerk at it, of one department."""

    counter: SyncedCounter
    clerk: Actor
    item: str

    def receive(self, rng: random.Random) -> tuple[str, Applicant]:
        person = demo_person(rng)
        item = self.counter.services.catalog.item(self.item)
        materials = [m.name for m in item.required_materials]
        detail = self.counter.services.cases.receive(
            self.clerk, self.item, person, materials, Accept()
        )
        return detail.case.case_no, person

    def sync(self) -> None:
        self.counter.services.sync.sync_once()

    def store_bytes(self) -> bytes:
        """The store's files as they lie on disk (the counter closed first)."""
        self.counter.close()
        database = self.counter.services.paths.database
        files = [database, *database.parent.glob(database.name + "-*")]
        return b"".join(path.read_bytes() for path in files if path.is_file())


def tax_clerk(terminal: str) -> Actor:
    return Actor("sw01", "税务窗口", Role.CLERK, "SW", "A07", terminal)


@pytest.fixture
def windows(tmp_path: Path, central: CentralDatabase) -> Iterator[list[Window]]:  # noqa: F811
    """Counter 1 of 市场监管, counters 2 and 3 of 税务, one center."""
    central.add_center("C1")
    made = []
    for number in (1, 2, 3):
        counter = make_counter(tmp_path / f"c{number}", central, "C1", number)
        terminal = counter.registration.name
        if number == 1:
            made.append(Window(counter, counter.clerk, FOOD))
        else:
            made.append(Window(counter, tax_clerk(terminal), TAX))
    yield made
    for window in made:
        window.counter.close()


def fully_synced(windows: list[Window]) -> None:
    """Each pushes what it received (and so becomes a counter of its department), then each
    pulls what the others pushed."""
    for window in windows:
        window.sync()
    for window in windows:
        window.sync()


def test_a_counter_holds_another_departments_receipts_masked_and_verifies_every_chain(
    windows: list[Window],
) -> None:
    food, tax, tax2 = windows
    rng = random.Random(14)
    food_no, food_person = food.receive(rng)
    tax_no, tax_person = tax.receive(rng)
    tax2.receive(rng)
    fully_synced(windows)

    for window in windows:
        assert window.counter.services.cases.verify() == []
    # the receipt of 税务's case, as 市场监管's counter holds it: masked, with its digest
    held = held_receipt(food, tax_no)
    assert held.masked and held.digest == payload_digest(full_receipt(tax, tax_no))
    applicant = json.loads(held.payload_json)["applicant"]
    assert applicant["id_number"] == mask_resident_id(tax_person.id_number)
    assert applicant["phone"] == mask_resident_id(tax_person.phone)
    assert applicant["name"] == tax_person.name  # lists still show who applied

    food_file, tax_file, tax2_file = (window.store_bytes() for window in windows)
    for secret in (tax_person.id_number, tax_person.phone):
        assert secret.encode() not in food_file
        assert secret.encode() in tax_file and secret.encode() in tax2_file  # 税务's own
    for secret in (food_person.id_number, food_person.phone):
        assert secret.encode() in food_file
        assert secret.encode() not in tax_file and secret.encode() not in tax2_file
    assert food_no.encode() in tax_file  # the case itself is there, masked


def held_receipt(window: Window, case_no: str) -> Event:
    detail = window.counter.services.cases.detail(window.counter.supervisor, case_no)
    return detail.case.events[0]


def full_receipt(window: Window, case_no: str) -> str:
    return held_receipt(window, case_no).payload_json


def test_a_counter_reads_no_payload_from_the_events_table_itself(
    windows: list[Window],
    central: CentralDatabase,  # noqa: F811
) -> None:
    food, tax, _ = windows
    tax.receive(random.Random(1))
    tax.sync()
    with central.connect(food.counter.registration) as connection:
        for query in (
            "SELECT payload FROM central.events",
            "SELECT * FROM central.events",
            "SELECT * FROM central.disclosures",
            "SELECT * FROM central.terminal_departments",
        ):
            with pytest.raises(errors.InsufficientPrivilege):
                connection.execute(query.encode())
        # what its push reads back stays readable
        assert connection.execute("SELECT count(id) FROM central.events").fetchone() == (2,)


def test_the_whole_record_of_a_masked_case_is_read_on_record(
    windows: list[Window],
    central: CentralDatabase,  # noqa: F811
) -> None:
    food, tax, _ = windows
    rng = random.Random(3)
    food.receive(rng)
    tax_no, tax_person = tax.receive(rng)
    fully_synced(windows)
    records = food.counter.services.full_records
    with pytest.raises(PurposeMissing):
        records.full_record(food.clerk, tax_no, "  ")

    case = records.full_record(food.clerk, tax_no, "申请人到本窗口取件，核对身份")

    assert case.applicant.id_number == tax_person.id_number
    assert held_receipt(food, tax_no).masked  # shown, not stored
    with central.connect() as admin:
        logged = admin.execute(
            "SELECT terminal, role_name, asked_by, purpose, case_id::text FROM central.disclosures"
        ).fetchall()
    registration = food.counter.registration
    assert logged == [
        (
            registration.name,
            registration.role,
            "scjg01",
            "申请人到本窗口取件，核对身份",
            str(case.case_id),
        )
    ]


def test_the_whole_record_of_another_centers_case_is_not_given(
    tmp_path: Path,
    windows: list[Window],
    central: CentralDatabase,  # noqa: F811
) -> None:
    food, tax, _ = windows
    tax_no, _ = tax.receive(random.Random(5))
    fully_synced(windows)
    case_id = held_receipt(food, tax_no).case_id
    central.add_center("C2")
    other = make_counter(tmp_path / "other", central, "C2", 1)
    try:
        with pytest.raises(CentralError, match="本中心没有此办件"):
            other.services.sync.central().full_case(str(case_id), "scjg01", "核对")
    finally:
        other.close()
    with central.connect() as admin:
        assert admin.execute("SELECT count(*) FROM central.disclosures").fetchone() == (0,)


# ---- the central's side --------------------------------------------------------------


def test_the_centrals_mask_is_the_one_printed_on_slips(central: CentralDatabase) -> None:  # noqa: F811
    numbers = ["110105199001011234", "11010519900101123X", "13812345678", "010-12345678",
               "ABC123456789012", "12345", "123", "", "9" * 17 + "X"]  # fmt: skip
    with central.connect() as admin:
        for number in numbers:
            masked = admin.execute("SELECT central.masked_number(%s)", (number,)).fetchone()
            assert masked == (mask_resident_id(number),), number
        person = {"name": "张三", "id_number": numbers[0], "phone": numbers[2], "address": "路"}
        firm = {"name": "某公司", "credit_code": "91230202MA1234567X"}
        receipt = {
            "case_no": "261123-02-001",
            "applicant": person,
            "form": {
                "phone": numbers[3],
                "financial_officer_phone": numbers[2],
                "legal_representative": person,
                "investors": [{"person": person, "subscribed": "10"}, {"legal_person": firm}],
            },
        }
        (text,) = admin.execute(
            "SELECT central.masked_receipt(%s)", (json.dumps(receipt),)
        ).fetchone() or ("",)
    masked_person = {
        **person,
        "id_number": mask_resident_id(person["id_number"]),
        "phone": mask_resident_id(person["phone"]),
    }
    assert json.loads(text) == {
        "case_no": "261123-02-001",
        "applicant": masked_person,
        "form": {
            "phone": mask_resident_id(numbers[3]),
            "financial_officer_phone": mask_resident_id(numbers[2]),
            "legal_representative": masked_person,
            "investors": [
                {"person": masked_person, "subscribed": "10"},
                {"legal_person": firm},  # a company's code names no person
            ],
        },
    }


def test_a_receipt_hashed_before_version_2_is_served_whole_and_checked_as_before(
    windows: list[Window],
    central: CentralDatabase,  # noqa: F811
) -> None:
    """Issue 13: every hash written stays valid. An event without a digest is hashed over its
    payload; it cannot be masked and still checked, so every counter gets it whole."""
    food, tax, _ = windows
    food.receive(random.Random(7))
    food.sync()
    tax_no, tax_person = tax.receive(random.Random(8))
    old = version_1(held_receipt(tax, tax_no))
    with central.connect(tax.counter.registration) as connection:
        push(connection, [old])
    food.sync()
    (pulled,) = [e for e in all_events(food) if e.id == old.id]
    assert not pulled.digest and pulled.payload_json == old.payload_json
    assert tax_person.id_number in pulled.payload_json
    assert food.counter.services.cases.verify() == []


def test_the_central_refuses_a_payload_that_is_not_the_one_its_digest_covers(
    windows: list[Window],
    central: CentralDatabase,  # noqa: F811
) -> None:
    _, tax, _ = windows
    terminal = tax.counter.registration.name
    event = new_event(
        id=uuid4(), case_id=uuid4(), position=1, data=decode("noted", '{"a": 1}'),
        actor="sw01", window="A07", terminal=terminal, at=NOW.astimezone(CHINA_TIME),
        prev_hash=GENESIS_HASH,
    )  # fmt: skip
    with (
        central.connect(tax.counter.registration) as connection,
        pytest.raises(psycopg.Error, match="内容与哈希不符"),
    ):
        connection.execute(
            "INSERT INTO central.events (id, case_id, position, kind, payload, actor,"
            ' "window", terminal, at, prev_hash, hash, digest)'
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            row(event, payload='{"a":2}'),
        )


def version_1(receipt: Event) -> Event:
    """The receipt as an older version wrote it: no digest, hashed over its payload."""
    fields = {
        "id": str(uuid4()), "case_id": str(uuid4()), "position": 1, "kind": "received",
        "payload": receipt.payload_json.replace(receipt.data.case_no, "261123-02-999"),  # type: ignore[union-attr]
        "actor": receipt.actor, "window": receipt.window, "terminal": receipt.terminal,
        "at": receipt.at.isoformat(timespec="microseconds"), "prev_hash": GENESIS_HASH,
        "hash": "", "digest": "",
    }  # fmt: skip
    event = event_from_fields(fields)
    return event_from_fields({**fields, "hash": event.computed_hash()})


def all_events(window: Window) -> list[Event]:
    with store_of(window.counter.services) as store, store.uow() as uow:
        logs = uow.cases.events_of_many(uow.cases.all_case_ids())
    return [event for log in logs.values() for event in log]
