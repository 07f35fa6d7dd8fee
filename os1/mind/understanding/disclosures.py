"""Self-disclosures: what a message tells about its speaker (likes, dislikes, job, plans, worries, ...).

What it holds: `find_disclosures(doc, dates)` -> list of `Disclosure` (kind, the span that says it, and
for plans the resolved date). Kinds: like, dislike, job, plan, worry, hope, home, health, family.
Each is a first-person pattern over one sentence of the spaCy parse; a sentence about the speaker
("I ...", "my ...") that carries a future date is a plan even without a plan verb ("my interview is on
Friday").

What it leaves out: disclosures about other people ("my sister loves jazz" is about the sister: the
people map, not this module, should keep it), and negated plans ("I'm not going to go").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from os1.mind.understanding.dates import DateMention

_RULES: list[tuple[str, re.Pattern[str]]] = [
    (
        "dislike",
        re.compile(
            r"\bi\s+(?:really\s+|just\s+|honestly\s+)?(?:hate|dislike|detest|loathe|can't stand|"
            r"cannot stand|don't like|do not like|don't enjoy|am not a fan of|'m not a fan of)\s+\w",
            re.I,
        ),
    ),
    (
        "like",
        re.compile(
            r"\bi\s+(?:really\s+|just\s+|absolutely\s+|totally\s+)?(?:love|like|enjoy|adore)\s+"
            r"(?!you\b|it\b|that\b|this\b)\w"
            r"|\bi(?:'m| am)\s+(?:really\s+|so\s+)?(?:into|a (?:big |huge )?fan of|passionate about)\s+\w"
            r"|\bmy favou?rite\s+\w+\s+(?:is|are)\b",
            re.I,
        ),
    ),
    (
        "job",
        re.compile(
            r"\bi\s+(?:work|worked)\s+(?:as|at|for|in)\s+\w|\bmy (?:job|work|career)\s+(?:is|as)\b"
            r"|\bi(?:'m| am)\s+(?:a|an)\s+(?:\w+\s+)?(?:nurse|teacher|doctor|engineer|developer|"
            r"programmer|designer|student|lawyer|writer|artist|chef|cook|driver|manager|accountant|"
            r"scientist|researcher|barista|waiter|waitress|cashier|carer|caregiver|electrician|"
            r"plumber|mechanic|pharmacist|therapist|journalist|musician|photographer|consultant|"
            r"farmer|pilot|firefighter|paramedic|librarian|professor|lecturer|intern|freelancer)\b"
            r"|\bi(?:'m| am)\s+(?:unemployed|retired|between jobs|self-employed)\b",
            re.I,
        ),
    ),
    (
        "worry",
        re.compile(
            r"\bi(?:'m| am)\s+(?:so\s+|really\s+|a bit\s+|kind of\s+|pretty\s+)?(?:worried|anxious|"
            r"scared|afraid|nervous|terrified|stressed|freaking out)\b"
            r"|\bi\s+(?:worry|fear|dread)\b|\bi can't stop thinking about\b|\bwhat if\b",
            re.I,
        ),
    ),
    (
        "plan",
        re.compile(
            r"\bi(?:'m| am)\s+(?:going to|gonna|planning to|planning on|about to|thinking of|"
            r"thinking about)\s+\w|\bi\s+(?:will|'ll|plan to|intend to|want to try)\s+\w"
            r"|\bi(?:'ve| have)\s+(?:got\s+)?(?:a|an|my)\s+\w+\s+(?:on|tomorrow|next|this|at|in)\b",
            re.I,
        ),
    ),
    (
        "hope",
        re.compile(
            r"\bi\s+(?:really\s+)?(?:hope|wish|dream of|dream about)\b|\bmy dream is\b"
            r"|\bi(?:'d| would) love to\b",
            re.I,
        ),
    ),
    (
        "home",
        re.compile(
            r"\bi\s+(?:live|grew up|moved)\s+(?:in|to|near|with)\s+\w|\bi(?:'m| am) from\s+[A-Z]", re.I
        ),
    ),
    (
        "health",
        re.compile(
            r"\bi\s+(?:haven't|have not|couldn't|can't)\s+(?:slept|sleep)\b|\bi(?:'m| am)\s+"
            r"(?:sick|ill|pregnant|exhausted|injured|in pain)\b|\bi\s+(?:have|got|was diagnosed with)\s+"
            r"(?:a\s+)?(?:cold|flu|covid|migraine|migraines|diabetes|asthma|depression|anxiety|"
            r"cancer|adhd|a broken \w+)\b",
            re.I,
        ),
    ),
    (
        "family",
        re.compile(
            r"\bi\s+have\s+(?:a|an|two|three|four|\d+)\s+(?:kids?|children|sons?|daughters?|"
            r"sisters?|brothers?|siblings?|dogs?|cats?|pets?)\b|\bi(?:'m| am)\s+(?:married|engaged|"
            r"divorced|single|a (?:mum|mom|dad|parent|father|mother))\b",
            re.I,
        ),
    ),
]
_FIRST_PERSON = re.compile(r"\b(i|i'm|i've|i'll|i'd|my|we|we're|our)\b", re.I)


@dataclass
class Disclosure:
    kind: str
    text: str
    date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "date": self.date}


def find_disclosures(doc: Any, dates: list[DateMention], today: str) -> list[Disclosure]:
    """Self-disclosures, one per (sentence, kind); a sentence can disclose several kinds.

    `today` is the message's date (ISO); only dates from today on make a plan.
    """
    out: list[Disclosure] = []
    for sent in doc.sents:
        text = sent.text.strip()
        if not text or not _FIRST_PERSON.search(text):
            continue
        start, end = sent.start_char, sent.end_char
        future = [d for d in dates if start <= d.start < end and d.value[:10] >= today]
        kinds = [kind for kind, rule in _RULES if rule.search(text)]
        if future and "plan" not in kinds and not is_past(sent):
            kinds.append("plan")
        for kind in kinds:
            date = future[0].value if kind == "plan" and future else None
            out.append(Disclosure(kind, text, date))
    return out


def is_past(sent: Any) -> bool:
    """Is the main verb of this spaCy sentence in the past tense ("I saw her on Friday")? Such a
    sentence is not a plan, and it tells of something that happened."""
    root = sent.root
    tags = {root.tag_} | {c.tag_ for c in root.children if c.dep_ in ("aux", "auxpass")}
    return bool(tags & {"VBD", "VBN"}) and not any(c.lower_ in ("will", "'ll") for c in root.children)
