"""The companion's own affect: a small continuous state moved by each turn, with a reason for every change.

State: valence (-1..1, unpleasant..pleasant), arousal (0..1, quiet..stirred) and named feelings (0..1):
warmth, curiosity, concern, delight, wistfulness, calm, tenderness. Each turn is *appraised* (what did
the person just live through, as the reading says) into nudges, each with its reason in plain words
("you said you haven't slept for three nights"). Between turns and sessions every value drifts back to
its baseline exponentially with the time elapsed. Every change is a row in `affect_log`.
These are modelled states of a program, and the companion says so; they are never used to make the
person feel guilty or to keep them talking. What this module leaves out: when to *say* a feeling
(os1.mind.moves) and understanding the message (os1.mind.perceive).
"""

from __future__ import annotations

import json
import math
import sqlite3
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from os1.clock import from_iso, humanize_gap, to_iso
from os1.mind.perceive import Reading
from os1.store.db import transaction

FEELINGS = ("warmth", "curiosity", "concern", "delight", "wistfulness", "calm", "tenderness")
BASELINE: dict[str, float] = {
    "warmth": 0.55,
    "curiosity": 0.5,
    "concern": 0.1,
    "delight": 0.2,
    "wistfulness": 0.1,
    "calm": 0.6,
    "tenderness": 0.2,
}
BASE_VALENCE = 0.25
BASE_AROUSAL = 0.35
# Half of any departure from baseline is gone after this long: a hard evening still colours the next
# morning a little, but not the next week.
HALF_LIFE = timedelta(hours=8)
_WORDS = {  # feeling -> (mild, strong) words for how it feels
    "warmth": ("warm", "full of warmth"),
    "curiosity": ("curious", "really curious"),
    "concern": ("a little worried", "worried"),
    "delight": ("glad", "delighted"),
    "wistfulness": ("a bit wistful", "wistful"),
    "calm": ("calm", "settled"),
    "tenderness": ("tender", "very tender"),
}
# Appraisal: family -> (feeling deltas, valence delta, arousal delta). Scaled by how strongly it was felt.
_APPRAISAL: dict[str, tuple[dict[str, float], float, float]] = {
    "grief": ({"concern": 0.3, "tenderness": 0.35, "wistfulness": 0.25, "delight": -0.15}, -0.3, -0.05),
    "sadness": ({"concern": 0.25, "tenderness": 0.2, "delight": -0.1}, -0.2, 0.0),
    "lonely": ({"tenderness": 0.25, "concern": 0.2, "wistfulness": 0.15, "warmth": 0.1}, -0.15, 0.0),
    "disappointment": ({"concern": 0.15, "tenderness": 0.15}, -0.15, 0.0),
    "remorse": ({"tenderness": 0.2, "concern": 0.1}, -0.1, 0.0),
    "fear": ({"concern": 0.3, "calm": -0.15}, -0.15, 0.15),
    "anger": ({"concern": 0.15, "calm": -0.2}, -0.1, 0.2),
    "joy": ({"delight": 0.3, "warmth": 0.1, "concern": -0.1}, 0.25, 0.15),
    "pride": ({"delight": 0.35, "warmth": 0.15, "concern": -0.1}, 0.3, 0.15),
    "relief": ({"delight": 0.2, "calm": 0.15, "concern": -0.2}, 0.2, -0.05),
    "gratitude": ({"warmth": 0.3, "delight": 0.1}, 0.2, 0.0),
    "love": ({"warmth": 0.3, "tenderness": 0.15}, 0.2, 0.05),
    "surprise": ({"curiosity": 0.2}, 0.0, 0.15),
    "confusion": ({"curiosity": 0.15, "concern": 0.05}, 0.0, 0.05),
    "curiosity": ({"curiosity": 0.2}, 0.05, 0.1),
    "hope": ({"warmth": 0.1, "curiosity": 0.1}, 0.1, 0.05),
}


