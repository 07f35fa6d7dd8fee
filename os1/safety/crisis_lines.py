"""Crisis lines by country: the packaged table and `lookup()`.

What it holds: `CrisisLine` (one row of `data/crisis_lines.tsv`: service, phone, text/chat where they
exist, hours, the emergency number, the source page and the date it was checked), `lookup()` (ISO code or
country name, case-insensitive, with common aliases), `all_lines()` and `INTERNATIONAL_FALLBACK`, the
text used when the country is unknown to us. We never invent a number: a country that is not in the
table gets the fallback, which points to directories, not to a made-up line.

What it leaves out: asking the person for their country (os1.safety.response) and storing it (the
person record / config `person.country`).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class CrisisLine:
    iso: str
    country: str
    service: str
    phone: str
    text: str | None
    chat: str | None
    hours: str | None
    emergency: str | None
    source: str
    checked: str

    def describe(self) -> str:
        """One plain line: service, how to reach it, hours."""
        ways = [f"call {self.phone}"]
        if self.text:
            ways.append(self.text)
        if self.chat:
            ways.append(self.chat)
        hours = f" ({self.hours})" if self.hours else ""
        return f"{self.service}: {', '.join(ways)}{hours}"


# Shown when the country is unknown or not in the table: directories, never a guessed number.
INTERNATIONAL_FALLBACK = (
    "If you tell me which country you're in, I can give you the crisis line there. You can also find free, "
    "confidential helplines for most countries at findahelpline.com, or in the International Association for "
    "Suicide Prevention's list of crisis centres (iasp.info). If you're in danger right now, please call your "
    "local emergency number."
)


def _fold(name: str) -> str:
    """Lower-case, accents removed, spaces squeezed: 'Österreich ' -> 'osterreich'."""
    decomposed = unicodedata.normalize("NFKD", name.strip().lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.replace(".", " ").split())


@lru_cache(maxsize=1)
def _table() -> tuple[tuple[CrisisLine, ...], dict[str, CrisisLine]]:
    raw = (resources.files("os1.safety") / "data" / "crisis_lines.tsv").read_text(encoding="utf-8")
    rows = [line for line in raw.splitlines() if line.strip() and not line.startswith("#")]
    header = rows[0].split("\t")
    lines: list[CrisisLine] = []
    index: dict[str, CrisisLine] = {}
    for row in rows[1:]:
        cells = dict(zip(header, row.split("\t"), strict=True))
        line = CrisisLine(
            iso=cells["iso"],
            country=cells["country"],
            service=cells["service"],
            phone=cells["phone"],
            text=cells["text"] or None,
            chat=cells["chat"] or None,
            hours=cells["hours"] or None,
            emergency=cells["emergency"] or None,
            source=cells["source"],
            checked=cells["checked"],
        )
        lines.append(line)
        names = [line.iso, line.country, *[a for a in cells["aliases"].split(";") if a]]
        for name in names:
            index[_fold(name)] = line
    return tuple(lines), index


def all_lines() -> tuple[CrisisLine, ...]:
    """Every row of the table, in file order."""
    return _table()[0]


def lookup(country: str | None) -> CrisisLine | None:
    """The crisis line for `country` (ISO 3166 alpha-2 code or name, any case), or for a region or city in one
    ("US-TX", "Texas", "Leeds": see os1.safety.places), or None if unknown."""
    if not country or not country.strip():
        return None
    key = _fold(country)
    if key in ("uk", "gb"):
        key = "gb"
    # A US state, UK nation, Canadian province, Australian state, or a city in one (os1.safety.places) comes
    # first: "Scotland" or "Northern Ireland" are also aliases of the UK row, and the region knows more.
    from os1.safety.places import region_line

    return region_line(country) if len(key) > 2 and region_line(country) else _table()[1].get(key)
