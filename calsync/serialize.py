"""Plain-data views of events for JSON output (CLI, reports); no I/O here."""

from __future__ import annotations

from typing import Any

from calsync.model import Event


def event_to_dict(event: Event) -> dict[str, Any]:
    """A JSON-ready dict: ISO dates (exclusive end) for all-day, ISO datetimes with offset."""
    first = event.evidence[0] if event.evidence else None
    return {
        "uid": event.uid,
        "title": event.title,
        "start": event.start.isoformat(),
        "end": event.end.isoformat(),
        "all_day": event.all_day,
        "timezone": event.timezone,
        "location": event.location,
        "source": first.source if first else None,
        "sources": list(event.sources),
        "url": event.url,
        "categories": list(event.categories),
        "status": event.effective_status,
        "confidence": event.confidence,
        "evidence": {
            "sentence": first.sentence if first else None,
            "expression": first.expression if first else None,
            "resolution": first.resolution if first else None,
        },
        "all_evidence": [
            {"source": ev.source, "sentence": ev.sentence, "expression": ev.expression,
             "resolution": ev.resolution, "url": ev.url}
            for ev in event.evidence
        ],
    }
