"""The scenario suite: every scripted conversation in tests/scenarios/*.yaml, played through the real
turn pipeline (real SQLite home, real spaCy, real embeddings) in-process, one test per scenario.

A scenario listed in tests/scenarios/known_gaps.tsv (or marked `known_gap: "why"` in its YAML) is a
conversation OS1 does not handle yet: it is expected to fail (xfail, strict, so a fix shows up as XPASS and
the line must go). bench/scenarios.py reports the pass rate over all of them, writes the transcripts to
read, and with --write-gaps rewrites the list from a run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.scenario_runner import known_gaps, load_scenarios, run_scenario

SCENARIOS = load_scenarios()
GAPS = known_gaps()


def _param(scenario: dict[str, Any]) -> Any:
    why = scenario.get("known_gap") or GAPS.get(scenario["name"])
    marks = [pytest.mark.xfail(reason=str(why), strict=True)] if why else []
    return pytest.param(scenario, id=scenario["name"], marks=marks)


def test_every_known_gap_names_a_scenario() -> None:
    assert not set(GAPS) - {s["name"] for s in SCENARIOS}


def test_the_suite_is_large_enough() -> None:
    assert len(SCENARIOS) >= 20


@pytest.mark.parametrize("scenario", [_param(s) for s in SCENARIOS])
def test_scenario(scenario: dict[str, Any], os1_home: Path) -> None:
    result = run_scenario(scenario, os1_home)
    assert result.passed, "\n" + result.transcript()
