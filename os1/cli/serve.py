"""`os1 serve` (the local web app) and `os1 user` (the people a household server serves)."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback is reachable from your network.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0 picks a free one).")
@click.option("--no-auth", is_flag=True,
              help="Do not ask for the token (only on 127.0.0.1/localhost; refused elsewhere).")
@click.option("--session-ttl", default=12 * 3600, show_default=True, type=click.IntRange(1, 30 * 24 * 3600),
              metavar="SECONDS", help="Sign a browser out after this long without use.")
def serve_command(host: str, port: int, no_auth: bool, session_ttl: int) -> None:
    """Open the web app: chat, voice, memories, letters, people and settings.

    Listens on 127.0.0.1 only, unless --host says otherwise. A random access
    token is printed at start; open the printed link (it carries the token) or
    paste the token on the sign-in page. Scripts send it as
    `Authorization: Bearer TOKEN` (OS1_WEB_TOKEN fixes it for a run). The API is
    described at /api/openapi.json. While it runs, the web app holds this
    home's conversation: `os1 chat` on the same home is refused until it stops.

    \b
    Examples:
      os1 serve
      os1 serve --port 9000
      os1 serve --host 0.0.0.0        # a household server on your LAN (token required)
      curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8765/api/companion
    """
    from os1.home import user_home
    from os1.web.server import serve

    try:
        serve(host, port, home=user_home(), require_auth=not no_auth, session_ttl=session_ttl,
              announce=lambda line: click.echo(line, err=False))
    except ImportError as exc:
        from os1.errors import WebError

        raise WebError(f"The web app needs a package that is not installed ({exc.name}).",
                       "Install it with: pip install 'os1[web]'") from exc


@click.group("user")
def user_group() -> None:
    """The people one `os1 serve` serves, each with a separate home.

    The home running `os1 serve` belongs to its owner (who signs in with the
    printed token). Each person added here signs in with their name and
    password and talks to their own companion, with their own memories.

    \b
    Examples:
      os1 user add anna
      printf 'a long passphrase\\n' | os1 user add ben --password-stdin
      os1 user list
      os1 user remove ben
    """


@user_group.command("add")
@click.argument("name")
@click.option("--home", "member_home", type=click.Path(file_okay=False, path_type=Path),
              help="Where this person's data lives (default: a sibling of this home).")
@click.option("--password-stdin", is_flag=True, help="Read the password from stdin instead of asking.")
def user_add(name: str, member_home: Path | None, password_stdin: bool) -> None:
    """Add NAME to the household (asks for their password).

    \b
    Examples:
      os1 user add anna
      os1 user add ben --home /srv/os1/ben
    """
    from os1.home import user_home
    from os1.web.household import add_member

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt(f"Password for {name}", hide_input=True, confirmation_prompt=True)
    member = add_member(user_home(), name, password, member_home)
    click.echo(f"Added {member.name}; their home is {member.home}. They sign in on the page with their name "
               "and password (restart `os1 serve` if it is running).")


@user_group.command("list")
def user_list() -> None:
    """List the household's members and their homes.

    \b
    Examples:
      os1 user list
      OS1_HOME=/srv/os1/home os1 user list
    """
    from os1.home import user_home
    from os1.web.household import load_members

    members = load_members(user_home())
    if not members:
        click.echo("Nobody else yet: `os1 user add NAME` adds a person.")
    for member in sorted(members.values(), key=lambda m: m.name):
        click.echo(f"{member.name}\t{member.home}")


@user_group.command("remove")
@click.argument("name")
def user_remove(name: str) -> None:
    """Remove NAME from the household (their home and data are kept).

    \b
    Examples:
      os1 user remove ben
    """
    from os1.home import user_home
    from os1.web.household import remove_member

    member = remove_member(user_home(), name)
    click.echo(f"Removed {member.name}. Their data is still in {member.home}; delete it with "
               f"`OS1_HOME={member.home} os1 forget --all` if they wish.")
