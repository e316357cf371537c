"""English: the tagger's first language.

Its words and tables are in ``temporal.lexicon``, its rules, first words and key words in
``temporal.patterns`` (where they were written first and where the engine's English fast
paths read them); this module gathers them into the ``Grammar`` the engine reads. English
captures are already canonical: no ``normalize``.
"""

from __future__ import annotations

from calsync.extraction.temporal import patterns as P
from calsync.extraction.temporal.lang import Grammar

GRAMMAR = Grammar(
    code="en",
    rules=tuple(P.RULES),
    handler_of={},
    key_words=P.KEY_WORDS,
    key_classes=P.KEY_CLASSES,
    rule_classes=P.RULE_CLASSES,
    words=P.WORDS,
    first_words=P.FIRST_WORDS,
    holiday_key=P.HOLIDAY_KEY,
    holiday_key_words=P.HOLIDAY_KEY_WORDS,
    lookback=P.LOOKBACK,
)
