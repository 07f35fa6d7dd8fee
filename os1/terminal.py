"""What may reach a terminal: the one sanitiser for printing stored or imported text.

A vCard name, an .ics summary, an imported or typed message can carry escape sequences: OSC 52
writes the clipboard, OSC 0 retitles the window, a cursor or device query makes the terminal type its
answer onto stdin. Every terminal and line-mode print of such text goes through `clean` (or `echo`,
`json_text`): C0 and C1 controls and every escape sequence are removed, except newline and tab.
What this module leaves out: the web (Starlette templates and the page escape HTML already) and the
stored text itself, which is never changed: only what is printed is cleaned.
"""

from __future__ import annotations

import json
import re
from typing import Any

import click

# Escape sequences as terminals parse them (ECMA-48), 7-bit and 8-bit forms. A string sequence (OSC,
# DCS, SOS, PM, APC) is removed whole when it is terminated (BEL or ST) on its line; an unterminated one
# loses only its introducer, so the text after it stays readable and inert.
_SEQUENCE = re.compile(
    r"\x1b\][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)"  # OSC ... BEL | ST
    r"|\x1b[PX^_][^\x1b\x9c\n]*(?:\x1b\\|\x9c)"  # DCS, SOS, PM, APC ... ST
    r"|\x1b\[[0-?]*[ -/]*[@-~]?"  # CSI parameters, intermediates, final
    r"|\x1b[ -/]*[0-~]?"  # other ESC sequences (charset, keypad, RIS ...) and lone introducers
    r"|\x9d[^\x07\x1b\x9c\n]*(?:\x07|\x9c)"  # 8-bit OSC
    r"|[\x90\x98\x9e\x9f][^\x1b\x9c\n]*\x9c"  # 8-bit DCS, SOS, PM, APC
    r"|\x9b[0-?]*[ -/]*[@-~]?"  # 8-bit CSI
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 but \t \n, DEL, C1
_C1_OR_DEL = re.compile(r"[\x7f-\x9f]")


def clean(text: Any, *, newlines: bool = True) -> str:
    """`text` without escape sequences or control characters (tab and, unless `newlines=False`,
    newline kept; a carriage return goes, since it lets a line overwrite what was printed before)."""
    out = _CONTROL.sub("", _SEQUENCE.sub("", str(text)))
    return out if newlines else out.replace("\n", " ")


def echo(message: Any = "", *, err: bool = False, nl: bool = True) -> None:
    """`click.echo` of cleaned text."""
    click.echo(clean(message), err=err, nl=nl)


def json_text(value: Any, **dumps: Any) -> str:
    """`json.dumps(value, ensure_ascii=False)` that is also safe on a terminal: JSON escapes C0 itself;
    DEL and C1 (which it leaves raw outside ASCII mode) become \\u escapes, so the data is unchanged."""
    text = json.dumps(value, ensure_ascii=False, **dumps)
    return _C1_OR_DEL.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
