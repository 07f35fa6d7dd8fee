"""Where the person is, below the country: the regions table, `region_line()` and `find_place()`.

What it holds: `Region` (one row of `data/regions.tsv`: US states and DC, UK nations, Canadian provinces and
territories, Australian states and territories, each with the cities people name for it and, where the
region has its own line, that line with its source and the date checked), `regions()`, `region_line(name)`
(the crisis line for a region: its own where it has one — Northern Ireland's Lifeline, Quebec's
1 866 APPELLE — otherwise its country's, named for the region so the reply can say "In Texas, ..."), and
`find_place(text)`, which reads a place the person names about themselves ("I'm in Texas", "here in Leeds",
"we live in Ontario") and returns a region code or a country name that `crisis_lines.lookup` accepts.

What it leaves out: the national table (crisis_lines.py) and storing the place (the caller; see
guard.safety_step). A place is only read after a cue that it is where the person is ("in", "from",
"here in", "live in"), so "Reading" or "Nice" in passing are not taken for places, and two-letter
abbreviations count only in capitals ("I'm in TX"), never "in" or "me".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from os1.safety.crisis_lines import CrisisLine, _fold, all_lines


@dataclass(frozen=True)
class Region:
    code: str  # "US-TX", "GB-NIR", "CA-QC", "AU-NSW"
    country: str  # ISO 3166 alpha-2 of the country
    name: str
    aliases: tuple[str, ...]
    service: str | None
    phone: str | None
    text: str | None
    chat: str | None
    hours: str | None
    source: str
    checked: str


@lru_cache(maxsize=1)
def regions() -> tuple[Region, ...]:
    """Every row of data/regions.tsv, in file order."""
    raw = (resources.files("os1.safety") / "data" / "regions.tsv").read_text(encoding="utf-8")
    rows = [line for line in raw.splitlines() if line.strip() and not line.startswith("#")]
    header = rows[0].split("\t")
    out: list[Region] = []
    for row in rows[1:]:
        c = dict(zip(header, row.split("\t"), strict=True))
        out.append(Region(c["code"], c["country"], c["name"], tuple(a for a in c["aliases"].split(";") if a),
                          c["service"] or None, c["phone"] or None, c["text"] or None, c["chat"] or None,
                          c["hours"] or None, c["source"], c["checked"]))
    return tuple(out)


def _is_abbreviation(alias: str) -> bool:
    return len(alias) <= 3 and alias.isalpha()


@lru_cache(maxsize=1)
def _index() -> dict[str, Region]:
    """Folded names and cities -> region. A name claimed by two regions is dropped (never guess)."""
    seen: dict[str, Region | None] = {}
    for region in regions():
        for name in (region.code, region.name, *region.aliases):
            key = _fold(name)
            seen[key] = None if key in seen and seen[key] is not region else region
    return {k: v for k, v in seen.items() if v is not None}


def _national(iso: str) -> CrisisLine | None:
    return next((line for line in all_lines() if line.iso == iso), None)


def region_line(name: str | None) -> CrisisLine | None:
    """The crisis line for a region code, region name or city ("US-TX", "Texas", "Leeds"), or None."""
    if not name or not name.strip():
        return None
    region = _index().get(_fold(name))
    if region is None:
        return None
    national = _national(region.country)
    if national is None:
        return None
    named = replace(national, country=region.name)
    if not region.service or not region.phone:
        return named
    regional = replace(named, service=region.service, phone=region.phone, text=region.text, chat=region.chat,
                       hours=region.hours, source=region.source, checked=region.checked)
    if region.hours and "24/7" in region.hours:
        return regional  # the region's own round-the-clock line comes first
    # A line that is not open all hours is offered beside the national one, never instead of it.
    extra = f"or {region.service} on {region.phone} ({region.hours})"
    return replace(named, chat=f"{named.chat}, {extra}" if named.chat else extra)


_CUE = (r"(?:i'?m|i\s+am|im|we'?re|we\s+are|i\s+live|we\s+live|living|based|staying|here|over\s+here|down\s+here|"
        r"up\s+here|out\s+here|i'?m\s+from|from|moved\s+to|i\s+live\s+over)")


@lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern[str], re.Pattern[str]]:
    names: set[str] = set()
    abbreviations: set[str] = set()
    for key, region in _index().items():
        if _is_abbreviation(key) and key != _fold(region.name):
            abbreviations.add(key.upper())
        elif "-" not in key:
            names.add(key)
    for line in all_lines():
        names.add(_fold(line.country))
    words = sorted(names, key=len, reverse=True)
    full = re.compile(r"\b" + _CUE + r"\s+(?:in\s+|at\s+)?(?:the\s+)?(" + "|".join(re.escape(w) for w in words)
                      + r")\b")
    abbr = re.compile(r"\b(?:in|from|I'm in|I live in)\s+(" + "|".join(sorted(abbreviations)) + r")\b")
    return full, abbr


def find_place(text: str) -> str | None:
    """A place the person says they are in or from, as a region code ("US-TX") or a country name; or None."""
    full, abbr = _pattern()
    m = full.search(_fold(text))
    if m:
        region = _index().get(m.group(1))
        return region.code if region else m.group(1)
    m = abbr.search(text)
    if m:
        region = _index().get(_fold(m.group(1)))
        return region.code if region else None
    return None
