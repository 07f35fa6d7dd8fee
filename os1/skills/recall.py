"""Recall: questions about the person's own life answered from what they told OS1, with when they said it.

"Which city did my cousin move to?", "what's my partner's job again?", "when did I tell you about the new
flat?" are answered from memory search over the person's own turns ("You told me on 3 March that your
cousin Lea moved to Lyon."). A remembered turn counts only when it shares a content word with the
question, so nothing is invented from a loose match; when nothing was told, OS1 says so plainly.
What this module leaves out: ranking (os1.memory.search) and corrections of facts (os1.memory.facts).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from os1.clock import local_time
from os1.mind.understanding.acts import plain
from os1.skills.base import Outcome, Skill, TurnContext

# A question about the person's own past: "do you remember…", "what did I say about…", or a wh-question
# about "my …"/"I" that asks for a fact, not for advice.
_RECALL_FRAME = re.compile(
    r"\b(?:do|did|can) you (?:still |even )?remember\b|\bremind me (?:what|who|when|where|which|how)\b|"
    r"\bwhat did i (?:say|tell you|mention)\b|\bdid i (?:ever |already )?(?:tell|mention|say)\b|"
    r"\bwhen did i (?:tell|mention|say)\b|\bhave i (?:ever |already )?(?:told|mentioned)\b|"
    r"\bwhat(?:'s| is| was) (?:the name of )?my\b.*\bagain\b|\bi forgot what\b",
    re.IGNORECASE,
)
_OWN_WH = re.compile(
    r"^\W*(?:so\s+|and\s+|um+\s+|hey\s+)?(?:what|which|where|when|who|how (?:old|long|many|much))\b"
    r"(?:'s|'re)?(?P<rest>.*\b(?:my|i)\b.*)",
    re.IGNORECASE,
)
# Questions about "my …" that ask for help or an opinion, not for something told before.
_ADVICE = re.compile(
    r"\b(?:should|shall|could|can|would|might|must|do) i\b|\bdo you think\b|\bwhat if\b|\bam i\b|"
    r"\bwhy (?:do|does|am|is|can't|don't)\b|\bhow do i\b|\bwhat do i do\b|\byour\b|\bi wonder\b",
    re.IGNORECASE,
)
_FRAME_WORDS = frozenset(
    [
        "remember", "remind", "tell", "told", "say", "said", "mention", "mentioned", "again", "recall", "forgot",
        "forget", "know", "ever", "already", "still", "even", "name", "called",
    ]
)
CANDIDATES = 8


def is_recall_question(text: str) -> bool:
    """Does `text` ask OS1 for something the person told it?

    Example: "which city did my cousin move to?" -> True; "what should I get my mum?" -> False
    """
    if len(text) > 300:
        return False
    text = plain(text)
    if _RECALL_FRAME.search(text):
        return True
    own = _OWN_WH.match(text)
    asked = text.rstrip().endswith("?") or bool(re.search(r"\bagain\W*$|\bname\W*$|\bcalled\W*$", text, re.I))
    return bool(own and asked and not _ADVICE.search(text))


class RecallSkill(Skill):
    name = "recall"
    priority = 40

    def triggered(self, turn: TurnContext) -> bool:
        return is_recall_question(turn.text)

    def step(self, turn: TurnContext) -> Outcome | None:
        found = recall(turn)
        if found is None:
            return Outcome(_not_told(turn.text), turn.state, acts=["recall_none"])
        return Outcome(found, turn.state, acts=["recall"])


def recall(turn: TurnContext) -> str | None:
    """'You told me on 3 March that …' from the best remembered turn, or None when nothing fits."""
    from os1.memory.search import query_terms, search

    terms = [t for t in query_terms(turn.text) if t not in _FRAME_WORDS]
    if not terms:
        return None
    hits = search(turn.conn, turn.text, k=CANDIDATES, at=turn.now, speaker="person")
    for hit in hits:
        if hit.id == turn.turn_id or hit.role != "person" or is_recall_question(hit.text):
            continue
        sentence = _best_sentence(hit.text, terms)
        if sentence is None:
            continue
        when = _when(hit.ts, turn.now, turn.tz_name)
        return f"You told me {when} that {_as_told(sentence)}."
    return None


def _stems(words: list[str]) -> set[str]:
    return {w[:5] for w in words if len(w) > 2}


def _best_sentence(text: str, terms: list[str]) -> str | None:
    """The sentence of a remembered turn that shares the most content words with the question."""
    from os1.memory.search import query_terms

    wanted = _stems(terms)
    best, overlap = None, 0
    for sentence in re.split(r"(?<=[.!?])\s+", text.strip()):
        shared = len(wanted & _stems(query_terms(sentence)))
        if shared > overlap:
            best, overlap = sentence, shared
    return best


def _as_told(sentence: str) -> str:
    """The person's sentence said back to them: "my cousin moved to Lyon!" -> "your cousin moved to Lyon"."""
    from os1.mind.reflect import turn_perspective

    text = sentence.strip().rstrip(".!?…")
    text = re.sub(r"^(?:oh|so|well|anyway|guess what|btw|by the way)\W+", "", text, flags=re.IGNORECASE)
    turned = turn_perspective(text)
    return turned[:1].lower() + turned[1:] if not turned[:2].isupper() else turned


def _when(moment: datetime, now: datetime, tz_name: str | None) -> str:
    """'earlier today', 'yesterday', 'on Tuesday', 'on 3 March', 'on 3 March 2025'."""
    said, today = local_time(moment, tz_name), local_time(now, tz_name)
    days = (today.date() - said.date()).days
    if days <= 0:
        return "earlier today"
    if days == 1:
        return "yesterday"
    if days < 7:
        return f"on {said:%A}"
    if said.year == today.year or now - moment < timedelta(days=300):
        return f"on {said.day} {said:%B}"
    return f"on {said.day} {said:%B %Y}"


def _not_told(question: str) -> str:
    if re.search(r"\bwho\b", question, re.IGNORECASE):
        return "I don't think you've told me that yet — who is it?"
    return "I don't think you've told me that yet. If you'd like to, I'll remember it."
