"""Reading JSON from files OS1 did not write: bounded depth and number size, a BOM accepted.

`json.loads` raises RecursionError on "[[[[…" ten thousand deep and ValueError (not JSONDecodeError)
on a 100,000-digit integer (Python's int-conversion limit), and a file saved by Windows Notepad starts
with a byte-order mark that makes its first line "not JSON". `loads` turns every one of those into
a `ValueError` with a short reason, checked before parsing, so a caller's `except ValueError` covers
all bad input; `open_text` reads UTF-8 with or without a BOM.
What this module leaves out: what the JSON means (os1.store.bundle, os1.memory.importer, os1.cli.memory).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import IO, Any

MAX_DEPTH = 32
MAX_NUMBER_CHARS = 40
BOM = "\ufeff"
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)  # unrolled: linear on long strings
_BRACKET = re.compile(r"[\[\]{}]")


def depth(text: str) -> int:
    """The deepest nesting of arrays and objects in JSON `text` (brackets inside strings don't count)."""
    deepest = level = 0
    for match in _BRACKET.finditer(_STRING.sub('""', text)):
        level += 1 if match.group(0) in "[{" else -1
        deepest = max(deepest, level)
    return deepest


def _number(text: str) -> int | float:
    if len(text) > MAX_NUMBER_CHARS:
        raise ValueError(f"a number {len(text):,} characters long")
    return float(text) if any(c in text for c in ".eE") else int(text)


def _constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def loads(text: str | bytes, *, max_depth: int = MAX_DEPTH) -> Any:
    """Parse JSON; ValueError (with a short reason) for anything bad: syntax, nesting deeper than
    `max_depth`, numbers longer than MAX_NUMBER_CHARS, NaN/Infinity. A leading BOM is ignored."""
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    text = text.removeprefix(BOM)
    if depth(text) > max_depth:
        raise ValueError(f"nested deeper than {max_depth} levels")
    try:
        return json.loads(text, parse_int=_number, parse_float=_number, parse_constant=_constant)
    except RecursionError as exc:  # unreachable after the depth check; kept as a last guard
        raise ValueError("nested too deeply") from exc


def open_text(path: Path) -> IO[str]:
    """A text file opened as UTF-8, its BOM (if any) skipped; undecodable bytes raise UnicodeDecodeError."""
    return path.open(encoding="utf-8-sig", errors="strict")
