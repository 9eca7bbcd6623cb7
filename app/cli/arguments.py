"""Argument types of `onewindow`: each refuses a bad value with a message that names the field.

argparse turns the ArgumentTypeError raised here into "argument --limit: …" and exit status 2,
so a value out of range is a mistyped command, not a traceback from deep inside a service.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Sequence

from app.domain.messages import Message, msg

#: Central codes as the central's schema allows them (`centers.code`).
_CENTER_CODE = re.compile(r"^[0-9A-Za-z]{1,16}$")


def refuse(message: Message) -> argparse.ArgumentTypeError:
    return argparse.ArgumentTypeError(str(message))


def bounded(low: float, high: float, number: type[float] = int) -> Callable[[str], float]:
    """A number (`int` or `float`) from `low` to `high`; anything else (NaN, infinity, a
    number too big for the store) is refused with the range."""

    def convert(text: str) -> float:
        try:
            value = number(text.strip())
        except ValueError:
            raise refuse(msg("不是数字") if number is float else msg("不是整数")) from None
        if not low <= value <= high:  # NaN fails this too
            raise refuse(msg("应在{low}至{high}之间", low=_plain(low), high=_plain(high)))
        return value

    convert.__name__ = number.__name__  # argparse names the type in its own messages
    return convert


def _plain(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def center_code(text: str) -> str:
    """A center code: 1–16 letters or digits (an administrative division code, say)."""
    if not _CENTER_CODE.match(text):
        raise refuse(msg("中心代码应为1至16位字母或数字，如 340400"))
    return text


def central_url(text: str) -> str:
    """A PostgreSQL URL, `postgresql://user:password@host:port/database`."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(text)
        readable = bool(url.get_backend_name() == "postgresql" and url.database)  # host: socket
        readable = readable and (url.port is None or 0 < url.port < 65536)
    except (ArgumentError, ValueError):
        readable = False
    if not readable:
        raise refuse(msg("不是数据库地址，应写成 postgresql://用户:密码@主机:端口/库"))
    return text


def undecodable(argv: Sequence[str]) -> Message | None:
    """A message naming the first argument that is not valid text (bytes the shell's locale
    could not decode), or None when every argument is text."""
    for position, argument in enumerate(argv, start=1):
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            return msg("第{position}个参数含有无法识别的字符（应为UTF-8文字）", position=position)
    return None