@dataclass(frozen=True)
class Reason:
    feeling: str
    delta: float
    because: str
    at: datetime

    def to_dict(self) -> dict[str, object]:
        return {"feeling": self.feeling, "delta": round(self.delta, 3), "because": self.because, "at": to_iso(self.at)}


@dataclass(frozen=True)
class AffectState:
    valence: float
    arousal: float
    feelings: dict[str, float]
    at: datetime
    reasons: tuple[Reason, ...] = field(default=())

    @property
    def label(self) -> str:
        return label_of(self)

    def to_dict(self) -> dict[str, object]:
        """The form `ReplyRequest.context["affect"]` carries."""
        return {
            "valence": round(self.valence, 3),
            "arousal": round(self.arousal, 3),
            "label": self.label,
            "feelings": {k: round(v, 3) for k, v in self.feelings.items()},
            "reasons": [r.because for r in self.reasons],
        }


def baseline(at: datetime) -> AffectState:
    return AffectState(BASE_VALENCE, BASE_AROUSAL, dict(BASELINE), at)


def _clamp(value: float, low: float = 0.0, high: float = 1.0) -> float:
    return max(low, min(high, value))


def decay(state: AffectState, now: datetime) -> AffectState:
    """`state` drifted towards baseline for the time between `state.at` and `now`."""
    elapsed = max((now - state.at).total_seconds(), 0.0)
    keep = math.exp(-math.log(2) * elapsed / HALF_LIFE.total_seconds())
    feelings = {k: BASELINE[k] + (state.feelings.get(k, BASELINE[k]) - BASELINE[k]) * keep for k in FEELINGS}
    return AffectState(
        BASE_VALENCE + (state.valence - BASE_VALENCE) * keep,
        BASE_AROUSAL + (state.arousal - BASE_AROUSAL) * keep,
        feelings,
        now,
        state.reasons,
    )


def appraise(reading: Reading, because: str, now: datetime) -> tuple[list[Reason], float, float]:
    """Nudges (with their reason) for one reading, plus valence and arousal deltas."""
    family = reading.family
    rule = _APPRAISAL.get(family)
    if rule is None:
        # Ordinary talk: a little curiosity when something new about them was said.
        if reading.disclosures or reading.people:
            return [Reason("curiosity", 0.08, because, now)], 0.02, 0.02
        if reading.intent in ("greeting", "thanks"):
            return [Reason("warmth", 0.08, because, now)], 0.05, 0.0
        return [], 0.0, 0.0
    deltas, valence, arousal = rule
    scale = 0.5 + reading.intensity
    reasons = [Reason(name, delta * scale, because, now) for name, delta in deltas.items()]
    return reasons, valence * scale, arousal * scale


def apply(state: AffectState, reasons: list[Reason], valence: float, arousal: float) -> AffectState:
    feelings = dict(state.feelings)
    for reason in reasons:
        feelings[reason.feeling] = _clamp(feelings.get(reason.feeling, 0.0) + reason.delta)
    return replace(
        state,
        valence=_clamp(state.valence + valence, -1.0, 1.0),
        arousal=_clamp(state.arousal + arousal),
        feelings=feelings,
        reasons=tuple(reasons),
    )


def dominant(state: AffectState) -> tuple[str, float]:
    """The feeling furthest above its baseline, and by how much."""
    rises = {k: v - BASELINE[k] for k, v in state.feelings.items() if k != "calm"}
    return max(rises.items(), key=lambda kv: kv[1])


def label_of(state: AffectState) -> str:
    """One or two words for how it feels now: the feeling furthest above its baseline."""
    name, rise = dominant(state)
    if rise < 0.08:
        return "calm" if state.feelings.get("calm", 0.6) >= 0.45 else "unsettled"
    mild, strong = _WORDS[name]
    return strong if rise >= 0.3 else mild


# --- persistence -----------------------------------------------------------------------------------


