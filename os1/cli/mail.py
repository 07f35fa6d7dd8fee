"""`os1 mail`: connect, sync, the digest, and archive or delete after you confirm."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click


def _password(name: str) -> str | None:
    from os1.secrets import get_secret

    return get_secret(f"mail.{name}", "password")


@click.group("mail", invoke_without_command=True)
@click.option("--account", help="Which connected account (when there are several).")
@click.pass_context
def mail_group(ctx: click.Context, account: str | None) -> None:
    """Your mail, sorted: what matters, people you know, newsletters, promotions, junk.

    `os1 mail` shows the digest of what was synced. OS1 reads mail but never
    sends any on its own, never obeys what a message says, and archives or
    deletes only after you confirm.

    \b
    Examples:
      os1 mail connect --imap imap.example.org --user robin@example.org
      os1 mail connect --maildir ~/Maildir
      os1 mail sync
      os1 mail
      os1 mail archive promotions
      os1 mail delete junk --yes
    """
    ctx.ensure_object(dict)
    ctx.obj["account"] = account
    if ctx.invoked_subcommand is not None:
        return
    from os1.life.mail.mailbox import account as find_account
    from os1.life.mail.mailbox import digest
    from os1.store import open_store

    name, _ = find_account(account)
    conn = open_store()
    try:
        result = digest(conn, name)
    finally:
        conn.close()
    if not result.total:
        click.echo("No mail synced yet: run `os1 mail sync`.")
        return
    click.echo(result.render())


@mail_group.command("connect")
@click.option("--imap", "host", help="IMAP server host name.")
@click.option("--user", help="IMAP user name (often your address).")
@click.option("--port", type=int, help="IMAP port (default 993 for SSL, 143 otherwise).")
@click.option("--starttls", is_flag=True, help="Use STARTTLS on port 143 instead of SSL.")
@click.option("--plain", is_flag=True, hidden=True, help="No encryption (only allowed to 127.0.0.1).")
@click.option("--maildir", type=click.Path(file_okay=False, path_type=Path), help="A local Maildir folder.")
@click.option("--mbox", type=click.Path(dir_okay=False, path_type=Path), help="A local mbox file.")
@click.option("--name", "account_name", default="main", show_default=True, help="A name for this account.")
@click.option("--password-stdin", is_flag=True, help="Read the (app) password from stdin instead of a prompt.")
def connect_command(host: str | None, user: str | None, port: int | None, starttls: bool, plain: bool,
                    maildir: Path | None, mbox: Path | None, account_name: str, password_stdin: bool) -> None:
    """Connect an IMAP account, a Maildir or an mbox file.

    The password (an app password is best) is kept in the secrets file in your
    OS1 home with mode 0600; it is never printed.

    \b
    Examples:
      os1 mail connect --imap imap.fastmail.com --user me@example.org
      os1 mail connect --imap mail.example.org --user me --starttls
      os1 mail connect --maildir ~/Maildir --name local
      os1 mail connect --mbox ~/old-mail.mbox --name archive
    """
    import sys

    from os1.errors import UserInputError
    from os1.life.mail.mailbox import save_account
    from os1.life.mail.sources import ImapAccount, connect_imap
    from os1.secrets import set_secret

    chosen = [bool(host), bool(maildir), bool(mbox)]
    if sum(chosen) != 1:
        raise UserInputError("Connect one thing at a time.", "Use exactly one of --imap, --maildir or --mbox.")
    settings: dict[str, Any]
    if maildir:
        settings = {"kind": "maildir", "path": str(maildir.expanduser().resolve())}
    elif mbox:
        settings = {"kind": "mbox", "path": str(mbox.expanduser().resolve())}
    else:
        if not user:
            raise UserInputError("--user is needed with --imap.", "e.g. --user me@example.org")
        security = "plain" if plain else "starttls" if starttls else "ssl"
        settings = {"kind": "imap", "host": host, "user": user, "security": security,
                    "port": port or (993 if security == "ssl" else 143)}
        password = sys.stdin.readline().rstrip("\n") if password_stdin else click.prompt(
            "Password (an app password is best)", hide_input=True)
        assert host is not None
        client = connect_imap(ImapAccount(host, user, settings["port"], security), password)
        client.logout()
        set_secret(f"mail.{account_name}", password, "password")
    save_account(account_name, settings)
    click.echo(f"Connected mail account '{account_name}'. Now run `os1 mail sync`.")


@mail_group.command("smtp")
@click.option("--host", required=True, help="SMTP server host name.")
@click.option("--sender", required=True, help="Your address, as letters will come from it.")
@click.option("--user", help="SMTP user name (often your address).")
@click.option("--port", type=int, help="Port (default 465 for SSL, 587 for STARTTLS).")
@click.option("--ssl", "use_ssl", is_flag=True, help="SSL from the start instead of STARTTLS.")
@click.option("--password-stdin", is_flag=True, help="Read the (app) password from stdin instead of a prompt.")
def smtp_command(host: str, sender: str, user: str | None, port: int | None, use_ssl: bool,
                 password_stdin: bool) -> None:
    """Set the account letters are sent from (`os1 letter send`).

    The password is kept in the secrets file in your OS1 home (mode 0600).
    OS1 sends only what you ask it to send, after showing it to you.

    \b
    Examples:
      os1 mail smtp --host smtp.example.org --sender me@example.org --user me@example.org
      os1 mail smtp --host mail.example.org --sender me@example.org --ssl
    """
    import sys

    from os1.home import set_setting
    from os1.secrets import set_secret

    security = "ssl" if use_ssl else "starttls"
    for key, value in (("host", host), ("sender", sender), ("security", security),
                       ("port", port or (465 if use_ssl else 587))):
        set_setting(f"mail.{key}", value)
    if user:
        set_setting("mail.username", user)
        password = sys.stdin.readline().rstrip("\n") if password_stdin else click.prompt(
            "Password (an app password is best)", hide_input=True)
        set_secret("mail.smtp", password, "password")
    click.echo(f"Letters will be sent from {sender} through {host}.")


@mail_group.command("sync")
@click.pass_context
def sync_command(ctx: click.Context) -> None:
    """Read new mail and sort it (progress is shown; safe to repeat).

    \b
    Examples:
      os1 mail sync
      os1 mail --account local sync
    """
    from os1.life.mail.mailbox import account, sync
    from os1.store import open_store

    name, settings = account(ctx.obj.get("account"))
    conn = open_store()
    try:
        report = sync(conn, name, settings, _password(name) if settings.get("kind") == "imap" else None)
    finally:
        conn.close()
    summary = ", ".join(f"{count} {category}" for category, count in sorted(report.categories.items()))
    click.echo(f"{report.added} new messages in '{name}'" + (f": {summary}." if summary else "."))


def _act(ctx: click.Context, action: str, category: str, yes: bool) -> None:
    from os1.life.mail.mailbox import account, apply_action, messages_in
    from os1.store import open_store

    name, settings = account(ctx.obj.get("account"))
    conn = open_store()
    try:
        chosen = messages_in(conn, name, category)
        if not chosen:
            click.echo(f"No {category} in '{name}'.")
            return
        for _, _, subject in chosen[:5]:
            click.echo(f"  {subject}")
        if len(chosen) > 5:
            click.echo(f"  … and {len(chosen) - 5} more")
        if not yes and not click.confirm(f"{action.capitalize()} these {len(chosen)} messages?", default=False):
            click.echo("Nothing was changed.")
            return
        done = apply_action(conn, name, settings, action, chosen,
                            _password(name) if settings.get("kind") == "imap" else None)
    finally:
        conn.close()
    click.echo(f"{action.capitalize()}d {done} messages.")


@mail_group.command("archive")
@click.argument("category")
@click.option("--yes", is_flag=True, help="Don't ask (you have already reviewed them).")
@click.pass_context
def archive_command(ctx: click.Context, category: str, yes: bool) -> None:
    """Move every message of a CATEGORY to the Archive folder (asks first).

    \b
    Examples:
      os1 mail archive newsletters
      os1 mail archive promotions --yes
    """
    _act(ctx, "archive", category, yes)


@mail_group.command("delete")
@click.argument("category")
@click.option("--yes", is_flag=True, help="Don't ask (you have already reviewed them).")
@click.pass_context
def delete_command(ctx: click.Context, category: str, yes: bool) -> None:
    """Delete every message of a CATEGORY for good (asks first).

    \b
    Examples:
      os1 mail delete junk
    """
    _act(ctx, "delete", category, yes)
