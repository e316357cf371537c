"""One unattended run: every source -> extraction -> merge -> every target.

This is what cron calls. It is built to be boring:

* a lock (filelock) lets one run at a time; an overlapping run stops at once (``LockedError``);
* unchanged articles are not extracted again: each article's hash and events are kept in the
  article cache (``calsync.sources.cache``), files are not even parsed when their bytes did not
  change and pages cost one 304 request;
* a failing source or target fails alone: the others still run, the failing source's articles
  from the last run keep their events (a network blip never deletes calendar entries), and the
  report says what failed (exit 1);
* ``dry_run`` plans every target and writes nothing, not even the cache;
* a run has a deadline (``[limits] run_deadline``): after it no page is fetched and no
  article extracted (what is left keeps its events and is read by the next run), then every
  target is brought up to date with what was read.

Targets are reached through small adapters (``build_target``) so that a ``[[target]]`` of the
configuration maps onto the ics file writer or, for Google and CalDAV, the sync engine of
``calsync.sync``; each is imported only when configured. A target's sync state lives in
``<state>/state.sqlite``, the default of ``calsync sync google``. The library logs (logger
``calsync.run``) and never prints.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from calsync.assemble import ArticleEvents, Extractor, combine, read_article
from calsync.config import (
    CaldavTargetConfig,
    Config,
    GoogleTargetConfig,
    IcsTargetConfig,
    SourceConfig,
    TargetConfig,
)
from calsync.errors import CalsyncError, LockedError, SourceError, TargetError
from calsync.extraction.settings import ExtractionSettings
from calsync.model import Article, Event, Plan
from calsync.sources import SourceContext, read_source
from calsync.sources.cache import ArticleCache, CachedArticle, open_cache
from calsync.sources.fetch import Fetcher, Validators

log = logging.getLogger("calsync.run")

Progress = Callable[[str], None]

CACHE_NAME = "articles.sqlite"


# --- reports ---------------------------------------------------------------------------------


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

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class TargetReport:
    """What one target was asked to do, and whether it did it."""

    name: str
    kind: str
    plan: Plan | None = None
    written: bool = False
    failed: int = 0
    error: str | None = None
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.error is None and self.failed == 0


@dataclass
class RunReport:
    """The outcome of a run, for the summary and the exit code."""

    dry_run: bool
    sources: list[SourceReport] = field(default_factory=list)
    targets: list[TargetReport] = field(default_factory=list)
    events: tuple[Event, ...] = ()
    requests: int = 0
    #: Run-wide warnings (a rebuilt cache); they do not change the exit code.
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(s.ok for s in self.sources) and all(t.ok for t in self.targets)

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1

    def totals(self) -> dict[str, int]:
        keys = ("new", "changed", "unchanged", "removed", "skipped", "extracted")
        return {k: sum(getattr(s, k) for s in self.sources) for k in keys}


# --- targets ---------------------------------------------------------------------------------


class Memo(Protocol):
    """Small values a target keeps between runs (stored in the article cache)."""

    def get(self, key: str) -> str | None: ...

    def set(self, key: str, value: str) -> None: ...


class TargetAdapter(Protocol):
    """A configured target as the runner sees it: plan, then apply the same events."""

    name: str
    kind: str

    def plan(self, events: Sequence[Event]) -> Plan: ...

    def apply(self, events: Sequence[Event], plan: Plan, report: TargetReport) -> None: ...

    def close(self) -> None: ...


class IcsAdapter:
    """An ``ics`` target: the calendar file is rewritten only when its bytes change.

    Fast path: after each run the adapter remembers (in the article cache) a digest of the
    events it wrote and the file's size and mtime. When both still match, the plan is "all
    unchanged" without parsing the file again, which is most of a quiet run's time. Any edit
    of the file, or any change of the events, takes the full path. Not used with
    ``keep_cancelled``, whose output changes between runs with the same events.
    """

    kind = "ics"

    def __init__(self, cfg: IcsTargetConfig, config: Config, now: datetime,
                 memo: Memo | None = None) -> None:
        from calsync.targets.ics_file import IcsFileTarget

        self.name = cfg.name
        self.now = now
        self.cfg = cfg
        self.memo = memo if not cfg.keep_cancelled else None
        self.key = f"ics:{cfg.path}"
        self.target = IcsFileTarget(cfg.path, name=cfg.calendar_name, timezone=config.timezone,
                                    keep_cancelled=cfg.keep_cancelled, force=cfg.force,
                                    owner=owner_id(config))
        self.digest = ""
        self.up_to_date = False

    def _stamp(self) -> str | None:
        try:
            st = self.target.path.stat()
        except OSError:
            return None
        return f"{self.digest}|{st.st_size}|{st.st_mtime_ns}"

    def plan(self, events: Sequence[Event]) -> Plan:
        from calsync.model import Change, ChangeKind

        digest = hashlib.sha256(repr((self.cfg, self.target.options)).encode())
        for event in events:
            digest.update(event.content_hash().encode())
        self.digest = digest.hexdigest()[:32]
        if self.memo is not None:
            stamp = self._stamp()
            if stamp is not None and self.memo.get(self.key) == stamp:
                self.up_to_date = True
                return Plan(target=str(self.target.path), changes=tuple(
                    Change(ChangeKind.UNCHANGED, e.uid, e, reason="up to date")
                    for e in events))
        return self.target.plan(events)

    def apply(self, events: Sequence[Event], plan: Plan, report: TargetReport) -> None:
        # Without the memo's word, write: the calendar's own properties (name, owner) may
        # have changed with no event; identical bytes are not rewritten.
        if plan.writes or not self.up_to_date or not self.target.path.exists():
            try:
                self.target.path.parent.mkdir(mode=0o755, parents=True, exist_ok=True)
            except OSError as exc:
                raise TargetError(f"{self.target.path.parent}: cannot create: {exc.strerror}"
                                  ) from exc
            result = self.target.write(events, self.now)
            report.written = result.written
            report.detail = result.summary()
        # else nothing to change: leave the file (and its mtime) alone
        stamp = self._stamp()
        if self.memo is not None and stamp is not None and self.memo.get(self.key) != stamp:
            self.memo.set(self.key, stamp)

    def close(self) -> None:
        pass


class SyncAdapter:
    """A remote target (Google, CalDAV) through the sync engine: one listing, one plan, then
    exactly that plan's writes. Its state lives in ``<state>/state.sqlite``."""

    kind = "sync"

    def __init__(self, name: str, target: Any, config: Config, *, prune: bool,
                 max_delete_fraction: float) -> None:
        self.name = name
        self.target = target
        self.prune = prune
        self.max_delete_fraction = max_delete_fraction
        self.state_path = config.state_dir / "state.sqlite"
        self.planned: Any = None
        self.state: Any = None

    def plan(self, events: Sequence[Event]) -> Plan:
        from calsync.sync import prepare
        from calsync.sync.state import StateStore

        self.state = StateStore(self.state_path)
        self.planned = prepare(events, self.target, self.state, prune=self.prune,
                               max_delete_fraction=self.max_delete_fraction)
        plan: Plan = self.planned.plan
        return plan

    def apply(self, events: Sequence[Event], plan: Plan, report: TargetReport) -> None:
        result = self.planned.apply()
        report.failed = len(result.failed)
        report.written = any(r.ok for r in result.results)
        report.detail = ", ".join(f"{v} {k}" for k, v in result.counts().items() if v)
        for failure in result.failed:
            log.error("target %s: %s: %s", self.name, failure.change.uid, failure.message)
        if result.error:
            raise TargetError(f"target {self.name!r}: {result.error}")

    def close(self) -> None:
        if self.state is not None:
            self.state.close()


