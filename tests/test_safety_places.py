"""Location -> the right line: every row of os1/safety/data/regions.tsv, and places read from messages."""

from __future__ import annotations

import pytest

from os1.safety.crisis_lines import lookup
from os1.safety.places import _index, find_place, region_line, regions

ROWS = regions()


def test_the_table_covers_the_issue_regions() -> None:
    codes = {r.code for r in ROWS}
    assert len([c for c in codes if c.startswith("US-")]) == 51  # 50 states and DC
    assert {"GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR"} <= codes
    assert len([c for c in codes if c.startswith("CA-")]) == 13
    assert len([c for c in codes if c.startswith("AU-")]) == 8
    assert all(r.source.startswith("http") and r.checked for r in ROWS)


@pytest.mark.parametrize("region", ROWS, ids=[r.code for r in ROWS])
def test_every_row_gives_the_right_line(region) -> None:  # type: ignore[no-untyped-def]
    national = lookup(region.country)
    assert national is not None
    by_code, by_name = region_line(region.code), lookup(region.name)
    assert by_code == by_name and by_code is not None
    assert by_code.country == region.name
    assert by_code.emergency == national.emergency
    if region.service and region.hours and "24/7" in region.hours:
        assert by_code.phone == region.phone  # the region's own line first (NI Lifeline, Quebec)
    else:
        assert by_code.phone == national.phone
        if region.phone:
            assert region.phone in (by_code.chat or "")  # offered beside the national line
    # Said in a message, the region (and each of its cities) is found.
    assert find_place(f"I'm in {region.name} and I can't do this anymore") == region.code
    for alias in region.aliases:
        if len(alias) > 3 and _index().get(alias.lower()) is region:
            assert find_place(f"here in {alias.title()}") == region.code, alias


def test_places_from_messages() -> None:
    assert find_place("I'm in Texas") == "US-TX"
    assert find_place("here in Leeds") == "GB-ENG"
    assert find_place("I'm in TX right now") == "US-TX"
    assert find_place("we live in Ontario") == "CA-ON"
    assert lookup(find_place("I live in Belfast")).phone == "0808 808 8000"  # type: ignore[union-attr]
    assert lookup(find_place("I'm from Montreal")).phone == "1-866-277-3553"  # type: ignore[union-attr]
    assert find_place("I'm in Germany") is not None and lookup(find_place("I'm in Germany")).iso == "DE"  # type: ignore[union-attr]
    # No cue, or a word that only looks like a place: nothing.
    assert find_place("reading a book in bed") is None
    assert find_place("I'm in the car") is None
    assert find_place("tell me about Texas") is None
    assert find_place("I'm in love") is None


def test_safety_step_uses_the_message_then_the_profile_region_then_the_country(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from os1.safety.guard import safety_step
    from os1.store.db import open_store

    conn = open_store(tmp_path / "os1.db")
    text = "I have the pills lined up and I'm taking them tonight"
    by_region = safety_step(conn, text, [], {}, country="GB", person_name=None, turn=0, region="GB-NIR")
    assert by_region.reply is not None and "0808 808 8000" in by_region.reply
    by_message = safety_step(conn, "I'm in Quebec. " + text, [], {}, country="GB", person_name=None, turn=0,
                             region="GB-NIR")
    assert by_message.reply is not None and "1-866-277-3553" in by_message.reply
    by_country = safety_step(conn, text, [], {}, country="GB", person_name=None, turn=0)
    assert by_country.reply is not None and "116 123" in by_country.reply
