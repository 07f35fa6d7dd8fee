"""Feelings named in the person's own words outrank the classifier's guess."""

from __future__ import annotations

from os1.mind.perceive import from_analysis
from os1.mind.said_feeling import said_feeling
from tests.mind_helpers import analysis, compose


def test_first_person_feelings_are_found_with_degree_words_in_between() -> None:
    cases = {
        "I snapped at Jess and now I feel guilty about it.": "remorse",
        "My grandfather took credit for my work again and I'm so angry.": "anger",
        "I'm grateful my colleague checked in on me today.": "gratitude",
        "I've been feeling really down since my brother moved away.": "sadness",
        "All my friends have kids now and I feel left behind.": "lonely",
        "I AM SO TIRED OF EVERYTHING AT WORK": "anger",
        "It made me so happy.": "joy",
    }
    for text, family in cases.items():
        said = said_feeling(text)
        assert said is not None and said.family == family, text


def test_negations_other_people_and_idioms_name_no_feeling_of_theirs() -> None:
    for text in (
        "I'm not angry, just tired.",
        "I wasn't scared at all.",
        "My sister is so angry with her boss.",
        "I'm down to my last euro.",
        "I'm a teacher and the marking never ends.",
    ):
        assert said_feeling(text) is None, text


def test_a_named_feeling_outranks_the_classifier() -> None:
    analysis = {
        "text": "I'm furious at my partner, they read my messages without asking.",
        "emotions": ["sadness"],
        "emotion_scores": {"sadness": 0.4},
        "sentiment": -0.3,
        "intent": "venting",
    }
    reading = from_analysis(analysis)
    assert reading.family == "anger"
    assert reading.venting


def test_their_own_word_is_said_back_when_it_reads_well() -> None:
    said = said_feeling("My boss took credit for my work again and I'm so angry.")
    assert said is not None and said.word == "angry"
    said = said_feeling("I forgot his birthday and I feel awful.")
    assert said is not None and said.family == "sadness" and said.word is None  # "be awful about it" misreads


def test_the_reply_names_the_feeling_in_their_word_not_a_milder_one() -> None:
    angry = analysis("My boss took credit for my work again and I'm so angry.", {"annoyance": 0.3}, sentiment=-0.2)
    for session in range(16):
        text, _ = compose(angry, session)
        assert "annoyed" not in text, text
