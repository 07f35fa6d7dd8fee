"""Perception: one message read into a `Reading` the other layers can rely on.

It runs the understanding layer (os1.mind.understanding's `analyze`, or os1.mind.rough until that is
installed), reads the message's form (os1.mind.surface), and normalises the analysis dictionary so
affect, curiosity and the composer never depend on its exact spelling. It also sums the emotions up into
one *family* (grief, sadness, lonely, fear, anger, joy, pride, ...) with an intensity 0..1; a feeling the
person names in their own words (os1.mind.said_feeling) outranks the classifier's guess.
What this module leaves out: classification itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

from os1.clock import from_iso
from os1.mind.said_feeling import said_feeling
from os1.mind.surface import Surface, read_surface
from os1.mind.understanding.acts import sounds_sarcastic, tells_relief

GOEMOTIONS = (
    "admiration",
    "amusement",
    "anger",
    "annoyance",
    "approval",
    "caring",
    "confusion",
    "curiosity",
    "desire",
    "disappointment",
    "disapproval",
    "disgust",
    "embarrassment",
    "excitement",
    "fear",
    "gratitude",
    "grief",
    "joy",
    "love",
    "nervousness",
    "optimism",
    "pride",
    "realization",
    "relief",
    "remorse",
    "sadness",
    "surprise",
    "neutral",
)
# GoEmotions label -> the family the composer and affect answer to.
FAMILY = {
    "grief": "grief",
    "sadness": "sadness",
    "disappointment": "disappointment",
    "remorse": "remorse",
    "embarrassment": "remorse",
    "fear": "fear",
    "nervousness": "fear",
    "anger": "anger",
    "annoyance": "anger",
    "disgust": "anger",
    "disapproval": "anger",
    "joy": "joy",
    "amusement": "joy",
    "excitement": "joy",
    "optimism": "hope",  # looking forward to something is not yet good news to celebrate
    "approval": "neutral",  # agreeing ("I guess she's right") is not a joy to celebrate
    "pride": "pride",
    "admiration": "joy",
    "gratitude": "gratitude",
    "love": "love",
    "caring": "love",
    "relief": "relief",
    "surprise": "surprise",
    "realization": "surprise",
    "confusion": "confusion",
    "curiosity": "curiosity",
    "desire": "hope",
    "neutral": "neutral",
}
_PLEASANT_FAMILIES = frozenset({"joy", "pride", "relief", "love", "gratitude", "surprise", "neutral", "hope"})
NEGATIVE_FAMILIES = frozenset({"grief", "sadness", "lonely", "disappointment", "remorse", "fear", "anger"})
POSITIVE_FAMILIES = frozenset({"joy", "pride", "relief", "gratitude", "love", "hope"})
# Below this score a *good* feeling is the classifier guessing: celebrating on a guess ("Work was fine,
# nothing special" read as approval at 0.13) sounds absurd, so the message is read as ordinary talk
# unless the sentiment agrees. Hard feelings count from a lower score: they are the ones most often
# under-read ("Nobody remembered my birthday" at 0.13), and a gentle word costs little; below 0.1 they
# are noise ("I'm a teacher" read as disappointment at 0.07).
MIN_GOOD_FEELING = 0.2
MIN_HARD_FEELING = 0.1
# A hint of trouble in the scores: the hard-feeling labels adding up to this (there are 15 of them, so
# noise alone sums to about 0.2) and outweighing the good ones.
HINT_OF_TROUBLE = 0.25
# Loneliness is not a GoEmotions label; these words make sadness loneliness.
_LONELY = re.compile(
    r"\b(lonely|loneliness|so alone|all alone|by myself|on my own|no one to|nobody to|no friends|"
    r"isolated|left out|(nobody|no one) (calls?|called|cares?|texts?|texted|messaged|rang|visits?|invited|asked|"
    r"listens?|listening|hears?)|never see (?:my )?(?:friends|anyone|anybody|people)|"
    r"everyone (else )?(has|already has|seems to have) (their|friends)|haven'?t (talked|spoken) to anyone)\b",
    re.I,
)
_GRIEF = re.compile(
    r"\b(passed away|died|funeral|grieving|lost (my|our) (mom|mum|mother|dad|father|wife|husband|"
    r"sister|brother|friend|grand\w+|son|daughter|dog|cat|baby)|put (?:\w+ ){0,3}down (?:this|last|yesterday|today)|"
    r"had to (?:have (?:him|her|them) )?put (?:\w+ ){0,3}down|"
    r"(?:since|after|when) (?:(?-i:[A-Z][a-z]+)|my \w+|mum|mom|dad|nan|gran|grandma|grandad) "
    r"(?:has |had )?passed(?: on)?)\b",
    re.I,
)
# Plans that came to nothing: disappointment, whatever the classifier guessed.
_LET_DOWN = re.compile(
    r"\b(?:fell through|didn'?t get (?:it|the job|the place|in)|got rejected|was rejected|turned me down|"
    r"not (?:moving|going) .{0,30}after all|called off)\b",
    re.I,
)
# Fear felt in the body: "my heart's already racing", "butterflies", "I can't stop shaking".
_NERVES = re.compile(
    r"\bheart'?s? (?:is |was )?(?:already |still )?(?:racing|pounding|hammering)|\bbutterflies\b|"
    r"\bcan'?t stop shaking\b|"
    r"\bstomach'?s? in knots\b|\bdreading (?:it|tomorrow|this)\b|\bnervous wreck\b",
    re.I,
)


@dataclass(frozen=True)
class PersonMention:
    name: str | None
    relation: str | None

    def phrase(self) -> str:
        """How the companion says it back: "your sister Anna", "Anna", "your boss"."""
        if self.relation and self.name:
            return f"your {self.relation} {self.name}"
        return f"your {self.relation}" if self.relation else (self.name or "them")


@dataclass(frozen=True)
class DateMention:
    text: str
    at: datetime | None


@dataclass(frozen=True)
class Disclosure:
    kind: str  # like | dislike | job | plan | worry | ...
    text: str
    at: datetime | None = None


@dataclass(frozen=True)
class Reading:
    """Everything the mind understood of one message, normalised."""

    text: str
    surface: Surface
    emotions: tuple[str, ...]
    scores: dict[str, float]
    sentiment: float
    intent: str
    people: tuple[PersonMention, ...] = ()
    places: tuple[str, ...] = ()
    orgs: tuple[str, ...] = ()
    dates: tuple[DateMention, ...] = ()
    disclosures: tuple[Disclosure, ...] = ()
    raw: dict[str, Any] = field(default_factory=dict)

    @property
    def family(self) -> str:
        """The one feeling the reply answers to."""
        if _GRIEF.search(self.text):
            return "grief"
        top = next((label for label in self.emotions if label != "neutral"), "neutral")
        family = FAMILY.get(top, "neutral")
        if self._guessed(family, self.scores.get(top, 1.0)) or (family == "love" and self._states_a_taste()):
            family = "neutral"
        said = said_feeling(self.text)
        family = said.family if said else family  # a feeling they name outranks the classifier's guess
        if family in ("neutral", "surprise") and _NERVES.search(self.text):
            return "fear"
        if family in _PLEASANT_FAMILIES and not said and _LET_DOWN.search(self.text):
            return "disappointment"
        if family in _PLEASANT_FAMILIES and sounds_sarcastic(self.text):
            return "anger"  # "great. just great. my car broke down again" is frustration
        if family in _PLEASANT_FAMILIES and not said and tells_relief(self.text):
            return "relief"  # "it's benign, he's fine": the classifier often reads love or surprise
        if _LONELY.search(self.text) and family in ("sadness", "neutral", "fear", "anger", "disappointment"):
            return "lonely"
        if family == "neutral" and self.sentiment <= -0.5:
            return "sadness"
        if family in ("neutral", "surprise") and self._exclaimed_news():
            return "joy"
        return family

    @property
    def their_word(self) -> str | None:
        """The word they named the feeling with ("so angry" -> "angry"), when it is the feeling answered."""
        said = said_feeling(self.text)
        return said.word if said and said.family == self.family else None

    def _states_a_taste(self) -> bool:
        """A short, calm "I like my tea strong": the classifier reads love (GoEmotions tags most "I like"
        as love), but a taste is heard and asked about, not met with "you're completely smitten". Love
        for a person ("I love my sister") stays love."""
        return (
            any(d.kind == "like" for d in self.disclosures)
            and not self.people
            and "!" not in self.text
            and len(self.text.split()) <= 15
        )

    def _guessed(self, family: str, score: float) -> bool:
        """Is this feeling too faint to name, with no sentiment to back it up?"""
        if family in POSITIVE_FAMILIES:
            return score < MIN_GOOD_FEELING and self.sentiment < 0.4
        return family in NEGATIVE_FAMILIES and score < MIN_HARD_FEELING and self.sentiment > -0.4

    def _exclaimed_news(self) -> bool:
        """News told with an exclamation mark and nothing sour in it ("I sold my first painting!") is good
        news, even when the classifier heard no feeling in the words."""
        return self.intent == "share_news" and "!" in self.text and self.sentiment > -0.5

    @property
    def intensity(self) -> float:
        """0..1: how strongly it was felt (top score, sentiment strength, shouting, exclamations)."""
        top = max((score for label, score in self.scores.items() if label != "neutral"), default=0.0)
        bangs = min(self.text.count("!"), 3) * 0.05
        return min(1.0, 0.5 * top + 0.4 * abs(self.sentiment) + bangs + (0.15 if self.surface.shouting else 0.0))

    @property
    def negative(self) -> bool:
        return self.family in NEGATIVE_FAMILIES

    @property
    def troubled(self) -> bool:
        """Something hard in it, named or only hinted at ("The landlord won't fix the heating"): then the
        companion asks gently and never "what was the best part?"."""
        if self.negative or self.family == "confusion":
            return True
        return not self.positive and (self.sentiment <= -0.15 or self.hinted_trouble)

    @property
    def hinted_trouble(self) -> bool:
        """Hard-feeling labels adding up past noise, none strong enough to name: more than a sour word
        ("the bus was late"), less than a feeling."""
        hard, good = self._weights()
        return hard >= HINT_OF_TROUBLE and hard > good

    @property
    def pleasant(self) -> bool:
        """Ordinary talk with a good tone to it: a light "Love that detail." fits, and a bright question."""
        if self.troubled or self.intent == "venting":
            return False
        hard, good = self._weights()
        return self.sentiment > 0.05 or good > hard

    def _weights(self) -> tuple[float, float]:
        """The summed scores of the hard-feeling labels and of the good-feeling ones."""
        hard = sum(v for k, v in self.scores.items() if FAMILY.get(k) in NEGATIVE_FAMILIES)
        good = sum(v for k, v in self.scores.items() if FAMILY.get(k) in POSITIVE_FAMILIES)
        return hard, good

    @property
    def positive(self) -> bool:
        return self.family in POSITIVE_FAMILIES

    @property
    def venting(self) -> bool:
        """Pouring out something hard: then the companion stays with them and asks nothing."""
        # The intent alone is not enough: "Work was fine, nothing special" can be tagged venting, and a
        # companion that falls silent on a calm message sounds like it was not listening.
        negative = self.negative
        return (
            self.family == "grief"
            or (self.intent == "venting" and (negative or self.sentiment <= -0.2 or self.surface.shouting))
            or (negative and (self.intensity >= 0.55 or self.surface.shouting))
        )

    def to_dict(self) -> dict[str, Any]:
        """The analysis as the providers' `context["analysis"]` carries it, plus the family summary."""
        return {
            **self.raw,
            "family": self.family,
            "intensity": round(self.intensity, 3),
            "surface": self.surface.kind(),
            "shouting": self.surface.shouting,
        }


