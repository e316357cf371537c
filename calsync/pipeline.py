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

Articles become events on the one road every command takes (``calsync.assemble``); targets
are built from their ``[[target]]`` by ``calsync.targets.registry`` and driven through one
protocol (``CalendarTarget``: plan, then apply that plan). What people decided in ``calsync
review`` (kept in ``<state>/state.sqlite``) is applied on that road; a target with ``review =
true`` receives only the events someone approved. The library logs (logger ``calsync.run``)
and never prints.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from calsync.assemble import ArticleEvents, Extractor, combine
from calsync.config import Config, TargetConfig
from calsync.decisions import approved_only
from calsync.errors import CalsyncError, LockedError, TargetError
from calsync.model import Event, Plan
from calsync.refresh import Progress, SourceReport, fingerprint, read_one
from calsync.sources.cache import open_cache
from calsync.sources.fetch import Fetcher
from calsync.sync.state import read_decisions
from calsync.targets.base import Memo
from calsync.targets.registry import STATE_FILE, build_target

log = logging.getLogger("calsync.run")

CACHE_NAME = "articles.sqlite"


# --- reports ---------------------------------------------------------------------------------


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
    #: Events held back from a ``review = true`` target until someone approves them.
    held: int = 0

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


# --- the run ---------------------------------------------------------------------------------


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
            current, sr = read_one(src, config, cache, previous, now=now, dry_run=dry_run,
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
        decisions = read_decisions(config.state_dir / STATE_FILE)
        events = combine(reports, decisions)  # the one road: calsync.assemble
        report.events = tuple(events)
        log.info("%d events from %d articles", len(events), len(reports))
        memo = None if dry_run else cache
        for tcfg in config.targets:
            progress(f"target {tcfg.name}")
            chosen = approved_only(events, decisions) if tcfg.review else events
            tr = _converge(tcfg, config, chosen, now=now, dry_run=dry_run, memo=memo)
            tr.held = len(events) - len(chosen)
            report.targets.append(tr)
    return report


def _past(clock: Callable[[], float], deadline: float) -> bool:
    return clock() >= deadline


def _converge(tcfg: TargetConfig, config: Config, events: Sequence[Event], *, now: datetime,
              dry_run: bool, memo: Memo | None) -> TargetReport:
    tr = TargetReport(name=tcfg.name, kind=tcfg.kind)
    try:
        target = build_target(tcfg, config, now, memo)
        try:
            tr.plan = target.plan(events)
            if not dry_run:
                applied = target.apply(events, tr.plan)
                tr.written, tr.failed, tr.detail = (applied.written, len(applied.failures),
                                                    applied.detail)
                for failure in applied.failures:
                    log.error("target %s: %s", tcfg.name, failure)
                if applied.error:
                    raise TargetError(f"target {tcfg.name!r}: {applied.error}")
        finally:
            target.close()
    except CalsyncError as exc:
        tr.error = str(exc)
        log.error("target %s: %s", tcfg.name, exc)
    except Exception as exc:  # a library's surprise must not stop the other targets
        log.debug("target %s failed", tcfg.name, exc_info=True)
        tr.error = f"unexpected {type(exc).__name__}: {exc}"
        log.error("target %s: %s", tcfg.name, tr.error)
    return tr
