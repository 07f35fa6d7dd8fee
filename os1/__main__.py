"""`python -m os1` runs the command line, exactly like the `os1` script."""

from os1.cli import main

main()
