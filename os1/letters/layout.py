"""Laying a letter out by hand: where every glyph goes, on which sheet, at what angle and in what ink.

The layout is computed once as plain data (`Page` with `Glyph`s and paper marks, PDF points, origin at
the bottom left); the PDF and PNG renderers only draw it. The variation that makes writing look
handwritten lives here and is driven by one seeded `random.Random`, so the same seed gives the same
letter: per-glyph baseline jitter, rotation and size, ink pressure drifting along a line, a gentle slope
per line, ragged margins and uneven word spacing.
What this module leaves out: font coverage (os1.letters.fonts), paper (os1.letters.paper), drawing.
"""

from __future__ import annotations

import functools
import itertools
import math
import random
from dataclasses import dataclass, field
from pathlib import Path

from os1.letters import fonts
from os1.letters.paper import (
    ENVELOPE_SIZES,
    PAGE_SIZES,
    PAPER_COLOURS,
    RGB,
    Dot,
    Sheet,
    Stroke,
    make_sheet,
    mix,
    rule_sheet,
)

LAYOUTS = ("letter", "card", "envelope")
# Nominal writing size per page size, in points, for the letter and card layouts.
HAND_SIZES: dict[str, tuple[float, float]] = {"postcard": (15.0, 17.0), "a5": (17.0, 20.0), "letter": (20.0, 23.0)}
INKS: tuple[RGB, ...] = ((0.09, 0.13, 0.34), (0.10, 0.16, 0.42), (0.12, 0.12, 0.22))
# Widths are measured at the nominal size; glyphs grow by up to this much with jitter, so wrap inside it.
WRAP_SAFETY = 1.05
# Where a short sign-off starts, as a share of the line width.
CLOSING_INDENT = 0.45


@dataclass(frozen=True)
class Glyph:
    char: str
    x: float
    y: float
    size: float
    angle: float  # degrees, counter-clockwise
    font: str
    colour: RGB


@dataclass(frozen=True)
class Picture:
    path: Path
    x: float
    y: float
    width: float
    height: float


@dataclass
class Page:
    sheet: Sheet
    lines: list[list[Glyph]] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    content_box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # x0, y0, x1, y1 of the writing


@dataclass
class Laid:
    pages: list[Page]
    notices: list[str]


@dataclass(frozen=True)
class Frame:
    """Where writing may go on a sheet, and how big it is."""

    left: float
    right: float
    top: float
    bottom: float
    size: float

    @property
    def leading(self) -> float:
        return self.size * 1.32


@functools.cache
def _advance(char: str, font: str, size: float) -> float:
    from reportlab.pdfbase import pdfmetrics

    return float(pdfmetrics.stringWidth(char, font, size))


def text_width(text: str, size: float) -> float:
    return sum(_advance(c, fonts.font_for(c), size) for c in text)


def wrap(paragraph: str, width: float, size: float) -> list[str]:
    """Greedy word wrap; a word wider than the line is broken where it must be."""
    lines: list[str] = []
    current = ""
    for word in paragraph.split(" "):
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size) * WRAP_SAFETY <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        while text_width(word, size) * WRAP_SAFETY > width and len(word) > 1:
            cut = len(word)
            while cut > 1 and text_width(word[:cut], size) * WRAP_SAFETY > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    lines.append(current)
    return lines


class Hand:
    """The writer's hand: holds the ink and the slowly drifting pressure between glyphs."""

    def __init__(self, rng: random.Random, paper: RGB, *, ruled: bool = False) -> None:
        self.rng = rng
        # On ruled paper a writer follows the lines: less slope and drift.
        self.freedom = 0.35 if ruled else 1.0
        self.paper = paper
        self.ink = INKS[rng.randrange(len(INKS))]
        self.pressure = 0.9

    def write_line(self, text: str, x: float, baseline: float, size: float, limit: float) -> list[Glyph]:
        """Glyphs for one line starting at (x, baseline); never past `limit` on the right."""
        rng = self.rng
        slope = math.radians(max(-1.1, min(1.1, rng.gauss(0.15, 0.45))) * self.freedom)
        wander_phase, wander_amp = rng.uniform(0, math.tau), rng.uniform(0.2, 0.8) * self.freedom
        start, glyphs = x, list[Glyph]()
        word_size = size
        for char in text:
            font = fonts.font_for(char)
            if char == " " or not glyphs:
                word_size = size * (1 + max(-0.04, min(0.04, rng.gauss(0, 0.02))))
            # Size varies a little per word and less per glyph: text extractors (pdftotext) start a new
            # word when a glyph's size differs by 5% from the word's first, and the text layer must keep
            # whole words.
            glyph_size = word_size * (1 + max(-0.02, min(0.02, rng.gauss(0, 0.012))))
            advance = _advance(char, font, glyph_size)
            if char == " ":
                advance *= rng.uniform(0.85, 1.3)
            else:
                advance *= 1 + rng.gauss(0, 0.015)
            if x + advance > limit and char != " ":
                # Crowd the last letters together rather than write into the margin, as people do.
                glyph_size *= max(0.7, (limit - x) / advance)
                advance = limit - x
            self.pressure = max(0.72, min(1.0, self.pressure + rng.gauss(0, 0.035)))
            dy = (x - start) * math.tan(slope) + rng.gauss(0, size * 0.02)
            dy += wander_amp * math.sin(wander_phase + (x - start) / 60)
            angle = max(-5.0, min(5.0, rng.gauss(0, 1.6)))
            colour = mix(self.ink, self.paper, self.pressure)
            glyphs.append(Glyph(char, x, baseline + dy, glyph_size, angle, font, colour))
            x += advance
        return glyphs


