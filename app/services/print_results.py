"""What the print service hands back and takes: the outcome of a slip, the previews, where to
print, the printer's state and its settings as the dialog shows them."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from app.devices.printer.status import StatusReport
from app.domain.daily_report import DailyReport
from app.domain.messages import Message
from printing.slips import SlipKind


@dataclass(frozen=True)
class PrintOutcome:
    """What became of a slip, in words for the status bar."""

    printed: bool
    message: Message
    job_id: UUID | None = None  # the reprint-queue entry when it did not print

    @property
    def words(self) -> str:
        """The message in Chinese (the command line)."""
        return str(self.message)


@dataclass(frozen=True)
class SlipPreview:
    kind: SlipKind
    title: str
    png: bytes  # drawn from the same laid-out lines the printer gets
    kinds: tuple[SlipKind, ...]  # every slip this case can have


@dataclass(frozen=True)
class DailyPreview:
    report: DailyReport
    png: bytes  # the slip as the printer will print it
    text: str  # its lines as text (the command line)


@dataclass(frozen=True)
class PrintOptions:
    """Where and how to print; None takes this counter's setting."""

    printer: str | None = None
    paper_mm: int | None = None
    raster: bool | None = None


#: This counter's own printer, with its own paper and mode (the default of every print).
THIS_PRINTER = PrintOptions()


@dataclass(frozen=True)
class PrinterState:
    """What the status bar says about this counter's printer."""

    report: StatusReport
    waiting: int  # slips in the reprint queue


@dataclass(frozen=True)
class PrinterSetup:
    """This counter's printer settings, as the settings dialog shows and saves them."""

    printer: str
    paper_mm: int
    raster: bool
    reports_status: bool
    print_after_intake: bool
    seal_image: str

    @property
    def options(self) -> PrintOptions:
        """For trying a setup (status, test page) before it is saved."""
        return PrintOptions(self.printer, self.paper_mm, self.raster)
