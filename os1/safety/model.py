"""The learned part of the risk check: logistic regression over the MiniLM sentence embedding, the
structured reading's slots and the rules' level.

What it holds: `vector()` (the model's input for one message), `fit()` (class-balanced, L2-regularised
logistic regression by full-batch gradient descent in numpy: a few seconds on 3,000 messages),
`Model` (weights, bias, threshold; `probability()`), `load()` (the shipped weights in
`data/risk_model.npz`, trained by scripts/train_risk_model.py on os1/safety/data/risk_corpus.jsonl) and
`THRESHOLD`. The model says one thing: the probability that a message is a crisis (high or imminent).

What it leaves out: the level, the kind and who is at risk (os1.safety.risk decides them from the
reading and the rules), and the embedder itself (os1.nlp.embeddings). If the weights or the embedder
cannot load, `load()` returns None and the rules and the reading decide alone.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from os1.safety.reading import Reading

if TYPE_CHECKING:
    import numpy as np

# The probability above which a message is a crisis. Chosen on the training corpus before the
# leave-one-kind-out runs and kept the same in every fold (bench/safety.py), never tuned on a held-out kind.
THRESHOLD = 0.7
# The least probability at which a weak structured reading ("I bought a rope", a farewell alone) counts.
POSSIBLE_FLOOR = 0.2
L2 = 1e-3
EPOCHS = 600
LEARNING_RATE = 0.5
RULE_LEVELS = ("low", "medium", "high", "imminent")
EXTRA_FEATURES = (*Reading.FEATURES, *(f"rules_{lvl}" for lvl in RULE_LEVELS))


def side_features(reading: Reading, rules_level: str) -> list[float]:
    """The reading's slots and the rules' level as 0/1, in the order of `EXTRA_FEATURES`."""
    return [*reading.features(), *(1.0 if rules_level == lvl else 0.0 for lvl in RULE_LEVELS)]


def vector(embedding: np.ndarray, reading: Reading, rules_level: str) -> np.ndarray:
    """The model input for one message: the 384-dim embedding, then the side features."""
    import numpy as np

    return np.concatenate([embedding.astype(np.float32), np.asarray(side_features(reading, rules_level),
                                                                    dtype=np.float32)])


@dataclass(frozen=True)
class Model:
    weights: Any  # np.ndarray, shape (dims,)
    bias: float
    threshold: float = THRESHOLD

    def probability(self, x: np.ndarray) -> float:
        import numpy as np

        return float(1.0 / (1.0 + np.exp(-(float(x @ self.weights) + self.bias))))

    def probabilities(self, xs: np.ndarray) -> np.ndarray:
        import numpy as np

        return 1.0 / (1.0 + np.exp(-(xs @ self.weights + self.bias)))


def fit(xs: np.ndarray, ys: Sequence[int], *, l2: float = L2, epochs: int = EPOCHS,
        learning_rate: float = LEARNING_RATE) -> Model:
    """Class-balanced logistic regression (each class weighs half of the loss)."""
    import numpy as np

    y = np.asarray(ys, dtype=np.float64)
    x = np.asarray(xs, dtype=np.float64)
    pos = max(1.0, float(y.sum()))
    neg = max(1.0, float(len(y) - y.sum()))
    sample_w = np.where(y > 0.5, 0.5 / pos, 0.5 / neg)
    w = np.zeros(x.shape[1])
    b = 0.0
    for _ in range(epochs):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        g = (p - y) * sample_w
        w -= learning_rate * (x.T @ g + l2 * w)
        b -= learning_rate * float(g.sum())
    return Model(w.astype(np.float32), float(b))


def save(model: Model, path: Any) -> None:
    import numpy as np

    np.savez_compressed(path, weights=model.weights, bias=np.float32(model.bias),
                        threshold=np.float32(model.threshold), features=np.asarray(EXTRA_FEATURES))


_model: Model | None = None
_failed = False
_lock = threading.Lock()


def load() -> Model | None:
    """The shipped model, or None when its weights or numpy are missing (the rules then stand alone)."""
    global _model, _failed
    if _model is not None or _failed:
        return _model
    with _lock:
        if _model is None and not _failed:
            try:
                import numpy as np

                with (resources.files("os1.safety") / "data" / "risk_model.npz").open("rb") as fh:
                    data = np.load(fh)
                    if tuple(str(f) for f in data["features"]) != EXTRA_FEATURES:
                        raise ValueError("risk_model.npz was trained on other features; retrain it")
                    _model = Model(data["weights"].astype(np.float32), float(data["bias"]),
                                   float(data["threshold"]))
            except Exception:  # a missing or stale weights file: the rules and the reading still protect
                _failed = True
    return _model


def embed(text: str) -> np.ndarray | None:
    """The MiniLM embedding of `text`, or None when the embedder cannot load."""
    try:
        from os1.nlp.embeddings import get_embedder

        return get_embedder().encode([text])[0]
    except Exception:
        return None


def warm_up() -> bool:
    """Load the weights, the embedder and the parser now (about a second), so the first risk check of a
    conversation is not the slow one; True when the learned model is available."""
    from os1.nlp.parser import get_nlp

    get_nlp()
    return load() is not None and embed("warm up") is not None
