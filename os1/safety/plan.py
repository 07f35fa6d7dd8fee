"""The Stanley–Brown safety plan: its sections, pure edits, and the consent preview for reaching someone.

What it holds: `SafetyPlan` (an immutable value: one tuple of entries per section), `Contact` (a name and
how to reach them), `add()` / `remove()` (pure: they return a new plan), `render_text()`, JSON round
trips, and `contact_request()` — the exact message and recipient the person would approve before anything
is sent to someone they trust.

Sections, in the order of the Stanley–Brown Safety Planning Intervention, plus reasons for living:
  warning_signs       thoughts, moods, situations that signal a crisis is building
  coping              things I can do on my own to feel better (internal coping)
  distractions        people and places that take my mind off things
  help_people         people I can ask for help (name + how to reach them)
  professionals       professionals and agencies (name + how to reach them)
  safer_surroundings  making my surroundings safer (means safety)
  reasons_for_living  what matters to me and keeps me going

What it leaves out: storage (os1.safety.plan_store) and sending. OS1 cannot send messages yet: the email
and letters issues add the transports; until then `contact_request()` prepares the text for the person to
send themselves, and nothing is ever sent without their explicit yes to the exact text shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from os1.errors import UserInputError

SECTIONS: tuple[str, ...] = (
    "warning_signs",
    "coping",
    "distractions",
    "help_people",
    "professionals",
    "safer_surroundings",
    "reasons_for_living",
)
TITLES: dict[str, str] = {
    "warning_signs": "Warning signs",
    "coping": "Things that help me (on my own)",
    "distractions": "People and places that take my mind off things",
    "help_people": "People I can ask for help",
    "professionals": "Professionals and agencies",
    "safer_surroundings": "Making my surroundings safer",
    "reasons_for_living": "My reasons for living",
}
# Sections whose entries are people with a way to reach them.
CONTACT_SECTIONS = frozenset({"help_people", "professionals"})
# Short names accepted on the command line.
ALIASES: dict[str, str] = {
    "warning-signs": "warning_signs", "signs": "warning_signs", "warning": "warning_signs",
    "coping": "coping", "helps": "coping", "things-that-help": "coping",
    "distractions": "distractions", "places": "distractions",
    "people": "help_people", "help-people": "help_people", "help": "help_people",
    "professionals": "professionals", "pros": "professionals", "agencies": "professionals",
    "safer": "safer_surroundings", "safer-surroundings": "safer_surroundings", "surroundings": "safer_surroundings",
    "reasons": "reasons_for_living", "reasons-for-living": "reasons_for_living",
}


@dataclass(frozen=True)
class Contact:
    name: str
    reach: str = ""  # a phone number or an email address
    note: str = ""  # e.g. "my sister", "GP surgery"

    @property
    def channel(self) -> str | None:
        if "@" in self.reach:
            return "email"
        if sum(ch.isdigit() for ch in self.reach) >= 3:
            return "phone"
        return None

    def __str__(self) -> str:
        parts = [self.name]
        if self.note:
            parts[0] += f" ({self.note})"
        if self.reach:
            parts.append(self.reach)
        return " — ".join(parts)


Entry = str | Contact


@dataclass(frozen=True)
class SafetyPlan:
    warning_signs: tuple[str, ...] = ()
    coping: tuple[str, ...] = ()
    distractions: tuple[str, ...] = ()
    help_people: tuple[Contact, ...] = ()
    professionals: tuple[Contact, ...] = ()
    safer_surroundings: tuple[str, ...] = ()
    reasons_for_living: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def section(self, name: str) -> tuple[Entry, ...]:
        entries: tuple[Entry, ...] = getattr(self, section_name(name))
        return entries

    def is_empty(self) -> bool:
        return not any(self.section(s) for s in SECTIONS)

    def reachable_people(self) -> list[Contact]:
        """People to ask for help who have a phone number or an email address."""
        return [c for c in self.help_people if c.channel is not None]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in SECTIONS:
            items = self.section(name)
            if name in CONTACT_SECTIONS:
                out[name] = [
                    {"name": c.name, "reach": c.reach, "note": c.note} for c in items if isinstance(c, Contact)
                ]
            else:
                out[name] = [str(i) for i in items]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SafetyPlan:
        values: dict[str, Any] = {}
        for name in SECTIONS:
            raw = data.get(name) or []
            if name in CONTACT_SECTIONS:
                values[name] = tuple(
                    Contact(str(c.get("name", "")), str(c.get("reach", "")), str(c.get("note", "")))
                    if isinstance(c, dict) else parse_contact(str(c))
                    for c in raw
                )
            else:
                values[name] = tuple(str(i) for i in raw)
        return cls(**values)


def section_name(name: str) -> str:
    """The canonical section name for `name` (accepts aliases such as `people`, `warning-signs`)."""
    key = name.strip().lower().replace(" ", "-")
    if key.replace("-", "_") in SECTIONS:
        return key.replace("-", "_")
    if key in ALIASES:
        return ALIASES[key]
    choices = ", ".join(s.replace("_", "-") for s in SECTIONS)
    raise UserInputError(f"There is no safety-plan section called '{name}'.", f"Use one of: {choices}.")


_CONTACT_SPLIT = re.compile(r"\s+[—–-]\s+|\s*:\s+|\s*,\s*|\s+(?=\+?\d[\d\s()-]{5,}$)|\s+(?=\S+@\S+$)")


def parse_contact(text: str) -> Contact:
    """'Sam (sister) — 07700 900123' or 'Dr Lee, dr.lee@example.org' -> Contact."""
    raw = text.strip()
    if not raw:
        raise UserInputError("A contact needs at least a name.", "For example: \"Sam (sister) — 07700 900123\".")
    parts = [p.strip() for p in _CONTACT_SPLIT.split(raw, maxsplit=1) if p and p.strip()]
    name_part = parts[0]
    reach = parts[1] if len(parts) > 1 else ""
    note = ""
    m = re.match(r"^(.*?)\s*\(([^)]*)\)\s*$", name_part)
    if m:
        name_part, note = m.group(1).strip(), m.group(2).strip()
    return Contact(name_part, reach, note)


def add(plan: SafetyPlan, section: str, entry: str) -> SafetyPlan:
    """A new plan with `entry` appended to `section` (contacts are parsed from text)."""
    name = section_name(section)
    text = entry.strip()
    if not text:
        raise UserInputError("There is nothing to add.", "Give the text of the entry in quotes.")
    item: Entry = parse_contact(text) if name in CONTACT_SECTIONS else text
    if item in plan.section(name):
        return plan
    changes: dict[str, Any] = {name: (*plan.section(name), item)}
    return replace(plan, **changes)


def remove(plan: SafetyPlan, section: str, which: str) -> SafetyPlan:
    """A new plan without the entry `which` (its 1-based number, or its text / contact name)."""
    name = section_name(section)
    items = list(plan.section(name))
    index: int | None = None
    if which.strip().isdigit():
        index = int(which) - 1
    else:
        wanted = which.strip().lower()
        for i, item in enumerate(items):
            label = item.name if isinstance(item, Contact) else item
            if label.lower() == wanted or str(item).lower() == wanted:
                index = i
                break
    if index is None or not 0 <= index < len(items):
        raise UserInputError(
            f"'{which}' is not in {TITLES[name].lower()}.",
            f"Run `os1 safety-plan show` to see the numbered entries of {name.replace('_', '-')}.",
        )
    del items[index]
    changes: dict[str, Any] = {name: tuple(items)}
    return replace(plan, **changes)


def render_text(plan: SafetyPlan) -> str:
    """The plan as plain text, numbered, in Stanley–Brown order."""
    lines: list[str] = ["My safety plan", ""]
    for name in SECTIONS:
        lines.append(f"{TITLES[name]}  [{name.replace('_', '-')}]")
        items = plan.section(name)
        if not items:
            lines.append("  (nothing yet)")
        for i, item in enumerate(items, 1):
            lines.append(f"  {i}. {item}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# --- reaching a trusted person, only with consent -----------------------------------------------------

@dataclass(frozen=True)
class ContactRequest:
    """Exactly what would be sent, and to whom. Nothing is sent until the person says yes to this text."""

    recipient: str
    channel: str  # "phone" (a text message) or "email"
    address: str
    message: str

    def preview(self) -> str:
        how = "a text message to" if self.channel == "phone" else "an email to"
        return f"{how} {self.recipient} ({self.address}):\n\n  \"{self.message}\""


def contact_request(contact: Contact, person_name: str | None = None) -> ContactRequest | None:
    """The exact message OS1 would prepare for `contact`, or None if there is no way to reach them.

    The words are the person's, in the first person, short and specific; they ask for contact, nothing
    more, and reveal no details the person has not chosen to share.
    """
    if contact.channel is None:
        return None
    sign = f" — {person_name}" if person_name else ""
    message = (
        f"Hi {contact.name}, I'm having a really hard time right now and I could use you. "
        f"Could you call me or come over as soon as you can?{sign}"
    )
    return ContactRequest(contact.name, contact.channel, contact.reach, message)
