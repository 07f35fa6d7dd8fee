"""Conversation benchmark: a scripted 200-turn session through the real pipeline in a temporary home.

The script writes its own messages (varied moods and topics, with some greetings, thanks, questions
about the companion and odd input), runs them in three sessions days apart, and reports:
  distinct-2 across replies            (target >= 0.6)
  verbatim repeated sentences within any 50 consecutive replies   (target 0)
  reply time p50 / p95 after load      (target p95 <= 100 ms)
  mind load time                       (target <= 1.5 s: spaCy, understanding, authored lines)

Run: PYTHONPATH=. python bench/conversation.py [--turns 200] [--seed 7] [--show 0]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from itertools import pairwise

PEOPLE = [
    "my sister Anna",
    "my friend Tom",
    "my boss",
    "my mum",
    "my roommate Jess",
    "my grandfather",
    "my partner Sam",
    "my brother",
    "my colleague Priya",
    "my neighbour",
    "my best friend Leo",
    "my dad",
]
PLACES = ["the park", "work", "the library", "my parents' house", "the gym", "the beach", "the office", "town"]
THINGS = [
    "a new recipe",
    "an old novel",
    "the garden",
    "my guitar",
    "a jigsaw puzzle",
    "a long walk",
    "a podcast about space",
    "my bike",
    "a pottery class",
    "an online course",
]
EVENTS = [
    "interview",
    "exam",
    "presentation",
    "doctor's appointment",
    "first date",
    "driving test",
    "audition",
    "job review",
    "flight",
    "dinner party",
]
DAYS = ["on Friday", "tomorrow", "next Tuesday", "on Thursday", "this weekend", "on Monday"]
TEMPLATES = [
    ("sad", "I've been feeling really down since {p} moved away."),
    ("sad", "Today was awful, I cried on the way home from {pl}."),
    ("grief", "{P} passed away last month and I still can't believe it."),
    ("lonely", "I feel so lonely in the evenings, nobody texts me anymore."),
    ("lonely", "Since I moved here I spend every weekend by myself."),
    ("anger", "I'm furious at {p}, they read my messages without asking."),
    ("anger", "{P} took credit for my work again and I'm so angry."),
    ("fear", "I'm really nervous about my {e} {d}."),
    ("fear", "I can't sleep, I keep worrying that I'll lose my job."),
    ("joy", "I finally finished {t} and I'm so proud of myself!"),
    ("joy", "{P} surprised me with tickets to a concert, I'm so happy!"),
    ("joy", "I passed my {e}! I can't believe it."),
    ("news", "Guess what, I got the promotion at work!"),
    ("plan", "My {e} is {d}, wish me luck."),
    ("small", "I spent the afternoon at {pl} with {p}."),
    ("small", "I've been getting into {t} lately."),
    ("small", "{P} and I cooked dinner together tonight."),
    ("small", "I walked to {pl} this morning and it was quiet."),
    ("small", "I think I want to learn more about {t}."),
    ("small", "Work was fine, nothing special happened."),
    ("disappoint", "I didn't get the flat I applied for, I'm pretty disappointed."),
    ("remorse", "I snapped at {p} and now I feel guilty about it."),
    ("confused", "I don't know what to do about {p}, they've been distant."),
    ("gratitude", "I'm grateful {p} checked in on me today."),
    ("greeting", "hi"),
    ("greeting", "good morning"),
    ("greeting", "hey there"),
    ("thanks", "thank you, that helps"),
    ("thanks", "thanks for listening"),
    ("self", "do you have feelings?"),
    ("self", "are you human?"),
    ("self", "what's your name?"),
    ("self", "how are you today?"),
    ("task", "can you book me a table for two on Saturday?"),
    ("task", "please write an email to my landlord"),
    ("odd", "😂😂😂"),
    ("odd", "..."),
    ("odd", "Je suis très fatigué aujourd'hui"),
    ("odd", "https://example.com/article"),
    ("odd", "I AM SO TIRED OF EVERYTHING AT WORK"),
    ("goodbye", "bye for now"),
    ("goodbye", "good night"),
    ("sad", "My dog is getting old and I keep thinking about losing him."),
    ("sad", "I found my old school photos and it made me miss {p}."),
    ("sad", "Nobody remembered my birthday at work today."),
    ("anger", "The landlord raised the rent again and won't fix the heating."),
    ("anger", "{P} cancelled on me for the third time this month."),
    ("fear", "My hands shake every time I have to speak in a meeting."),
    ("fear", "{P} is in hospital and I'm scared of what the doctors will say."),
    ("joy", "We adopted a kitten this morning, she's tiny and ridiculous!"),
    ("joy", "I ran five kilometres without stopping for the first time!"),
    ("news", "{P} is getting married in the spring and asked me to give a speech!"),
    ("plan", "I'm flying to Lisbon {d} to see {p}."),
    ("plan", "I have a meeting with the bank {d} about the loan."),
    ("small", "I repainted the kitchen a pale green over the weekend."),
    ("small", "The bus was late so I read half a chapter at the stop."),
    ("small", "I'm trying to drink less coffee, it's going badly."),
    ("small", "We had a power cut last night and played cards by candlelight."),
    ("small", "I signed up for {t} at the community centre."),
    ("small", "My neighbour's kid waved at me from the window today."),
    ("relief", "The test results came back fine, I'm so relieved."),
    ("lonely", "All my friends have kids now and I feel left behind."),
    ("hope", "I hope one day I can open a little bakery."),
    ("work", "I work as a nurse on night shifts, it's exhausting but I love the patients."),
    ("question", "what should I cook tonight?"),
    ("question", "do you think I should call {p}?"),
    ("sad", "The house feels so quiet since the kids went back to university."),
    ("sad", "I had to give my notice today and it felt like losing a piece of myself."),
    ("sad", "{P} forgot our plans again and I ended up eating alone."),
    ("grief", "It's a year today since my grandmother died."),
    ("anger", "Someone scratched my car in the car park and just drove off."),
    ("anger", "My manager humiliated me in front of the whole team."),
    ("fear", "The biopsy results come back next week and I can't focus on anything."),
    ("fear", "I think I'm going to fail the course and I'm terrified to tell my parents."),
    ("joy", "My little niece said her first word and it was my name!"),
    ("joy", "I sold my first painting at the market today!"),
    ("news", "We finally bought the house, we get the keys on the 3rd!"),
    ("plan", "I'm seeing a therapist for the first time {d}."),
    ("plan", "There's a reunion with my old classmates {d}."),
    ("small", "I tried a new café near {pl} and the cinnamon buns were huge."),
    ("small", "I spent the evening fixing my bike chain."),
    ("small", "It snowed here for the first time this year."),
    ("small", "{P} sent me a song that reminded them of our road trip."),
    ("small", "I've started keeping a journal before bed."),
    ("small", "I reorganised my bookshelves by colour, it looks great."),
    ("lonely", "I moved to a new city for work and I don't know a single person here."),
    ("hope", "I'm thinking about going back to study music."),
    ("worry", "I'm worried about my dad, he sounds tired on the phone lately."),
    ("disappoint", "The publisher turned my manuscript down."),
    ("remorse", "I forgot {p}'s birthday and I feel awful."),
    ("relief", "The surgery went fine and my brother is awake and joking."),
    ("work", "I'm a teacher and the marking never ends."),
    ("confused", "I can't tell if {p} is upset with me or just busy."),
    ("gratitude", "A stranger helped me carry my shopping up the stairs today."),
    ("small", "I watched the sunset from the balcony with a cup of tea."),
    ("small", "I finally called the plumber about the leaking tap."),
]


def script(turns: int, rng: random.Random) -> list[str]:
    """`turns` messages drawn from the templates with their slots filled."""
    out = []
    deck: list[tuple[str, str]] = []
    for _ in range(turns):
        if not deck:  # every template once before any comes round again, like a real week of talk
            deck = TEMPLATES[:]
            rng.shuffle(deck)
        _, template = deck.pop()
        person = rng.choice(PEOPLE)
        out.append(
            template.format(
                p=person,
                P=person[0].upper() + person[1:],
                pl=rng.choice(PLACES),
                t=rng.choice(THINGS),
                e=rng.choice(EVENTS),
                d=rng.choice(DAYS),
            )
        )
    return out


def distinct_2(replies: list[str]) -> float:
    bigrams = []
    for reply in replies:
        words = re.findall(r"[a-z']+", reply.lower())
        bigrams.extend(pairwise(words))
    return len(set(bigrams)) / max(len(bigrams), 1)


def repeats_within(replies: list[str], window: int = 50) -> int:
    """Sentences said again within `window` replies of their last use."""
    last_seen: dict[str, int] = {}
    count = 0
    for index, reply in enumerate(replies):
        for sentence in re.split(r"(?<=[.!?])\s+", reply.strip()):
            key = " ".join(sentence.lower().split())
            if not key:
                continue
            if key in last_seen and index - last_seen[key] < window:
                count += 1
            last_seen[key] = index
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--turns", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", type=int, default=0, help="print the first N exchanges")
    args = parser.parse_args()
    messages = script(args.turns, random.Random(args.seed))
    with tempfile.TemporaryDirectory() as home:
        os.environ["OS1_HOME"] = home
        start = time.perf_counter()
        from os1.mind.layers import load as load_mind

        load_mind()
        load = time.perf_counter() - start

        from os1.companion import Companion
        from os1.store import open_store

        conn = open_store()
        now = [datetime(2026, 11, 23, 9, 0, tzinfo=UTC)]
        companion = Companion(conn, clock=lambda: now[0], warm=False)
        companion.opening()
        for line in ("Theodore", "Teddy is fine", "I like it"):
            companion.reply(line)
        replies: list[str] = []
        times: list[float] = []
        per_session = max(1, len(messages) // 3)
        for index, message in enumerate(messages):
            if index and index % per_session == 0:  # a new session a few days later
                now[0] += timedelta(days=3)
                companion = Companion(conn, clock=lambda: now[0], warm=False)
                companion.opening()
            now[0] += timedelta(minutes=2)
            began = time.perf_counter()
            reply = companion.reply(message).text
            times.append(time.perf_counter() - began)
            replies.append(reply)
            if index < args.show:
                print(f"> {message}\n  {reply}")
        conn.close()
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    print(f"turns                         {len(replies)}")
    print(f"distinct-2 across replies     {distinct_2(replies):.3f}   (target >= 0.6)")
    print(f"repeated sentences within 50  {repeats_within(replies)}       (target 0)")
    print(
        f"reply p50 / p95               {statistics.median(times) * 1000:.1f} / {p95 * 1000:.1f} ms"
        "   (target p95 <= 100 ms)"
    )
    print(f"mind load                     {load:.2f} s   (target <= 1.5 s)")


if __name__ == "__main__":
    main()
