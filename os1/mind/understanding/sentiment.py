"""Sentiment of a message: VADER's compound score (-1..1) and a three-way label.

What it holds: `sentiment(text)`. The cut-offs (+-0.05) are VADER's own recommended ones.
What it leaves out: emotions (see `os1.mind.emotions`), which are finer than a polarity.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

_analyzer: Any = None
_lock = threading.Lock()


@dataclass
class Sentiment:
    compound: float
    label: str  # positive | negative | neutral

    def to_dict(self) -> dict[str, Any]:
        return {"compound": self.compound, "label": self.label}


def _get() -> Any:
    global _analyzer
    if _analyzer is None:
        with _lock:
            if _analyzer is None:
                from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

                _analyzer = SentimentIntensityAnalyzer()
    return _analyzer


def sentiment(text: str) -> Sentiment:
    compound = round(float(_get().polarity_scores(text)["compound"]), 4)
    label = "positive" if compound >= 0.05 else "negative" if compound <= -0.05 else "neutral"
    return Sentiment(compound, label)
