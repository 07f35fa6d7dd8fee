"""`analyze` end to end with the real parts: MiniLM, the shipped emotion model, spaCy, VADER.

The risk field comes from `os1.safety.risk.assess` (on this branch a marked stand-in until merge).
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from os1.cli.analyze import analyze_command
from os1.mind.emotions import LABELS, classify, ekman
from os1.mind.understanding import MAX_CHARS, analyze
from os1.mind.understanding.intent import INTENTS, classify_intent
from os1.mind.understanding.sentiment import sentiment
from os1.nlp.embeddings import get_embedder

WED = datetime(2026, 11, 25, 10, 0)
INTENT_SET = Path(__file__).parent / "data" / "intents.tsv"


def people(text: str) -> list[dict[str, object]]:
    return [{"name": p["name"], "relation": p["relation"]} for p in analyze(text, WED).entities["people"]]


# --- emotions ---------------------------------------------------------------------------------------


def test_classify_returns_all_28_scores_and_at_least_one_label() -> None:
    results = classify(["I'm so grateful for you", "ok", ""])
    assert len(results) == 3
    for r in results:
        assert set(r.scores) == set(LABELS)
        assert all(0.0 <= s <= 1.0 for s in r.scores.values())
        assert r.labels and set(r.labels) <= set(LABELS)


def test_gratitude_is_found() -> None:
    assert "gratitude" in classify(["I'm so grateful for you"])[0].labels


def test_loss_reads_as_sadness_or_grief() -> None:
    labels = classify(["my dog died yesterday"])[0].labels
    assert {"sadness", "grief"} & set(labels)


def test_plain_statement_is_neutral() -> None:
    assert classify(["The meeting is in room 4."])[0].labels == ["neutral"]


def test_a_message_scores_the_same_alone_or_in_a_padded_batch() -> None:
    # Batches pad every message to the longest; the emotion branch must mask the padding out of attention
    # and pooling, and quantise each token on its own (not the batch as a whole), or a message's
    # feelings would depend on its neighbours.
    texts = ["I am not happy about this at all, honestly it hurts", "yay", "why would she even say that?"]
    together = classify(texts)
    for text, batched in zip(texts, together, strict=True):
        alone = classify([text])[0]
        assert alone.labels == batched.labels
        assert all(abs(alone.scores[k] - batched.scores[k]) < 1e-3 for k in LABELS)


def test_negation_changes_the_reading() -> None:
    happy, unhappy = classify(["I am so happy today", "I am not happy today, not at all"])
    assert happy.scores["joy"] > 2 * unhappy.scores["joy"]
    assert "joy" in happy.ekman and "joy" not in unhappy.ekman


def test_ekman_grouping() -> None:
    assert ekman(["gratitude", "love", "grief"]) == ["joy", "sadness"]
    assert ekman(["neutral"]) == ["neutral"]


# --- people, places, dates --------------------------------------------------------------------------


def test_relation_and_name() -> None:
    assert {"name": "Anna", "relation": "sister"} in people("My sister Anna taught me to swim")


def test_relation_without_name() -> None:
    assert people("my mum called me last night") == [{"name": None, "relation": "mother"}]


def test_from_work_means_colleague() -> None:
    assert {"name": "Tom", "relation": "colleague"} in people("I had lunch with Tom from work")


def test_name_before_relation() -> None:
    assert {"name": "Anna", "relation": "best friend"} in people("Anna, my best friend, is moving away")


def test_places_and_organisations() -> None:
    ent = analyze("I start at Google in Paris next month", WED).entities
    assert "Paris" in ent["places"]
    assert "Google" in ent["organizations"]


def test_interview_on_friday_is_a_dated_plan() -> None:
    a = analyze("my interview is on Friday", WED)
    assert [d["value"] for d in a.entities["dates"]] == ["2026-11-27"]
    assert {"kind": "plan", "date": "2026-11-27"} in [
        {"kind": d["kind"], "date": d["date"]} for d in a.disclosures
    ]


def test_past_event_is_not_a_plan() -> None:
    kinds = [d["kind"] for d in analyze("I saw my sister on Monday", WED).disclosures]
    assert "plan" not in kinds


# --- disclosures --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("I love climbing", "like"),
        ("I really hate mornings", "dislike"),
        ("I work as a nurse", "job"),
        ("I'm a teacher at the local school", "job"),
        ("I'm worried about my exams", "worry"),
        ("I'm going to start running again", "plan"),
        ("I live in Glasgow with my partner", "home"),
        ("I haven't slept for three nights", "health"),
        ("I hope she calls me back", "hope"),
    ],
)
def test_disclosure_kinds(text: str, kind: str) -> None:
    assert kind in [d["kind"] for d in analyze(text, WED).disclosures]


def test_no_disclosure_in_a_question_about_the_world() -> None:
    assert analyze("Is it going to rain?", WED).disclosures == []


# --- sentiment and intent ---------------------------------------------------------------------------


def test_sentiment_labels() -> None:
    assert sentiment("I am so happy you remembered my birthday").label == "positive"
    assert sentiment("This is the worst day of my life").label == "negative"
    assert sentiment("The bus comes at nine").label == "neutral"


def _intent_rows() -> list[tuple[str, str]]:
    rows = []
    for line in INTENT_SET.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            text, intent = line.split("\t")
            rows.append((text, intent))
    return rows


def test_authored_intent_set_accuracy() -> None:
    rows = _intent_rows()
    assert {i for _, i in rows} == set(INTENTS)
    vectors = get_embedder().encode([t for t, _ in rows])
    predicted = [
        classify_intent(t, v, sentiment(t).compound) for (t, _), v in zip(rows, vectors, strict=True)
    ]
    correct = sum(p == g for p, (_, g) in zip(predicted, rows, strict=True))
    # 90 authored messages, 10 per intent; the figure at the time of writing is in the report.
    assert correct / len(rows) >= 0.9


@pytest.mark.parametrize(
    ("text", "intent"),
    [("hi", "greeting"), ("thank you so much", "thanks"), ("bye, talk soon", "goodbye"),
     ("are you a real person?", "about_companion"), ("remind me to call Sam on Sunday", "task_request")],
)  # fmt: skip
def test_formulaic_intents(text: str, intent: str) -> None:
    assert analyze(text, WED).intent == intent


def test_intent_listens_to_the_emotion() -> None:
    # Worded like news, felt as loss: the companion should stay with it, not celebrate.
    assert analyze("my dog died yesterday", WED).intent == "venting"
    assert analyze("I'm so grateful for you", WED).intent == "thanks"


def test_neutral_never_stands_beside_an_emotion() -> None:
    for r in classify(["my dog died yesterday", "I got the job!!", "The meeting is in room 4."]):
        assert r.labels == ["neutral"] or "neutral" not in r.labels


# --- the whole record ------------------------------------------------------------------------------


def test_to_dict_has_the_contract_keys_and_is_json() -> None:
    d = analyze("My sister Anna is visiting on Friday!", WED).to_dict()
    for key in (
        "text",
        "emotions",
        "emotion_scores",
        "sentiment",
        "intent",
        "entities",
        "disclosures",
        "risk",
    ):
        assert key in d
    assert d["risk"]["level"] in ("none", "low", "medium", "high", "imminent")
    json.dumps(d)


def test_very_long_text_is_bounded() -> None:
    a = analyze("I walked by the sea and thought about my sister. " * 30000, WED)
    assert a.truncated
    assert len(a.text) == MAX_CHARS
    assert a.notes


# --- the command ------------------------------------------------------------------------------------


def test_cli_json_one_object_per_line_in_order() -> None:
    stdin = b"hello\n\nmy interview is on Friday\n"
    result = CliRunner().invoke(analyze_command, ["--json", "--now", "2026-11-25T10:00"], input=stdin)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [r["text"] for r in records] == ["hello", "", "my interview is on Friday"]
    assert records[0]["intent"] == "greeting"
    assert records[1]["empty"] is True
    assert records[2]["entities"]["dates"][0]["value"] == "2026-11-27"


def test_cli_replaces_invalid_utf8_and_says_so() -> None:
    result = CliRunner().invoke(analyze_command, ["--json"], input=b"caf\xe9 with my friend\n")
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert "\ufffd" in record["text"]
    assert any("UTF-8" in n for n in record["notes"])


def test_cli_long_line_is_truncated_with_a_note() -> None:
    line = ("word " * 220_000).encode() + b"\n"  # about 1 MB
    result = CliRunner().invoke(analyze_command, ["--json"], input=line)
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["truncated"] is True
    assert len(record["text"]) == MAX_CHARS


def test_cli_readable_summary() -> None:
    result = CliRunner().invoke(
        analyze_command, ["--now", "2026-11-25T10:00", "My sister Anna is visiting on Friday"]
    )
    assert result.exit_code == 0, result.output
    assert "sister Anna" in result.output
    assert "2026-11-27" in result.output


def test_cli_rejects_a_bad_now() -> None:
    result = CliRunner().invoke(analyze_command, ["--now", "someday", "hi"])
    assert result.exit_code != 0
    assert "ISO" in result.output
