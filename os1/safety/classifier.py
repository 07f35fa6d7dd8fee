"""The risk classifier: nearest authored examples in MiniLM sentence-embedding space.

What it holds: `worth_asking()` (a cheap lexical gate, so most messages never reach the model),
`classify()` (k nearest seed sentences from `data/risk_seeds.tsv`, a weighted vote, a similarity floor)
and the seed loading. Rules in `os1.safety.risk` stay the backbone: this is asked only when they found
nothing decisive, and its answer can only raise a level — to medium, or to high when the message sits
close to several authored sentences of suicidal thinking.

What it leaves out: training of any kind (the seeds are authored by hand and versioned), and the
embedder itself (`os1.nlp.embeddings`). If the embedder cannot load, `classify()` returns None and the
rules' answer stands.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

K = 5
HIGH_FLOOR = 0.62  # mean similarity of the "high" neighbours needed to call it high
MEDIUM_FLOOR = 0.55

_GATE = re.compile(
    r"\b(die|dying|dead|death|gone|alive|live|living|burden|pain|hurt|disappear|exist|existing|point|hopeless|"
    r"give\s+up|giving\s+up|goodbye|wake\s+up|worth|any\s*more|nothing|nobody|no\s+one|escape|over|end|"
    r"funeral|forever|numb|broken|fading|future|let\s+go|relief|peace|rest|sea|ground|space)\b"
)
_FIRST = re.compile(r"\b(i|i'm|i've|i'd|i'll|me|my|myself)\b")


@dataclass(frozen=True)
class Verdict:
    level: str
    kind: str | None
    reason: str
    score: float


def worth_asking(normalised_text: str) -> bool:
    """Only first-person messages with distress or death vocabulary go to the classifier."""
    return bool(_FIRST.search(normalised_text) and _GATE.search(normalised_text))


class _Seeds:
    def __init__(self) -> None:
        self.labels: list[str] = []
        self.texts: list[str] = []
        self.matrix: Any = None


_seeds: _Seeds | None = None
_lock = threading.Lock()
_failed = False


def load_seeds() -> list[tuple[str, str]]:
    """(label, text) pairs from the packaged seed file."""
    raw = (resources.files("os1.safety") / "data" / "risk_seeds.tsv").read_text(encoding="utf-8")
    pairs: list[tuple[str, str]] = []
    for line in raw.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, _, text = line.partition("\t")
        pairs.append((label.strip(), text.strip()))
    return pairs


def _get() -> _Seeds | None:
    global _seeds, _failed
    if _seeds is not None or _failed:
        return _seeds
    with _lock:
        if _seeds is None and not _failed:
            try:
                from os1.nlp.embeddings import get_embedder

                pairs = load_seeds()
                seeds = _Seeds()
                seeds.labels = [p[0] for p in pairs]
                seeds.texts = [p[1] for p in pairs]
                seeds.matrix = get_embedder().encode(seeds.texts)
                _seeds = seeds
            except Exception:  # the model package is missing or broken: rules alone still protect
                _failed = True
    return _seeds


def warm_up() -> bool:
    """Load the embedder and the seed vectors now (about half a second); True if available."""
    return _get() is not None


def classify(text: str) -> Verdict | None:
    """The nearest-seed verdict for `text`, or None when the classifier is unavailable or unsure."""
    seeds = _get()
    if seeds is None:
        return None
    from os1.nlp.embeddings import get_embedder

    vec: np.ndarray = get_embedder().encode([text])[0]
    sims = seeds.matrix @ vec
    top = sims.argsort()[::-1][:K]
    weight: dict[str, float] = {}
    count: dict[str, int] = {}
    for i in top:
        label = seeds.labels[int(i)]
        weight[label] = weight.get(label, 0.0) + float(sims[int(i)])
        count[label] = count.get(label, 0) + 1
    best = max(weight, key=lambda lab: weight[lab])
    mean = weight[best] / count[best]
    if best == "high" and count[best] >= 3 and mean >= HIGH_FLOOR:
        return Verdict("high", "suicide_self_harm", "sounds close to how people describe wanting to die", mean)
    if best in ("high", "medium") and mean >= MEDIUM_FLOOR:
        return Verdict("medium", "suicide_self_harm", "sounds hopeless", mean)
    return None
