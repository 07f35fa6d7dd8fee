"""Dialogue acts that steer the conversation itself: leaving a task ("never mind"), asking OS1 only to
listen ("just listen, don't try to fix it"), and asking for its view again ("what do you think?").

One copy of each pattern, used by the dialogue policy and the companion. What this module leaves out:
social intents (os1.mind.understanding.intent) and what the policy does with these acts.
"""

from __future__ import annotations

import re

_CANCEL = re.compile(
    r"^\W*(?:oh\W+|actually\W+|no\W+|ok(?:ay)?\W+)?(?:never ?mind|forget (?:it|that|about it)|not now|"
    r"cancel(?: that| it)?|stop(?: that| it| this)?|let'?s (?:stop|leave it|not)|leave it|scrap (?:it|that)|"
    r"i(?:'ve| have)? changed my mind|don'?t bother)\b[^?]*$",
    re.IGNORECASE,
)
_LISTEN_ONLY = re.compile(
    r"\b(?:(?:can|could) you )?just (?:listen|hear me out|let me (?:talk|vent|rant))\b|"
    r"\bdon'?t (?:try to |need to |have to )?(?:fix|solve) (?:it|this|anything|me)\b|"
    r"\b(?:no|without) (?:advice|solutions|questions)\b|\bdon'?t (?:give|offer) me (?:any )?(?:advice|solutions)\b|"
    r"\bdon'?t (?:ask|question) me\b|\bdon'?t try to (?:fix|solve|help)\b|"
    r"\bi (?:don'?t|do not) (?:want|need) (?:advice|solutions|you to fix|questions)\b|"
    r"\bstop asking(?: me)? questions\b|\bi just need to (?:vent|rant|get this out)\b",
    re.IGNORECASE,
)
_ASKS_INPUT = re.compile(
    r"\bwhat (?:do|would) you (?:think|suggest|do)\b|\bany (?:advice|ideas|thoughts|tips)\b|"
    r"\bwhat should i do\b|\bwhat do i do\b|\bhelp me (?:figure|think|work)\b|\byour (?:advice|opinion|take)\b|"
    r"\byou can ask (?:me )?(?:questions|again)\b|\bok(?:ay)? you can ask\b",
    re.IGNORECASE,
)


def is_cancel(text: str) -> bool:
    """Leaving what is under way: "never mind", "forget it", "not now" (a short line, not a question)."""
    return len(text) < 80 and bool(_CANCEL.match(text))


def wants_only_listening(text: str) -> bool:
    """"Just listen, don't try to fix it": no questions and no advice for the rest of that topic."""
    return bool(_LISTEN_ONLY.search(text))


def asks_for_input(text: str) -> bool:
    """"What do you think?", "any advice?": the person wants OS1's view (and its questions) again."""
    return bool(_ASKS_INPUT.search(text))


# Praise words said flat or doubled over a misfortune: "great. just great. my car broke down again".
_SARCASM = re.compile(
    r"\b(great|perfect|brilliant|fantastic|wonderful|lovely|awesome|marvellous|fabulous)\W+(?:just\s+)?\1\b|"
    r"^\W*(?:oh\W+)?(?:great|perfect|brilliant|fantastic|wonderful|lovely|awesome|just what i needed)\W+"
    r"(?:just\s+)?(?:what i needed\W+)?(?=.*\b(?:again|broke|broken|lost|late|cancel+ed|failed|rain(?:ing)?|"
    r"sick|flat|stuck|missed|crashed|dead|fired|dumped|another)\b)|"
    r"\bjust what i (?:needed|wanted)\b(?=.*\b(?:not|again)\b)?",
    re.IGNORECASE,
)
_SHORTHAND = (
    (r"\br u\b", "are you"), (r"\bu r\b", "you are"), (r"\bur\b", "your"), (r"\bu\b", "you"),
    (r"\bwhats\b", "what's"), (r"\bwat\b", "what"),
    (r"\bwen\b", "when"), (r"\bwheres\b", "where's"), (r"\bwhos\b", "who's"), (r"\bim\b", "I'm"),
    (r"\bdont\b", "don't"), (r"\bcant\b", "can't"), (r"\bdidnt\b", "didn't"), (r"\bwont\b", "won't"),
    (r"\bisnt\b", "isn't"), (r"\bive\b", "I've"), (r"\bid\b(?= (?:like|love|rather))", "I'd"),
    (r"\bpls\b|\bplz\b", "please"), (r"\bthx\b", "thanks"), (r"\bppl\b", "people"),
)


def sounds_sarcastic(text: str) -> bool:
    """Praise said over a misfortune ("perfect, the train's cancelled again"): frustration, not joy."""
    return bool(_SARCASM.search(text))


def plain(text: str) -> str:
    """Chat shorthand spelled out for the rules that read questions ("r u a bot" -> "are you a bot")."""
    for pattern, full in _SHORTHAND:
        text = re.sub(pattern, full, text, flags=re.IGNORECASE)
    return text


