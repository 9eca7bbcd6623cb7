"""Applicants identified by a residence permit or a foreign permanent resident ID card."""

from __future__ import annotations

import pytest

from app.domain.applicant import Applicant, ApplicantError, ApplicantKind, IdDocument
from app.domain.identity import (
    IdentifierError,
    resident_id_check_character,
    validate_foreign_permit,
)

PERMIT_2023 = "93315619900101001" + resident_id_check_character("93315619900101001")


def test_the_2017_permit_is_checked_for_shape_and_the_2023_one_for_its_check_character() -> None:
    assert validate_foreign_permit("usa 440000 123456") == "USA440000123456"
    assert validate_foreign_permit(PERMIT_2023) == PERMIT_2023
    wrong = PERMIT_2023[:17] + ("0" if PERMIT_2023[17] != "0" else "1")
    with pytest.raises(IdentifierError, match="校验位错误"):
        validate_foreign_permit(wrong)
    with pytest.raises(IdentifierError, match="3位字母加12位数字"):
        validate_foreign_permit("12345")


def test_an_applicant_with_a_foreign_permit_validates_and_keeps_its_document() -> None:
    applicant = Applicant(
        ApplicantKind.PERSON, "白安娜", PERMIT_2023, document=IdDocument.FOREIGN_PERMIT
    ).validated()
    assert Applicant.from_dict(applicant.to_dict()) == applicant
    with pytest.raises(ApplicantError, match="身份证号码"):
        Applicant(ApplicantKind.PERSON, "白安娜", PERMIT_2023).validated()


def test_an_applicant_recorded_before_documents_existed_reads_as_a_resident_id() -> None:
    old = Applicant(ApplicantKind.PERSON, "陈春梅", "11010519491231002X").to_dict()
    del old["document"]
    assert Applicant.from_dict(old).document is IdDocument.RESIDENT_ID
