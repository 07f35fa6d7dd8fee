"""Letter benchmarks: one handwritten card as PDF (target <= 1 s) and as PNG, and a 50-letter book with
facsimiles (target <= 20 s). Each figure is the median of several runs in a fresh process state after
one warm-up (fonts registered, as in a running OS1); the cold first card is reported too.

Run: PYTHONPATH=. .venv/bin/python bench/letters.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

CARD = (
    "Dear Mum,\n\nI've been thinking about the summer you taught me to swim at the lake — the cold water, "
    "your hand under my back, and how you said \"you're floating\" long before I was. I still hear that when "
    "something feels too deep.\n\nThank you for the café mornings and for never once making me feel small.\n\n"
    "I hope the garden is doing well. I'll visit at Christmas, and this time I'm making the soup.\n\n"
    "With all my love,\nSam"
)


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    from os1.letters.book import BookLetter, make_book
    from os1.letters.render import render_letter

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        cold = timed(lambda: render_letter(CARD, out / "cold.pdf", fmt="pdf", layout="card", seed=0))
        pdf = [timed(lambda i=i: render_letter(CARD, out / f"c{i}.pdf", fmt="pdf", layout="card", seed=i))
               for i in range(runs)]
        png = [timed(lambda i=i: render_letter(CARD, out / f"c{i}.png", fmt="png", layout="card", seed=i))
               for i in range(runs)]
        letters = [BookLetter(f"Friend {n}", date(2026, 1, 1) + timedelta(days=7 * n), CARD, n) for n in range(50)]
        book_runs = max(1, runs // 2)
        plain = [timed(lambda: make_book(letters, out / "book.pdf")) for _ in range(book_runs)]
        facsimiles = [timed(lambda: make_book(letters, out / "bookf.pdf", include_facsimiles=True))
                      for _ in range(book_runs)]
    print(f"card PDF, first in process (imports + font registration): {cold:.3f} s")
    print(f"card PDF  median of {runs}: {statistics.median(pdf):.3f} s  (target <= 1 s)")
    print(f"card PNG  median of {runs}: {statistics.median(png):.3f} s")
    print(f"50-letter book, typeset only, median of {book_runs}: {statistics.median(plain):.2f} s")
    print(f"50-letter book with facsimiles, median of {book_runs}: {statistics.median(facsimiles):.2f} s"
          "  (target <= 20 s)")


if __name__ == "__main__":
    main()
