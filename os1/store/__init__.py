"""SQLite storage: the connection, named migrations, and one repository module per table.

`open_store()` is the way in: it opens the home's database in WAL mode with foreign keys on and a busy
timeout, refuses files that are damaged or not OS1's (never overwriting them), and applies pending
migrations. Repositories (`persona`, `person`, `conversation`) are plain functions over a connection.
"""

from os1.store.db import connect, open_store, transaction

__all__ = ["connect", "open_store", "transaction"]
