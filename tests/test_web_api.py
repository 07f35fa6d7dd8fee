"""`os1 serve` over real HTTP and WebSockets on 127.0.0.1: sign-in, CSRF, limits, bad input, two tabs.

Each test talks to a real server process (tests.web_server). Nothing is faked.
"""

from __future__ import annotations

import json
import time
import zipfile
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import httpx
import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import ClientConnection, connect

from tests.conftest import MEETING, run_os1
from tests.web_server import TOKEN, Server, running_server

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("serve")
    with running_server(root / "home") as srv:
        with srv.client() as client:  # take the home through the first meeting once
            for line in MEETING.splitlines():
                assert client.post("/api/chat", json={"text": line}).status_code == 200
        yield srv


def ws(server: Server, **headers: str) -> ClientConnection:
    return connect(server.ws_url, additional_headers={"Authorization": f"Bearer {TOKEN}", **headers},
                   max_size=None, open_timeout=30)


def frames_until(conn: ClientConnection, kind: str, timeout: float = 60) -> list[dict]:
    """Text frames received up to and including the first of `kind` (binary frames are skipped)."""
    seen: list[dict] = []
    deadline = time.monotonic() + timeout
    while True:
        raw = conn.recv(timeout=max(0.1, deadline - time.monotonic()))
        if isinstance(raw, bytes):
            continue
        frame = json.loads(raw)
        seen.append(frame)
        if frame["type"] == kind:
            return seen


def sign_in(server: Server) -> tuple[httpx.Client, str]:
    client = server.client(auth=False)
    response = client.post("/api/session", json={"token": TOKEN})
    assert response.status_code == 200
    return client, response.json()["csrf"]


# --- authentication -----------------------------------------------------------------------------

def test_every_api_route_needs_the_token(server: Server) -> None:
    with server.client() as client:
        paths = client.get("/api/openapi.json").json()["paths"]
    with server.client(auth=False) as anonymous:
        checked = 0
        for path, operations in paths.items():
            concrete = path.replace("{turn_id}", "x").replace("{letter_id}", "x")
            for method in operations:
                if (method, path) == ("post", "/api/session"):
                    continue
                if path == "/api/chat/ws":
                    continue  # a WebSocket: checked below
                response = anonymous.request(method.upper(), concrete, json={} if method != "get" else None)
                assert response.status_code == 401, (method, path, response.text)
                assert response.json()["error"]
                checked += 1
    assert checked >= 25


@pytest.mark.parametrize("header", ["Bearer wrong-token", "Bearer x", "Basic dGVzdDp0ZXN0", f"Bearer {TOKEN}x"])
def test_a_wrong_token_gets_401(server: Server, header: str) -> None:
    response = httpx.get(f"{server.url}/api/companion", headers={"Authorization": header})
    assert response.status_code == 401


def test_the_token_opens_the_api(server: Server) -> None:
    with server.client() as client:
        info = client.get("/api/companion").json()
    assert info["companion"] not in ("", "OS1")  # named itself in the first meeting
    assert info["mood"]


def test_websocket_without_the_token_is_refused(server: Server) -> None:
    with pytest.raises(InvalidStatus) as caught:
        connect(server.ws_url, open_timeout=10)
    assert caught.value.response.status_code == 403


def test_session_expires_after_its_time(tmp_path: Path) -> None:
    with running_server(tmp_path / "home", "--session-ttl", "1") as srv:
        client, _csrf = sign_in(srv)
        assert client.get("/api/session").status_code == 200
        time.sleep(1.5)
        assert client.get("/api/session").status_code == 401
        bearer = srv.client(auth=False)
        session = bearer.post("/api/session", json={"token": TOKEN}).json()["bearer"]
        time.sleep(1.5)
        assert bearer.get("/api/session", headers={"Authorization": f"Bearer {session}"}).status_code == 401


def test_repeated_wrong_sign_ins_are_slowed_down(tmp_path: Path) -> None:
    with running_server(tmp_path / "home") as srv, srv.client(auth=False) as client:
        codes = [client.post("/api/session", json={"token": f"guess-{i}"}).status_code for i in range(12)]
        assert codes[:10] == [401] * 10 and codes[-1] == 429
        assert client.post("/api/session", json={"token": TOKEN}).status_code == 429


