"""Paper for letters: page sizes, paper colours, and the procedural texture drawn on each sheet.

Everything here is a plain description (colours, rectangles, strokes, dots in PDF points, origin at the
bottom left) so the PDF and PNG renderers draw the very same sheet. Texture is seeded, so a re-render
gives the same specks and fibres. What this module leaves out: the writing (os1.letters.layout).
"""

from __future__ import annotations

import math
import random
from collections.abc import Collection
from dataclasses import dataclass, field

from os1.errors import UserInputError

RGB = tuple[float, float, float]

# Width x height in points (1/72 inch). The postcard is landscape, as postcards are written.
PAGE_SIZES: dict[str, tuple[float, float]] = {
    "postcard": (432.0, 288.0),  # 6 x 4 in
    "a5": (419.53, 595.28),
    "letter": (612.0, 792.0),
}
# Envelope sheet used by the envelope layout for each page size (C6 for the small ones, #10 for letter).
ENVELOPE_SIZES: dict[str, tuple[float, float]] = {
    "postcard": (459.2, 323.1),
    "a5": (459.2, 323.1),
    "letter": (684.0, 297.0),
}
PAPER_COLOURS: dict[str, RGB] = {
    "cream": (0.965, 0.936, 0.866),
    "white": (0.992, 0.990, 0.982),
    "ruled": (0.985, 0.978, 0.950),
}
RULE_BLUE: RGB = (0.55, 0.70, 0.86)
MARGIN_RED: RGB = (0.88, 0.52, 0.52)


def check_choice(kind: str, value: str, choices: Collection[str]) -> None:
    """Raise a friendly error when `value` is not one of `choices`."""
    if value not in choices:
        names = ", ".join(choices)
        raise UserInputError(f"Unknown {kind} {value!r}.", f"Choose one of: {names}.")


def mix(colour: RGB, paper: RGB, amount: float) -> RGB:
    """`amount` of `colour` laid over `paper` (an opaque stand-in for transparency)."""
    return (
        paper[0] + (colour[0] - paper[0]) * amount,
        paper[1] + (colour[1] - paper[1]) * amount,
        paper[2] + (colour[2] - paper[2]) * amount,
    )


@dataclass(frozen=True)
class Stroke:
    """A straight line: rules, fibres, borders."""

    x0: float
    y0: float
    x1: float
    y1: float
    width: float
    colour: RGB


@dataclass(frozen=True)
class Dot:
    """A filled circle: paper specks, stamp perforations."""

    x: float
    y: float
    radius: float
    colour: RGB


@dataclass
class Sheet:
    """One sheet of paper before anything is written on it."""

    width: float
    height: float
    colour: RGB
    marks: list[Stroke | Dot] = field(default_factory=list)


def texture(sheet: Sheet, rng: random.Random) -> None:
    """Scatter faint specks and fibres, about as many as a real sheet shows at arm's length."""
    area = sheet.width * sheet.height
    brown: RGB = (0.45, 0.36, 0.24)
    for _ in range(int(area / 420)):
        sheet.marks.append(
            Dot(
                rng.uniform(0, sheet.width),
                rng.uniform(0, sheet.height),
                rng.uniform(0.15, 0.45),
                mix(brown, sheet.colour, rng.uniform(0.05, 0.16)),
            )
        )
    for _ in range(int(area / 2600)):
        x, y = rng.uniform(0, sheet.width), rng.uniform(0, sheet.height)
        length, angle = rng.uniform(2.0, 7.0), rng.uniform(0, math.pi)
        sheet.marks.append(
            Stroke(
                x,
                y,
                x + length * math.cos(angle),
                y + length * math.sin(angle),
                rng.uniform(0.15, 0.3),
                mix(brown, sheet.colour, rng.uniform(0.05, 0.12)),
            )
        )


def make_sheet(size: tuple[float, float], paper: str, rng: random.Random) -> Sheet:
    """A textured sheet of `paper` (rules are added by the layout, which knows the line pitch)."""
    check_choice("paper", paper, PAPER_COLOURS)
    sheet = Sheet(size[0], size[1], PAPER_COLOURS[paper])
    texture(sheet, rng)
    return sheet


def rule_sheet(
    sheet: Sheet, first_baseline: float, pitch: float, bottom: float, margin_x: float, inset: float = 0.0
) -> None:
    """Draw ruled lines every `pitch` points from `first_baseline` down to `bottom`, and a margin line.

    `inset` keeps the rules inside a card's border.
    """
    y = first_baseline
    colour = mix(RULE_BLUE, sheet.colour, 0.55)
    while y >= bottom - 0.01:
        sheet.marks.append(Stroke(inset, y, sheet.width - inset, y, 0.45, colour))
        y -= pitch
    red = mix(MARGIN_RED, sheet.colour, 0.6)
    sheet.marks.append(Stroke(margin_x, inset, margin_x, sheet.height - inset, 0.6, red))
