"""The password policy, in one place: the staff form, the sign-in's new-password dialog and
`onewindow staff` all check a password here and state the rule in the same words."""

from __future__ import annotations

import re

from app.domain.messages import Message, MessageError, msg

MIN_LENGTH = 8
#: The policy in words, shown wherever a password is typed.
POLICY = msg(
    "密码至少8位，须同时含字母和数字，不得是或包含用户名、姓名（或其拼音），不得含身份证号码"
)
#: An 18-character resident ID number (GB 11643): 17 digits and a digit or X.
_ID_NUMBER = re.compile(r"\d{17}[\dXx]")


class PasswordRefused(MessageError, ValueError):
    """A password that breaks the policy; the text says which rule."""


def password_problem(password: str, username: str, display_name: str) -> Message | None:
    """Which rule `password` breaks for this person, or None when it keeps them all."""
    if len(password) < MIN_LENGTH:
        return msg("密码至少8位")
    if not any(c.isalpha() for c in password) or not any(c.isdigit() for c in password):
        return msg("密码须同时含字母和数字")
    if _ID_NUMBER.search(password):
        return msg("密码不得含身份证号码")
    folded = password.casefold()
    if len(username) >= 3 and username.casefold() in folded:
        return msg("密码不得是或包含用户名")
    name = display_name.strip()
    if len(name) >= 2 and (name.casefold() in folded or _pinyin(name) in folded):
        return msg("密码不得是或包含姓名或其拼音")
    return None


def check_password(password: str, username: str, display_name: str) -> None:
    """PasswordRefused naming the rule `password` breaks."""
    problem = password_problem(password, username, display_name)
    if problem is not None:
        raise PasswordRefused(problem)


def _pinyin(name: str) -> str:
    # pypinyin reads its dictionaries on import (about a third of a second): only a password
    # being checked needs it
    from pypinyin import Style, lazy_pinyin

    spelled = "".join(lazy_pinyin(name, style=Style.NORMAL, errors="ignore")).casefold()
    return spelled if len(spelled) >= 4 else "\0"  # "\0" is in no typed password
