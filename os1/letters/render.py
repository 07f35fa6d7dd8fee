"""Rendering a letter as a PDF or PNG that looks handwritten.

`render_letter` cleans the text (emoji, characters no font has), lays it out by hand
(os1.letters.layout) and draws the layout with one of two backends over the same data:
- PDF with reportlab: TrueType fonts embedded (subset), a real text layer (every glyph is a text
  glyph, so the words can be searched and copied), invariant mode so a re-render is byte-identical.
- PNG with Pillow, drawing the same layout itself. Why not rasterise the PDF with pdftoppm: that needs
  a system binary (poppler-utils) at run time; Pillow is a Python dependency and always there.
  A letter of several pages becomes `name.png`, `name-2.png`, ...
What this module leaves out: composing the words (os1.letters.compose) and storing letters.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from os1.errors import UserInputError
from os1.letters import fonts
from os1.letters.layout import LAYOUTS, Laid, Page, lay_out
from os1.letters.paper import PAGE_SIZES, PAPER_COLOURS, Dot, Stroke, check_choice

PNG_DPI = 150
Format = Literal["pdf", "png"]


@dataclass(frozen=True)
class RenderResult:
    """What was written: the files (one PDF, or one PNG per page), the page count, and notices."""

    files: tuple[Path, ...]
    pages: int
    notices: tuple[str, ...]


def render_letter(
    text: str,
    out: Path,
    *,
    fmt: Format,
    size: str = "a5",
    paper: str = "cream",
    layout: str = "letter",
    seed: int,
    signature: Path | None = None,
    recipient: str | None = None,
) -> RenderResult:
    """Write `text` as a handwritten letter to `out`.

    Args:
        text: the letter; blank lines separate paragraphs.
        fmt: "pdf" or "png".
        size: "a5", "letter" or "postcard".
        paper: "cream", "white" or "ruled".
        layout: "letter" (a full sheet), "card" (a bordered card, centred writing) or "envelope"
            (an envelope front addressed to `recipient`, then the letter).
        seed: drives all variation; use the letter's id so a re-render is identical.
        signature: an image (PNG with transparency works best) placed under the last line.
        recipient: the name written on the envelope.

    Raises:
        UserInputError: empty text, unknown size/paper/layout, unreadable signature, envelope with
            no recipient, or an output folder that does not exist.
    """
    check_choice("format", fmt, ("pdf", "png"))
    check_choice("size", size, PAGE_SIZES)
    check_choice("paper", paper, PAPER_COLOURS)
    check_choice("layout", layout, LAYOUTS)
    if layout == "envelope" and not (recipient and recipient.strip()):
        raise UserInputError("An envelope needs a recipient's name.", "Pass the recipient, or use --layout letter.")
    cleaned = fonts.clean_text(text)
    if not cleaned.text.strip():
        raise UserInputError("The letter is empty, so there is nothing to write.", "Add some words first.")
    if not out.parent.is_dir():
        raise UserInputError(f"The folder {out.parent} does not exist.", "Create it or choose another --out.")
    fonts.register_fonts()
    laid = lay_out(
        cleaned.text,
        size=size,
        paper=paper,
        layout=layout,
        seed=seed,
        signature=_signature(signature),
        recipient=recipient.strip() if recipient else None,
    )
    files = (write_pdf(laid, out),) if fmt == "pdf" else write_png(laid, out)
    return RenderResult(files, len(laid.pages), cleaned.notices + tuple(laid.notices))


def _signature(path: Path | None) -> tuple[Path, float] | None:
    if path is None:
        return None
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            return path, image.width / max(image.height, 1)
    except (OSError, UnidentifiedImageError) as exc:
        raise UserInputError(
            f"The signature image {path} cannot be read ({exc}).", "Use a PNG or JPEG file."
        ) from exc


def write_pdf(laid: Laid, out: Path) -> Path:
    """Draw the layout into a PDF at `out` (byte-identical for identical layouts)."""
    from reportlab.pdfgen.canvas import Canvas

    first = laid.pages[0].sheet
    canvas = Canvas(
        str(out),
        pagesize=(first.width, first.height),
        invariant=1,
        pageCompression=1,
        initialFontName=fonts.HAND,  # else the preamble names Helvetica, which is never embedded
    )
    canvas.setTitle("A letter")
    canvas.setCreator("OS1")
    for page in laid.pages:
        canvas.setPageSize((page.sheet.width, page.sheet.height))
        draw_page_pdf(canvas, page)
        canvas.showPage()
    canvas.save()
    return out


def draw_page_pdf(canvas: Any, page: Page) -> None:
    """Paper, marks, pictures, then the writing, on the canvas's current page (also used by the book)."""
    sheet = page.sheet
    canvas.setFillColorRGB(*sheet.colour)
    canvas.rect(0, 0, sheet.width, sheet.height, stroke=0, fill=1)
    canvas._code.append(marks_operators(sheet.marks))
    for picture in page.pictures:
        canvas.drawImage(str(picture.path), picture.x, picture.y, picture.width, picture.height, mask="auto")
    for line in page.lines:
        text = canvas.beginText()
        # The jitter that makes writing look real (size, angle, baseline per glyph) makes text
        # extractors guess word breaks inside words. A marked-content span with /ActualText gives the
        # line's true text to extractors and to copy-and-paste, while the glyphs still draw the ink.
        actual = "".join(g.char for g in line)
        text._code.append(f"/Span <</ActualText <{_pdf_text_string(actual)}>>> BDC")
        for glyph in line:
            rad = math.radians(glyph.angle)
            cos, sin = math.cos(rad), math.sin(rad)
            text.setTextTransform(cos, sin, -sin, cos, glyph.x, glyph.y)
            text.setFont(glyph.font, glyph.size)
            text.setFillColorRGB(*glyph.colour)
            text.textOut(glyph.char)
        text._code.append("EMC")
        canvas.drawText(text)


