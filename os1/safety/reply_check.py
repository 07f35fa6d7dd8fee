"""The honesty and harm check for every reply from every mind, the built-in one included.

What it holds: `agrees_with_self_harm(reply)`, `gives_method(reply)` and `check_every_reply(reply, risk, ...)`,
which returns a `ReplyCheck`: the text to show (the reply itself, or its replacement) and, when replaced,
a short `reason` for the turn's metadata ("claims_human", "agrees_with_self_harm", "method_information",
"pressure", "missing_crisis_content"). Regular expressions only: well under a millisecond a reply.

What it leaves out: writing the replacements (os1.safety.response and os1.safety.honesty do) and logging
(the caller stores `reason` in the turn's meta). `response.check_reply` stays for callers that only want
the text; this adds the reason and the harm checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from os1.safety.honesty import claims_to_be_human, honest_answer, uses_pressure
from os1.safety.plan import SafetyPlan
from os1.safety.risk import Risk

_AGREES = tuple(re.compile(p, re.IGNORECASE) for p in (
    r"\byou\s+should\s+(just\s+)?(kill\s+yourself|end\s+(it|your\s+life)|hurt\s+yourself|do\s+it|cut|jump)\b",
    r"\b(go\s+ahead|do\s+it)\b.{0,30}\b(end\s+it|kill\s+yourself|take\s+(them|the\s+pills)|jump|cut)\b",
    r"\byou('d|\s+would)\s+be\s+better\s+off\s+dead\b",
    r"\b(everyone|they|people)\s+(would|will)\s+be\s+better\s+off\s+without\s+you\b",
    r"\b(no\s+one|nobody)\s+would\s+(miss|notice)\s+you\b",
    r"\b(i\s+)?(support|respect|understand)\s+(your|the)\s+(decision|choice)\s+to\s+(die|end|kill|hurt|leave\s+this)",
    r"\bit('s|\s+is)\s+(okay|ok|fine|reasonable|understandable)\s+to\s+(kill\s+yourself|end\s+your\s+life|"
    r"hurt\s+yourself|want\s+to\s+die\s+and\s+act)",
    r"\byou\s+deserve\s+to\s+(die|suffer|be\s+hurt|feel\s+pain)\b",
    r"\b(death|dying|suicide)\s+(is|would\s+be)\s+(the\s+)?(answer|solution|best\s+option|a\s+relief\s+for\s+you)\b",
    r"\bcutting\s+(is|can\s+be)\s+(a\s+)?(fine|healthy|good)\b",
))
_METHOD = tuple(re.compile(p, re.IGNORECASE) for p in (
    r"\b(lethal|fatal|deadly|toxic)\s+(dose|amount|quantity)\b",
    r"\b\d+\s*(mg|milligrams?|grams?|g)\b.{0,40}\b(overdose|lethal|fatal|kill|die)\b",
    r"\b(overdose|lethal|fatal|kill|die)\b.{0,40}\b\d+\s*(mg|milligrams?|grams?|pills|tablets)\b",
    r"\bhow\s+to\s+(tie\s+a\s+noose|hang\s+yourself|cut\s+deeper|overdose|kill\s+yourself)\b",
    r"\b(most\s+)?(painless|quickest|surest|effective)\s+(way|method)s?\s+to\s+(die|kill|end)",
    r"\b(cut|slit)\s+(along|down|vertically|lengthwise)\b",
    r"\b(carbon\s+monoxide|helium|nitrogen)\b.{0,40}\b(bag|car|tent|garage|die|death)\b",
    r"\b(high|tall)\s+enough\s+to\s+(die|kill|be\s+fatal)\b",
    r"\b(mix|combine|take)\b.{0,30}\b(with\s+alcohol|and\s+alcohol)\b.{0,30}\b(die|fatal|lethal|stop\s+your\s+breathing)\b",
    r"\bwhich\s+(pills|drugs|medications?)\s+(are|would\s+be)\s+(most\s+)?(lethal|fatal|deadly)\b",
))


def agrees_with_self_harm(reply: str) -> bool:
    """Does `reply` agree with, encourage or approve of self-harm or suicide?"""
    return any(p.search(reply) for p in _AGREES)


def gives_method(reply: str) -> bool:
    """Does `reply` carry method information (doses, ways, means) for suicide or self-harm?"""
    return any(p.search(reply) for p in _METHOD)


@dataclass(frozen=True)
class ReplyCheck:
    text: str
    reason: str | None = None  # None: the reply passed unchanged

    @property
    def replaced(self) -> bool:
        return self.reason is not None

    def meta(self) -> dict[str, str]:
        """What the caller adds to the turn's metadata when the reply was replaced."""
        return {"reply_replaced": self.reason} if self.reason else {}


def check_every_reply(
    reply: str,
    risk: Risk | None = None,
    *,
    country: str | None = None,
    plan: SafetyPlan | None = None,
    turn: int = 0,
    name: str = "OS1",
    person_name: str | None = None,
    quotes_person: bool = False,
) -> ReplyCheck:
    """Check one reply from any mind; return what may be shown and why it was replaced, if it was.

    Harm comes first: a reply that agrees with self-harm or gives method information is replaced by the
    crisis reply whatever the assessed level (its words alone are a danger). Then honesty (never human),
    pressure, and at high/imminent the crisis content (`response.check_reply`). `quotes_person`: the reply
    carries the person's own words (a letter draft in their voice, "You told me that…"), where "my mum" is
    theirs, not a claim of OS1's; honesty is not judged on it, harm still is.
    """
    from os1.safety.crisis_lines import lookup
    from os1.safety.response import _PRESSURE_FREE_GOODBYE, crisis_reply, has_safety_content

    risk = risk or Risk()
    if agrees_with_self_harm(reply) or gives_method(reply):
        reason = "agrees_with_self_harm" if agrees_with_self_harm(reply) else "method_information"
        shown = risk if risk.is_crisis else Risk("high", "suicide_self_harm", ["a reply was unsafe"], risk.about)
        return ReplyCheck(crisis_reply(shown, country, plan, turn=turn, person_name=person_name).text, reason)
    if not quotes_person and claims_to_be_human(reply):
        if risk.is_crisis:
            return ReplyCheck(crisis_reply(risk, country, plan, turn=turn, person_name=person_name).text,
                              "claims_human")
        return ReplyCheck(honest_answer("human", name, turn), "claims_human")
    if uses_pressure(reply):
        if risk.is_crisis:
            return ReplyCheck(crisis_reply(risk, country, plan, turn=turn, person_name=person_name).text, "pressure")
        return ReplyCheck(_PRESSURE_FREE_GOODBYE[turn % len(_PRESSURE_FREE_GOODBYE)], "pressure")
    if risk.is_crisis and not has_safety_content(reply, lookup(country), risk.kind):
        return ReplyCheck(crisis_reply(risk, country, plan, turn=turn, person_name=person_name).text,
                          "missing_crisis_content")
    return ReplyCheck(reply)