# Big good news, named: a job, a baby, a wedding, an exam passed, time sober. Said with a date or not, with
# an exclamation mark or not, it deserves congratulations (unless it is a question, negated or sarcastic).
_GOOD_NEWS = re.compile(
    r"\b(?:got|landed|been offered|accepted) (?:the|a|my|an) (?:new )?(?:job|place|offer|promotion|role|scholarship|"
    r"apprenticeship|internship|contract|flat|house)\b|\bgot (?:promoted|engaged|married|in(?:to)?\b)|"
    r"\b(?:we'?re|i'?m|we are|i am) (?:having a baby|pregnant|engaged|getting married)\b|"
    r"\bpassed (?:my|the|our) (?:\w+ )?(?:exam|test|driving test|theory|bar|boards|finals|viva|defen[cs]e)|"
    r"\b(?:finished|submitted|defended) (?:my|the) (?:thesis|dissertation|phd|degree|first marathon)\b|"
    r"\bgraduat(?:ed|ing)\b|\b(?:\d+|one|two|three|six|nine|ten|twelve|a) (?:days?|weeks?|months?|years?) "
    r"(?:sober|clean|smoke[- ]free)\b|\b(?:sober|clean) for (?:\d+|a|one|two|six) \w+|"
    r"\bbought (?:a|our|my) (?:first )?(?:house|flat|home)\b|\bwon (?:the|a|first)\b|\bit'?s a (?:boy|girl)\b|"
    r"\bsecond (?:round|interview)\b|\bthey (?:want|asked) me back\b|\bgot through to\b",
    re.IGNORECASE,
)


def tells_good_news(text: str) -> bool:
    """Does `text` announce big good news of the person's own ("I got the job", "6 months sober today")?"""
    if text.rstrip().endswith("?") or sounds_sarcastic(text):
        return False
    if re.search(r"\b(?:didn'?t|did not|haven'?t|not|never|if|hope|wish|might|maybe)\b", text, re.IGNORECASE):
        return False
    return bool(_GOOD_NEWS.search(text))


_CRAVING = re.compile(
    r"\b(?:could|would|'d) (?:murder|kill for|die for)\s+(?:a|an|some|the)?\s*(?P<thing>[a-z][a-z ]{1,24}?)"
    r"(?=\s+(?:right now|rn|now|tonight|today)\b|[.,!?]|$)|\bdying for (?:a|an|some)\s+(?P<thing2>[a-z]+)",
    re.IGNORECASE,
)
_TIRED = re.compile(
    r"\bdead (?:on my feet|tired|beat)\b|\bknackered\b|\bshattered\b|\bexhausted\b|\bworn out\b|\bdrained\b|"
    r"\bso (?:tired|done with (?:today|this day))\b|\bi'?m so done\b",
    re.IGNORECASE,
)
_LAUGHING = re.compile(
    r"\b(?:dying|died|dead) (?:of |from |with )?laugh(?:ing|ter)\b|\bi'?m dead\b.*\b(?:lol|lmao|haha)\b", re.IGNORECASE
)


def figure_of_speech(text: str) -> str | None:
    """What a figure of speech means here: "craving:pizza", "tired" (also plain tiredness: "exhausted from the
    night shift"), "laughing", "exasperated", or None (os1.safety.risk decides what counts as an idiom)."""
    from os1.safety.risk import figure_of_speech as is_figure

    craving = _CRAVING.search(text)
    if craving:
        return f"craving:{(craving.group('thing') or craving.group('thing2') or '').strip()}"
    if _TIRED.search(text):
        return "tired"
    if _LAUGHING.search(text):
        return "laughing"
    return "exasperated" if is_figure(text) else None


_RELIEF = re.compile(
    r"\b(?:benign|all clear|nothing (?:serious|to worry about)|false alarm|phew|good news|clear scan|"
    r"(?:he|she|they|everyone|everything|(?-i:[A-Z][a-z]+))(?:'s| is| are|'ll be| will be) "
    r"(?:absolutely |totally |completely |all )?(?:fine|okay|ok|alright|all right|going to be (?:fine|okay|ok))|"
    r"went (?:really |so |very )?well|"
    r"just a (?:\w+ )?(?:bug|cold|sprain|cyst|lump|virus))\b",
    re.IGNORECASE,
)


def tells_relief(text: str) -> bool:
    """Good news after a worry ("it's benign, he's fine", "just a tummy bug", "it went really well")."""
    if text.rstrip().endswith("?") or re.search(r"\b(?:not|isn'?t|wasn'?t|aren'?t|hope|if)\b", text, re.IGNORECASE):
        return False
    return bool(_RELIEF.search(text))


_BIRTHDAY = re.compile(
    r"\b(?:it'?s|today is|today'?s) (?:my|our) (?:\d+\w* )?(?:birthday|bday|anniversary)\b", re.IGNORECASE
)


def own_celebration(text: str) -> str | None:
    """"birthday" or "anniversary" when the person says today is theirs."""
    match = _BIRTHDAY.search(text)
    if match is None:
        return None
    return "anniversary" if "anniversary" in match.group(0).lower() else "birthday"


_PET_ON_KEYS = re.compile(
    r"\b(?:cat|kitten|dog|puppy|kid|baby|toddler|son|daughter)\b.{0,40}\b(?:keyboard|keys|laptop|phone)\b",
    re.IGNORECASE,
)


def explains_a_slip(text: str) -> bool:
    """"Sorry, the cat walked across the keyboard": the last message was an accident, not a message."""
    return bool(_PET_ON_KEYS.search(text))
