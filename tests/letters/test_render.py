"""Rendering letters: real PDFs rasterised with pdftoppm, fonts checked with pdffonts, text with pdftotext."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from os1.errors import UserInputError
from os1.letters import fonts
from os1.letters.layout import lay_out
from os1.letters.render import render_letter
from tests.letters.pdftools import ink_box, ink_pixels, needs_poppler, pdf_fonts, pdf_text, rasterise

LETTER = (
    "Dear Mum,\n\n"
    "I've been thinking about the summer you taught me to swim at the lake — the cold water, your hand "
    "under my back, and how you said \"you're floating\" long before I was.\n\n"
    "Thank you for the café mornings and the naïve questions you always took seriously. Ω means the end.\n\n"
    "With all my love,\nSam"
)


def words(text: str) -> list[str]:
    return text.split()


@needs_poppler
@pytest.mark.parametrize(
    ("size", "paper", "layout"),
    [("a5", "cream", "letter"), ("postcard", "white", "card"), ("letter", "ruled", "letter"), ("a5", "cream", "card")],
)
def test_pdf_ink_stays_inside_the_margins(tmp_path: Path, size: str, paper: str, layout: str) -> None:
    out = tmp_path / "card.pdf"
    result = render_letter(LETTER, out, fmt="pdf", size=size, paper=paper, layout=layout, seed=11)
    laid = lay_out(LETTER, size=size, paper=paper, layout=layout, seed=11)
    pages = rasterise(out, tmp_path)
    assert len(pages) == result.pages == len(laid.pages)
    for image, page in zip(pages, laid.pages, strict=True):
        assert abs(image.width - page.sheet.width) <= 1 and abs(image.height - page.sheet.height) <= 1
        box = ink_box(image)
        assert box is not None, "page is blank"
        assert ink_pixels(image) > 500
        x0, y0, x1, y1 = page.content_box
        # content_box is in PDF points from the bottom; the image is 72 dpi from the top.
        left, top, right, bottom = box
        slack = 3  # glyph rotation may tip a stroke a point or two past its advance box
        assert left >= x0 - slack and right <= x1 + slack
        assert top >= page.sheet.height - y1 - slack
        assert bottom <= page.sheet.height - y0 + slack
        assert left > 0 and top > 0 and right < image.width and bottom < image.height


@needs_poppler
def test_pdf_embeds_every_font_and_keeps_every_word(tmp_path: Path) -> None:
    out = tmp_path / "letter.pdf"
    render_letter(LETTER, out, fmt="pdf", seed=3)
    used = pdf_fonts(out)
    assert {name.split("+")[-1] for name, _ in used} == {"Caveat-Regular", "NotoSans-Regular"}
    assert all(embedded == "yes" for _, embedded in used)
    assert words(pdf_text(out)) == words(LETTER)


@needs_poppler
@pytest.mark.parametrize("seed", [0, 1, 5, 11, 12345])
def test_text_layer_survives_the_jitter_of_any_seed(tmp_path: Path, seed: int) -> None:
    out = tmp_path / "letter.pdf"
    render_letter(LETTER, out, fmt="pdf", layout="card", size="a5", seed=seed)
    assert words(pdf_text(out)) == words(LETTER)


def test_renders_are_byte_identical_for_one_seed_and_differ_across_seeds(tmp_path: Path) -> None:
    for fmt in ("pdf", "png"):
        a, b, c = (tmp_path / f"{name}.{fmt}" for name in "abc")
        render_letter(LETTER, a, fmt=fmt, seed=5)  # type: ignore[arg-type]
        render_letter(LETTER, b, fmt=fmt, seed=5)  # type: ignore[arg-type]
        render_letter(LETTER, c, fmt=fmt, seed=6)  # type: ignore[arg-type]
        assert a.read_bytes() == b.read_bytes()
        assert a.read_bytes() != c.read_bytes()


def test_handwriting_varies_from_glyph_to_glyph() -> None:
    laid = lay_out(LETTER, size="a5", paper="cream", layout="letter", seed=8)
    glyphs = [g for line in laid.pages[0].lines for g in line if g.char.strip()]
    assert len({round(g.angle, 2) for g in glyphs}) > len(glyphs) // 2
    assert len({round(g.size, 3) for g in glyphs}) > len(glyphs) // 2
    assert len({g.colour for g in glyphs}) > 10
    first_line = laid.pages[0].lines[0]
    assert len({round(g.y, 2) for g in first_line}) == len(first_line)
    assert [g.char for g in first_line] == list("Dear Mum,")


def test_png_matches_the_layout(tmp_path: Path) -> None:
    out = tmp_path / "card.png"
    result = render_letter(LETTER + "\n\nP.S. " + LETTER, out, fmt="png", size="postcard", layout="card", seed=4)
    assert result.pages == 2 and len(result.files) == 2
    assert result.files[1].name == "card-2.png"
    assert any("too long for one postcard card" in n and "--size a5" in n for n in result.notices)
    image = Image.open(out)
    assert image.size == (900, 600)  # 6 x 4 in at 150 dpi
    assert ink_pixels(image) > 2000


def test_emoji_become_text_or_are_removed_with_a_notice(tmp_path: Path) -> None:
    result = render_letter("Miss you 😊 and 🦄!", tmp_path / "x.pdf", fmt="pdf", seed=1)
    assert any("😊 -> :)" in n for n in result.notices)
    assert any("🦄" in n and "Removed 1" in n for n in result.notices)
    assert fonts.clean_text("Miss you 😊 and 🦄!").text == "Miss you :) and !"


def test_characters_caveat_lacks_are_drawn_by_the_fallback() -> None:
    assert not fonts.has_glyph(fonts.HAND, "Ω")
    assert fonts.font_for("Ω") == fonts.FALLBACK
    assert fonts.font_for("é") == fonts.HAND
    assert fonts.font_for("—") == fonts.HAND


def test_signature_goes_under_the_last_line(tmp_path: Path) -> None:
    signature = tmp_path / "sig.png"
    art = Image.new("RGBA", (300, 100), (0, 0, 0, 0))
    for x in range(20, 280):
        art.putpixel((x, 50 + (x % 20) - 10), (20, 20, 60, 255))
    art.save(signature)
    laid = lay_out("Love,\nSam", size="a5", paper="cream", layout="letter", seed=1,
                   signature=(signature, 3.0))
    picture = laid.pages[-1].pictures[0]
    lowest_glyph = min(g.y for g in laid.pages[-1].lines[-1])
    assert picture.y + picture.height <= lowest_glyph + 20
    result = render_letter("Love,\nSam", tmp_path / "s.pdf", fmt="pdf", seed=1, signature=signature)
    assert result.pages == 1


def test_envelope_comes_first_and_names_the_recipient(tmp_path: Path) -> None:
    laid = lay_out(LETTER, size="a5", paper="cream", layout="envelope", seed=2, recipient="Margaret Ellis")
    assert laid.pages[0].sheet.width > laid.pages[0].sheet.height
    assert "".join(g.char for g in laid.pages[0].lines[0]) == "Margaret Ellis"
    with pytest.raises(UserInputError, match="recipient"):
        render_letter(LETTER, tmp_path / "e.pdf", fmt="pdf", layout="envelope", seed=2)


@pytest.mark.parametrize(
    ("text", "kwargs", "message"),
    [
        ("   \n ", {}, "empty"),
        ("🦄🦄", {}, "empty"),
        ("hi", {"size": "a3"}, "Unknown size"),
        ("hi", {"paper": "pink"}, "Unknown paper"),
        ("hi", {"layout": "scroll"}, "Unknown layout"),
    ],
)
def test_bad_input_is_refused_with_a_next_step(
    tmp_path: Path, text: str, kwargs: dict[str, str], message: str
) -> None:
    with pytest.raises(UserInputError, match=message) as info:
        render_letter(text, tmp_path / "x.pdf", fmt="pdf", seed=1, **kwargs)  # type: ignore[arg-type]
    assert info.value.hint


def test_a_long_letter_flows_onto_more_pages(tmp_path: Path) -> None:
    text = "\n\n".join(f"Paragraph {n}: " + "we walked along the river and talked for hours. " * 6
                       for n in range(12))
    result = render_letter(text, tmp_path / "long.pdf", fmt="pdf", size="a5", seed=3)
    assert result.pages >= 3


def test_a_short_sign_off_is_written_toward_the_right() -> None:
    laid = lay_out(LETTER, size="a5", paper="cream", layout="letter", seed=2)
    lines = laid.pages[0].lines
    body_start = max(line[0].x for line in lines[:-2])
    assert [g.char for g in lines[-1]] == list("Sam")
    assert min(lines[-1][0].x, lines[-2][0].x) > body_start + 100
    long_ending = lay_out("Dear Jo,\n\n" + "We talked for hours about everything. " * 3, size="a5", paper="cream",
                          layout="letter", seed=2)
    assert long_ending.pages[0].lines[-1][0].x < 60  # a letter that ends mid-thought stays at the margin


@needs_poppler
def test_every_character_reaches_the_page(tmp_path: Path) -> None:
    text = "It’s “naïve” — Zoë’s crème brûlée, São Paulo, Łódź, Ελλάδα, Москва, ½ € £ ñ ß æ ø å ç"
    out = tmp_path / "chars.pdf"
    result = render_letter(text + " 中文", out, fmt="pdf", seed=1)
    assert words(pdf_text(out)) == words(text)
    assert result.notices == ("Removed 2 character(s) no installed font can draw: 中文",)
