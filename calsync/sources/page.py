"""A web page (``type = "url"``): fetched conditionally, reduced to its article text.

The page's publication date comes from the configuration's ``published``, else its metadata
(htmldate), else the fetch time when the source allows it. Shared with feeds, whose entries
are pages too.
"""

from __future__ import annotations

from datetime import datetime

from calsync.config import SourceConfig
from calsync.errors import SourceError
from calsync.model import Article
from calsync.sources import SourceBatch, SourceContext, choose_published
from calsync.sources.fetch import Response

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_page(cfg: SourceConfig, ctx: SourceContext) -> SourceBatch:
    """Read a ``url`` source: one request, a 304 keeps the previous article as it is."""
    assert cfg.url is not None
    batch = SourceBatch(source=cfg.name)
    resp = ctx.fetcher.get(cfg.url, ctx.validators(cfg.url))
    if resp.not_modified:
        batch.kept.append(cfg.url)
        return batch
    article, warning = page_article(resp, cfg.url, cfg, ctx, first=cfg.published)
    if warning:
        batch.warnings.append(warning)
    if article is not None:
        batch.articles.append(article)
        batch.validators[cfg.url] = resp.validators
    return batch


def page_article(resp: Response, ident: str, cfg: SourceConfig, ctx: SourceContext, *,
                 first: datetime | None = None, title: str | None = None,
                 ) -> tuple[Article | None, str | None]:
    """A fetched page -> Article; ``first`` is a date that outranks the page's metadata."""
    raw = resp.text()
    is_html = cfg.format == "html" or (cfg.format == "auto" and (
        resp.content_type in HTML_TYPES or raw.lstrip()[:1] == "<"))
    meta_date = None
    text = raw
    if is_html:
        from calsync.sources.html import read_html

        page = read_html(raw, ctx.zone, resp.url)
        text, title, meta_date = page.text, title or page.title, page.published
    if not text.strip():
        raise SourceError(f"{resp.url}: no article text found")
    published, warning = choose_published(cfg, ctx, resp.url, first, meta_date)
    if published is None:
        return None, warning
    return Article(text=text, published=published, source=ident, url=resp.url, title=title,
                   language=cfg.language), None
