"""The connection dashboard: human contacts per week, goals, who is drifting — and, honestly, time
spent talking with OS1 beside it. Rendered as text for the terminal and as a self-contained SVG chart
(no plotting library, no fonts or scripts fetched from anywhere).
"""

from __future__ import annotations

import html
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import pairwise

from os1.clock import from_iso, to_iso
from os1.people.goals import GoalProgress, list_goals, period_start, progress
from os1.people.nudges import Drift, drifting

SESSION_GAP_MINUTES = 30  # a pause longer than this ends a stretch of talking with OS1


@dataclass(frozen=True)
class Week:
    start: datetime
    human_contacts: int
    os1_minutes: float


@dataclass(frozen=True)
class Report:
    weeks: list[Week]
    goals: list[GoalProgress]
    drifting: list[Drift]


def _os1_minutes(timestamps: list[datetime]) -> float:
    """Minutes of talking: consecutive turns closer than SESSION_GAP_MINUTES, plus a minute per stretch."""
    total = 0.0
    for previous, current in pairwise(timestamps):
        gap = (current - previous).total_seconds() / 60
        if gap <= SESSION_GAP_MINUTES:
            total += gap
    stretches = 1 + sum(1 for a, b in pairwise(timestamps) if (b - a).total_seconds() / 60 > SESSION_GAP_MINUTES)
    return total + (stretches if timestamps else 0)


def build_report(conn: sqlite3.Connection, now: datetime, weeks: int = 8) -> Report:
    this_week = period_start(now, 7)
    rows: list[Week] = []
    for index in range(weeks - 1, -1, -1):
        start = this_week - timedelta(days=7 * index)
        end = start + timedelta(days=7)
        contacts = conn.execute(
            "SELECT count(DISTINCT c.person_id || ':' || substr(c.at, 1, 10)) FROM contacts c "
            "JOIN people p ON p.id = c.person_id WHERE c.at >= ? AND c.at < ? "
            "AND coalesce(p.relation, '') NOT IN ('therapist', 'doctor', 'colleague', 'boss')",
            (to_iso(start), to_iso(end))).fetchone()[0]
        stamps = [from_iso(r[0]) for r in conn.execute(
            "SELECT t.ts FROM turns t JOIN sessions s ON s.id = t.session_id "
            "WHERE s.source != 'import' AND t.ts >= ? AND t.ts < ? ORDER BY t.ts", (to_iso(start), to_iso(end)))]
        rows.append(Week(start, int(contacts), round(_os1_minutes(stamps), 1)))
    goals = [progress(conn, goal, now) for goal in list_goals(conn)]
    return Report(rows, goals, drifting(conn, now))


def render_text(report: Report) -> str:
    lines = ["Human contact per week (and time with OS1, for honesty):"]
    peak = max([w.human_contacts for w in report.weeks] + [1])
    for week in report.weeks:
        bar = "█" * round(20 * week.human_contacts / peak)
        lines.append(f"  {week.start:%d %b}  {bar:<20} {week.human_contacts:>3} contacts   "
                     f"OS1: {week.os1_minutes:>5.0f} min")
    lines.append("")
    if report.goals:
        lines.append("Goals this period:")
        for item in report.goals:
            mark = "✓" if item.met else "·"
            lines.append(f"  {mark} {item.goal.text}: {item.done}/{item.goal.target}  (goal {item.goal.id})")
    else:
        lines.append('No connection goals yet — add one: os1 connection goal add "see a friend twice a week"')
    lines.append("")
    if report.drifting:
        lines.append("Drifting (past the rhythm you'd like):")
        for drift in report.drifting[:8]:
            lines.append(f"  {drift.person.label}: {drift.days_since} days (you'd like every {drift.cadence})")
    else:
        lines.append("Nobody is drifting right now.")
    return "\n".join(lines)


def render_svg(report: Report) -> str:
    """A bar chart: human contacts (filled) and OS1 hours (outlined) per week, with goals noted."""
    width, height, left, bottom, top = 640, 300, 48, 40, 40
    plot_h = height - bottom - top
    slot = (width - left - 16) / max(len(report.weeks), 1)
    peak_contacts = max([w.human_contacts for w in report.weeks] + [1])
    peak_hours = max([w.os1_minutes / 60 for w in report.weeks] + [1])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        'font-family="sans-serif" font-size="11">',
        f'<rect width="{width}" height="{height}" fill="#fbf8f2"/>',
        '<text x="16" y="22" font-size="14" fill="#333">Human contact per week — and time with OS1</text>',
    ]
    for index, week in enumerate(report.weeks):
        x = left + index * slot
        human_h = plot_h * week.human_contacts / peak_contacts
        os1_h = plot_h * (week.os1_minutes / 60) / peak_hours
        base = height - bottom
        parts.append(f'<rect x="{x + 4:.1f}" y="{base - human_h:.1f}" width="{slot / 2 - 6:.1f}" '
                     f'height="{human_h:.1f}" fill="#c0674a"><title>{week.human_contacts} contacts</title></rect>')
        parts.append(f'<rect x="{x + slot / 2:.1f}" y="{base - os1_h:.1f}" width="{slot / 2 - 6:.1f}" '
                     f'height="{os1_h:.1f}" fill="none" stroke="#7a8a99" stroke-width="1.5">'
                     f'<title>{week.os1_minutes:.0f} minutes with OS1</title></rect>')
        parts.append(f'<text x="{x + slot / 2:.1f}" y="{base + 16}" text-anchor="middle" fill="#555">'
                     f'{week.start:%d %b}</text>')
        parts.append(f'<text x="{x + slot / 4:.1f}" y="{base - human_h - 4:.1f}" text-anchor="middle" '
                     f'fill="#333">{week.human_contacts}</text>')
    parts.append(f'<line x1="{left}" y1="{height - bottom}" x2="{width - 16}" y2="{height - bottom}" stroke="#999"/>')
    legend_y = height - 8
    met = sum(1 for g in report.goals if g.met)
    parts.append(f'<rect x="{left}" y="{legend_y - 9}" width="10" height="10" fill="#c0674a"/>'
                 f'<text x="{left + 14}" y="{legend_y}" fill="#333">people you connected with</text>')
    parts.append(f'<rect x="{left + 190}" y="{legend_y - 9}" width="10" height="10" fill="none" stroke="#7a8a99"/>'
                 f'<text x="{left + 204}" y="{legend_y}" fill="#333">hours with OS1</text>')
    parts.append(f'<text x="{width - 16}" y="22" text-anchor="end" fill="#333">'
                 f'{html.escape(f"goals met: {met}/{len(report.goals)}")}</text>')
    parts.append("</svg>")
    return "\n".join(parts)
