"""The people in the person's life: who they are, what has been shared about them, when they last
connected, birthdays, connection goals, and gentle nudges outward.

OS1 counts real human contact as success; this package is where that is measured.
"""
