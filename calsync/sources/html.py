"""Web pages reduced to their article text, title and publication date.

The reduction is left to well-kept libraries: trafilatura finds the main text (menus, ads and
footers go), htmldate finds the publication date in the page's metadata. htmldate runs without
its "extensive search" so that a date mentioned in the body (the event itself) is never taken
for the publication date. Both are imported lazily: they are slow to import.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Page:
    """What a page says about itself; ``text`` is empty when no article text was found."""

    text: str
    title: str | None
    published: datetime | None


def read_html(html: str, zone: ZoneInfo, url: str | None = None) -> Page:
    """Reduce ``html`` to a ``Page``; a date without a time of day is noon in ``zone``."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=False)
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    title = getattr(doc, "title", None) if doc is not None else None
    if not text:
        text = _fallback_text(html)
    return Page(text=text, title=title or None, published=page_date(html, zone, url))


def page_date(html: str, zone: ZoneInfo, url: str | None = None) -> datetime | None:
    """The publication date from the page's metadata, or None when it states none."""
    import htmldate

    try:
        found = htmldate.find_date(html, url=url, original_date=True, extensive_search=False,
                                   outputformat="%Y-%m-%dT%H:%M:%S%z")
    except Exception:  # htmldate raises assorted errors on odd markup; no date is the answer
        return None
    if not found:
        return None
    try:
        when = datetime.strptime(found, "%Y-%m-%dT%H:%M:%S%z")
    except ValueError:
        when = datetime.fromisoformat(found[:19])
        # A bare date comes out at midnight: read it as noon so no zone moves its day.
        if when.time() == time(0, 0):
            when = when.replace(hour=12)
        when = when.replace(tzinfo=zone)
    return when


def _fallback_text(html: str) -> str:
    """Short fragments (feed entry content) that trafilatura judges too small: all their text."""
    import lxml.html  # type: ignore[import-untyped]

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # not HTML at all: treat as text
        return html.strip()
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    text: str = root.text_content()
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())