Analyzer = Callable[[str, datetime], dict[str, Any]]


@lru_cache(maxsize=1)
def analyzer() -> Analyzer:
    """The trained understanding, falling back to the rough one when its model files are missing."""
    from os1.mind.understanding import analyze

    return _with_fallback(analyze)


def _with_fallback(analyze: Callable[..., Any]) -> Analyzer:
    """The trained understanding, falling back to the rough one if its model files are missing."""
    from os1.mind import rough

    def run(text: str, now: datetime) -> dict[str, Any]:
        try:
            return _as_dict(analyze(text, now))
        except (OSError, ImportError):  # model weights not installed (yet): answer anyway
            return rough.analyze(text, now)

    return run


def _as_dict(result: Any) -> dict[str, Any]:
    if isinstance(result, dict):
        return result
    to_dict = getattr(result, "to_dict", None)
    return dict(to_dict()) if callable(to_dict) else dict(vars(result))


def perceive(text: str, now: datetime) -> Reading:
    """Read one message said at `now`. The reading of the last few messages is kept, so the dialogue
    policy, the skills and the mind's layers share one understanding pass per turn (`now` to the minute:
    the parts of one turn read the clock a few milliseconds apart)."""
    return _perceive_once(text, now.replace(second=0, microsecond=0))


@lru_cache(maxsize=8)
def _perceive_once(text: str, now: datetime) -> Reading:
    surface = read_surface(text)
    if surface.unreadable or surface.code:
        raw: dict[str, Any] = {
            "text": text,
            "emotions": ["neutral"],
            "emotion_scores": {"neutral": 1.0},
            "sentiment": 0.0,
            "intent": "small_talk",
            "entities": {},
            "disclosures": [],
        }
    else:
        # Shouting is read as ordinary words (the classifier was trained on ordinary case).
        raw = analyzer()(text.lower() if surface.shouting else text, now)
    return from_analysis(raw, surface, text)


