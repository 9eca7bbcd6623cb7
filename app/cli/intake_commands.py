"""`onewindow intake`: the portal's appointments and online pre-applications (外网预约、网上申报).

`intake import FILE` takes one portal export in (the format: `app.domain.portal_export`);
`intake import --folder` takes in the files of the folder the `portal_folder` setting names
that this terminal has not met yet (what the counter's window does on its own; a timer or
cron job can run it too); `intake list` shows today's appointments and the pre-applications
still waiting, ID numbers masked.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.domain.appointments import STATUS_MESSAGES, Appointment
from app.domain.messages import msg
from app.domain.roles import Actor

if TYPE_CHECKING:
    from app.bootstrap import Services


def register(commands: Any, shell_actor: Actor) -> None:
    """Add `intake import` and `intake list`."""
    intake = commands.add_parser(
        "intake", help="网上预约与网上申报", description="政务服务网的预约与网上预申请"
    )
    intake.set_defaults(run=lambda s, a: intake.error("intake 需要子命令"))
    actions = intake.add_subparsers(dest="intake_command", metavar="ACTION")
    taking = actions.add_parser(
        "import",
        help="导入政务服务网的预约导出文件",
        description="导入一个预约导出文件（JSON）；--folder 导入设置 portal_folder 所指文件夹中"
        "尚未导入的文件。一个文件有误则整份不导入，并指明第几条。",
    )
    taking.add_argument("file", nargs="?", type=Path, metavar="FILE", help="导出文件（.json）")
    taking.add_argument("--folder", action="store_true", help="导入预约导出文件夹中的新文件")
    taking.set_defaults(run=lambda s, a: _import(s, a, shell_actor, taking))
    listing = actions.add_parser(
        "list", help="今天的预约与待受理的网上申请", description="今天的预约与待受理的网上申请"
    )
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.set_defaults(run=lambda s, a: _list(s, a, shell_actor))


def _import(
    services: Services, args: argparse.Namespace, actor: Actor, parser: argparse.ArgumentParser
) -> int:
    if (args.file is None) == (not args.folder):
        parser.error(str(msg("请给出一个文件，或用 --folder 导入文件夹")))
    if args.file is not None:
        print(services.portal.import_file(actor, args.file).words)
        return 0
    reports = services.portal.import_folder(actor)
    if not reports:
        print(msg("没有新的预约导出文件"))
    refused = 0
    for report in reports:
        if report.refusal is not None:
            refused += 1
            print(f"错误：{report.words}", file=sys.stderr)
        else:
            print(report.words)
    return 1 if refused else 0


def _list(services: Services, args: argparse.Namespace, actor: Actor) -> int:
    found = services.appointments.today(actor)
    if args.json:
        print(json.dumps([appointment_json(a) for a in found], ensure_ascii=False, indent=2))
        return 0
    if not found:
        print(msg("今天没有预约，也没有待受理的网上申请"))
    for each in found:
        row = appointment_json(each)
        print(
            f"{row['time'] or '—':11} {row['reference']:16} {row['name']} {row['id_number']} "
            f"{row['item']} {row['status']}"
        )
    return 0


def appointment_json(appointment: Appointment) -> dict[str, Any]:
    """An appointment as the command shows it: the ID number masked."""
    entry = appointment.entry
    slot = entry.slot
    person = entry.person
    return {
        "reference": entry.reference,
        "kind": entry.kind.value,
        "day": slot.day.isoformat() if slot else None,
        "time": f"{slot.start:%H:%M}-{slot.end:%H:%M}" if slot else None,
        "name": person.name if person else "",
        "id_number": person.masked_id if person else "",
        "item": entry.item_code,
        "status": str(STATUS_MESSAGES[appointment.status]),
        "case_no": appointment.case_no,
    }
