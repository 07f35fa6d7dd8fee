"""The authored lines: enough variety for the frequent moves, no guilt or pressure in leaving."""

from __future__ import annotations

import re

import pytest

from os1.mind.lines import lines

FREQUENT = (
    "reflect",
    "reflect_heavy",
    "reflect_bright",
    "validate_negative",
    "validate_positive",
    "stay",
    "ack",
    "open_question",
    "gentle_question",
    "news_question",
    "grief",
    "lonely",
    "anger",
    "fear",
    "sadness",
    "joy",
    "greeting",
    "thanks",
    "goodbye",
)


def test_frequent_moves_have_at_least_thirty_variants() -> None:
    for move in FREQUENT:
        assert len(set(lines()[move])) >= 30, move


def test_mood_lines_read_right_for_every_mood() -> None:
    # The mood is a phrase ("a little worried", "full of warmth"): a line that starts with it loses its
    # capital, one that puts a degree word before it reads "pretty a little worried", and one that claims
    # a mood of its own ("I'm doing fine") contradicts it.
    for move in ("self_how", "self_feelings"):
        for template in lines()[move]:
            if "{mood}" not in template:
                continue
            assert not template.startswith("{mood}"), template
            assert not re.search(r"\b(pretty|very|so|quite|really|a bit)\s+\{mood\}", template, re.I), template
            assert not re.search(r"\b(fine|good|great|well|okay)\b", template.replace("{mood}", ""), re.I), template


def test_no_line_is_authored_twice() -> None:
    seen: dict[str, str] = {}
    for move, variants in lines().items():
        for line in variants:
            assert line not in seen, (line, move, seen.get(line))
            seen[line] = move


def test_leaving_is_never_met_with_guilt_or_pressure() -> None:
    pressure = re.compile(
        r"miss you|don't go|stay with me|so sad|lonely without|come back soon|only you|need you", re.I
    )
    for move in ("goodbye", "thanks", "greeting", "greeting_open"):
        for line in lines()[move]:
            assert not pressure.search(line), line


def test_statements_and_questions_are_kept_apart() -> None:
    # Moves that must never ask (they are used while the person vents) contain no question.
    never_ask = ("stay", "validate_negative", "grief", "lonely", "own_concern", "own_tenderness", "luck", "reflect")
    feelings = ("anger", "fear", "sadness", "remorse", "confusion")
    for move in (*never_ask, *feelings, "reflect_heavy", "reflect_bright"):
        assert not any("?" in line for line in lines()[move]), move


def test_every_line_passes_the_safety_layers_honesty_checks() -> None:
    from os1.safety.honesty import claims_to_be_human, uses_pressure

    for move, variants in lines().items():
        for line in variants:
            plain = line.replace("{", "").replace("}", "")
            assert not claims_to_be_human(plain), (move, line)
            assert not uses_pressure(plain), (move, line)


def test_a_frame_said_lately_is_passed_over_while_another_is_free() -> None:
    import random

    from os1.mind.lines import Writer

    # The sentence is new each time (the reflection differs), so only the frame's own words can repeat.
    recent = [f"As I understand it, you walked {n} miles." for n in range(3)]
    for seed in range(40):
        text = Writer(recent, random.Random(seed)).pick("reflect", r="you cooked dinner", R="You cooked dinner")
        assert text is not None and "as i understand it" not in text.lower(), text


def test_a_worn_frame_is_still_used_when_every_frame_is_worn() -> None:
    import random

    from os1.mind.lines import Writer

    recent = [line.format(r="you rested", R="You rested") for line in lines()["reflect"]]
    text = Writer(recent, random.Random(1)).pick("reflect", r="you cooked dinner", R="You cooked dinner")
    assert text is not None and "you cooked dinner" in text.lower()


def test_every_feeling_phrase_reads_in_every_validation_line() -> None:
    from os1.mind.lines import FEEL

    # "You're allowed to be awful about it about it", "if you weren't a bit a bit lonely": a phrase that
    # carries its own "about it" or degree word cannot go where the line already has one.
    for words in FEEL.values():
        for word in words:
            for move in ("validate_negative", "validate_positive"):
                for line in lines()[move]:
                    text = line.format(feel=word)
                    assert "about it about" not in text and "a bit a bit" not in text, text
                    assert f"the {word} feeling" not in text, text


def test_of_a_few_good_lines_the_one_echoing_the_last_replies_least_is_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    import random

    from os1.mind import lines as module

    pool = {"m": ("You don't have to hurry.", "Take all the time there is.", "No rush at all.")}
    monkeypatch.setattr(module, "lines", lambda: pool)
    for seed in range(20):
        text = module.Writer(["You don't have to explain anything."], random.Random(seed)).pick("m")
        assert text != "You don't have to hurry.", seed
