"""Temporal expressions: find them in English news text and resolve them to calendar values.

``tag(text, published, settings)`` is the entry point. Rules are regular expressions
compiled once at import (``patterns``) with small handlers (``tagger``) doing the calendar
arithmetic (``resolve``), tense guessing (``tense``) and holiday look-ups (``holidays``).
"""

from __future__ import annotations

from calsync.extraction.temporal.tagger import tag

__all__ = ["tag"]
