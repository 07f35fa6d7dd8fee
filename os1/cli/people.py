"""`os1 people` and `os1 connection`: the people in your life, and how connected you are."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from os1.terminal import echo, json_text


def _open() -> Any:
    from os1.store import open_store

    return open_store()


def _person_json(conn: Any, person: Any) -> dict[str, Any]:
    from os1.people.tracker import dates_of

    dates = {kind: {"month": m, "day": d, "year": y} for kind, (m, d, y) in dates_of(conn, person.id).items()}
    return {
        "id": person.id, "name": person.name, "surname": person.surname, "nickname": person.nickname,
        "relation": person.relation, "cadence_days": person.cadence, "emails": person.emails,
        "phones": person.phones, "source": person.source, "dates": dates,
        "last_contact": person.last_contact.isoformat() if person.last_contact else None,
    }


@click.group("people", invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON array of people.")
@click.pass_context
def people_group(ctx: click.Context, as_json: bool) -> None:
    """The people in your life: name, relation and when you were last in touch.

    OS1 learns them from what you tell it ("had lunch with my sister Anna")
    and from contacts you import.

    \b
    Examples:
      os1 people
      os1 people --json
      os1 people show Anna
      os1 people import contacts.vcf
      os1 people edit "Anna (sister)" --cadence 14 --birthday 04-12
      os1 people merge 3 7
      os1 people forget Tom
    """
    if ctx.invoked_subcommand is not None:
        return
    from os1.people.tracker import list_people

    conn = _open()
    try:
        people = list_people(conn)
        if as_json:
            echo(json_text([_person_json(conn, p) for p in people], indent=2))
            return
    finally:
        conn.close()
    if not people:
        echo("No one yet. Tell me about the people in your life, or `os1 people import FILE.vcf`.")
        return
    for person in people:
        last = f"{person.last_contact:%d %b %Y}" if person.last_contact else "—"
        echo(f"{person.id:>4}  {person.label:<36} last contact: {last}")


@people_group.command("show")
@click.argument("who")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def show_command(who: str, as_json: bool) -> None:
    """Everything OS1 knows about one person: dates, contacts, what you've shared.

    \b
    Examples:
      os1 people show Anna
      os1 people show "Anna (sister)"
      os1 people show mum --json
    """
    from os1.people.tracker import contacts_of, find, notes_of

    conn = _open()
    try:
        person = find(conn, who)
        data = _person_json(conn, person)
        notes = notes_of(conn, person.id)
        contacts = contacts_of(conn, person.id)
    finally:
        conn.close()
    if as_json:
        data["notes"] = [{"at": at.isoformat(), "text": text} for at, text in notes]
        data["contacts"] = [{"at": at.isoformat(), "kind": kind, "source": src} for at, kind, src in contacts]
        echo(json_text(data, indent=2))
        return
    echo(f"{person.label}  (#{person.id})")
    if person.cadence:
        echo(f"  you'd like to be in touch every {person.cadence} days")
    for kind, value in data["dates"].items():
        year = f" {value['year']}" if value["year"] else ""
        echo(f"  {kind}: {value['day']:02d}/{value['month']:02d}{year}")
    for email in person.emails:
        echo(f"  email: {email}")
    if contacts:
        echo("  recent contact:")
        for at, kind, source in contacts[:5]:
            echo(f"    {at:%d %b %Y}  {kind} (from {source})")
    if notes:
        echo("  what you've told me:")
        for at, text in notes[:8]:
            echo(f"    {at:%d %b}  {text}")


@people_group.command("edit")
@click.argument("who")
@click.option("--name")
@click.option("--surname")
@click.option("--nickname")
@click.option("--relation", help="sister, friend, colleague … (any word)")
@click.option("--cadence", type=click.IntRange(1, 3650), help="Days between contacts you'd like.")
@click.option("--birthday", metavar="MM-DD", help="Birthday as month-day, e.g. 04-12.")
def edit_command(who: str, name: str | None, surname: str | None, nickname: str | None,
                 relation: str | None, cadence: int | None, birthday: str | None) -> None:
    """Change what OS1 knows about someone.

    \b
    Examples:
      os1 people edit Anna --relation sister --cadence 14
      os1 people edit mum --birthday 03-03
    """
    from os1.errors import UserInputError
    from os1.people.relations import canonical
    from os1.people.tracker import edit, find, set_date

    fields: dict[str, object] = {k: v for k, v in (("name", name), ("surname", surname), ("nickname", nickname))
                                 if v is not None}
    if relation is not None:
        fields["relation"] = canonical(relation) or relation.lower()
    if cadence is not None:
        fields["cadence_days"] = cadence
    conn = _open()
    try:
        person = find(conn, who)
        edit(conn, person.id, **fields)
        if birthday:
            try:
                month, day = (int(part) for part in birthday.split("-"))
                if not (1 <= month <= 12 and 1 <= day <= 31):
                    raise ValueError
            except ValueError:
                raise UserInputError(f"'{birthday}' is not a month-day.", "Use MM-DD, e.g. --birthday 04-12.") from None
            set_date(conn, person.id, "birthday", month, day)
    finally:
        conn.close()
    echo(f"Updated {person.label}.")


@people_group.command("merge")
@click.argument("keep")
@click.argument("other")
def merge_command(keep: str, other: str) -> None:
    """Fold OTHER into KEEP (they are one person).

    \b
    Examples:
      os1 people merge 3 7
      os1 people merge "Anna (sister)" "Anna Lee"
    """
    from os1.people.tracker import find, merge

    conn = _open()
    try:
        first, second = find(conn, keep), find(conn, other)
        merge(conn, first.id, second.id)
    finally:
        conn.close()
    echo(f"Merged {second.label} into {first.label}.")


@people_group.command("forget")
@click.argument("who")
def forget_command(who: str) -> None:
    """Remove someone and everything about them from the people map.

    \b
    Examples:
      os1 people forget Tom
    """
    from os1.people.tracker import find, forget

    conn = _open()
    try:
        person = find(conn, who)
        forget(conn, person.id)
    finally:
        conn.close()
    echo(f"Forgotten: {person.label}.")


@people_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def import_command(file: Path) -> None:
    """Import contacts from a vCard file (3.0 or 4.0).

    Malformed cards are reported and skipped; the rest are imported. Someone who
    looks like a person OS1 already knows is added with a merge suggested.

    \b
    Examples:
      os1 people import ~/Downloads/contacts.vcf
    """
    from os1.errors import UserInputError
    from os1.people.tracker import import_cards
    from os1.people.vcard import parse_vcards

    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise UserInputError(f"Cannot read {file} ({exc.strerror}).", "Check the path.") from exc
    if b"\x00" in raw[:4096]:
        raise UserInputError(f"{file} is not a text file.", "Export your contacts as a .vcf (vCard) file.")
    text = raw.decode("utf-8", errors="replace")
    if "BEGIN:VCARD" not in text.upper():
        raise UserInputError(f"{file} has no vCards in it.", "Export your contacts as a .vcf (vCard) file.")
    parsed = parse_vcards(text)
    conn = _open()
    try:
        report = import_cards(conn, parsed.cards)
    finally:
        conn.close()
    for problem in parsed.problems:
        echo(f"  skipped: {problem}", err=True)
    echo(f"Imported {len(report.added)} people from {file}"
               + (f"; {len(report.skipped_known)} were already here." if report.skipped_known else "."))
    for known, new in report.suggested_merges:
        echo(f"  {new.label} (#{new.id}) looks like {known.label} (#{known.id}): "
                   f"merge with `os1 people merge {known.id} {new.id}` if they are one person.")


# --- os1 connection --------------------------------------------------------------------------------

@click.group("connection", invoke_without_command=True)
@click.option("--chart", type=click.Path(dir_okay=False, path_type=Path), help="Also write an SVG chart here.")
@click.option("--weeks", type=click.IntRange(1, 52), default=8, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the dashboard as JSON.")
@click.pass_context
def connection_group(ctx: click.Context, chart: Path | None, weeks: int, as_json: bool) -> None:
    """How connected you are: human contact per week, your goals, who's drifting,
    and — for honesty — time spent talking with OS1.

    \b
    Examples:
      os1 connection
      os1 connection --chart ~/connection.svg
      os1 connection goal add "see a friend twice a week"
      os1 connection goal add "call mum on Sundays"
      os1 connection goal remove 2
    """
    if ctx.invoked_subcommand is not None:
        return
    from os1.clock import utcnow
    from os1.people.dashboard import build_report, render_svg, render_text

    conn = _open()
    try:
        report = build_report(conn, utcnow(), weeks)
    finally:
        conn.close()
    if as_json:
        echo(json_text({
            "weeks": [{"start": w.start.date().isoformat(), "human_contacts": w.human_contacts,
                       "os1_minutes": w.os1_minutes} for w in report.weeks],
            "goals": [{"id": g.goal.id, "text": g.goal.text, "done": g.done, "target": g.goal.target, "met": g.met}
                      for g in report.goals],
            "drifting": [{"id": d.person.id, "label": d.person.label, "days_since": d.days_since,
                          "cadence": d.cadence} for d in report.drifting],
        }, indent=2))
    else:
        echo(render_text(report))
    if chart:
        chart.write_text(render_svg(report), encoding="utf-8")
        echo(f"Chart written to {chart}", err=as_json)


@connection_group.group("goal")
def goal_group() -> None:
    """Connection goals: how often you'd like to be in touch, with whom.

    \b
    Examples:
      os1 connection goal add "talk to a friend twice a week"
      os1 connection goal remove 1
    """


@goal_group.command("add")
@click.argument("text")
def goal_add(text: str) -> None:
    """Add a goal in plain words.

    \b
    Examples:
      os1 connection goal add "see a friend twice a week"
      os1 connection goal add "call mum on Sundays"
    """
    from os1.people.goals import add_goal

    conn = _open()
    try:
        goal = add_goal(conn, text)
    finally:
        conn.close()
    every = {1: "day", 7: "week", 14: "fortnight", 30: "month"}.get(goal.period_days, f"{goal.period_days} days")
    echo(f"Goal {goal.id}: {goal.target}× per {every} — I'll count it from what you tell me.")


@goal_group.command("remove")
@click.argument("goal_id", type=int)
def goal_remove(goal_id: int) -> None:
    """Stop tracking a goal.

    \b
    Examples:
      os1 connection goal remove 2
    """
    from os1.people.goals import remove_goal

    conn = _open()
    try:
        remove_goal(conn, goal_id)
    finally:
        conn.close()
    echo(f"Goal {goal_id} removed.")
