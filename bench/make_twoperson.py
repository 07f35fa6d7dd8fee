"""Writes the two-person recall set: multi-session chats between two named friends, with questions.

Output (committed, so the bench never depends on this script's randomness changing):
  bench/data/twoperson_turns.jsonl      the chats in OS1's JSONL import shape, plus "pair"
  bench/data/twoperson_questions.jsonl  {"id", "pair", "query", "at", "evidence": [turn ids], "kind"}

Eight pairs of friends, twelve sessions each over about six months, ~20 turns a session. What is
said about each person comes from hand-written templates; slot values (films, cities, names...)
are drawn per person, and both people of a pair get the same kinds of events with different values,
so a question that names one of them has a near-copy about the other to beat. Kinds of question:
  reply       the answer is a short reply ("Paddington 2.") to the other's question, which holds the words
  paraphrase  the question shares no content word with the evidence turn
  multi-hop   two turns in different sessions are both needed (recall counts each)
  window      "... in July?": the same kind of event happened to the same person in other months
  relative    "last week" / "yesterday" / "last month", asked at a given moment (the question's "at")
  when        "When did X ...?": the turn that tells of it
  speaker     both people said the same kind of thing; the question names one
  changed     "Where does X work now?": the newer of two statements
Small talk between the events greets the other by name ("Hey Dana!"), as real chats do.
The set was written by the same person who tunes OS1's search: read it with MemoryBank beside it.

Run: python bench/make_twoperson.py   (deterministic; seed 11)
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "data"
PAIRS = [
    ("Dana", "Priya", "she", "she"),
    ("Marcus", "Elena", "he", "she"),
    ("Tom", "Aisha", "he", "she"),
    ("Jonas", "Mei", "he", "she"),
    ("Sofia", "Ravi", "she", "he"),
    ("Liam", "Noor", "he", "she"),
    ("Grace", "Mateo", "she", "he"),
    ("Hannah", "Kofi", "she", "he"),
]
SESSIONS = 12

FAVOURITES = {
    "film": [
        "Paddington 2",
        "Spirited Away",
        "The Grand Budapest Hotel",
        "Arrival",
        "Amélie",
        "Jaws",
        "Mad Max: Fury Road",
        "Before Sunrise",
        "Hot Fuzz",
        "Parasite",
        "Up",
        "Heat",
    ],
    "book": [
        "The Remains of the Day",
        "Dune",
        "Middlemarch",
        "Circe",
        "The Hobbit",
        "Beloved",
        "Piranesi",
        "Stoner",
        "Rebecca",
        "The Overstory",
        "Matilda",
        "Persuasion",
    ],
    "podcast": [
        "Radiolab",
        "No Such Thing as a Fish",
        "Song Exploder",
        "99% Invisible",
        "The Rest Is History",
        "Desert Island Discs",
        "Hardcore History",
        "Reply All",
    ],
    "board game": ["Wingspan", "Catan", "Ticket to Ride", "Codenames", "Carcassonne", "Azul", "Pandemic", "Scrabble"],
    "snack": [
        "salted liquorice",
        "cheese and onion crisps",
        "dark chocolate with sea salt",
        "pistachios",
        "dried mango",
        "jam doughnuts",
        "pretzels",
        "rice crackers",
    ],
}
FAV_ASK = [
    "{o}, random question: what's your favourite {cat} at the moment?",
    "Okay {o}, I need to know. Favourite {cat}, go.",
    "What's the best {cat} you know? I'm looking for a new one.",
]
FAV_REPLY = [
    "{v}. Easily.",
    "{v}, without a doubt.",
    "Honestly? {v}.",
    "{v}! I never get tired of it.",
]
PAST = {"he": "his", "she": "her"}
PETS = [("dog", "puppy"), ("cat", "kitten"), ("rabbit", "bunny")]
PET_NAMES = [
    "Biscuit",
    "Pepper",
    "Mochi",
    "Waffles",
    "Juniper",
    "Noodle",
    "Pickles",
    "Clementine",
    "Basil",
    "Turnip",
    "Fig",
    "Olive",
    "Pumpkin",
    "Sprout",
    "Toffee",
    "Maple",
]
CITIES = [
    ("Lisbon", "the castle above the old town", "grilled sardines"),
    ("Kyoto", "the bamboo forest", "the ramen"),
    ("Edinburgh", "Arthur's Seat", "the haggis"),
    ("Oaxaca", "the Monte Albán ruins", "the mole"),
    ("Reykjavik", "the black sand beach", "the fish soup"),
    ("Naples", "Pompeii", "the pizza"),
    ("Istanbul", "the Blue Mosque", "the simit"),
    ("Copenhagen", "the Tivoli gardens", "the smørrebrød"),
    ("Marrakech", "the souks", "the tagine"),
    ("Vienna", "the Belvedere", "the schnitzel"),
    ("Hanoi", "the old quarter", "the pho"),
    ("Seville", "the Alcázar", "the tapas"),
    ("Krakow", "the salt mine", "the pierogi"),
    ("Porto", "the Ribeira", "the francesinha"),
    ("Montreal", "Mont Royal", "the bagels"),
    ("Cape Town", "Table Mountain", "the braai"),
]
COMPANIES = [
    "Northwind",
    "Bramble Labs",
    "Fenwick & Co",
    "Lumen Health",
    "Harbour Freight",
    "Quill",
    "Oakridge Council",
    "Tandem Bank",
    "Greenleaf Studio",
    "Atlas Logistics",
    "Marlow Press",
    "Copperline",
    "Brightwater School",
    "Kestrel Games",
    "Halcyon Hotels",
    "Ridgeway Clinic",
]
JOBS = [
    "nurse",
    "graphic designer",
    "accountant",
    "teacher",
    "software developer",
    "architect",
    "physiotherapist",
    "sound engineer",
    "pharmacist",
    "chef",
    "librarian",
    "paramedic",
]
COUSINS = [
    "Rosa",
    "Imogen",
    "Farah",
    "Bridget",
    "Yusra",
    "Carmen",
    "Ingrid",
    "Leila",
    "Martha",
    "Odette",
    "Tamsin",
    "Zara",
    "Greta",
    "Hazel",
    "Nadia",
    "Vera",
]
HOBBIES = [
    "pottery",
    "salsa",
    "life drawing",
    "bouldering",
    "Italian",
    "improv",
    "choir",
    "woodwork",
    "jewellery making",
    "beekeeping",
    "fencing",
    "sign language",
]
INSTRUMENTS = [
    "cello",
    "ukulele",
    "saxophone",
    "drums",
    "harp",
    "trumpet",
    "banjo",
    "violin",
    "accordion",
    "bass guitar",
    "flute",
    "piano",
]
FRIENDS = [
    "Ines",
    "Beatrix",
    "Kemi",
    "Lotte",
    "Suki",
    "Maren",
    "Pia",
    "Delphine",
    "Anouk",
    "Jude",
    "Wren",
    "Talia",
    "Esme",
    "Ronja",
    "Cleo",
    "Mira",
]
DISHES = [
    "a mushroom risotto",
    "a lamb tagine",
    "dumplings from scratch",
    "a Thai green curry",
    "a shepherd's pie",
    "paella",
    "a lasagne",
    "fish tacos",
    "a chickpea stew",
    "homemade ramen",
    "a beef stew",
    "stuffed peppers",
    "gnocchi",
    "a fish pie",
    "a lentil dal",
    "pad thai",
]
MILESTONES = [
    (
        "I ran my first half marathon this morning! Two hours and four minutes, my legs are jelly.",
        "When did {o} run a half marathon?",
        "How long did it take {o} to finish {p} first long race?",
    ),
    (
        "I passed my driving test today, on the third try!",
        "When did {o} pass {p} driving test?",
        "On which attempt did {o} get {p} licence to drive a car?",
    ),
    (
        "We finally got the keys to the new flat today, it's tiny but it's ours.",
        "When did {o} get the keys to {p} new flat?",
        "When did {o} become a homeowner?",
    ),
    (
        "I got the tattoo today, a little swallow on my wrist.",
        "When did {o} get a tattoo?",
        "What design did {o} have inked on {p} arm?",
    ),
    (
        "I sang a solo at the open mic night tonight and nobody threw anything.",
        "When did {o} sing at the open mic night?",
        "When did {o} perform in front of an audience?",
    ),
    (
        "My sister had her baby this morning, a girl, seven pounds two.",
        "When did {o}'s sister have her baby?",
        "When did {o} become an aunt or uncle?",
    ),
]
# Statement / question pairs that share no content word (stems included), checked by hand.
PARAPHRASES = [
    ("The dentist pulled two of my wisdom teeth on Friday, I'm living on soup.", "What oral surgery did {o} have?"),
    (
        "I've been waking up at 5am to swim before work, the pool is empty then.",
        "What early exercise habit has {o} taken up?",
    ),
    ("My landlord is putting the rent up by two hundred a month.", "What housing cost increase is {o} facing?"),
    ("I sold my car last week, I just cycle everywhere now.", "How does {o} get around these days?"),
    ("I've stopped drinking coffee, a whole month without it.", "What caffeine habit did {o} give up?"),
    (
        "My grandmother turned ninety and we threw her a garden party.",
        "Which elderly relative celebrated a big birthday?",
    ),
    ("I'm learning to bake sourdough, my starter is called Gerald.", "What bread-making project is {o} working on?"),
    ("The boiler broke and we had no hot water for five days.", "What went wrong with the heating at {o}'s home?"),
    ("I volunteered at the food bank on Saturday, sorting tins for six hours.", "What charity work did {o} do?"),
    (
        "My knee has been swollen since the football match, the physio says it's a ligament.",
        "What injury is {o} recovering from?",
    ),
    ("We repainted the whole living room a dark green.", "What colour did {o} choose for the lounge walls?"),
    ("I got a promotion, I'm leading the team from next month.", "Is {o} getting more responsibility at the office?"),
    ("I've been having nightmares about exams again, at my age!", "What keeps disturbing {o}'s sleep?"),
    ("My phone fell in the canal, I'm using an ancient Nokia for now.", "What happened to {o}'s mobile?"),
    ("We've started growing tomatoes and courgettes on the balcony.", "What vegetables is {o} cultivating?"),
    (
        "I finished knitting a jumper for my dad, the sleeves are different lengths.",
        "What did {o} make for {p} father by hand?",
    ),
    ("I've been reading to my neighbour's kids on Sunday afternoons.", "Who does {o} look after at the weekends?"),
    (
        "I gave a talk at the conference and my slides crashed halfway.",
        "What technical disaster happened during {o}'s presentation?",
    ),
    ("My brother moved in with me while he looks for a flat.", "Which family member is staying at {o}'s place?"),
    ("I signed up to give blood, my first time ever.", "What donation is {o} making?"),
]
SMALL_TALK = [
    ("Hey {o}! How's your week going?", "Hi {s}! Busy, but good. Yours?"),
    ("Morning {o}, did you sleep at all last night?", "Barely, {s}. The neighbours had a party."),
    ("{o}, are you around this weekend?", "Maybe Sunday? Saturday is chaos."),
    ("Sorry I went quiet, {o}, work has been mad.", "No worries {s}, same here honestly."),
    ("How are you doing, {o}?", "Not bad at all. Tired, but fine."),
    ("Ugh, Mondays. How's yours, {o}?", "Long. Too many emails."),
    ("Did you see the rain today, {o}?", "I got completely soaked on the way home, {s}."),
    ("I'm so tired today, {o}.", "Early night then! Look after yourself, {s}."),
    ("{o}! Long time no chat.", "I know! Tell me everything, {s}."),
    ("Thanks for the voice note yesterday, {o}, it made me laugh.", "Ha, glad it landed, {s}."),
    ("Quick one, {o}: are we still on for coffee?", "Yes! Same place as always?"),
    ("What are you up to tonight, {o}?", "Sofa and a film, probably."),
    ("I miss our long walks, {o}.", "Me too. Let's do one soon, {s}."),
    ("How's your mum doing, {o}?", "Much better, thanks for asking, {s}."),
    ("I've had the worst day, {o}.", "Oh no, {s}. Want to talk about it?"),
    ("Anything exciting happening, {o}?", "Not really, quiet week. You?"),
]
SMALL_REPLY = [
    "Ha, fair enough.",
    "Same, honestly.",
    "Fingers crossed.",
    "That sounds about right.",
    "Oh, I hear you.",
    "Love that for you.",
    "Ugh, I know the feeling.",
    "Totally.",
]
MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@dataclass
class Beat:
    """Turns said together in one session; `keys` name the evidence turns among them."""

    session: int
    turns: list[tuple[str, str, str | None]]  # (speaker, text, key)


@dataclass
class Pair:
    slug: str
    a: str
    b: str
    pron: dict[str, str]
    dates: list[datetime]
    beats: list[Beat] = field(default_factory=list)
    questions: list[dict[str, Any]] = field(default_factory=list)  # evidence as keys until resolved


def _pick(rng: random.Random, pool: list[Any], used: set[Any]) -> Any:
    choice = rng.choice([x for x in pool if x not in used])
    used.add(choice)
    return choice


def _her_or_him(rng: random.Random) -> str:
    return "her" if rng.random() < 0.5 else "him"


def _ask(pair: Pair, kind: str, query: str, keys: list[str], at: datetime | None = None) -> None:
    pair.questions.append({"kind": kind, "query": query, "keys": keys, "at": at})


def _favourites(rng: random.Random, pair: Pair, who: str, other: str, cats: list[str], used: set[Any]) -> None:
    for n, cat in enumerate(cats):
        value = _pick(rng, FAVOURITES[cat], used)
        key = f"{who}-fav-{cat}"
        session = rng.randrange(SESSIONS - 1)
        pair.beats.append(
            Beat(
                session,
                [
                    (other, rng.choice(FAV_ASK).format(o=who, cat=cat), None),
                    (who, rng.choice(FAV_REPLY).format(v=value), key),
                ],
            )
        )
        _ask(pair, "reply", f"What is {who}'s favourite {cat}?", [key])
        if n == 0:
            _ask(pair, "speaker", f"Which {cat} does {who} like best?", [key])


def _life(rng: random.Random, pair: Pair, who: str, other: str, used: set[Any]) -> None:
    """One person's events across the sessions, and the questions about them."""
    p = pair.pron[who]
    poss = PAST[p]
    # a pet: fact and paraphrase
    kind, young = rng.choice(PETS)
    pet = _pick(rng, PET_NAMES, used)
    s = rng.randrange(SESSIONS - 1)
    pair.beats.append(
        Beat(
            s,
            [
                (
                    who,
                    f"Big news: we adopted a {kind} from the shelter! We've called {_her_or_him(rng)} {pet}.",
                    f"{who}-pet",
                ),
                (other, f"Oh my god, a {young}! Send pictures immediately.", None),
            ],
        )
    )
    _ask(pair, "speaker", f"What is the name of {who}'s {kind}?", [f"{who}-pet"])
    _ask(pair, "paraphrase", f"What did {who} name the animal {p} rescued?", [f"{who}-pet"])
    # two trips in different months
    trip_sessions = rng.sample(range(SESSIONS), 2)
    for n, s in enumerate(sorted(trip_sessions)):
        city, sight, food = _pick(rng, CITIES, used)
        key = f"{who}-trip{n}"
        pair.beats.append(
            Beat(
                s,
                [
                    (who, f"I'm back from {city}! We walked up to {sight} on the first morning.", key),
                    (other, "Jealous! How was the food?", None),
                    (who, f"Unreal. I'm still dreaming about {food}.", None),
                ],
            )
        )
        month = MONTH_NAMES[pair.dates[s].month - 1]
        if len({pair.dates[t].month for t in trip_sessions}) == 2:  # one trip a month, or the question is ambiguous
            _ask(pair, "window", f"Where did {who} go on holiday in {month}?", [key])
        _ask(pair, "when", f"When did {who} visit {city}?", [key])
    # a job change (two sessions apart at least)
    job, old, new = rng.choice(JOBS), _pick(rng, COMPANIES, used), _pick(rng, COMPANIES, used)
    s1 = rng.randrange(0, SESSIONS - 4)
    s2 = rng.randrange(s1 + 2, SESSIONS)
    pair.beats.append(
        Beat(
            s1,
            [
                (other, "How's work treating you?", None),
                (who, f"Same old. I've been a {job} at {old} for six years now.", f"{who}-job0"),
            ],
        )
    )
    pair.beats.append(
        Beat(
            s2,
            [
                (who, f"Today was my last day at {old}. I start at {new} on Monday!", f"{who}-job1"),
                (other, "Congratulations!! A fresh start.", None),
            ],
        )
    )
    _ask(pair, "changed", f"Where does {who} work now?", [f"{who}-job1"])
    _ask(
        pair,
        "multi-hop",
        f"What is {who}'s profession, and which employer did {p} leave?",
        [f"{who}-job0", f"{who}-job1"],
    )
    # a cousin, then a visit to her
    cousin = _pick(rng, COUSINS, used)
    city, _, _ = _pick(rng, CITIES, used)
    s1 = rng.randrange(0, SESSIONS - 3)
    s2 = rng.randrange(s1 + 1, SESSIONS)
    pair.beats.append(
        Beat(s1, [(who, f"My cousin {cousin} lives in {city}, she runs a little bakery there.", f"{who}-cousin0")])
    )
    pair.beats.append(
        Beat(
            s2,
            [
                (who, f"I'm flying out to see {cousin} at the end of the month.", f"{who}-cousin1"),
                (other, "Amazing, say hi from me.", None),
            ],
        )
    )
    _ask(
        pair,
        "multi-hop",
        f"Which city is {who} flying to at the end of the month?",
        [f"{who}-cousin0", f"{who}-cousin1"],
    )
    # a class friend who takes up an instrument
    hobby, friend, instrument = _pick(rng, HOBBIES, used), _pick(rng, FRIENDS, used), _pick(rng, INSTRUMENTS, used)
    s1 = rng.randrange(0, SESSIONS - 3)
    s2 = rng.randrange(s1 + 1, SESSIONS)
    pair.beats.append(
        Beat(
            s1,
            [
                (
                    who,
                    f"I started a {hobby} class on Thursday evenings and met {friend} there, she's hilarious.",
                    f"{who}-class0",
                )
            ],
        )
    )
    pair.beats.append(
        Beat(
            s2, [(who, f"{friend} has started learning the {instrument}, she practises every night.", f"{who}-class1")]
        )
    )
    _ask(
        pair,
        "multi-hop",
        f"What instrument is the friend {who} met at {hobby} class learning?",
        [f"{who}-class0", f"{who}-class1"],
    )
    # cooking in three sessions, asked about relative to a moment after each
    for n, s in enumerate(sorted(rng.sample(range(SESSIONS), 3))):
        dish = _pick(rng, DISHES, used)
        key = f"{who}-cook{n}"
        pair.beats.append(
            Beat(
                s,
                [
                    (
                        other,
                        f"What did you have for dinner, {who}?" if rng.random() < 0.5 else "Did you eat anything good?",
                        None,
                    ),
                    (who, f"I cooked {dish} and it actually worked.", key),
                ],
            )
        )
        day = pair.dates[s]
        form = ["last week", "yesterday", "last month"][n % 3]
        if form == "last week":
            at = day + timedelta(days=7 - day.weekday() + 2, hours=3)
        elif form == "yesterday":
            at = day + timedelta(days=1)
        else:
            first = day.replace(day=1) + timedelta(days=32)
            at = first.replace(day=10)
        _ask(pair, "relative", f"What did {who} cook {form}?", [key], at=at)
    # a milestone, and a paraphrase of it
    text, when_q, para_q = _pick(rng, MILESTONES, used)
    s = rng.randrange(SESSIONS)
    pair.beats.append(Beat(s, [(who, text, f"{who}-mile"), (other, "That's huge! So proud of you.", None)]))
    _ask(pair, "when", when_q.format(o=who, p=poss), [f"{who}-mile"])
    _ask(pair, "paraphrase", para_q.format(o=who, p=poss), [f"{who}-mile"])
    # three paraphrase statements, answered
    for n in range(3):
        text, question = _pick(rng, PARAPHRASES, used)
        key = f"{who}-para{n}"
        s = rng.randrange(SESSIONS)
        pair.beats.append(Beat(s, [(who, text, key), (other, rng.choice(SMALL_REPLY), None)]))
        _ask(pair, "paraphrase", question.format(o=who, p=poss), [key])


