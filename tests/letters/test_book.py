"""Binding letters into a book: real PDFs read back with pdftotext/pdffonts and rasterised."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from os1.errors import UserInputError
from os1.letters.book import BookLetter, initials, make_book
from tests.letters.pdftools import ink_pixels, needs_poppler, pdf_fonts, rasterise

LETTERS = [
    BookLetter("Margaret Ellis", date(2026, 3, 4), "Dear Margaret,\n\nThe lake was cold.\n\nLove,\nSam", 1,
               occasion="birthday"),
    BookLetter("Jo", date(2026, 5, 17), "Dear Jo,\n\nThank you for the long walk by the river.\n\nSam", 2),
    BookLetter("Ana Lucía Pérez", date(2027, 1, 2), "Querida Ana,\n\nGracias por todo — de verdad.\n\nSam", 3),
]


def page_text(path: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


def test_initials() -> None:
    assert initials("Margaret Ellis") == "M. E."
    assert initials("mum") == "M."
    assert initials("Jean-Luc Picard") == "J. L. P."


@needs_poppler
def test_book_has_title_contents_and_one_chapter_per_letter(tmp_path: Path) -> None:
    out = tmp_path / "book.pdf"
    pages = make_book(LETTERS, out, author="Sam")
    assert pages == 5  # title, contents, three chapters
    assert "Letters" in page_text(out, 1) and "written by Sam, 2026–2027" in page_text(out, 1)
    contents = page_text(out, 2)
    entries = re.findall(r"(\d)\. To ([^\n.]+(?:\. [A-Z])*\.?)[^\n]*?(\d+)\s*$", contents, flags=re.MULTILINE)
    assert [(n, page) for n, _, page in entries] == [("1", "3"), ("2", "4"), ("3", "5")]
    for number, letter in enumerate(LETTERS, 1):
        chapter = page_text(out, number + 2)
        assert f"{number}. To {initials(letter.recipient)}" in chapter
        assert f"{letter.written.day} {letter.written:%B %Y}" in chapter
    assert "Margaret" not in subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert all(embedded == "yes" for _, embedded in pdf_fonts(out))


@needs_poppler
def test_full_names_and_facsimiles_on_request(tmp_path: Path) -> None:
    out = tmp_path / "book.pdf"
    pages = make_book(LETTERS, out, include_facsimiles=True, use_initials=False)
    assert pages == 8  # each letter fits one handwritten page
    assert "1. To Margaret Ellis — Birthday" in page_text(out, 3)
    assert {name.split("+")[-1] for name, _ in pdf_fonts(out)} >= {"EBGaramond-Regular", "Caveat-Regular"}
    facsimile = rasterise(out, tmp_path, dpi=100)[3]
    assert ink_pixels(facsimile) > 300  # the handwritten page is drawn, not blank
    assert "The lake was cold." in page_text(out, 4)


def test_same_letters_same_bytes_and_no_empty_book(tmp_path: Path) -> None:
    make_book(LETTERS, tmp_path / "a.pdf")
    make_book(LETTERS, tmp_path / "b.pdf")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
    with pytest.raises(UserInputError, match="at least one letter"):
        make_book([], tmp_path / "c.pdf")
