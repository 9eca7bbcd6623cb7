"""The records some steps must carry: an out-of-hall step's form (事后录入电子表单) and a
collective decision's minutes (局务会、专家评审委员会), each field titled once."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from app.domain.messages import Message, MessageError, msg


class IllegalTransition(MessageError, ValueError):
    """The action is not allowed in the case's present state; the message says why."""


#: What an out-of-hall step's form (事后录入电子表单) must hold, and each field's title; the
#: first field of each record is its date.
OUT_OF_HALL_FIELDS = {
    "done_on": msg("办理日期"),
    "place": msg("地点"),
    "staff": msg("参加人员"),
    "findings": msg("结论或意见"),
}
#: What the record of a collective decision (局务会、专家评审委员会) must hold.
COLLECTIVE_FIELDS = {
    "held_on": msg("会议日期"),
    "body": msg("决策机构（如局务会）"),
    "attendees": msg("出席人员"),
    "resolution": msg("决议内容"),
}


def record_form(
    form: Mapping[str, Any], fields: Mapping[str, Message], why: Message, today: date
) -> dict[str, str]:
    """A step's or meeting's record: the declared fields, each filled in, and its date (the
    first field) a real date not after today."""
    record = {key: str(form.get(key, "")).strip() for key in fields}
    missing = [title for key, title in fields.items() if not record[key]]
    if missing:
        raise IllegalTransition(msg("{why}，须录入：{missing}。", why=why, missing=missing))
    date_field = next(iter(fields))
    try:
        held_on = date.fromisoformat(record[date_field])
    except ValueError:
        raise IllegalTransition(
            msg(
                "{field}“{typed}”无法识别，请按“2026-11-20”的格式填写。",
                field=fields[date_field],
                typed=record[date_field],
            )
        ) from None
    if held_on > today:
        raise IllegalTransition(
            msg("{field}不能晚于今天：事后录入的是已经发生的事。", field=fields[date_field])
        )
    return record
