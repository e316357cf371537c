"""Local sources: one text or HTML file, or a folder of them selected by a glob.

The publication date comes from a sidecar ``<name>.meta.toml`` next to the article (either
``article.meta.toml`` or ``article.txt.meta.toml``), else the source's ``published`` in the
configuration, else the page's own metadata (HTML only), else a date line at the top of the
text ("Wednesday, November 28, 2007"), else the run time when the source allows it. A sidecar
may also give ``title``, ``url`` and ``language``.

An article's id is its resolved path relative to the configuration folder (absolute when it
lies outside), so it does not depend on how the path was typed or on the current folder, and
moving the whole setup keeps ids (and therefore event UIDs) stable. The commands that read
article files (``calsync export``, ``sync``, ``extract``) use the same rule with the
configuration folder ``calsync run`` uses by default (``cli_base``), so the same article gets
the same UIDs whichever way it reaches a calendar.

Two limits keep a folder from publishing what it should not: a file larger than
``max_file_bytes`` is refused (naming the file and the cap), and a symbolic link in a folder
that leads outside it (to ``/etc/passwd``, to a private key) is skipped with a warning unless
the source sets ``follow_symlinks``: the text of every article may end up in a public
calendar.
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
    root = cfg.path.resolve() if cfg.kind == "folder" and not cfg.follow_symlinks else None
    for path in paths:
        if root is not None and (warning := _leaves(path, root)):
            batch.warnings.append(warning)
            continue
        ident = article_id(path, ctx.base)
        try:
            # read once: the digest, the half-written check and the parse see the same bytes
            data = _read_capped(path, ctx.max_file_bytes)
            raw_hash = _raw_hash(data, path, ctx.fingerprint, ctx.max_file_bytes)
            if ctx.raw_unchanged(cfg.name, ident, raw_hash):
                batch.kept.append(ident)
                continue
            if unfinished := _unfinished(path, data, ctx):
                # Not an error and not stored: the next run reads it again, and meanwhile
                # its previous version (if any) keeps its events.
                batch.warnings.append(f"{path}: skipped for now: {unfinished}; it may still "
                                      "be being written (read again next run)")
                batch.kept.append(ident)
                continue
            article, warning = read_file(path, ident, cfg, ctx, data)
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


def _leaves(path: Path, root: Path) -> str | None:
    """A warning when ``path`` or its sidecar is a link (or under one) leading out of
    ``root``, the resolved source folder."""
    for p in (path, sidecar_path(path)):
        if p is None:
            continue
        target = p.resolve()
        if not target.is_relative_to(root):
            return (f"{p}: skipped: a symbolic link to {target}, outside the source folder "
                    f"{root} (set follow_symlinks = true on the source to read it)")
    return None


def _unfinished(path: Path, data: bytes, ctx: SourceContext) -> str | None:
    """Why ``path`` (read as ``data``) looks half-written, or None: empty, modified less than
    ``ctx.min_file_age`` seconds before the run, or cut in the middle of a UTF-8 character.

    A writer that is not atomic (a download, an editor, ``cp`` of a large file) leaves such a
    file for a moment; reading it then would fail the source or extract half an article.
    """
    try:
        st = path.stat()
    except OSError:
        return None  # the read that follows says why
    age = ctx.now.timestamp() - st.st_mtime
    if abs(age) < ctx.min_file_age:  # a clock that is off either way is no evidence
        return f"modified {max(age, 0):.1f} s before the run"
    if not data.strip():
        return "empty" if not data else "blank"
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.end == len(data) and exc.reason == "unexpected end of data":
            return "it ends in the middle of a UTF-8 character"
    return None


def _read_capped(path: Path, cap: int | None) -> bytes:
    """The file's bytes; ``SourceError`` naming the file and the cap when it is larger (read
    no further than the cap, so a huge or growing file costs no memory)."""
    try:
        with path.open("rb") as handle:
            data = handle.read() if cap is None else handle.read(cap + 1)
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror}") from None
    if cap is not None and len(data) > cap:
        raise SourceError(f"{path}: larger than the {cap}-byte cap; not read",
                          hint="raise [limits] max_file_bytes if this file is wanted")
    return data


def _raw_hash(data: bytes, path: Path, fingerprint: str, cap: int) -> str:
    """Digest of the file (read as ``data``) and its sidecar: equal means nothing to parse or
    extract again."""
    digest = hashlib.sha256(fingerprint.encode())
    digest.update(b"\0")
    digest.update(data)
    digest.update(b"\0")
    if (sidecar := sidecar_path(path)) is not None:
        digest.update(_read_capped(sidecar, cap))
    return digest.hexdigest()[:32]


def cli_base() -> Path:
    """The folder article ids are relative to outside ``calsync run``: the default config's.

    ``$CALSYNC_CONFIG``'s folder, else ``$XDG_CONFIG_HOME/calsync`` (the file need not exist).
    """
    from calsync.config import default_config_path

    return default_config_path().parent


def article_id(path: Path, base: Path) -> str:
    """The path relative to the configuration folder when inside it, else absolute."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(base.resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()


