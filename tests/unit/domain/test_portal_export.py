"""The portal's export: the example file reads, and every kind of bad file is refused whole
with words naming the file and the entry (or the line), never an ID number."""

from __future__ import annotations

import copy
import json
from datetime import date, time
from typing import Any

import pytest

from app.domain.applicant import ApplicantKind
from app.domain.portal_export import EntryKind, PortalEntry, PortalFileError, parse_export
from app.paths import resources_dir
from tests.personal_data import FULL_ID

EXAMPLE = resources_dir() / "portal" / "example_export.json"


def example() -> dict[str, Any]:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def refusal(document: object) -> str:
    text = document if isinstance(document, str) else json.dumps(document, ensure_ascii=False)
    with pytest.raises(PortalFileError) as refused:
        parse_export(text, "portal.json")
    words = str(refused.value)
    assert "portal.json" in words
    assert not FULL_ID.search(words), words
    return words


def test_the_example_file_reads_every_kind_of_entry() -> None:
    entries = parse_export(EXAMPLE.read_text(encoding="utf-8"), EXAMPLE.name)
    kinds = [e.kind for e in entries]
    assert kinds == [EntryKind.APPOINTMENT] * 2 + [EntryKind.PRE_APPLICATION] * 2
    first = entries[0]
    assert first.reference == "YY202612080001" and first.item_code == "GA-QT-001"
    assert first.slot is not None and first.slot.day == date(2026, 12, 8)
    assert (first.slot.start, first.slot.end) == (time(10), time(10, 30))
    assert first.person is not None and first.person.name == "林晓雨"
    assert entries[2].materials and entries[2].form is None
    one_form = entries[3]
    assert one_form.form is not None and one_form.slot is None
    assert one_form.form.legal_representative.id_number == one_form.person.id_number  # type: ignore[union-attr]


def test_an_entry_stored_reads_back_the_same() -> None:
    for entry in parse_export(EXAMPLE.read_text(encoding="utf-8"), "x"):
        assert PortalEntry.from_dict(json.loads(json.dumps(entry.to_dict()))) == entry


def test_an_enterprise_applies_through_its_representative() -> None:
    document = example()
    entry = document["entries"][2]
    entry["applicant"] = {
        "kind": "in_formation",
        "name": "江川市晓雨百货店",
    }
    parsed = parse_export(json.dumps(document, ensure_ascii=False), "x")[2]
    assert parsed.applicant is not None and parsed.applicant.kind is ApplicantKind.IN_FORMATION
    assert parsed.applicant.legal_representative == "陈思远"
    assert parsed.applicant.id_number == parsed.person.id_number  # type: ignore[union-attr]


def test_the_same_entry_twice_in_a_file_is_one_entry() -> None:
    document = example()
    document["entries"].append(copy.deepcopy(document["entries"][0]))
    assert len(parse_export(json.dumps(document, ensure_ascii=False), "x")) == 4


def test_text_that_is_not_json_is_refused_at_its_line() -> None:
    assert "第 3 行" in refusal('{\n  "format": "onewindow-portal-export",\n  "version": 1,,\n}')


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d.update(format="other"), "不是政务服务网的预约导出文件"),
        (lambda d: d.update(version=2), "版本不受支持"),
        (lambda d: d.pop("entries"), "缺少 entries"),
    ],
)
def test_a_file_of_another_kind_is_refused(change: Any, words: str) -> None:
    document = example()
    change(document)
    assert words in refusal(document)


def _entry(index: int, change: Any) -> dict[str, Any]:
    document = example()
    change(document["entries"][index])
    return document


@pytest.mark.parametrize(
    ("index", "change", "words"),
    [
        (0, lambda e: e.update(type="visit"), "type 应为"),
        (0, lambda e: e.pop("reference"), "缺少编号"),
        (0, lambda e: e.pop("person"), "缺少申请人"),
        (0, lambda e: e["person"].update(name=" "), "请填写申请人姓名"),
        (0, lambda e: e["person"].update(document="passport"), "证件类型"),
        (0, lambda e: e["person"].update(id_number="110101199003141221"), "校验"),
        (0, lambda e: e["person"].update(id_number="11010119900314"), "18位"),
        (0, lambda e: e["person"].update(phone="call me"), "联系电话"),
        (0, lambda e: e.pop("item"), "缺少事项编码"),
        (0, lambda e: e.pop("slot"), "预约须有时段"),
        (0, lambda e: e.update(slot="10:00"), "应含 day、from、to"),
        (0, lambda e: e["slot"].update(day="12/08/2026"), "YYYY-MM-DD"),
        (0, lambda e: e["slot"].update({"from": "ten"}), "HH:MM"),
        (0, lambda e: e["slot"].update({"to": "09:00"}), "结束时间应晚于开始时间"),
        (2, lambda e: e.update(materials="申请书"), "materials 应是"),
        (2, lambda e: e.update(applicant={"kind": "company"}), "applicant 的 kind"),
        (
            2,
            lambda e: e.update(applicant={"kind": "enterprise", "name": "某公司"}),
            "统一社会信用代码",
        ),
        (3, lambda e: e["form"].pop("name"), "申请表（form）不完整"),
        (3, lambda e: e["form"].update(registered_capital="many"), "申请表（form）不完整"),
    ],
)
def test_a_bad_entry_refuses_the_file_naming_the_entry(index: int, change: Any, words: str) -> None:
    found = refusal(_entry(index, change))
    assert f"第 {index + 1} 条" in found
    assert words in found


def test_two_entries_of_one_reference_that_differ_are_refused() -> None:
    document = example()
    twin = copy.deepcopy(document["entries"][0])
    twin["slot"]["from"] = "09:00"
    document["entries"].append(twin)
    assert "第 5 条（编号 YY202612080001）" in refusal(document)


def test_an_entry_that_is_not_an_object_is_refused() -> None:
    document = example()
    document["entries"].insert(1, "YY1")
    assert "第 2 条（编号 —）有误：每一条应是一个对象" in refusal(document)


def test_a_cancellation_needs_its_reference_only() -> None:
    document = {"format": "onewindow-portal-export", "version": 1, "entries": [
        {"type": "cancellation", "reference": "YY1", "reason": "行程变更"}]}  # fmt: skip
    [cancel] = parse_export(json.dumps(document, ensure_ascii=False), "x")
    assert (cancel.kind, cancel.reference, cancel.reason) == (
        EntryKind.CANCELLATION,
        "YY1",
        "行程变更",
    )
