"""Letters: help the person say what they feel to the people they love, in their own words.

One module per concept, each importable on its own (nothing heavy is imported here):
- compose: arrange the person's notes into a letter, warmer/shorter revisions (no LLM, no invented facts)
- drafting: the guided questions and the entry point the chat calls to store a draft
- proofread: offline spelling and punctuation suggestions as a diff
- fonts, paper, layout, render: text -> PDF/PNG that looks handwritten (seeded, re-renders identical)
- send: SMTP with the card attached and the disclosure line
- book: the typeset PDF book of chosen letters
- schema, library: the letters and their versions in SQLite; recipients: the link to the people map
"""
