"""Replay a scripted 30-day life through OS1's public API and measure how it turns its person outward.

The script writes the life itself: six people with different rhythms, birthdays inside and outside the
window, two connection goals, and daily conversations (through `Companion.reply`, with a simulated
clock) that mention contact — or its absence. Each morning a new session opens (`Companion.opening`),
which is when OS1 may nudge. Reported:
  nudges made; false nudges (about someone contacted within their cadence — target 0);
  birthdays caught at least 3 days ahead (target: all); goal progress matching the truth (target: all).

Run: .venv/bin/python bench/connection_sim.py
"""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime, timedelta

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday
DAYS = 30

# (day, hour, message, who-was-contacted or None). Ground truth of contact lives in the last field.
SCRIPT: list[tuple[int, int, str, str | None]] = [
    (0, 19, "I called my mum tonight, she sounds well.", "mum"),
    (0, 20, "My sister Anna's birthday is on 14 March.", None),
    (1, 18, "My best friend Jo's birthday is on 27 March, I must not forget.", None),
    (1, 19, "Had dinner with my best friend Jo, we laughed a lot.", "Jo"),
    (2, 12, "Tom from work keeps sending me emails at midnight.", None),
    (3, 13, "I had lunch with my sister Anna today.", "Anna"),
    (4, 20, "I haven't talked to my old roommate Sam in ages.", None),
    (5, 11, "Went for a walk with my friend Lena this morning.", "Lena"),
    (6, 18, "I called my mum, she told me about the garden.", "mum"),
    (8, 19, "Quiet day. I should really text Jo.", None),
    (10, 12, "Had coffee with my friend Lena.", "Lena"),
    (13, 18, "Called my mum again, Sunday calls are becoming a habit.", "mum"),
    (14, 19, "I texted my sister Anna happy birthday and we talked for an hour.", "Anna"),
    (16, 20, "Work was long. Tom from work is still Tom.", None),
    (18, 19, "Met up with my best friend Jo for a film.", "Jo"),
    (20, 18, "I called my mum, she is planning a trip.", "mum"),
    (22, 13, "Lunch with my friend Lena, she has a new job.", "Lena"),
    (24, 20, "Had dinner with my best friend Jo to plan her birthday.", "Jo"),
    (26, 12, "Texted my old roommate Sam after your nudge, he replied straight away!", "Sam"),
    (27, 18, "I called my mum this afternoon.", "mum"),
]
GOALS = ["see a friend twice a week", "call mum on Sundays"]
CADENCE = {"mum": 14, "Anna": 21, "Jo": 14, "Lena": 30, "Sam": 60}
BIRTHDAYS = {"Anna": datetime(2026, 3, 14, tzinfo=UTC), "Jo": datetime(2026, 3, 27, tzinfo=UTC)}


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        os.environ["OS1_HOME"] = home
        from os1.companion import Companion
        from os1.people import goals, tracker
        from os1.store import open_store

        conn = open_store()
        clock = {"now": START - timedelta(days=1)}
        meeting = Companion(conn, clock=lambda: clock["now"])
        meeting.opening()
        for line in ("Robin", "Robin is fine", "I like it"):
            meeting.reply(line)
        for text in GOALS:
            goals.add_goal(conn, text)

        last_truth: dict[str, datetime] = {}
        nudges: list[tuple[datetime, str, str]] = []
        goal_checks = goal_errors = 0
        for day in range(DAYS):
            clock["now"] = START + timedelta(days=day)
            companion = Companion(conn, clock=lambda: clock["now"])
            companion.opening()
            row = conn.execute(
                "SELECT n.kind, p.name, p.relation FROM nudges n LEFT JOIN people p ON p.id = n.person_id "
                "ORDER BY n.id DESC LIMIT 1").fetchone()
            count = conn.execute("SELECT count(*) FROM nudges").fetchone()[0]
            if count > len(nudges) and row:
                who = row[1] or ("mum" if row[2] == "mother" else row[2])
                nudges.append((clock["now"], row[0], who))
            for message_day, hour, text, contacted in SCRIPT:
                if message_day == day:
                    clock["now"] = START.replace(hour=hour) + timedelta(days=day)
                    companion.reply(text)
                    if contacted:
                        last_truth[contacted] = clock["now"]
            if clock["now"].weekday() == 6:  # Sunday evening: check the goals against the truth
                clock["now"] = START.replace(hour=21) + timedelta(days=day)
                week_start = (clock["now"] - timedelta(days=6)).replace(hour=0)
                truth_friends = len({(w, d) for d, h, t, w in SCRIPT if w in ("Jo", "Lena")
                                     and week_start <= START.replace(hour=h) + timedelta(days=d) <= clock["now"]})
                truth_sunday = sum(1 for d, h, t, w in SCRIPT if w == "mum"
                                   and (START + timedelta(days=d)).date() == clock["now"].date())
                for goal, truth in zip(goals.list_goals(conn), (truth_friends, truth_sunday), strict=True):
                    goal_checks += 1
                    measured = goals.progress(conn, goal, clock["now"]).done
                    if measured != truth:
                        goal_errors += 1
                        print(f"  goal '{goal.text}' week of {week_start:%d %b}: measured {measured}, truth {truth}")

        false_nudges = 0
        for when, kind, who in nudges:
            last = last_truth_at(who, when)
            if kind == "drift" and last is not None and who in CADENCE and (when - last).days <= CADENCE[who]:
                false_nudges += 1
                print(f"  false nudge: {when:%d %b} about {who} (last contact {last:%d %b})")
        caught = sum(
            1 for who, day in BIRTHDAYS.items()
            if any(k == "birthday" and w == who and (day.date() - t.date()).days >= 3 for t, k, w in nudges)
        )
        print(f"people in the map: {len(tracker.list_people(conn))}")
        print(f"nudges made: {len(nudges)}  ({', '.join(f'{t:%d %b} {k}:{w}' for t, k, w in nudges)})")
        print(f"false nudges: {false_nudges}  (target 0)")
        print(f"birthdays caught >= 3 days ahead: {caught}/{len(BIRTHDAYS)}  (target all)")
        print(f"goal progress correct: {goal_checks - goal_errors}/{goal_checks}  (target all)")
        conn.close()


def last_truth_at(who: str, when: datetime) -> datetime | None:
    times = [START.replace(hour=h) + timedelta(days=d) for d, h, t, w in SCRIPT if w == who]
    earlier = [t for t in times if t <= when]
    return max(earlier) if earlier else None


if __name__ == "__main__":
    main()
