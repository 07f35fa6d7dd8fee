"""The companion's mind: persona and naming, the first meeting, understanding, affect, curiosity and
the built-in reply composer."""
