"""`python -m hkg` runs the command line."""

from hkg.cli import main

main()