# --- CSRF, origin, host ---------------------------------------------------------------------------

def test_cookie_requests_that_change_things_need_the_csrf_token(server: Server) -> None:
    client, csrf = sign_in(server)
    assert client.get("/api/settings").status_code == 200  # reading needs no CSRF token
    assert client.put("/api/settings", json={"voice": "auto"}).status_code == 403
    assert client.put("/api/settings", json={"voice": "auto"}, headers={"X-CSRF-Token": "nope"}).status_code == 403
    evil = {"X-CSRF-Token": csrf, "Origin": "http://evil.example"}
    assert client.put("/api/settings", json={"voice": "auto"}, headers=evil).status_code == 403
    assert client.put("/api/settings", json={"voice": "auto"}, headers={"X-CSRF-Token": csrf}).status_code == 200


def test_a_cookie_websocket_from_another_site_is_refused(server: Server) -> None:
    client, _csrf = sign_in(server)
    cookie = f"os1_session={client.cookies.get('os1_session')}"
    with pytest.raises(InvalidStatus):
        connect(server.ws_url, additional_headers={"Cookie": cookie, "Origin": "http://evil.example"}, open_timeout=10)
    with connect(server.ws_url, additional_headers={"Cookie": cookie, "Origin": server.url}, open_timeout=10) as conn:
        assert json.loads(conn.recv(timeout=30))["type"] == "ready"


def test_sign_in_from_another_site_is_refused(server: Server) -> None:
    response = httpx.post(f"{server.url}/api/session", json={"token": TOKEN}, headers={"Origin": "http://evil.example"})
    assert response.status_code == 403


def test_unknown_host_names_are_not_answered(server: Server) -> None:
    # A DNS-rebinding page would arrive with its own host name.
    headers = {"Host": "attacker.example", "Authorization": f"Bearer {TOKEN}"}
    response = httpx.get(f"{server.url}/api/health", headers=headers)
    assert response.status_code == 421


def test_page_and_assets_carry_a_strict_content_security_policy(server: Server) -> None:
    for path in ("/", "/static/app.js", "/static/style.css", "/api/nothing-here"):
        response = httpx.get(f"{server.url}{path}")
        policy = response.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src 'self'" in policy and "unsafe" not in policy
        assert response.headers["x-frame-options"] == "DENY"
    page = httpx.get(f"{server.url}/").text
    assert "<script>" not in page and "http://" not in page and "https://" not in page  # no inline code, no CDN


def test_refuses_to_serve_the_network_without_authentication(tmp_path: Path) -> None:
    result = run_os1("serve", "--host", "0.0.0.0", "--no-auth", env={"OS1_HOME": str(tmp_path / "h")})
    assert result.returncode == 1
    assert "without authentication" in result.stderr and "Traceback" not in result.stderr


def test_no_auth_is_allowed_on_loopback_only(tmp_path: Path) -> None:
    with running_server(tmp_path / "home", "--no-auth") as srv:
        assert httpx.get(f"{srv.url}/api/companion").status_code == 200
        # Still nothing for other sites' pages: the host, origin and CSRF checks stay on.
        assert httpx.get(f"{srv.url}/api/companion", headers={"Host": "evil.example"}).status_code == 421
        forget = {"confirm": "delete everything"}
        assert httpx.post(f"{srv.url}/api/forget", json=forget).status_code == 403
        csrf = httpx.get(f"{srv.url}/api/session").json()["csrf"]
        evil = {"X-CSRF-Token": csrf, "Origin": "http://evil.example"}
        assert httpx.post(f"{srv.url}/api/forget", json=forget, headers=evil).status_code == 403
        ok = httpx.put(f"{srv.url}/api/settings", json={"voice": "auto"}, headers={"X-CSRF-Token": csrf})
        assert ok.status_code == 200


def test_the_home_is_held_while_serving(server: Server) -> None:
    result = run_os1("chat", input="hello\n", env={"OS1_HOME": str(server.home)})
    assert result.returncode == 1
    assert "already open" in result.stderr


# --- bad input -------------------------------------------------------------------------------------

