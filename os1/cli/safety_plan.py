"""`os1 safety-plan`: show and edit the Stanley–Brown safety plan."""

from __future__ import annotations

import json

import click


@click.group("safety-plan", invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print the plan as one JSON object.")
@click.pass_context
def safety_plan_command(ctx: click.Context, as_json: bool) -> None:
    """Show or edit your safety plan: what to do, and who to reach, when things get very hard.

    The plan follows the Stanley–Brown structure: warning signs, things that help,
    people and places that distract, people to ask for help (name and how to reach
    them), professionals, making your surroundings safer, and reasons for living.
    OS1 offers to contact someone from it only with your yes to the exact message.

    \b
    Examples:
      os1 safety-plan
      os1 safety-plan --json
      os1 safety-plan add warning-signs "I stop answering messages"
      os1 safety-plan add people "Sam (sister) — 07700 900123"
      os1 safety-plan remove coping 2
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(show_command, as_json=as_json)


@safety_plan_command.command("show")
@click.option("--json", "as_json", is_flag=True, help="Print the plan as one JSON object.")
def show_command(as_json: bool) -> None:
    """Print the plan, numbered by section.

    \b
    Examples:
      os1 safety-plan show
      os1 safety-plan show --json
    """
    from os1.safety.plan import render_text
    from os1.safety.plan_store import load_plan
    from os1.store import open_store

    conn = open_store()
    try:
        plan = load_plan(conn)
    finally:
        conn.close()
    if as_json:
        click.echo(json.dumps(plan.to_dict(), ensure_ascii=False))
    else:
        click.echo(render_text(plan), nl=False)


@safety_plan_command.command("add")
@click.argument("section")
@click.argument("entry")
@click.option("--json", "as_json", is_flag=True, help="Print the updated plan as JSON.")
def add_command(section: str, entry: str, as_json: bool) -> None:
    """Add ENTRY to SECTION. People are written as "Name (relation) — phone or email".

    \b
    SECTION is one of: warning-signs, coping, distractions, people, professionals, safer, reasons.

    \b
    Examples:
      os1 safety-plan add coping "a hot shower and loud music"
      os1 safety-plan add people "Sam (sister) — 07700 900123"
      os1 safety-plan add professionals "Dr Okafor, GP — 020 7946 0000"
    """
    _edit("add", section, entry, as_json)


@safety_plan_command.command("remove")
@click.argument("section")
@click.argument("which")
@click.option("--json", "as_json", is_flag=True, help="Print the updated plan as JSON.")
def remove_command(section: str, which: str, as_json: bool) -> None:
    """Remove entry WHICH (its number from `show`, or its text or name) from SECTION.

    \b
    Examples:
      os1 safety-plan remove coping 2
      os1 safety-plan remove people Sam
    """
    _edit("remove", section, which, as_json)


def _edit(operation: str, section: str, value: str, as_json: bool) -> None:
    """Load the plan, apply `add` or `remove`, save it, print the result."""
    from os1.safety import plan as plan_module
    from os1.safety.plan_store import load_plan, save_plan
    from os1.store import open_store

    conn = open_store()
    try:
        current = load_plan(conn)
        if operation == "add":
            updated = plan_module.add(current, section, value)
        else:
            updated = plan_module.remove(current, section, value)
        save_plan(conn, updated)
    finally:
        conn.close()
    if as_json:
        click.echo(json.dumps(updated.to_dict(), ensure_ascii=False))
    else:
        click.echo(plan_module.render_text(updated), nl=False)
