"""A synthetic long-horizon memory set: six months of sessions between a person (Maya) and a companion.

Written for OS1's bench (no outside data). `generate(seed)` returns (turns, questions):
turns in the JSONL import shape, questions as {"id", "query", "at", "evidence": [turn ids], "kind"}.
Kinds of question:
  fact-once   a fact stated once, asked months later in other words
  alias       the fact turn names a person only by name ("Priya ..."); the question says "my sister"
  changed     a fact that changed (moved city, new job); the gold is the newest statement only
  two-fact    needs two turns (both count towards recall)
  when-window "what did I do last weekend / on March 14th / in April": the gold is the turn in that window
  when-did    "when did I tell you about ...": the turn that said it
Distractors are deliberate and realistic: the same people and places come up in small talk, weekend
activities repeat with different dates, old facts are restated several times before they change.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

START = datetime(2025, 1, 6, tzinfo=UTC)  # a Monday
WEEKS = 26

FILLER = [
    "Work was exhausting today, too many meetings again.",
    "I made pasta for dinner and watched a bit of TV.",
    "Couldn't sleep well last night, I kept waking up.",
    "I called my sister but she didn't pick up.",
    "My brother sent me a funny video of his cat.",
    "The weather has been grey all week, I miss the sun.",
    "I went for a short run before work this morning.",
    "My boss wants the report by Friday, so the week will be busy.",
    "I finally cleaned the flat, it feels so much better.",
    "I've been thinking about taking a cooking class.",
    "Had coffee with a colleague and we talked about the new project.",
    "I'm a bit tired but otherwise okay today.",
    "I should really call my mother this weekend.",
    "The bus was late again, I was twenty minutes late to work.",
    "I read a few chapters before bed, it helped me relax.",
    "My best friend texted me about going out soon.",
    "I tried a new recipe with lentils, it was alright.",
    "Work is fine, nothing special happened.",
    "I feel like I need a holiday somewhere warm.",
    "I watered the plants and did some laundry.",
    "My neighbour's dog barked all evening.",
    "I'm worried I don't exercise enough lately.",
    "I had a long chat with my sister about our parents.",
    "My brother and I argued a little about football.",
    "I spent the evening doing nothing, which was nice.",
]
COMPANION = [
    "That sounds like a lot. How are you feeling about it now?",
    "I'm glad you told me. What was the best part of your day?",
    "It sounds like you needed that. Do you want to talk more about it?",
    "That makes sense. What would help you tomorrow?",
    "Thank you for sharing that with me. How did it feel?",
    "I hear you. Is there anything on your mind tonight?",
    "That sounds nice. Tell me more if you like.",
]
ACTIVITIES = [
    "went hiking in the hills with Jonas",
    "went to the cinema to see a documentary",
    "visited the farmers market and bought far too many apples",
    "stayed home and baked bread",
    "went climbing at the indoor wall",
    "helped my brother paint his kitchen",
    "went to a pottery workshop",
    "took the train to the seaside",
    "went to a jazz concert",
    "spent the day at the science museum",
    "cycled along the canal",
    "went to a board game cafe",
]
BOOKS = [
    "Piranesi",
    "The Overstory",
    "Station Eleven",
    "Middlemarch",
    "Klara and the Sun",
    "The Dispossessed",
]


def _ts(day: datetime, minute: int) -> str:
    return (day + timedelta(hours=19, minutes=minute)).isoformat()


class _Builder:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.turns: list[dict[str, Any]] = []
        self.sessions: dict[datetime, list[tuple[str, str]]] = {}
        self.counter = 0

    def day(self, week: int, weekday: int) -> datetime:
        return START + timedelta(days=7 * week + weekday)

    def say(self, day: datetime, text: str) -> str:
        """Plant a person turn on `day`; returns its id."""
        self.counter += 1
        tid = f"syn-{self.counter:05d}"
        self.sessions.setdefault(day, []).append((tid, text))
        return tid

    def build(self) -> list[dict[str, Any]]:
        for week in range(WEEKS):
            for weekday in sorted(self.rng.sample(range(7), 4)):
                self.sessions.setdefault(self.day(week, weekday), [])
        for day in sorted(self.sessions):
            planted = self.sessions[day]
            lines = [(None, t) for t in self.rng.sample(FILLER, self.rng.randint(3, 6))]
            for item in planted:
                lines.insert(self.rng.randint(0, len(lines)), item)
            conv = f"syn-{day.date().isoformat()}"
            for n, (tid, text) in enumerate(lines):
                if tid is None:
                    self.counter += 1
                    tid = f"syn-{self.counter:05d}"
                self.turns.append(
                    {
                        "id": tid,
                        "conversation": conv,
                        "timestamp": _ts(day, 4 * n),
                        "speaker": "Maya",
                        "role": "person",
                        "text": text,
                    }
                )
                self.counter += 1
                self.turns.append(
                    {
                        "id": f"syn-{self.counter:05d}",
                        "conversation": conv,
                        "timestamp": _ts(day, 4 * n + 1),
                        "speaker": "Sam",
                        "role": "companion",
                        "text": self.rng.choice(COMPANION),
                    }
                )
        self.turns.sort(key=lambda t: t["timestamp"])
        return self.turns


def generate(seed: int = 7) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    b = _Builder(seed)
    questions: list[dict[str, Any]] = []
    end = START + timedelta(weeks=WEEKS)

    def ask(kind: str, query: str, at: datetime, evidence: list[str]) -> None:
        questions.append(
            {
                "id": f"q{len(questions) + 1:03d}",
                "kind": kind,
                "query": query,
                "at": at.isoformat(),
                "evidence": evidence,
            }
        )

    # People, introduced once early on; later news mentions only their names.
    sister = b.say(b.day(1, 2), "My sister Priya is the one who always remembers everyone's birthday.")
    brother = b.say(b.day(2, 4), "My brother Tom finally finished his chef training.")
    friend = b.say(b.day(3, 1), "My best friend Jonas moved back to town, I'm so happy.")
    boss = b.say(b.day(1, 4), "My boss Karen is strict but fair, I respect her.")
    priya_job = b.say(b.day(5, 3), "Priya started working as a midwife at the city hospital.")
    tom_news = b.say(b.day(14, 2), "Tom opened his own little restaurant by the river!")
    priya_news = b.say(b.day(17, 0), "Priya told me she's expecting a baby in the autumn.")
    jonas_news = b.say(b.day(19, 5), "Jonas got a dog, a scruffy terrier called Pickle.")
    karen_news = b.say(b.day(12, 1), "Karen announced she's leaving the company in spring.")
    ask("alias", "What news did my sister tell me?", end, [priya_news])
    ask("alias", "What happened with my brother's cooking career?", end, [tom_news])
    ask("alias", "What kind of pet does my best friend have now?", end, [jonas_news])
    ask("alias", "Is my boss staying at the company?", end, [karen_news])
    ask("alias", "What does my sister do for work?", end, [priya_job])
    ask("two-fact", "What do my sister and my brother do for a living?", end, [priya_job, brother])
    ask("fact-once", "What's my best friend's name?", end, [friend])
    ask("fact-once", "What is my boss called?", end, [boss])
    ask("two-fact", "What are the names of my sister and my brother?", end, [sister, brother])

    # Facts that change: the newest statement wins.
    b.say(b.day(0, 1), "I live in Bristol, in a small flat near the harbour.")
    for week in (3, 6, 9):
        b.say(
            b.day(week, b.rng.randint(0, 6)),
            b.rng.choice(
                [
                    "Bristol was rainy again today.",
                    "I love living in Bristol, the harbour is lovely at night.",
                    "Walking around Bristol on Sundays is my favourite thing.",
                ]
            ),
        )
    moved = b.say(b.day(13, 5), "We finally moved to Cardiff, the new flat has a balcony.")
    ask("changed", "Where do I live now?", end, [moved])
    ask("changed", "Which city is my home these days?", b.day(20, 2), [moved])
    b.say(b.day(0, 3), "I work at Initech as a data analyst.")
    for week in (2, 5, 8):
        b.say(
            b.day(week, b.rng.randint(0, 6)),
            b.rng.choice(
                [
                    "Initech had another reorganisation meeting.",
                    "At Initech the coffee machine broke again.",
                    "I stayed late at Initech to finish a dashboard.",
                ]
            ),
        )
    new_job = b.say(b.day(15, 0), "First day at my new job at Globex today, as a senior analyst.")
    ask("changed", "Where do I work at the moment?", end, [new_job])
    ask("changed", "What company did I join most recently?", end, [new_job])
    b.say(b.day(1, 6), "My favourite band at the moment is Khruangbin.")
    fav_band = b.say(b.day(18, 3), "Honestly my favourite band now is Big Thief, I can't stop listening.")
    ask("changed", "What's my favourite band?", end, [fav_band])

    # Weekend activities, asked as "last weekend" on the following Tuesday.
    weekend_turns: list[tuple[int, str]] = []
    for week in range(WEEKS - 1):
        activity = ACTIVITIES[(week * 5 + 3) % len(ACTIVITIES)]
        weekend_turns.append((week, b.say(b.day(week, 5), f"This weekend I {activity}.")))
    for week, tid in b.rng.sample(weekend_turns, 10):
        ask("when-window", "What did I do last weekend?", b.day(week + 1, 1) + timedelta(hours=12), [tid])
    # One book started each month; asked by month.
    months = ["January", "February", "March", "April", "May", "June"]
    for index, (month, book) in enumerate(zip(months, BOOKS, strict=True)):
        day = datetime(2025, index + 1, 10, tzinfo=UTC)
        tid = b.say(day, f"I started reading {book} and I'm already hooked.")
        ask("when-window", f"Which book did I start reading in {month}?", end, [tid])
    # Dated one-off events, asked by date.
    events = [
        (
            datetime(2025, 2, 14, tzinfo=UTC),
            "I had a dentist appointment and needed a filling.",
            "On February 14th, what appointment did I have?",
        ),
        (
            datetime(2025, 3, 21, tzinfo=UTC),
            "I gave my big presentation to the whole department today.",
            "What did I do at work on March 21st?",
        ),
        (
            datetime(2025, 4, 9, tzinfo=UTC),
            "I sprained my ankle playing five-a-side football.",
            "What happened to me on the 9th of April?",
        ),
        (
            datetime(2025, 5, 17, tzinfo=UTC),
            "I went to my cousin Lena's wedding in the countryside.",
            "Whose wedding did I go to on May 17th?",
        ),
        (
            datetime(2025, 6, 2, tzinfo=UTC),
            "I signed up for a Spanish evening course.",
            "What did I sign up for on June 2nd?",
        ),
    ]
    for day, text, query in events:
        ask("when-window", query, end, [b.say(day, text)])
    # "When did I tell you about ..." (the turn that said it).
    for day, text, query in [
        (
            b.day(7, 2),
            "I'm nervous about the job interview at Globex next week.",
            "When did I first tell you about the Globex interview?",
        ),
        (
            b.day(10, 4),
            "I started seeing a therapist, her name is Dr. Osei.",
            "When did I mention starting therapy?",
        ),
        (
            b.day(22, 1),
            "My knee has been hurting after runs, I might see a physio.",
            "When did I tell you my knee hurt?",
        ),
    ]:
        ask("when-did", query, end, [b.say(day, text)])
    # Stated once early, asked much later in other words.
    for day, text, query in [
        (
            b.day(0, 5),
            "I'm allergic to peanuts, I carry an epipen everywhere.",
            "Do I have any food allergies?",
        ),
        (b.day(2, 2), "My birthday is on March 3rd.", "When is my birthday?"),
        (b.day(4, 6), "I grew up in a village in Norfolk.", "Where did I spend my childhood?"),
        (
            b.day(6, 3),
            "I've always been scared of deep water since I nearly drowned as a kid.",
            "What am I afraid of?",
        ),
        (b.day(8, 1), "My dream is to walk the Camino de Santiago one day.", "What's on my bucket list?"),
    ]:
        ask("fact-once", query, end, [b.say(day, text)])
    turns = b.build()
    return turns, questions
