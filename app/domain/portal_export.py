"""The portal's export (外网预约、网上申报): the JSON file the government service portal writes
for this center, read into appointments and online pre-applications.

The format (version 1), one UTF-8 JSON object per file::

    {
      "format": "onewindow-portal-export",
      "version": 1,
      "center": "江川市政务服务中心",            (optional, for the reader)
      "exported_at": "2026-12-08T07:00:00+08:00", (optional)
      "entries": [ ENTRY, ... ]
    }

Each ENTRY is an object whose `type` says what it is:

- ``"appointment"`` (预约): ``reference`` (the portal's number, unique across the portal),
  ``person`` {``name``, ``document`` (``resident_id`` 居民身份证 · ``residence_permit`` 港澳台居民
  居住证 · ``foreign_permit`` 外国人永久居留身份证; default ``resident_id``), ``id_number``,
  ``phone``}, ``item`` (the item's code in the center's catalog) and ``slot`` {``day``
  ``YYYY-MM-DD``, ``from`` ``HH:MM``, ``to`` ``HH:MM``}.
- ``"pre_application"`` (网上预审/预申请): the same (the slot optional: an application filed
  online without a visit booked), plus what was filled online: ``materials`` (the names of the
  item's materials uploaded, as the catalog lists them), and either ``applicant`` (who applies
  when it is not the person: {``kind`` ``enterprise`` / ``in_formation``, ``name``,
  ``credit_code``, ``legal_representative``, ``address``}) for an ordinary item, or ``form``
  (the one form of enterprise establishment, 一表制, as `EnterpriseForm.to_dict` writes it) for
  the one-form item.
- ``"cancellation"`` (取消): ``reference`` of an appointment or pre-application withdrawn on the
  portal, and an optional ``reason``.

A file is taken whole or not at all: the first problem refuses it, named by the file, the
entry (its index from 1 and its reference) or, for text that is not JSON, the line and
column. An ID number never appears in a refusal (a wrong one is described, not quoted).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum
from typing import Any

from app.domain.applicant import Applicant, ApplicantError, ApplicantKind, IdDocument
from app.domain.enterprise_form import EnterpriseForm
from app.domain.messages import Message, MessageError, msg

FORMAT = "onewindow-portal-export"
VERSION = 1


class EntryKind(StrEnum):
    APPOINTMENT = "appointment"  # 预约
    PRE_APPLICATION = "pre_application"  # 网上预申请
    CANCELLATION = "cancellation"  # 门户上取消


class PortalFileError(MessageError, ValueError):
    """A portal file refused whole; the text names the file and where in it."""


@dataclass(frozen=True)
class Slot:
    """The time booked: a day, from and to (China time)."""

    day: date
    start: time
    end: time

    def to_dict(self) -> dict[str, str]:
        return {
            "day": self.day.isoformat(),
            "from": self.start.strftime("%H:%M"),
            "to": self.end.strftime("%H:%M"),
        }


@dataclass(frozen=True)
class PortalEntry:
    """One entry of the file, checked: who, which item, when, and what was filled online.

    `applicant` is who applies (the person, or the enterprise they represent); `person` is the
    one who comes with their ID card (the legal representative for an enterprise).
    """

    kind: EntryKind
    reference: str
    person: Applicant | None = None
    item_code: str = ""
    slot: Slot | None = None
    applicant: Applicant | None = None
    materials: tuple[str, ...] = ()
    form: EnterpriseForm | None = None
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The entry as the store keeps it in its IMPORTED event (the format's own words)."""
        data: dict[str, Any] = {"type": self.kind.value, "reference": self.reference}
        if self.person is not None:
            data["person"] = self.person.to_dict()
        if self.item_code:
            data["item"] = self.item_code
        if self.slot is not None:
            data["slot"] = self.slot.to_dict()
        if self.applicant is not None and self.applicant != self.person:
            data["applicant"] = self.applicant.to_dict()
        if self.materials:
            data["materials"] = list(self.materials)
        if self.form is not None:
            data["form"] = self.form.to_dict()
        if self.reason:
            data["reason"] = self.reason
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PortalEntry:
        """Read back what `to_dict` stored (already checked when imported)."""
        person = Applicant.from_dict(data["person"]) if "person" in data else None
        slot = data.get("slot")
        return cls(
            kind=EntryKind(data["type"]),
            reference=data["reference"],
            person=person,
            item_code=data.get("item", ""),
            slot=_slot(slot) if slot else None,
            applicant=Applicant.from_dict(data["applicant"]) if "applicant" in data else person,
            materials=tuple(data.get("materials", ())),
            form=EnterpriseForm.from_dict(data["form"]) if "form" in data else None,
            reason=data.get("reason", ""),
        )


