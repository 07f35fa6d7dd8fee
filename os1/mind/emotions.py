"""Emotion classification over the 28 GoEmotions labels (multi-label), with no language model.

What it holds: `LABELS`, `classify(texts)` returning one `EmotionResult` per text, `ekman(labels)` (the
paper's 6 groups + neutral), and the feature function shared with the training script. Each message is
read two ways, from one MiniLM encoder run (`os1.nlp.embeddings`):
  - a linear read-out over its sentence embedding and TF-IDF over words and word pairs (sublinear tf,
    l2-normalised), which catches the lexical cues ("thanks", "lol", "?", "sorry") that a
    similarity-tuned embedding smooths away, averaged with a small MLP over the embedding;
  - OS1's own fine-tuned copy of the encoder's last two layers (`Branch`), which keeps what the frozen,
    pooled vector loses: negation, emphasis, which word the feeling hangs on.
The two are blended per output (28 labels, then the 7 Ekman groups, each with its own trained read-out)
and cut at per-output thresholds, all tuned on the GoEmotions dev split. Weights live in
`os1/mind/data/emotions/` (see the README there for provenance, licence and figures);
`scripts/train_emotions.py` rebuilds them.

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
    """The emotions judged present in one text and the score of every label (0..1); `ekman` is the
    coarse view from the separately trained Ekman head (6 groups + neutral)."""

    labels: list[str]
    scores: dict[str, float] = field(default_factory=dict)
    ekman: list[str] = field(default_factory=list)
    ekman_scores: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"labels": list(self.labels), "scores": dict(self.scores), "ekman": list(self.ekman),
                "ekman_scores": dict(self.ekman_scores)}  # fmt: skip


def ekman(labels: Iterable[str]) -> list[str]:
    """Map GoEmotions labels to the paper's Ekman groups (plus `neutral`), sorted, without repeats.

    This is the mapping; `EmotionResult.ekman` is the Ekman head's own (more accurate) decision.
    """
    groups = {"neutral" if label == "neutral" else _LABEL_TO_EKMAN[label] for label in labels}
    return sorted(groups)


def _data_dir() -> Path:
    return Path(str(resources.files("os1.mind") / "data" / "emotions"))


EKMAN_GROUPS: tuple[str, ...] = (*EKMAN, "neutral")


class _Head:
    """One read-out (28 fine labels, or the 7 Ekman groups): linear over [TF-IDF | embedding],
    averaged with an MLP over the embedding, then per-output thresholds."""

    def __init__(self, data: Any, prefix: str) -> None:
        self.w_text: np.ndarray = data[prefix + "w_text"].astype("float32")
        self.w_emb: np.ndarray = data[prefix + "w_emb"]
        self.bias: np.ndarray = data[prefix + "bias"]
        self.mlp = [data[prefix + k] for k in ("mlp_w1", "mlp_b1", "mlp_w2", "mlp_b2")]
        self.mix = float(data[prefix + "mix"])
        self.thresholds: np.ndarray = data[prefix + "thresholds"]

    def scores(self, rows: list[tuple[list[int], list[float]]], embeddings: np.ndarray) -> np.ndarray:
        import numpy as np

        linear = embeddings @ self.w_emb + self.bias
        for r, (cols, vals) in enumerate(rows):
            if cols:
                linear[r] += np.asarray(vals, dtype=np.float32) @ self.w_text[cols]
        w1, b1, w2, b2 = self.mlp
        mlp = np.maximum(embeddings @ w1 + b1, 0.0) @ w2 + b2
        return self.mix * _sigmoid(linear) + (1.0 - self.mix) * _sigmoid(mlp)

    def decide(self, probs: np.ndarray, names: Sequence[str]) -> list[list[str]]:
        """Outputs over their threshold, else `neutral` (every text gets at least one, and `neutral`
        never stands beside an emotion)."""
        out = []
        for row in probs:
            present = [names[j] for j in range(len(names)) if row[j] >= self.thresholds[j]]
            if len(present) > 1 and "neutral" in present:
                # "grief, sadness, neutral" would mislead whoever reacts to the feeling; an emotion
                # that clears its bar outranks "no emotion". (It costs 0.3 fine / 1 Ekman F1 point.)
                present.remove("neutral")
            out.append(present or ["neutral"])
        return out


class Branch:
    """OS1's own copy of the encoder's last two layers, fine-tuned on GoEmotions, over the token states
    after layer 4 (`Embedder.encode_with_states`), mean- and max-pooled and read out to the 28 labels then
    the 7 Ekman groups; `branch.onnx`, run by onnxruntime. The frozen sentence vector is tuned for
    similarity and averages away word order and emphasis ("not happy at all"); re-training the top of
    the encoder for feelings gets them back for the price of two more encoder layers, not a second run."""

    def __init__(self, path: Path) -> None:
        from os1.nlp.embeddings import cpu_session

        self._session = cpu_session(path)

    def scores(self, states: Sequence[np.ndarray], batch_size: int = 64) -> np.ndarray:
        """Probabilities (n, 35): the 28 labels, then the 7 Ekman groups."""
        import numpy as np

        out = np.zeros((len(states), len(LABELS) + len(EKMAN_GROUPS)), dtype=np.float32)
        order = sorted(range(len(states)), key=lambda i: len(states[i]))
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            x, mask = pad_states(states, idx)
            (out[idx],) = self._session.run(["probs"], {"states": x, "mask": mask.astype(np.int64)})
        return out


def pad_states(states: Sequence[np.ndarray], idx: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    """The texts `idx` of `states` as one zero-padded float32 batch (n, longest, dim) and its mask of
    real tokens. Training uses this too."""
    import numpy as np

    width = max(len(states[i]) for i in idx)
    x = np.zeros((len(idx), width, states[idx[0]].shape[1]), dtype=np.float32)
    mask = np.zeros((len(idx), width), dtype=bool)
    for row, i in enumerate(idx):
        x[row, : len(states[i])] = states[i]
        mask[row, : len(states[i])] = True
    return x, mask


class EmotionModel:
    """The loaded read-outs: the sentence heads (28 labels, 7 Ekman groups, numpy) and the branch (onnxruntime)."""

    def __init__(self, directory: Path | None = None) -> None:
        import numpy as np

        directory = directory or _data_dir()
        with np.load(directory / "model.npz", allow_pickle=False) as data:
            self.vocab: dict[str, int] = {str(w): i for i, w in enumerate(data["vocab"])}
            self.idf: np.ndarray = data["idf"]
            self.fine = _Head(data, "")
            self.ekman = _Head(data, "ek_")
            # Weight of the branch in each output's final score (the sentence-vector heads get the rest).
            self.branch_mix: np.ndarray = data["branch_mix"].astype("float32")
        self.branch = Branch(directory / "branch.onnx")

    def analyse(
        self, texts: Sequence[str], embeddings: np.ndarray, states: Sequence[np.ndarray]
    ) -> tuple[np.ndarray, np.ndarray]:
        """(fine probabilities (n, 28), Ekman group probabilities (n, 7))."""
        import numpy as np

        rows = tfidf_rows(texts, self.vocab, self.idf)
        fine, groups = self.fine.scores(rows, embeddings), self.ekman.scores(rows, embeddings)
        sentence = np.concatenate([fine, groups], axis=1)
        blended = self.branch_mix * self.branch.scores(states) + (1.0 - self.branch_mix) * sentence
        return blended[:, : len(LABELS)], blended[:, len(LABELS) :]


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


def classify(texts: Sequence[str]) -> list[EmotionResult]:
    """Classify each text (the embedder remembers single texts, so a turn's message is encoded once)."""
    from os1.nlp.embeddings import get_embedder

    if isinstance(texts, str):
        raise TypeError("classify() takes a sequence of texts, not a single string")
    if len(texts) == 0:
        return []
    model = get_model()
    embeddings, states = get_embedder().encode_with_states(texts)
    fine, groups = model.analyse(texts, embeddings, states)
    results = []
    fine_labels = model.fine.decide(fine, LABELS)
    group_labels = model.ekman.decide(groups, EKMAN_GROUPS)
    for f_row, present, g_row, g_present in zip(fine, fine_labels, groups, group_labels, strict=True):
        results.append(
            EmotionResult(
                labels=present,
                scores={label: round(float(p), 4) for label, p in zip(LABELS, f_row, strict=True)},
                ekman=g_present,
                ekman_scores={g: round(float(p), 4) for g, p in zip(EKMAN_GROUPS, g_row, strict=True)},
            )
        )
    return results
