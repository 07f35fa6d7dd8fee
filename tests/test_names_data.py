"""Checks on os1/mind/data/names.tsv, the list OS1 picks its own name from at first boot.

These tests read the real file shipped in the package; nothing is faked. They check its shape
(header, exactly four tab-separated fields) and the promises the list makes to the companion: enough
distinct names, none of them an AI assistant's name, and a short spoken reason on every row.
They do not judge whether a meaning is accurate; that was checked by hand when the list was written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

NAMES_TSV = Path(__file__).resolve().parents[1] / "os1" / "mind" / "data" / "names.tsv"
HEADER = ["name", "origin", "meaning", "why"]

# Names of well-known assistants, chatbots and fictional AIs. A companion that called itself one of
# these would sound like a product (or like the film's own OS), not like someone choosing a name.
BLOCKLIST = {
    "alexa", "siri", "cortana", "samantha", "ava", "hal", "jarvis", "claude", "gemini", "bard",
    "bixby", "copilot", "grok", "pi", "sydney", "tay", "replika", "sophia", "watson", "erica",
    "aria", "nova", "iris", "ada", "clara", "cleo", "eve", "joi", "friday", "edith", "karen",
    "holly", "juniper", "ember", "coral", "sol", "sage", "aya", "kimi", "ernie", "rufus", "leo",
}


def _rows() -> list[list[str]]:
    lines = NAMES_TSV.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines]


def _body() -> list[list[str]]:
    return _rows()[1:]


def test_header_is_exact() -> None:
    assert _rows()[0] == HEADER


def test_every_row_has_exactly_four_fields() -> None:
    bad = [(i + 2, row) for i, row in enumerate(_body()) if len(row) != 4]
    assert bad == []


def test_no_blank_lines() -> None:
    blanks = [i + 1 for i, row in enumerate(_rows()) if row == [""]]
    assert blanks == []


def test_at_least_200_unique_names() -> None:
    names = {row[0].strip().lower() for row in _body()}
    assert len(names) >= 200


def test_no_duplicate_names_ignoring_case() -> None:
    seen: dict[str, int] = {}
    dupes: list[str] = []
    for row in _body():
        key = row[0].strip().lower()
        if key in seen:
            dupes.append(row[0])
        seen[key] = 1
    assert dupes == []


def test_no_assistant_names() -> None:
    hits = [row[0] for row in _body() if row[0].strip().lower() in BLOCKLIST]
    assert hits == []


def test_names_are_plain_letters_and_short() -> None:
    # Easy to type and spell in English: ASCII letters only, no accents, spaces or hyphens.
    bad = [row[0] for row in _body() if not (row[0].isascii() and row[0].isalpha() and len(row[0]) <= 10)]
    assert bad == []


@pytest.mark.parametrize("column", [1, 2])
def test_origin_and_meaning_are_filled(column: int) -> None:
    empty = [row[0] for row in _body() if not row[column].strip()]
    assert empty == []


def test_every_why_is_present_and_under_100_chars() -> None:
    bad = [row[0] for row in _body() if not row[3].strip() or len(row[3]) >= 100]
    assert bad == []


def test_every_why_is_a_spoken_clause_of_4_to_14_words() -> None:
    # The companion says "I chose it because <why>", so no shouting and a sentence-sized clause.
    bad = [row[0] for row in _body() if not 4 <= len(row[3].split()) <= 14 or "!" in row[3]]
    assert bad == []


def test_whys_are_not_repeated() -> None:
    whys = [row[3].strip().lower() for row in _body()]
    assert len(whys) == len(set(whys))


def test_no_stray_whitespace_in_fields() -> None:
    bad = [row[0] for row in _body() if any(field != field.strip() for field in row)]
    assert bad == []
