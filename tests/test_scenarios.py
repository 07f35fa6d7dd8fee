"""The scenario suite: every scripted conversation in tests/scenarios/*.yaml, played through the real
turn pipeline (real SQLite home, real spaCy, real embeddings) in-process, one test per scenario.

A scenario marked `known_gap: "why"` is a conversation OS1 does not handle yet: it is expected to fail
(xfail, strict, so a fix shows up as XPASS and the mark must come off). bench/scenarios.py reports the
pass rate over all of them and writes the transcripts to read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.scenario_runner import load_scenarios, run_scenario

SCENARIOS = load_scenarios()


def _param(scenario: dict[str, Any]) -> Any:
    marks = [pytest.mark.xfail(reason=str(scenario["known_gap"]), strict=True)] if scenario.get("known_gap") else []
    return pytest.param(scenario, id=scenario["name"], marks=marks)


def test_the_suite_is_large_enough() -> None:
    assert len(SCENARIOS) >= 20


@pytest.mark.parametrize("scenario", [_param(s) for s in SCENARIOS])
def test_scenario(scenario: dict[str, Any], os1_home: Path) -> None:
    result = run_scenario(scenario, os1_home)
    assert result.passed, "\n" + result.transcript()
