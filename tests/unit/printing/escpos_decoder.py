"""Reads an ESC/POS byte stream back the way a counter printer would print it, for the tests.

Only the commands a slip uses are understood; anything else is a `DecodeError` that names the
offset, so a stray byte never passes unnoticed. What would go wrong on paper without being a
malformed stream is listed in `Decoded.problems`, e.g.:

- a byte above 0x7F while Chinese mode (`FS &`) is off: code-page garbage, the `????` bug;
- a four-byte GB18030 character: counter printers' fonts hold the two-byte part only;
- text left in the line buffer before an image, a QR code or a cut (the printer ignores the
  image and the cut then), or at the end of the job.

    slip = decode(job)
    slip.text            # what a person reads, line by line
    slip.lines[0].bold   # how a line looks (align, bold, underline, width, height)
    slip.qr_codes        # the payloads of the QR codes printed
    slip.images[0].width # raster images (GS v 0): size in dots, the bitmap, a Pillow image
    slip.cut             # the last cut, or None

The model follows the Epson ESC/POS reference: `ESC !` and `GS !` both set the character size
(the last one wins), `ESC @` resets every mode including Chinese mode, alignment is taken when
a line starts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

ESC, FS, GS, DLE = 0x1B, 0x1C, 0x1D, 0x10
LF, CR, HT = 0x0A, 0x0D, 0x09

ALIGN = {0: "left", 1: "center", 2: "right", 48: "left", 49: "center", 50: "right"}
QR_LEVEL = {48: "L", 49: "M", 50: "Q", 51: "H"}
CODE_PAGES = {0: "cp437", 2: "cp850", 3: "cp860", 16: "cp1252", 17: "cp866", 19: "cp858"}

#: ESC / GS / FS commands that take a fixed number of parameter bytes and only set a mode the
#: decoder does not model (font, rotation, density, margins, barcode text, ...).
_IGNORED: dict[tuple[int, int], int] = {
    (ESC, ord("G")): 1,  # double-strike
    (ESC, ord("M")): 1,  # font
    (ESC, ord("R")): 1,  # international character set
    (ESC, ord("{")): 1,  # upside down
    (ESC, ord("V")): 1,  # 90° rotation
    (ESC, ord(" ")): 1,  # right-side character spacing
    (ESC, ord("=")): 1,  # select peripheral
    (ESC, ord("2")): 0,  # default line spacing
    (ESC, ord("3")): 1,  # line spacing
    (ESC, ord("J")): 1,  # feed n dots
    (GS, ord("B")): 1,  # white on black
    (GS, ord("b")): 1,  # smoothing
    (GS, ord("|")): 1,  # density
    (GS, ord("L")): 2,  # left margin
    (GS, ord("W")): 2,  # printing area width
    (GS, ord("H")): 1,  # barcode text position
    (GS, ord("f")): 1,  # barcode text font
    (GS, ord("h")): 1,  # barcode height
    (GS, ord("w")): 1,  # barcode width
    (GS, ord("a")): 1,  # automatic status back
    (GS, ord("r")): 1,  # transmit status
    (FS, ord("S")): 2,  # Chinese character spacing
    (FS, ord("-")): 1,  # Chinese underline
}


class DecodeError(ValueError):
    """The stream holds something the decoder does not know, or is cut short."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(f"{message} at offset {offset}")
        self.offset = offset


@dataclass(frozen=True)
class Run:
    """Text printed with one set of character modes."""

    text: str
    bold: bool = False
    underline: bool = False
    width: int = 1
    height: int = 1


@dataclass
class Line:
    """One printed line: ended by LF (or by what forced it out)."""

    align: str = "left"
    runs: list[Run] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    @property
    def bold(self) -> bool:
        """Every visible character is bold."""
        visible = [run for run in self.runs if run.text.strip()]
        return bool(visible) and all(run.bold for run in visible)

    @property
    def underline(self) -> bool:
        visible = [run for run in self.runs if run.text.strip()]
        return bool(visible) and all(run.underline for run in visible)

    @property
    def width(self) -> int:
        return max((run.width for run in self.runs), default=1)

    @property
    def height(self) -> int:
        return max((run.height for run in self.runs), default=1)

    @property
    def double_width(self) -> bool:
        return self.width >= 2

    @property
    def double_height(self) -> bool:
        return self.height >= 2

    @property
    def columns(self) -> int:
        """Width in font-A half-width columns: a Chinese character takes two, times the size."""
        return sum(
            sum(2 if ord(char) > 0x7F else 1 for char in run.text) * run.width for run in self.runs
        )