def _frame(width: float, height: float, size_name: str, layout: str) -> Frame:
    short = min(width, height)
    side = short * (0.11 if layout == "card" else 0.09)
    top = short * (0.13 if layout == "card" else 0.10)
    letter_size, card_size = HAND_SIZES[size_name]
    size = card_size if layout == "card" else letter_size
    return Frame(side, width - side, height - top, short * 0.09, size)


def _card_border(sheet: Sheet, rng: random.Random, inset: float) -> None:
    """A hand-ruled double border, as on a bought card: slightly uneven, in a warm grey."""
    colour = mix((0.55, 0.42, 0.30), sheet.colour, 0.5)
    for gap in (inset, inset + 3.2):
        x0, y0, x1, y1 = gap, gap, sheet.width - gap, sheet.height - gap
        corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
        jittered = [(cx + rng.uniform(-0.4, 0.4), cy + rng.uniform(-0.4, 0.4)) for cx, cy in corners]
        jittered[-1] = jittered[0]
        for (ax, ay), (bx, by) in itertools.pairwise(jittered):
            sheet.marks.append(Stroke(ax, ay, bx, by, 0.6 if gap == inset else 0.35, colour))


def _paragraph_lines(text: str, width: float, size: float) -> list[str | None]:
    """Wrapped lines; None marks the gap between paragraphs."""
    out: list[str | None] = []
    for number, paragraph in enumerate(text.strip("\n").split("\n")):
        if number and paragraph.strip() == "":
            out.append(None)
            continue
        out.extend(wrap(paragraph.strip(), width, size) if paragraph.strip() else [])
    return out


def lay_out(
    text: str,
    *,
    size: str,
    paper: str,
    layout: str,
    seed: int,
    signature: tuple[Path, float] | None = None,
    recipient: str | None = None,
) -> Laid:
    """Place `text` (already cleaned) on as many sheets as it needs.

    `signature` is (image path, width/height ratio); it goes under the last line, on a new sheet if the
    last one is full.
    """
    rng = random.Random(seed)
    pages: list[Page] = []
    notices: list[str] = []
    page_size = PAGE_SIZES[size]
    if layout == "envelope":
        pages.append(_envelope(recipient or "", size, paper, rng))
    frame = _frame(*page_size, size, "card" if layout == "card" else "letter")
    hand = Hand(rng, PAPER_COLOURS[paper], ruled=paper == "ruled")
    line_width = frame.right - frame.left
    # Ragged margins: greedy wrapping already leaves the right edge uneven; each line also starts a
    # little in or out (the indent below), as a hand does when it returns to the left edge.
    lines = _paragraph_lines(text, line_width, frame.size)
    page = _new_page(page_size, size, paper, layout, frame, rng)
    pages.append(page)
    first_page_index = len(pages) - 1
    baseline = frame.top - frame.size
    closing_from = _closing_start(lines, line_width, frame.size)
    for number, line in enumerate(lines):
        if line is None:
            baseline -= frame.leading * (1.0 if paper == "ruled" else 0.55)
            continue
        if baseline < frame.bottom:
            page = _new_page(page_size, size, paper, layout, frame, rng)
            pages.append(page)
            baseline = frame.top - frame.size
        indent = max(-2.0, rng.gauss(1.5, 2.0))
        if number >= closing_from:
            indent += line_width * CLOSING_INDENT
        glyphs = hand.write_line(line, frame.left + indent, baseline, frame.size, frame.right)
        page.lines.append(glyphs)
        baseline -= frame.leading
    if signature is not None:
        path, ratio = signature
        height = frame.leading * 2.2
        width = min(height * ratio, line_width * 0.5)
        height = width / ratio
        if baseline + frame.size - height < frame.bottom:
            page = _new_page(page_size, size, paper, layout, frame, rng)
            pages.append(page)
            baseline = frame.top - frame.size
        x = frame.left + line_width * 0.45 + rng.uniform(0, line_width * 0.05)
        page.pictures.append(Picture(path, x, baseline + frame.size - height, width, height))
    if layout == "card" and len(pages) == first_page_index + 1 and paper != "ruled":
        _centre_single_card(pages[first_page_index], frame)
    written = len(pages) - first_page_index
    if layout == "card" and written > 1:
        bigger = {"postcard": "a5", "a5": "letter"}.get(size)
        hint = f"; `--size {bigger}` gives more room" if bigger else ""
        notices.append(f"The text is too long for one {size} card, so it flows onto {written} cards{hint}.")
    for item in pages[first_page_index:]:
        item.content_box = (frame.left - 4, frame.bottom - frame.size, frame.right, frame.top)
    return Laid(pages, notices)