def parse_export(text: str, file_name: str) -> list[PortalEntry]:
    """Every entry of a portal file, checked; PortalFileError at the first problem."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise PortalFileError(
            msg(
                "文件 {file} 不是有效的 JSON：第 {line} 行第 {column} 列",
                file=file_name,
                line=error.lineno,
                column=error.colno,
            )
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise PortalFileError(
            msg("文件 {file} 不是政务服务网的预约导出文件（format 应为 {format}）",
                file=file_name, format=FORMAT)
        )  # fmt: skip
    if document.get("version") != VERSION:
        raise PortalFileError(
            msg("文件 {file} 的版本不受支持（应为 {version}）", file=file_name, version=VERSION)
        )
    entries = document.get("entries")
    if not isinstance(entries, list):
        raise PortalFileError(msg("文件 {file} 缺少 entries 列表", file=file_name))
    parsed: list[PortalEntry] = []
    seen: dict[str, PortalEntry] = {}
    for number, raw in enumerate(entries, start=1):
        try:
            entry = _entry(raw)
            earlier = seen.get(entry.reference)
            if earlier is not None and earlier != entry:
                raise _Problem(msg("与本文件中同一编号的另一条内容不同"))
        except _Problem as problem:
            reference = raw.get("reference") if isinstance(raw, dict) else None
            raise PortalFileError(
                msg(
                    "文件 {file} 第 {number} 条（编号 {reference}）有误：{problem}",
                    file=file_name,
                    number=number,
                    reference=str(reference or "—"),
                    problem=problem.message,
                )
            ) from None
        if entry.reference not in seen:
            seen[entry.reference] = entry
            parsed.append(entry)
    return parsed


class _Problem(MessageError):
    """What is wrong with one entry, before the file and the entry are named."""


def _entry(raw: object) -> PortalEntry:
    if not isinstance(raw, dict):
        raise _Problem(msg("每一条应是一个对象"))
    try:
        kind = EntryKind(str(raw.get("type")))
    except ValueError:
        raise _Problem(msg("type 应为 appointment、pre_application 或 cancellation")) from None
    reference = _text(raw, "reference", msg("编号（reference）"))
    if kind is EntryKind.CANCELLATION:
        return PortalEntry(kind, reference, reason=str(raw.get("reason") or "").strip())
    person = _person(raw.get("person"))
    item = _text(raw, "item", msg("事项编码（item）"))
    slot_data = raw.get("slot")
    if slot_data is None and kind is EntryKind.APPOINTMENT:
        raise _Problem(msg("预约须有时段（slot）"))
    slot = _slot(slot_data) if slot_data is not None else None
    if kind is EntryKind.APPOINTMENT:
        return PortalEntry(kind, reference, person, item, slot, applicant=person)
    materials = raw.get("materials", [])
    if not isinstance(materials, list) or not all(isinstance(m, str) for m in materials):
        raise _Problem(msg("materials 应是材料名称的列表"))
    form = _form(raw["form"]) if "form" in raw else None
    applicant = _applicant(raw["applicant"], person) if "applicant" in raw else person
    return PortalEntry(
        kind, reference, person, item, slot, applicant, tuple(dict.fromkeys(materials)), form
    )


def _text(raw: Mapping[str, Any], key: str, what: Message) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _Problem(msg("缺少{what}", what=what))
    return value.strip()


def _person(raw: object) -> Applicant:
    if not isinstance(raw, dict):
        raise _Problem(msg("缺少申请人（person）"))
    try:
        document = IdDocument(raw.get("document") or IdDocument.RESIDENT_ID)
    except ValueError:
        raise _Problem(
            msg("证件类型（document）应为 resident_id、residence_permit 或 foreign_permit")
        ) from None
    person = Applicant(
        kind=ApplicantKind.PERSON,
        name=str(raw.get("name") or ""),
        id_number=str(raw.get("id_number") or ""),
        phone=str(raw.get("phone") or ""),
        address=str(raw.get("address") or ""),
        document=document,
    )
    return _valid(person, msg("申请人"))


def _applicant(raw: object, person: Applicant) -> Applicant:
    """The enterprise applying, its legal representative the person who comes."""
    if not isinstance(raw, dict):
        raise _Problem(msg("applicant 应是一个对象"))
    try:
        kind = ApplicantKind(str(raw.get("kind")))
    except ValueError:
        raise _Problem(msg("applicant 的 kind 应为 enterprise 或 in_formation")) from None
    enterprise = Applicant(
        kind=kind,
        name=str(raw.get("name") or ""),
        id_number=person.id_number,
        phone=str(raw.get("phone") or person.phone),
        address=str(raw.get("address") or ""),
        credit_code=str(raw.get("credit_code") or ""),
        legal_representative=str(raw.get("legal_representative") or person.name),
        document=person.document,
    )
    return _valid(enterprise, msg("申请单位"))


def _valid(applicant: Applicant, who: Message) -> Applicant:
    try:
        return applicant.validated()
    except ApplicantError as error:
        raise _Problem(msg("{who}：{problem}", who=who, problem=error.message)) from None


def _slot(raw: object) -> Slot:
    if not isinstance(raw, dict):
        raise _Problem(msg("时段（slot）应含 day、from、to"))
    try:
        day = date.fromisoformat(str(raw.get("day")))
    except ValueError:
        raise _Problem(msg("时段的日期应写成 YYYY-MM-DD")) from None
    start, end = _clock(raw.get("from")), _clock(raw.get("to"))
    if end <= start:
        raise _Problem(msg("时段的结束时间应晚于开始时间"))
    return Slot(day, start, end)


def _clock(value: object) -> time:
    try:
        found = time.fromisoformat(str(value))
    except ValueError:
        raise _Problem(msg("时段的时间应写成 HH:MM")) from None
    return found.replace(second=0, microsecond=0)


def _form(raw: object) -> EnterpriseForm:
    """The one form as the portal filled it: readable; whether it can be accepted is checked
    at the counter, as for a form typed there."""
    try:
        if not isinstance(raw, dict):
            raise TypeError
        return EnterpriseForm.from_dict(raw)
    except (KeyError, TypeError, ValueError, ArithmeticError):
        raise _Problem(msg("一表制申请表（form）不完整或格式有误")) from None
