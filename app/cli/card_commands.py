"""`onewindow card …`: list the ID-card readers, read one card — without opening the database.

These commands talk to a device only, so they run without the services (`main` sees the
`standalone` default and skips the bootstrap): a counter whose store is broken can still
check its reader. Output follows the other commands: one line of reason on stderr and exit 1
on failure; the number is masked unless `--full` (PIPL), the photo shown as its size.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from typing import TYPE_CHECKING, Any

from app.bootstrap import card_reader
from app.cli.arguments import bounded
from app.devices.idcard.errors import CardReaderError
from app.domain.identity import mask_resident_id
from app.domain.messages import msg
from app.logs import configure_logging
from app.paths import Paths
from app.settings import Settings

if TYPE_CHECKING:  # the card reader's code is loaded only when a `card` command is named
    from app.devices.idcard.records import IdCard
    from app.devices.idcard.session import CardSession
    from app.devices.idcard.transport import Transport

#: Seconds `card read` waits for a card to be placed.
WAIT_FOR_CARD = 5.0


def register(commands: Any, named: bool = True) -> None:
    """Add `card list` and `card read` to the subcommands of `onewindow`; `named` False
    (another command was named) adds `card` alone, without loading the card reader's code."""
    card = commands.add_parser("card", help="身份证读卡器", description="身份证读卡器")
    card.set_defaults(standalone=lambda args: card.error("card 需要子命令：list 或 read"))
    if not named:
        return
    from app.devices.idcard.simulator import DEMO_CARDS

    actions = card.add_subparsers(dest="card_command", metavar="ACTION")

    listing = actions.add_parser("list", help="列出 PC/SC 读卡器", description="列出 PC/SC 读卡器")
    listing.set_defaults(standalone=_list)

    read = actions.add_parser("read", help="读一张身份证", description="读一张身份证并显示")
    source = read.add_mutually_exclusive_group()
    source.add_argument("--reader", metavar="NAME", help="PC/SC 读卡器名称（见 card list）")
    source.add_argument("--serial", metavar="PORT", help="串口，如 /dev/ttyUSB0 或 COM3")
    source.add_argument("--simulator", metavar="KEY", choices=list(DEMO_CARDS), help="演示证件")
    read.add_argument("--json", action="store_true", help="以 JSON 输出")
    read.add_argument("--full", action="store_true", help="显示完整证件号码")
    read.add_argument(
        "--timeout",
        type=bounded(0, 3600, float),
        default=WAIT_FOR_CARD,
        metavar="S",
        help="等待放卡的秒数",
    )
    read.set_defaults(standalone=_read)


def _list(args: argparse.Namespace) -> int:
    _log_to_file()
    try:
        from app.devices.idcard.pcsc import list_readers

        readers = list_readers()
    except CardReaderError as error:
        return _fail(error)
    if not readers:
        print("未检测到读卡器")
    for name in readers:
        print(name)
    return 0


def _read(args: argparse.Namespace) -> int:
    from app.devices.idcard.session import CardSession

    _log_to_file()
    try:
        transport = _transport(args)
        transport.open()
        try:
            card = _wait_for_card(CardSession(transport), args.timeout)
        finally:
            transport.close()
    except CardReaderError as error:
        return _fail(error)
    if args.json:
        print(json.dumps(card_json(card, args.full), ensure_ascii=False, indent=2))
    else:
        print(card_text(card, args.full))
    return 0


def _log_to_file() -> None:
    """Diagnostics go to the log file, as in the window; the shell sees one line of reason."""
    configure_logging(Paths.from_environment().logs)


def _transport(args: argparse.Namespace) -> Transport:
    reader = card_reader(Settings.load(Paths.from_environment().settings))
    if args.simulator:
        return reader.simulated(args.simulator)
    if args.serial:
        setting = f"serial:{args.serial}"
    elif args.reader is not None:
        setting = f"pcsc:{args.reader}"
    else:
        setting = None  # the counter's own
    transport = reader.transport(setting)
    if transport is None:
        raise CardReaderError(
            msg("本终端设置为不使用读卡器：请用 --reader、--serial 或 --simulator 指定")
        )
    return transport


def _wait_for_card(session: CardSession, timeout: float) -> IdCard:
    """Read the card, polling every 300 ms while the reader is empty, up to `timeout`."""
    from app.devices.idcard.session import POLL_INTERVAL, NoCard

    deadline = time.monotonic() + timeout
    while True:
        try:
            return session.read_card()
        except NoCard:
            if time.monotonic() + POLL_INTERVAL > deadline:
                raise NoCard(
                    msg(
                        "{seconds} 秒内没有放上证件：请把身份证平放在读卡器上",
                        seconds=f"{timeout:g}",
                    )
                ) from None
            time.sleep(POLL_INTERVAL)


def _fail(error: CardReaderError) -> int:
    print(f"错误：{' '.join(str(error).split())}", file=sys.stderr)
    return 1


def card_json(card: IdCard, full: bool) -> dict[str, Any]:
    """The card as JSON keys in English; the number masked unless `full`, images as sizes."""
    return {
        "card_type": card.card_type.name.lower(),
        "card_type_label": card.card_type.label,
        "name": card.name,
        "english_name": card.english_name,
        "gender": card.gender.name.lower(),
        "ethnicity": card.ethnicity,
        "nationality": card.nationality,
        "birth_date": card.birth_date.isoformat(),
        "address": card.address,
        "number": card.number if full else mask_resident_id(card.number),
        "issuing_authority": card.issuing_authority,
        "valid_from": card.valid_from.isoformat(),
        "valid_to": card.valid_to.isoformat() if card.valid_to else None,
        "expired": card.is_expired(_today()),
        "permit_issue_count": card.permit_issue_count,
        "travel_permit_number": _permit_number(card, full),
        "photo_bytes": len(card.photo),
        "fingerprint_bytes": len(card.fingerprint),
        "problems": [str(problem) for problem in card.problems],
    }


def card_text(card: IdCard, full: bool) -> str:
    """The card as labelled lines for a person at the shell."""
    rows = [
        ("证件类型", card.card_type.label),
        ("姓名", card.name),
        ("英文姓名", card.english_name),
        ("性别", card.gender.label),
        ("民族", card.ethnicity or ""),
        ("国籍", card.nationality or ""),
        ("出生日期", card.birth_date.isoformat()),
        ("住址", card.address),
        ("证件号码", card.number if full else mask_resident_id(card.number)),
        ("签发机关", card.issuing_authority),
        ("有效期限", f"{card.valid_from.isoformat()} 至 {_valid_to(card)}"),
        ("签发次数", "" if card.permit_issue_count is None else str(card.permit_issue_count)),
        ("通行证号码", _permit_number(card, full)),
        ("照片", f"{len(card.photo)} 字节（WLT 格式）"),
    ]
    lines = [f"{label}：{value}" for label, value in rows if value]
    if card.is_expired(_today()):
        lines.append(f"注意：证件已过期（有效期至 {_valid_to(card)}），请办事人员决定是否受理")
    lines += [f"注意：{problem}" for problem in card.problems]
    return "\n".join(lines)


def _valid_to(card: IdCard) -> str:
    return card.valid_to.isoformat() if card.valid_to else "长期"


def _permit_number(card: IdCard, full: bool) -> str:
    number = card.travel_permit_number
    return number if full or not number else mask_resident_id(number)


def _today() -> date:
    return date.today()
