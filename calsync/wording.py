"""Words of the messages calsync shows: one place for the small rules of English they follow.

Pure functions, no I/O: the library builds messages with them and the CLI prints them.
"""

from __future__ import annotations


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    """``1 event``, ``0 events``, ``2 events``: the count and its noun, agreeing.

    ``nouns`` is the plural when adding an s is wrong (``plural(n, "entry", "entries")``).
    """
    return f"{n} {noun if n == 1 else nouns or noun + 's'}"


__all__ = ["plural"]
