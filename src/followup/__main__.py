"""`python -m followup`."""

from .cli import main

main()
