"""RSS and Atom feeds (feedparser): each entry becomes an article.

The entry's own date is its publication date. With ``fetch_pages`` (the default) the entry's
page is fetched (conditionally, so an unchanged page costs one 304) and reduced to its text;
without it, or when an entry has no link, the entry's content or summary is used. The pages
are fetched a few at a time (``Fetcher.prefetch``), so entries whose pages never answer cost
one timeout together. A failing page (or a malformed link) fails that entry only; the
feed's validators are then not stored, so the next run asks for the whole feed again and
retries it. Entries that roll out of a feed keep their events.
"""

from __future__ import annotations

import email.utils
from datetime import UTC, datetime
from typing import Any

from calsync.config import SourceConfig
from calsync.errors import SourceError
from calsync.model import Article
from calsync.sources import SourceBatch, SourceContext, choose_published
from calsync.sources.page import page_article


def read_feed(cfg: SourceConfig, ctx: SourceContext) -> SourceBatch:
    assert cfg.url is not None
    import feedparser

    batch = SourceBatch(source=cfg.name, keep_all=True)
    resp = ctx.fetcher.get(cfg.url, ctx.validators(cfg.url))
    if resp.not_modified:
        return batch
    parsed = feedparser.parse(resp.body, response_headers={
        "content-location": resp.url, "content-type": resp.content_type or "application/xml"})
    if not parsed.entries and (parsed.get("bozo") or not parsed.get("version")):
        reason = parsed.get("bozo_exception") or "no entries"
        raise SourceError(f"{cfg.url}: not an RSS or Atom feed ({reason})")
    if cfg.fetch_pages:
        links = [link for entry in parsed.entries
                 if isinstance(link := entry.get("link"), str) and link]
        ctx.fetcher.prefetch((link, ctx.validators(link)) for link in links)
    for entry in parsed.entries:
        try:
            article, warning = _entry_article(entry, cfg, ctx, batch)
        except SourceError as exc:
            batch.errors.append(str(exc))
            continue
        except Exception as exc:  # one odd entry must not cost the others
            ident = entry.get("id") or entry.get("link") or "?"
            batch.errors.append(f"{cfg.url}: entry {ident}: unexpected "
                                f"{type(exc).__name__}: {exc}")
            batch.kept.append(str(ident))
            continue
        if warning:
            batch.warnings.append(warning)
        if article is not None:
            batch.articles.append(article)
    if not batch.errors:
        batch.validators[cfg.url] = resp.validators
    return batch


def _entry_article(entry: Any, cfg: SourceConfig, ctx: SourceContext, batch: SourceBatch
                   ) -> tuple[Article | None, str | None]:
    link: str | None = entry.get("link")
    ident: str | None = entry.get("id") or link
    if not ident:
        return None, f"{cfg.url}: an entry without id or link was skipped"
    when = entry_date(entry)
    title: str | None = entry.get("title")
    if cfg.fetch_pages and link:
        try:
            page = ctx.fetcher.get(link, ctx.validators(link))
        except SourceError:
            batch.kept.append(ident)
            raise
        if page.not_modified:
            batch.kept.append(ident)
            return None, None
        article, warning = page_article(page, ident, cfg, ctx, first=when or cfg.published,
                                        title=title)
        if article is not None:
            batch.validators[link] = page.validators
        return article, warning
    html = _entry_content(entry)
    if not html.strip():
        return None, f"{cfg.url}: entry {ident}: skipped: no content and no page to fetch"
    from calsync.sources.html import read_html

    page_text = read_html(html, ctx.zone, link)
    published, warning = choose_published(cfg, ctx, f"{cfg.url}: entry {ident}", when,
                                          cfg.published)
    if published is None:
        return None, warning
    return Article(text=page_text.text, published=published, source=ident, url=link,
                   title=title, language=cfg.language), None


def _entry_content(entry: Any) -> str:
    for content in entry.get("content") or ():
        if content.get("value"):
            return str(content["value"])
    return str(entry.get("summary") or "")


def entry_date(entry: Any) -> datetime | None:
    """The entry's publication (else update) date, keeping the offset the feed wrote.

    feedparser's ``*_parsed`` values are UTC and lose the writer's offset, which decides what
    "tomorrow" means; the raw string is parsed first (RFC 822 for RSS, RFC 3339 for Atom).
    """
    for key in ("published", "updated"):
        raw = entry.get(key)
        if raw:
            for parse in (email.utils.parsedate_to_datetime, datetime.fromisoformat):
                try:
                    when = parse(raw.strip())
                except (TypeError, ValueError, IndexError):
                    continue
                if when.tzinfo is not None:
                    return when
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            y, mo, d, h, mi, sec = (int(v) for v in parsed[:6])
            return datetime(y, mo, d, h, mi, sec, tzinfo=UTC)
    return None
