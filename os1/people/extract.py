"""Reading people out of what the person says: who is mentioned, how they relate, contact that
happened, birthdays, and what was shared about them.

Pure functions over text (no database): `observe(text, now)` returns `Observation`s that
`os1.people.tracker` resolves against the people map. Precision matters more than recall here — a
wrong person in someone's map is worse than a missed one — so bare capitalised words count as people
only next to a relation word or a contact verb.

Examples:
  "had lunch with my sister Anna today"  -> mention(Anna, sister), contact(met, today)
  "Tom from work is driving me mad"      -> mention(Tom, colleague)
  "Mum's birthday is on 3 March"         -> mention(relation=mother), birthday(3, 3)
  "I haven't called my dad in months"    -> mention(relation=father), no contact (negated)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from os1.people.relations import FROM_PLACES, SYNONYMS, canonical
from os1.timebounds import add_days, add_moment, read_count

_REL_WORDS = sorted(SYNONYMS, key=len, reverse=True)
_REL = r"(?P<rel>(?i:" + "|".join(re.escape(w) for w in _REL_WORDS) + r"))"
_NAME = r"(?P<name>[A-Z][a-zA-Z\-]+(?:['’]s)?(?:\s+[A-Z][a-zA-Z\-]+(?:['’]s)?)?)"
_NOT_NAMES = {
    "I", "I'm", "I've", "I'd", "I'll", "Im", "The", "A", "An", "And", "But", "So", "Then", "Today", "Yesterday",
    "Tomorrow", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December", "God", "Christmas", "Easter", "OK", "Ok", "Oh", "Hi", "Hey", "We", "She", "He", "They", "It",
    "My", "Our", "Her", "His", "Their", "This", "That", "Last", "Next", "Just", "Also", "Anyway", "Well",
    "Mum", "Mom", "Dad", "Lol", "Thanks", "Thank", "Yes", "No", "Maybe", "Sorry", "Please", "Work", "Home",
}
_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_CONTACT_VERBS: tuple[tuple[str, str], ...] = (
    (r"had (?:lunch|dinner|breakfast|brunch|coffee|drinks?|a drink|tea|a call|a chat|a walk)"
     r"(?: together)? with", "met"),
    (r"(?:met|meeting) (?:up )?with|met|caught up with|hung out with|spent (?:the|some) \w+ with"
     r"|went (?:\w+ ){0,4}with|visited|saw|played \w+ with|cooked for"
     r"|(?:lunch|dinner|breakfast|brunch|coffee|drinks|tea|a walk|a run|a drink) with", "met"),
    (r"called|phoned|rang|facetimed|video[- ]called|talked to|talked with|spoke to|spoke with"
     r"|had a (?:long )?(?:call|chat|talk) with", "call"),
    (r"texted|messaged|emailed|wrote to|sent (?:a )?(?:message|text|card|letter) to", "message"),
)
_NEGATION = re.compile(
    r"\b(?:not|never|haven't|hasn't|hadn't|didn't|don't|doesn't|can't|couldn't|won't|wouldn't|no longer)\b"
    r"|\b(?:should|need to|want to|wanna|going to|gonna|will|'ll|might|plan to|hope to|must)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Mention:
    """Someone the person spoke of. `name` or `relation` (or both) is set."""

    name: str | None
    relation: str | None
    surname: str | None = None
    start: int = 0


@dataclass
class Observation:
    mentions: list[Mention] = field(default_factory=list)
    contacts: list[tuple[Mention, str, datetime]] = field(default_factory=list)  # who, kind, when
    birthdays: list[tuple[Mention, int, int]] = field(default_factory=list)    # who, month, day
    notes: list[tuple[Mention, str]] = field(default_factory=list)             # who, what was shared


def _split_name(name: str) -> tuple[str, str | None]:
    parts = [re.sub(r"['’]s$", "", part) for part in name.split()]
    return parts[0], (parts[1] if len(parts) > 1 else None)


def _valid_name(name: str) -> bool:
    first = name.split()[0]
    return first not in _NOT_NAMES and canonical(first) is None


def find_mentions(text: str) -> list[Mention]:
    """Every person mentioned with a name, a relation word, or both; in order of appearance."""
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def add(mention: Mention, span: tuple[int, int]) -> None:
        if any(span[0] < end and start < span[1] for start, end in taken):
            return
        taken.append(span)
        found.append(mention)

    for match in re.finditer(r"\b(?i:my|our)\s+" + _REL + r"(?:,)?\s+" + _NAME, text):
        name = match.group("name")
        if name[0].isupper() and _valid_name(name):
            first, surname = _split_name(name)
            add(Mention(first, canonical(match.group("rel")), surname, match.start()), match.span())
    for match in re.finditer(_NAME + r",\s+(?i:my|our)\s+" + _REL + r"\b", text):
        if _valid_name(match.group("name")):
            first, surname = _split_name(match.group("name"))
            add(Mention(first, canonical(match.group("rel")), surname, match.start()), match.span())
    places = "|".join(re.escape(p) for p in sorted(FROM_PLACES, key=len, reverse=True))
    for match in re.finditer(_NAME + r"\s+from\s+(?P<place>" + places + r")\b", text):
        if _valid_name(match.group("name")):
            first, surname = _split_name(match.group("name"))
            add(Mention(first, FROM_PLACES[match.group("place").lower()], surname, match.start()), match.span())
    for match in re.finditer(r"\b(?i:my|our)\s+" + _REL + r"(?:'s)?\b", text):
        add(Mention(None, canonical(match.group("rel")), None, match.start()), match.span())
    for match in re.finditer(r"(?<![\w'])" + _REL + r"(?:'s)?\b", text):
        # Capitalised relation words used as names: "Mum called", "Dad's birthday".
        word = match.group("rel")
        if word[0].isupper() and canonical(word) in ("mother", "father", "grandmother", "grandfather"):
            add(Mention(None, canonical(word), None, match.start()), match.span())
    verbs = "|".join(pattern for pattern, _ in _CONTACT_VERBS)
    for match in re.finditer(r"\b(?i:" + verbs + r")\s+" + _NAME, text):
        name = match.group("name")
        if _valid_name(name):
            first, surname = _split_name(name)
            start = match.start("name")
            add(Mention(first, None, surname, start), (start, match.end()))
    return sorted(found, key=lambda m: m.start)


def _sentences(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group().strip()) for m in re.finditer(r"[^.!?\n]+[.!?]?", text) if m.group().strip()]


def _when(sentence: str, now: datetime) -> datetime:
    """When a contact described in `sentence` happened (default: now)."""
    lower = sentence.lower()
    if "yesterday" in lower or "last night" in lower:
        return now - timedelta(days=1)
    match = re.search(r"\b(\d+|two|three|four|five|six) days ago\b", lower)
    if match:
        words = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
        count = read_count(match.group(1), words)
        # "75890364 days ago" is no date a contact happened on (os1.timebounds): then it is now.
        then = add_moment(now, days=-count) if count is not None else None
        return then if then is not None else now
    if "last week" in lower:
        return now - timedelta(days=7)
    match = re.search(r"\b(?:on|last) (" + "|".join(_WEEKDAYS) + r")\b", lower)
    if match:
        back = (now.weekday() - _WEEKDAYS.index(match.group(1))) % 7 or 7
        return now - timedelta(days=back)
    return now


def _contact_in(sentence: str, mention_offset: int) -> str | None:
    """The contact kind if the sentence says a contact happened with the person at `mention_offset`."""
    before = sentence[:mention_offset]
    for pattern, kind in _CONTACT_VERBS:
        verbs = list(re.finditer(r"\b(?:" + pattern + r")\b", before, re.IGNORECASE))
        verb = verbs[-1] if verbs else None  # the verb nearest the person
        if verb and mention_offset - verb.end() <= 40:
            if _NEGATION.search(before[: verb.start()]) or _NEGATION.search(before[verb.start():]):
                return None
            return kind
    after = sentence[mention_offset:]
    came = re.search(r"\b(?:(came over|came round|visited me|dropped by|popped in)|(called me|rang me)"
                     r"|(texted me|messaged me|wrote to me))\b", after, re.IGNORECASE)
    if came and not _NEGATION.search(after):
        return "met" if came.group(1) else "call" if came.group(2) else "message"
    return None


def _birthday_in(sentence: str, now: datetime) -> tuple[int, int] | None:
    lower = sentence.lower()
    if "birthday" not in lower:
        return None
    months = "|".join(sorted(_MONTHS, key=len, reverse=True))
    match = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?(?: of)? (" + months + r")\b", lower) or None
    if match:
        return _MONTHS[match.group(2)], int(match.group(1))
    match = re.search(r"\b(" + months + r")\.? (\d{1,2})(?:st|nd|rd|th)?\b", lower)
    if match:
        return _MONTHS[match.group(1)], int(match.group(2))
    today = now.date()
    relative: date | None = None
    if "today" in lower:
        relative = today
    elif "tomorrow" in lower:
        relative = today + timedelta(days=1)
    else:
        match = re.search(r"\b(?:on|this|next) (" + "|".join(_WEEKDAYS) + r")\b", lower)
        if match:
            ahead = (_WEEKDAYS.index(match.group(1)) - today.weekday()) % 7 or 7
            if "next" in match.group(0) and ahead < 7 and today.weekday() >= 4:
                ahead = ahead  # "next Monday" said on a Friday still means the coming Monday
            relative = today + timedelta(days=ahead)
        else:
            match = re.search(r"\bin (\d+|two|three|four|five|six|ten) days\b", lower)
            if match:
                words = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10}
                count = read_count(match.group(1), words)
                relative = add_days(today, count) if count is not None else None
    return (relative.month, relative.day) if relative else None


def observe(text: str, now: datetime) -> Observation:
    """Everything about people in one message."""
    observation = Observation(mentions=find_mentions(text))
    if not observation.mentions:
        return observation
    last_person: Mention | None = None
    for offset, sentence in _sentences(text):
        end = offset + len(sentence)
        here = [m for m in observation.mentions if offset <= m.start < end]
        if here:
            last_person = here[-1]
        targets = here or ([last_person] if last_person and re.search(
            r"\b(she|he|they|her|him|them)\b", sentence, re.IGNORECASE) else [])
        for mention in targets:
            relative = max(0, mention.start - offset) if mention in here else len(sentence)
            kind = _contact_in(sentence, relative) if mention in here else None
            if kind:
                observation.contacts.append((mention, kind, _when(sentence, now)))
            birthday = _birthday_in(sentence, now)
            if birthday:
                observation.birthdays.append((mention, *birthday))
            if len(sentence.split()) >= 4:
                observation.notes.append((mention, sentence))
    return observation