class GoogleAdapter(SyncAdapter):
    """A ``google`` target; a refreshed OAuth token is saved back (0600)."""

    kind = "google"

    def __init__(self, cfg: GoogleTargetConfig, config: Config) -> None:
        from calsync.targets.google import GoogleTarget, load_credentials

        credentials: Path | None = cfg.credentials
        if cfg.credentials_env:
            credentials = Path(_env(cfg.name, cfg.credentials_env, "credentials_env"))
            credentials = credentials.expanduser()
        self.oauth = credentials is None  # the token `calsync auth google` stored
        self.creds = load_credentials(credentials, token_uri=cfg.token_uri)
        self.token_before = getattr(self.creds, "token", None)
        target = GoogleTarget(cfg.calendar, self.creds, api_endpoint=cfg.api_endpoint)
        super().__init__(cfg.name, target, config, prune=cfg.prune,
                         max_delete_fraction=cfg.max_delete_fraction)

    def close(self) -> None:
        super().close()
        if self.oauth and getattr(self.creds, "token", None) != self.token_before:
            from calsync.targets.google import save_token

            save_token(self.creds)


class CaldavAdapter(SyncAdapter):
    """A ``caldav`` target; the password comes from the variable ``password_env`` names."""

    kind = "caldav"

    def __init__(self, cfg: CaldavTargetConfig, config: Config) -> None:
        from calsync.targets.caldav import CalDAVTarget, resolve_password

        if cfg.password_command:
            password = resolve_password(command=cfg.password_command)
        elif cfg.password_env:
            password = _env(cfg.name, cfg.password_env, "password_env")
        else:
            password = None
        target = CalDAVTarget(cfg.url, cfg.username, password, calendar=cfg.calendar,
                              create=cfg.create)
        super().__init__(cfg.name, target, config, prune=cfg.prune,
                         max_delete_fraction=cfg.max_delete_fraction)


