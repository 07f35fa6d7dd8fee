"""A rough understanding used only when the full one (os1.mind.understanding) is not installed.

It fills the same dictionary shape as `Analysis.to_dict()` — emotions, emotion_scores, sentiment, intent,
entities, disclosures — from VADER, a small hand-written cue list, spaCy's entities and dateparser.
It is deliberately simple: it lets the mind run and be tested on its own; the trained classifier
replaces it as soon as it is importable. What this module leaves out: anything learnt from data.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from os1.mind.nlp import parse
from os1.mind.vocabulary import EVENT_WORDS

# GoEmotions label -> cue words/phrases (regular expressions, matched on lower-cased text).
_CUES: dict[str, str] = {
    "grief": r"passed away|\bdied\b|funeral|\bgrie(f|ving)\b|\bmourn|lost my (mom|mother|dad|father|wife|husband|"
    r"sister|brother|friend|grandma|grandpa|grandmother|grandfather|dog|cat|son|daughter)",
    "sadness": r"\bsad\b|\bdown\b|depress|\bcry|\bcried|heartbroken|miserable|lonely|\balone\b|\bmiss (her|him|"
    r"them|you)|empty|\bhurt|awful|terrible|worst",
    "anger": r"\bangry|furious|\bmad at|pissed|livid|\bhate\b|how dare|\brage|so mad",
    "annoyance": r"annoy|irritat|frustrat|fed up|sick of|tired of",
    "fear": r"scared|afraid|terrified|frighten",
    "nervousness": r"nervous|anxious|anxiety|worried|worry|stress|panic|dread",
    "joy": r"\bhappy\b|\bglad\b|wonderful|great news|good news|fantastic|\bawesome|\byay\b|delighted|lovely day",
    "excitement": r"excited|can'?t wait|thrilled|so pumped|woo+",
    "pride": r"\bproud\b|got the job|promot|\bpassed\b|\bi did it\b|finished|accepted|\bwon\b",
    "gratitude": r"\bthank|grateful|appreciate",
    "love": r"\blove\b|\badore",
    "relief": r"reliev|relief|\bphew\b",
    "disappointment": r"disappoint|let me down|let down|didn'?t get",
    "remorse": r"\bregret|guilty|my fault|i shouldn'?t have",
    "embarrassment": r"embarrass|ashamed|humiliat",
    "confusion": r"confus|don'?t (know|understand) (what|why|how)|no idea what",
    "surprise": r"can'?t believe|\bwow\b|unexpected|out of nowhere",
    "optimism": r"\bhope|hopeful|looking forward",
    "amusement": r"\bhaha|\blol\b|funny|hilarious",
    "caring": r"take care of|look after|care about (her|him|them)",
    "desire": r"\bi wish|\bi want\b|i'?d love to",
    "admiration": r"amazing|impressive|incredible|brilliant",
    "disgust": r"disgust|gross|revolting",
    "curiosity": r"\bwonder(ing)?\b|curious",
}
_GREETING = re.compile(
    r"^\s*(hi|hello|hey|hiya|good (morning|afternoon|evening)|morning|evening|yo)\b[\s,!.]*\w{0,12}[\s!.]*$", re.I
)
_THANKS = re.compile(r"\b(thank(s| you)|thx|ty|cheers|appreciate (it|that|you))\b", re.I)
_GOODBYE = re.compile(
    r"\b(bye|goodbye|good night|goodnight|see you|talk (to you )?(later|tomorrow|soon)|gotta go|g2g|i'?m off)\b", re.I
)
_ABOUT_YOU = re.compile(
    r"\b(are you|do you (have|feel|like|love|dream|sleep|remember|ever)|what are you|who are you|your name|"
    r"what'?s your name|how are you|how do you feel|are u|who made you|can you feel)\b",
    re.I,
)
_TASK = re.compile(
    r"\b(can you|could you|would you|will you|please)\b.*\b(write|send|book|call|email|order|find|look up|search|"
    r"remind|translate|summari[sz]e|calculate|schedule|buy|draft|code|fix|tell me a joke|play)\b|^\s*(write|send|"
    r"book|remind me|translate|summari[sz]e|calculate|schedule|draft)\b",
    re.I,
)
_VENT = re.compile(
    r"\b(i can'?t (take|stand|do) (this|it)|so (tired|sick) of|fed up|i hate|why does|always|never|"
    r"ugh+|argh+|worst)\b",
    re.I,
)
_EVENTS = EVENT_WORDS
_RELATIONS = (
    "mom",
    "mum",
    "mother",
    "dad",
    "father",
    "sister",
    "brother",
    "wife",
    "husband",
    "partner",
    "boyfriend",
    "girlfriend",
    "son",
    "daughter",
    "friend",
    "boss",
    "manager",
    "colleague",
    "coworker",
    "roommate",
    "flatmate",
    "grandma",
    "grandmother",
    "grandpa",
    "grandfather",
    "aunt",
    "uncle",
    "cousin",
    "neighbour",
    "neighbor",
    "therapist",
    "doctor",
    "teacher",
    "niece",
    "nephew",
    "fiance",
    "fiancée",
    "ex",
    "best friend",
    "parents",
    "kids",
    "children",
    "baby",
    "dog",
    "cat",
)


def analyze(text: str, now: datetime) -> dict[str, Any]:
    """An `Analysis.to_dict()`-shaped reading of `text` said at `now`."""
    low = text.lower()
    scores = _emotion_scores(low)
    present = [label for label, score in sorted(scores.items(), key=lambda kv: -kv[1]) if score >= 0.5]
    compound = _vader().polarity_scores(text)["compound"]
    doc = parse(text[:1500])
    people, places, orgs, dates = _entities(doc, now)
    return {
        "text": text,
        "emotions": present or ["neutral"],
        "emotion_scores": scores,
        "sentiment": {
            "compound": compound,
            "label": "positive" if compound >= 0.05 else "negative" if compound <= -0.05 else "neutral",
        },
        "intent": _intent(text, compound, present),
        "entities": {"people": people, "places": places, "orgs": orgs, "dates": dates},
        "disclosures": _disclosures(doc, dates),
    }


@lru_cache(maxsize=1)
def _vader() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def _emotion_scores(low: str) -> dict[str, float]:
    from os1.mind.perceive import GOEMOTIONS

    scores = dict.fromkeys(GOEMOTIONS, 0.0)
    boost = 0.15 * min(2, len(re.findall(r"\b(so|really|very|extremely|completely|totally)\b|!!", low)))
    for label, pattern in _CUES.items():
        hits = len(re.findall(pattern, low))
        if hits:
            scores[label] = min(1.0, 0.55 + 0.15 * (hits - 1) + boost)
    if not any(scores.values()):
        scores["neutral"] = 0.8
    return scores


def _intent(text: str, compound: float, present: list[str]) -> str:
    if _GREETING.match(text):
        return "greeting"
    if _GOODBYE.search(text) and len(text.split()) <= 8:
        return "goodbye"
    if _THANKS.search(text) and len(text.split()) <= 10:
        return "thanks"
    if _ABOUT_YOU.search(text):
        return "about_companion"
    if _TASK.search(text):
        return "task_request"
    if text.rstrip().endswith("?"):
        return "question_to_companion"
    negative = {"anger", "annoyance", "sadness", "grief", "fear", "nervousness", "disappointment", "disgust"}
    if (compound <= -0.3 and set(present) & negative) or (compound < 0.05 and _VENT.search(text)):
        return "venting"
    if compound >= 0 and set(present) & {"joy", "excitement", "pride", "relief"}:
        return "share_news"
    return "small_talk"


def _entities(doc: Any, now: datetime) -> tuple[list[dict[str, Any]], list[str], list[str], list[dict[str, Any]]]:
    people: list[dict[str, Any]] = []
    seen: set[int] = set()
    for token in doc:
        if token.lower_ in ("my", "our") and token.head.lemma_.lower() in _RELATIONS:
            relation = token.head.lemma_.lower()
            name = next(
                (c.text for c in token.head.children if c.dep_ in ("appos", "compound") and c.pos_ == "PROPN"), None
            )
            if name is None and token.head.i + 1 < len(doc) and doc[token.head.i + 1].ent_type_ == "PERSON":
                name = doc[token.head.i + 1].text
            people.append({"name": name, "relation": relation})
            seen.add(token.head.i)
    for ent in doc.ents:
        if ent.label_ == "PERSON" and not any(p["name"] == ent.text for p in people):
            people.append({"name": ent.text, "relation": None})
    places = [ent.text for ent in doc.ents if ent.label_ in ("GPE", "LOC", "FAC")]
    orgs = [ent.text for ent in doc.ents if ent.label_ == "ORG"]
    dates = []
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME"):
            when = _resolve(ent.text, now)
            dates.append({"text": ent.text, "date": when.isoformat() if when else None})
    return people, places, orgs, dates


def _resolve(text: str, now: datetime) -> datetime | None:
    import dateparser

    cleaned = re.sub(r"^(this|on|at|by)\s+", "", text.strip(), flags=re.I)
    # English only: letting dateparser try every locale costs seconds on a cold start.
    when = dateparser.parse(
        cleaned,
        languages=["en"],
        settings={
            "RELATIVE_BASE": now.replace(tzinfo=None),
            "PREFER_DATES_FROM": "future",
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    if when is None:
        return None
    if when.date() == now.date() and re.search(r"\b(tomorrow)\b", text, re.I):
        when += timedelta(days=1)
    return when.replace(tzinfo=now.tzinfo)


def _disclosures(doc: Any, dates: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    low = doc.text.lower()
    for token in doc:
        if token.lemma_.lower() in _EVENTS and token.pos_ == "NOUN":
            date = next((d["date"] for d in dates if d["date"]), None)
            if date:
                found.append({"kind": "plan", "text": token.text.lower(), "date": date})
                break
    for verb, kind in (
        ("love", "like"),
        ("like", "like"),
        ("enjoy", "like"),
        ("hate", "dislike"),
        ("can't stand", "dislike"),
    ):
        match = re.search(rf"\bi (really )?{verb} ([a-z' ]{{3,40}})", low)
        if match:
            found.append({"kind": kind, "text": match.group(2).strip(), "date": None})
    job = re.search(r"\bi (work as|work at|work for|am an?|'m an?) ([a-z ]{3,30}?)(\.|,|$| and| at)", low)
    if (
        job
        and any(
            w in job.group(2)
            for w in (
                "nurse",
                "teacher",
                "engineer",
                "developer",
                "doctor",
                "designer",
                "writer",
                "student",
                "manager",
                "chef",
                "lawyer",
                "artist",
            )
        )
    ) or (re.search(r"\bi work (as|at|for)\b", low) and job):
        found.append({"kind": "job", "text": job.group(2).strip(), "date": None})
    worry = re.search(r"\b(worried|anxious|nervous|scared) (about|of) ([a-z' ]{3,40})", low)
    if worry:
        found.append({"kind": "worry", "text": worry.group(3).strip(), "date": None})
    return found
