"""Writing a letter together, as a skill: started by a request to write to someone, carried through the
drafting questions by os1.letters.conversation (which keeps its own steps), left with "never mind".
What this module leaves out: the drafting itself (os1.letters)."""

from __future__ import annotations

from dataclasses import replace

from os1.skills.base import Outcome, Skill, TurnContext


class LetterSkill(Skill):
    name = "letter"
    priority = 60

    def triggered(self, turn: TurnContext) -> bool:
        from os1.letters import conversation

        return conversation.is_request(turn.text)

    def step(self, turn: TurnContext) -> Outcome | None:
        from os1.letters import conversation

        if conversation.active(turn.conn):
            text = conversation.step(turn.conn, turn.text, turn.person.name, turn.provider)
        else:
            started = conversation.start(turn.conn, turn.text, turn.now)
            if started is None:
                return None
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
