"""Emotion classification over the 28 GoEmotions labels (multi-label), with no language model.

What it holds: `LABELS`, `classify(texts)` returning one `EmotionResult` per text, `ekman(labels)` (the
paper's 6 groups + neutral), and the feature function shared with the training script. The model is a
linear read-out over two views of a message, averaged with a small MLP over the first view:
  - its MiniLM sentence embedding (`os1.nlp.embeddings`), and
  - TF-IDF over words and word pairs (sublinear tf, l2-normalised), which catches the lexical cues
    ("thanks", "lol", "?", "sorry") that a similarity-tuned embedding smooths away.
Per-label thresholds were tuned on the GoEmotions dev split. Weights live in `os1/mind/data/emotions/`
(see the README there for provenance, licence and figures); `scripts/train_emotions.py` rebuilds them.

What it leaves out: sentiment, intent and entities (see `os1.mind.understanding`), and any training code
beyond the featuriser (sklearn is a build-time tool only).
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

LABELS: tuple[str, ...] = (
    "admiration", "amusement", "anger", "annoyance", "approval", "caring", "confusion", "curiosity",
    "desire", "disappointment", "disapproval", "disgust", "embarrassment", "excitement", "fear",
    "gratitude", "grief", "joy", "love", "nervousness", "optimism", "pride", "realization", "relief",
    "remorse", "sadness", "surprise", "neutral",
)  # fmt: skip

# The Ekman grouping of the GoEmotions paper (ekman_mapping.json); neutral stays its own class.
EKMAN: dict[str, tuple[str, ...]] = {
    "anger": ("anger", "annoyance", "disapproval"),
    "disgust": ("disgust",),
    "fear": ("fear", "nervousness"),
    "joy": ("joy", "amusement", "approval", "excitement", "gratitude", "love", "optimism", "relief",
            "pride", "admiration", "desire", "caring"),
    "sadness": ("sadness", "disappointment", "embarrassment", "grief", "remorse"),
    "surprise": ("surprise", "realization", "confusion", "curiosity"),
}  # fmt: skip
_LABEL_TO_EKMAN = {label: group for group, members in EKMAN.items() for label in members}

# Words (keeping a short clitic such as "don't") and every single non-space symbol, so that "!", "?"
# and emoji count as tokens: they carry much of the emotion in chat.
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[^\sa-z0-9]")


def tokens(text: str) -> list[str]:
    """Unigrams and adjacent word pairs of `text`, lower-cased: the TF-IDF vocabulary's units."""
    words = _TOKEN.findall(text.lower())
    return words + [a + " " + b for a, b in pairwise(words)]


def tfidf_rows(
    texts: Sequence[str], vocab: dict[str, int], idf: np.ndarray
) -> list[tuple[list[int], list[float]]]:
    """Sparse TF-IDF rows: (column ids, l2-normalised sublinear tf * idf). Training uses this too."""
    rows = []
    for text in texts:
        counts = Counter(t for t in tokens(text) if t in vocab)
        cols = [vocab[t] for t in counts]
        vals = [(1.0 + math.log(c)) * float(idf[j]) for j, c in zip(cols, counts.values(), strict=True)]
        norm = math.sqrt(sum(v * v for v in vals)) or 1.0
        rows.append((cols, [v / norm for v in vals]))
    return rows


@dataclass
class EmotionResult:
    """The emotions judged present in one text, and the score of every label (0..1)."""

    labels: list[str]
    scores: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"labels": list(self.labels), "scores": dict(self.scores)}


def ekman(labels: Iterable[str]) -> list[str]:
    """Map GoEmotions labels to the paper's Ekman groups (plus `neutral`), sorted, without repeats."""
    groups = {"neutral" if label == "neutral" else _LABEL_TO_EKMAN[label] for label in labels}
    return sorted(groups)


def _data_dir() -> Path:
    return Path(str(resources.files("os1.mind") / "data" / "emotions"))


class EmotionModel:
    """The loaded weights; `scores()` is the whole forward pass (numpy only)."""

    def __init__(self, path: Path | None = None) -> None:
        import numpy as np

        data = np.load(path or _data_dir() / "model.npz", allow_pickle=False)
        self.vocab: dict[str, int] = {str(w): i for i, w in enumerate(data["vocab"])}
        self.idf: np.ndarray = data["idf"]
        self.w_text: np.ndarray = data["w_text"]
        self.w_emb: np.ndarray = data["w_emb"]
        self.bias: np.ndarray = data["bias"]
        self.mlp = [data[k] for k in ("mlp_w1", "mlp_b1", "mlp_w2", "mlp_b2")]
        self.mix = float(data["mix"])
        self.thresholds: np.ndarray = data["thresholds"]

    def scores(self, texts: Sequence[str], embeddings: np.ndarray) -> np.ndarray:
        """Label probabilities, shape (len(texts), 28)."""
        import numpy as np

        linear = embeddings @ self.w_emb + self.bias
        for r, (cols, vals) in enumerate(tfidf_rows(texts, self.vocab, self.idf)):
            if cols:
                linear[r] += np.asarray(vals, dtype=np.float32) @ self.w_text[cols]
        w1, b1, w2, b2 = self.mlp
        hidden = np.maximum(embeddings @ w1 + b1, 0.0)
        mlp = hidden @ w2 + b2
        return self.mix * _sigmoid(linear) + (1.0 - self.mix) * _sigmoid(mlp)

    def decide(self, probs: np.ndarray) -> list[list[str]]:
        """Labels over their threshold; `neutral` when none is (every text gets at least one label)."""
        out = []
        for row in probs:
            present = [LABELS[j] for j in range(len(LABELS)) if row[j] >= self.thresholds[j]]
            if len(present) > 1 and "neutral" in present:
                present.remove("neutral")  # an emotion that clears its bar outranks "no emotion"
            out.append(present or ["neutral"])
        return out


def _sigmoid(x: np.ndarray) -> np.ndarray:
    import numpy as np

    return (1.0 / (1.0 + np.exp(-np.clip(x, -30.0, 30.0)))).astype(np.float32)


_model: EmotionModel | None = None
_model_lock = threading.Lock()


def get_model() -> EmotionModel:
    """The process-wide emotion model, loaded on first use."""
    global _model
    if _model is None:
        with _model_lock:
            if _model is None:
                _model = EmotionModel()
    return _model


def classify(texts: Sequence[str], embeddings: np.ndarray | None = None) -> list[EmotionResult]:
    """Classify each text. Pass `embeddings` (from `get_embedder().encode(texts)`) to reuse them."""
    from os1.nlp.embeddings import get_embedder

    if isinstance(texts, str):
        raise TypeError("classify() takes a sequence of texts, not a single string")
    if len(texts) == 0:
        return []
    model = get_model()
    if embeddings is None:
        embeddings = get_embedder().encode(texts)
    probs = model.scores(texts, embeddings)
    results = []
    for row, present in zip(probs, model.decide(probs), strict=True):
        scores = {label: round(float(p), 4) for label, p in zip(LABELS, row, strict=True)}
        results.append(EmotionResult(labels=present, scores=scores))
    return results
