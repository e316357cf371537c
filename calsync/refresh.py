"""One source's articles, brought up to date through the article cache (the run's memory).

What ``calsync run`` does for each ``[[source]]`` before merging: read the source, keep the
events of articles whose bytes (or text) did not change, extract the new and changed ones on
the one road (``calsync.assemble.read_article``), keep the last events of an article whose
extraction failed or that the run's deadline left unread (so a blip never deletes calendar
entries), and store what changed. It logs (logger ``calsync.run``) and never prints; a
failing source fails alone (``SourceReport.errors``), it never raises ``SourceError``.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from calsync.assemble import Extractor, read_article
from calsync.config import Config, SourceConfig
from calsync.errors import CalsyncError, SourceError
from calsync.extraction.settings import ExtractionSettings
from calsync.model import Article
from calsync.sources import SourceContext, Undated, read_source
from calsync.sources.cache import ArticleCache, CachedArticle
from calsync.sources.fetch import Fetcher, Validators

log = logging.getLogger("calsync.run")

Progress = Callable[[str], None]


@dataclass
class SourceReport:
    """What one source gave this run."""

    name: str
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: int = 0
    extracted: int = 0
    events: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: Those of ``warnings`` that skip an article for having no publication date: they stay
    #: until someone dates it, so ``calsync -q run`` still shows them.
    undated: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors



def article_hash(article: Article, fingerprint: str) -> str:
    """Everything the extractor sees, plus the settings: equal hash, equal events."""
    digest = hashlib.sha256(fingerprint.encode())
    for part in (article.text, article.published.isoformat(), article.source, article.url or "",
                 article.title or "", article.language):
        digest.update(b"\x1f" + part.encode("utf-8"))
    return digest.hexdigest()[:32]


def fingerprint(config: Config, source: SourceConfig) -> str:
    """What, besides an article's own bytes, changes its events: the extraction settings, the
    extraction code itself (an upgraded extractor re-reads every article once) and the
    source's own options."""
    return f"{extractor_digest()}|{config.extraction!r}|{source!r}"


@functools.lru_cache(maxsize=1)
def extractor_digest() -> str:
    """A digest of the extraction code (``calsync/extraction/**/*.py``) and calsync's version.

    Hashing the code, rather than trusting a version number someone must remember to bump,
    makes cached events follow any change of the extractor. A few hundred KB read once a run.
    """
    from importlib.metadata import PackageNotFoundError, version

    import calsync.extraction

    try:
        ours = version("calsync")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        ours = "0"
    digest = hashlib.sha256(ours.encode())
    root = Path(calsync.extraction.__file__).parent
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        with contextlib.suppress(OSError):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def read_one(src: SourceConfig, config: Config, cache: ArticleCache,
              previous: dict[str, CachedArticle], *, now: datetime, dry_run: bool,
              extract: Extractor | None, settings: ExtractionSettings, fetcher: Fetcher,
              progress: Progress, past_deadline: Callable[[], bool] = lambda: False,
              ) -> tuple[dict[str, CachedArticle], SourceReport]:
    """Read one source and bring its cached articles up to date; never raises SourceError."""
    sr = SourceReport(name=src.name)
    fp = fingerprint(config, src)

    def raw_unchanged(_source: str, ident: str, raw_hash: str) -> bool:
        old = previous.get(ident)
        return old is not None and old.raw_hash == raw_hash

    ctx = SourceContext(fetcher=fetcher, zone=settings.zone, now=now, base=config.folder,
                        validators=lambda url: cache.validators(url, fp),
                        raw_unchanged=raw_unchanged, fingerprint=fp,
                        max_file_bytes=config.limits.max_file_bytes,
                        min_file_age=config.limits.min_file_age)
    try:
        batch = read_source(src, ctx)
    except SourceError as exc:
        sr.errors.append(str(exc))
        log.error("source %s: %s", src.name, exc)
        return dict(previous), sr  # keep what it gave last time
    except Exception as exc:  # a library's surprise must not stop the other sources
        log.debug("source %s failed", src.name, exc_info=True)
        sr.errors.append(f"unexpected {type(exc).__name__}: {exc}")
        log.error("source %s: unexpected %s: %s", src.name, type(exc).__name__, exc)
        return dict(previous), sr
    for warning in batch.warnings:
        log.warning("%s", warning)
    sr.warnings.extend(batch.warnings)
    sr.undated.extend(w for w in batch.warnings if isinstance(w, Undated))
    sr.skipped = len(batch.warnings)
    for error in batch.errors:
        log.error("source %s: %s", src.name, error)
    sr.errors.extend(batch.errors)

    current: dict[str, CachedArticle] = {}
    for ident in batch.kept:
        if ident in previous:
            current[ident] = previous[ident]
            sr.unchanged += 1
    to_store: list[CachedArticle] = []
    validators = dict(batch.validators)
    for article in batch.articles:
        ident = article.source
        raw_hash = batch.raw_hashes.get(ident)
        digest = article_hash(article, fp)
        old = previous.get(ident)
        if old is not None and old.content_hash == digest:
            sr.unchanged += 1
            kept = CachedArticle(src.name, ident, raw_hash, digest, old.published, old.events)
            current[ident] = kept
            if old.raw_hash != raw_hash:
                to_store.append(kept)
            continue
        if past_deadline():
            _extract_failed(sr, ident, None, old, current, validators, article, src)
            continue
        progress(f"extract {ident}")
        try:
            events = read_article(article, settings, extract).events
        except CalsyncError as exc:
            _extract_failed(sr, ident, str(exc), old, current, validators, article, src)
            continue
        except Exception as exc:  # a bug in extraction must not stop the other articles
            log.debug("extraction of %s failed", ident, exc_info=True)
            _extract_failed(sr, ident, f"{type(exc).__name__}: {exc}", old, current,
                            validators, article, src)
            continue
        sr.extracted += 1
        if old is None:
            sr.new += 1
        else:
            sr.changed += 1
        fresh = CachedArticle(src.name, ident, raw_hash, digest, article.published, events)
        current[ident] = fresh
        to_store.append(fresh)
    if batch.keep_all:
        for ident, old in previous.items():
            if ident not in current:
                current[ident] = old
                sr.unchanged += 1
    removed = [ident for ident in previous if ident not in current]
    sr.removed = len(removed)
    if not dry_run:
        with cache.transaction():
            for art in to_store:
                cache.put(art)
            cache.remove(src.name, removed)
            for ident in removed:
                cache.forget_validators(ident)
            for url, val in validators.items():
                cache.set_validators(url, val, fp)
    log.info("source %s: %d new, %d changed, %d unchanged, %d removed", src.name, sr.new,
             sr.changed, sr.unchanged, sr.removed)
    return current, sr


def _extract_failed(sr: SourceReport, ident: str, message: str | None,
                    old: CachedArticle | None, current: dict[str, CachedArticle],
                    validators: dict[str, Validators], article: Article,
                    src: SourceConfig) -> None:
    """Keep the article's previous events and forget its validators (and its feed's), so
    it is retried next run. ``message`` None: the run's deadline passed before it."""
    if message is None:
        text = f"{ident}: not extracted: the run's deadline has passed (the next run does it)"
    else:
        text = f"{ident}: extraction failed: {message}"
    sr.errors.append(text)
    log.error("source %s: %s", sr.name, text)
    if old is not None:
        current[ident] = old
    if article.url:
        validators.pop(article.url, None)
    if src.url:  # a feed answering 304 next run would not list this entry again
        validators.pop(src.url, None)
