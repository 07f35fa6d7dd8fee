"""Fonts for letters: the handwriting face, its fallbacks, and which font draws each character.

The hand is Caveat (package `fontpkg-caveat`, OFL). Characters Caveat lacks fall back to Noto Sans
(`fontpkg-noto-sans`, OFL) when installed, else to Bitstream Vera, which ships inside reportlab, so a
fallback always exists. Emoji are not in any of these faces: common ones become a small text sign
(":)", "♥") and the rest are dropped; either way the caller gets a notice.
What this module leaves out: placing glyphs (os1.letters.layout) and drawing them (os1.letters.render).
"""

from __future__ import annotations

import functools
import importlib.util
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from os1.errors import UserInputError

HAND = "OS1-Caveat"
FALLBACK = "OS1-Fallback"
BOOK_SERIF = "OS1-BookSerif"
BOOK_SERIF_ITALIC = "OS1-BookSerif-Italic"

# Emoji that have a plain-text stand-in a reader will understand; anything else in the emoji ranges
# is removed. Keep the stand-ins inside the fonts' coverage.
EMOJI_TEXT: dict[str, str] = {
    "🙂": ":)", "😊": ":)", "😀": ":D", "😃": ":D", "😄": ":D", "😁": ":D", "😉": ";)",
    "😢": ":(", "😞": ":(", "🙁": ":(", "☹": ":(", "😂": ":D", "🤣": ":D", "😘": "x",
    "❤": "♥", "💕": "♥♥", "💖": "♥", "💗": "♥", "💙": "♥", "💚": "♥", "💛": "♥", "💜": "♥",
    "🧡": "♥", "🖤": "♥", "😍": "♥", "🥰": "♥", "🌹": "(a rose)", "🎂": "(a cake)",
    "🎉": "!", "👍": "(thumbs up)", "🙏": "(thank you)", "⭐": "*", "✨": "*",
}
# Joiners and variation selectors belong to an emoji sequence and vanish with it.
_INVISIBLE = {"\u200d", "\ufe0f", "\ufe0e"}


def _package_font(package: str, filename: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "files" / filename
    return path if path.exists() else None


@functools.cache
def font_paths() -> dict[str, Path]:
    """Map each font key to its TTF file; raises if the handwriting face is missing."""
    hand = _package_font("fontpkg_caveat", "Caveat[wght].ttf")
    if hand is None:
        raise UserInputError(
            "The handwriting font (Caveat) is not installed.",
            "Install it with `pip install fontpkg-caveat`.",
        )
    import reportlab

    vera = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
    fallback = _package_font("fontpkg_noto_sans", "NotoSans[wdth,wght].ttf") or vera
    serif = _package_font("fontpkg_eb_garamond", "EBGaramond[wght].ttf") or vera
    serif_italic = _package_font("fontpkg_eb_garamond", "EBGaramond-Italic[wght].ttf") or vera
    return {HAND: hand, FALLBACK: fallback, BOOK_SERIF: serif, BOOK_SERIF_ITALIC: serif_italic}


@functools.cache
def register_fonts() -> None:
    """Register every font with reportlab once per process (embedding happens on use)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for key, path in font_paths().items():
        pdfmetrics.registerFont(TTFont(key, str(path)))


@functools.cache
def _coverage(key: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    face = pdfmetrics.getFont(key).face
    return frozenset(face.charToGlyph)


def has_glyph(key: str, char: str) -> bool:
    return ord(char) in _coverage(key)


def is_emoji(char: str) -> bool:
    """True for pictographs and symbols that only a colour-emoji font would draw."""
    code = ord(char)
    return (
        0x1F000 <= code <= 0x1FAFF
        or 0x2600 <= code <= 0x27BF
        or 0x2B00 <= code <= 0x2BFF
        or (unicodedata.category(char) == "So" and code > 0x2000)
    )


@dataclass(frozen=True)
class Cleaned:
    """Text ready to draw, and the notices to show the person about what changed."""

    text: str
    notices: tuple[str, ...]


def clean_text(text: str) -> Cleaned:
    """Replace emoji with text stand-ins or drop them; drop characters no font can draw.

    Characters that Caveat lacks but the fallback has are kept (they are drawn in the fallback face).
    """
    out: list[str] = []
    mapped: dict[str, str] = {}
    dropped: list[str] = []
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\t", "    ")
    for char in text:
        if char == "\n" or char in _INVISIBLE:
            out.append(char if char == "\n" else "")
            continue
        if char in EMOJI_TEXT and not has_glyph(HAND, char):
            mapped[char] = EMOJI_TEXT[char]
            out.append(EMOJI_TEXT[char])
        elif not unicodedata.category(char).startswith("C") and not drawable(char):
            dropped.append(char)
        elif unicodedata.category(char) in ("Cc", "Cf"):
            continue  # control characters carry no ink
        else:
            out.append(char)
    notices: list[str] = []
    if mapped:
        pairs = ", ".join(f"{k} -> {v}" for k, v in mapped.items())
        notices.append(f"Emoji written as text, since a pen cannot draw them: {pairs}.")
    if dropped:
        unique = "".join(dict.fromkeys(dropped))
        notices.append(f"Removed {len(dropped)} character(s) no installed font can draw: {unique}")
    return Cleaned("".join(out), tuple(notices))


def drawable(char: str) -> bool:
    """True when the hand or the fallback has a glyph for `char`."""
    return has_glyph(HAND, char) or has_glyph(FALLBACK, char)


def font_for(char: str) -> str:
    """The font key that draws `char`: the hand when it can, else the fallback."""
    return HAND if has_glyph(HAND, char) or char == " " else FALLBACK
