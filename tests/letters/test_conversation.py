"""Writing a letter together in the conversation, through the real pipeline and store."""

from __future__ import annotations

from pathlib import Path

from os1.letters.library import get_letter, versions
from tests.conftest import met_companion


def test_guided_letter_uses_what_it_remembers_and_only_the_persons_words(os1_home: Path) -> None:
    companion, conn = met_companion()
    companion.reply("My sister Anna taught me to swim in the cold lake behind our house.")
    first = companion.reply("can you help me write a letter to my sister?")
    assert "Anna" in first.text and "Who is Anna to you?" in first.text
    memory_question = companion.reply("she's my big sister")
    assert "You told me on" in memory_question.text and "taught me to swim" in memory_question.text
    companion.reply("yes")
    companion.reply("that I'm proud of her and I miss her every day")
    draft = companion.reply("I hope we can go back to the lake this summer")
    assert "letter 1" in draft.text
    letter = get_letter(conn, 1)
    assert letter.recipient == "Anna" and letter.person_id is not None
    assert "You taught me to swim" in letter.text and "miss you every day" in letter.text
    assert "Anna taught" not in letter.text and "My sister" not in letter.text
    companion.reply("make it warmer")
    assert len(versions(conn, 1)) == 2
    done = companion.reply("done")
    assert "os1 letter render 1" in done.text
    assert companion.reply("I had a nice day").meta.get("kind") != "task"  # the letter flow has ended


def test_stop_leaves_the_letter_flow(os1_home: Path) -> None:
    companion, conn = met_companion()
    assert "Mum" in companion.reply("help me write a birthday card to my mum").text
    assert "leave it there" in companion.reply("stop").text
    assert conn.execute("SELECT count(*) FROM letters").fetchone()[0] == 0


def test_with_a_language_model_the_draft_is_written_in_the_persons_voice(os1_home: Path) -> None:
    """The model is the Ollama-API test server (no Ollama binary can be installed here), scripted to
    answer with a letter; the request must carry the person's notes and an earlier letter as the voice."""
    from os1.letters.library import create_letter
    from os1.providers.registry import get_provider
    from tests.ollama_server import FakeOllama

    server = FakeOllama().start()
    try:
        companion, conn = met_companion(get_provider("ollama:llama3.1", base_url=server.base_url, retries=0))
        create_letter(conn, "Tom", "Tom, mate — cheers for the lift. Owe you a pint. T.", source="typed")
        companion.reply("help me write a letter to my sister Anna")
        companion.reply("my big sister")
        companion.reply("she taught me to swim in the lake")
        companion.reply("I'm proud of her")
        server.script.append([{"text": "Anna — remember the lake? You taught me to swim. Proud of you. T."},
                              {"done": "stop"}])
        draft = companion.reply("I hope we go back this summer")
        asked = server.requests[-1]["messages"]
        assert "Owe you a pint" in asked[0]["content"]  # an earlier letter, as the voice to match
        assert "taught me to swim" in asked[1]["content"] and "never invent" in asked[0]["content"]
        assert "in your voice" in draft.text and "remember the lake" in draft.text
    finally:
        server.stop()
