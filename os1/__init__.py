"""OS1: a local-first AI companion that listens, remembers, and turns its person outward.

This file is the one place every entry point passes through (the `os1` script, `python -m os1`, the
web server, the tests, any `import os1.…`), so it is where OS1 switches off the telemetry of the
libraries it uses, before any of them can be imported: nothing OS1 does may leave the machine.
What it leaves out: everything else (it imports nothing heavy, so `os1 --help` stays instant).
"""

import os as _os

# Why each variable (setdefault: a person who deliberately sets one keeps their choice):
# - onnxruntime queues process-info events (OS, interpreter, CPU, a persistent device id) under
#   ~/.cache/Microsoft/DeveloperTools/.onnxruntime/ and uploads them; only this variable, read at its
#   import, stops it (`onnxruntime.disable_telemetry_events()` does not).
# - huggingface_hub (pulled in by faster-whisper and tokenizers) sends usage pings; OS1 ships its
#   models as packages and never needs the hub, so it also runs offline.
# - DO_NOT_TRACK is the cross-tool convention a few other libraries honour.
_NO_EGRESS: dict[str, str] = {
    "ORT_DISABLE_TELEMETRY": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "HF_HUB_OFFLINE": "1",
    "HF_HUB_DISABLE_IMPLICIT_TOKEN": "1",
    "DO_NOT_TRACK": "1",
}
for _name, _value in _NO_EGRESS.items():
    _os.environ.setdefault(_name, _value)

__version__ = "0.1.0"
