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
from os1.people.relations import canonical
from os1.skills.base import Outcome, Skill, TurnContext
from os1.skills.correction import read_correction

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
    r"^\W*(?:(?:so|and|um+|hey|yo|ok(?:ay)?|oh|wait|sorry)\W+)*"
    r"(?:what|which|where|when|who|how (?:old|long|many|much))\b"
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
_SENTENCES = re.compile(r"(?<=[.!?])\s+")
# "Who have I told you about?", "what do you know about me?": the people and things it knows, listed.
_KNOWN_SO_FAR = re.compile(
    r"\b(?:who (?:have|did) i (?:told|tell) you about|what do you (?:actually |really )?know about me|"
    r"what have i told you(?: about myself| so far)?|what do you remember about me)\b",
    re.IGNORECASE,
)


def is_recall_question(text: str) -> bool:
    """Does `text` ask OS1 for something the person told it (in any of its sentences)?

    Example: "which city did my cousin move to?" -> True; "what should I get my mum?" -> False
    """
    if len(text) > 300:
        return False
    return any(_asks_own(sentence) for sentence in _SENTENCES.split(plain(text).strip()))


def _asks_own(text: str) -> bool:
    if re.search(r"\bremember me\W*$|\bknow (?:who i am|me)\W*$", text, re.IGNORECASE):
        return False  # "do you remember me?" is about OS1 (os1.skills.about_me)
    if _RECALL_FRAME.search(text):
        return True
    own = _OWN_WH.match(text)
    asked = text.rstrip().endswith("?") or bool(re.search(r"\bagain\W*$|\bname\W*$|\bcalled\W*$", text, re.I))
    return bool(own and asked and not _ADVICE.search(text))


def asks_about_someone(text: str, names: set[str]) -> bool:
    """A question about someone the person has told OS1 about ("when is Sam's birthday?", "where does Ben
    live?"): answered only when memory holds the answer."""
    plain_text = plain(text).strip()
    if len(plain_text) > 200 or not plain_text.endswith("?") or _ADVICE.search(plain_text):
        return False
    if not re.match(r"^\W*(?:what|which|where|when|who|how (?:old|long|many|much)|is|does|did)\b", plain_text, re.I):
        return False
    words = {w.strip("?.,!'").lower().removesuffix("'s") for w in plain_text.split()}
    return bool(words & names)


class RecallSkill(Skill):
    name = "recall"
    priority = 40

    def triggered(self, turn: TurnContext) -> bool:
        return (
            _KNOWN_SO_FAR.search(turn.text) is not None
            or is_recall_question(turn.text)
            or asks_about_someone(turn.text, _known_names(turn))
        )

    def step(self, turn: TurnContext) -> Outcome | None:
        birthday = _birthday_answer(turn)
        if birthday is not None:
            return Outcome(birthday, turn.state, acts=["recall_date"])
        if _KNOWN_SO_FAR.search(turn.text):
            return Outcome(what_i_know(turn), turn.state, acts=["recall_summary"])
        found = recall(turn)
        if found is not None:
            return Outcome(found, turn.state, acts=["recall"])
        if is_recall_question(turn.text):
            return Outcome(_not_told(turn.text), turn.state, acts=["recall_none"])
        return None  # a question about someone that memory cannot answer: the conversation takes it


def recall(turn: TurnContext) -> str | None:
    """'You told me on 3 March that …' from the remembered turn that answers best, or None when none does.

    A turn answers when its sentence shares enough of the question's content words (two, or all when the
    question has fewer); a question about a name also needs a name in it. Of equally good answers, the
    latest wins: what was said later corrects what was said before.
    """
    from os1.memory.search import query_terms, search

    question = next((q for q in _SENTENCES.split(plain(turn.text).strip()) if _asks_own(q)), plain(turn.text))
    terms = [t for t in query_terms(question) if t not in _FRAME_WORDS]
    if not terms:
        return None
    wants_name = bool(re.search(r"\b(?:name|called|who)\b", turn.text, re.IGNORECASE))
    wanted = _lemmas(" ".join(terms)) | _names_of_relations(turn, terms)
    asked_relations = {t for t in terms if canonical(t)} | _names_of_relations(turn, terms)
    needed = 1 if len(wanted) <= 2 else 2
    best: tuple[int, datetime, str] | None = None
    for hit in search(turn.conn, turn.text, k=CANDIDATES, at=turn.now, speaker="person"):
        if hit.id == turn.turn_id or hit.role != "person" or is_recall_question(hit.text) or read_correction(hit.text):
            continue  # a correction is answered with what it corrected (below), never quoted as said
        found = _best_sentence(hit.text, wanted)
        if found is None:
            continue
        sentence, shared = found
        if shared < needed or (wants_name and not _names_someone(sentence)):
            continue
        if asked_relations and not asked_relations & _lemmas(sentence):
            continue  # "where does my brother live?" is never answered with the sister
        if best is None or hit.ts > best[1]:
            best = (shared, hit.ts, sentence)  # what was said later corrects what was said before
    for sentence, at in _corrections(turn):
        shared = len(wanted & _lemmas(sentence))
        if shared >= needed and (best is None or at >= best[1]):
            best = (shared, at, sentence)  # already said back in the person's perspective
            return f"You told me {_when(at, turn.now, turn.tz_name)} that {sentence}."
    if best is None:
        return None
    told = _as_told(_shortest_telling(best[2], wanted))
    return f"You told me {_when(best[1], turn.now, turn.tz_name)} that {told}."


