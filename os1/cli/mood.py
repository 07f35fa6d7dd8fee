"""`os1 mood`: how the companion feels right now and why (its modelled affect)."""

from __future__ import annotations

import json

import click


@click.command("mood")
@click.option("--json", "as_json", is_flag=True, help="Print the state, feelings and reasons as JSON.")
def mood_command(as_json: bool) -> None:
    """Show the companion's own feelings and the reasons they moved.

    The feelings are a program's modelled state (valence, arousal and named
    feelings such as warmth, curiosity and concern); they drift back to rest
    with time between conversations.

    \b
    Examples:
      os1 mood
      os1 mood --json
    """
    from os1.clock import utcnow
    from os1.mind import affect
    from os1.store import open_store

    conn = open_store()
    try:
        report = affect.mood_report(conn, utcnow())
    finally:
        conn.close()
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False))
        return
    click.echo(str(report["explanation"]))
    click.echo(f"valence {report['valence']:+.2f}  arousal {report['arousal']:.2f}  ({report['label']})")
    feelings = report["feelings"]
    assert isinstance(feelings, dict)
    for name, value in sorted(feelings.items(), key=lambda kv: -kv[1]):
        click.echo(f"  {name:12} {'#' * round(value * 20):20} {value:.2f}")
