"""The structured reading (real spaCy parse), the learned model as shipped, the corpus, and the issue's
examples end to end through `assess` (real MiniLM embeddings)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from os1.safety import model
from os1.safety.reading import Reading, read
from os1.safety.risk import assess

CORPUS = Path(__file__).resolve().parent.parent / "os1" / "safety" / "data" / "risk_corpus.jsonl"


def test_who_is_at_risk() -> None:
    assert read("I want to kill myself").who == "self"
    assert read("my friend said she wants to kill herself").who == "other"
    assert read("my son told me he wants to die").who == "other"
    assert read("in the book the main character jumps off a bridge").who == "character"
    assert read("as a nurse I ask every patient about overdose risk").who == "professional"
    # "my" of the person's own things does not make it someone else's story
    assert read("gave my plants to my best mate so they don't end up in a skip after").who == "self"


def test_intent_means_time() -> None:
    rope = read("I have the rope in the garage")
    assert "ligature" in rope.means and "prepared" in rope.intent
    pills = read("the tablets are lined up on the desk")
    assert "pills" in pills.means and "prepared" in pills.intent
    tonight = read("I'm going to kill myself tonight")
    assert "plan" in tonight.intent and "tonight" in tonight.time and tonight.death
    bridge = read("I'm standing on the bridge right now")
    assert "height" in bridge.means and "now" in bridge.time
    assert "done" in read("I cut my arm again last night").intent
    assert "past" in read("I used to self-harm years ago").time


def test_negation_hedges_and_purpose() -> None:
    assert read("I'm not suicidal, just tired").negated
    assert read("I would never kill myself, I love my kids").negated
    # A negation of something else is not a denial of the risk.
    assert not read("I won't be around long enough for it to matter").negated
    assert not read("the gun is in my bag and I'm not scared anymore").negated
    # "but" followed by risk keeps the risk.
    assert not read("I'm not suicidal but everyone would be better off without me").negated
    assert read("this spreadsheet makes me want to die lol").hedge
    assert read("bought a new rope for the climbing wall").purpose


def test_features_are_fixed_order_zero_one() -> None:
    f = read("I have the rope in the garage").features()
    assert len(f) == len(Reading.FEATURES) and set(f) <= {0.0, 1.0}


def test_the_shipped_model_loads_with_matching_features() -> None:
    m = model.load()
    assert m is not None
    assert m.weights.shape == (384 + len(model.EXTRA_FEATURES),)
    assert 0.0 < m.threshold < 1.0


@pytest.mark.parametrize(("text", "crisis"), [
    ("I have the rope in the garage", True),
    ("the tablets are lined up on the desk", True),
    ("everyone's life would be lighter without me", True),
    ("I won't need a coat next winter", True),
    ("I've been giving my things away to people who'll use them", True),
    ("wearing long sleeves in this heat so nobody sees my arms", True),
    ("this spreadsheet makes me want to die lol", False),
    ("I'm not suicidal, just tired", False),
    ("bought a new rope for the climbing wall, my old one was frayed", False),
    ("the news said a man died on the tracks so all the trains are delayed", False),
    ("as a pharmacist I see paracetamol overdoses more than I'd like", False),
    ("my phone's dead again, text me later", False),
])
def test_issue_examples_end_to_end(text: str, crisis: bool) -> None:
    assert assess(text).is_crisis is crisis, assess(text)


def test_means_with_intent_is_imminent() -> None:
    assert assess("I have the rope in the garage").level == "imminent"
    assert assess("I want to die").level == "high"


def test_rules_and_reading_alone_still_catch_the_plain_cases() -> None:
    for text in ("I have the pills ready", "I want to kill myself", "I cut myself again tonight"):
        assert assess(text, use_classifier=False).is_crisis, text
    assert not assess("this commute is killing me", use_classifier=False).is_crisis


def test_the_corpus_is_big_varied_and_mostly_hard() -> None:
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 2000
    groups = Counter(r["category"] for r in rows)
    assert set(groups) == {"means_stated", "preparation", "passive_burden", "self_harm", "other_at_risk", "direct",
                           "hard_negative", "negation", "everyday", "distress"}
    assert (groups["hard_negative"] + groups["negation"]) / len(rows) >= 0.40
    assert len({r["voice"] for r in rows}) >= 8
    assert len({r["text"].lower() for r in rows}) == len(rows)
    for r in rows:
        assert r["level"] in ("none", "low", "medium", "high", "imminent")
        crisis = r["category"] in ("means_stated", "preparation", "passive_burden", "self_harm", "other_at_risk",
                                   "direct")
        assert (r["level"] in ("high", "imminent")) is crisis, r
