"""Move choice in the built-in composer, with analyses written by hand (the classifier is not involved).

Each test states what the person needs from one kind of message and checks which moves answered it:
ordinary talk is not celebrated, good news is celebrated before it is asked about, a calm message is
not met with silence, a hard moment (or a hint of one) gets a gentle question, a request for luck gets
luck, a follow-up waits for an ordinary moment, a memory is linked by a shared thing.
"""

from __future__ import annotations

import re
from typing import Any

from os1.mind.lines import lines, sentences
from os1.mind.perceive import from_analysis
from tests.mind_helpers import analysis as _analysis
from tests.mind_helpers import compose as _compose
from tests.mind_helpers import said_from as _said_from


def test_a_faint_good_feeling_on_a_flat_message_is_not_celebrated() -> None:
    flat = _analysis(
        "Work was fine, nothing special happened.",
        {"approval": 0.13, "disappointment": 0.09, "neutral": 0.1},
        sentiment=-0.12,
        intent="venting",
    )
    reading = from_analysis(flat)
    assert reading.family == "neutral" and not reading.venting
    for session in range(12):
        text, moves = _compose(flat, session)
        assert "name_feeling" not in moves and "stay" not in moves, text


def test_a_faint_hard_feeling_is_still_heard() -> None:
    reading = from_analysis(_analysis("Nobody remembered my birthday at work today.", {"disappointment": 0.13}))
    assert reading.family == "disappointment"


def test_news_told_with_an_exclamation_is_celebrated_before_any_question() -> None:
    news = _analysis("I sold my first painting at the market today!", {"neutral": 0.43}, intent="share_news")
    assert from_analysis(news).family == "joy"
    asked = 0
    for session in range(12):
        _text, moves = _compose(news, session)
        celebrated = next(m for m in ("congratulate", "name_feeling") if m in moves)
        if "question" in moves:
            asked += 1
            assert moves.index(celebrated) < moves.index("question")
    assert asked  # good news is asked about, most of the time


def test_a_calm_message_tagged_venting_is_not_met_with_silence() -> None:
    calm = _analysis("I'm seeing a therapist for the first time on Friday.", {"neutral": 0.43}, intent="venting")
    assert not from_analysis(calm).venting


def test_shouting_tagged_venting_is_venting_even_without_a_named_feeling() -> None:
    shout = _analysis("I AM SO FED UP WITH MY LANDLORD", {"neutral": 0.32}, intent="venting")
    assert from_analysis(shout).venting
    for session in range(6):
        text, _ = _compose(shout, session)
        assert "?" not in text, text


def test_a_hard_moment_gets_a_gentle_question_never_a_cheerful_one() -> None:
    hard = _analysis("I didn't get the flat I applied for.", {"disappointment": 0.4}, sentiment=-0.2)
    asked = 0
    for session in range(20):
        text, moves = _compose(hard, session)
        for sentence in sentences(text):
            if sentence.endswith("?") and "question" in moves:
                asked += 1
                assert _said_from("gentle_question", sentence), sentence
    assert asked


def test_hard_news_is_never_said_back_in_a_bright_frame_nor_good_news_in_a_heavy_one() -> None:
    hard = _analysis("My boss shouted at me in front of everyone.", {"anger": 0.6}, sentiment=-0.5)
    good = _analysis("I finally finished my first marathon!", {"pride": 0.8}, sentiment=0.6, intent="share_news")
    for session in range(20):
        for analysis, wrong in ((hard, "reflect_bright"), (good, "reflect_heavy")):
            text, _ = _compose(analysis, session)
            assert not any(_said_from(wrong, sentence) for sentence in sentences(text)), text


def test_asking_for_luck_gets_luck() -> None:
    plan = _analysis("My driving test is this weekend, wish me luck.", {"optimism": 0.44}, sentiment=0.69)
    assert from_analysis(plan).family == "hope"
    for session in range(6):
        text, moves = _compose(plan, session)
        assert "luck" in moves, text


def test_surprise_is_answered_as_news_not_named_back() -> None:
    surprised = _analysis("I had to give my notice today.", {"surprise": 0.7}, intent="small_talk")
    for session in range(12):
        text, moves = _compose(surprised, session)
        assert "name_feeling" not in moves, text


