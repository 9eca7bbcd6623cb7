"""The reader the `card_reader` setting names, as a `Transport`: the one place that chooses.

    simulator              the demo reader (`simulator`)
    pcsc:NAME / pcsc:      a PC/SC reader by name / the first one present when it is opened
    serial:PORT            a serial reader, e.g. serial:/dev/ttyUSB0 or serial:COM3
    none                   no reader at this terminal: the clerk types (None is returned)

Backends whose libraries may be missing (pyscard, pyserial) are imported only when chosen,
so a terminal without them still starts and says what is missing.
"""

from __future__ import annotations

from app.devices.idcard.errors import ReaderUnavailable
from app.devices.idcard.frame import Reply
from app.devices.idcard.transport import Transport
from app.domain.messages import msg

SETTING_HELP = msg(
    "simulator、pcsc:读卡器名称（pcsc: 为第一台）、serial:串口（如 serial:COM3）或 none"
)


def is_valid_setting(text: str) -> bool:
    """Whether `text` has the shape of a `card_reader` value (the settings check it on load)."""
    text = text.strip()
    return text in ("simulator", "none") or text.startswith("pcsc:") or _serial_port(text) != ""


def transport_from_setting(text: str) -> Transport | None:
    """The transport for a `card_reader` value, not yet opened; None for `none`."""
    text = text.strip()
    if text == "none":
        return None
    if text == "simulator":
        from app.devices.idcard.simulator import SimulatedTransport

        return SimulatedTransport()
    if text.startswith("pcsc:"):
        from app.devices.idcard.pcsc import PcscTransport  # pyscard itself is imported late

        reader_name = text.removeprefix("pcsc:").strip()
        return PcscTransport(reader_name) if reader_name else FirstPcscReader()
    if port := _serial_port(text):
        try:
            from app.devices.idcard.serial_port import SerialTransport
        except ImportError as error:
            raise ReaderUnavailable(
                msg("本机未安装串口支持（pyserial），不能使用串口读卡器")
            ) from error
        return SerialTransport(port)
    raise ReaderUnavailable(
        msg("读卡器设置“{text}”无效：应为 {help}", text=text, help=SETTING_HELP)
    )


class FirstPcscReader:
    """`pcsc:` — the first PC/SC reader present each time the reader is opened (again)."""

    def __init__(self) -> None:
        self._reader: Transport | None = None

    @property
    def name(self) -> str:
        return self._reader.name if self._reader is not None else "pcsc:"

    def open(self) -> None:
        from app.devices.idcard.pcsc import PcscTransport, list_readers

        readers = list_readers()
        if not readers:
            raise ReaderUnavailable(msg("未检测到读卡器：请插好读卡器，或先手工录入"))
        if self._reader is None or self._reader.name != readers[0]:
            self.close()
            self._reader = PcscTransport(readers[0])
        self._reader.open()

    def exchange(self, request: bytes, timeout: float) -> Reply:
        if self._reader is None:
            raise ReaderUnavailable(msg("读卡器尚未连接，请稍候重试"))
        return self._reader.exchange(request, timeout)

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()


def _serial_port(text: str) -> str:
    return text.removeprefix("serial:").strip() if text.startswith("serial:") else ""
