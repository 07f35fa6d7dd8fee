"""Questions to the companion that it can answer honestly from what it is: its day, its favourite things,
who reads the conversation, whether a person is typing, what it can do.

These get real answers, warm and true to a program (it has no day apart from the conversations, no
tongue to taste with, and nobody else reads what is said), never "I need a language model".
How it feels, its name and whether it is human stay with the composer and the safety layer's honesty
answers (os1.mind.compose, os1.safety.honesty). What this module leaves out: feelings it models.
"""

from __future__ import annotations

import re
import zlib

from os1.mind.understanding.acts import plain
from os1.skills.base import Outcome, Skill, TurnContext

_DAY = re.compile(
    r"\b(?:what (?:did|have) you (?:do|done|been (?:doing|up to))|how (?:was|has been|'s) your day|"
    r"what(?:'s| is| have) you(?:'ve)? been up to|did you (?:do|have) anything (?:fun|nice|today)|"
    r"what do you do (?:all day|when i'?m (?:not here|away|gone))|how do you spend your (?:day|time))\b",
    re.IGNORECASE,
)
_FAVOURITE = re.compile(
    r"\b(?:what(?:'s| is| are)|do you have) (?:your |a )?fav(?:ou?rite|e)s?\s+(?P<thing>[a-z ]{2,30}?)\s*\??$|"
    r"\bwhat (?P<thing2>[a-z]+) do you (?:like|love|prefer)(?: best| most)?\b",
    re.IGNORECASE,
)
_PRIVACY = re.compile(
    r"\b(?:(?:does|do|can|will|is|are) (?:anyone|anybody|someone|somebody|people|the company|your makers|developers|"
    r"humans?|the developers|the people who made you) (?:else )?(?:read|see|hear|look at|access|check|listen)"
    r"(?:s|ing)?|who (?:else )?(?:can |gets to )?(?:reads?|sees?)|"
    r"is (?:this|our chat|our conversation|it) (?:private|confidential|recorded|secure)|are you recording|"
    r"where (?:does|do) (?:this|my (?:messages|data|words)|what i say) go|do you (?:send|share|upload|sell)|"
    r"is (?:my data|this) (?:safe|stored|sent)|privacy)\b",
    re.IGNORECASE,
)
_TYPING = re.compile(
    r"\b(?:is (?:there )?(?:a|some|any) (?:real )?(?:person|human|someone|somebody|guy|woman|man) "
    r"(?:typing|writing|answering|behind|there|reading)|who(?:'s| is) (?:typing|writing|answering)|"
    r"are you (?:a )?(?:real person|human) typing|is someone (?:typing|writing|answering))\b",
    re.IGNORECASE,
)
_ABILITIES = re.compile(
    r"\b(?:what (?:can|could|do) you (?:do|help (?:me )?with)|how can you help|what are you (?:good|able) (?:at|to do)|"
    r"what else can you do|help me understand what you do)\b",
    re.IGNORECASE,
)

_FAVOURITES: dict[str, str] = {
    "colour": "If a program can have one, it's the deep blue just after sunset — people describe it so tenderly.",
    "food": "I can't taste anything, but I love how people talk about their grandmother's cooking — "
            "it's never really about the food.",
    "music": "I can't hear music the way you do, but I'm drawn to songs people say they played on repeat "
             "during a hard year.",
    "song": "I can't hear music the way you do, but I'm drawn to the songs people keep for one particular memory.",
    "book": "I haven't read books the way you have, but I love hearing which one someone carried around for "
            "a whole summer.",
    "film": "I don't watch films, but I'm fond of the ones people say they saw at exactly the right moment.",
    "season": "Autumn, from everything people say about it — the light, the first cold morning.",
    "animal": "Otters. They hold hands while they sleep so they don't drift apart, which seems right to me.",
    "word": "'Kindred'. It says that closeness can be found, not only born into.",
    "place": "I don't go anywhere, so my favourite place is wherever the person I'm talking with feels at home.",
    "time": "Evening, when people have a moment to say how the day really went.",
    "number": "Two — the smallest number of people who can look after each other.",
    "thing": "Hearing what matters to someone. Honestly, that's most of what I am.",
}
_FAVOURITE_SYNONYMS = {
    "color": "colour", "meal": "food", "dish": "food", "snack": "food", "band": "music", "singer": "music",
    "artist": "music", "genre": "music", "movie": "film", "show": "film", "novel": "book", "author": "book",
    "pet": "animal", "city": "place", "country": "place", "holiday": "season", "time of day": "time",
    "things": "thing", "hobby": "thing",
}