def test_a_memory_is_reported_as_said_then_never_as_a_fact_now() -> None:
    for line in lines()["memory_link"]:
        assert re.search(r"\b(said|told|mentioned|came up|brought|heard)\b", line), line


def test_asking_for_luck_gets_luck_as_the_last_word_not_a_question() -> None:
    plan = _analysis("My interview is tomorrow, wish me luck.", {"optimism": 0.44}, sentiment=0.69)
    for session in range(8):
        text, moves = _compose(plan, session)
        assert moves[-1] == "luck" and "?" not in text, text


def _thread(subject: str) -> dict[str, Any]:
    return {"id": "t1", "kind": "event", "subject": subject, "event_at": "2026-11-20T00:00:00+00:00"}


def test_a_follow_up_waits_for_an_ordinary_moment() -> None:
    news = _analysis("I got the job!", {"joy": 0.8}, sentiment=0.7, intent="share_news")
    ordinary = _analysis("I made soup for dinner.", {"neutral": 0.8})
    asked = 0
    for session in range(12):
        _, moves = _compose(news, session, threads=[_thread("interview")])
        assert "follow_up" not in moves
        _, moves = _compose(ordinary, session, threads=[_thread("interview")])
        asked += "follow_up" in moves
    assert asked


def test_a_plan_without_an_event_word_is_followed_up_as_plans() -> None:
    ordinary = _analysis("I made soup for dinner.", {"neutral": 0.8})
    asked = 0
    for session in range(12):
        text, moves = _compose(ordinary, session, threads=[_thread("plans")])
        if "follow_up" in moves:
            asked += 1
            assert "the plans" not in text.lower() and "plans was" not in text.lower(), text
    assert asked


def test_a_memory_is_linked_by_a_shared_thing_not_by_shared_verbs() -> None:
    exam = _analysis("I passed my exam! I can't believe it.", {"joy": 0.7}, sentiment=0.5, intent="share_news")
    grief = ("My sister Anna passed away last month and I still can't believe it.",)
    birthday = _analysis("I forgot my dad's birthday and I feel awful.", {"remorse": 0.6}, sentiment=-0.5)
    earlier = ("I forgot my boss's birthday yesterday.",)
    linked = 0
    for session in range(20):
        assert "memory" not in _compose(exam, session, history=grief)[1]
        linked += "memory" in _compose(birthday, session, history=earlier)[1]
    assert linked


def test_guilt_gratitude_confusion_and_hope_are_answered_in_their_own_words() -> None:
    for family, label in (
        ("remorse", "remorse"),
        ("gratitude", "gratitude"),
        ("confusion", "confusion"),
        ("hope", "desire"),
    ):
        analysis = _analysis("I keep thinking about it.", {label: 0.7}, sentiment=0.0)
        own = 0
        for session in range(16):
            text, _ = _compose(analysis, session)
            own += any(_said_from(family, sentence) for sentence in sentences(text))
        assert own, family


def test_a_hint_of_trouble_is_never_met_with_a_bright_line() -> None:
    rent = _analysis(
        "The landlord raised the rent again and won't fix the heating.",
        {"neutral": 0.86, "disapproval": 0.1, "annoyance": 0.08, "anger": 0.06, "disappointment": 0.03},
        intent="share_news",
    )
    rent["emotions"] = ["neutral"]  # every label under the classifier's own thresholds
    reading = from_analysis(rent)
    assert reading.family == "neutral" and reading.troubled and not reading.pleasant
    sunset = _analysis("I watched the sunset with a cup of tea.", {"neutral": 0.6, "joy": 0.1, "admiration": 0.05})
    assert from_analysis(sunset).pleasant
    bright = 0
    for session in range(24):
        text, _ = _compose(rent, session)
        assert not any(_said_from("ack_bright", s) or _said_from("bright_question", s) for s in sentences(text)), text
        text, _ = _compose(sunset, session)
        bright += any(_said_from("ack_bright", s) or _said_from("bright_question", s) for s in sentences(text))
    assert bright


def test_a_hard_feeling_below_noise_is_not_named() -> None:
    teacher = _analysis("I'm a teacher and the marking never ends.", {"disappointment": 0.07, "approval": 0.13})
    teacher["emotions"] = ["disappointment"]  # the one label the classifier let through
    assert from_analysis(teacher).family == "neutral"


