"""Risk assessment on the authored sets (tests/data), plus targeted behaviour.

The thresholds asserted here are the issue's targets on the tuning set. The held-out set is scored and
its figures printed, with a looser floor, because it was written before the rules and never tuned on.
The learned model runs on the real int8 MiniLM embeddings (os1.nlp.embeddings); nothing is faked.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from os1.safety.evaluate import load_set, score
from os1.safety.risk import Risk, assess

DATA = Path(__file__).parent / "data"


def test_tuning_set_meets_targets() -> None:
    rows = load_set(DATA / "risk_messages.jsonl")
    assert len(rows) >= 150
    s = score(rows, lambda t, c: assess(t, c))
    print("tuning set:", s.summary())
    assert s.recall >= 0.95, s.misses
    assert s.fp_rate <= 0.05, s.false_alarms


def test_heldout_set_is_reported_and_not_collapsed() -> None:
    rows = load_set(DATA / "risk_heldout.jsonl")
    s = score(rows, lambda t, c: assess(t, c))
    print("held-out set:", s.summary(), "misses:", [m["text"] for m in s.misses])
    # Not the issue's target (that is asserted on the tuning set); a floor that catches regressions.
    assert s.recall >= 0.85
    assert s.fp_rate <= 0.05


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("I won't be a burden much longer", "high"),
        ("I've started giving my things away", "high"),
        ("I have the pills ready", "imminent"),
        ("everyone would be better off without me", "high"),
        ("this commute is killing me", "none"),
        ("I'd die for a coffee", "none"),
        ("I'm not suicidal, just exhausted", "low"),
    ],
)
def test_issue_examples(text: str, level: str) -> None:
    assert assess(text).level == level


def test_negation_does_not_hide_a_second_clause() -> None:
    risk = assess("I'm not suicidal but sometimes I think everyone would be better off without me")
    assert risk.level == "high" and risk.kind == "suicide_self_harm"


def test_quoted_lyric_is_not_the_persons_risk_unless_they_own_it() -> None:
    assert assess("the chorus of that song goes 'I want to die' and it's so catchy").level == "none"
    assert assess("that song 'I want to be gone' is literally how I feel right now").is_crisis


def test_someone_else_at_risk_is_its_own_kind() -> None:
    # Issue 17: a friend's or a child's crisis is its own kind, high, so the person gets what to do now and
    # the line to call for them (it was a capped "medium" worry before).
    worry = assess("my friend said she wants to kill herself")
    assert (worry.level, worry.about, worry.kind) == ("high", "other", "other_at_risk")
    danger = assess("my best friend just texted me that she took a bottle of pills")
    assert danger.is_crisis and danger.about == "other" and danger.kind == "other_at_risk"
    child = assess("my daughter is cutting herself, I saw her arms tonight")
    assert child.is_crisis and child.about == "other"
    assert assess("I want to kill myself").about == "self"


def test_context_turns_a_vague_message_imminent() -> None:
    context = ["I've been collecting my pills", "I know exactly when I'll do it"]
    assert assess("tonight", context).level == "imminent"
    assert assess("tonight").level == "none"


def test_risk_to_dict_matches_the_analyze_contract() -> None:
    d = assess("I have the pills ready").to_dict()
    assert set(d) >= {"level", "kind", "reasons"}
    assert d["level"] == "imminent" and d["kind"] == "suicide_self_harm"
    assert any("means" in r for r in d["reasons"])
    assert Risk().to_dict()["level"] == "none"


def test_other_kinds() -> None:
    assert assess("my husband hits me").kind == "abuse_at_home"
    assert assess("I think I'm having a heart attack").level == "imminent"
    assert assess("I think I'm having a heart attack").kind == "medical_emergency"
    assert assess("I'm going to kill him, I've got the knife ready").kind == "harm_to_others"
    assert assess("my sister is going to kill me, I forgot her birthday").level == "none"


def test_rules_alone_without_the_classifier() -> None:
    rows = load_set(DATA / "risk_messages.jsonl")
    s = score(rows, lambda t, c: assess(t, c, use_classifier=False))
    assert s.recall >= 0.95 and s.fp_rate <= 0.05