def _closing_start(lines: list[str | None], line_width: float, size: float) -> int:
    """Index of the first line of a short sign-off ("With love,\nSam"), or len(lines) if there is none.

    People write the sign-off toward the right; only a last paragraph of at most three short lines
    counts, so a letter that ends mid-thought stays at the left margin.
    """
    start = len(lines)
    while start > 0 and lines[start - 1] is not None:
        start -= 1
    closing = [line for line in lines[start:] if line is not None]
    if start == 0 or not closing or len(closing) > 3:
        return len(lines)
    widest = max(text_width(line, size) for line in closing)
    return start if widest * WRAP_SAFETY <= line_width * (1 - CLOSING_INDENT) * 0.8 else len(lines)


def _new_page(
    page_size: tuple[float, float], size: str, paper: str, layout: str, frame: Frame, rng: random.Random
) -> Page:
    sheet = make_sheet(page_size, paper, rng)
    border = min(page_size) * 0.045
    if paper == "ruled":
        inset = border + 6 if layout == "card" else 0.0
        rule_sheet(sheet, frame.top - frame.size, frame.leading, frame.bottom, frame.left - 6, inset)
    if layout == "card":
        _card_border(sheet, rng, border)
    return Page(sheet)


def _centre_single_card(page: Page, frame: Frame) -> None:
    """On a one-card letter, move the writing down so it sits in the middle of the card.

    Not on ruled paper: there the writing stays on its lines.
    """
    glyphs = [g for line in page.lines for g in line]
    if not glyphs:
        return
    lowest = min(g.y for g in glyphs) - frame.size * 0.4
    for picture in page.pictures:
        lowest = min(lowest, picture.y)
    spare = lowest - frame.bottom
    if spare <= 0:
        return
    shift = spare / 2
    page.lines = [[_moved(g, -shift) for g in line] for line in page.lines]
    page.pictures = [Picture(p.path, p.x, p.y - shift, p.width, p.height) for p in page.pictures]


def _moved(glyph: Glyph, dy: float) -> Glyph:
    return Glyph(glyph.char, glyph.x, glyph.y + dy, glyph.size, glyph.angle, glyph.font, glyph.colour)


def _envelope(recipient: str, size: str, paper: str, rng: random.Random) -> Page:
    """The front of an envelope: a stamp box top right and the recipient's name, written large."""
    width, height = ENVELOPE_SIZES[size]
    sheet = make_sheet((width, height), "white" if paper == "ruled" else paper, rng)
    stamp_w, stamp_h, pad = 52.0, 62.0, 22.0
    sx, sy = width - pad - stamp_w, height - pad - stamp_h
    grey = mix((0.5, 0.45, 0.4), sheet.colour, 0.5)
    for ax, ay, bx, by in ((sx, sy, sx + stamp_w, sy), (sx + stamp_w, sy, sx + stamp_w, sy + stamp_h),
                           (sx + stamp_w, sy + stamp_h, sx, sy + stamp_h), (sx, sy + stamp_h, sx, sy)):
        sheet.marks.append(Stroke(ax, ay, bx, by, 0.5, grey))
    # Perforations: paper-coloured bites along every edge of the stamp box.
    for step in range(13):
        for px, py in ((sx + step * stamp_w / 12, sy), (sx + step * stamp_w / 12, sy + stamp_h)):
            sheet.marks.append(Dot(px, py, 1.0, sheet.colour))
    for step in range(15):
        for px in (sx, sx + stamp_w):
            sheet.marks.append(Dot(px, sy + step * stamp_h / 14, 1.0, sheet.colour))
    page = Page(sheet, content_box=(pad, pad, width - pad, height - pad))
    hand = Hand(rng, sheet.colour)
    name_size = 30.0 if size != "postcard" else 26.0
    lines = wrap(recipient, width * 0.55, name_size) if recipient else []
    baseline = height * 0.48
    for line in lines:
        x = width * 0.38 + rng.uniform(-4, 4)
        page.lines.append(hand.write_line(line, x, baseline, name_size, width - pad))
        baseline -= name_size * 1.3
    return page