def read_file(path: Path, ident: str, cfg: SourceConfig, ctx: SourceContext, data: bytes
              ) -> tuple[Article | None, str | None]:
    """One article file, read as ``data`` -> (Article or None when undated, warning)."""
    parsed = load_article_file(path, ctx.zone, cfg.format, ctx.max_file_bytes, data=data)
    published, warning = choose_published(cfg, ctx, str(path), parsed.sidecar_published,
                                          cfg.published, parsed.page_published,
                                          parsed.dateline_published)
    if published is None:
        return None, warning
    return parsed.article(ident, published, cfg.language), None


@dataclass(frozen=True)
class ArticleFile:
    """What an article file says about itself, before a publication date is chosen.

    The dates it may state, in the order they are trusted: its sidecar's ``published``, the
    page's own metadata (HTML), a date line at the top of its text (``calsync.sources.dateline``).
    """

    text: str
    title: str | None = None
    url: str | None = None
    language: str | None = None
    sidecar_published: datetime | None = None
    page_published: datetime | None = None
    dateline_published: datetime | None = None

    @property
    def own_published(self) -> datetime | None:
        """The first date the article states, or None."""
        for when in (self.sidecar_published, self.page_published, self.dateline_published):
            if when is not None:
                return when
        return None

    def article(self, ident: str, published: datetime, language: str = "auto") -> Article:
        return Article(text=self.text, published=published, source=ident, url=self.url,
                       title=self.title, language=self.language or language)


def looks_like_html(raw: str) -> bool:
    """A document (standard input, a file without a telling suffix) that starts as HTML."""
    head = raw.lstrip("\ufeff \t\r\n")[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or (
        head.startswith("<?xml") and "<html" in head)


def decode_article(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{where}: not UTF-8 text (undecodable byte at offset {exc.start})"
                          ) from None


def load_article_file(path: Path, zone: ZoneInfo, fmt: str = "auto",
                      max_bytes: int | None = None, *, data: bytes | None = None) -> ArticleFile:
    """Read one article file (unless its bytes are given as ``data``) and its sidecar;
    ``SourceError`` when unreadable or empty.

    HTML (``fmt == "html"``; with ``auto``, an HTML suffix or a file that starts as HTML) is
    reduced to its article text.
    """
    raw = decode_article(_read_capped(path, max_bytes) if data is None else data, str(path))
    is_html = fmt == "html" or (fmt == "auto" and (
        path.suffix.lower() in HTML_SUFFIXES or looks_like_html(raw)))
    return parse_article(raw, str(path), zone, is_html=is_html,
                         sidecar=read_sidecar(path, zone))


def parse_article(raw: str, where: str, zone: ZoneInfo, *, is_html: bool,
                  sidecar: Sidecar | None = None) -> ArticleFile:
    """The text, title and stated dates of an article's decoded contents."""
    sidecar = sidecar or Sidecar()
    title, page_date, text = sidecar.title, None, raw
    if is_html:
        from calsync.sources.html import read_html

        page = read_html(raw, zone, sidecar.url)
        text, title, page_date = page.text, title or page.title, page.published
    if not text.strip():
        raise SourceError(f"{where}: empty article")
    from calsync.sources.dateline import dateline_published

    return ArticleFile(text=text, title=title, url=sidecar.url, language=sidecar.language,
                       sidecar_published=sidecar.published, page_published=page_date,
                       dateline_published=dateline_published(text, zone))


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
