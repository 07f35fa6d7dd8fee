"""`os1 memory ...` through a real subprocess: import, search (single and batch), list, show, edit, forget."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.memory_helpers import STORY, write_jsonl

ROOT = Path(__file__).resolve().parent.parent


def os1(home: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OS1_HOME": str(home), "PYTHONPATH": str(ROOT)}
    env.pop("OS1_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "os1", "memory", *args],
        capture_output=True,
        text=True,
        env=env,
        input=stdin,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("cli")
    result = os1(base / "home", "import", str(write_jsonl(base / "story.jsonl", STORY)), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["imported"] == len(STORY)
    assert [i["id"] for i in report["ids"]] == [t["id"] for t in STORY]
    assert "Importing" in result.stderr  # the progress bar goes to stderr
    return base / "home"


def test_search_json_returns_ranked_results_with_stored_ids(home: Path) -> None:
    result = os1(
        home, "search", "what did I do last weekend", "--at", "2023-05-10T12:00:00Z", "-k", "3", "--json"
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["results"][0]["id"] == "a3"
    assert {"id", "text", "timestamp", "speaker", "score"} <= set(data["results"][0])
    scores = [r["score"] for r in data["results"]]
    assert scores == sorted(scores, reverse=True)


def test_batch_queries_give_one_line_per_query_in_order(home: Path, tmp_path: Path) -> None:
    queries = write_jsonl(
        tmp_path / "q.jsonl",
        [
            {"id": "q1", "query": "On May 4th, what did I do?", "at": "2023-05-10T12:00:00Z"},
            {"id": "q2", "query": "", "at": "2023-05-10T12:00:00Z"},
            {"id": "q3", "query": "kayaking", "at": "1:00 pm on 10 May, 2023"},
            "not json",
        ],
    )
    result = os1(home, "search", "--queries", str(queries), "-k", "2")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["q1", "q2", "q3", 4]
    assert lines[0]["results"][0]["id"] == "a5"
    assert "empty" in lines[1]["error"] and lines[1]["results"] == []
    assert lines[2]["results"][0]["id"] == "a3"
    assert "error" in lines[3]


def test_empty_and_huge_queries_are_handled(home: Path) -> None:
    empty = os1(home, "search", "  ")
    assert empty.returncode == 1 and "query is empty" in empty.stderr and "Traceback" not in empty.stderr
    huge = os1(home, "search", "kayaking " * 1200, "--json")
    assert huge.returncode == 0 and "first 2,000" in huge.stderr
    assert json.loads(huge.stdout)["results"][0]["id"] == "a3"


def test_bad_file_exits_with_line_numbers_and_imports_nothing(home: Path, tmp_path: Path) -> None:
    bad = write_jsonl(
        tmp_path / "bad.jsonl",
        [
            {"id": "z1", "timestamp": "2023-05-01", "speaker": "Ana", "text": "fine"},
            "{oops",
            {"id": "z2", "timestamp": "next blue moon", "speaker": "Ana", "text": "odd"},
        ],
    )
    result = os1(home, "import", str(bad))
    assert result.returncode == 1
    assert "line 2: not valid JSON" in result.stderr and "line 3: unknown timestamp format" in result.stderr
    assert "Unknown timestamp formats: 'next blue moon'" in result.stderr
    assert "z1" not in os1(home, "list", "-n", "100").stdout
    skipped = os1(home, "import", str(bad), "--skip-bad")
    assert skipped.returncode == 0 and "Skipped 2 bad line(s)" in skipped.stderr


def test_list_show_edit_forget(home: Path) -> None:
    listed = [json.loads(line) for line in os1(home, "list", "--json", "-n", "50").stdout.splitlines()]
    assert {"a1", "a6"} <= {row["id"] for row in listed}
    shown = json.loads(os1(home, "show", "a1", "--json").stdout)
    assert (
        shown["text"].startswith("My sister Bea")
        and {"relation": "sister", "object": "Bea"}.items() <= shown["facts"][0].items()
    )
    assert os1(home, "edit", "a4", "This weekend I stayed home and baked rye bread.").returncode == 0
    assert "rye bread" in os1(home, "show", "a4").stdout
    forgot = os1(home, "forget", "a1", "--secure")
    assert forgot.returncode == 0 and "Forgot 1 memory" in forgot.stdout
    missing = os1(home, "show", "a1")
    assert missing.returncode == 1 and "No memory has the id 'a1'" in missing.stderr
    facts = os1(home, "facts", "--all").stdout
    assert "Bea" not in facts


def test_help_has_examples() -> None:
    for command in ("import", "search", "list", "show", "edit", "forget"):
        result = os1(Path("/nonexistent-home-not-used"), command, "--help")
        assert result.returncode == 0 and "Example" in result.stdout


def test_chat_exports_through_the_command(tmp_path: Path) -> None:
    home = tmp_path / "home"
    chat = tmp_path / "WhatsApp Chat with Dana.txt"
    chat.write_text("12/05/2023, 14:03 - Ana: Favourite film?\n12/05/2023, 14:04 - Dana: Paddington 2.\n")
    first = os1(home, "import", str(chat), "--me", "Ana", "--json")
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    assert report["imported"] == 2 and report["format"] == "whatsapp"
    again = os1(home, "import", str(chat), "--me", "Ana")
    assert again.returncode == 0 and "2 already in memory" in again.stdout
    notes = tmp_path / "notes.txt"
    notes.write_text("shopping list\neggs\n")
    unknown = os1(home, "import", str(notes))
    assert unknown.returncode == 1
    assert "not a chat format OS1 can import" in unknown.stderr and "Traceback" not in unknown.stderr
