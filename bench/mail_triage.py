"""Triage of 10,000 messages from a local Maildir (target <= 60 s on 2 cores, peak memory <= 500 MB).

The Maildir is generated from the synthetic corpus (os1/life/mail/corpus.py, seed 2026), with one
message in fifty carrying a 2 MB attachment, so the bounded-prefix reading is exercised too. Reported:
wall time, messages per second, peak RSS, accuracy against the generator's categories.

Run: .venv/bin/python bench/mail_triage.py [--count 10000]
"""

from __future__ import annotations

import argparse
import mailbox
import os
import random
import resource
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    count = parser.parse_args().count
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["OS1_HOME"] = str(Path(scratch) / "home")
        from os1.life.mail.corpus import CATEGORIES, make_message
        from os1.life.mail.mailbox import sync
        from os1.store import open_store

        root = Path(scratch) / "Maildir"
        box = mailbox.Maildir(root)
        rng = random.Random(2026)
        truth = {}
        from datetime import UTC, datetime, timedelta

        start = datetime(2026, 1, 1, tzinfo=UTC)
        weights = (0.04, 0.06, 0.35, 0.4, 0.15)
        for index, category in enumerate(rng.choices(CATEGORIES, weights=weights, k=count)):
            message = make_message(category, rng, ["friend@example.net"], start + timedelta(minutes=index),
                                   attachment_bytes=2_000_000 if index % 50 == 0 else 0)
            truth[str(message["Message-ID"])] = category
            box.add(message.as_bytes())
        conn = open_store()
        began = time.perf_counter()
        report = sync(conn, "bench", {"kind": "maildir", "path": str(root)})
        elapsed = time.perf_counter() - began
        rows = conn.execute("SELECT message_id, category FROM mail_messages").fetchall()
        correct = sum(1 for mid, category in rows if truth.get(mid) == category)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"triaged {report.added:,} messages in {elapsed:.1f} s ({report.added / elapsed:,.0f}/s; target <= 60 s)")
        print(f"peak RSS {peak_mb:.0f} MB (target <= 500 MB), accuracy {correct / len(rows):.3f}")
        print(f"categories: {report.categories}")
        conn.close()


if __name__ == "__main__":
    main()