def _build(rng: random.Random, index: int, names: tuple[str, str, str, str]) -> Pair:
    a, b, pa, pb = names
    start = datetime(2023, 1, 9, tzinfo=UTC) + timedelta(days=23 * index)
    dates, day = [], start
    for _ in range(SESSIONS):
        day = day + timedelta(days=rng.randint(9, 19))
        dates.append(day.replace(hour=rng.randint(8, 21), minute=rng.randint(0, 59)))
    pair = Pair(f"{a.lower()}-{b.lower()}", a, b, {a: pa, b: pb}, dates)
    used: set[Any] = set()
    cats = rng.sample(list(FAVOURITES), 3)
    _favourites(rng, pair, a, b, cats[:2], used)
    _favourites(rng, pair, b, a, cats[1:], used)
    _life(rng, pair, a, b, used)
    _life(rng, pair, b, a, used)
    return pair


def _sessions(rng: random.Random, pair: Pair) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Lay out each session: small talk opening, the session's beats, small talk in between."""
    turns: list[dict[str, Any]] = []
    keys: dict[str, str] = {}
    for s, day in enumerate(pair.dates):
        opener, answerer = (pair.a, pair.b) if s % 2 == 0 else (pair.b, pair.a)
        lines: list[tuple[str, str, str | None]] = []
        first, reply = rng.choice(SMALL_TALK)
        lines += [
            (opener, first.format(o=answerer, s=opener), None),
            (answerer, reply.format(o=answerer, s=opener), None),
        ]
        beats = [bt for bt in pair.beats if bt.session == s]
        rng.shuffle(beats)
        for beat in beats:
            lines += beat.turns
            if rng.random() < 0.5:
                x, y = rng.sample([pair.a, pair.b], 2)
                q, r = rng.choice(SMALL_TALK)
                lines += [(x, q.format(o=y, s=x), None), (y, r.format(o=y, s=x), None)]
        lines += [(answerer, f"Anyway, talk soon {opener}!", None), (opener, "Bye! x", None)]
        for n, (speaker, text, key) in enumerate(lines):
            tid = f"{pair.slug}-s{s + 1:02d}-{n:02d}"
            if key:
                keys[key] = tid
            turns.append(
                {
                    "id": tid,
                    "conversation": f"{pair.slug}-s{s + 1:02d}",
                    "pair": pair.slug,
                    "timestamp": (day + timedelta(minutes=n)).isoformat(),
                    "speaker": speaker,
                    "text": text,
                }
            )
    return turns, keys


def generate(seed: int = 11) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rng = random.Random(seed)
    turns: list[dict[str, Any]] = []
    questions: list[dict[str, Any]] = []
    for index, names in enumerate(PAIRS):
        pair = _build(rng, index, names)
        pair_turns, keys = _sessions(rng, pair)
        turns += pair_turns
        end = pair.dates[-1] + timedelta(days=1)
        for n, q in enumerate(pair.questions):
            questions.append(
                {
                    "id": f"{pair.slug}-q{n:02d}",
                    "pair": pair.slug,
                    "kind": q["kind"],
                    "query": q["query"],
                    "at": (q["at"] or end).isoformat(),
                    "evidence": [keys[k] for k in q["keys"]],
                }
            )
    return turns, questions


def main() -> None:
    turns, questions = generate()
    OUT.mkdir(exist_ok=True)
    (OUT / "twoperson_turns.jsonl").write_text("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in turns))
    (OUT / "twoperson_questions.jsonl").write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in questions))
    kinds: dict[str, int] = {}
    for q in questions:
        kinds[q["kind"]] = kinds.get(q["kind"], 0) + 1
    print(f"{len(turns)} turns, {len(questions)} questions: {kinds}")


if __name__ == "__main__":
    main()
