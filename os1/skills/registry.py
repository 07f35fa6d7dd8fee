"""Loading skills: the entry-point group `os1.skills`, through which the built-in skills register too.

A plugin package adds a skill by declaring `[project.entry-points."os1.skills"] name = "pkg.mod:Class"`.
What this module leaves out: which skill answers a message (os1.dialogue.policy).
"""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import entry_points

from os1.skills.base import Skill

GROUP = "os1.skills"
# The built-in skills, for a source checkout whose package metadata predates them.
BUILTIN = {
    "meeting": "os1.skills.meeting:MeetingSkill",
    "recall": "os1.skills.recall:RecallSkill",
    "about_me": "os1.skills.about_me:AboutMeSkill",
    "letter": "os1.skills.letter:LetterSkill",
    "reminder": "os1.skills.reminder:ReminderSkill",
    "agenda": "os1.skills.agenda:AgendaSkill",
    "correction": "os1.skills.correction:CorrectionSkill",
    "goal": "os1.skills.goal:GoalSkill",
}


@lru_cache(maxsize=1)
def skills() -> dict[str, Skill]:
    """Every installed skill by name, highest priority first."""
    import importlib

    targets = dict(BUILTIN)
    targets.update({ep.name: ep.value for ep in entry_points(group=GROUP)})
    found: list[Skill] = []
    for target in targets.values():
        module, _, attr = target.partition(":")
        found.append(getattr(importlib.import_module(module), attr)())
    found.sort(key=lambda s: -s.priority)
    return {s.name: s for s in found}



def warm_up() -> None:
    """Load every skill's own models now (their example phrasings, embedded once), so the first message that
    reaches one is not the slow one."""
    for skill in skills().values():
        skill.warm_up()
