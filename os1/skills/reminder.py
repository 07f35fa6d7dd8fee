"""Reminders, as a skill: "could you nudge me to call the pharmacy at 9 tonight" sets one in the person's
zone and says it back in their perspective; a request with no time gets "When?", and the next message is
read as the answer (the dialogue state remembers what was asked). What this module leaves out: resolving
a time phrase (os1.life.when) and the scheduler (os1.life.scheduler).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import timedelta

from os1.dialogue.state import IDLE
from os1.skills.base import Outcome, Skill, TurnContext

_TRIGGER = re.compile(
    r"\b(?:remind me(?! of\b)(?!,?\s*(?:what|who|where|when|which|how|why)\b)|nudge me|ping me|"
    r"give me a (?:nudge|shout|reminder)|"
    r"set (?:me )?(?:a|an) (?:reminder|alarm)|"
    r"(?:don'?t|do not) let me forget|make sure i (?:don'?t forget|remember)|can you remember to tell me|"
    r"i need (?:a|to set a) reminder)\b(?:\s+(?:to|about|that|for|of)\b)?",
    re.IGNORECASE,
)
_CLOCK = r"(?:\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?|noon|midday|midnight)"
_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|sat|sun)"
_PART = r"(?:morning|afternoon|evening|night|lunchtime)"
_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
          r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)")
_TIME_PIECES = re.compile(
    rf"\bin (?:\d+|a|an|one|two|three|ten|twenty|thirty|half an?) (?:minutes?|mins?|hours?|hrs?|days?|weeks?)\b|"
    rf"\b(?:every|each) (?:day|morning|evening|night|weekday|week|month|{_DAY})s?\b|\b(?:daily|weekly|monthly)\b|"
    rf"\b(?:on |this |next )?{_DAY}s?\b|\btomorrow(?: {_PART})?\b|\btonight\b|\btoday\b|\bthis {_PART}\b|"
    rf"\b(?:on )?(?:the )?\d{{1,2}}(?:st|nd|rd|th)?(?: of)? {_MONTH}\b|\b(?:on )?{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?\b|"
    rf"\b(?:at|by|around) {_CLOCK}|\b{_CLOCK}(?= ?(?:tonight|tomorrow|today|this|on|every))|\b{_PART}s?\b",
    re.IGNORECASE,
)
_LEAD = re.compile(r"^(?:to|about|that|for|of|me to|me)\s+", re.IGNORECASE)
_ASK_WHEN = "When should I remind you?"
EVENT_LEAD_DAYS = 3


@dataclass(frozen=True)
class Request:
    what: str
    when_phrase: str | None
    event: bool = False  # the phrase names the day of the thing itself, said before "remind me"


def read_request(text: str) -> Request | None:
    """What to be reminded of and the time phrase, from a request anywhere in the message; None if none.

    Example: "remind me in 30 minutes to take the pizza out" -> ("take the pizza out", "in 30 minutes")
    """
    trigger = _TRIGGER.search(text)
    if trigger is None:
        return None
    rest = text[trigger.end():].strip(" ,.!?")
    phrase, what = split_time(rest)
    event = False
    if phrase is None:  # "Luca's birthday is on the 10th of March, remind me to sort a card"
        phrase, _before = split_time(text[: trigger.start()])
        event = phrase is not None
    what = _LEAD.sub("", what).strip(" ,.!?")
    return Request(_your(what), phrase, event)


def split_time(text: str) -> tuple[str | None, str]:
    """The time phrase in `text` (adjacent pieces joined: "on friday at 5pm") and the words around it."""
    pieces = list(_TIME_PIECES.finditer(text))
    if not pieces:
        return None, text
    spans = [[pieces[0].start(), pieces[0].end()]]
    for piece in pieces[1:]:
        between = text[spans[-1][1]:piece.start()]
        if re.fullmatch(r"[\s,]*(?:at|on|and)?[\s,]*", between, re.IGNORECASE):
            spans[-1][1] = piece.end()
        else:
            spans.append([piece.start(), piece.end()])
    start, end = max(spans, key=lambda s: s[1] - s[0])
    what = (text[:start] + " " + text[end:]).strip()
    what = re.sub(r"\s+(?:at|on|by)\s*$", "", re.sub(r"\s{2,}", " ", what))
    return text[start:end].strip(" ,"), what


def _your(what: str) -> str:
    """The person's words as OS1 says them back: "call my mum" -> "call your mum"."""
    swaps = {"my": "your", "me": "you", "i": "you", "i'm": "you're", "myself": "yourself", "mine": "yours"}
    return " ".join(swaps.get(w.lower(), w) for w in what.split())


# "What reminders have I got?", "what have I asked you to remind me about?"
_LIST = re.compile(
    r"\b(?:what|which|any|show me|list)\b.{0,20}\breminders?\b|\bwhat (?:have|did) i ask(?:ed)? you to remind me\b|"
    r"\bmy reminders\b",
    re.IGNORECASE,
)


