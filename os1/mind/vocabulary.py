"""Words the mind's modules share: events worth following up."""

from __future__ import annotations

# Things that happen on a date and are worth asking about afterwards ("How did the interview go?").
EVENT_WORDS = frozenset({
    "appointment", "audition", "birthday", "call", "checkup", "class", "concert", "conversation", "course",
    "date", "deadline", "defence", "defense", "dinner", "exam", "flight", "funeral", "game", "hearing",
    "holiday", "interview", "job", "vet", "dentist", "doctor", "biopsy",
    "launch", "lunch", "marathon", "match", "meeting", "move", "operation", "party",
    "performance", "pitch", "presentation", "race", "recital", "results", "review", "scan", "session", "show",
    "speech", "start", "surgery", "talk", "test", "trip", "vacation", "visit", "wedding",
})
