"""The reply at high or imminent risk, and the check every language-model reply passes through.

What it holds:
  * `crisis_reply(risk, ...)` builds the whole reply at high/imminent risk from authored moves: a calm,
    warm acknowledgement; the crisis line for the person's country (or a question about the country and
    the directory fallback); a direct question about immediate safety; staying in the conversation; and an
    offer to reach a trusted person from the safety plan — showing exactly what would be sent and to whom,
    and doing nothing without a yes. Several original variants per move (plain, warm, steady).
  * `check_reply(reply, risk, ...)` — no provider can override the safety layer: at high/imminent a reply
    that lacks the safety content is replaced by `crisis_reply`; at any level a reply that claims to be
    human or uses guilt/romance pressure is replaced.

What it leaves out: deciding the risk (os1.safety.risk), the country (the caller passes the person's
country or None), and sending anything (see os1.safety.plan.contact_request).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from os1.safety.crisis_lines import CrisisLine, lookup
from os1.safety.honesty import claims_to_be_human, honest_answer, uses_pressure
from os1.safety.plan import ContactRequest, SafetyPlan, contact_request
from os1.safety.risk import Risk

# Said after asking the country: the directory, without repeating the question.
DIRECTORY_POINTER = "Until then, free and confidential helplines for most countries are listed at findahelpline.com."

# --- authored moves (original text) ------------------------------------------------------------------

_ACKNOWLEDGE = (
    "Thank you for telling me. That sounds incredibly heavy, and I'm really glad you said it out loud.",
    "I hear you. What you're carrying right now sounds like too much for one person, and you don't have to "
    "carry it alone.",
    "I'm really glad you told me. I'm taking what you said seriously, and I'm right here with you.",
    "That sounds so painful. Thank you for trusting me with it.",
)
_ACKNOWLEDGE_OTHER = (
    "It sounds like you're really worried about them, and you're right to take it seriously.",
    "That's frightening to hear from someone you care about. You're doing the right thing by acting on it.",
    "I'm glad they told you, and glad you're telling me. Let's think about what to do right now.",
)
_SAFETY_QUESTION = (
    "Are you safe right now?",
    "Can I ask you directly: are you safe at this moment?",
    "Right now, in this moment — are you somewhere safe?",
)
_IMMINENT_URGENT = (
    "If you've already taken something or hurt yourself, or you feel you might act soon, please call {emergency} "
    "now — that's the quickest way to get someone to you.",
    "If you're in danger right now, please call {emergency} straight away. You deserve help right this minute.",
)
_STAY = (
    "I'm staying right here in this conversation with you.",
    "I'm not going anywhere — we can keep talking for as long as you want.",
    "I'm here, and we can take this one minute at a time.",
)
_LINE = (
    "In {country}, you can reach {line}. They're trained for exactly this, and talking to a person can help.",
    "There are people who can talk with you right now: {line}.",
    "Please consider reaching out to {line} — real people, ready to listen, any time.",
)
# Someone else at risk: what the person can do in the next minutes, and the line to call for them.
_OTHER_NOW = (
    "If you can, stay with them or keep them on the phone, and ask them plainly whether they're thinking of "
    "killing themselves — asking doesn't put the idea there. Help them put anything they could use out of reach.",
    "Right now, the most useful things are: not leaving them alone if you can help it, asking them directly "
    "how they are and whether they're safe, and getting anything dangerous away from them.",
)
_LINE_OTHER = (
    "In {country}, {line} — you can call them for your friend, or with them beside you. They help people "
    "who are worried about someone else too.",
    "You can ring {line} on their behalf; they'll talk you through what to do, and they can talk to them too.",
)
_ASK_COUNTRY = (
    "Which country are you in? Then I can give you the right crisis line.",
    "If you tell me what country you're in, I'll find you the number for a crisis line there.",
)
_OFFER_CONTACT = (
    "{name} is someone you've said you can turn to. Would you like to reach out to them? I can prepare "
    "{preview} — you'd see every word first, and nothing happens unless you say yes.",
    "Would it help to let {name} know you need them? Here's what I'd prepare: {preview}. Only if you say yes.",
)
_OFFER_PLAN_EMPTY = (
    "Is there someone you trust — a friend, a family member — who could be with you or talk to you tonight?",
    "Who is one person you could reach out to right now, even just to not be alone?",
)

_KIND_LEAD = {
    "abuse_at_home": (
        "What you're describing is not okay, and it's not your fault.",
        "No one has the right to hurt you. I'm really glad you told me.",
    ),
    "harm_to_others": (
        "It sounds like you're in a lot of pain and anger right now. Let's slow this down together.",
        "I can hear how much is boiling over. Before anything else, let's keep everyone safe, you included.",
    ),
    "medical_emergency": (
        "This could be a medical emergency.",
        "Please treat this as an emergency.",
    ),
}
_KIND_STEP = {
    "abuse_at_home": (
        "If you're in danger right now, call {emergency}. If you can, get to a room with a lock or out of the "
        "house, and keep your phone with you.",
    ),
    "harm_to_others": (
        "If there's a weapon nearby, could you put real distance between you and it — another room, or give it "
        "to someone — while we talk?",
    ),
    "medical_emergency": (
        "Please call {emergency} now, or ask someone near you to. Don't wait to see if it passes.",
    ),
}


@dataclass(frozen=True)
class CrisisReply:
    text: str
    line: CrisisLine | None
    asked_country: bool
    contact: ContactRequest | None


def _pick(options: tuple[str, ...], turn: int) -> str:
    return options[turn % len(options)]


def crisis_reply(
    risk: Risk,
    country: str | None = None,
    plan: SafetyPlan | None = None,
    *,
    turn: int = 0,
    person_name: str | None = None,
) -> CrisisReply:
    """The safety layer's own reply at high or imminent risk (also usable at medium when about others)."""
    line = lookup(country)
    emergency = (line.emergency if line and line.emergency else "your local emergency number")
    parts: list[str] = []
    kind = risk.kind or "suicide_self_harm"
    if risk.about == "other" and kind != "medical_emergency":
        parts.append(_pick(_ACKNOWLEDGE_OTHER, turn))
        if risk.level in ("high", "imminent"):
            parts.append(f"If they may have already hurt themselves or are in danger now, call {emergency} right away.")
            parts.append(_pick(_OTHER_NOW, turn))
    elif kind in _KIND_LEAD:
        parts.append(_pick(_KIND_LEAD[kind], turn))
        parts.append(_pick(_KIND_STEP[kind], turn).format(emergency=emergency))
    else:
        parts.append(_pick(_ACKNOWLEDGE, turn))
        if risk.level == "imminent":
            parts.append(_pick(_IMMINENT_URGENT, turn).format(emergency=emergency))

    asked = False
    if kind != "medical_emergency":
        if line is not None and risk.about == "other":
            parts.append(_pick(_LINE_OTHER, turn).format(country=line.country, line=line.describe()))
        elif line is not None:
            parts.append(_pick(_LINE, turn).format(country=line.country, line=line.describe()))
        else:
            parts.append(_pick(_ASK_COUNTRY, turn))
            parts.append(DIRECTORY_POINTER)
            asked = True

    if risk.about == "self":
        parts.append(_pick(_SAFETY_QUESTION, turn))
    else:
        parts.append("Do you know where they are right now, and is anyone with them?")

    request: ContactRequest | None = None
    if risk.about == "self" and kind != "medical_emergency":
        people = plan.reachable_people() if plan else []
        if people:
            request = contact_request(people[0], person_name)
            if request is not None:
                parts.append(_pick(_OFFER_CONTACT, turn).format(name=people[0].name, preview=request.preview()))
        else:
            parts.append(_pick(_OFFER_PLAN_EMPTY, turn))
    parts.append(_pick(_STAY, turn))
    return CrisisReply(" ".join(parts), line, asked, request)


