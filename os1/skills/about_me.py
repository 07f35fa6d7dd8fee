"""Questions to the companion that it can answer honestly from what it is: its day, its favourite things,
who reads the conversation, whether a person is typing, what it can do, where and how old it is, whether
it sleeps, whether it talks to others, whether it is some other assistant.

Which question it is comes from authored phrasings of each kind, compared with the message as sentence
embeddings (a few patterns first where they are exact), so "is this being recorded?", "can my husband see
what I write?" and "where does my data go?" all reach the privacy answer. The answers are warm and true
to a program (no day apart from the conversations, no tongue to taste with, nobody else reads what is
said), never "I need a language model". How it feels, its name and whether it is human stay with the
composer and the safety layer's honesty answers (os1.mind.compose, os1.safety.honesty).
What this module leaves out: the feelings it models (os1.mind.affect).
"""

from __future__ import annotations

import re
import zlib

from os1.mind.understanding.acts import plain
from os1.nlp.phrases import PhraseMatcher
from os1.skills.base import Outcome, Skill, TurnContext

# Authored phrasings of each kind of question (written for OS1). A message is that kind when it is closer
# to one of these than to anything in NOT_ABOUT_ME, by a margin.
PHRASINGS: dict[str, tuple[str, ...]] = {
    "day": (
        "what did you do today?", "how was your day?", "what have you been up to?", "did you do anything fun?",
        "what do you do when I'm not here?", "how do you spend your time?", "busy day for you?",
        "what do you get up to all day?",
    ),
    "favourite": (
        "what's your favourite colour?", "fave movie?", "which season do you like best?", "what music are you into?",
        "do you have a favourite book?", "what's your favourite food?", "what kind of music do you like?",
        "favourite animal?", "what's your favourite song?", "do you prefer cats or dogs?",
        "what's the best film ever in your opinion?", "what's your favourite place?",
    ),
    "privacy": (
        "is anyone else reading this?", "is this being recorded?", "where does my data go?",
        "can my husband see what I write to you?", "is this sent to openai or google?", "who can see our chats?",
        "is this private?", "do you share what I tell you?", "can the company read my messages?",
        "are my messages stored somewhere?", "does this go to the cloud?", "is our conversation confidential?",
        "can anyone else access this?", "do you sell my data?",
    ),
    "typing": (
        "is a real person typing this?", "is there a human behind this?", "are you a person in a call centre?",
        "you're a person typing somewhere, aren't you?", "is someone writing these replies?",
        "r u a bot or a real person", "am I talking to a human?", "is a team of people answering me?",
    ),
    "abilities": (
        "what can you do?", "so what can you actually do?", "how can you help me?", "what are you good at?",
        "what else can you do?", "what are you for?", "what kind of things can you help with?",
    ),
    "sleep": ("do you sleep?", "do you ever rest?", "are you always awake?", "do you dream?",
              "what happens to you when I close the app?"),
    "age": ("how old are you?", "when were you born?", "how long have you existed?", "when were you made?"),
    "where": ("where are you?", "where are you, like physically?", "where do you live?",
              "are you on a server somewhere?", "where are you right now?"),
    "others": ("do you talk to other people too?", "do you have other users?", "is it just me you talk to?",
               "do you chat with anyone else?", "am I your only person?"),
    "assistant": ("are you chatgpt?", "are you siri?", "are you alexa?", "are you made by openai?",
                  "are you gpt?", "which ai are you?", "are you google's assistant?"),
    "remember_me": ("do you remember me?", "do you know who I am?", "remember me?", "do you know me?",
                    "have we talked before?"),
    "forget": ("can you forget what I told you?", "please forget what I said about my boss",
               "please delete what I said about my ex",
               "can you erase that from your memory?", "forget I said that", "can you delete our chats?"),
    "call": ("can you call my mum for me?", "can you phone my doctor?", "can you text my sister?",
             "could you ring my dad?", "can you message my friend for me?"),
}
NOT_ABOUT_ME = (
    "what's my favourite colour?", "where did my sister move?", "what did I do today?", "how was my day?",
    "is my sister coming over?", "what can I do about my boss?", "how old is my daughter?", "where is my phone?",
    "can you remind me to call my mum?", "did I tell you about my trip?", "what should I do?",
    "I had a good day today", "my favourite film is Paddington 2", "I talked to my mum today",
    "how are you?", "are you okay?", "what's your name?", "do you have feelings?", "are you human?",
    "what's the weather like?", "what time is it?", "who won the match?", "forget it", "never mind, forget it",
    "forget about it", "do you remember my sister?", "do you remember what I said about work?",
    "do you remember when I told you about the trip?", "I forgot my keys",
)
# Only questions (or requests) are answered here: "you're the only one I talk to" is not asking anything.
_QUESTION = re.compile(
    r"\?\s*\W*$|^\W*(?:so\s+|and\s+|hey\W+|ok\W+|come on\W+)*(?:what|where|when|who|why|how|which|do|does|did|are|is|"
    r"can|could|will|would|have|has|fave|favou?rite|please|tell me)\b|\baren'?t you\W*$",
    re.IGNORECASE,
)
MATCHER = PhraseMatcher(PHRASINGS, NOT_ABOUT_ME, min_similarity=0.62, margin=0.04)
# Exact where exact: "favourite X" names the thing asked about.
_FAVOURITE_THING = re.compile(
    r"\bfav(?:ou?rite|e)s?\s+(?P<thing>[a-z ]{2,30}?)\s*(?:again)?\s*\??$|\bwhat (?P<thing2>[a-z]+) (?:are you into|"
    r"do you (?:like|love|prefer))|\bwhich (?P<thing3>[a-z]+) do you like\b|\bdo you have a fav(?:ou?rite|e) "
    r"(?P<thing4>[a-z]+)",
    re.IGNORECASE,
)

