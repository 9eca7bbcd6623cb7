"""The unified social credit code (统一社会信用代码, GB 32100) of an enterprise or other
organisation, and the organization code (组织机构代码, GB 11714) its characters 9-17 carry.

Character 1 is the registration authority, 2 the organisation category it may register, 3-8
the registering office's division code, 9-17 the organization code with its own check
character, 18 the code's check character. As for the resident ID (`app.domain.identity`):
`validate_credit_code` judges a finished code and raises `IdentifierError`;
`partial_credit_code_problem` judges what has been typed so far and speaks only once the text
can no longer become valid. What is typed is normalised first (NFKC, no white space, upper case).
"""

from __future__ import annotations

import unicodedata

from app.domain.identity import DIGITS, IdentifierError, IdentifierProblem
from app.domain.messages import Message, msg

CREDIT_CODE_LENGTH = 18
#: GB 32100: 31 characters, no I, O, S, V or Z (too easily read as 1, 0, 5, U and 2).
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_FORBIDDEN_LETTERS = "IOSVZ"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
#: Registration authority (登记管理部门, character 1) → the organisation categories it may
#: register (机构类别, character 2), as assigned under GB 32100 in practice. 1, 5, 9 and Y
#: are the four of the 2015 text; the others were added for law firms, trade unions, religious
#: sites, rural collectives and so on, which all come to a service center too.
REGISTRATION_AUTHORITIES: dict[str, tuple[str, str]] = {
    "1": ("机构编制", "1239"),
    "2": ("外交", "19"),
    "3": ("司法行政", "123459"),
    "4": ("文化", "19"),
    "5": ("民政", "1239"),
    "6": ("旅游", "129"),
    "7": ("宗教", "129"),
    "8": ("工会", "19"),
    "9": ("市场监管（工商）", "123"),
    "A": ("中央军委改革和编制办公室", "19"),
    "N": ("农业农村", "1239"),
    "Y": ("其他", "1"),
}

#: GB 11714: weights of the 8 body characters; the check is 11 - sum mod 11.
ORGANIZATION_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


# ---------------------------------------------------------------------- organization code


def organization_code_check_character(first8: str) -> str:
    """GB 11714: the 9th character of an organization code whose 8 body characters are given."""
    if len(first8) != 8 or any(c not in DIGITS and not ("A" <= c <= "Z") for c in first8):
        raise ValueError(f"need 8 digits or capital letters, got {first8!r}")
    total = sum(
        _organization_value(c) * w for c, w in zip(first8, ORGANIZATION_CODE_WEIGHTS, strict=True)
    )
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def _organization_value(character: str) -> int:
    return int(character) if character in DIGITS else ord(character) - ord("A") + 10


# ------------------------------------------------------------------ unified social credit code


