"""The agenda and the mail digest in conversation: "what's on tomorrow?", "anything important in my mail?"
answered from the calendar and triaged mail, outside text quoted, never obeyed. With a language model as
the mind, the model answers itself from the same text, fenced as data in its prompt (os1.companion).
What this module leaves out: importing calendars and syncing mail (os1.life)."""

from __future__ import annotations

from os1.skills.base import Outcome, Skill, TurnContext


class AgendaSkill(Skill):
    name = "agenda"
    priority = 45

    def triggered(self, turn: TurnContext) -> bool:
        from os1.life import chat

        return chat.is_mail_question(turn.text) or chat.is_calendar_question(turn.text)

    def handles_for_language_models(self) -> bool:
        return False

    def step(self, turn: TurnContext) -> Outcome | None:
        from os1.life import chat

        if chat.is_mail_question(turn.text):
            return Outcome(chat.mail_answer(turn.conn), turn.state, acts=["mail_digest"])
        if chat.is_calendar_question(turn.text):
            return Outcome(chat.calendar_answer(turn.conn, turn.now, turn.tz_name), turn.state, acts=["agenda"])
        return None
