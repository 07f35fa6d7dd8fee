"""Binding letters into a book: a typeset PDF manuscript with a title page, contents and one chapter
per letter (its date, the recipient by initials unless chosen otherwise), and optionally the
handwritten facsimile of each letter after its chapter.

Typeset with reportlab's platypus in EB Garamond (`fontpkg-eb-garamond`, OFL; falls back to Vera),
A5 pages with page numbers, built twice so the contents know their page numbers. Invariant mode makes
the same letters give the same bytes.
What this module leaves out: choosing which letters go in (the library) and the handwriting itself
(os1.letters.layout / render, reused here for facsimiles). It imports reportlab at load: import it lazily.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate, Paragraph, Spacer, TableStyle
from reportlab.platypus.tableofcontents import TableOfContents

from os1.errors import UserInputError
from os1.letters import fonts

BOOK_PAGE = (419.53, 595.28)  # A5


@dataclass(frozen=True)
class BookLetter:
    """One letter as the book needs it."""

    recipient: str
    written: date
    text: str
    seed: int
    occasion: str | None = None
    size: str = "a5"
    paper: str = "cream"


def initials(name: str) -> str:
    """'Margaret Ellis' -> 'M. E.'; 'mum' -> 'M.'."""
    parts = [p for p in name.replace("-", " ").split() if p[:1].isalpha()]
    return " ".join(f"{p[0].upper()}." for p in parts) or name


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def make_book(
    letters: Sequence[BookLetter],
    out: Path,
    *,
    title: str = "Letters",
    author: str | None = None,
    include_facsimiles: bool = False,
    use_initials: bool = True,
) -> int:
    """Write the book to `out`; return its page count. Letters appear in the order given."""
    if not letters:
        raise UserInputError("A book needs at least one letter.", "Pass letter ids, or write a letter first.")
    if not out.parent.is_dir():
        raise UserInputError(f"The folder {out.parent} does not exist.", "Create it or choose another --out.")
    fonts.register_fonts()
    serif, italic = fonts.BOOK_SERIF, fonts.BOOK_SERIF_ITALIC
    styles = {
        "title": ParagraphStyle("title", fontName=serif, fontSize=30, leading=36, alignment=TA_CENTER),
        "subtitle": ParagraphStyle("subtitle", fontName=italic, fontSize=13, leading=18, alignment=TA_CENTER),
        "heading": ParagraphStyle("heading", fontName=serif, fontSize=17, leading=22, spaceAfter=4),
        "date": ParagraphStyle("date", fontName=italic, fontSize=10.5, leading=14, spaceAfter=16),
        "body": ParagraphStyle("body", fontName=serif, fontSize=11, leading=15.5, firstLineIndent=14,
                               spaceAfter=0),
        "first": ParagraphStyle("first", fontName=serif, fontSize=11, leading=15.5, spaceAfter=0),
        "toc": ParagraphStyle("toc", fontName=serif, fontSize=10.5, leading=15),
    }
    years = sorted({letter.written.year for letter in letters})
    span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    story: list[Any] = [Spacer(1, 150), Paragraph(_escape(title), styles["title"]), Spacer(1, 14)]
    byline = f"written by {author}, {span}" if author else span
    story += [Paragraph(_escape(byline), styles["subtitle"]), PageBreak()]
    # The contents is a table; name the book face for its cells too, or Helvetica is referenced unembedded.
    table_style = TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), serif),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
    contents = TableOfContents(levelStyles=[styles["toc"]], dotsMinLevel=0, tableStyle=table_style)
    story += [Paragraph("Contents", styles["heading"]), Spacer(1, 10), contents, PageBreak()]
    for number, letter in enumerate(letters, 1):
        shown = initials(letter.recipient) if use_initials else letter.recipient
        occasion = f" — {letter.occasion[:1].upper()}{letter.occasion[1:]}" if letter.occasion else ""
        heading = f"{number}. To {shown}{occasion}"
        story.append(_Heading(_escape(heading), styles["heading"]))
        story.append(Paragraph(long_date(letter.written), styles["date"]))
        body = letter.text if not use_initials else _hide_name(letter.text, letter.recipient, shown)
        paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
        for index, paragraph in enumerate(paragraphs):
            markup = _escape(paragraph).replace("\n", "<br/>")
            # Greeting and sign-off sit flush left; body paragraphs are indented.
            flush = index in (0, len(paragraphs) - 1)
            story.append(Paragraph(markup, styles["first" if flush else "body"]))
            story.append(Spacer(1, 4))
        if include_facsimiles:
            story += _facsimile_pages(letter, body)
        story.append(PageBreak())
    return _build(story, out)


def _hide_name(text: str, name: str, shown: str) -> str:
    """Initials mean the name does not appear in the body either (the greeting names the person)."""
    for part in sorted({name, *name.split()}, key=len, reverse=True):
        if len(part) > 1:
            text = text.replace(part, shown)
    return text


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _facsimile_pages(letter: BookLetter, text: str) -> list[Any]:
    """The letter in its handwriting (with the same names hidden as in the chapter)."""
    from os1.letters.layout import lay_out

    cleaned = fonts.clean_text(text)
    laid = lay_out(cleaned.text, size=letter.size, paper=letter.paper, layout="letter", seed=letter.seed)
    out: list[Any] = []
    for page in laid.pages:
        out += [PageBreak(), _Facsimile(page)]
    return out


def _build(story: list[Any], out: Path) -> int:
    margin = 48.0
    pages: list[int] = []

    def footer(canvas: Any, doc: Any) -> None:
        pages.append(doc.page)
        if doc.page > 1:
            canvas.setFont(fonts.BOOK_SERIF, 9)
            canvas.drawCentredString(BOOK_PAGE[0] / 2, 26, str(doc.page))

    class Doc(BaseDocTemplate):
        def afterFlowable(self, flowable: Any) -> None:
            if isinstance(flowable, _Heading):
                self.notify("TOCEntry", (0, flowable.getPlainText(), self.page))

    doc = Doc(str(out), pagesize=BOOK_PAGE, invariant=1, title="Letters", creator="OS1",
              leftMargin=margin, rightMargin=margin, topMargin=margin, bottomMargin=margin + 8)
    frame = Frame(margin, margin + 8, BOOK_PAGE[0] - 2 * margin, BOOK_PAGE[1] - 2 * margin - 8, id="text")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=footer)])
    doc.multiBuild(story, canvasmaker=BookCanvas)
    return max(pages) if pages else 0


class BookCanvas(Canvas):
    """A canvas that starts on the book face: the default (Helvetica) would be named but never embedded."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["initialFontName"] = fonts.BOOK_SERIF
        super().__init__(*args, **kwargs)


class _Heading(Paragraph):
    """A chapter heading: a paragraph the contents picks up."""


class _Facsimile(Flowable):
    """A handwritten page, scaled to fit the book's frame, with a hairline edge like a tipped-in sheet."""

    def __init__(self, page: Any) -> None:
        super().__init__()
        self.page = page
        self.scale = 1.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        sheet = self.page.sheet
        self.scale = min(available_width / sheet.width, (available_height - 2) / sheet.height)
        return sheet.width * self.scale, sheet.height * self.scale

    def draw(self) -> None:
        from os1.letters.render import draw_page_pdf

        canvas = self.canv
        canvas.saveState()
        canvas.scale(self.scale, self.scale)
        draw_page_pdf(canvas, self.page)
        canvas.setStrokeColorRGB(0.6, 0.6, 0.6)
        canvas.setLineWidth(0.4 / self.scale)
        canvas.rect(0, 0, self.page.sheet.width, self.page.sheet.height, stroke=1, fill=0)
        canvas.restoreState()
