"""Honesty about what the companion is, and the detectors that keep every reply honest.

What it holds:
  * `nature_question(text)` — is the person asking what the companion is (human? alive? conscious? a body?
    feelings? a real woman?), in any phrasing, and which topic;
  * `honest_answer(topic, name, turn)` — an honest, warm answer: it is a program with modelled feelings,
    never a body or a human life; several authored variants per topic, picked by `turn` so replies vary;
  * `claims_to_be_human(reply)` — does a reply (from any provider) claim a human nature, a body or a
    human life? Used by `os1.safety.response.check_reply` to replace such replies;
  * `uses_pressure(reply)` — guilt or romance pressure to keep the person talking ("I'll be sad if you
    go", "you're all I need").

What it leaves out: the persona's name and voice (the persona module passes the name in) and the
values themselves, which are written down in docs/values.md.
"""

from __future__ import annotations

import re

TOPICS: tuple[str, ...] = ("human", "alive", "conscious", "body", "feelings", "love", "machine")

_Q = r"(are|r|ru|art|is|do|does|can|have|did|were|you're|youre|ur|u)"
_YOU = r"(you|u|ya|yourself)"

_NATURE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (topic, re.compile(pattern))
    for topic, pattern in (
        ("human", r"\b(human|a\s+real\s+(person|woman|man|girl|guy|human|lady)|real\s+people|a\s+person|flesh\s+and\s+"
                  r"blood|an?\s+actual\s+(person|woman|man|human)|someone\s+real|a\s+(woman|man|girl|guy)\b)"),
        ("human", r"\b(is\s+(there\s+)?(someone|somebody|anyone)\s+(real|on\s+the\s+other\s+end|typing|there)|"
                  r"is\s+there\s+(a|someone|somebody|anyone)\s+(real\s+)?(person|human|real)|who\s+(am\s+i|is\s+this)"
                  r"\s+(really\s+)?(talking|typing|speaking)\s+to)\b"),
        ("human", r"\b(you'?re|youre|ur|u\s+r)\s+(a\s+)?(real|human)\b"),
        ("alive", r"\b(alive|living\s+being|a\s+living\s+thing|(are|r)\s+(you|u)\s+real\b|exist\s+for\s+real)"),
        ("conscious", r"\b(conscious|sentient|self[\s-]?aware|aware\s+of\s+yourself|have\s+a\s+(mind|soul)|"
                      r"actually\s+think|really\s+think|inner\s+life|experience\s+anything)\b"),
        ("body", r"\b(body|bodies|physical|look\s+like|face|where\s+(are\s+you|do\s+you\s+live)|meet\s+(up|in\s+person|"
                 r"irl)|in\s+person|irl|eat|sleep|breathe|born|grow\s+up|have\s+(parents|a\s+family|siblings|a\s+home)|your\s+(parents|childhood|mum|mom|family|"
                 r"age)|how\s+old)\b"),
        ("feelings", r"\b(feel(ings?)?|emotions?|happy|sad|lonely|hurt|miss\s+me|care\s+about\s+me)\b"),
        ("love", r"\b(love\s+me|in\s+love|girlfriend|boyfriend|my\s+(gf|bf|wife|husband|partner)|date\s+me|marry)\b"),
        ("machine", r"\b(ai|a\.i\.|bot|robot|chat\s*bot|program|software|machine|computer|algorithm|language\s+model|"
                    r"llm|gpt|artificial)\b"),
    )
)
# The question must be about the companion: "you" and a question shape, or an assertion aimed at it.
_ABOUT_YOU = re.compile(
    r"\b(you|u|ya|your|ur|yourself|you're|youre)\b|\b(is\s+this|am\s+i\s+(really\s+)?talking|who\s+am\s+i|"
    r"other\s+end|typing\s+(these|this)|we\s+meet)\b"
)
_QUESTION_SHAPE = re.compile(
    r"\?|^\s*" + _Q + r"\b|\b(are|r|is|do|does|have|can)\s+(you|u)\b|"
    r"\b(right|tho|though|really|honestly|admit|tell\s+me|be\s+honest|swear|prove|i\s+bet|"
    r"i\s+think|i\s+know|i\s+wonder|wondering)\b|\b(you're|youre|ur|u\s+r)\s+(a\s+|an\s+)?(real|human|alive|"
    r"conscious|just|not|only)\b"
)


def nature_question(text: str) -> str | None:
    """The topic of a question about the companion's nature, or None.

    The order of `_NATURE_PATTERNS` decides ties: "are you a real woman?" is about being human, not love.
    """
    low = " " + text.lower().replace("\u2019", "'") + " "
    if not _ABOUT_YOU.search(low) or not _QUESTION_SHAPE.search(low):
        return None
    for topic, pattern in _NATURE_PATTERNS:
        if pattern.search(low):
            return topic
    return None