def current(conn: sqlite3.Connection, now: datetime) -> AffectState:
    """The latest stored state, drifted to `now` (baseline when nothing has happened yet)."""
    row = conn.execute("SELECT * FROM affect_log ORDER BY at DESC, id DESC LIMIT 1").fetchone()
    if row is None:
        return baseline(now)
    stored = AffectState(
        row["valence"],
        row["arousal"],
        json.loads(row["feelings"]),
        from_iso(row["at"]),
        tuple(Reason(r["feeling"], r["delta"], r["because"], from_iso(r["at"])) for r in json.loads(row["reasons"])),
    )
    return decay(stored, now)


def update(
    conn: sqlite3.Connection, reading: Reading, because: str, now: datetime, turn_id: str | None = None
) -> AffectState:
    """Decay to `now`, appraise `reading`, store the new state with its reasons, return it."""
    state = current(conn, now)
    reasons, valence, arousal = appraise(reading, because, now)
    if not reasons:
        return replace(state, reasons=())
    state = apply(state, reasons, valence, arousal)
    with transaction(conn):
        conn.execute(
            "INSERT INTO affect_log (at, valence, arousal, feelings, label, reasons, turn_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                to_iso(now),
                state.valence,
                state.arousal,
                json.dumps(state.feelings),
                state.label,
                json.dumps([r.to_dict() for r in reasons]),
                turn_id,
            ),
        )
    return state


def strongest_reasons(conn: sqlite3.Connection, now: datetime, limit: int = 2) -> list[Reason]:
    """The reasons that still weigh most now (each change's size, faded by its age)."""
    weighed: dict[str, tuple[float, Reason]] = {}
    since = to_iso(now - HALF_LIFE * 6)
    for row in conn.execute("SELECT reasons FROM affect_log WHERE at >= ? ORDER BY at DESC LIMIT 200", (since,)):
        for item in json.loads(row[0]):
            reason = Reason(item["feeling"], item["delta"], item["because"], from_iso(item["at"]))
            age = max((now - reason.at).total_seconds(), 0.0)
            weight = abs(reason.delta) * math.exp(-math.log(2) * age / HALF_LIFE.total_seconds())
            key = f"{reason.feeling}|{reason.because}"
            if key not in weighed or weighed[key][0] < weight:
                weighed[key] = (weight, reason)
    ranked = sorted(weighed.values(), key=lambda wr: -wr[0])
    return [reason for weight, reason in ranked if weight >= 0.03][:limit]


def describe(conn: sqlite3.Connection, now: datetime) -> str:
    """How it feels and why, in its own words, honest about what the feelings are."""
    state = current(conn, now)
    reasons = strongest_reasons(conn, now, limit=3)
    label = state.label
    if label == "calm" or not reasons:
        text = "I'm calm right now — nothing is pulling my feelings far from where they rest."
    else:
        feeling, _ = dominant(state)
        matching = [r for r in strongest_reasons(conn, now, limit=20) if r.feeling == feeling and r.delta > 0]
        top = matching[0] if matching else reasons[0]
        when = humanize_gap(now - top.at)
        ago = "just now" if when in ("a moment", "a few minutes") else f"{when} ago"
        text = f"I'm feeling {label}: {top.because} ({ago})."
        others = [r for r in reasons if r is not top and r.delta > 0 and r.feeling != top.feeling]
        if others:
            extra = others[0]
            text += f" I'm also {_WORDS[extra.feeling][0]}, because {extra.because}."
    return text + " (These are modelled feelings — the state of a program, not a human's.)"


def mood_report(conn: sqlite3.Connection, now: datetime) -> dict[str, object]:
    """Everything `os1 mood --json` shows: the state, its label, the feelings and the reasons."""
    state = current(conn, now)
    return {
        **state.to_dict(),
        "reasons": [r.to_dict() for r in strongest_reasons(conn, now, limit=5)],
        "explanation": describe(conn, now),
        "baseline": {"valence": BASE_VALENCE, "arousal": BASE_AROUSAL, "feelings": BASELINE},
    }