class ReminderSkill(Skill):
    name = "reminder"
    priority = 50

    def triggered(self, turn: TurnContext) -> bool:
        if _LIST.search(turn.text) and len(turn.text) < 120:
            return True
        request = read_request(turn.text)
        return request is not None and bool(request.what or request.when_phrase)

    def step(self, turn: TurnContext) -> Outcome | None:
        if _LIST.search(turn.text) and len(turn.text) < 120 and read_request(turn.text) is None:
            return Outcome(_listed(turn), turn.state, kind="reply", acts=["reminders_listed"])
        request = read_request(turn.text)
        if turn.state.skill == self.name and request is None:
            return self._answer_when(turn)  # a new request replaces the one waiting for its time
        if request is None:
            return None
        if not request.what:
            if turn.language_model:
                return None
            return Outcome("Of course — what should I remind you about?",
                           replace(IDLE, skill=self.name, slots={"when": request.when_phrase}).asking(
                               "what", "what should I remind you about?"), acts=["ask_what"])
        if request.when_phrase is None:
            if turn.language_model:
                return None  # a language model asks for the time itself, and sets it with its tool
            return Outcome(_ASK_WHEN, replace(IDLE, skill=self.name, slots={"what": request.what}).asking(
                "when", _ASK_WHEN), acts=["ask_when"])
        return self._set(turn, request.what, request.when_phrase, ahead=request.event)

    def _answer_when(self, turn: TurnContext) -> Outcome | None:
        slots = turn.state.slots
        if turn.state.expects == "what":
            return self._set(turn, _your(_LEAD.sub("", turn.text.strip(" .!?"))), str(slots.get("when") or ""))
        phrase, _rest = split_time(turn.text)
        if phrase is None:
            if turn.state.asked >= 2:
                return Outcome("No problem — I'll leave that reminder for now. Just say when, any time.", IDLE,
                               acts=["reminder_dropped"])
            return Outcome(f"Sorry, I didn't catch a time in that. {_ASK_WHEN} (Something like “tomorrow at 9” "
                           "works.)", turn.state.asking("when", _ASK_WHEN), acts=["ask_when"])
        return self._set(turn, str(slots.get("what") or ""), phrase)

    def _set(self, turn: TurnContext, what: str, phrase: str, *, ahead: bool = False) -> Outcome:
        """Set the reminder; `ahead` when the phrase is the day of the event itself (a birthday), so the
        reminder comes EVENT_LEAD_DAYS before it, while there is still time to act."""
        from os1.errors import UserInputError
        from os1.life.reminders import add_item
        from os1.life.when import parse_when

        try:
            when = parse_when(phrase, turn.now, turn.tz_name) if phrase else None
        except (ValueError, OverflowError):  # "at 25:00", "in 99999999 days": no such moment
            when = None
        lead = ""
        if when is not None and ahead:
            early = replace(when, at=when.at - timedelta(days=EVENT_LEAD_DAYS))
            if early.at > turn.now:
                when, lead = early, f", {EVENT_LEAD_DAYS} days before"
        if when is None:
            return Outcome(f"I couldn't work out when “{phrase}” is. {_ASK_WHEN}",
                           replace(IDLE, skill=self.name, slots={"what": what}).asking("when", _ASK_WHEN),
                           acts=["ask_when"])
        try:
            item = add_item(turn.conn, "reminder", what, when, tz_name=turn.tz_name, now=turn.now,
                            source_turn=turn.turn_id)
        except UserInputError as exc:
            return Outcome(f"I couldn't set that reminder: {exc.message} {exc.hint or ''}".strip(),
                           replace(IDLE, skill=self.name, slots={"what": what}).asking("when", _ASK_WHEN),
                           acts=["reminder_refused"])
        repeat = f", and every {item.every} after that" if item.every else ""
        return Outcome(f"I'll remind you to {item.text} {_day_and_time(when.at, turn)}{lead}{repeat}.", IDLE,
                       acts=["reminder_set"])


def _listed(turn: TurnContext) -> str:
    """The pending reminders, soonest first, in the person's words and time."""
    from os1.clock import local_time
    from os1.life.reminders import list_items

    items = [i for i in list_items(turn.conn) if i.kind == "reminder"]
    if not items:
        return "You don't have any reminders with me right now. Just say “remind me to …” when you want one."
    said = [f"to {i.text} {_day_and_time(local_time(i.due_at, turn.tz_name), turn)}"
            + (f" (every {i.every})" if i.every else "") for i in items[:8]]
    more = f" — and {len(items) - 8} more (os1 remind list)" if len(items) > 8 else ""
    return "I'll remind you " + "; ".join(said) + more + "."


def _day_and_time(at: object, turn: TurnContext) -> str:
    """'today at 21:00', 'tomorrow at 09:00', 'on Friday 6 March at 17:00'."""
    from datetime import datetime

    from os1.clock import local_time

    assert isinstance(at, datetime)
    today = local_time(turn.now, turn.tz_name).date()
    clock = f"{at:%H:%M}"
    if at.date() == today:
        return f"today at {clock}"
    if (at.date() - today).days == 1:
        return f"tomorrow at {clock}"
    return f"on {at:%A} {at.day} {at:%B} at {clock}"