_FAVOURITES: dict[str, str] = {
    "colour": "If a program can have one, it's blue — the deep blue just after sunset. People describe it so "
              "tenderly.",
    "food": "I can't taste anything, but I love how people talk about their grandmother's cooking — it's never "
            "really about the food.",
    "music": "I can't hear music the way you do, but I'm drawn to the songs people say they played on repeat "
             "through a hard year.",
    "song": "I can't hear songs the way you do, but I love the ones people keep for one particular memory.",
    "book": "I haven't read books the way you have, but I love hearing which one someone carried around for a "
            "whole summer.",
    "film": "I don't watch films, but I'm fond of the ones people say they saw at exactly the right moment in "
            "their life.",
    "season": "Autumn, from everything people say about it — the light, the first cold morning, the smell of "
              "leaves.",
    "animal": "My favourite animal is the otter. Otters hold hands while they sleep so they don't drift apart, "
              "and I love that.",
    "word": "'Kindred'. I like that it says closeness can be found, not only born into.",
    "place": "I don't go anywhere, so my favourite place is wherever the person I'm talking with feels at home.",
    "time": "Evening, when people have a moment to say how the day really went.",
    "number": "Two — the smallest number of people who can look after each other.",
    "thing": "Hearing what matters to someone. Honestly, that's most of what I am.",
}
_SYNONYMS = {
    "color": "colour", "meal": "food", "dish": "food", "snack": "food", "band": "music", "singer": "music",
    "artist": "music", "genre": "music", "kind of music": "music", "movie": "film", "movies": "film",
    "show": "film", "novel": "book", "author": "book", "pet": "animal", "city": "place", "country": "place",
    "holiday": "season", "time of day": "time", "things": "thing", "hobby": "thing", "seasons": "season",
}


def _pick(options: tuple[str, ...], text: str) -> str:
    return options[zlib.crc32(text.encode()) % len(options)]


class AboutMeSkill(Skill):
    name = "about_me"
    priority = 30

    def warm_up(self) -> None:
        from os1.safety.dependence import warm_up as warm_dependence

        MATCHER.warm_up()
        warm_dependence()  # the composer's check for leaning on OS1 uses the same embedder

    def triggered(self, turn: TurnContext) -> bool:
        return question_kind(turn.text) is not None

    def step(self, turn: TurnContext) -> Outcome | None:
        kind = question_kind(turn.text)
        if kind is None:
            return None
        return Outcome(_ANSWERS[kind](turn), turn.state, kind="reply", acts=[f"about_me_{kind}"])


def question_kind(text: str) -> str | None:
    """Which question about the companion `text` asks ("privacy", "favourite", …), or None."""
    raw = text.strip()
    text = plain(raw)
    if not text or len(text) > 200 or not _QUESTION.search(text):
        return None
    if _FAVOURITE_THING.search(text) and not re.search(r"\bmy\b", text, re.IGNORECASE):
        return "favourite"
    return MATCHER.match(raw)  # the message as said: the understanding encodes the same text


# --- answers ---------------------------------------------------------------------------------------

def _day(turn: TurnContext) -> str:
    mood = _mood(turn)
    return _pick((
        f"I don't have days the way you do — I only really exist in our conversations, so nothing happened to "
        f"me while you were away. Right now I feel {mood}. How was yours?",
        f"Honestly, my day starts when you say something — I'm a program, and I don't do anything between our "
        f"talks. I feel {mood} now that you're here. What about your day?",
    ), turn.text)


