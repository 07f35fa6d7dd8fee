"""Reminders, as a skill: "remind me to call the pharmacy at 9 tonight" sets one, in the person's zone,
and says back when, in their perspective. What this module leaves out: parsing times (os1.life.when) and
the scheduler (os1.life.scheduler)."""

from __future__ import annotations

from os1.skills.base import Outcome, Skill, TurnContext


class ReminderSkill(Skill):
    name = "reminder"
    priority = 50

    def triggered(self, turn: TurnContext) -> bool:
        from os1.life.reminders import parse_request

        return parse_request(turn.text, turn.now, turn.tz_name) is not None

    def step(self, turn: TurnContext) -> Outcome | None:
        from os1.errors import UserInputError
        from os1.life.reminders import add_item, parse_request

        request = parse_request(turn.text, turn.now, turn.tz_name)
        if request is None:
            return None
        try:
            item = add_item(turn.conn, "reminder", request.what, request.when, tz_name=turn.tz_name, now=turn.now,
                            source_turn=turn.turn_id)
        except UserInputError as exc:
            return Outcome(f"I couldn't set that reminder: {exc.message} {exc.hint or ''}".strip(), turn.state,
                           acts=["reminder_refused"])
        repeat = f", and every {item.every} after that" if item.every else ""
        return Outcome(f"I'll remind you to {item.text} on {request.when.at:%A %d %B at %H:%M}{repeat}.",
                       turn.state, acts=["reminder_set"])