@dataclass(frozen=True)
class QrCode:
    """A QR code printed by the printer itself (`GS ( k`)."""

    payload: str
    data: bytes
    model: int = 2
    module_size: int = 3
    error_correction: str = "L"
    align: str = "left"


@dataclass(frozen=True)
class RasterImage:
    """A raster bit image (`GS v 0`): 1 bits are black dots, rows packed 8 dots a byte."""

    width: int
    height: int
    bitmap: bytes
    scale: int = 0  # 0 normal, 1 double width, 2 double height, 3 quadruple
    align: str = "left"

    @property
    def black_dots(self) -> int:
        return sum(bin(byte).count("1") for byte in self.bitmap)

    def to_image(self) -> Image.Image:
        """The image as Pillow sees it (mode "1", black where the printer burns a dot)."""
        from PIL import Image

        return Image.frombytes("1", (self.width, self.height), bytes(255 - b for b in self.bitmap))


@dataclass(frozen=True)
class Cut:
    """A paper cut (`GS V`); `feed` is the extra feed of function B, in motion units."""

    partial: bool
    feed: int = 0


Item = Line | QrCode | RasterImage | Cut


@dataclass
class Decoded:
    """What the printer would do with the stream, in order."""

    items: list[Item] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    status_queries: list[int] = field(default_factory=list)
    fed_lines: int = 0  # ESC d

    @property
    def lines(self) -> list[Line]:
        return [item for item in self.items if isinstance(item, Line)]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def qrs(self) -> list[QrCode]:
        return [item for item in self.items if isinstance(item, QrCode)]

    @property
    def qr_codes(self) -> list[str]:
        """The payloads of the QR codes printed."""
        return [qr.payload for qr in self.qrs]

    @property
    def images(self) -> list[RasterImage]:
        return [item for item in self.items if isinstance(item, RasterImage)]

    @property
    def cuts(self) -> list[Cut]:
        return [item for item in self.items if isinstance(item, Cut)]

    @property
    def cut(self) -> Cut | None:
        """The last cut, or None if the paper is never cut."""
        cuts = self.cuts
        return cuts[-1] if cuts else None


def decode(data: bytes) -> Decoded:
    """Read `data` as a printer would; raises DecodeError on an unknown or truncated command."""
    return _Decoder(data).run()


