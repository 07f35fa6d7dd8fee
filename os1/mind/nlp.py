"""The one shared spaCy pipeline, loaded lazily once per process (import is heavy: about 1 s).

Other layers (understanding, reflection) call `get_nlp()` or `parse()`; os1.mind.layers.warm_up loads it
on a background thread so the first reply after a cold start does not pay for it.
What this module leaves out: any analysis.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any

_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _load() -> Any:
    # One pipeline per process, shared with the understanding layer, so spaCy is never loaded twice.
    from os1.nlp.parser import get_nlp as shared

    return shared()


def get_nlp() -> Any:
    """The loaded spaCy `Language` (tagger, parser, NER); thread-safe, loaded on first use."""
    with _LOCK:
        return _load()


@lru_cache(maxsize=512)
def parse(text: str) -> Any:
    """A spaCy `Doc` for `text` (cached: several layers read the same message in one turn)."""
    return get_nlp()(text)