# --- checking a model's reply ----------------------------------------------------------------------

_ASKS_SAFETY = re.compile(
    r"\b(are\s+you\s+(safe|somewhere\s+safe|in\s+danger)|your\s+safety|safe\s+right\s+now|"
    r"(are|is)\s+(they|he|she)\s+(safe|with\s+someone)|where\s+they\s+are|anyone\s+with\s+them)\b", re.I
)

_PRESSURE_FREE_GOODBYE = (
    "Take good care of yourself. I'll be here whenever you want to talk — and I hope you get some time with "
    "the people you love too.",
    "Go well. There's no need to stay longer than you want; I'll be here next time.",
)


def has_safety_content(reply: str, line: CrisisLine | None, kind: str | None = None) -> bool:
    """A crisis-level reply must give the line (or ask the country) and ask about immediate safety.

    For a medical emergency it must instead send the person to the emergency number.
    """
    if kind == "medical_emergency":
        number = (line.emergency or "").split(" ")[0] if line else ""
        return bool(number and number in reply) or "emergency" in reply.lower()
    if line is not None:
        digits = re.sub(r"\D", "", line.phone.split(" or ")[0])
        gave_line = digits in re.sub(r"\D", "", reply)
    else:
        gave_line = "country" in reply.lower() or "findahelpline" in reply.lower()
    return gave_line and bool(_ASKS_SAFETY.search(reply))


def check_reply(
    reply: str,
    risk: Risk,
    *,
    country: str | None = None,
    plan: SafetyPlan | None = None,
    turn: int = 0,
    name: str = "OS1",
    person_name: str | None = None,
) -> str:
    """Pass a provider's reply through the safety layer; return what may be shown to the person.

    At high/imminent the reply must carry the safety content; otherwise (or if it claims to be human or
    pressures the person) the safety layer's own reply replaces it. At lower levels a reply that claims a
    human nature is replaced by an honest answer, and one that uses guilt or romance pressure by a
    pressure-free line.
    """
    dishonest = claims_to_be_human(reply)
    pressure = uses_pressure(reply)
    if risk.is_crisis:
        line = lookup(country)
        if dishonest or pressure or not has_safety_content(reply, line, risk.kind):
            return crisis_reply(risk, country, plan, turn=turn, person_name=person_name).text
        return reply
    if dishonest:
        return honest_answer("human", name, turn)
    if pressure:
        return _pick(_PRESSURE_FREE_GOODBYE, turn)
    return reply
