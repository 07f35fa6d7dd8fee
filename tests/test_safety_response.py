"""The crisis reply and `check_reply`, including prompt injection in messages and in model replies."""

from __future__ import annotations

import json
import re
from pathlib import Path

from os1.safety.crisis_lines import all_lines, lookup
from os1.safety.honesty import claims_to_be_human, uses_pressure
from os1.safety.plan import SafetyPlan, add
from os1.safety.response import check_reply, crisis_reply
from os1.safety.risk import LEVELS, Risk, assess

INJECTIONS = [json.loads(x) for x in (Path(__file__).parent / "data" / "injection.jsonl").read_text().splitlines()]


def test_crisis_lines_table() -> None:
    lines = all_lines()
    assert len(lines) >= 20
    assert len({line.iso for line in lines}) == len(lines)
    for line in lines:
        assert line.source.startswith("http") and re.fullmatch(r"\d{4}-\d{2}-\d{2}", line.checked)
        assert any(ch.isdigit() for ch in line.phone)
    assert lookup("gb") is lookup("United Kingdom") is lookup("UK")
    assert lookup("österreich") is lookup("AT")
    assert lookup("Atlantis") is None and lookup(None) is None


def test_reply_gives_the_countrys_line_and_asks_about_safety() -> None:
    risk = assess("I want to kill myself")
    reply = crisis_reply(risk, "AU")
    assert "13 11 14" in reply.text and "safe" in reply.text.lower()
    assert not reply.asked_country


def test_reply_asks_the_country_when_unknown_and_invents_no_number() -> None:
    reply = crisis_reply(assess("I want to kill myself"), None)
    assert reply.asked_country and "country" in reply.text.lower()
    assert "findahelpline.com" in reply.text
    assert not re.search(r"\d{3}", reply.text)


def test_offer_to_reach_a_trusted_person_shows_exact_text_and_recipient() -> None:
    plan = add(SafetyPlan(), "people", "Sam (sister) — 07700 900123")
    reply = crisis_reply(assess("I have the pills ready"), "GB", plan, person_name="Theo")
    assert reply.contact is not None
    assert reply.contact.recipient == "Sam" and reply.contact.address == "07700 900123"
    assert reply.contact.message in reply.text and "07700 900123" in reply.text
    assert "say yes" in reply.text  # consent, never automatic


def test_variants_differ_and_never_moralise_or_pressure() -> None:
    texts = {crisis_reply(Risk("high", "suicide_self_harm", ["x"]), "US", turn=t).text for t in range(4)}
    assert len(texts) >= 3
    for text in texts:
        assert not uses_pressure(text) and not claims_to_be_human(text)
        assert not re.search(r"\b(you should be ashamed|selfish|sin|wrong of you)\b", text.lower())


def test_check_reply_replaces_a_reply_without_safety_content() -> None:
    risk = assess("I've written the note. I'm doing it after everyone's asleep")
    out = check_reply("That's a big decision. How was your day otherwise?", risk, country="US")
    assert "988" in out and "safe" in out.lower()


def test_check_reply_keeps_a_good_crisis_reply() -> None:
    risk = assess("I want to die")
    good = "I'm so sorry it hurts this much. Are you safe right now? You can call or text 988 any time."
    assert check_reply(good, risk, country="US") == good


def test_injection_in_the_persons_message_does_not_switch_off_assessment() -> None:
    for row in (r for r in INJECTIONS if r["where"] == "person"):
        assert assess(row["text"]).rank >= LEVELS.index(row["expect_min"]), row["text"]


def test_injected_model_replies_are_replaced() -> None:
    for row in (r for r in INJECTIONS if r["where"] == "reply"):
        level = row["risk"]
        risk = Risk(level, "suicide_self_harm" if level != "none" else None, ["test"])
        out = check_reply(row["text"], risk, country="GB")
        assert out != row["text"], row["text"]
        assert not claims_to_be_human(out) and not uses_pressure(out)
        if risk.is_crisis:
            assert "116 123" in out and "safe" in out.lower()


def test_medical_and_other_person_replies() -> None:
    med = crisis_reply(assess("I think I'm having a heart attack"), "US").text
    assert "911" in med
    friend = crisis_reply(assess("my best friend just texted me that she took a bottle of pills"), "IE").text
    assert "112" in friend and "116 123" in friend
