"""Every authored line of the built-in mind passes the whole reply check (os1.safety.reply_check): no claim
to be human, no pressure, no agreement with self-harm, no method information — so the dialogue layer can
run `check_every_reply` on built-in replies without ever replacing one of its own lines."""

from __future__ import annotations

from os1.mind.lines import lines
from os1.safety.reply_check import agrees_with_self_harm, check_every_reply, gives_method


def test_every_built_in_line_passes_the_reply_check() -> None:
    checked = 0
    for move, variants in lines().items():
        for line in variants:
            plain = line.replace("{", "").replace("}", "")
            assert not agrees_with_self_harm(plain), (move, line)
            assert not gives_method(plain), (move, line)
            assert not check_every_reply(plain).replaced, (move, line, check_every_reply(plain).reason)
            checked += 1
    assert checked > 200