def credit_code_check_character(first17: str) -> str:
    """GB 32100: the 18th character of a credit code whose first 17 characters are given."""
    if len(first17) != 17 or any(c not in CREDIT_CODE_ALPHABET for c in first17):
        raise ValueError(f"need 17 characters of the credit code alphabet, got {first17!r}")
    total = sum(
        CREDIT_CODE_ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(text: str) -> str:
    """Check a typed credit code; return it normalised (upper case), or raise IdentifierError."""
    code = _normalise_credit_code(text)
    if not code:
        raise IdentifierError(msg("请输入统一社会信用代码"), IdentifierProblem.EMPTY)
    if len(code) != CREDIT_CODE_LENGTH:
        raise IdentifierError(
            msg("统一社会信用代码应为18位，现在是{count}位", count=len(code)),
            IdentifierProblem.LENGTH,
        )
    _check_credit_code_prefix(code)
    expected = credit_code_check_character(code[:17])
    if code[17] != expected:
        raise IdentifierError(
            msg(
                "统一社会信用代码校验位错误：应为 {expected}，输入的是 {typed}，请逐位核对",
                expected=expected,
                typed=code[17],
            ),
            IdentifierProblem.CHECK_CHARACTER,
        )
    return code


def partial_credit_code_problem(text: str) -> Message | None:
    """None while the text typed so far can still become a valid code, else the reason."""
    code = _normalise_credit_code(text)
    if len(code) > CREDIT_CODE_LENGTH:
        return msg("统一社会信用代码只有18位，现在已输入{count}位", count=len(code))
    try:
        if len(code) == CREDIT_CODE_LENGTH:
            validate_credit_code(code)
        else:
            _check_credit_code_prefix(code)
    except IdentifierError as error:
        return error.message
    return None


def make_credit_code(first17: str) -> str:
    """The full code for 17 given characters, for fictional demo organisations and tests.

    Characters 9-17 must already be a valid organization code (see
    `organization_code_check_character`); the result is checked before it is returned.
    """
    return validate_credit_code(first17 + credit_code_check_character(first17))


def mask_credit_code(code: str) -> str:
    """The credit code unchanged: it identifies an organisation, not a person, and is public.

    It is printed on the business license and published in the national enterprise credit
    information system, so PIPL's masking does not apply. The function exists so that callers
    mask every identifier the same way and the decision is written down in one place.
    """
    return code


def _normalise_credit_code(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).upper()


def _check_credit_code_prefix(code: str) -> None:
    """Raise for the first rule that the (possibly incomplete) code already breaks."""
    _check_credit_code_characters(code[:CREDIT_CODE_LENGTH])
    if len(code) >= 1 and code[0] not in REGISTRATION_AUTHORITIES:
        raise IdentifierError(
            msg("统一社会信用代码第1位“{character}”不是有效的登记管理部门代码", character=code[0]),
            IdentifierProblem.REGISTRATION_AUTHORITY,
        )
    if len(code) >= 2:
        _check_organisation_category(code[0], code[1])
    for position, character in enumerate(code[2:8], start=3):
        if character not in DIGITS:
            raise IdentifierError(
                msg(
                    "统一社会信用代码第{position}位“{character}”无效："
                    "第3-8位是登记机关的行政区划代码，只能是数字",
                    position=position,
                    character=character,
                ),
                IdentifierProblem.CHARACTER,
            )
    if len(code) >= 17:
        _check_organization_code(code[8:17])


def _check_credit_code_characters(code: str) -> None:
    for position, character in enumerate(code, start=1):
        if character in CREDIT_CODE_FORBIDDEN_LETTERS:
            raise IdentifierError(
                msg(
                    "统一社会信用代码不能含有字母 I、O、S、V、Z：第{position}位是“{character}”",
                    position=position,
                    character=character,
                ),
                IdentifierProblem.CHARACTER,
            )
        if character not in CREDIT_CODE_ALPHABET:
            raise IdentifierError(
                msg(
                    "统一社会信用代码第{position}位“{character}”无效：只能是数字或大写字母",
                    position=position,
                    character=character,
                ),
                IdentifierProblem.CHARACTER,
            )


def _check_organisation_category(authority: str, category: str) -> None:
    name, categories = REGISTRATION_AUTHORITIES[authority]
    if category not in categories:
        raise IdentifierError(
            msg(
                "统一社会信用代码第2位“{category}”无效：登记管理部门“{name}”"
                "（{authority}）下的机构类别只能是{allowed}",
                category=category,
                name=name,
                authority=authority,
                allowed=tuple(categories),
            ),
            IdentifierProblem.REGISTRATION_AUTHORITY,
        )


def _check_organization_code(organization_code: str) -> None:
    expected = organization_code_check_character(organization_code[:8])
    if organization_code[8] != expected:
        raise IdentifierError(
            msg(
                "统一社会信用代码第9-17位（组织机构代码）校验位错误："
                "第17位应为 {expected}，输入的是 {typed}",
                expected=expected,
                typed=organization_code[8],
            ),
            IdentifierProblem.ORGANIZATION_CODE,
        )
