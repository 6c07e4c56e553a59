"""`python -m ingenium_kg` runs the CLI."""

from .cli import main

main()
