"""Writing a letter together, as a skill: started by a request to write to someone, carried through the
drafting questions by os1.letters.conversation (which keeps its own steps), left with "never mind".

The trigger is learned from phrasings (sentence embeddings: "could you help me put a note together for
my uncle", "I'd like to send my old teacher a thank-you", "let's make a card for my niece's graduation"),
kept apart from near misses ("I wrote a letter once", "my uncle sent me a card"). The recipient is the
person the message names; the occasion a word for one. What this module leaves out: the drafting itself
(os1.letters).
"""

from __future__ import annotations

import re
from dataclasses import replace

from os1.nlp.phrases import PhraseMatcher
from os1.skills.base import Outcome, Skill, TurnContext


class LetterSkill(Skill):
    name = "letter"
    priority = 60

    def triggered(self, turn: TurnContext) -> bool:
        from os1.letters import conversation

        return conversation.is_request(turn.text) or _asks_for_letter(turn) is not None

    def warm_up(self) -> None:
        MATCHER.warm_up()

    def step(self, turn: TurnContext) -> Outcome | None:
        from os1.letters import conversation

        if conversation.active(turn.conn):
            text = conversation.step(turn.conn, turn.text, turn.person.name, turn.provider)
        else:
            started = conversation.start(turn.conn, turn.text, turn.now)
            if started is None:
                asked = _asks_for_letter(turn)
                if asked is None:
                    return None
                started = conversation.start_for(turn.conn, asked[0], asked[1], request=turn.text)
            text = started
        still = conversation.active(turn.conn)
        state = turn.state.asking("letter_answer", text) if still else turn.state.answered()
        return Outcome(text, replace(state, skill=self.name if still else None), acts=["letter"])

    def active(self, turn: TurnContext) -> bool:
        from os1.letters import conversation

        return conversation.active(turn.conn)

    def cancel(self, turn: TurnContext) -> None:
        from os1.letters import conversation

        conversation.stop(turn.conn)


PHRASINGS = (
    "could you help me put a note together for my uncle", "I'd like to send my old teacher a thank-you",
    "let's make a card for my niece's graduation", "help me write to my mum", "can we write a letter to my brother",
    "I want to write something for my grandma's 90th", "I need to write a thank you note to my neighbour",
    "can you help me write a birthday card for my dad", "I'd love to send my best friend a letter",
    "help me find the words for a card to my sister", "I want to write to my old flatmate, I miss her",
    "could you help me draft a message to my aunt", "let's write my grandad a letter",
    "I should send my cousin a card for her wedding", "can you help me say thank you to my teacher in a letter",
    "I want to make a get well card for my uncle", "help me write a note to my son for his first day",
    "I'd like to write my partner a love letter", "can we put together a card for my colleague who's leaving",
)
NOT_LETTERS = (
    "I wrote a letter once", "my uncle sent me a card", "I got a letter from the council",
    "did you get my message", "the card was declined at the shop", "I need to post a parcel",
    "my sister wrote me a lovely note", "I have to write a report for work", "remind me to buy a card",
    "I write poems sometimes", "my grandma loves getting letters", "help me think about what to say to my boss",
    "can you help me with my cover letter", "I texted my mum", "what should I get my dad for his birthday",
)
MATCHER = PhraseMatcher({"letter": PHRASINGS}, NOT_LETTERS, min_similarity=0.6, margin=0.04)
_OCCASION = re.compile(
    r"\b(birthday|\d+(?:st|nd|rd|th)\b|graduation|wedding|anniversary|retirement|leaving|new baby|get well|"
    r"thank[- ]?you|thanks|sympathy|christmas)\b",
    re.IGNORECASE,
)


def _asks_for_letter(turn: TurnContext) -> tuple[str, str | None] | None:
    """(recipient, occasion) when the message asks to write to someone, in any words; else None."""
    if len(turn.text) > 300 or (turn.text.rstrip().endswith("?") and not re.search(r"\b(help|can|could|would)\b",
                                                                                     turn.text, re.I)):
        return None
    if MATCHER.match(turn.text.strip()) is None:
        return None
    people = turn.reading.people
    if not people:
        return None
    who = people[0]
    recipient = who.name or f"my {who.relation}"
    occasion = _OCCASION.search(turn.text)
    word = occasion.group(1).lower() if occasion else None
    return recipient, ("thanks" if word and word.startswith("thank") else word)

