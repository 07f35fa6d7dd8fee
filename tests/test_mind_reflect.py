"""Reflection from the real spaCy parse: perspective turned, verbs agreeing, short, never the whole message."""

from __future__ import annotations

import pytest

from os1.mind.reflect import reflect, turn_perspective


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I am sad", "you are sad"),
        ("I'm so tired of my job", "you're so tired of your job"),
        ("I wasn't ready for any of it", "you weren't ready for any of it"),
        ("My sister Anna is moving to Berlin", "your sister Anna is moving to Berlin"),
        ("I haven't slept for three nights", "you haven't slept for three nights"),
        ("I didn't get the flat I applied for, I'm pretty disappointed.", "you didn't get the flat you applied for"),
        ("My audition is tomorrow, wish me luck.", "your audition is tomorrow"),
    ],
)
def test_perspective_is_turned_with_agreement(text: str, expected: str) -> None:
    found = reflect(text)
    assert found is not None
    assert found.text == expected
    assert found.about_person


def test_people_are_named_with_their_relation() -> None:
    found = reflect("I'm so angry at my friend Tom, he lied to me again about the money.")
    assert found is not None
    assert "your friend Tom" in found.text
    assert found.people == ("your friend Tom",)


def test_words_about_the_companion_turn_the_other_way() -> None:
    found = reflect("you are really kind to me")
    assert found is not None
    assert found.text == "I am really kind to you"
    assert not found.about_person  # the composer does not reflect compliments back as facts


def test_a_long_message_is_summarised_not_echoed() -> None:
    text = (
        "I just feel like nobody at work ever listens to me when I talk in meetings and honestly it makes me "
        "want to quit and move somewhere far away where nobody knows me at all"
    )
    found = reflect(text)
    assert found is not None
    assert len(found.text.split()) <= 13
    assert len(found.text.split()) < len(text.split()) * 0.75


def test_nothing_worth_saying_back_gives_none() -> None:
    assert reflect("The weather is nice") is None
    assert reflect("what time is it?") is None


def test_turn_perspective_of_a_reason() -> None:
    assert turn_perspective("I haven't slept for three nights") == "you haven't slept for three nights"


@pytest.mark.parametrize(
    ("text", "hole"),
    [
        ("I repainted the kitchen a pale green over the weekend.", "a pale"),  # the noun cut off its adjective
        ("I think I want to learn more about a podcast about space.", "more a podcast"),  # a lone preposition cut
    ],
)
def test_a_cut_never_leaves_a_hole_in_a_phrase(text: str, hole: str) -> None:
    found = reflect(text)
    assert found is None or hole not in found.text


def test_a_verb_is_never_cut_from_the_phrase_that_completes_it() -> None:
    found = reflect("I've been getting into a pottery class lately.")
    assert found is None or "getting into" in found.text  # never "you've been getting lately"
