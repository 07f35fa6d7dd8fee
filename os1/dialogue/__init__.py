"""The dialogue layer: what OS1 is in the middle of (state) and who answers a message (policy)."""
