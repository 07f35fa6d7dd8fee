"""Importing contacts from vCard files (3.0 and 4.0), tolerant of what phones really export.

Handles folded lines (RFC 6350 §3.2), QUOTED-PRINTABLE with soft line breaks and CHARSET parameters
(common in vCard 2.1/3.0 exports), escaped commas and semicolons, and BDAY/ANNIVERSARY in the forms
`1990-04-12`, `19900412`, `--0412` and `--04-12`. A malformed card is reported with its line number and
skipped; the rest are imported. Linear in the file's size (1,000 cards import in well under 2 s:
bench/trust.py). What it leaves out: photos and groups (ignored).
"""

from __future__ import annotations

import quopri
import re
from dataclasses import dataclass, field


@dataclass
class Card:
    line: int
    name: str | None = None
    surname: str | None = None
    nickname: str | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    birthday: tuple[int, int, int | None] | None = None
    anniversary: tuple[int, int, int | None] | None = None
    relation: str | None = None


@dataclass
class ParseResult:
    cards: list[Card]
    problems: list[str]


def _unfold(text: str) -> list[tuple[int, str]]:
    """Logical lines with the number of their first physical line.

    Linear: a folded line's pieces are collected and joined once (a PHOTO folded into 100,000 pieces
    made repeated string concatenation quadratic)."""
    lines: list[tuple[int, list[str]]] = []
    physical = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, raw in enumerate(physical, start=1):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1][1].append(raw[1:])
        elif lines and lines[-1][1][-1].endswith("=") and _quoted_printable(lines[-1][1][0]):
            pieces = lines[-1][1]
            pieces[-1] = pieces[-1][:-1]  # soft line break
            pieces.append(raw)
        elif raw.strip():
            lines.append((number, [raw]))
    return [(number, "".join(pieces)) for number, pieces in lines]


def _quoted_printable(first_piece: str) -> bool:
    return "QUOTED-PRINTABLE" in first_piece.split(":", 1)[0].upper()


def _unescape(value: str) -> str:
    return re.sub(r"\\([,;\\nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _split_unescaped(value: str, sep: str) -> list[str]:
    return [_unescape(part) for part in re.split(r"(?<!\\)" + re.escape(sep), value)]


def _decode(params: dict[str, str], value: str) -> str:
    if params.get("ENCODING", "").upper() in ("QUOTED-PRINTABLE", "QP"):
        charset = params.get("CHARSET", "utf-8")
        raw = quopri.decodestring(value.encode("ascii", "replace"))
        try:
            return raw.decode(charset)
        except (LookupError, UnicodeDecodeError):
            return raw.decode("utf-8", "replace")
    return value


def _date(value: str) -> tuple[int, int, int | None] | None:
    value = value.strip()
    match = re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?", value)
    if match:
        year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3))
        return (month, day, year) if 1 <= month <= 12 and 1 <= day <= 31 else None
    match = re.fullmatch(r"--(\d{2})-?(\d{2})", value)
    if match:
        month, day = int(match.group(1)), int(match.group(2))
        return (month, day, None) if 1 <= month <= 12 and 1 <= day <= 31 else None
    return None


def _property(line: str) -> tuple[str, dict[str, str], str] | None:
    if ":" not in line:
        return None
    head, value = line.split(":", 1)
    parts = head.split(";")
    name = parts[0].split(".")[-1].upper()  # drop group prefixes like "item1."
    params: dict[str, str] = {}
    for part in parts[1:]:
        key, _, val = part.partition("=")
        params[key.upper()] = val.strip('"') if val else key.upper()
    return name, params, value


def parse_vcards(text: str) -> ParseResult:
    cards: list[Card] = []
    problems: list[str] = []
    current: Card | None = None
    for number, line in _unfold(text):
        prop = _property(line)
        if prop is None:
            if current is not None:
                problems.append(f"line {number}: not a vCard property ('{line[:40]}'); card skipped")
                current = None
            else:
                problems.append(f"line {number}: text outside any card; ignored")
            continue
        name, params, value = prop
        if name == "BEGIN" and value.strip().upper() == "VCARD":
            if current is not None:
                problems.append(f"line {current.line}: card has no END:VCARD; skipped")
            current = Card(line=number)
            continue
        if current is None:
            if name != "END":
                problems.append(f"line {number}: {name} outside any card; ignored")
            continue
        if name == "END":
            if current.name or current.surname or current.nickname:
                cards.append(current)
            else:
                problems.append(f"line {current.line}: card without a name; skipped")
            current = None
            continue
        value = _decode(params, value)
        if name == "FN" and value.strip():
            full = _unescape(value).strip().split()
            current.name = current.name or full[0]
            if len(full) > 1 and not current.surname:
                current.surname = full[-1]
        elif name == "N":
            fields = [*_split_unescaped(value, ";"), "", ""]
            if fields[1].strip():
                current.name = fields[1].strip()
            if fields[0].strip():
                current.surname = fields[0].strip()
        elif name == "NICKNAME" and value.strip():
            current.nickname = _split_unescaped(value, ",")[0].strip()
        elif name == "EMAIL" and value.strip():
            current.emails.append(value.strip().lower())
        elif name == "TEL" and value.strip():
            current.phones.append(value.strip().removeprefix("tel:"))
        elif name in ("BDAY", "ANNIVERSARY", "X-ANNIVERSARY"):
            parsed = _date(value)
            if parsed is None:
                problems.append(f"line {number}: {name} '{value.strip()}' is not a date I can read; left out")
            elif name == "BDAY":
                current.birthday = parsed
            else:
                current.anniversary = parsed
        elif name == "RELATED" and params.get("TYPE"):
            current.relation = params["TYPE"].lower()
    if current is not None:
        problems.append(f"line {current.line}: card has no END:VCARD; skipped")
    return ParseResult(cards, problems)
