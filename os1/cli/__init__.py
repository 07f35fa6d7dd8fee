"""The `os1` command: a thin layer that parses, calls the library and prints.

Subcommands live in their own modules and are imported only when used (`LAZY_COMMANDS`), so
`os1 --help` stays instant. `os1` alone opens the conversation, like `os1 chat`.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from os1 import __version__

# name -> "module:attribute". Add a command here; its module is imported on first use.
LAZY_COMMANDS: dict[str, str] = {
    "chat": "os1.cli.chat:chat_command",
    "home": "os1.cli.admin:home_command",
    "config": "os1.cli.admin:config_group",
    "persona": "os1.cli.persona:persona_group",
    "export": "os1.cli.data:export_command",
    "import": "os1.cli.data:import_command",
    "forget": "os1.cli.data:forget_command",
    "doctor": "os1.cli.admin:doctor_command",
    "model": "os1.cli.model:model_group",
    "people": "os1.cli.people:people_group",
    "connection": "os1.cli.people:connection_group",
    "remind": "os1.cli.remind:remind_group",
    "daemon": "os1.cli.remind:daemon_command",
    "calendar": "os1.cli.calendar:calendar_group",
    "mail": "os1.cli.mail:mail_group",
    "letter": "os1.cli.letter:letter_group",
    "safety-plan": "os1.cli.safety_plan:safety_plan_command",
    "mood": "os1.cli.mood:mood_command",
    "memory": "os1.cli.memory:memory_group",
    "analyze": "os1.cli.analyze:analyze_command",
    "serve": "os1.cli.serve:serve_command",
    "user": "os1.cli.serve:user_group",
    "say": "os1.cli.voice:say_command",
    "listen": "os1.cli.voice:listen_command",
}

# One-line summaries shown by `os1 --help` without importing the command modules.
SUMMARIES: dict[str, str] = {
    "chat": "Talk with your companion (the default command).",
    "home": "Print the directory where OS1 keeps everything.",
    "config": "Read or change settings in config.toml.",
    "persona": "Show the companion's persona and its history.",
    "export": "Write all your data to one bundle file.",
    "import": "Restore a bundle into an empty home.",
    "forget": "Delete everything OS1 keeps (asks first).",
    "doctor": "Check the database and the optional parts.",
    "model": "Choose the mind: built-in, Ollama, any OpenAI-compatible server, a local GGUF.",
    "people": "The people in your life, and when you were last in touch.",
    "connection": "Human contact per week, your goals, who is drifting.",
    "remind": "Reminders in plain words: os1 remind WHEN WHAT.",
    "daemon": "Deliver reminders, follow-ups and nudges when due.",
    "calendar": "Your agenda from .ics files you import or follow.",
    "mail": "Your mail sorted into what matters; a digest.",
    "letter": "Write, render, send and bind letters to the people you love.",
    "safety-plan": "Your safety plan: warning signs, what helps, who to call.",
    "mood": "How the companion feels right now, and why.",
    "memory": "Import, search, show, edit and forget memories.",
    "analyze": "What OS1 understands in a message: emotions, intent, people, dates, risk.",
    "serve": "Open the web app on this machine (http://127.0.0.1:8765).",
    "user": "Add or list the people a household server serves.",
    "say": "Speak text with the companion's voice into a WAV file.",
    "listen": "Transcribe a recording and print what was said.",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on demand."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(LAZY_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = LAZY_COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, _, attribute = target.partition(":")
        command = getattr(importlib.import_module(module_name), attribute)
        assert isinstance(command, click.Command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, SUMMARIES.get(name, "")) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="os1")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """OS1 — a local-first companion that listens, remembers, and turns you outward.

    Run `os1` on its own to start talking. Everything OS1 keeps lives in one
    directory (`os1 home`); set OS1_HOME to use another.

    \b
    Examples:
      os1                        talk (first time: you meet, and it names itself)
      echo "hello" | os1 chat    scripted: one reply per input line
      os1 memory search "sister" --json
      os1 export backup.os1
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(cli.get_command(ctx, "chat") or click.Command("chat"))


def main(args: Any = None) -> None:
    """Console-script entry point: runs the CLI inside the one error boundary."""
    from os1.cli._errors import run_guarded
    from os1.home import private_umask

    private_umask()  # every file this process writes is the person's alone (0600), whatever the umask

    run_guarded(lambda: _run_click(args))


def _run_click(args: Any) -> None:
    """Run click without its own handling of Ctrl+C ("Aborted!", exit 1), keeping its usage errors."""
    import sys

    try:
        cli.main(args=args, prog_name="os1", standalone_mode=False)
    except click.exceptions.Abort:
        raise KeyboardInterrupt from None
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
