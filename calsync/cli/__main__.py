"""``python -m calsync.cli``: the same entry point as the ``calsync`` script."""

from calsync.cli import main

main()
