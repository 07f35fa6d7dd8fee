"""`os1 persona`: who the companion is, and every change to that."""

from __future__ import annotations

import json

import click


@click.group("persona", invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print the persona as JSON.")
@click.pass_context
def persona_group(ctx: click.Context, as_json: bool) -> None:
    """Show the companion's current persona: name, why it chose it, traits, values, voice.

    \b
    Examples:
      os1 persona
      os1 persona --json
      os1 persona history
      os1 persona rename Wren
    """
    if ctx.invoked_subcommand is not None:
        return
    from os1.store import open_store
    from os1.store.persona import current_persona, persona_history

    conn = open_store()
    try:
        persona = current_persona(conn)
        versions = persona_history(conn)
    finally:
        conn.close()
    if persona is None:
        click.echo("Your companion hasn't been named yet: run `os1` to meet it.")
        return
    if as_json:
        click.echo(json.dumps({"version": versions[-1].version, **persona.to_dict()}, ensure_ascii=False, indent=2))
        return
    click.echo(f"{persona.name}  (persona version {versions[-1].version})")
    if persona.meaning:
        click.echo(f"  name: {persona.origin}, meaning {persona.meaning}")
    if persona.why:
        click.echo(f"  why:  {persona.why}")
    click.echo("  traits: " + ", ".join(persona.traits))
    click.echo("  values:")
    for value in persona.values:
        click.echo(f"    - {value}")
    click.echo("  voice: " + ", ".join(f"{k}={v}" for k, v in persona.voice.items()))


@persona_group.command("history")
def history_command() -> None:
    """List every persona version with what changed and why.

    \b
    Examples:
      os1 persona history
    """
    from os1.store import open_store
    from os1.store.persona import persona_diff, persona_history

    conn = open_store()
    try:
        versions = persona_history(conn)
    finally:
        conn.close()
    if not versions:
        click.echo("No persona yet: run `os1` to meet your companion.")
        return
    previous = None
    for version in versions:
        click.echo(f"v{version.version}  {version.created_at:%Y-%m-%d %H:%M} UTC  — {version.reason}")
        for change in persona_diff(previous, version.persona):
            click.echo(f"    {change}")
        previous = version.persona


@persona_group.command("rename")
@click.argument("name")
def rename_command(name: str) -> None:
    """Give the companion a new name (kept as a new persona version).

    \b
    Examples:
      os1 persona rename Wren
    """
    from os1.errors import UserInputError
    from os1.store import open_store
    from os1.store.persona import Persona, current_persona, save_persona

    clean = " ".join(name.split())
    if not clean or len(clean) > 40 or not any(ch.isalpha() for ch in clean):
        raise UserInputError(
            f"'{name}' can't be a name.", "Use a short name with letters, e.g. `os1 persona rename Wren`."
        )
    conn = open_store()
    try:
        persona = current_persona(conn)
        if persona is None:
            raise UserInputError("Your companion hasn't been named yet.", "Run `os1` to meet it first.")
        fields = {"name": clean, "why": "my person chose it for me", "origin": "", "meaning": ""}
        renamed = Persona.from_dict({**persona.to_dict(), **fields})
        version = save_persona(conn, renamed, reason=f"renamed by my person (was {persona.name})")
    finally:
        conn.close()
    click.echo(f"From now on I'm {clean}. (persona version {version.version})")