def test_oversized_uploads_get_413(server: Server) -> None:
    with server.client() as client:
        assert client.post("/api/speech", content=b"\x00" * (11 * 1024 * 1024)).status_code == 413
        assert client.post("/api/chat", content=json.dumps({"text": "a" * (2 * 1024 * 1024)})).status_code == 413

        def chunked() -> Iterator[bytes]:  # no Content-Length: counted while reading
            for _ in range(12):
                yield b"\x00" * (1024 * 1024)

        assert client.post("/api/speech", content=chunked()).status_code == 413


def test_non_audio_to_the_speech_endpoint_gets_415(server: Server) -> None:
    pytest.importorskip("faster_whisper")
    with server.client() as client:
        for body in (b"%PDF-1.4 this is not a recording" * 20, b"plain words" * 50):
            response = client.post("/api/speech", content=body, headers={"Content-Type": "audio/wav"})
            assert response.status_code == 415
            assert "not audio" in response.json()["error"]


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b'{"text": ""}', b'{"text": 42}'])
def test_bad_chat_bodies_get_400(server: Server, body: bytes) -> None:
    with server.client() as client:
        response = client.post("/api/chat", content=body)
    assert response.status_code == 400
    assert response.json()["hint"]


def test_malformed_websocket_frames_are_answered_and_the_socket_stays_open(server: Server) -> None:
    with ws(server) as conn:
        frames_until(conn, "ready")
        for bad in ("{not json", "[1,2,3]", '{"kind": "message"}', '{"type": "dance"}',
                    '{"type": "message", "text": ""}', '{"type": "message", "text": 7}', "\u0000\u0001"):
            conn.send(bad)
            error = frames_until(conn, "error")[-1]
            assert error["message"] and error["hint"]
        conn.send(json.dumps({"type": "message", "text": "I am still here.", "id": "ok"}))
        done = frames_until(conn, "done")[-1]
        assert done["id"] == "ok" and done["text"]


def test_an_oversized_websocket_frame_closes_that_socket_only(server: Server) -> None:
    with ws(server) as conn:
        frames_until(conn, "ready")
        conn.send(b"\x00" * (11 * 1024 * 1024))
        with pytest.raises(Exception):  # noqa: B017 - closed with 1009 (message too big)
            frames_until(conn, "never", timeout=20)
    with server.client() as client:
        assert client.get("/api/health").status_code == 200


# --- chat --------------------------------------------------------------------------------------------

def test_reply_streams_over_server_sent_events(server: Server) -> None:
    with server.client() as client, client.stream(
            "POST", "/api/chat", json={"text": "Work was long today. I am tired."},
            headers={"Accept": "text/event-stream"}) as response:
        events = [line for line in response.iter_lines() if line.startswith("event:")]
    assert events[0] == "event: chunk" and events[-1] == "event: done"


def test_two_tabs_at_once_are_answered_in_turn_and_see_each_other(server: Server) -> None:
    with ws(server) as first, ws(server) as second:
        frames_until(first, "ready")
        frames_until(second, "ready")
        first.send(json.dumps({"type": "message", "text": "First tab: I went running this morning.", "id": "a"}))
        second.send(json.dumps({"type": "message", "text": "Second tab: my brother called me.", "id": "b"}))
        a = frames_until(first, "done")
        b = frames_until(second, "done")
        assert a[-1]["id"] == "a" and b[-1]["id"] == "b"
        assert any(f["type"] == "chunk" for f in a) and any(f["type"] == "chunk" for f in b)
        # Each tab hears about the other's turn.
        other = frames_until(first, "turn") if not any(f["type"] == "turn" for f in a) else a
        assert any(f.get("person_text", "").startswith("Second tab") for f in other if f["type"] == "turn")
    with server.client() as client:
        turns = client.get("/api/history", params={"limit": 8}).json()["turns"]
    # Serialised: every message is directly followed by its own reply.
    for index, turn in enumerate(turns[:-1]):
        if turn["role"] == "person" and turn["text"].endswith(("morning.", "called me.")):
            assert turns[index + 1]["role"] == "companion"


# --- memory, settings, data ----------------------------------------------------------------------------

