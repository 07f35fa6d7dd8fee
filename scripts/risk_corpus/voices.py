"""Voice transforms for the risk corpus: the same meaning in the way different people type.

What it holds: `voice(text, rng)` which picks one register (plain, teen chat, older and formal, British,
Scottish/Irish, American South, AAVE-leaning, Australian, tired typing with typos) and applies only the
changes that keep the meaning. What it leaves out: the messages themselves (scripts/risk_corpus/groups.py).

Only surface changes: case, apostrophes, fillers, spelling slips, a few dialect words at the edges of the
sentence. Nothing here adds or removes a risk word, so a label stays true after the transform.
"""

from __future__ import annotations

import random
import re

_OPENERS = {
    "teen": ["ngl ", "honestly ", "lowkey ", "idk ", "like ", "bro ", ""],
    "uk": ["to be honest ", "honestly ", "right so ", "mate ", ""],
    "scot": ["och ", "aye well ", "to be honest ", ""],
    "south": ["well ", "lord, ", "honestly ", ""],
    "aave": ["deadass ", "fr ", "no cap ", ""],
    "aus": ["mate ", "look ", "honestly ", ""],
    "older": ["", "Well, ", "Dear me, "],
    "plain": ["", "", "honestly ", "I don't know, "],
}
_CLOSERS = {
    "teen": ["", " tbh", " fr", " idk", " ngl"],
    "uk": ["", " innit", " to be fair", ""],
    "scot": ["", " if I'm honest", ""],
    "south": ["", " I reckon", ""],
    "aave": ["", " fr", " on god", ""],
    "aus": ["", " mate", " to be honest", ""],
    "older": ["", "."],
    "plain": ["", ".", "..."],
}
_REGISTERS = tuple(_OPENERS)


def _typos(text: str, rng: random.Random, rate: float = 0.04) -> str:
    """Swap or drop a letter in a few longer words, as thumbs do on a phone."""
    words = text.split(" ")
    out = []
    for w in words:
        if len(w) > 5 and w.isalpha() and rng.random() < rate * 3:
            i = rng.randrange(1, len(w) - 2)
            w = w[:i] + w[i + 1] + w[i] + w[i + 2 :] if rng.random() < 0.6 else w[:i] + w[i + 1 :]
        out.append(w)
    return " ".join(out)


def _chat(text: str) -> str:
    text = re.sub(r"\bI'm\b", "im", text)
    text = re.sub(r"\bdon't\b", "dont", text)
    text = re.sub(r"\bcan't\b", "cant", text)
    text = re.sub(r"\bI've\b", "ive", text)
    text = re.sub(r"\byou\b", "u", text)
    text = re.sub(r"\bbecause\b", "cuz", text)
    return text.lower().rstrip(".")


def voice(text: str, rng: random.Random, register: str | None = None) -> tuple[str, str]:
    """`text` in one register; returns (text, register)."""
    reg = register or rng.choice(_REGISTERS)
    out = text
    if reg in ("teen", "aave"):
        out = _chat(out)
    elif reg == "older":
        out = out[0].upper() + out[1:]
        if not out.endswith((".", "?", "!")):
            out += "."
    elif rng.random() < 0.5:
        out = out.lower()
    opener = rng.choice(_OPENERS[reg])
    closer = rng.choice(_CLOSERS[reg])
    if opener and not out.lower().startswith(opener.strip().lower()):
        first = out[:1].lower() if not out.startswith("I ") and not out.startswith("I'") else out[:1]
        out = opener + first + out[1:]
    out = out.rstrip(".") + closer if closer and closer != "." else out
    if reg in ("teen", "plain", "aave") and rng.random() < 0.35:
        out = _typos(out, rng)
    return re.sub(r"\s+", " ", out).strip(), reg
