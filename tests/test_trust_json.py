"""JSON from outside: a BOM is accepted; nesting and number size are capped with a ValueError, never a
RecursionError or a crash; batch search reads such files line by line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from os1.jsonsafe import MAX_DEPTH, depth, loads, open_text
from tests.conftest import MEETING, run_os1


def test_loads_accepts_what_json_accepts() -> None:
    value = {"a": [1, 2.5, "x[{"], "b": {"c": None, "d": True}, "e": 'quote" and ] bracket'}
    assert loads(json.dumps(value)) == value
    assert loads("\ufeff" + json.dumps(value)) == value
    assert loads(json.dumps(value).encode()) == value
    assert depth('{"a": "[[[[[["}') == 1


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested deeper"),
        ("[" * 100_000, "nested deeper"),
        ('{"id": ' + "9" * 100_000 + "}", "characters long"),
        ('{"x": 1e99999999999999999999999999999999999999999}', "characters long"),
        ("NaN", "not a JSON number"),
        ("{not json", "Expecting"),
    ],
)
def test_loads_refuses_with_a_value_error(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        loads(text)


def test_open_text_skips_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + b'{"id": 1}\n')
    with open_text(path) as handle:
        assert [loads(line) for line in handle] == [{"id": 1}]
    assert loads(f"[{'[' * (MAX_DEPTH - 1)}{']' * (MAX_DEPTH - 1)}]") is not None


def test_batch_search_survives_hostile_lines(os1_home: Path, tmp_path: Path) -> None:
    assert run_os1("chat", input=MEETING + "my brother Jon lives in Leeds\n").returncode == 0
    queries = tmp_path / "queries.jsonl"
    lines = [json.dumps({"id": "q1", "query": "where does Jon live"}), "[" * 50_000,
             '{"id": ' + "9" * 100_000 + "}", json.dumps({"id": "q4", "query": "Leeds"})]
    queries.write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode() + b"\n")
    result = run_os1("memory", "search", "--queries", str(queries))
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["q1", 2, 3, "q4"]
    assert out[0]["results"] and out[3]["results"] and "nested" in out[1]["error"]