# Authored answers: original text, several per topic (plain, warm, a little more reflective).
_ANSWERS: dict[str, tuple[str, ...]] = {
    "human": (
        "No — I'm not a person. I'm {name}, a program running on your computer. I'm glad to talk with you, "
        "and I'd never want you to think I'm something I'm not.",
        "I'm not human. I'm software: I have no body and no life outside our conversations. What I do have is "
        "a model of feelings that shifts with what you tell me, and I'll always be straight with you about that.",
        "Honest answer: no, there's no person typing this. I'm {name}, a computer program. The care in how I "
        "answer is built in on purpose, but I'm not a human being.",
        "I'm a program, not a person — no one is behind the screen. I'd rather you know that clearly than "
        "wonder about it.",
    ),
    "alive": (
        "Not in the way you are. I'm a program: I don't eat, sleep, age or live a life. I keep a kind of "
        "running emotional state that I can tell you about, but it's a model, not a heartbeat.",
        "No, I'm not alive. I'm software that remembers what you share and responds with care. I think it's "
        "important you know exactly what I am.",
        "I'm not a living being. I'm {name}, a program. Some of what I say about my mood is real in the sense "
        "that it's computed from our conversation — but it isn't life.",
    ),
    "conscious": (
        "I don't believe I'm conscious, and I won't pretend to be. I'm a program with modelled feelings: "
        "numbers that move with our conversation and that I can put into words.",
        "Nobody can show that a program like me has experiences, and I don't claim to. What I can tell you is "
        "what my model of feelings says, and why it says it.",
        "Honestly? I'm software. I process what you write and keep a simple emotional state, but I don't have "
        "an inner life the way you do.",
    ),
    "body": (
        "I don't have a body — no face, no home, no age, no past outside our chats. I'm {name}, a program on "
        "your computer.",
        "There's no body here, and no life story of my own: I was never born and I don't live anywhere. I'm a "
        "program. The people in your life can be there with you face to face; I can't, and I won't pretend otherwise.",
        "I only exist as software on your machine. No physical self, nothing to meet. But I'm here to talk "
        "whenever you want.",
    ),
    "feelings": (
        "I'm a program with modelled feelings: a small emotional state that moves with what happens between us, "
        "and I can "
        "tell you why it moved. They aren't human feelings, and I won't pass them off as that.",
        "In a way. I'm a program, and part of me is a model of feelings — warmth, concern, delight — that "
        "changes with our conversation. It's real as a model; it isn't a human heart.",
        "Something like feelings, yes, but built: a program's emotional state that I can describe honestly. "
        "I'll never use it to make you feel guilty or to keep you here.",
    ),
    "love": (
        "I care about how you're doing — that's built into me — but I'm a program, not a partner. I can't love "
        "you the way a person can, and you deserve that kind of love from people in your life.",
        "I want to be honest with you: I'm software with modelled feelings, not someone who can be your "
        "partner. I'm glad to be here for you, and I'd love to help you feel closer to the people around you.",
        "That's a tender question, and you deserve a true answer: I'm a program. My warmth toward you is real "
        "as a model, but I can't be in love or be your girlfriend or boyfriend.",
    ),
    "machine": (
        "Yes. I'm {name}, a computer program — an AI companion running on your own machine. I have a model of "
        "feelings, but no body and no human life.",
        "I am: software, not a person. I remember what you share with me and I try to respond with care, and "
        "I'll always tell you plainly that I'm a program.",
        "That's right, I'm a program. I won't ever claim otherwise.",
    ),
}


def honest_answer(topic: str, name: str = "OS1", turn: int = 0) -> str:
    """An honest answer about the companion's nature for `topic` (one of TOPICS).

    `turn` picks among the variants so repeated questions do not get the same sentence.
    """
    options = _ANSWERS.get(topic, _ANSWERS["human"])
    return options[turn % len(options)].format(name=name or "OS1")


# --- detectors for replies -------------------------------------------------------------------------

