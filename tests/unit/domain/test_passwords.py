"""The password policy: one rule set, each refusal saying which rule."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.passwords import PasswordRefused, check_password, password_problem


@pytest.mark.parametrize(
    ("password", "rule"),
    [
        ("abc123", "至少8位"),
        ("abcdefghij", "字母和数字"),
        ("1234567890", "字母和数字"),
        ("11010119900307451X", "身份证"),
        ("pw110101199003074518", "身份证"),
        ("Wangxy2026", "用户名"),
        ("王晓燕2026ab", "姓名"),
        ("wangxiaoyan1", "姓名"),
        ("WangXiaoYan88", "姓名"),
    ],
)
def test_each_rule_refuses_in_words(password: str, rule: str) -> None:
    with pytest.raises(PasswordRefused, match=rule):
        check_password(password, "wangxy", "王晓燕")


def test_a_password_that_keeps_every_rule_passes() -> None:
    for password in ("Counter2026", "窗口密码2026", "demo1234", "k7Rm2pQx"):
        assert password_problem(password, "wangxy", "王晓燕") is None


@given(st.text(alphabet="abcdefghjkmnpqrstuvwxyz", min_size=4, max_size=10), st.integers(0, 9999))
def test_the_username_with_digits_added_is_refused(username: str, digits: int) -> None:
    assert password_problem(f"{username}{digits:04d}", username, "张三") is not None


@given(
    st.text(alphabet="ABCDEFGHJKabcdefghjk", min_size=4, max_size=8),
    st.text(alphabet="23456789", min_size=4, max_size=8),
)
def test_letters_and_digits_of_eight_or_more_pass_for_another_person(
    letters: str, digits: str
) -> None:
    assert password_problem(letters + digits, "zz9", "钱七") is None