def from_analysis(raw: dict[str, Any], surface: Surface | None = None, text: str | None = None) -> Reading:
    """Normalise an analysis dictionary (as `Analysis.to_dict()` or os1.mind.rough write it)."""
    message = text if text is not None else str(raw.get("text", ""))
    scores = {str(k): float(v) for k, v in (raw.get("emotion_scores") or {}).items()}
    emotions = [str(e) for e in _labels(raw.get("emotions"))]
    emotions.sort(key=lambda label: -scores.get(label, 0.5))
    entities = raw.get("entities") or {}
    return Reading(
        text=message,
        surface=surface or read_surface(message),
        emotions=tuple(emotions) or ("neutral",),
        scores=scores,
        sentiment=_sentiment(raw.get("sentiment")),
        intent=_intent(raw.get("intent")),
        people=tuple(_people(_group(entities, "people", "PERSON"))),
        places=tuple(_names(_group(entities, "places", "GPE"))),
        orgs=tuple(_names(_group(entities, "orgs", "ORG") or _group(entities, "organizations", "ORG"))),
        dates=tuple(_dates(_group(entities, "dates", "DATE"))),
        disclosures=tuple(_disclosures(raw.get("disclosures") or [])),
        raw=raw,
    )


def _labels(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return list(value)
    if isinstance(value, list | tuple):
        return [v.get("label") if isinstance(v, dict) else v for v in value]
    return [value] if value else []


def _sentiment(value: Any) -> float:
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, dict):
        for key in ("compound", "score", "value", "polarity"):
            if isinstance(value.get(key), int | float):
                return float(value[key])
        label = str(value.get("label", ""))
        return {"positive": 0.5, "negative": -0.5}.get(label, 0.0)
    return {"positive": 0.5, "negative": -0.5}.get(str(value), 0.0)


