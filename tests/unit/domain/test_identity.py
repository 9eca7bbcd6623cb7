"""Resident ID numbers and unified social credit codes: the standards' vectors, every message
the clerk can see, validation as typed, and properties over generated numbers."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.credit_code import (
    CREDIT_CODE_ALPHABET,
    credit_code_check_character,
    make_credit_code,
    mask_credit_code,
    organization_code_check_character,
    partial_credit_code_problem,
    validate_credit_code,
)
from app.domain.identity import (
    PROVINCE_CODES,
    IdentifierError,
    IdentifierProblem,
    make_resident_id,
    mask_resident_id,
    partial_resident_id_problem,
    resident_id_check_character,
    validate_resident_id,
)

TODAY = date(2026, 3, 1)
GB_11643_EXAMPLE = "11010519491231002X"
GB_32100_EXAMPLE = "91350100M000100Y43"


def resident_problem(text: str) -> IdentifierError:
    with pytest.raises(IdentifierError) as caught:
        validate_resident_id(text, TODAY)
    return caught.value


def credit_problem(text: str) -> IdentifierError:
    with pytest.raises(IdentifierError) as caught:
        validate_credit_code(text)
    return caught.value


def with_check(first17: str) -> str:
    """A number whose check character is right, whatever else is wrong with it."""
    return first17 + resident_id_check_character(first17)


# ------------------------------------------------------------------- resident ID: vectors


def test_the_gb_11643_example_is_valid_and_read_into_its_parts() -> None:
    resident = validate_resident_id(GB_11643_EXAMPLE, TODAY)

    assert resident.number == GB_11643_EXAMPLE
    assert resident.division_code == "110105"
    assert resident.birth_date == date(1949, 12, 31)
    assert resident.sequence == "002"
    assert not resident.is_male


@pytest.mark.parametrize(
    ("first17", "check"),
    [("11010519491231002", "X"), ("44052418800101001", "4"), ("11010519800101001", "6")],
)
def test_check_character_follows_iso_7064_mod_11_2(first17: str, check: str) -> None:
    assert resident_id_check_character(first17) == check


def test_the_1880_example_of_the_standard_has_a_right_check_but_is_too_old_for_a_counter() -> None:
    error = resident_problem("440524188001010014")

    assert error.problem is IdentifierProblem.BIRTH_DATE
    assert str(error) == "身份证号码中的出生日期1880年1月1日早于1900年"


def test_odd_sequence_is_male() -> None:
    assert validate_resident_id(make_resident_id("110105", date(1980, 1, 1), 1), TODAY).is_male


def test_taiwan_residence_permit_numbers_start_with_83() -> None:
    number = make_resident_id("830000", date(1990, 6, 1), 12)

    assert validate_resident_id(number, TODAY).division_code == "830000"


@pytest.mark.parametrize(
    "typed",
    ["11010519491231002x", " 110105 19491231 002X ", "１１０１０５１９４９１２３１００２Ｘ"],
)
def test_lowercase_x_spaces_and_full_width_digits_are_normalised(typed: str) -> None:
    assert validate_resident_id(typed, TODAY).number == GB_11643_EXAMPLE


def test_today_defaults_to_the_real_date() -> None:
    assert validate_resident_id(GB_11643_EXAMPLE).birth_date == date(1949, 12, 31)


# ------------------------------------------------------------ resident ID: every message


@pytest.mark.parametrize(
    ("typed", "problem", "message"),
    [
        ("", IdentifierProblem.EMPTY, "请输入身份证号码"),
        ("   ", IdentifierProblem.EMPTY, "请输入身份证号码"),
        ("1101051949123100", IdentifierProblem.LENGTH, "身份证号码应为18位，现在是16位"),
        ("11010519491231002X0", IdentifierProblem.LENGTH, "身份证号码应为18位，现在是19位"),
        (
            "1101051949A231002X",
            IdentifierProblem.CHARACTER,
            "身份证号码第11位“A”无效：前17位只能是数字",
        ),
        (
            "11010519491231002Y",
            IdentifierProblem.CHARACTER,
            "身份证号码第18位“Y”无效：最后一位只能是数字或X",
        ),
        (
            with_check("99010519491231002"),
            IdentifierProblem.PROVINCE,
            "身份证号码前两位“99”不是有效的省级行政区划代码",
        ),
        (
            with_check("11010519990230001"),
            IdentifierProblem.BIRTH_DATE,
            "身份证号码中的出生日期“19990230”不存在",
        ),
        (
            with_check("11010520260302001"),
            IdentifierProblem.BIRTH_DATE,
            "身份证号码中的出生日期2026年3月2日晚于今天",
        ),
        (
            with_check("11010518991231001"),
            IdentifierProblem.BIRTH_DATE,
            "身份证号码中的出生日期1899年12月31日早于1900年",
        ),
        (
            "110105194912310021",
            IdentifierProblem.CHECK_CHARACTER,
            "身份证号码校验位错误：应为 X，输入的是 1，请逐位核对号码",
        ),
    ],
)
def test_each_mistake_has_its_own_message(
    typed: str, problem: IdentifierProblem, message: str
) -> None:
    error = resident_problem(typed)

    assert error.problem is problem
    assert str(error) == message


def test_an_identifier_error_is_a_value_error() -> None:
    assert issubclass(IdentifierError, ValueError)


def test_born_today_is_accepted() -> None:
    number = make_resident_id("110105", TODAY, 1)

    assert validate_resident_id(number, TODAY).birth_date == TODAY


# --------------------------------------------------------------- resident ID: as typed


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "1",
        "11",
        "110105",
        "1101051949",
        "11010519491",
        "110105194912",
        "1101051949123",
        "11010519491231",
        "11010519491231002",
        "11010519491231002X",
        "11010519491231002x",
        "1101 0519",
    ],
)
def test_a_prefix_that_can_still_become_valid_is_not_flagged(typed: str) -> None:
    assert partial_resident_id_problem(typed, TODAY) is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1101a", "身份证号码第5位“a”无效：前17位只能是数字"),
        ("1101051949123100X", "身份证号码第17位“X”无效：前17位只能是数字"),
        ("11010519491231002X1", "身份证号码只有18位，现在已输入19位"),
        ("99", "身份证号码前两位“99”不是有效的省级行政区划代码"),
        ("1101051899", "身份证号码中的出生年份1899早于1900年"),
        ("1101052027", "身份证号码中的出生年份2027晚于今年"),
        ("110105199913", "身份证号码中的出生月份“13”不存在"),
        ("110105199900", "身份证号码中的出生月份“00”不存在"),
        ("110105202604", "身份证号码中的出生年月2026年4月晚于本月"),
        ("11010519990230", "身份证号码中的出生日期“19990230”不存在"),
        ("110105194912310021", "身份证号码校验位错误：应为 X，输入的是 1，请逐位核对号码"),
    ],
)
def test_a_prefix_that_cannot_become_valid_is_flagged_at_once(typed: str, message: str) -> None:
    assert str(partial_resident_id_problem(typed, TODAY)) == message


def test_partial_check_uses_the_real_date_by_default() -> None:
    assert partial_resident_id_problem("11010519491231") is None


# ----------------------------------------------------------------------------- masking


def test_an_id_number_keeps_its_division_and_last_four() -> None:
    assert mask_resident_id(GB_11643_EXAMPLE) == "110105********002X"


@pytest.mark.parametrize(
    ("number", "masked"),
    [("1234567", "123**67"), ("123456", "123*56"), ("12345", "*****"), ("", "")],
)
def test_other_lengths_keep_three_and_two_or_hide_everything(number: str, masked: str) -> None:
    assert mask_resident_id(number) == masked


def test_a_credit_code_is_not_personal_data_and_is_not_masked() -> None:
    assert mask_credit_code(GB_32100_EXAMPLE) == GB_32100_EXAMPLE


# ------------------------------------------------------------ resident ID: properties

divisions = st.builds(
    lambda province, rest: province + rest,
    st.sampled_from(sorted(PROVINCE_CODES)),
    st.text("0123456789", min_size=4, max_size=4),
)
birth_dates = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
sequences = st.integers(min_value=0, max_value=999)


@given(divisions, birth_dates, sequences)
def test_every_made_number_validates_and_masks_to_18(
    division: str, birth: date, sequence: int
) -> None:
    number = make_resident_id(division, birth, sequence)
    resident = validate_resident_id(number, TODAY)

    assert (resident.division_code, resident.birth_date) == (division, birth)
    assert resident.is_male == (sequence % 2 == 1)
    assert partial_resident_id_problem(number, TODAY) is None
    masked = mask_resident_id(number)
    assert len(masked) == 18
    assert masked[:6] + masked[-4:] == number[:6] + number[-4:]


@given(divisions, birth_dates, sequences, st.integers(0, 17), st.data())
def test_any_single_wrong_character_is_caught(
    division: str, birth: date, sequence: int, position: int, data: st.DataObject
) -> None:
    number = make_resident_id(division, birth, sequence)
    allowed = "0123456789X" if position == 17 else "0123456789"
    wrong = data.draw(st.sampled_from([c for c in allowed if c != number[position]]))
    typo = number[:position] + wrong + number[position + 1 :]

    with pytest.raises(IdentifierError):
        validate_resident_id(typo, TODAY)


@pytest.mark.parametrize(
    ("division", "sequence"), [("11010", 1), ("11010A", 1), ("110105", -1), ("110105", 1000)]
)
def test_make_resident_id_refuses_impossible_parts(division: str, sequence: int) -> None:
    with pytest.raises(ValueError):
        make_resident_id(division, date(1990, 1, 1), sequence)


def test_check_character_needs_17_digits() -> None:
    with pytest.raises(ValueError):
        resident_id_check_character("1101051949123100X")


# ------------------------------------------------------------------ credit code: vectors


@pytest.mark.parametrize(
    "code",
    [
        GB_32100_EXAMPLE,
        "914403001922038216",  # printed on a real business license
        "91110108551385082Q",  # printed on a real business license
        "9144030071526726XG",  # organization code ending in X
    ],
)
def test_published_credit_codes_are_valid(code: str) -> None:
    assert validate_credit_code(code) == code


def test_check_characters_of_the_gb_32100_example() -> None:
    assert credit_code_check_character(GB_32100_EXAMPLE[:17]) == "3"
    assert organization_code_check_character("M000100Y") == "4"


@pytest.mark.parametrize(
    ("body", "check"), [("19220382", "1"), ("71526726", "X"), ("10001898", "8")]
)
def test_organization_code_check_maps_10_to_x(body: str, check: str) -> None:
    assert organization_code_check_character(body) == check


def test_organization_code_check_maps_11_to_0() -> None:
    bodies = (f"{n:08d}" for n in range(200))
    body = next(b for b in bodies if organization_code_check_character(b) == "0")

    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    assert sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11 == 0


@pytest.mark.parametrize(
    "typed",
    ["91350100m000100y43", " 9135 0100 M000100Y43 ", "９１３５０１００Ｍ０００１００Ｙ４３"],
)
def test_credit_code_is_normalised_to_upper_case(typed: str) -> None:
    assert validate_credit_code(typed) == GB_32100_EXAMPLE


@pytest.mark.parametrize(
    "head", ["11", "12", "13", "19", "51", "52", "53", "59", "91", "92", "93", "Y1"]
)
def test_every_registration_authority_and_category_of_the_brief_is_accepted(head: str) -> None:
    code = make_credit_code(head + "350100M000100Y4")

    assert validate_credit_code(code)[:2] == head


@pytest.mark.parametrize("head", ["31", "32", "81", "71", "N2", "A1"])
def test_law_firms_notaries_unions_temples_collectives_and_army_units_are_accepted(
    head: str,
) -> None:
    assert validate_credit_code(make_credit_code(head + "350100M000100Y4"))[:2] == head


# ------------------------------------------------------------ credit code: every message


def credit_with_check(first17: str) -> str:
    return first17 + credit_code_check_character(first17)


@pytest.mark.parametrize(
    ("typed", "problem", "message"),
    [
        ("", IdentifierProblem.EMPTY, "请输入统一社会信用代码"),
        ("91350100M000100Y4", IdentifierProblem.LENGTH, "统一社会信用代码应为18位，现在是17位"),
        (
            "91350100MOOO100Y43",
            IdentifierProblem.CHARACTER,
            "统一社会信用代码不能含有字母 I、O、S、V、Z：第10位是“O”",
        ),
        (
            "91350100M000100-43",
            IdentifierProblem.CHARACTER,
            "统一社会信用代码第16位“-”无效：只能是数字或大写字母",
        ),
        (
            credit_with_check("01350100M000100Y4"),
            IdentifierProblem.REGISTRATION_AUTHORITY,
            "统一社会信用代码第1位“0”不是有效的登记管理部门代码",
        ),
        (
            credit_with_check("94350100M000100Y4"),
            IdentifierProblem.REGISTRATION_AUTHORITY,
            "统一社会信用代码第2位“4”无效：登记管理部门“市场监管（工商）”（9）下的机构类别只能是1、2、3",
        ),
        (
            credit_with_check("Y2350100M000100Y4"),
            IdentifierProblem.REGISTRATION_AUTHORITY,
            "统一社会信用代码第2位“2”无效：登记管理部门“其他”（Y）下的机构类别只能是1",
        ),
        (
            credit_with_check("91A50100M000100Y4"),
            IdentifierProblem.CHARACTER,
            "统一社会信用代码第3位“A”无效：第3-8位是登记机关的行政区划代码，只能是数字",
        ),
        (
            credit_with_check("91350100M000100Y5"),
            IdentifierProblem.ORGANIZATION_CODE,
            "统一社会信用代码第9-17位（组织机构代码）校验位错误：第17位应为 4，输入的是 5",
        ),
        (
            "91350100M000100Y44",
            IdentifierProblem.CHECK_CHARACTER,
            "统一社会信用代码校验位错误：应为 3，输入的是 4，请逐位核对",
        ),
    ],
)
def test_each_credit_code_mistake_has_its_own_message(
    typed: str, problem: IdentifierProblem, message: str
) -> None:
    error = credit_problem(typed)

    assert error.problem is problem
    assert str(error) == message


# --------------------------------------------------------------- credit code: as typed


@pytest.mark.parametrize(
    "typed",
    ["", "9", "91", "913501", "91350100M", "91350100M000100Y4", GB_32100_EXAMPLE, "9135 0100 m"],
)
def test_a_credit_code_prefix_that_can_still_become_valid_is_not_flagged(typed: str) -> None:
    assert partial_credit_code_problem(typed) is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("91I", "统一社会信用代码不能含有字母 I、O、S、V、Z：第3位是“I”"),
        ("0", "统一社会信用代码第1位“0”不是有效的登记管理部门代码"),
        ("Y9", "统一社会信用代码第2位“9”无效：登记管理部门“其他”（Y）下的机构类别只能是1"),
        ("9135A", "统一社会信用代码第5位“A”无效：第3-8位是登记机关的行政区划代码，只能是数字"),
        (
            "91350100M000100Y5",
            "统一社会信用代码第9-17位（组织机构代码）校验位错误：第17位应为 4，输入的是 5",
        ),
        ("91350100M000100Y44", "统一社会信用代码校验位错误：应为 3，输入的是 4，请逐位核对"),
        (GB_32100_EXAMPLE + "1", "统一社会信用代码只有18位，现在已输入19位"),
    ],
)
def test_a_credit_code_prefix_that_cannot_become_valid_is_flagged(typed: str, message: str) -> None:
    assert str(partial_credit_code_problem(typed)) == message


# ---------------------------------------------------------- credit code: properties

organization_bodies = st.text(CREDIT_CODE_ALPHABET, min_size=8, max_size=8)
heads = st.sampled_from(["11", "12", "13", "19", "51", "52", "53", "59", "91", "92", "93", "Y1"])
division_codes = st.text("0123456789", min_size=6, max_size=6)


def made_credit_code(head: str, division: str, body: str) -> str:
    return make_credit_code(head + division + body + organization_code_check_character(body))


@given(heads, division_codes, organization_bodies)
def test_every_made_credit_code_validates(head: str, division: str, body: str) -> None:
    code = made_credit_code(head, division, body)

    assert validate_credit_code(code) == code
    assert partial_credit_code_problem(code) is None


@given(heads, division_codes, organization_bodies, st.integers(0, 17), st.data())
def test_any_single_wrong_credit_code_character_is_caught(
    head: str, division: str, body: str, position: int, data: st.DataObject
) -> None:
    code = made_credit_code(head, division, body)
    wrong = data.draw(st.sampled_from([c for c in CREDIT_CODE_ALPHABET if c != code[position]]))
    typo = code[:position] + wrong + code[position + 1 :]

    with pytest.raises(IdentifierError):
        validate_credit_code(typo)


def test_make_credit_code_refuses_a_wrong_organization_code() -> None:
    with pytest.raises(IdentifierError):
        make_credit_code("91350100M000100Y5")


@pytest.mark.parametrize("first", ["9135010", "91350100M000100YI"])
def test_credit_check_character_needs_17_characters_of_the_alphabet(first: str) -> None:
    with pytest.raises(ValueError):
        credit_code_check_character(first)


def test_organization_check_character_needs_8_characters() -> None:
    with pytest.raises(ValueError):
        organization_code_check_character("M000100")