class _Decoder:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.at = 0
        self.out = Decoded()
        self.line: Line | None = None
        self.qr_data: bytes | None = None
        self.qr_model, self.qr_size, self.qr_level = 2, 3, "L"
        self._reset()

    def _reset(self) -> None:
        self.chinese = False
        self.code_page = 0
        self.align = "left"
        self.bold = False
        self.underline = False
        self.width = self.height = 1

    def run(self) -> Decoded:
        while self.at < len(self.data):
            byte = self.data[self.at]
            if byte >= 0x20:
                self._text()
            elif byte == LF:
                self._end_line()
                self.at += 1
            elif byte in (CR, HT):
                if byte == HT:
                    self._append("\t")
                self.at += 1
            elif byte in (ESC, GS, FS):
                self._command(byte)
            elif byte == DLE:
                self._real_time()
            else:
                raise DecodeError(f"unknown control byte {byte:02X}", self.at)
        if self.line is not None:
            self._problem("text at the end of the job without LF: it is never printed")
            self._flush()
        if self.qr_data is not None:
            self._problem("QR data stored but never printed")
        return self.out

    # text

    def _text(self) -> None:
        start = self.at
        end = start
        while end < len(self.data) and self.data[end] >= 0x20:
            end += 1
        chunk = self.data[start:end]
        self.at = end
        if self.chinese:
            self._append(self._gb18030(chunk, start))
            return
        chars = []
        for index, byte in enumerate(chunk):
            if byte < 0x80:
                chars.append(chr(byte))
                continue
            self._problem(
                f"byte {byte:02X} at offset {start + index} while Chinese mode is off: "
                "prints as code-page characters (the ???? bug)"
            )
            page = CODE_PAGES.get(self.code_page)
            chars.append(bytes([byte]).decode(page) if page else "\ufffd")
        self._append("".join(chars))

    def _gb18030(self, chunk: bytes, offset: int) -> str:
        chars: list[str] = []
        index = 0
        while index < len(chunk):
            byte = chunk[index]
            if byte < 0x80:
                chars.append(chr(byte))
                index += 1
                continue
            two = chunk[index : index + 2]
            four = chunk[index : index + 4]
            if len(two) == 2 and 0x81 <= byte <= 0xFE and _second_of_two(two[1]):
                chars.append(two.decode("gb18030"))
                index += 2
            elif len(four) == 4 and _is_four_byte(four):
                char = four.decode("gb18030")
                self._problem(
                    f"four-byte GB18030 character {char!r} at offset {offset + index}: "
                    "not in a counter printer's font (print the line as an image)"
                )
                chars.append(char)
                index += 4
            else:
                self._problem(f"invalid GB18030 byte {byte:02X} at offset {offset + index}")
                chars.append("\ufffd")
                index += 1
        return "".join(chars)

    def _append(self, text: str) -> None:
        if self.line is None:
            self.line = Line(align=self.align)
        self.line.runs.append(Run(text, self.bold, self.underline, self.width, self.height))

    def _end_line(self) -> None:
        self.out.items.append(self.line if self.line is not None else Line(align=self.align))
        self.line = None

    def _flush(self) -> None:
        if self.line is not None:
            self.out.items.append(self.line)
            self.line = None

    def _pending(self, what: str) -> None:
        if self.line is not None:
            self._problem(f"text waiting without LF before {what}: the printer may skip it")
            self._flush()

    # commands

    def _command(self, prefix: int) -> None:
        start = self.at
        name = self._byte(start + 1)
        if (prefix, name) in _IGNORED:
            self.at = self._need(start + 2 + _IGNORED[(prefix, name)], start)
            return
        handler = _HANDLERS.get((prefix, name))
        if handler is None:
            raise DecodeError(f"unknown command {prefix:02X} {name:02X}", start)
        handler(self, start)

    def _real_time(self) -> None:
        start = self.at
        if self._byte(start + 1) != 0x04:
            raise DecodeError(f"unknown command 10 {self.data[start + 1]:02X}", start)
        self.out.status_queries.append(self._byte(start + 2))
        self.at = start + 3

    def _byte(self, index: int) -> int:
        if index >= len(self.data):
            raise DecodeError("command cut short", self.at)
        return self.data[index]

    def _need(self, end: int, start: int) -> int:
        if end > len(self.data):
            raise DecodeError("command cut short", start)
        return end

    def _problem(self, text: str) -> None:
        self.out.problems.append(text)

    def init(self, start: int) -> None:  # ESC @ clears the buffer and every mode
        if self.line is not None:
            self._problem(f"ESC @ at offset {start} throws away text waiting without LF")
            self.line = None
        self._reset()
        self.at = start + 2

    def mode(self, start: int) -> None:  # ESC ! n
        n = self._byte(start + 2)
        self.bold, self.underline = bool(n & 0x08), bool(n & 0x80)
        self.width, self.height = (2 if n & 0x20 else 1), (2 if n & 0x10 else 1)
        self.at = start + 3

    def size(self, start: int) -> None:  # GS ! n
        n = self._byte(start + 2)
        self.width, self.height = (n >> 4) + 1, (n & 0x0F) + 1
        self.at = start + 3

    def chinese_mode(self, start: int) -> None:  # FS ! n
        n = self._byte(start + 2)
        self.width, self.height = (2 if n & 0x04 else 1), (2 if n & 0x08 else 1)
        self.underline = bool(n & 0x80)
        self.at = start + 3

    def emphasis(self, start: int) -> None:
        self.bold = bool(self._byte(start + 2) & 1)
        self.at = start + 3

    def underlined(self, start: int) -> None:
        self.underline = self._byte(start + 2) in (1, 2, 49, 50)
        self.at = start + 3

    def alignment(self, start: int) -> None:
        n = self._byte(start + 2)
        if n not in ALIGN:
            raise DecodeError(f"alignment {n}", start)
        self.align = ALIGN[n]
        self.at = start + 3

    def feed(self, start: int) -> None:  # ESC d n: print the buffer, feed n lines
        self._flush()
        self.out.fed_lines += self._byte(start + 2)
        self.at = start + 3

    def code_table(self, start: int) -> None:
        self.code_page = self._byte(start + 2)
        self.at = start + 3

    def chinese_on(self, start: int) -> None:
        self.chinese = True
        self.at = start + 2

    def chinese_off(self, start: int) -> None:
        self.chinese = False
        self.at = start + 2

    def cut_paper(self, start: int) -> None:  # GS V m [n]
        m = self._byte(start + 2)
        self._pending("a cut")
        if m in (0, 1, 48, 49):
            self.out.items.append(Cut(partial=m in (1, 49)))
            self.at = start + 3
        elif m in (65, 66, 97, 98, 103, 104):
            self.out.items.append(Cut(partial=m in (66, 98, 104), feed=self._byte(start + 3)))
            self.at = start + 4
        else:
            raise DecodeError(f"cut mode {m}", start)

    def raster(self, start: int) -> None:  # GS v 0 m xL xH yL yH d...
        if self._byte(start + 2) != ord("0"):
            raise DecodeError("unknown GS v command", start)
        m = self._byte(start + 3)
        header = self.data[start + 4 : self._need(start + 8, start)]
        width_bytes = header[0] | header[1] << 8
        height = header[2] | header[3] << 8
        end = self._need(start + 8 + width_bytes * height, start)
        self._pending("a raster image")
        image = RasterImage(width_bytes * 8, height, self.data[start + 8 : end], m & 3, self.align)
        self.out.items.append(image)
        self.at = end

    def two_d(self, start: int) -> None:  # GS ( k pL pH cn fn ...
        if self._byte(start + 2) != ord("k"):
            raise DecodeError(f"unknown command 1D 28 {self.data[start + 2]:02X}", start)
        length = self._byte(start + 3) | self._byte(start + 4) << 8
        end = self._need(start + 5 + length, start)
        body = self.data[start + 5 : end]
        if len(body) < 2 or body[0] != ord("1"):
            raise DecodeError("2D code other than QR", start)
        function, params = body[1], body[2:]
        if function == 65:  # model
            self.qr_model = {49: 1, 50: 2, 51: 3}.get(params[0], 0)
        elif function == 67:  # module size
            self.qr_size = params[0]
        elif function == 69:  # error correction
            self.qr_level = QR_LEVEL.get(params[0], "?")
        elif function == 80:  # store
            self.qr_data = bytes(params[1:])
        elif function == 81:  # print
            self._print_qr()
        elif function != 82:  # 82: transmit size information
            raise DecodeError(f"QR function {function}", start)
        self.at = end

    def _print_qr(self) -> None:
        self._pending("a QR code")
        if self.qr_data is None:
            self._problem("QR print without stored data")
            return
        try:
            payload = self.qr_data.decode("utf-8")
        except UnicodeDecodeError:
            payload = self.qr_data.decode("latin-1")
            self._problem("QR payload is not UTF-8")
        self.out.items.append(
            QrCode(payload, self.qr_data, self.qr_model, self.qr_size, self.qr_level, self.align)
        )
        self.qr_data = None


def _second_of_two(byte: int) -> bool:
    return 0x40 <= byte <= 0x7E or 0x80 <= byte <= 0xFE


def _is_four_byte(chunk: bytes) -> bool:
    return (
        0x81 <= chunk[0] <= 0xFE
        and 0x30 <= chunk[1] <= 0x39
        and 0x81 <= chunk[2] <= 0xFE
        and 0x30 <= chunk[3] <= 0x39
    )


_HANDLERS = {
    (ESC, ord("@")): _Decoder.init,
    (ESC, ord("!")): _Decoder.mode,
    (ESC, ord("E")): _Decoder.emphasis,
    (ESC, ord("-")): _Decoder.underlined,
    (ESC, ord("a")): _Decoder.alignment,
    (ESC, ord("d")): _Decoder.feed,
    (ESC, ord("t")): _Decoder.code_table,
    (GS, ord("!")): _Decoder.size,
    (GS, ord("V")): _Decoder.cut_paper,
    (GS, ord("v")): _Decoder.raster,
    (GS, ord("(")): _Decoder.two_d,
    (FS, ord("&")): _Decoder.chinese_on,
    (FS, ord(".")): _Decoder.chinese_off,
    (FS, ord("!")): _Decoder.chinese_mode,
}
