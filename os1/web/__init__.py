"""The local web app behind `os1 serve`: the page, the JSON API under /api/, chat and voice over WebSocket.

Modules: server (start-up and safety checks), app (routes), security (the guard on every request), auth
(tokens, passwords, sessions), api (HTTP handlers), chat (streamed turns, the WebSocket, spoken replies),
state and runtime (the household and each person's live companion), household (`os1 user`), features
(the door to optional parts), openapi (the schema). Needs the `web` extra; voice needs `voice`.
What this package leaves out: the companion itself (os1.companion) and voice models (os1.voice).
"""
