"""Helpers that inspect PDFs with poppler's command-line tools (real rasteriser, real text extraction)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm, pdftotext, pdffonts) is not installed"
)


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdf_fonts(path: Path) -> list[tuple[str, str]]:
    """(font name, embedded yes/no) for every font the PDF uses."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        # name, type words..., encoding, emb, sub, uni, object, id: emb is 5th from the end
        rows.append((parts[0], parts[-5]))
    return rows


def rasterise(path: Path, tmp: Path, dpi: int = 72) -> list[Image.Image]:
    """Every page of the PDF as an RGB image at `dpi` (72 dpi: one pixel per point)."""
    prefix = tmp / "page"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(path), str(prefix)], check=True)
    return [Image.open(p).convert("RGB") for p in sorted(tmp.glob("page*.png"))]


def ink_box(image: Image.Image, threshold: int = 140) -> tuple[int, int, int, int] | None:
    """Bounding box (left, top, right, bottom) of pixels dark enough to be ink, or None if blank."""
    mask = image.convert("L").point(lambda v: 255 if v < threshold else 0)
    return mask.getbbox()


def ink_pixels(image: Image.Image, threshold: int = 140) -> int:
    histogram = image.convert("L").histogram()
    return sum(histogram[:threshold])
