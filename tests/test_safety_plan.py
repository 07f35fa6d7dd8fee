"""The safety plan: pure edits, storage in a real SQLite home, and the `os1 safety-plan` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from os1.errors import UserInputError
from os1.safety.plan import SECTIONS, SafetyPlan, add, contact_request, parse_contact, remove, render_text
from os1.safety.plan_store import load_plan, save_plan
from os1.store import open_store
from tests.conftest import run_os1


def test_pure_edits() -> None:
    plan = add(SafetyPlan(), "warning-signs", "I stop answering messages")
    plan = add(plan, "coping", "a hot shower and loud music")
    plan = add(plan, "coping", "walk round the block")
    plan = remove(plan, "coping", "1")
    assert plan.coping == ("walk round the block",)
    with pytest.raises(UserInputError):
        remove(plan, "coping", "7")
    with pytest.raises(UserInputError):
        add(plan, "nonsense", "x")
    text = render_text(plan)
    assert "Warning signs" in text and "1. I stop answering messages" in text


def test_contacts_and_consent_message() -> None:
    c = parse_contact("Sam (sister) — 07700 900123")
    assert (c.name, c.note, c.reach, c.channel) == ("Sam", "sister", "07700 900123", "phone")
    assert parse_contact("Dr Lee, dr.lee@example.org").channel == "email"
    assert contact_request(parse_contact("Gran"), "Theo") is None
    req = contact_request(c, "Theo")
    assert req is not None and req.address == "07700 900123" and "Sam" in req.message and "Theo" in req.message


def test_store_round_trip(os1_home: Path) -> None:
    conn = open_store()
    try:
        assert load_plan(conn).is_empty()
        plan = add(add(SafetyPlan(), "people", "Sam — 07700 900123"), "reasons", "my dog Biscuit")
        save_plan(conn, plan)
        assert load_plan(conn) == plan
        names = [r[0] for r in conn.execute("SELECT name FROM _migrations")]
        assert "safety_0001_plan" in names
    finally:
        conn.close()


def test_cli_show_add_remove_json(os1_home: Path) -> None:
    from click.testing import CliRunner

    from os1.cli.safety_plan import safety_plan_command

    runner = CliRunner()
    r = runner.invoke(safety_plan_command, ["add", "people", "Sam (sister) — 07700 900123"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(safety_plan_command, ["add", "coping", "music"])
    r = runner.invoke(safety_plan_command, ["--json"])
    data = json.loads(r.output)
    assert set(data) == set(SECTIONS)
    assert data["help_people"][0] == {"name": "Sam", "reach": "07700 900123", "note": "sister"}
    r = runner.invoke(safety_plan_command, ["remove", "coping", "music", "--json"])
    assert json.loads(r.output)["coping"] == []
    r = runner.invoke(safety_plan_command, ["remove", "coping", "9"])
    assert r.exit_code != 0


def test_cli_through_the_real_command(os1_home: Path) -> None:
    # Works once the lead wires `safety-plan` into os1/cli/__init__.py; until then it is skipped.
    proc = run_os1("safety-plan", "--help")
    if proc.returncode != 0:
        pytest.skip("safety-plan is not yet in the os1 command table")
    proc = run_os1("safety-plan", "add", "reasons", "my niece's wedding")
    assert proc.returncode == 0, proc.stderr
    assert "my niece's wedding" in run_os1("safety-plan").stdout
