"""What the reader's status byte SW3 means, for the clerk and for the code that must react.

Every SW3 the SAM protocol defines has a message that says what to do, and a category that
decides the reaction: a missing card is normal while polling; a card moved away is retried
once and then the applicant is asked to place it again; a SAM fault disables the reader with
a message for the administrator. Codes follow the vendors' copies of the SAM protocol (e.g.
softs.im 身份证阅读器通信协议: 90 9F 10 11 21 24 31 32 33 40 41 47 60 66 80 81 91); 23
(越权操作, a command the reader does not allow now) is taken from DOMAIN.md and GA/T 467.

Two categories go beyond the obvious ones: NO_CONTENT (91, the card has nothing for this
item, e.g. no later address for `READ_NEW_ADDRESS`), which a caller may treat as an empty
answer, and "no card" also covers 40, a card that is not an ID card.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, IntEnum

from app.devices.idcard.errors import CardReaderError
from app.devices.idcard.frame import Reply
from app.domain.messages import Message, msg


class StatusCategory(Enum):
    """How the counter reacts to a status, whatever its exact code."""

    SUCCESS = "success"
    NO_CONTENT = "no_content"
    NO_CARD = "no_card"
    CARD_MOVED = "card_moved"
    SAM_FAULT = "sam_fault"
    PROTOCOL_ERROR = "protocol_error"
    UNKNOWN = "unknown"


class ReaderStatus(IntEnum):
    """SW3, the reader's own status byte."""

    SUCCESS = 0x90
    CARD_FOUND = 0x9F
    NO_CONTENT = 0x91
    FIND_FAILED = 0x80
    SELECT_FAILED = 0x81
    CHECK_BYTE_ERROR = 0x10
    LENGTH_ERROR = 0x11
    BAD_COMMAND = 0x21
    NOT_PERMITTED = 0x23
    UNKNOWN_ERROR = 0x24
    CARD_REJECTED_READER = 0x31
    READER_REJECTED_CARD = 0x32
    VERIFICATION_ERROR = 0x33
    UNKNOWN_CARD_TYPE = 0x40
    READ_FAILED = 0x41
    RANDOM_FAILED = 0x47
    SAM_SELF_TEST_FAILED = 0x60
    SAM_NOT_AUTHORISED = 0x66


_PLACE_AGAIN = msg("请拿起证件，重新平放在读卡器上不要移动")
_ADMINISTRATOR = msg("请重新插拔读卡器，仍不行请联系管理员")

_STATUSES: dict[ReaderStatus, tuple[StatusCategory, Message]] = {
    ReaderStatus.SUCCESS: (StatusCategory.SUCCESS, msg("读卡器操作成功")),
    ReaderStatus.CARD_FOUND: (StatusCategory.SUCCESS, msg("已找到证件")),
    ReaderStatus.NO_CONTENT: (StatusCategory.NO_CONTENT, msg("证件中没有这一项内容")),
    ReaderStatus.FIND_FAILED: (
        StatusCategory.NO_CARD,
        msg("读卡器上没有证件：请把身份证平放在读卡器上"),
    ),
    ReaderStatus.SELECT_FAILED: (
        StatusCategory.CARD_MOVED,
        msg("选取证件失败：{place_again}", place_again=_PLACE_AGAIN),
    ),
    ReaderStatus.CHECK_BYTE_ERROR: (
        StatusCategory.PROTOCOL_ERROR,
        msg("读卡器收到的命令校验错误（通信受到干扰），请重试"),
    ),
    ReaderStatus.LENGTH_ERROR: (
        StatusCategory.PROTOCOL_ERROR,
        msg("读卡器收到的命令长度错误（通信受到干扰），请重试"),
    ),
    ReaderStatus.BAD_COMMAND: (
        StatusCategory.PROTOCOL_ERROR,
        msg("读卡器不认识这条命令：读卡器型号可能不兼容，{then}", then=_ADMINISTRATOR),
    ),
    ReaderStatus.NOT_PERMITTED: (
        StatusCategory.PROTOCOL_ERROR,
        msg("读卡器拒绝了这条命令（越权操作），请重新放置证件后再读"),
    ),
    ReaderStatus.UNKNOWN_ERROR: (
        StatusCategory.UNKNOWN,
        msg("读卡器报告无法识别的错误，{then}", then=_ADMINISTRATOR),
    ),
    ReaderStatus.CARD_REJECTED_READER: (
        StatusCategory.CARD_MOVED,
        msg(
            "证件对读卡器认证失败：{place_again}；多次失败说明证件可能已损坏",
            place_again=_PLACE_AGAIN,
        ),
    ),
    ReaderStatus.READER_REJECTED_CARD: (
        StatusCategory.CARD_MOVED,
        msg(
            "读卡器对证件认证失败：{place_again}；多次失败说明证件可能已损坏或不是有效证件",
            place_again=_PLACE_AGAIN,
        ),
    ),
    ReaderStatus.VERIFICATION_ERROR: (
        StatusCategory.CARD_MOVED,
        msg("证件信息验证错误：{place_again}；多次失败请人工核验证件", place_again=_PLACE_AGAIN),
    ),
    ReaderStatus.UNKNOWN_CARD_TYPE: (
        StatusCategory.NO_CARD,
        msg("读卡器上的卡不是身份证件：请放置居民身份证、居住证或外国人永久居留身份证"),
    ),
    ReaderStatus.READ_FAILED: (
        StatusCategory.CARD_MOVED,
        msg("读取证件失败：{place_again}", place_again=_PLACE_AGAIN),
    ),
    ReaderStatus.RANDOM_FAILED: (
        StatusCategory.CARD_MOVED,
        msg("与证件通信失败（取随机数失败）：{place_again}", place_again=_PLACE_AGAIN),
    ),
    ReaderStatus.SAM_SELF_TEST_FAILED: (
        StatusCategory.SAM_FAULT,
        msg("读卡器安全模块自检失败，暂时不能读卡：{then}；可先手工录入", then=_ADMINISTRATOR),
    ),
    ReaderStatus.SAM_NOT_AUTHORISED: (
        StatusCategory.SAM_FAULT,
        msg("读卡器安全模块未经授权，不能读卡：请联系管理员更换读卡器；可先手工录入"),
    ),
}


@dataclass(frozen=True)
class StatusInfo:
    """One SW3 explained: the code, its name if the protocol defines it, category, message."""

    code: int
    status: ReaderStatus | None
    category: StatusCategory
    message: Message


class StatusError(CardReaderError):
    """The reader answered, but not with a status the caller can go on with."""

    def __init__(self, info: StatusInfo) -> None:
        super().__init__(info.message)
        self.info = info


def describe(sw3: int) -> StatusInfo:
    """What SW3 means; a code the protocol does not define gets a message naming it in hex."""
    try:
        status = ReaderStatus(sw3)
    except ValueError:
        return StatusInfo(
            sw3,
            None,
            StatusCategory.UNKNOWN,
            msg("读卡器返回未知状态码 0x{code}，{then}", code=f"{sw3:02X}", then=_ADMINISTRATOR),
        )
    category, message = _STATUSES[status]
    return StatusInfo(sw3, status, category, message)


def expect(reply: Reply, *accepted: ReaderStatus) -> Reply:
    """The reply if its SW3 is one of `accepted` (SUCCESS when none is given); else StatusError."""
    if reply.sw3 in (accepted or (ReaderStatus.SUCCESS,)):
        return reply
    raise StatusError(describe(reply.sw3))