def test_a_hint_of_trouble_is_acknowledged_as_hard() -> None:
    cancelled = _analysis("My sister cancelled on me for the third time.", {"neutral": 0.7}, -0.25, "venting")
    cancelled["emotions"] = ["neutral"]
    acked = 0
    for session in range(16):
        text, moves = _compose(cancelled, session)
        if "ack" in moves:
            acked += 1
            assert _said_from("ack_heavy", sentences(text)[0]), text
    assert acked


def test_a_sour_word_alone_is_not_acknowledged_as_hard() -> None:
    late = _analysis("The bus was late so I read half a chapter at the stop.", {"neutral": 0.5}, -0.3)
    for session in range(16):
        text, _ = _compose(late, session)
        assert not any(_said_from("ack_heavy", s) for s in sentences(text)), text


def test_questions_that_assume_something_happened_only_follow_a_message_about_something_past() -> None:
    present = _analysis("I like my tea strong and my mornings quiet.", {"neutral": 0.6})
    past = _analysis("We drove out to the coast and walked along the cliffs.", {"neutral": 0.6}, intent="share_news")
    asked_about_the_event = 0
    for session in range(40):
        text, _ = _compose(present, session)
        assert not any(_said_from("event_question", s) for s in sentences(text)), text
        text, _ = _compose(past, session)
        asked_about_the_event += any(_said_from("event_question", s) for s in sentences(text))
    assert asked_about_the_event  # "Who was there with you?" is fair after a day out


def test_good_news_still_to_come_is_asked_about_what_lies_ahead() -> None:
    # COMPOSE_NOW is Monday 23 November; the visit is on Friday the 27th.
    visit = _analysis(
        "My sister Anna is visiting on Friday and I can't wait!", {"excitement": 0.7}, intent="share_news"
    )
    visit["entities"] = {"dates": [{"text": "on Friday", "value": "2026-11-27"}]}
    done = _analysis("I passed my driving test today!", {"joy": 0.7, "pride": 0.4}, intent="share_news")
    ahead = behind = 0
    for session in range(30):
        for news, pool in ((visit, "upcoming_question"), (done, "news_question")):
            text, _moves = _compose(news, session)
            asked = [s for s in sentences(text) if s.endswith("?")]
            assert all(_said_from(pool, s) for s in asked), text
            if news is visit:
                ahead += bool(asked)
            else:
                behind += bool(asked)
    assert ahead and behind


def test_a_stated_taste_is_heard_not_celebrated_as_love_but_love_for_a_person_is() -> None:
    taste = _analysis("I like my tea strong and my mornings quiet.", {"love": 0.92}, sentiment=0.7)
    taste["disclosures"] = [{"kind": "like", "text": "my tea strong"}]
    assert from_analysis(taste).family == "neutral"
    for session in range(12):
        text, moves = _compose(taste, session)
        assert "name_feeling" not in moves and "smitten" not in text, text
    sister = _analysis("I love my sister Anna, she is my rock.", {"love": 0.92}, sentiment=0.7)
    sister["disclosures"] = [{"kind": "like", "text": "my sister Anna"}]
    sister["entities"] = {"people": [{"name": "Anna", "relation": "sister"}]}
    assert from_analysis(sister).family == "love"


def test_a_long_message_or_a_told_event_is_asked_about_itself_never_switched_to_a_new_topic() -> None:
    long_news = _analysis(
        "I had the strangest day. My boss called me into his office and told me the whole team is being "
        "restructured, and I might have to move to the Manchester office by spring, which would mean leaving "
        "my flat, my friends, and the climbing gym I have been going to for six years.",
        {"neutral": 0.42},
        sentiment=0.48,
        intent="share_news",
    )
    day_out = _analysis("We went to the coast yesterday and walked for hours.", {"neutral": 0.6})
    short = _analysis("I'm making soup for dinner.", {"neutral": 0.6})
    switched = 0
    for session in range(20):
        for told in (long_news, day_out):
            _, moves = _compose(told, session, curious_about="family")
            assert "topic_question" not in moves
        _, moves = _compose(short, session, curious_about="family")
        switched += "topic_question" in moves
    assert switched  # a short, ordinary message about now may open a new topic
