"""Pictures of the printed papers for the README: slips as the preview draws them, notices as
pdftoppm renders their first page. Fictional applicants only.

    .venv/bin/python scripts/print_samples.py      # writes docs/screenshots/slip-*.png, notice-*.png
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.domain.events import CHINA_TIME  # noqa: E402
from printing.notices import NoticeKind, render_notice  # noqa: E402
from printing.raster import preview_png  # noqa: E402
from printing.slip_layout import PAPERS, lay_out  # noqa: E402
from printing.slips import SlipKind, build_slip  # noqa: E402
from tests.unit.printing.sample_facts import CENTER, RECEIVED, sample_facts  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
PRINTED = datetime(2026, 11, 2, 10, 5, tzinfo=CHINA_TIME)
CORRECTION = sample_facts(
    status="待补正",
    accepted_at=None,
    materials_missing=("营业执照复印件", "场所平面图", "食品安全管理人员健康证明"),
    correction_at=RECEIVED,
    correction_note="复印件须加盖公章",
)


def main() -> None:
    slips = {
        "slip-acceptance-80": (SlipKind.ACCEPTANCE, sample_facts(applicant_name="王𡒄明"), 80),
        "slip-correction-58": (SlipKind.CORRECTION, CORRECTION, 58),
    }
    for name, (kind, facts, millimetres) in slips.items():
        paper = PAPERS[millimetres]
        png = preview_png(lay_out(build_slip(kind, facts, CENTER, PRINTED), paper), paper)
        (OUT / f"{name}.png").write_bytes(png)
    notices = {
        "notice-acceptance": (NoticeKind.ACCEPTANCE, sample_facts()),
        "notice-correction": (NoticeKind.CORRECTION, CORRECTION),
    }
    with tempfile.TemporaryDirectory() as folder:
        for name, (notice, facts) in notices.items():
            pdf = Path(folder) / f"{name}.pdf"
            pdf.write_bytes(render_notice(notice, facts, CENTER, date(2026, 11, 2)))
            subprocess.run(
                ["pdftoppm", "-r", "60", "-png", "-singlefile", str(pdf), str(OUT / name)],
                check=True,
            )
    print(f"written to {OUT}")


if __name__ == "__main__":
    main()
