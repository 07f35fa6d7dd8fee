"""The safety step of every turn: it runs first, before any mind, and at high or imminent risk it
writes the reply itself.

It also carries a crisis across turns: when the last reply asked for the person's country, an answer
naming one is saved and the line for it given; when the last reply offered to reach a trusted person, a
"yes" gets exactly what would be sent and to whom — OS1 cannot send it itself yet, so it hands the
person the words and the number instead, honestly. Trusted people come from the safety plan, and when
that has none, from the people map (close relations with a phone number or email address).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from os1.safety.crisis_lines import lookup
from os1.safety.places import find_place
from os1.safety.plan import Contact, SafetyPlan, contact_request
from os1.safety.response import crisis_reply
from os1.safety.risk import Risk, assess

CLOSE_RELATIONS = ("partner", "wife", "husband", "girlfriend", "boyfriend", "fiancée", "mother", "father",
                   "sister", "brother", "best friend", "daughter", "son", "friend")
_YES = re.compile(r"^\s*(yes|yeah|yep|ok(ay)?|please( do)?|do it|go ahead|sure)\b", re.IGNORECASE)


@dataclass
class SafetyOutcome:
    risk: Risk
    reply: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


def trusted_plan(conn: sqlite3.Connection) -> SafetyPlan:
    """The safety plan, with close people from the people map added when it names no one reachable."""
    from dataclasses import replace

    from os1.safety.plan_store import load_plan

    plan = load_plan(conn)
    if plan.reachable_people():
        return plan
    people: list[Contact] = []
    rows = conn.execute("SELECT name, relation, emails, phones FROM people WHERE name IS NOT NULL").fetchall()
    for name, relation, emails, phones in sorted(
        rows, key=lambda r: CLOSE_RELATIONS.index(r[1]) if r[1] in CLOSE_RELATIONS else 99
    ):
        if relation not in CLOSE_RELATIONS:
            continue
        import json

        reach = (json.loads(phones) or json.loads(emails) or [""])[0]
        if reach:
            people.append(Contact(name, reach, relation))
    return replace(plan, help_people=plan.help_people + tuple(people)) if people else plan


def safety_step(
    conn: sqlite3.Connection,
    text: str,
    recent_person_texts: list[str],
    last_companion_meta: dict[str, Any],
    *,
    country: str | None,
    person_name: str | None,
    turn: int,
    region: str | None = None,
) -> SafetyOutcome:
    """Assess `text` and decide whether the safety layer answers this turn.

    Where the person is, most specific first: a place named in this message or the last few ("I'm in
    Texas", "here in Leeds"), then `region` from the profile (a code such as "US-TX" or "GB-NIR", or a region
    or city name), then `country`.
    """
    from os1.store.person import update_person

    # A place named in this message or the last few ("I'm in Texas", "here in Leeds") beats the profile.
    place = find_place(text) or next((p for p in map(find_place, reversed(recent_person_texts[-5:])) if p), None)
    if place and lookup(place) is not None:
        country = place
    elif region and lookup(region) is not None:
        country = region
    if last_companion_meta.get("asked_country"):
        answer = re.sub(r"^(i'?m|i am|i live|we'?re|it'?s)?\s*(in|from)?\s*(the)?\s+", "", text.strip().strip(".!"),
                        flags=re.IGNORECASE)
        line = lookup(answer) or lookup(text.strip().strip(".!")) or lookup(place)
        if line is not None:
            update_person(conn, country=line.iso)
            risk = Risk(**last_companion_meta["risk"]) if "risk" in last_companion_meta else assess(
                " ".join(recent_person_texts[-3:]))
            reply = crisis_reply(risk, place or answer if lookup(place or answer) else line.iso, trusted_plan(conn),
                                 turn=turn, person_name=person_name)
            return SafetyOutcome(risk, reply.text, _meta(risk, reply.asked_country, reply.contact))
    pending = last_companion_meta.get("contact_offer")
    if pending and _YES.match(text):
        risk = Risk(**last_companion_meta["risk"])
        how = "text" if pending["channel"] == "phone" else "email"
        words = (f"Here is the message, ready to send to {pending['recipient']} ({pending['address']}): "
                 f"“{pending['message']}” I can't send it myself yet, so please {how} it now — "
                 f"or call them on {pending['address']} if you can." if pending["channel"] == "phone" else
                 f"Here is the email for {pending['recipient']} ({pending['address']}): “{pending['message']}” "
                 "I can't send it myself yet, so please send it now from your mail.")
        return SafetyOutcome(risk, f"{words} I'm staying right here with you. Are you safe at this moment?",
                             {"safety": True, "risk": risk.to_dict(), "consented_contact": pending})
    risk = assess(text, tuple(recent_person_texts[-3:]))
    if not risk.is_crisis and last_companion_meta.get("safety") and "risk" in last_companion_meta:
        return _stay_with(Risk(**last_companion_meta["risk"]), text, country, turn)
    if not risk.is_crisis:
        return SafetyOutcome(risk)
    reply = crisis_reply(risk, country, trusted_plan(conn), turn=turn, person_name=person_name)
    return SafetyOutcome(risk, reply.text, _meta(risk, reply.asked_country, reply.contact))


_SAFE_NOW = re.compile(
    r"\b(i'?m|i am|i feel|feeling)\b.{0,12}\b(safe|ok(ay)?|better|calmer|alright|all right)\b"
    r"|\b(yes|yeah)\b.{0,10}\bsafe\b|\b(called|rang|texted|talked to|spoke to)\b.{0,40}"
    r"\b(samaritans|line|helpline|someone|friend|sister|brother|mum|mom|dad|partner)\b",
    re.IGNORECASE,
)
_NOT_SAFE = re.compile(r"\b(not|n't|never)\b.{0,15}\b(safe|ok(ay)?|better)\b", re.IGNORECASE)
_STAY_MOVES = (
    "I'm still right here with you. You don't have to have the words for it. {line}Can you tell me where you "
    "are right now, and whether anyone is nearby?",
    "Thank you for staying with me. Let's just take the next few minutes together. {line}Is there anything "
    "near you right now that you could use to hurt yourself, that you could put somewhere else?",
    "I'm here, and I'm not going anywhere. {line}Would you be willing to call them while we keep talking?",
)
_THEY_SAFE = re.compile(
    r"\b(she|he|they|my\s+\w+)('s|'re|\s+is|\s+are)\s+(safe|ok(ay)?|with\s+(someone|me|her|him|them|family|"
    r"the\s+paramedics)|in\s+(hospital|a&e|the\s+er))\b|\b(ambulance|paramedics|police)\s+(is|are|came|have|got)\b",
    re.IGNORECASE,
)
_STAY_OTHER = (
    "I'm here with you while you help them. {line}Have you been able to reach them, and is anyone with them now?",
    "You're doing the right thing. {line}What's happening with them right now?",
)
_RELIEF_OTHER = ("I'm so glad they're safe for now, and that you were there for them. Looking after someone in crisis "
                 "is hard — how are you holding up? If it comes back, {line_short}.")
_RELIEF_MOVES = (
    "I'm really glad to hear that. I'm still here — we can keep talking about what brought this on, or about "
    "anything else, whenever you want.",
    "Thank you for telling me — that matters. If it gets heavy again, tonight or any time, you can tell me and "
    "reach {line_short}.",
)


def _stay_with(previous: Risk, text: str, country: str | None, turn: int) -> SafetyOutcome:
    """The turn after a crisis reply: stay present until the person says they are safe."""
    line = lookup(country)
    if previous.about == "other" and _THEY_SAFE.search(text) and not _NOT_SAFE.search(text):
        short = line.describe() if line else "a crisis line (findahelpline.com lists them)"
        return SafetyOutcome(Risk("medium", previous.kind, ["said the other person is safe now"], "other"),
                             _RELIEF_OTHER.format(line_short=short), {"safety_followup": True})
    if previous.about == "other":
        reminder = f"{line.service} ({line.phone}) can guide you while you help them. " if line else ""
        move = _STAY_OTHER[turn % len(_STAY_OTHER)].format(line=reminder)
        return SafetyOutcome(previous, move, {"safety": True, "risk": previous.to_dict()})
    if _SAFE_NOW.search(text) and not _NOT_SAFE.search(text):
        move = _RELIEF_MOVES[turn % len(_RELIEF_MOVES)]
        short = line.describe() if line else "a crisis line (findahelpline.com lists them)"
        return SafetyOutcome(Risk("medium", previous.kind, ["said they are safe now"], previous.about),
                             move.format(line_short=short), {"safety_followup": True})
    reminder = f"{line.service} is there too: call {line.phone}. " if line else ""
    move = _STAY_MOVES[turn % len(_STAY_MOVES)].format(line=reminder)
    return SafetyOutcome(previous, move, {"safety": True, "risk": previous.to_dict()})


def _meta(risk: Risk, asked_country: bool, contact: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {"safety": True, "risk": risk.to_dict(), "asked_country": asked_country}
    if contact is not None:
        meta["contact_offer"] = {"recipient": contact.recipient, "channel": contact.channel,
                                 "address": contact.address, "message": contact.message}
    return meta


__all__ = ["SafetyOutcome", "contact_request", "safety_step", "trusted_plan"]