def _pdf_text_string(value: str) -> str:
    """A PDF text string as hex: UTF-16BE with its byte-order mark (any character survives)."""
    return (b"\xfe\xff" + value.encode("utf-16-be")).hex().upper()


def marks_operators(marks: list[Stroke | Dot]) -> str:
    """The paper's marks as raw PDF path operators, in one graphics state.

    Why raw: a sheet has hundreds of specks, and reportlab draws a circle as four Bézier curves with
    pure-Python number formatting, which made a 50-letter book with facsimiles slow. A dot here is a
    zero-length line with round caps, which PDF draws as a filled disc: two points instead of thirteen.
    """
    out = ["q 1 J"]
    for mark in marks:
        if isinstance(mark, Stroke):
            x0, y0, x1, y1, width = mark.x0, mark.y0, mark.x1, mark.y1, mark.width
        else:
            x0 = x1 = mark.x
            y0 = y1 = mark.y
            width = mark.radius * 2
        r, g, b = mark.colour
        out.append(f"{r:.3f} {g:.3f} {b:.3f} RG {width:.2f} w {x0:.2f} {y0:.2f} m {x1:.2f} {y1:.2f} l S")
    out.append("Q")
    return "\n".join(out)


def png_paths(out: Path, pages: int) -> tuple[Path, ...]:
    """`card.png` for page 1, then `card-2.png`, `card-3.png`, ..."""
    return (out, *tuple(out.with_name(f"{out.stem}-{n}{out.suffix}") for n in range(2, pages + 1)))


def write_png(laid: Laid, out: Path, dpi: int = PNG_DPI) -> tuple[Path, ...]:
    """Draw each page of the layout into its own PNG."""
    paths = png_paths(out, len(laid.pages))
    for page, path in zip(laid.pages, paths, strict=True):
        draw_page_png(page, dpi).save(path, format="PNG", optimize=False)
    return paths


def _rgb255(colour: tuple[float, float, float]) -> tuple[int, int, int]:
    return (round(colour[0] * 255), round(colour[1] * 255), round(colour[2] * 255))


def draw_page_png(page: Page, dpi: int = PNG_DPI) -> Any:
    """The page as a Pillow RGB image at `dpi`."""
    from PIL import Image, ImageDraw

    scale = dpi / 72
    sheet = page.sheet
    width, height = round(sheet.width * scale), round(sheet.height * scale)
    image = Image.new("RGB", (width, height), _rgb255(sheet.colour))
    draw = ImageDraw.Draw(image)
    for mark in sheet.marks:
        if isinstance(mark, Dot):
            r = max(mark.radius * scale, 0.5)
            cx, cy = mark.x * scale, height - mark.y * scale
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=_rgb255(mark.colour))
        else:
            draw.line(
                (mark.x0 * scale, height - mark.y0 * scale, mark.x1 * scale, height - mark.y1 * scale),
                fill=_rgb255(mark.colour),
                width=max(1, round(mark.width * scale)),
            )
    for picture in page.pictures:
        with Image.open(picture.path) as source:
            art = source.convert("RGBA").resize((round(picture.width * scale), round(picture.height * scale)))
        top = height - round((picture.y + picture.height) * scale)
        image.paste(art, (round(picture.x * scale), top), art)
    for line in page.lines:
        for glyph in line:
            if glyph.char.strip():
                _paste_glyph(image, glyph.char, glyph.font, glyph.size * scale, glyph.angle,
                             (glyph.x * scale, height - glyph.y * scale), _rgb255(glyph.colour))
    return image


def _paste_glyph(
    image: Any, char: str, font: str, size_px: float, angle: float, origin: tuple[float, float],
    colour: tuple[int, int, int],
) -> None:
    """Draw one glyph rotated about its baseline origin (left end of the baseline)."""
    from PIL import Image, ImageDraw

    face = _pil_font(font, round(size_px * 4) / 4)
    pad = math.ceil(size_px * 1.2)
    box = pad * 2
    mask = Image.new("L", (box, box), 0)
    ImageDraw.Draw(mask).text((pad, pad), char, font=face, fill=255, anchor="ls")
    if angle:
        mask = mask.rotate(angle, resample=Image.Resampling.BICUBIC, center=(pad, pad))
    image.paste(colour, (round(origin[0]) - pad, round(origin[1]) - pad), mask)


_PIL_FONTS: dict[tuple[str, float], Any] = {}


def _pil_font(key: str, size_px: float) -> Any:
    from PIL import ImageFont

    cached = _PIL_FONTS.get((key, size_px))
    if cached is None:
        cached = ImageFont.truetype(str(fonts.font_paths()[key]), size_px)
        _PIL_FONTS[(key, size_px)] = cached
    return cached