def _corrections(turn: TurnContext) -> list[tuple[str, datetime]]:
    """Sentences the person corrected, newest first, as OS1 said them back ("your daughter just turned 6")."""
    from os1.clock import from_iso

    rows = turn.conn.execute(
        "SELECT text, ts FROM turns WHERE role = 'companion' AND meta LIKE '%\"correction\"%' "
        "ORDER BY ts DESC LIMIT 50"
    ).fetchall()
    out = []
    for text, ts in rows:
        match = re.match(r"Got it — (?P<said>.+?)\.(?: |$)", text)
        if match and ", not " not in match.group("said"):
            out.append((match.group("said"), from_iso(ts)))
    return out


_BIRTHDAY_Q = re.compile(
    r"\bwhen(?:'s| is| was)\s+(?:my\s+)?(?P<who>[\w ]{2,30}?)(?:'s)?\s+(?P<kind>birthday|anniversary)\b", re.IGNORECASE
)


def _birthday_answer(turn: TurnContext) -> str | None:
    """"When is Sam's birthday?" from the people map's dates."""
    from os1.errors import UserInputError
    from os1.people.tracker import dates_of, find

    match = _BIRTHDAY_Q.search(plain(turn.text))
    if match is None:
        return None
    try:
        person = find(turn.conn, match.group("who"))
    except UserInputError:
        return None
    date = dates_of(turn.conn, person.id).get(match.group("kind").lower())
    if date is None:
        return None
    import calendar

    who = person.name or f"your {person.relation}"
    return f"{who}'s {match.group('kind').lower()} is on {date[1]} {calendar.month_name[date[0]]}."


def _known_names(turn: TurnContext) -> set[str]:
    from os1.people.tracker import list_people

    return {p.name.lower() for p in list_people(turn.conn) if p.name}


def what_i_know(turn: TurnContext) -> str:
    """The people the person has told OS1 about, and a few facts, in a sentence or two."""
    from os1.memory.facts import facts
    from os1.people.tracker import list_people

    people = [p for p in list_people(turn.conn) if p.name or p.relation]
    named = [f"{p.name} (your {p.relation})" if p.name and p.relation else (p.name or f"your {p.relation}")
             for p in people[:8]]
    known = [f for f in facts(turn.conn, limit=50) if f["subject"] == "person"][:4]
    parts = []
    if named:
        listed = ", ".join(named[:-1]) + (" and " if len(named) > 1 else "") + named[-1]
        parts.append(f"You've told me about {listed}.")
    if known:
        said = "; ".join(f"{f['relation'].replace('_', ' ')} {f['object']}" for f in known)
        parts.append(f"About you: {said}.")
    if not parts:
        return "Not much yet — we've only just started. Tell me about the people in your life?"
    return " ".join(parts) + " Ask me about any of it and I'll tell you when you said it."


def _names_of_relations(turn: TurnContext, terms: list[str]) -> set[str]:
    """The names of the people the question names by relation ("my cousin" -> "lea"), so a turn that
    calls them by name ("Lea moved to Porto") answers too."""
    from os1.people.tracker import list_people

    asked = {t.lower() for t in terms}
    return {p.name.lower() for p in list_people(turn.conn) if p.name and p.relation and p.relation.lower() in asked}


def _names_someone(sentence: str) -> bool:
    """Does the sentence hold a name (a capitalised word that does not start it and is not "I")?"""
    words = sentence.split()
    return any(w[:1].isupper() and w.strip(".,!?'") not in ("I", "I'm", "I've") for w in words[1:])


def _lemmas(text: str) -> set[str]:
    """Content words as dictionary forms: "moved to Lyon" and "move" share "move"."""
    from os1.mind.nlp import parse

    return {t.lemma_.lower() for t in parse(text) if t.is_alpha and not t.is_stop and len(t.text) > 2}


def _best_sentence(text: str, wanted: set[str]) -> tuple[str, int] | None:
    """The sentence of a remembered turn sharing the most content words with the question, and how many."""
    best, overlap = None, 0
    for sentence in re.split(r"(?<=[.!?])\s+", text.strip()):
        shared = len(wanted & _lemmas(sentence))
        if shared > overlap:
            best, overlap = sentence, shared
    return (best, overlap) if best else None


RECALL_MAX_WORDS = 25


def _shortest_telling(sentence: str, wanted: set[str]) -> str:
    """A long sentence cut to its clause that answers ("…, the way your friend Tasha and you stopped talking")."""
    if len(sentence.split()) <= RECALL_MAX_WORDS:
        return sentence
    clauses = [c.strip() for c in re.split(r",|;| and then | but ", sentence) if c.strip()]
    best = max(clauses, key=lambda c: (len(wanted & _lemmas(c)), -len(c)))
    words = best.split()
    return " ".join(words[:RECALL_MAX_WORDS]) + ("…" if len(words) > RECALL_MAX_WORDS else "")


def _as_told(sentence: str) -> str:
    """The person's sentence said back to them: "my cousin moved to Lyon!" -> "your cousin moved to Lyon"."""
    from os1.mind.reflect import turn_perspective

    text = sentence.strip().rstrip(".!?…")
    text = re.sub(r"^(?:oh|so|well|anyway|guess what|btw|by the way)\W+", "", text, flags=re.IGNORECASE)
    turned = turn_perspective(text)
    turned = turned[:1].lower() + turned[1:] if not turned[:2].isupper() else turned
    return turned if _has_subject(turned) else f"you {turned}"  # "just moved to Glasgow" -> "you just moved…"


def _has_subject(text: str) -> bool:
    from os1.mind.nlp import parse

    doc = parse(text[:300])
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if not roots or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in roots[0].children):
        return True
    return doc[0].pos_ not in ("VERB", "ADV", "AUX")  # "just moved to Glasgow": the subject was left out


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
