"""The printing figures issue 4 asks for, measured on this machine and printed beside their targets.

    python benchmarks/bench_printing.py [--runs N]

(a) slip bytes, text mode: an acceptance receipt laid out and encoded as ESC/POS (Chinese mode,
    native QR, cut) for 80 and 58 mm paper (target 30 ms);
(b) slip bytes, raster mode, 80 mm: the whole slip drawn as a one-bit image (target 150 ms);
(c) one notice PDF, every kind, A4 with the CJK font embedded (target 150 ms).

Each figure is the median and the worst of N runs after one warm-up run; the warm-up (fonts
read from disk, glyphs drawn the first time) is printed apart, since a counter pays it once a
day. These are figures to read, not timed tests: the script exits 0 whatever they are.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.domain.events import CHINA_TIME  # noqa: E402
from benchmarks.timing import milliseconds  # noqa: E402
from printing.escpos_stream import slip_bytes  # noqa: E402
from printing.notices import NoticeKind, render_notice  # noqa: E402
from printing.slip_layout import PAPERS, lay_out  # noqa: E402
from printing.slips import SlipKind, build_slip  # noqa: E402
from tests.unit.printing.sample_facts import CENTER, sample_facts, suspended_facts  # noqa: E402

PRINTED = datetime(2026, 11, 2, 10, 5, tzinfo=CHINA_TIME)


def timed(work: Callable[[], object], runs: int) -> tuple[float, float, float]:
    """Milliseconds: the first run, then the median and the worst of `runs` more."""
    first = milliseconds(work, 1)[0]
    times = milliseconds(work, runs)
    return first, statistics.median(times), times[-1]


def show(label: str, figures: tuple[float, float, float], target: float) -> None:
    first, median, worst = figures
    verdict = "ok" if median <= target else "OVER"
    print(
        f"{label:<38} median {median:7.1f} ms  worst {worst:7.1f} ms  "
        f"(first {first:6.1f} ms)  target {target:.0f} ms  {verdict}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    runs = parser.parse_args().runs
    facts = sample_facts()
    slip = build_slip(SlipKind.ACCEPTANCE, facts, CENTER, PRINTED)
    for millimetres in (80, 58):
        paper = PAPERS[millimetres]
        show(
            f"slip bytes, text, {millimetres} mm",
            timed(lambda paper=paper: slip_bytes(lay_out(slip, paper), paper), runs),
            30,
        )
    paper = PAPERS[80]
    show(
        "slip bytes, raster, 80 mm",
        timed(lambda: slip_bytes(lay_out(slip, paper), paper, raster=True), runs),
        150,
    )
    decided = sample_facts(status="准予许可", approved=True, decided_at=PRINTED, decided_by="chief")
    examples = {
        NoticeKind.ACCEPTANCE: facts,
        NoticeKind.CORRECTION: sample_facts(
            materials_missing=("营业执照复印件", "场所平面图"), correction_at=PRINTED
        ),
        NoticeKind.REFUSAL: sample_facts(status="不予受理", outcome_reason="不属于本机关职权范围"),
        NoticeKind.APPROVAL: decided,
        NoticeKind.DENIAL: sample_facts(
            status="不予许可",
            approved=False,
            outcome_reason="经营场所不符合要求",
            decided_at=PRINTED,
        ),
        NoticeKind.SPECIAL_PROCEDURE: suspended_facts(),
    }
    for kind, example in examples.items():
        show(
            f"notice PDF, {kind.value}",
            timed(lambda k=kind, f=example: render_notice(k, f, CENTER, date(2026, 11, 2)), runs),
            150,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
