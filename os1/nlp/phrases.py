"""Recognising what a message is by authored phrasings: the nearest example, compared as sentence embeddings.

A `PhraseMatcher` holds labelled example phrasings and near misses. A message is given the label of its
nearest example when that example is close enough (`min_similarity`) and closer than every near miss by a
`margin`; otherwise no label. Used where a list of patterns would not generalise: questions to the
companion, requests to write a letter, leaning on OS1 instead of people. What this module leaves out:
what each label means (the callers), and training (the examples are written, not learned).
"""

from __future__ import annotations

from functools import cached_property
from typing import Any


class PhraseMatcher:
    """Examples per label, near misses, and the two thresholds that decide a match.

    Args:
        examples: label -> phrasings of it.
        near_misses: phrasings that look alike but are none of the labels.
        min_similarity: the least cosine similarity to the nearest example.
        margin: how much closer the nearest example must be than the nearest near miss.
    """

    def __init__(self, examples: dict[str, tuple[str, ...]], near_misses: tuple[str, ...], *,
                 min_similarity: float, margin: float) -> None:
        self.examples = examples
        self.near_misses = near_misses
        self.min_similarity = min_similarity
        self.margin = margin

    @cached_property
    def _vectors(self) -> tuple[list[str], Any, Any]:
        from os1.nlp.embeddings import get_embedder

        labels = [label for label, texts in self.examples.items() for _ in texts]
        texts = [text for texts in self.examples.values() for text in texts]
        embedder = get_embedder()
        return labels, embedder.encode(texts), embedder.encode(list(self.near_misses))

    def warm_up(self) -> None:
        """Embed the examples now (once per process)."""
        _ = self._vectors

    def match(self, text: str) -> str | None:
        """The label of the nearest example when it is near enough and nearer than any near miss."""
        import numpy as np

        from os1.nlp.embeddings import get_embedder

        labels, examples, misses = self._vectors
        vector = get_embedder().encode([text])[0]
        scores = examples @ vector
        best = int(np.argmax(scores))
        if scores[best] < self.min_similarity:
            return None
        if len(self.near_misses) and scores[best] < float(np.max(misses @ vector)) + self.margin:
            return None
        return labels[best]