def test_memory_browser_searches_edits_and_forgets(server: Server) -> None:
    with server.client() as client:
        client.post("/api/chat", json={"text": "My cat is called Biscuit."})
        items = client.get("/api/memory", params={"k": 5}).json()["items"]
        target = next(item for item in items if "Biscuit" in item["text"])
        if client.get("/api/companion").json()["features"]["memory"]:
            found = client.get("/api/memory", params={"q": "what is my cat called"}).json()
            # The companion's reply may mention Biscuit too; the person's own words must be near the top.
            assert found["source"] == "search" and target["id"] in [hit["id"] for hit in found["items"][:3]]
            edited = client.patch(f"/api/memory/{target['id']}", json={"text": "My cat is called Pickle."})
            assert edited.status_code == 200 and edited.json()["text"] == "My cat is called Pickle."
            again = client.get("/api/memory", params={"q": "Pickle"}).json()["items"]
            assert target["id"] in [hit["id"] for hit in again[:3]]
            assert client.patch("/api/memory/no-such-id", json={"text": "x"}).status_code == 400
        assert client.delete(f"/api/memory/{target['id']}").status_code == 200
        assert client.delete(f"/api/memory/{target['id']}").status_code == 404
        left = client.get("/api/memory", params={"k": 20}).json()["items"]
        assert all(item["id"] != target["id"] for item in left)


def test_optional_parts_answer_501_with_a_message_or_work(server: Server) -> None:
    with server.client() as client:
        available = client.get("/api/companion").json()["features"]
        for feature, path in (("letters", "/api/letters"), ("memory", "/api/memory?q=cat"),
                              ("people", "/api/people"), ("life", "/api/reminders")):
            response = client.get(path)
            if available[feature]:
                assert response.status_code == 200, (path, response.text)
            else:
                assert response.status_code == 501
                assert "not available" in response.json()["error"]


def test_settings_are_validated_and_kept(server: Server) -> None:
    with server.client() as client:
        assert client.put("/api/settings", json={"quiet_hours": {"start": 25, "end": 8}}).status_code == 400
        assert client.put("/api/settings", json={"voice": "loud"}).status_code == 400
        assert client.put("/api/settings", json={"model": "nosuchmind"}).status_code == 400
        saved = client.put("/api/settings", json={"quiet_hours": {"start": 21, "end": 7}, "voice": "espeak"}).json()
        assert saved["quiet_hours"] == {"start": 21, "end": 7} and saved["voice"] == "espeak"
        assert client.get("/api/settings").json()["voice"] == "espeak"
        client.put("/api/settings", json={"voice": "auto"})
    assert "start = 21" in (server.home / "config.toml").read_text()


def test_export_downloads_a_bundle(server: Server) -> None:
    with server.client() as client:
        response = client.get("/api/export")
    assert response.status_code == 200
    with zipfile.ZipFile(BytesIO(response.content)) as bundle:
        manifest = json.loads(bundle.read("manifest.json"))
        assert manifest["format"] == "os1-export" and manifest["tables"]["turns"] > 0


def test_openapi_describes_every_route() -> None:
    from starlette.routing import Route, WebSocketRoute

    from os1.web.app import ROUTES
    from os1.web.openapi import schema

    described = {(m, p) for p, ops in schema()["paths"].items() for m in ops}
    for route in ROUTES:
        if isinstance(route, Route) and route.path.startswith("/api/"):
            for method in route.methods or ():
                if method != "HEAD":
                    assert (method.lower(), route.path) in described, route.path
        if isinstance(route, WebSocketRoute):
            assert ("get", route.path) in described


def test_forget_everything_needs_the_words_then_starts_afresh(tmp_path: Path) -> None:
    with running_server(tmp_path / "home") as srv, srv.client() as client:
        client.post("/api/chat", json={"text": "Theodore"})
        assert client.post("/api/forget", json={"confirm": "yes"}).status_code == 400
        assert client.get("/api/history").json()["turns"]
        assert client.post("/api/forget", json={"confirm": "delete everything"}).status_code == 200
        assert client.get("/api/history").json()["turns"] == []
        assert client.get("/api/companion").json()["companion"] == "OS1"  # not named yet: meets anew


# --- household -------------------------------------------------------------------------------------

