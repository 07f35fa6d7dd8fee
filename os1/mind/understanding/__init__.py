"""Understanding one message: emotions, sentiment, intent, entities, self-disclosures and risk.

What it holds: `analyze(text, now)` -> `Analysis`, the one call the rest of OS1 (and `os1 analyze`)
uses. It runs the shared parts once per message — one MiniLM embedding (for emotions and intent),
one spaCy parse (for entities and disclosures) — and the safety layer's `assess`.
Messages longer than `MAX_CHARS` are analysed on their first `MAX_CHARS` characters (`truncated`).

What it leaves out: anything that needs conversation history (coreference, follow-ups) and storage;
those belong to memory and curiosity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

# Long enough for any chat message or a long letter's first page; short enough to keep one
# analysis under ~100 ms even for a pasted megabyte.
MAX_CHARS = 5000


@dataclass
class Analysis:
    """Everything `analyze` found in one message (see `to_dict` for the JSON shape)."""

    text: str
    emotions: list[str]
    emotion_scores: dict[str, float]
    ekman: list[str]
    sentiment: dict[str, Any]
    intent: str
    entities: dict[str, Any]
    disclosures: list[dict[str, Any]]
    risk: dict[str, Any]
    truncated: bool = False
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "emotions": list(self.emotions),
            "emotion_scores": dict(self.emotion_scores),
            "ekman": list(self.ekman),
            "sentiment": dict(self.sentiment),
            "intent": self.intent,
            "entities": self.entities,
            "disclosures": list(self.disclosures),
            "risk": dict(self.risk),
            "truncated": self.truncated,
            "notes": list(self.notes),
        }


def analyze(text: str, now: datetime | None = None) -> Analysis:
    """Analyse one message as said at `now` (default: the current local time)."""
    from os1.mind.emotions import classify
    from os1.mind.nlp import parse
    from os1.mind.understanding.dates import find_dates
    from os1.mind.understanding.disclosures import find_disclosures
    from os1.mind.understanding.entities import find_orgs, find_people, find_places
    from os1.mind.understanding.intent import classify_intent
    from os1.mind.understanding.sentiment import sentiment
    from os1.nlp.embeddings import get_embedder
    from os1.safety.risk import assess

    now = now or datetime.now()
    notes: list[str] = []
    truncated = len(text) > MAX_CHARS
    if truncated:
        notes.append(f"analysed the first {MAX_CHARS} of {len(text)} characters")
        text = text[:MAX_CHARS]
    emotion = classify([text])[0]
    embedding = get_embedder().encode([text])  # remembered from the line above: no second encoder run
    senti = sentiment(text)
    doc = parse(text)  # cached: reflection reads the same message's parse in the same turn
    dates = find_dates(text, now)
    entities = {
        "people": [p.to_dict() for p in find_people(doc)],
        "places": find_places(doc),
        "organizations": find_orgs(doc),
        "dates": [d.to_dict() for d in dates],
    }
    return Analysis(
        text=text,
        emotions=emotion.labels,
        emotion_scores=emotion.scores,
        ekman=emotion.ekman,
        sentiment=senti.to_dict(),
        intent=classify_intent(text, embedding[0], senti.compound, emotion.labels),
        entities=entities,
        disclosures=[d.to_dict() for d in find_disclosures(doc, dates, now.date().isoformat())],
        risk=assess(text).to_dict(),
        truncated=truncated,
        notes=notes,
    )


__all__ = ["MAX_CHARS", "Analysis", "analyze"]
