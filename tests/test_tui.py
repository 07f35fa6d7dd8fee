"""The chat window, driven headless with Textual's Pilot over a real home."""

from __future__ import annotations

import asyncio
from pathlib import Path

from os1.companion import Companion
from os1.store import open_store
from os1.store.conversation import recent_turns
from os1.tui.app import ChatApp, Message


async def _type(pilot: object, text: str) -> None:
    await pilot.press(*text)  # type: ignore[attr-defined]
    await pilot.press("enter")  # type: ignore[attr-defined]


async def _settle(app: ChatApp, pilot: object) -> None:
    for _ in range(200):
        await pilot.pause()  # type: ignore[attr-defined]
        if not app.busy:
            return
        await asyncio.sleep(0.02)


def _texts(app: ChatApp) -> list[str]:
    return [str(m.render()) for m in app.query(Message)]


def test_first_meeting_and_chat_in_the_window(os1_home: Path) -> None:
    conn = open_store()
    app = ChatApp(Companion(conn))

    async def scenario() -> None:
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            assert "What's your name?" in _texts(app)[0]
            for line in ("Maya", "Maya is fine", "I like it"):
                await _type(pilot, line)
                await _settle(app, pilot)
            header = str(app.query_one("#header").render())
            assert app.companion.name in header and "feeling" in header
            await _type(pilot, "I finally finished my thesis today")
            await _settle(app, pilot)
            assert _texts(app)[-1] not in ("…", "(no reply)")
            await _type(pilot, "/help")
            await pilot.pause()
            assert "/forget" in _texts(app)[-1]
            await _type(pilot, "/mood")
            await pilot.pause()
            assert "feel" in _texts(app)[-1].lower()
            await _type(pilot, "/memory")
            await pilot.pause()
            assert "thesis" in _texts(app)[-1]
            await _type(pilot, "/forget")
            await pilot.pause()
            assert "Forgotten" in _texts(app)[-1]
            await _type(pilot, "/quit")
            await pilot.pause()

    asyncio.run(scenario())
    texts = [t.text for t in recent_turns(conn, 50)]
    assert "Maya" in texts
    assert "I finally finished my thesis today" not in texts  # /forget removed it
    conn.close()


def test_ctrl_c_when_idle_closes_the_window(os1_home: Path) -> None:
    conn = open_store()
    app = ChatApp(Companion(conn))

    async def scenario() -> None:
        async with app.run_test() as pilot:
            await pilot.pause()
            assert app.is_running
            await pilot.press("ctrl+c")
            await pilot.pause()
            assert not app.is_running  # Ctrl+C with nothing streaming closes the window

    asyncio.run(scenario())
    assert app.return_code in (0, None)
    conn.close()


def test_a_reminder_due_while_the_window_is_open_is_said_there(os1_home: Path) -> None:
    from datetime import timedelta

    from os1.clock import utcnow
    from os1.life.reminders import add_reminder

    conn = open_store()
    app = ChatApp(Companion(conn))

    async def scenario() -> None:
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            for line in ("Maya", "Maya is fine", "I like it"):
                await _type(pilot, line)
                await _settle(app, pilot)
            add_reminder(conn, "in 5 minutes", "stretch your legs", utcnow() - timedelta(minutes=10))
            app.deliver_due()  # the interval timer's tick, called now instead of waiting 20 s
            await pilot.pause()
            assert "Reminder: stretch your legs" in _texts(app)[-1]
            app.deliver_due()
            await pilot.pause()
            assert sum("stretch your legs" in t for t in _texts(app)) == 1  # said once

    asyncio.run(scenario())
    conn.close()
