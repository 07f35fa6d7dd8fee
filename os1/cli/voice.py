"""`os1 say` and `os1 listen`: the voice from the command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from os1.errors import UserInputError

# A recording bigger than this is refused before it is read (a spoken turn is well under 1 MB).
MAX_LISTEN_BYTES = 50 * 1024 * 1024


@click.command("say")
@click.argument("text", required=False)
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Write the speech to this WAV file ('-' for stdout).")
@click.option("--engine", type=click.Choice(["auto", "piper", "espeak"]), default="auto", show_default=True,
              help="piper (the natural packaged voice) or espeak-ng (the fallback).")
def say_command(text: str | None, out: Path, engine: str) -> None:
    """Speak TEXT with the companion's voice into a WAV file.

    Reads the text from stdin when TEXT is not given. Uses piper's packaged
    voice, or espeak-ng when piper is not installed.

    \b
    Examples:
      os1 say "Good morning, Theodore." --out morning.wav
      echo "Time for a walk?" | os1 say --out walk.wav
      os1 say "Testing the fallback" --engine espeak --out test.wav
    """
    from os1.voice.tts import speak

    if text is None:
        text = sys.stdin.read()
    audio = speak(text, engine=engine)  # type: ignore[arg-type]  # click.Choice guarantees the literal
    if str(out) == "-":
        sys.stdout.buffer.write(audio)
        return
    try:
        out.write_bytes(audio)
    except OSError as exc:
        raise UserInputError(f"OS1 cannot write {out} ({exc.strerror}).", "Choose a writable path.") from exc
    from os1.voice.tts import wav_duration

    click.echo(f"Wrote {wav_duration(audio):.1f} s of speech to {out}.", err=True)


@click.command("listen")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--language", default="en", show_default=True, help="The language spoken (a Whisper code).")
def listen_command(file: Path, language: str) -> None:
    """Transcribe a recording FILE and print what was said.

    Accepts WAV, WebM/Opus, Ogg, MP3 and FLAC ('-' reads stdin). Runs
    locally with the packaged Whisper base model.

    \b
    Examples:
      os1 listen note.wav
      os1 say "Hello there" --out - | os1 listen -
    """
    from os1.voice.stt import transcribe

    if str(file) == "-":
        audio = sys.stdin.buffer.read(MAX_LISTEN_BYTES + 1)
    else:
        try:
            if file.stat().st_size > MAX_LISTEN_BYTES:
                raise UserInputError(f"{file} is too large for a recording (over 50 MB).", "Send a shorter one.")
            audio = file.read_bytes()
        except FileNotFoundError:
            raise UserInputError(f"{file} does not exist.", "Check the path.") from None
        except OSError as exc:
            raise UserInputError(f"OS1 cannot read {file} ({exc.strerror}).", "Check the path.") from exc
    if len(audio) > MAX_LISTEN_BYTES:
        raise UserInputError("The recording is too large (over 50 MB).", "Send a shorter one.")
    click.echo(transcribe(audio, language=language))