def _env(target: str, variable: str, key: str) -> str:
    import os

    value = os.environ.get(variable)
    if not value:
        raise TargetError(f"target {target!r}: environment variable {variable} ({key}) is "
                          "not set")
    return value


def owner_id(config: Config) -> str:
    """What a run writes as its .ics files' owner: a digest of the configuration file's path
    (not the path itself, which would publish a home folder in a public calendar)."""
    return "config-" + hashlib.sha256(str(config.path).encode()).hexdigest()[:12]


def build_target(cfg: TargetConfig, config: Config, now: datetime,
                 memo: Memo | None = None) -> TargetAdapter:
    """The adapter for one ``[[target]]``; heavy libraries are imported only here."""
    if isinstance(cfg, IcsTargetConfig):
        return IcsAdapter(cfg, config, now, memo)
    if isinstance(cfg, GoogleTargetConfig):
        try:
            return GoogleAdapter(cfg, config)
        except ImportError as exc:
            raise TargetError(f"target {cfg.name!r}: the Google libraries are not installed",
                              hint="pip install 'calsync[google]'") from exc
    if isinstance(cfg, CaldavTargetConfig):
        try:
            return CaldavAdapter(cfg, config)
        except ImportError as exc:
            raise TargetError(f"target {cfg.name!r}: the CalDAV libraries are not installed",
                              hint="pip install 'calsync[caldav]'") from exc
    raise TargetError(f"unknown target {cfg!r}")  # pragma: no cover


# --- the run ---------------------------------------------------------------------------------


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


def run(config: Config, *, now: datetime, dry_run: bool = False,
        extract: Extractor | None = None, fetcher: Fetcher | None = None,
        progress: Progress | None = None,
        clock: Callable[[], float] = time.monotonic) -> RunReport:
    """Converge every target of ``config``; ``now`` is the run's start (aware).

    ``clock`` (seconds, monotonic) measures the run's deadline, from the moment the lock is
    held.

    A dry run creates nothing, not even the state folder or the lock file: it takes the lock
    only where a real run has left one (so it does not read state a run is writing).
    """
    from filelock import FileLock, Timeout

    def converge() -> RunReport:
        return _run(config, now=now, dry_run=dry_run, extract=extract,
                    fetcher=fetcher, progress=progress or (lambda _msg: None), clock=clock,
                    deadline=clock() + config.limits.run_deadline)

    lock_path = config.lock_path
    if dry_run and not lock_path.exists():
        return converge()
    from calsync.storage import private_folder

    try:
        private_folder(lock_path.parent)
    except OSError as exc:
        raise CalsyncError(f"cannot create {lock_path.parent}: {exc.strerror}") from exc
    lock = FileLock(str(lock_path), timeout=0, mode=0o600)
    try:
        lock.acquire()
    except Timeout:
        raise LockedError(f"another calsync run is in progress (lock {lock_path}); "
                          "this run stops without doing anything") from None
    try:
        return converge()
    finally:
        lock.release()