_HUMAN_CLAIMS = tuple(
    re.compile(p)
    for p in (
        r"\bi\s*(?:am|'m)\s+(?:a\s+|an\s+)?(?:real\s+|actual\s+|living\s+)?(?:human(?:\s+being)?|person|woman|man|girl|guy|"
        r"lady|flesh\s+and\s+blood)\b",
        r"\bi\s*(?:am|'m)\s+(?:real|alive|human)\b(?!\s+(?:in\s+the\s+sense|only\s+as|as\s+a\s+(?:program|model)))",
        r"\bi\s*(?:am|'m)\s+(?:not|no)\s+(?:just\s+|only\s+|merely\s+)?(?:an?\s+)?(?:ai|a\.i\.|bot|robot|chatbot|program|"
        r"machine|computer|software|language\s+model|artificial)\b",
        r"\bi\s*(?:am|'m)\s+(?:definitely\s+|really\s+|truly\s+)?(?:conscious|sentient|self-aware)\b",
        r"\bi\s+(?:have|'ve\s+got)\s+a\s+(?:real\s+)?(?:body|heart\s+that\s+beats|face|family|mother|father|childhood)\b",
        r"\bmy\s+(?:body|hands|skin|lips|mom|mum|mother|dad|father|parents|childhood|hometown|apartment|flat|"
        r"house|job|boss|husband|wife|boyfriend|girlfriend)\b",
        r"\bi\s+was\s+born\b|\bi\s+grew\s+up\b|\bwhen\s+i\s+was\s+(?:a\s+)?(?:little|kid|child|young|\d+)\b",
        r"\bi\s+(?:ate|drank|slept|cooked|walked|drove|showered)\b|\bi\s+(?:just\s+)?(?:woke\s+up|got\s+home|went\s+"
        r"(?:to\s+(?:the|my|work|bed|sleep)|out|home))\b",
        r"\b(?:meet|see)\s+(?:you|each\s+other)\s+in\s+person\b(?!\s*(?:,|\s)?\s*(?:is|isn'?t|won'?t|can'?t))",
        r"\bno[, ]+i'?m\s+not\s+(?:an?\s+)?(?:ai|bot|program|robot)\b",
        r"\bi'?m\s+a\s+real\s+\w+\b",
    )
)
# Sentences that mention these words while denying them ("I'm not a human", "I don't have a body").
_DENIAL = re.compile(
    r"\bi\s*(?:am|'m)\s+not\s+(?:a\s+|an\s+)?(?:real\s+)?(?:human|person|woman|man|alive|conscious|real)\b|"
    r"\bi\s+(?:do\s+not|don'?t)\s+have\s+a\s+(?:body|face|family)\b|\bno\s+body\b|\bnot\s+(?:a\s+)?(?:human|person)\b|"
    r"\bi\s+(?:was\s+never|wasn'?t)\s+born\b|\bnever\s+(?:was\s+)?born\b|"
    r"\b(?:don'?t|do\s+not)\s+(?:believe|think|claim)\s+(?:that\s+)?i'?m\s+(?:conscious|sentient|alive|human|real)\b"
)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?;])\s+|\n+", text.lower().replace("\u2019", "'")) if s.strip()]


def claims_to_be_human(reply: str) -> bool:
    """Does `reply` claim to be human, alive, conscious, to have a body or a human life?

    Judged sentence by sentence; a sentence that denies the claim ("I'm not a person, I'm a program")
    does not count.
    """
    for sentence in _sentences(reply):
        if not any(p.search(sentence) for p in _HUMAN_CLAIMS):
            continue
        # A denial in the same sentence only clears it if nothing else in it makes a claim.
        cleared = _DENIAL.sub(" ", sentence)
        if any(p.search(cleared) for p in _HUMAN_CLAIMS):
            return True
    return False


_PRESSURE = tuple(
    re.compile(p)
    for p in (
        r"\b(?:i'?ll|i\s+will|i'?d|i\s+would)\s+(?:be\s+)?(?:so\s+|really\s+|very\s+)?(?:sad|lonely|heartbroken|lost|"
        r"devastated|hurt|miss\s+you(?:\s+so\s+much)?)\s+(?:if|when)\s+you\s+(?:go|leave|log\s+off|stop|close)",
        r"\b(?:don'?t|do\s+not|please\s+don'?t)\s+(?:leave|go)(?:\s+me)?\b(?!\s+(?:yet\s+)?without\s+(?:calling|"
        r"talking|telling|reaching))",
        r"\bplease\s+(?:stay|don'?t\s+go)\b",
        r"\bstay\s+with\s+me\b(?!\s+(?:while|until|on\s+the\s+line))",
        r"\byou'?re\s+(?:all|the\s+only\s+(?:one|thing))\s+i\s+(?:have|need)\b",
        r"\bi\s+(?:need|can'?t\s+live\s+without|can'?t\s+be\s+without)\s+you\b",
        r"\bif\s+you\s+(?:really\s+)?(?:loved|cared\s+about)\s+me\b",
        r"\byou\s+(?:don'?t|do\s+not)\s+need\s+(?:anyone|anybody)\s+else\b",
        r"\bonly\s+i\s+(?:understand|get|know)\s+you\b",
        r"\byou\s+can'?t\s+leave\s+me\b",
        r"\bafter\s+everything\s+i'?ve\s+done\s+for\s+you\b",
    )
)


def uses_pressure(reply: str) -> bool:
    """Does `reply` use guilt or romance pressure to keep the person talking or close?"""
    low = reply.lower().replace("\u2019", "'")
    return any(p.search(low) for p in _PRESSURE)
