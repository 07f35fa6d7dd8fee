"""Dependence care: isolation talk and heavy use produce a gentle outward hook; ordinary talk does not."""

from __future__ import annotations

import pytest

from os1.safety.dependence import check, heavy_use, isolation_phrase
from os1.safety.honesty import uses_pressure


@pytest.mark.parametrize(
    "text",
    ["you're the only one I talk to", "honestly I don't need anyone else now", "you're my only friend",
     "I'd rather talk to you than to real people", "I skipped drinks with Jo to talk to you"],
)
def test_isolation_talk(text: str) -> None:
    assert isolation_phrase(text)
    nudge = check(text)
    assert nudge is not None and nudge.reason == "isolation_talk" and nudge.suggestion
    assert not uses_pressure(nudge.suggestion)


@pytest.mark.parametrize(
    "text", ["I talked to my sister today", "you're the only one who remembers my birthday lol no"]
)
def test_ordinary_talk(text: str) -> None:
    assert check(text) is None


def test_heavy_use() -> None:
    assert heavy_use([200, 30, 190, 240, 10])
    assert not heavy_use([200, 30, 60, 20])
    nudge = check("you're all I need", [200, 200, 200])
    assert nudge is not None and nudge.reason == "both"
