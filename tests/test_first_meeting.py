"""The first meeting in line mode, through the real `os1` command, and the persona it leaves behind."""

from __future__ import annotations

import json

import pytest

from os1.mind.naming import choose_name, load_names
from os1.mind.understanding.names import read_name
from tests.conftest import MEETING, run_os1


def test_names_list_is_large_enough() -> None:
    names = load_names()
    assert len(names) >= 200
    assert len({n.name.lower() for n in names}) == len(names)


def test_name_choice_is_personal_to_the_meeting() -> None:
    from datetime import UTC, datetime

    moment = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    picks = {choose_name(moment, words).name for words in ("Sam", "hello, I'm Ana", "Theo", "it's Ruth", "Mo")}
    assert len(picks) >= 3  # different first words lead to different companions
    assert choose_name(moment, "Sam") == choose_name(moment, "Sam")  # but the process is a function
    assert choose_name(moment, "Sam", avoid={choose_name(moment, "Sam").name}).name != choose_name(moment, "Sam").name


def test_read_name_handles_common_answers() -> None:
    assert read_name("hi, I'm sam", expecting=True).name == "Sam"
    assert read_name("My name is Theodore Twombly", expecting=True).name == "Theodore Twombly"
    assert read_name("Amy", expecting=True).name == "Amy"
    assert not read_name("hello", expecting=True).found
    assert not read_name("...", expecting=True).found


@pytest.mark.parametrize(
    ("said", "name", "call"),
    [
        ("I'm Theo", "Theo", None),
        ("call me Bea", "Bea", "Bea"),
        ("Josephine, but Jo to friends", "Josephine", "Jo"),
        ("I'm Lucia but everyone calls me Lu", "Lucia", "Lu"),
        ("it's Priya", "Priya", None),
        ("oh hi, Maximilian here", "Maximilian", None),
    ],
)
def test_a_name_is_read_from_wherever_it_stands(said: str, name: str, call: str | None) -> None:
    answer = read_name(said, expecting=True)
    assert (answer.name, answer.call) == (name, call)


@pytest.mark.parametrize(
    "said",
    ["I'm exhausted from the night shift", "im so tired", "I'm fine", "I am so lonely", "I'm back",
     "ugh what a day, my boss yelled at me", "I'm so done with everything"],
)
def test_a_feeling_a_verb_or_a_sentence_is_never_a_name(said: str) -> None:
    assert not read_name(said, expecting=True).found


def test_declining_is_heard() -> None:
    assert read_name("I'd rather not say", expecting=True).declined


def test_first_boot_in_line_mode_names_itself_and_explains_why() -> None:
    result = run_os1("chat", "--json", input="hello\nmy name is Theodore\nTeddy is fine\nI like it\n")
    assert result.returncode == 0, result.stderr
    replies = [json.loads(line) for line in result.stdout.splitlines()]
    assert replies[0]["type"] == "opening" and "name" in replies[0]["text"].lower()
    assert "what to call you" in replies[1]["text"]  # "hello" is not a name: it asks again
    assert "Theodore" in replies[2]["text"]
    naming = replies[3]["text"]
    chosen = replies[3]["companion"]
    assert chosen in {n.name for n in load_names()}
    assert chosen in naming and "because" in naming and "Teddy" in naming
    assert replies[4]["companion"] == chosen

    persona = json.loads(run_os1("persona", "--json").stdout)
    assert persona["name"] == chosen and persona["version"] == 1 and persona["why"]


def test_renaming_at_the_meeting_makes_a_new_persona_version() -> None:
    result = run_os1("chat", input="Ana\nyes\nCan I call you Juniper?\n")
    assert result.returncode == 0, result.stderr
    assert "Juniper" in result.stdout.splitlines()[-1]
    history = run_os1("persona", "history").stdout
    assert "v1" in history and "v2" in history and "Juniper" in history
    assert "renamed by my person" in history


def test_rename_command_versions_the_persona() -> None:
    run_os1("chat", input=MEETING)
    result = run_os1("persona", "rename", "Wren")
    assert result.returncode == 0 and "Wren" in result.stdout
    assert json.loads(run_os1("persona", "--json").stdout)["name"] == "Wren"
    bad = run_os1("persona", "rename", "1234")
    assert bad.returncode == 1 and "Error:" in bad.stderr and "Traceback" not in bad.stderr
