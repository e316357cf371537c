"""Local sources: one text or HTML file, or a folder of them selected by a glob.

The publication date comes from a sidecar ``<name>.meta.toml`` next to the article (either
``article.meta.toml`` or ``article.txt.meta.toml``), else the source's ``published`` in the
configuration, else the page's own metadata (HTML only), else the run time when the source
allows it. A sidecar may also give ``title``, ``url`` and ``language``.

An article's id is its path relative to the configuration folder, so moving the whole setup
keeps ids (and therefore event UIDs) stable.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from calsync.config import SourceConfig
from calsync.errors import SourceError
from calsync.model import Article
from calsync.sources import SourceBatch, SourceContext, choose_published

SIDECAR_SUFFIX = ".meta.toml"
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


@dataclass(frozen=True)
class Sidecar:
    published: datetime | None = None
    title: str | None = None
    url: str | None = None
    language: str | None = None


def read_files(cfg: SourceConfig, ctx: SourceContext) -> SourceBatch:
    """Read a ``file`` or ``folder`` source; a bad file fails alone, a missing root fails all."""
    assert cfg.path is not None
    batch = SourceBatch(source=cfg.name)
    if cfg.kind == "file":
        if not cfg.path.is_file():
            raise SourceError(f"source {cfg.name!r}: {cfg.path}: no such file")
        paths = [cfg.path]
    else:
        if not cfg.path.is_dir():
            raise SourceError(f"source {cfg.name!r}: {cfg.path}: no such folder")
        paths = sorted(
            p for p in cfg.path.glob(cfg.glob)
            if p.is_file() and not p.name.endswith(SIDECAR_SUFFIX) and not p.name.startswith(".")
        )
    for path in paths:
        ident = article_id(path, ctx.base)
        try:
            raw_hash = _raw_hash(path, ctx.fingerprint)
            if ctx.raw_unchanged(cfg.name, ident, raw_hash):
                batch.kept.append(ident)
                continue
            article, warning = read_file(path, ident, cfg, ctx)
        except SourceError as exc:
            batch.errors.append(str(exc))
            batch.kept.append(ident)
            continue
        if warning:
            batch.warnings.append(warning)
        if article is not None:
            batch.articles.append(article)
            batch.raw_hashes[ident] = raw_hash
    return batch


def _raw_hash(path: Path, fingerprint: str) -> str:
    """Digest of the file and its sidecar: equal means nothing to parse or extract again."""
    digest = hashlib.sha256(fingerprint.encode())
    for p in (path, sidecar_path(path)):
        digest.update(b"\0")
        if p is not None:
            try:
                digest.update(p.read_bytes())
            except OSError as exc:
                raise SourceError(f"{p}: cannot read: {exc.strerror}") from None
    return digest.hexdigest()[:32]


def article_id(path: Path, base: Path) -> str:
    """The path relative to the configuration folder when inside it, else absolute."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(base.resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()


def read_file(path: Path, ident: str, cfg: SourceConfig, ctx: SourceContext
              ) -> tuple[Article | None, str | None]:
    """One article file -> (Article or None when undated, warning)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{path}: not UTF-8 text (undecodable byte at offset {exc.start})"
                          ) from None
    sidecar = read_sidecar(path, ctx.zone)
    is_html = cfg.format == "html" or (cfg.format == "auto"
                                       and path.suffix.lower() in HTML_SUFFIXES)
    title, meta_date, text = sidecar.title, None, raw
    if is_html:
        from calsync.sources.html import read_html

        page = read_html(raw, ctx.zone, sidecar.url)
        text, title, meta_date = page.text, title or page.title, page.published
    if not text.strip():
        raise SourceError(f"{path}: empty article")
    published, warning = choose_published(cfg, ctx, str(path), sidecar.published, cfg.published,
                                          meta_date)
    if published is None:
        return None, warning
    return Article(text=text, published=published, source=ident, url=sidecar.url, title=title,
                   language=sidecar.language or cfg.language), None


def sidecar_path(path: Path) -> Path | None:
    for candidate in (path.with_name(path.stem + SIDECAR_SUFFIX),
                      path.with_name(path.name + SIDECAR_SUFFIX)):
        if candidate.is_file():
            return candidate
    return None


def read_sidecar(path: Path, zone: ZoneInfo) -> Sidecar:
    """The article's ``.meta.toml``, if any; a broken sidecar fails that article only."""
    meta = sidecar_path(path)
    if meta is None:
        return Sidecar()
    try:
        data = tomllib.loads(meta.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SourceError(f"{meta}: cannot read sidecar: {exc}") from None
    unknown = sorted(set(data) - {"published", "title", "url", "language"})
    if unknown:
        raise SourceError(f"{meta}: unknown key(s) {', '.join(unknown)} (expected published, "
                          "title, url, language)")
    published = data.get("published")
    if isinstance(published, str):
        try:
            published = (datetime.fromisoformat(published) if "T" in published
                         else date.fromisoformat(published))
        except ValueError:
            raise SourceError(f"{meta}: published: not a date: {published!r}") from None
    if isinstance(published, datetime):
        if published.tzinfo is None:
            published = published.replace(tzinfo=zone)
    elif isinstance(published, date):
        published = datetime.combine(published, time(12, 0), tzinfo=zone)
    elif published is not None:
        raise SourceError(f"{meta}: published: not a date: {published!r}")
    for key in ("title", "url", "language"):
        if key in data and not isinstance(data[key], str):
            raise SourceError(f"{meta}: {key}: must be a string")
    return Sidecar(published=published, title=data.get("title"), url=data.get("url"),
                   language=data.get("language"))