def test_household_members_have_separate_homes(tmp_path: Path) -> None:
    owner = tmp_path / "home"
    added = run_os1("user", "add", "anna", "--password-stdin", input="correct horse battery\n",
                    env={"OS1_HOME": str(owner)})
    assert added.returncode == 0, added.stderr
    with running_server(owner) as srv:
        anna = srv.client(auth=False)
        assert anna.post("/api/session", json={"user": "anna", "password": "wrong password"}).status_code == 401
        signed = anna.post("/api/session", json={"user": "anna", "password": "correct horse battery"})
        assert signed.status_code == 200 and signed.json()["person"] == "anna"
        csrf = signed.json()["csrf"]
        assert anna.post("/api/chat", json={"text": "Anna here"}, headers={"X-CSRF-Token": csrf}).status_code == 200
        with srv.client() as me:
            assert all("Anna here" not in t["text"] for t in me.get("/api/history").json()["turns"])
        mine = anna.get("/api/history").json()["turns"]
        assert any(t["text"] == "Anna here" for t in mine)
    assert (tmp_path / "home-household" / "anna" / "os1.db").exists()
    assert not (owner / "household.toml").read_text().count("correct horse")  # only the hash is kept


# --- letters (when os1.letters is installed) ----------------------------------------------------------

def test_letter_draft_preview_download_and_send(tmp_path: Path) -> None:
    pytest.importorskip("os1.letters.library")
    aiosmtpd = pytest.importorskip("aiosmtpd.controller")
    from email import message_from_bytes, policy

    from tests.web_server import free_port

    received: list[bytes] = []

    class Handler:
        async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
            received.append(envelope.content)  # type: ignore[attr-defined]
            return "250 OK"

    port = free_port()  # aiosmtpd cannot take port 0 (it connects to itself to check)
    controller = aiosmtpd.Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    home = tmp_path / "home"
    home.mkdir()
    try:
        with running_server(home) as srv, srv.client() as client:
            letter = client.post("/api/letters", json={"to": "Anna", "body": "Dear Anna,\n\nThank you for Sunday."})
            assert letter.status_code == 201
            letter_id = letter.json()["id"]
            png = client.get(f"/api/letters/{letter_id}/preview.png")
            assert png.status_code == 200 and png.content[:8] == b"\x89PNG\r\n\x1a\n" and len(png.content) > 10_000
            pdf = client.get(f"/api/letters/{letter_id}/letter.pdf")
            assert pdf.content[:5] == b"%PDF-" and "attachment" in pdf.headers["content-disposition"]
            assert client.get("/api/letters/nope/preview.png").status_code == 400
            # No mail account yet: a plain 400 naming the settings to make.
            unset = client.post(f"/api/letters/{letter_id}/send", json={"email": "anna@example.org"})
            assert unset.status_code == 400 and "mail" in unset.json()["error"].lower()
            (home / "config.toml").write_text(
                f'[mail]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\nsender = "theo@example.org"\n')
            sent = client.post(f"/api/letters/{letter_id}/send", json={"email": "anna@example.org"})
            assert sent.status_code == 200, sent.text
            assert sent.json()["status"] == "sent"
            assert client.get("/api/letters").json()["letters"][0]["status"] == "sent"
    finally:
        controller.stop()
    message = message_from_bytes(received[0], policy=policy.default)
    assert message["To"] == "anna@example.org"
    attachments = list(message.iter_attachments())  # type: ignore[attr-defined]
    assert attachments and attachments[0].get_content()[:5] == b"%PDF-"


def test_a_reminder_due_while_the_page_is_open_reaches_every_tab(server: Server) -> None:
    import sqlite3

    with server.client() as client:
        assert client.post("/api/chat", json={"text": "hello"}).status_code == 200
        made = client.post("/api/reminders", json={"when": "tomorrow at 9", "text": "water the plants"})
        assert made.status_code in (200, 201), made.text
    db = sqlite3.connect(server.home / "os1.db")  # make it due now, as if tomorrow had come
    db.execute("UPDATE scheduled SET due_at = '2000-01-01T00:00:00.000+00:00' WHERE text = 'water the plants'")
    db.commit()
    db.close()
    with ws(server) as first, ws(server) as second:
        frames_until(first, "ready")
        frames_until(second, "ready")
        notice = frames_until(first, "notice", timeout=45)[-1]
        assert "water the plants" in notice["text"]
        assert "water the plants" in frames_until(second, "notice", timeout=45)[-1]["text"]