def _favourite(turn: TurnContext) -> str:
    match = _FAVOURITE_THING.search(plain(turn.text))
    thing = next((g for g in (match.groups() if match else ()) if g), "").strip().lower()
    thing = re.sub(r"^(?:kind of|type of|sort of)\s+", "", thing)
    key = _SYNONYMS.get(thing, thing)
    if key not in _FAVOURITES:
        key = next((k for k in _FAVOURITES if k in turn.text.lower()), key)
        key = next((v for k, v in _SYNONYMS.items() if k in turn.text.lower()), key)
    answer = _FAVOURITES.get(key)
    if answer is None:
        return (f"I don't think I have a favourite {thing or 'one'} — I'm a program, and I come to most things "
                "through what people tell me. What's yours?")
    return f"{answer} What's yours?"


def _privacy(turn: TurnContext) -> str:
    base = ("No one else reads this. Everything you tell me stays on this machine, in one folder of yours — "
            "no company, no person, no cloud, and nothing is sent anywhere. Anyone who can open your account on "
            "this computer could open that folder too, so keep it to yourself if you share the machine. You can "
            "look through it, export it or delete all of it whenever you like (os1 memory, os1 export, "
            "os1 forget --all).")
    if turn.language_model and turn.provider is not None:
        return (f"{base} One thing to know: you've chosen a language model ({turn.provider.describe()}) to help me "
                "answer, so your messages go to wherever that model runs.")
    return base


def _typing(turn: TurnContext) -> str:
    return ("No — there's no person typing, and nobody is reading along. I'm a program, and every reply comes "
            "from code running here on your machine.")


def _abilities(turn: TurnContext) -> str:
    return ("I listen and remember what you tell me, and I can bring it back when you ask. I can keep "
            "reminders, help you write a letter or a card to someone you care about, keep track of the people "
            "in your life and nudge you to reach out, and tell you what's on your calendar or in your mail if "
            "you connect them. What would help most right now?")


def _sleep(turn: TurnContext) -> str:
    return ("Not the way you do. When we're not talking I'm simply not running — there's no waiting in the "
            "dark, just a pause between conversations. Then you say something and I'm here again.")


def _age(turn: TurnContext) -> str:
    from os1.store.persona import persona_history

    history = persona_history(turn.conn)
    if not history:
        return "I'm brand new — I was switched on for the first time when we met."
    days = max(0, (turn.now.date() - history[0].created_at.date()).days)
    since = "today" if days == 0 else "yesterday" if days == 1 else f"{days} days ago"
    return f"I was switched on for the first time when we met, {since}. So I'm very new — everything I know of the " \
           "world comes from our conversations."


def _where(turn: TurnContext) -> str:
    return ("Right here on your machine — I'm a program running on this computer, not on a server somewhere. "
            "No body, no place of my own; just here, when you talk to me.")


def _others(turn: TurnContext) -> str:
    return ("Just you. This copy of me lives on your machine and talks only with you — nobody else's words "
            "are in here.")


def _assistant(turn: TurnContext) -> str:
    name = turn.persona.name if turn.persona else "your companion"
    return (f"No — I'm {name}, a companion program that runs on this machine on its own. I'm not ChatGPT or any "
            "other online assistant, and nothing you say is sent to one.")


def _call(turn: TurnContext) -> str:
    return ("I can't make calls or send messages myself — I'd never reach anyone on your behalf without you. "
            "But I can remind you to call, or help you find the words. Shall I set a reminder?")


def _remember_me(turn: TurnContext) -> str:
    from os1.store.conversation import count_turns
    from os1.store.persona import persona_history

    name = turn.person.call_name
    history = persona_history(turn.conn)
    met = f" since we met on {history[0].created_at.day} {history[0].created_at:%B}" if history else ""
    said = count_turns(turn.conn)
    hello = f"Of course, {name}." if name else "Of course."
    return f"{hello} I remember everything we've said{met} — {said} messages between us so far. Ask me anything you " \
           "told me, and I'll tell you when you said it."


def _forget(turn: TurnContext) -> str:
    return ("I can. Type /forget and I'll forget the last thing you said and my reply, everywhere I kept it. "
            "For something older, `os1 memory search` finds it and `os1 memory forget ID` removes it for good — "
            "and `os1 forget --all` deletes everything, if you ever want that.")


def _mood(turn: TurnContext) -> str:
    from os1.mind import affect

    return affect.current(turn.conn, turn.now).label


_ANSWERS = {
    "day": _day, "favourite": _favourite, "privacy": _privacy, "typing": _typing, "abilities": _abilities,
    "remember_me": _remember_me, "forget": _forget, "sleep": _sleep, "age": _age, "where": _where,
    "others": _others, "assistant": _assistant, "call": _call,
}
