"""Skills: one module per capability the conversation can carry out (the first meeting, recall, letters,
reminders, the agenda). Each is written once and reached by the built-in mind through its trigger and
by the dialogue policy for every mind (os1.dialogue.policy)."""
