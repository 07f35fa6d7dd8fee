"""`os1 remind` and `os1 daemon`: reminders, and the process that delivers what OS1 says first."""

from __future__ import annotations

import time
from typing import Any

import click


class _DefaultToAdd(click.Group):
    """`os1 remind WHEN WHAT` is short for `os1 remind add WHEN WHAT`."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            return "add", self.commands["add"], args
        return super().resolve_command(ctx, args)


def _open() -> Any:
    from os1.store import open_store

    return open_store()


def _tz(conn: Any) -> str | None:
    from os1.home import get_setting
    from os1.store.person import get_person

    return get_person(conn).timezone or get_setting("person.timezone")


@click.group("remind", cls=_DefaultToAdd, invoke_without_command=True)
@click.pass_context
def remind_group(ctx: click.Context) -> None:
    """Reminders in plain words. `os1 remind WHEN WHAT` sets one.

    Reminders fire at their time even in quiet hours (you asked for them); they
    appear in the open chat, as a desktop notification when `os1 daemon` runs,
    or at your next start ("While you were away…").

    \b
    Examples:
      os1 remind "friday 6pm" "call my sister"
      os1 remind "in 20 minutes" "take the bread out"
      os1 remind "every day at 8" "stretch"
      os1 remind list
      os1 remind snooze 3 --minutes 30
      os1 remind cancel 3
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_command)


@remind_group.command("add")
@click.argument("when")
@click.argument("what", nargs=-1, required=True)
def add_command(when: str, what: tuple[str, ...]) -> None:
    """Set a reminder: WHEN in plain words, then WHAT.

    \b
    Examples:
      os1 remind add "tomorrow morning" "book the dentist"
    """
    from os1.clock import utcnow
    from os1.life.reminders import add_reminder

    conn = _open()
    try:
        item = add_reminder(conn, when, " ".join(what), utcnow(), _tz(conn))
    finally:
        conn.close()
    repeat = f", then every {item.every}" if item.every else ""
    click.echo(f"Reminder {item.id}: {item.text} — {item.due_at:%a %d %b at %H:%M}{repeat}.")


@remind_group.command("list")
@click.option("--all", "include_done", is_flag=True, help="Include done and cancelled ones.")
def list_command(include_done: bool) -> None:
    """List reminders and other scheduled items.

    \b
    Examples:
      os1 remind list
      os1 remind list --all
    """
    from os1.life.reminders import list_items

    conn = _open()
    try:
        items = list_items(conn, include_done)
    finally:
        conn.close()
    if not items:
        click.echo('No reminders. Set one: os1 remind "friday 6pm" "call my sister"')
    for item in items:
        repeat = f" (every {item.every})" if item.every else ""
        status = "" if item.status == "pending" else f" [{item.status}]"
        click.echo(f"{item.id:>4}  {item.due_at.astimezone():%a %d %b %H:%M}  {item.text}{repeat}{status}")


@remind_group.command("cancel")
@click.argument("item_id", type=int)
def cancel_command(item_id: int) -> None:
    """Cancel a reminder.

    \b
    Examples:
      os1 remind cancel 3
    """
    from os1.life.reminders import cancel

    conn = _open()
    try:
        cancel(conn, item_id)
    finally:
        conn.close()
    click.echo(f"Reminder {item_id} cancelled.")


@remind_group.command("snooze")
@click.argument("item_id", type=int)
@click.option("--minutes", type=click.IntRange(1, 60 * 24 * 14), default=10, show_default=True)
def snooze_command(item_id: int, minutes: int) -> None:
    """Push a reminder back.

    \b
    Examples:
      os1 remind snooze 3
      os1 remind snooze 3 --minutes 60
    """
    from os1.clock import utcnow
    from os1.life.reminders import snooze

    conn = _open()
    try:
        due = snooze(conn, item_id, minutes, utcnow())
    finally:
        conn.close()
    click.echo(f"Reminder {item_id} moved to {due.astimezone():%H:%M}.")


@click.command("daemon")
@click.option("--once", is_flag=True, help="Deliver what is due now and exit (for cron or systemd timers).")
def daemon_command(once: bool) -> None:
    """Deliver reminders, follow-ups and nudges when they are due.

    Runs until stopped (Ctrl+C). Opt-in check-ins: `os1 config set
    checkins.morning 08:30` (or checkins.evening). Each delivery is printed, shown as a desktop
    notification where one is available, and kept for your next chat. Quiet
    hours (config quiet_hours.start / quiet_hours.end, default 22–8) hold back
    anything OS1 would say on its own initiative.

    \b
    Examples:
      os1 daemon
      os1 daemon --once
    """
    from os1.clock import utcnow
    from os1.home import get_setting
    from os1.life.initiatives import deliver_nudge, sync_checkins
    from os1.life.scheduler import Delivery, fire_due, notify_desktop, seconds_until_next

    quiet = (int(get_setting("quiet_hours.start", 22)), int(get_setting("quiet_hours.end", 8)))
    conn = _open()
    try:
        while True:
            now = utcnow()
            tz_name = _tz(conn)
            sync_checkins(conn, now, tz_name)
            deliveries = fire_due(conn, now, tz_name=tz_name, quiet_start=quiet[0], quiet_end=quiet[1])
            nudge = deliver_nudge(conn, now, tz_name, quiet[0], quiet[1])
            if nudge:
                deliveries.append(Delivery(0, "nudge", nudge, now))
            for delivery in deliveries:
                notify_desktop(delivery)
                click.echo(f"{now.astimezone():%H:%M}  {delivery.text}")
            if once:
                return
            time.sleep(seconds_until_next(conn, utcnow()))
    except KeyboardInterrupt:
        click.echo("Stopped.")
    finally:
        conn.close()
