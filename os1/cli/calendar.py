"""`os1 calendar`: the agenda from .ics files you import or follow."""

from __future__ import annotations

from pathlib import Path

import click

from os1.terminal import echo, json_text


@click.group("calendar", invoke_without_command=True)
@click.option("--days", type=click.IntRange(1, 366), default=7, show_default=True, help="How far ahead to look.")
@click.option("--json", "as_json", is_flag=True, help="Print events as JSON.")
@click.pass_context
def calendar_group(ctx: click.Context, days: int, as_json: bool) -> None:
    """Show what's coming up, from the calendars you imported or follow.

    \b
    Examples:
      os1 calendar
      os1 calendar --days 30 --json
      os1 calendar import ~/Downloads/work.ics
      os1 calendar follow ~/.local/share/calendars/home.ics
    """
    if ctx.invoked_subcommand is not None:
        return
    from os1.clock import utcnow
    from os1.home import get_setting
    from os1.life.calendar import agenda, broken_calendars
    from os1.store import open_store
    from os1.store.person import get_person

    conn = open_store()
    try:
        tz_name = get_person(conn).timezone or get_setting("person.timezone")
        now = utcnow()
        notes: list[str] = []
        events = agenda(conn, now, days, tz_name, notes)
        problems = broken_calendars(conn) + notes
    finally:
        conn.close()
    for problem in problems:
        echo(f"note: {problem}", err=True)
    if as_json:
        echo(json_text([
            {"summary": e.summary, "start": e.start.isoformat(), "end": e.end.isoformat() if e.end else None,
             "all_day": e.all_day, "location": e.location, "calendar": e.calendar} for e in events
        ], indent=2))
        return
    if not events:
        echo(f"Nothing in the next {days} days." if problems or days else "")
        return
    for event in events:
        when = f"{event.start:%a %d %b}" + ("  all day" if event.all_day else f"  {event.start:%H:%M}")
        where = f"  @ {event.location}" if event.location else ""
        summary = " ".join(event.summary.split())  # one event, one line: a folded summary stays on it
        echo(f"{when:<22} {summary}{where}")


def _add(file: Path, follow: bool) -> None:
    from os1.life.calendar import import_calendar
    from os1.store import open_store

    conn = open_store()
    try:
        report = import_calendar(conn, file, follow=follow)
    finally:
        conn.close()
    for problem in report.problems:
        echo(f"  skipped: {problem}", err=True)
    verb = "Following" if follow else "Imported"
    skipped = f"; {len(report.problems)} bad event(s) skipped" if report.problems else ""
    echo(f"{verb} {file.name}: {report.count} events (recurring ones count once){skipped}.")


@calendar_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def import_command(file: Path) -> None:
    """Copy an .ics file's events into OS1.

    \b
    Examples:
      os1 calendar import ~/Downloads/work.ics
    """
    _add(file, follow=False)


@calendar_group.command("follow")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def follow_command(file: Path) -> None:
    """Follow an .ics file: OS1 re-reads it whenever it changes.

    \b
    Examples:
      os1 calendar follow ~/calendars/family.ics
    """
    _add(file, follow=True)