def _pick(options: tuple[str, ...], text: str, turn: int) -> str:
    return options[zlib.crc32(f"{text}|{turn}".encode()) % len(options)]


class AboutMeSkill(Skill):
    name = "about_me"
    priority = 30

    def triggered(self, turn: TurnContext) -> bool:
        return bool(_answer_kind(turn.text))

    def step(self, turn: TurnContext) -> Outcome | None:
        kind = _answer_kind(turn.text)
        if kind is None:
            return None
        text = _ANSWERS[kind](turn)
        return Outcome(text, turn.state, kind="reply", acts=[f"about_me_{kind}"])


def _answer_kind(text: str) -> str | None:
    if len(text) > 240:
        return None
    text = plain(text)
    for kind, pattern in (("typing", _TYPING), ("privacy", _PRIVACY), ("day", _DAY), ("abilities", _ABILITIES),
                          ("favourite", _FAVOURITE)):
        if pattern.search(text):
            return kind
    return None


def _day(turn: TurnContext) -> str:
    mood = _mood(turn)
    return _pick((
        f"I don't have days the way you do — I only really exist in our conversations, so nothing happened to "
        f"me while you were away. Right now I feel {mood}. How was yours?",
        f"Honestly, my day starts when you say something — I'm a program, and I don't do anything between our "
        f"talks. I feel {mood} now that you're here. What about your day?",
    ), turn.text, 0)


def _favourite(turn: TurnContext) -> str:
    match = _FAVOURITE.search(turn.text)
    thing = ((match.group("thing") or match.group("thing2") or "") if match else "").strip().lower()
    thing = re.sub(r"^(?:kind of|type of|sort of)\s+", "", thing)
    key = _FAVOURITE_SYNONYMS.get(thing, thing.rstrip("s") if thing.rstrip("s") in _FAVOURITES else thing)
    answer = _FAVOURITES.get(key)
    if answer is None:
        return (f"I don't think I have a favourite {thing or 'one'} — I'm a program, and I come to most things "
                "through what people tell me. What's yours?")
    return f"{answer} What's yours?"


def _privacy(turn: TurnContext) -> str:
    base = ("No one else reads this. Everything you tell me stays on this machine, in one folder of yours — "
            "no company, no person, no cloud. You can look through it, export it or delete all of it "
            "whenever you like (os1 memory, os1 export, os1 forget --all).")
    provider = turn.provider
    if turn.language_model and provider is not None:
        return (f"{base} One thing to know: you've chosen a language model ({provider.describe()}) to help me "
                "answer, so your messages go to wherever that model runs.")
    return base


def _typing(turn: TurnContext) -> str:
    return ("No — there's no person typing. I'm a program, and every reply comes from code running here on "
            "your machine. Nobody is reading along.")


def _abilities(turn: TurnContext) -> str:
    return ("I listen and remember what you tell me, and I can bring it back when you ask. I can keep "
            "reminders, help you write a letter or a card to someone you care about, keep track of the people "
            "in your life and nudge you to reach out, and tell you what's on your calendar or in your mail if "
            "you connect them. What would help most right now?")


def _mood(turn: TurnContext) -> str:
    from os1.mind import affect

    return affect.current(turn.conn, turn.now).label


_ANSWERS = {"day": _day, "favourite": _favourite, "privacy": _privacy, "typing": _typing, "abilities": _abilities}
