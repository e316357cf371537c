"""The review web application (Flask, Jinja2 templates that escape everything).

It serves three kinds of page (the overview, one article, the calendar) and one form target
(``POST /decide``) that stores a decision in the state file. What an attacker could reach
through a browser on the same machine is closed off:

- article text is scraped HTML, so it is only ever a template value (autoescaped), and a
  Content-Security-Policy allows only this app's own style sheet and script (no inline
  script or style runs even if something slipped through);
- state changes only by POST carrying this process's random CSRF token (and, when the
  browser sends one, an ``Origin`` that is this app's own);
- requests must name this app's host (127.0.0.1 or localhost, or ``--host``), which defeats
  DNS rebinding;
- files are served only from the package's ``static`` folder (Flask's ``safe_join``);
- a redirect after a POST goes only to a path of this app.
"""

from __future__ import annotations

import hmac
import secrets
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from flask import Flask, abort, redirect, render_template, request, url_for
from werkzeug.wrappers.response import Response

from calsync.decisions import Decision, parse_clock
from calsync.errors import CalsyncError
from calsync.review.view import (
    ArticleView,
    EventView,
    anchor,
    article_view,
    event_views,
    long_span,
    months,
    start_day_clock,
    weeks,
)
from calsync.review.workspace import Workspace
from calsync.sync.state import StateStore, read_decisions
from calsync.wording import plural

HERE = Path(__file__).parent

_CSP = ("default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


def create_app(ws: Workspace, *, hosts: tuple[str, ...] = ("127.0.0.1", "localhost"),
               token: str | None = None) -> Flask:
    """The application for ``ws``; ``hosts`` are the host names requests may carry."""
    app = Flask("calsync.review", root_path=str(HERE), static_folder="static",
                template_folder="templates")
    app.config["CSRF_TOKEN"] = token or secrets.token_urlsafe(32)
    app.config["MAX_CONTENT_LENGTH"] = 64 * 1024
    app.add_template_filter(plural, "plural")  # {{ n|plural("event") }}: "1 event", "2 events"
    zone = ZoneInfo(ws.settings.timezone)
    allowed_hosts = {h.lower() for h in hosts}
    by_uid = {e.uid: e for e in ws.events}
    article_cache: dict[tuple[int, tuple[Any, ...]], ArticleView] = {}

    def views() -> list[EventView]:
        return event_views(ws.events, read_decisions(ws.state_path), ws.holds)

    @app.before_request
    def _guard() -> None:
        host = (request.host or "").rsplit(":", 1)[0].strip("[]").lower()
        if host not in allowed_hosts:
            abort(400, "unexpected Host header")
        if request.method == "POST":
            origin = request.headers.get("Origin")
            if origin and urlsplit(origin).netloc.lower() != (request.host or "").lower():
                abort(403, "cross-origin request refused")
            sent = request.form.get("csrf", "")
            if not hmac.compare_digest(sent.encode(), app.config["CSRF_TOKEN"].encode()):
                abort(403, "missing or wrong CSRF token")

    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = _CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        # same-origin: the form POSTs carry our Origin (no-referrer makes browsers send "null")
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.context_processor
    def _common() -> dict[str, Any]:
        return {"csrf": app.config["CSRF_TOKEN"], "zone": zone, "ws": ws,
                "anchor": anchor, "day_clock": start_day_clock}

    @app.get("/")
    def overview() -> str:
        all_views = views()
        counts = {s: sum(v.status == s for v in all_views)
                  for s in ("pending", "approved", "corrected", "rejected")}
        per_article = {a.source: 0 for a in ws.articles}
        for v in all_views:
            for src in v.raw.sources:
                if src in per_article:
                    per_article[src] += 1
        return render_template("overview.html", views=all_views, counts=counts,
                               per_article=per_article, here=url_for("overview"))

    @app.get("/articles/<int:number>")
    def article(number: int) -> str:
        if not 0 <= number < len(ws.articles):
            abort(404)
        all_views = views()
        key = (number, tuple((v.raw.uid, v.decision) for v in all_views))
        page = article_cache.get(key)
        if page is None:
            page = article_view(ws.articles[number], ws.settings, all_views)
            article_cache.clear()  # decisions changed, or another article: keep one
            article_cache[key] = page
        return render_template("article.html", page=page, number=number,
                               here=url_for("article", number=number))

    @app.get("/calendar")
    def calendar() -> str:
        all_views = views()
        view = request.args.get("view") or ("month" if long_span(all_views, zone) else "week")
        if view not in ("week", "month"):
            abort(404)
        article_numbers = {a.source: i for i, a in enumerate(ws.articles)}
        return render_template(
            "calendar.html", view=view, views=all_views, numbers=article_numbers,
            weeks=weeks(all_views, zone) if view == "week" else [],
            months=months(all_views, zone) if view == "month" else [],
            here=url_for("calendar", view=view))

    @app.post("/decide")
    def decide() -> Response:
        uid = request.form.get("uid", "")
        event = by_uid.get(uid)
        if event is None:
            abort(404, "no such event")
        action = request.form.get("action", "")
        now = datetime.now(UTC)
        basis = event.content_hash()
        with StateStore(ws.state_path) as store:
            if action == "approve":
                store.decide(Decision(uid, "approved", basis=basis, decided=now))
            elif action == "reject":
                store.decide(Decision(uid, "rejected", basis=basis, decided=now))
            elif action == "undo":
                store.undecide(uid)
            elif action == "correct":
                store.decide(_correction(event.uid, event, request.form, zone, basis, now))
            else:
                abort(400, "unknown action")
        return redirect(_local(request.form.get("next", "")) + "#" + anchor(uid), code=303)

    @app.errorhandler(CalsyncError)
    def _bad_input(exc: CalsyncError) -> tuple[str, int]:
        return render_template("error.html", message=str(exc)), 400

    return app


def _correction(uid: str, event: Any, form: Any, zone: ZoneInfo, basis: str,
                now: datetime) -> Decision:
    """Only the fields that differ from what extraction found are stored as corrections."""
    from calsync.errors import UsageError

    day0, clock0 = start_day_clock(event, zone)
    title = form.get("title", "").strip()
    location = form.get("location", "").strip()
    raw_day = form.get("day", "").strip()
    try:
        day = date.fromisoformat(raw_day) if raw_day else day0
    except ValueError as exc:
        raise UsageError(f"bad date {raw_day!r}", hint="use YYYY-MM-DD") from exc
    clock = parse_clock(form.get("clock", ""))
    return Decision(
        uid, "approved",
        title=title if title and title != event.title else None,
        day=day if day != day0 else None,
        clock=clock if clock != clock0 else None,
        location=location if location != (event.location or "") else None,
        basis=basis, decided=now)


def _local(target: str) -> str:
    """``target`` when it is a path of this app, else the overview."""
    if not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return "/"
    return parts.path + (f"?{parts.query}" if parts.query else "")


__all__ = ["create_app"]
