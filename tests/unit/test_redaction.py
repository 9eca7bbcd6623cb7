"""What the filter at the logging and error boundary masks, and what it leaves whole."""

from __future__ import annotations

import io
import logging

from app.redaction import RedactingFilter, redact

ID = "11010519491231002X"  # the example of GB 11643-1999: fictional


def test_resident_id_numbers_and_mobiles_are_masked_as_lists_show_them() -> None:
    text = f"身份证号{ID}已登记，电话13812345678"
    assert redact(text) == "身份证号110105********002X已登记，电话138****5678"


def test_credit_codes_case_numbers_and_times_stay_whole() -> None:
    text = (
        "credit code 91230202MA1234567X and 913100001234567890, "
        "case SCJG-2026-01-000123, at 1733558400000, center 0000-12345678"
    )
    assert redact(text) == text


def test_a_quoted_record_loses_its_persons_values() -> None:
    text = (
        "{'name': '张三', 'id_number': 'x', \"legal_representative\": \"李四\", "
        "'financial_officer_phone': '0451-1234567', 'item_name': '食品经营许可'}"
    )
    assert redact(text) == (
        "{'name': '***', 'id_number': '***', \"legal_representative\": \"***\", "
        "'financial_officer_phone': '***', 'item_name': '食品经营许可'}"
    )


def test_postgresql_quoting_a_failing_row_or_a_key_is_masked() -> None:
    detail = "DETAIL:  Failing row contains (7, 张三, 男).\nDETAIL:  Key (case_no)=(X-1) exists."
    assert redact(detail) == "DETAIL:  Failing row contains (***).\nDETAIL:  Key (***) exists."


def test_the_filter_masks_message_arguments_traceback_and_stack() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter())
    logger = logging.getLogger("test.redaction")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        try:
            raise ValueError(f"bad applicant {{'name': '王五', 'id_number': '{ID}'}}")
        except ValueError:
            logger.exception("case of %s failed", ID, stack_info=True)
    finally:
        logger.removeHandler(handler)
        logger.propagate = True
    written = stream.getvalue()
    assert "Traceback" in written and "Stack (most recent call last)" in written
    assert ID not in written and "王五" not in written
    assert written.count("110105********002X") == 1  # the message; the error's number is a field
