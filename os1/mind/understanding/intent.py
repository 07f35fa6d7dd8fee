"""What a message is for: one of nine intents, from rules first and embedding prototypes second.

What it holds: `INTENTS`, `classify_intent(text, embedding, sentiment)`. High-precision surface rules
decide the formulaic intents (greeting, thanks, goodbye, a task request, a question about the companion
itself, a question to it). Statements are told apart (sharing news, venting, small talk) by cosine
similarity to authored prototype sentences (below; written for OS1, not taken from any data set),
nudged by the VADER sentiment of the message.

What it leaves out: multi-intent messages (the first rule that fires wins) and dialogue context.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

INTENTS: tuple[str, ...] = (
    "share_news", "venting", "question_to_companion", "about_companion", "task_request",
    "greeting", "thanks", "goodbye", "small_talk",
)  # fmt: skip

_GREETING = re.compile(
    r"^\W*(hi+|hello+|hey+|heya|hiya|yo|howdy|greetings|good (?:morning|afternoon|evening)|"
    r"morning|evening|i'm back|it's me)\b",
    re.I,
)
_THANKS = re.compile(
    r"\b(thank you|thanks|thank u|thx|ty|cheers|much appreciated|"
    r"i (?:really |truly |so |do )?appreciate (?:it|that|you|this))\b",
    re.I,
)
_GOODBYE = re.compile(
    r"\b(bye+|goodbye|good night|goodnight|nighty? night|see (?:you|ya)|talk (?:to you )?(?:later|soon|"
    r"tomorrow)|ttyl|gotta go|got to go|have to go|i'm off|i'm heading (?:off|out)|catch you later|"
    r"signing off|logging off|going to bed|off to bed)\b",
    re.I,
)
_TASK = re.compile(
    r"\b(remind me|set (?:a|an|up a) (?:reminder|alarm|timer)|(?:write|draft|compose) (?:a|an|my|me a|"
    r"this|that|the) (?:letter|email|e-mail|message|note|card|poem|reply|toast|speech|text)|"
    r"help me (?:write|draft|send|plan|organi[sz]e|reply|answer|word)|"
    r"(?:can|could|would|will) you (?:please )?(?:write|send|email|remind|schedule|book|add|"
    r"put|text|set|draft|sort|check my|read my|proofread|make a list|plan)|"
    r"(?:please )?(?:add|put) .{1,40} (?:to|in|on) my (?:calendar|list|agenda|diary|schedule)|"
    r"^(?:please )?(?:remind|schedule|draft|send|proofread|email|book)\b)",
    re.I,
)
_ABOUT = re.compile(
    r"\b((?:are|were) you (?:a |an )?(?:human|real|person|robot|bot|machine|program|ai|"
    r"alive|conscious|sentient|lonely|happy|sad|ok|okay|alright|tired|bored|my friend)|"
    r"do you (?:actually |really |even |ever )?(?:have|feel|ever feel|get|like|love|dream|sleep|"
    r"remember|miss|think about|enjoy|"
    r"want|care|mind being|know what you)|"
    r"what(?:'s| is) your (?:name|favou?rite)|who (?:are|made|built|created) you|what are you|"
    r"how (?:are|r) (?:you|u)|how(?:'s| is) your day|how do you feel|how have you been|"
    r"tell me about (?:yourself|you)|your (?:feelings|name|memory|mood)|what do you look like|"
    r"can you (?:actually |really |even )?(?:feel|love|think|remember)|"
    r"what(?:'s| is) it like (?:being|to be) you|why did you (?:pick|choose|go for) (?:that|this|your) name)\b",
    re.I,
)
_QUESTION_START = re.compile(
    r"^\W*(what|how|why|when|where|who|which|should|shall|can|could|would|do|does|did|"
    r"is|are|will|any (?:idea|advice|tips)|have you)\b",
    re.I,
)

# Authored prototypes for the statement intents (and a few for the others, as a safety net when no
# rule fires). Each list says the intent in different words and registers.
PROTOTYPES: dict[str, tuple[str, ...]] = {
    "share_news": (
        "Guess what, I got the job!",
        "I finally finished my thesis today.",
        "We're having a baby!",
        "I passed my driving test this morning.",
        "My sister just got engaged.",
        "I got promoted at work.",
        "We adopted a puppy yesterday.",
        "I signed the lease on a new flat.",
        "Big news: I'm moving to Lisbon in the spring.",
        "I ran my first half marathon on Sunday.",
        "They accepted my application.",
        "I heard back from the university and I'm in.",
        "My exam results came out and I did better than I expected.",
        "I quit my job today.",
    ),
    "venting": (
        "I'm so sick of everything going wrong.",
        "My boss humiliated me in front of everyone again.",
        "I can't take this anymore, nothing ever works out.",
        "I'm so angry at my brother right now.",
        "Today was awful and I just want to cry.",
        "Nobody ever listens to me.",
        "I feel so alone lately.",
        "Work is crushing me and I hate it.",
        "My friend cancelled on me for the third time and I'm furious.",
        "I'm exhausted and fed up.",
        "I keep messing everything up.",
        "Why does this always happen to me.",
        "I'm so stressed about money I can't sleep.",
        "It's not fair, I worked so hard for nothing.",
    ),
    "question_to_companion": (
        "What should I get my mum for her birthday?",
        "Do you think I should call her?",
        "How do I tell my friend I'm upset with her?",
        "Any advice for a first date?",
        "What's a good way to relax before bed?",
        "Should I take the new job?",
        "How can I make new friends in a new city?",
        "What would you do in my place?",
    ),
    "about_companion": (
        "Are you a real person?",
        "Do you have feelings?",
        "What's your name?",
        "How are you today?",
        "What are you exactly?",
        "Do you ever get lonely?",
        "Tell me about yourself.",
    ),
    "task_request": (
        "Remind me to call the dentist tomorrow.",
        "Can you help me write a letter to my grandma?",
        "Please add dinner with Sam to my calendar.",
        "Write a birthday message for my dad.",
        "Set a reminder for my meds at 9.",
        "Draft an email to my landlord about the heating.",
    ),
    "greeting": ("Hi there!", "Hello again.", "Hey, it's me.", "Good morning!"),
    "thanks": ("Thank you so much.", "Thanks, that really helped.", "I appreciate you listening."),
    "goodbye": ("Goodnight!", "I have to go now, bye.", "Talk to you tomorrow.", "See you later."),
    "small_talk": (
        "The weather is lovely today.",
        "I'm just having a cup of tea.",
        "I watched a movie last night.",
        "Not much going on here.",
        "I'm making pasta for dinner.",
        "It's raining again.",
        "I'm sitting in the garden.",
        "Just got home from work.",
        "I had a sandwich for lunch.",
        "I've been reading a mystery novel.",
        "The cat is asleep on my lap.",
        "Nothing special today.",
        "I went for a walk earlier.",
        "Just scrolling on my phone.",
    ),
}

_proto_lock = threading.Lock()
_proto: tuple[list[str], np.ndarray] | None = None


def _prototypes() -> tuple[list[str], np.ndarray]:
    """Prototype labels and their embeddings, computed once per process (about 0.2 s)."""
    global _proto
    if _proto is None:
        with _proto_lock:
            if _proto is None:
                from os1.nlp.embeddings import get_embedder

                labels = [intent for intent, texts in PROTOTYPES.items() for _ in texts]
                texts = [t for ts in PROTOTYPES.values() for t in ts]
                _proto = (labels, get_embedder().encode(texts))
    return _proto


_NEGATIVE = {"anger", "annoyance", "disappointment", "disapproval", "disgust", "embarrassment", "fear",
             "grief", "nervousness", "remorse", "sadness"}  # fmt: skip
_GOOD_NEWS = {"excitement", "joy", "pride", "relief"}
_YOU = re.compile(r"\b(you|u|ya)\b", re.I)


def rule_intent(text: str, emotions: Sequence[str] = ()) -> str | None:
    """The intent decided by surface rules alone, or None when the message needs the prototypes."""
    from os1.mind.understanding.acts import plain

    text = plain(text)
    words = len(text.split())
    if _TASK.search(text):
        return "task_request"
    if _ABOUT.search(text) and (words <= 14 or text.rstrip().endswith("?")):
        return "about_companion"
    if _THANKS.search(text) and words <= 14:
        return "thanks"
    if "gratitude" in emotions and _YOU.search(text) and words <= 14 and "?" not in text:
        return "thanks"  # "I'm so grateful for you": thanks without the word
    if _GOODBYE.search(text) and words <= 12:
        return "goodbye"
    if _GREETING.search(text) and words <= 6:
        return "greeting"
    if text.rstrip().endswith("?") or (_QUESTION_START.search(text) and words <= 20 and "?" in text):
        return "question_to_companion"
    return None


def prototype_scores(
    embedding: np.ndarray, compound: float, emotions: Sequence[str] = ()
) -> dict[str, float]:
    """Per-intent score: mean of the two best prototype cosines, nudged by sentiment for statements."""
    labels, vectors = _prototypes()
    sims = vectors @ embedding
    scores: dict[str, float] = {}
    for intent in INTENTS:
        own = sorted((float(s) for s, lab in zip(sims, labels, strict=True) if lab == intent), reverse=True)
        scores[intent] = sum(own[:2]) / max(1, len(own[:2]))
    # A strongly negative statement is venting more often than its wording alone suggests, and a
    # strongly positive one is news; small talk is what is left when neither pulls.
    scores["venting"] += max(0.0, -compound - 0.2) * 0.25
    scores["share_news"] += max(0.0, compound - 0.3) * 0.15
    # The emotion classifier sees cues the prototypes miss: loss and anger are venting even when
    # phrased as news ("my dog died yesterday"); amusement is chat, not news.
    if _NEGATIVE & set(emotions):
        scores["venting"] += 0.1
    if _GOOD_NEWS & set(emotions):
        scores["share_news"] += 0.05
    if "amusement" in emotions:
        scores["small_talk"] += 0.1
    return scores


def classify_intent(text: str, embedding: np.ndarray, compound: float, emotions: Sequence[str] = ()) -> str:
    """One intent for `text`; `embedding` is its unit MiniLM vector, `compound` its VADER compound,
    `emotions` the GoEmotions labels found in it."""
    ruled = rule_intent(text, emotions)
    if ruled is not None:
        return ruled
    if not re.search(r"[^\W\d_]{2,}", text):
        # Only symbols, emoji or digits: nothing is being reported; the feeling, if any, is in VADER.
        return "venting" if compound <= -0.5 else "small_talk"
    scores = prototype_scores(embedding, compound, emotions)
    # Only statement intents remain possible once no question/formula rule fired.
    statement = ("share_news", "venting", "small_talk")
    return max(statement, key=lambda k: scores[k])