def _run(config: Config, *, now: datetime, dry_run: bool, extract: Extractor | None,
         fetcher: Fetcher | None, progress: Progress, clock: Callable[[], float],
         deadline: float) -> RunReport:
    report = RunReport(dry_run=dry_run)
    fetcher = fetcher or Fetcher(user_agent=config.fetch.user_agent,
                                 timeout=config.fetch.timeout, max_bytes=config.fetch.max_bytes,
                                 concurrency=config.fetch.concurrency,
                                 per_host=config.fetch.per_host, clock=clock,
                                 deadline=deadline)
    past_deadline = functools.partial(_past, clock, deadline)
    settings = config.extraction
    reports: list[ArticleEvents] = []
    cache_path = config.state_dir / CACHE_NAME
    if dry_run and not cache_path.exists():
        cache_path = Path(":memory:")  # a dry run leaves no cache behind
    cache, previous_all, warning = open_cache(cache_path, rebuild=not dry_run)
    if warning:
        log.warning("%s", warning)
        report.warnings.append(warning)
    with cache:
        # The sources' own pages and feeds side by side, before each is read in turn.
        fetcher.prefetch((src.url, cache.validators(src.url, fingerprint(config, src)))
                         for src in config.sources if src.url is not None)
        for src in config.sources:
            progress(f"source {src.name}")
            previous = {ident: art for (name, ident), art in previous_all.items()
                        if name == src.name}
            current, sr = _read_one(src, config, cache, previous, now=now, dry_run=dry_run,
                                    extract=extract, settings=settings, fetcher=fetcher,
                                    progress=progress, past_deadline=past_deadline)
            report.sources.append(sr)
            for art in current.values():
                sr.events += len(art.events)
                reports.append(ArticleEvents(art.id, art.published, art.events))
        if not dry_run:
            with cache.transaction():
                cache.remove_sources_except([s.name for s in config.sources])
        report.requests = fetcher.requests
        events = combine(reports)  # the one road: calsync.assemble
        report.events = tuple(events)
        log.info("%d events from %d articles", len(events), len(reports))
        memo = None if dry_run else cache
        for tcfg in config.targets:
            progress(f"target {tcfg.name}")
            report.targets.append(_converge(tcfg, config, events, now=now, dry_run=dry_run,
                                            memo=memo))
    return report


def _past(clock: Callable[[], float], deadline: float) -> bool:
    return clock() >= deadline


def _read_one(src: SourceConfig, config: Config, cache: ArticleCache,
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
                        max_file_bytes=config.limits.max_file_bytes)
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


def _converge(tcfg: TargetConfig, config: Config, events: Sequence[Event], *, now: datetime,
              dry_run: bool, memo: Memo | None) -> TargetReport:
    tr = TargetReport(name=tcfg.name, kind=tcfg.kind)
    try:
        adapter = build_target(tcfg, config, now, memo)
        try:
            tr.plan = adapter.plan(events)
            if not dry_run:
                adapter.apply(events, tr.plan, tr)
        finally:
            adapter.close()
    except CalsyncError as exc:
        tr.error = str(exc)
        log.error("target %s: %s", tcfg.name, exc)
    except Exception as exc:  # a library's surprise must not stop the other targets
        log.debug("target %s failed", tcfg.name, exc_info=True)
        tr.error = f"unexpected {type(exc).__name__}: {exc}"
        log.error("target %s: %s", tcfg.name, tr.error)
    return tr