def _intent(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("label") or value.get("intent") or value.get("name")
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    return str(value or "small_talk")


def _group(entities: Any, key: str, label: str) -> list[Any]:
    if isinstance(entities, dict):
        items = entities.get(key) or []
        return list(items)
    if isinstance(entities, list):
        return [
            e
            for e in entities
            if isinstance(e, dict) and str(e.get("type") or e.get("label")).upper() in (label, key.upper())
        ]
    return []


def _text_of(item: Any) -> str | None:
    if isinstance(item, str):
        return item
    if isinstance(item, dict):
        for key in ("name", "text", "value"):
            if item.get(key):
                return str(item[key])
    return None


def _people(items: list[Any]) -> list[PersonMention]:
    out = []
    for item in items:
        relation = str(item.get("relation")) if isinstance(item, dict) and item.get("relation") else None
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(item, dict) and not name and not relation:
            name = item.get("text")
        if name and relation and str(name).lower().startswith(("my ", relation.lower())):
            name = None  # "my sister" is a relation, not a name
        out.append(PersonMention(str(name) if name else None, relation))
    return [p for p in out if p.name or p.relation]


def _names(items: list[Any]) -> list[str]:
    return [name for name in (_text_of(i) for i in items) if name]


def _when(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return from_iso(str(value)) if "T" in str(value) else from_iso(str(value) + "T00:00:00")
    except ValueError:
        return None


def _dates(items: list[Any]) -> list[DateMention]:
    out = []
    for item in items:
        if isinstance(item, dict):
            at = _when(item.get("date") or item.get("iso") or item.get("resolved") or item.get("value"))
            out.append(DateMention(str(item.get("text") or ""), at))
    return out


def _disclosures(items: list[Any]) -> list[Disclosure]:
    out = []
    for item in items:
        if isinstance(item, dict):
            kind = str(item.get("kind") or item.get("type") or "")
            text = str(item.get("text") or item.get("object") or item.get("value") or "")
            out.append(Disclosure(kind, text, _when(item.get("date") or item.get("when"))))
    return [d for d in out if d.kind]
