"""Composing from notes (no invented facts), revisions, and proofreading with the offline checker."""

from __future__ import annotations

import re

import pytest

from os1.errors import UserInputError
from os1.letters.compose import address_directly, compose_letter, plain_verb, revise, split_sentences
from os1.letters.proofread import proofread

NOTES = """- Mum taught me to swim at the lake when i was six.
- she was always patient with me, even when i was scared.
- I remember the cold water and her hand under my back.
- I miss our Sunday phone calls.
- i hope she knows how much she means to me.
- I miss our Sunday phone calls.
"""


def content_words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]+", text)}


def test_letter_is_built_from_the_notes_in_letter_order() -> None:
    letter = compose_letter("Mum", NOTES, occasion="birthday", sender="Sam")
    paragraphs = letter.split("\n\n")
    assert paragraphs[0] == "Dear Mum,"
    assert paragraphs[1] == "Happy birthday!"
    assert paragraphs[2].startswith("You taught me to swim at the lake when I was six.")
    assert "You were always patient with me" in paragraphs[2]
    assert "your hand under my back" in paragraphs[2]
    assert paragraphs[-2] == "I hope you know how much you mean to me."
    assert paragraphs[-1] == "With love,\nSam"
    assert letter.count("Sunday phone calls") == 1  # the repeat is gone


def test_composer_invents_no_words_beyond_the_frame() -> None:
    letter = compose_letter("Mum", NOTES, occasion="birthday", sender="Sam")
    frame = content_words("Dear Happy birthday With love Sam you your were know mean are")
    assert content_words(letter) - content_words(NOTES) - frame == set()


def test_pronouns_stay_when_someone_else_is_named() -> None:
    letter = compose_letter("Mum", "Mum and Anna came over. She brought cake.")
    assert "You and Anna came over." in letter
    assert "She brought cake." in letter  # "she" might be Anna: left alone


def test_agreement_helpers() -> None:
    assert address_directly("Dad's garden is lovely", "Dad", pronouns_safe=True) == "your garden is lovely"
    assert address_directly("he is so kind to him", "Dad", pronouns_safe=True) == "you are so kind to you"
    assert address_directly("she's the best", "Jo", pronouns_safe=True) == "you're the best"
    assert [plain_verb(w) for w in ("knows", "tries", "misses", "always", "was")] == [
        "know", "try", "miss", "always", "was"]
    assert split_sentences("one. two!\n* three") == ["one.", "two!", "three"]


@pytest.mark.parametrize(("recipient", "notes"), [("", "hello"), ("Mum", "  \n - \n")])
def test_empty_input_is_refused(recipient: str, notes: str) -> None:
    with pytest.raises(UserInputError):
        compose_letter(recipient, notes)


def test_warmer_and_shorter_are_deterministic_and_keep_the_frame() -> None:
    letter = compose_letter("Mum", NOTES, sender="Sam")
    warm = revise(letter, "warmer")
    assert warm.startswith("My dear Mum,") and warm.endswith("With all my love,\nSam")
    assert revise(letter, "warmer") == warm
    short = revise(letter, "shorter")
    assert len(short) < len(letter)
    assert short.startswith("Dear Mum,") and short.endswith("With love,\nSam")
    assert "your hand under my back" not in short  # third sentence of the memory paragraph dropped
    with pytest.raises(UserInputError, match="Unknown revision"):
        revise(letter, "funnier")


def test_proofreading_rules_and_spelling_with_a_diff() -> None:
    text = "Dear Saoirse,\n\ni think of you often .the the lake was beautful,and I  miss it. see you soon!"
    result = proofread(text, names=["Saoirse"])
    assert result.corrected == (
        "Dear Saoirse,\n\nI think of you often. The lake was beautiful, and I miss it. See you soon!"
    )
    reasons = {s.reason for s in result.suggestions}
    assert {"doubled word", "spelling", "several spaces", "'i' on its own is 'I'"} <= reasons
    assert "-i think of you often" in result.diff and "+I think of you often." in result.diff


def test_names_are_never_corrected() -> None:
    text = "Saoirse and Niamh said hello. Tell saoirse I said hi."
    result = proofread(text, names=["Saoirse Byrne"])
    assert "saoirse" in result.corrected
    assert "Niamh" in result.corrected  # capitalised inside a sentence: probably a name
    assert proofread("A clean letter, with nothing to fix.").clean
