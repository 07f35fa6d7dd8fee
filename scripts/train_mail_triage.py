"""Train the mail-triage content model and write os1/life/mail/data/triage_nb.json.

The training mail is the synthetic corpus in os1/life/mail/corpus.py (seed 7, 4,000 messages); tests
and the benchmark use other seeds. Runs in about a second:  .venv/bin/python scripts/train_mail_triage.py
"""

from __future__ import annotations

from pathlib import Path

from os1.life.mail.corpus import generate
from os1.life.mail.message import parse_prefix
from os1.life.mail.triage import train

OUT = Path(__file__).resolve().parent.parent / "os1" / "life" / "mail" / "data" / "triage_nb.json"


def main() -> None:
    samples = []
    for category, message in generate(4000, seed=7, known_people=["friend@example.net"],
                                       weights=(0.2, 0.2, 0.2, 0.2, 0.2)):
        fields = parse_prefix(message.as_bytes())
        samples.append((category, f"{fields.subject}\n{fields.body}"))
    model = train(samples)
    OUT.write_text(model.to_json())
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KB) from {len(samples)} messages")


if __name__ == "__main__":
    main()
