"""The configuration file: TOML in, typed frozen settings out.

Everything the cron runner needs (zone, holiday countries, sources, targets, where state and
logs go) is read here once and validated as a whole: every unknown key and bad value is
collected and reported together, each with its key and line, so a user fixes a file in one
pass. Paths are relative to the configuration file's folder. Secrets are never read from the
file itself, only the *names* of environment variables that hold them.

This module reads one file and the environment given to it; it does no network I/O.
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from calsync.errors import ConfigError
from calsync.extraction.settings import DEFAULT_COUNTRIES, DEFAULT_TIMEZONE, ExtractionSettings

SourceKind = Literal["file", "folder", "url", "feed"]
TargetKind = Literal["ics", "google", "caldav"]
TextFormat = Literal["auto", "text", "html"]

SOURCE_KINDS: tuple[SourceKind, ...] = ("file", "folder", "url", "feed")
TARGET_KINDS: tuple[TargetKind, ...] = ("ics", "google", "caldav")
FORMATS: tuple[TextFormat, ...] = ("auto", "text", "html")

DEFAULT_USER_AGENT = "calsync/0.1 (+https://github.com/calsync/calsync)"
DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_CONCURRENCY = 4
DEFAULT_PER_HOST = 2
DEFAULT_RUN_DEADLINE = 600.0
DEFAULT_MIN_FILE_AGE = 2.0


@dataclass(frozen=True)
class FetchConfig:
    """How network sources are read: one place for politeness and limits.

    ``timeout`` bounds each request as a whole (connecting, waiting, receiving), not each
    read; ``concurrency`` pages are fetched at once, at most ``per_host`` from one host.
    """

    user_agent: str = DEFAULT_USER_AGENT
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    concurrency: int = DEFAULT_CONCURRENCY
    per_host: int = DEFAULT_PER_HOST


@dataclass(frozen=True)
class LimitsConfig:
    """Bounds on one run: how large a local article may be, how long a run may read.

    After ``run_deadline`` seconds no new page is fetched and no new article extracted; what
    was not read keeps its events from the last run and is read by the next one. A local
    article file modified less than ``min_file_age`` seconds before the run started may still
    be being written: it is left for the next run.
    """

    max_file_bytes: int = DEFAULT_MAX_BYTES
    run_deadline: float = DEFAULT_RUN_DEADLINE
    min_file_age: float = DEFAULT_MIN_FILE_AGE


@dataclass(frozen=True)
class SourceConfig:
    """One ``[[source]]``: where articles come from and how to date them.

    ``published`` is the fallback publication instant for every article of the source (used
    after a sidecar file and before the page's own metadata). ``use_fetch_time`` allows the run's
    start time as a last resort; without it an undated article is skipped.
    """

    name: str
    kind: SourceKind
    path: Path | None = None
    glob: str = "*"
    url: str | None = None
    published: datetime | None = None
    use_fetch_time: bool = False
    format: TextFormat = "auto"
    fetch_pages: bool = True
    #: "en", "fr", "de", "es", "it" or "auto" (each article's language from its words); TOML
    #: key ``lang`` or
    #: ``language``
    language: str = "auto"
    #: Folders: read files that symbolic links lead to outside the folder (default: skip).
    follow_symlinks: bool = False


@dataclass(frozen=True)
class IcsTargetConfig:
    """An .ics file that cron regenerates (for subscriptions or import)."""

    name: str
    path: Path
    calendar_name: str = "calsync"
    keep_cancelled: bool = False
    force: bool = False
    #: Hold new events back until someone approves them in ``calsync review``.
    review: bool = False
    kind: Literal["ics"] = "ics"


@dataclass(frozen=True)
class GoogleTargetConfig:
    """A Google calendar.

    ``credentials`` is a service account key file, ``credentials_env`` names the variable that
    holds its path; with neither, the OAuth token stored by ``calsync auth google`` is used.
    """

    name: str
    calendar: str
    credentials: Path | None = None
    credentials_env: str | None = None
    api_endpoint: str | None = None
    token_uri: str | None = None
    prune: bool = False
    max_delete_fraction: float = 0.5
    review: bool = False
    kind: Literal["google"] = "google"


@dataclass(frozen=True)
class CaldavTargetConfig:
    """A CalDAV calendar; the password is read from the named environment variable, or is
    the first line ``password_command`` prints (``pass show calendar``; run without a shell).

    ``calendar`` is a display name, a path segment or a URL (None: ``url`` is the calendar);
    ``create`` makes a calendar not found by name.
    """

    name: str
    url: str
    username: str | None = None
    password_env: str | None = None
    password_command: str | None = None
    calendar: str | None = None
    create: bool = False
    prune: bool = False
    max_delete_fraction: float = 0.5
    review: bool = False
    kind: Literal["caldav"] = "caldav"


TargetConfig = IcsTargetConfig | GoogleTargetConfig | CaldavTargetConfig


@dataclass(frozen=True)
class Config:
    """The whole configuration, validated; paths are absolute."""

    path: Path
    timezone: str = DEFAULT_TIMEZONE
    countries: tuple[str, ...] = DEFAULT_COUNTRIES
    keep_past: bool = False
    state_dir: Path = Path()
    log_file: Path | None = None
    lock_file: Path | None = None
    fetch: FetchConfig = FetchConfig()
    limits: LimitsConfig = LimitsConfig()
    sources: tuple[SourceConfig, ...] = ()
    targets: tuple[TargetConfig, ...] = ()

    @property
    def folder(self) -> Path:
        return self.path.parent

    @property
    def lock_path(self) -> Path:
        return self.lock_file or self.state_dir / "calsync.lock"

    @property
    def extraction(self) -> ExtractionSettings:
        # Cancellations are kept so that merging can cancel an event announced earlier.
        return ExtractionSettings(
            timezone=self.timezone, countries=self.countries, keep_past=self.keep_past,
            keep_cancelled=True,
        )


def default_config_path(env: Mapping[str, str] | None = None) -> Path:
    """``$CALSYNC_CONFIG``, else ``$XDG_CONFIG_HOME/calsync/calsync.toml`` (~/.config)."""
    env = os.environ if env is None else env
    if env.get("CALSYNC_CONFIG"):
        return Path(env["CALSYNC_CONFIG"]).expanduser()
    base = env.get("XDG_CONFIG_HOME") or str(Path("~/.config").expanduser())
    return Path(base) / "calsync" / "calsync.toml"


def default_state_dir(env: Mapping[str, str] | None = None) -> Path:
    """``$XDG_STATE_HOME/calsync`` (~/.local/state/calsync): state survives cache cleaning."""
    env = os.environ if env is None else env
    base = env.get("XDG_STATE_HOME") or str(Path("~/.local/state").expanduser())
    return Path(base) / "calsync"


# ---------------------------------------------------------------------------------------------
# Line numbers: tomllib gives none, so a small scan of the text maps keys to lines.

_ARRAY_HEADER = re.compile(r"^\s*\[\[\s*([^\]]+?)\s*\]\]")
_TABLE_HEADER = re.compile(r"^\s*\[\s*([^\]\[]+?)\s*\]")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=""")

Where = tuple[str, int, str | None]


def _key_lines(text: str) -> dict[Where, int]:
    """Map (table, index-in-array, key) to a 1-based line; key None is the table header.

    Top-level keys use table "" and index 0. Keys inside multi-line values are not a concern:
    a line inside a multi-line string or array that happens to look like ``key =`` can only
    give a wrong line number, never a wrong verdict.
    """
    lines: dict[Where, int] = {}
    counts: dict[str, int] = {}
    table, index = "", 0
    for number, line in enumerate(text.splitlines(), start=1):
        if m := _ARRAY_HEADER.match(line):
            table = m.group(1).strip()
            counts[table] = counts.get(table, 0) + 1
            index = counts[table] - 1
            lines.setdefault((table, index, None), number)
        elif m := _TABLE_HEADER.match(line):
            table, index = m.group(1).strip(), 0
            lines.setdefault((table, index, None), number)
        elif m := _KEY.match(line):
            key = m.group(1).strip("\"'")
            lines.setdefault((table, index, key), number)
    return lines


class _Problems:
    """Collects problems with their line numbers, in file order."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = _key_lines(text)
        self.items: list[tuple[int, str]] = []

    def add(self, table: str, index: int, key: str | None, message: str) -> None:
        line = self.lines.get((table, index, key)) or self.lines.get((table, index, None)) or 0
        if not table:
            label = key or "(top level)"
        elif table in ("source", "target"):
            label = f"{table}[{index + 1}]" + (f".{key}" if key else "")
        else:
            label = f"{table}" + (f".{key}" if key else "")
        where = f"{self.path.name}:{line}" if line else self.path.name
        self.items.append((line, f"{where}: {label}: {message}"))

    def sorted(self) -> list[str]:
        return [msg for _, msg in sorted(self.items, key=lambda item: item[0])]


def _section(data: Mapping[str, Any], top: _Table, problems: _Problems, name: str,
             allowed: tuple[str, ...]) -> _Table | None:
    """The optional ``[name]`` table, read with its keys checked; None when absent or bad."""
    if name not in data:
        return None
    if not isinstance(data[name], dict):
        top.problem(name, f"must be a table: [{name}]")
        return None
    return _Table(data[name], problems, name, 0, allowed)


class _Table:
    """Typed reads from one TOML table; every bad value becomes a problem, not an exception."""

    def __init__(self, data: Mapping[str, Any], problems: _Problems, table: str, index: int,
                 allowed: tuple[str, ...]) -> None:
        self.data = data
        self.p = problems
        self.table = table
        self.index = index
        for key in data:
            if key not in allowed:
                hint = _closest(key, allowed)
                extra = f" (did you mean {hint!r}?)" if hint else ""
                self.p.add(table, index, key, f"unknown key{extra}")

    def problem(self, key: str | None, message: str) -> None:
        self.p.add(self.table, self.index, key, message)

    def string(self, key: str, default: str | None = None, *, required: bool = False
               ) -> str | None:
        if key not in self.data:
            if required:
                self.problem(key, "missing (required)")
            return default
        value = self.data[key]
        if not isinstance(value, str) or not value.strip():
            self.problem(key, f"must be a non-empty string, not {value!r}")
            return default
        return value

    def boolean(self, key: str, default: bool) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            self.problem(key, f"must be true or false, not {value!r}")
            return default
        return value

    def number(self, key: str, default: float, *, minimum: float = 0.0,
               maximum: float | None = None, zero: bool = False) -> float:
        """A finite number > ``minimum`` (>= with ``zero``; and <= ``maximum``): TOML's nan and
        inf are refused, since every comparison with nan is false (a nan bound would switch a
        guard off)."""
        value = self.data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(key, f"must be a number, not {value!r}")
            return default
        if not math.isfinite(value):
            self.problem(key, f"must be a finite number, not {value!r}")
            return default
        low = value < minimum if zero else value <= minimum
        if low or (maximum is not None and value > maximum):
            bound = (f">= {minimum:g}" if zero else f"> {minimum:g}") + (
                f" and <= {maximum:g}" if maximum is not None else "")
            self.problem(key, f"must be {bound}, not {value!r}")
            return default
        return float(value)

    def integer(self, key: str, default: int, *, minimum: int = 0,
                maximum: int | None = None) -> int:
        """A whole number > ``minimum`` (and <= ``maximum``); 1e6 is accepted, 2.5 is not."""
        value = self.number(key, default, minimum=minimum,
                            maximum=float(maximum) if maximum is not None else None)
        if value != int(value):
            self.problem(key, f"must be a whole number, not {self.data.get(key)!r}")
            return default
        return int(value)

    def choice(self, key: str, choices: tuple[str, ...], default: str | None = None) -> str | None:
        if key not in self.data:
            if default is None:
                self.problem(key, "missing (required: one of " + ", ".join(choices) + ")")
            return default
        value = self.data[key]
        if value not in choices:
            self.problem(key, f"must be one of {', '.join(choices)}, not {value!r}")
            return default
        return str(value)

    def path(self, key: str, base: Path, *, required: bool = False) -> Path | None:
        raw = self.string(key, required=required)
        if raw is None:
            return None
        p = Path(os.path.expandvars(raw)).expanduser()
        return p if p.is_absolute() else base / p

    def env_name(self, key: str) -> str | None:
        raw = self.string(key)
        if raw is not None and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", raw):
            self.problem(key, f"must name an environment variable, not {raw!r}")
            return None
        return raw


def _closest(key: str, allowed: tuple[str, ...]) -> str | None:
    import difflib

    found = difflib.get_close_matches(key, allowed, n=1, cutoff=0.7)
    return found[0] if found else None


def _published(t: _Table, zone: ZoneInfo | None) -> datetime | None:
    """A TOML date (noon in the zone), datetime (naive = in the zone) or ISO string."""
    if "published" not in t.data:
        return None
    value = t.data["published"]
    if isinstance(value, str):
        try:
            value = (datetime.fromisoformat(value) if "T" in value or " " in value
                     else date.fromisoformat(value))
        except ValueError:
            t.problem("published", f"not a date or date-time: {value!r}")
            return None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=zone) if zone else None
        return value
    if isinstance(value, date):
        # Noon, not midnight: a date-only stamp read in another zone keeps its day.
        return datetime.combine(value, time(12, 0), tzinfo=zone) if zone else None
    t.problem("published", f"must be a date such as 2026-03-02, not {value!r}")
    return None


_TOP = ("timezone", "countries", "keep_past", "state", "log_file", "lock", "fetch",
        "limits", "source", "target")
_FETCH = ("user_agent", "timeout", "max_bytes", "concurrency", "per_host")
_LIMITS = ("max_file_bytes", "run_deadline", "min_file_age")
_SOURCE = ("name", "type", "path", "glob", "url", "published", "use_fetch_time", "format",
           "fetch_pages", "language", "lang", "follow_symlinks")
_SOURCE_ONLY: dict[str, tuple[str, ...]] = {
    "path": ("file", "folder"), "glob": ("folder",), "url": ("url", "feed"),
    "fetch_pages": ("feed",), "follow_symlinks": ("folder",),
}
_TARGET_COMMON = ("name", "type", "review")
_TARGET: dict[str, tuple[str, ...]] = {
    "ics": ("path", "calendar_name", "keep_cancelled", "force"),
    "google": ("calendar", "credentials", "credentials_env", "api_endpoint", "token_uri",
               "prune", "max_delete_fraction"),
    "caldav": ("url", "username", "password_env", "password_command", "calendar", "create",
               "prune",
               "max_delete_fraction"),
}


def load_config(path: Path | str | None = None, env: Mapping[str, str] | None = None) -> Config:
    """Read and validate a configuration file; raise ``ConfigError`` listing every problem."""
    path = Path(path) if path is not None else default_config_path(env)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: no such configuration file",
            problems=["start from config/calsync.toml in the calsync sources, or pass --config"],
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    return parse_config(text, path.resolve(), env)


def parse_config(text: str, path: Path, env: Mapping[str, str] | None = None) -> Config:
    """Validate TOML ``text`` read from ``path`` (which anchors relative paths)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    problems = _Problems(path, text)
    base = path.parent
    top = _Table(data, problems, "", 0, _TOP)

    timezone = top.string("timezone", DEFAULT_TIMEZONE) or DEFAULT_TIMEZONE
    zone: ZoneInfo | None
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        top.problem("timezone", f"unknown timezone {timezone!r} (use an IANA name such as "
                    "Europe/Paris)")
        zone = None
    countries = _countries(top)
    keep_past = top.boolean("keep_past", False)
    state_dir = top.path("state", base) or default_state_dir(env)
    log_file = top.path("log_file", base)
    lock_file = top.path("lock", base)

    fetch = FetchConfig()
    if (ft := _section(data, top, problems, "fetch", _FETCH)) is not None:
        fetch = FetchConfig(
            user_agent=ft.string("user_agent", DEFAULT_USER_AGENT) or DEFAULT_USER_AGENT,
            timeout=ft.number("timeout", DEFAULT_TIMEOUT, maximum=600),
            max_bytes=ft.integer("max_bytes", DEFAULT_MAX_BYTES),
            concurrency=ft.integer("concurrency", DEFAULT_CONCURRENCY, maximum=16),
            per_host=ft.integer("per_host", DEFAULT_PER_HOST, maximum=4),
        )
    limits = LimitsConfig()
    if (lt := _section(data, top, problems, "limits", _LIMITS)) is not None:
        limits = LimitsConfig(
            max_file_bytes=lt.integer("max_file_bytes", DEFAULT_MAX_BYTES),
            run_deadline=lt.number("run_deadline", DEFAULT_RUN_DEADLINE, maximum=86400),
            min_file_age=lt.number("min_file_age", DEFAULT_MIN_FILE_AGE, maximum=3600,
                                   zero=True),
        )

    sources = tuple(
        s for i, raw in enumerate(_array(top, data, "source"))
        if (s := _source(raw, problems, i, base, zone)) is not None
    )
    targets = tuple(
        t for i, raw in enumerate(_array(top, data, "target"))
        if (t := _target(raw, problems, i, base)) is not None
    )
    for what, names in (("source", [s.name for s in sources]),
                        ("target", [t.name for t in targets])):
        seen: set[str] = set()
        for i, name in enumerate(names):
            if name in seen:
                problems.add(what, i, "name", f"duplicate {what} name {name!r}")
            seen.add(name)

    if problems.items:
        count = len(problems.items)
        raise ConfigError(f"{path}: {count} problem{'s' if count > 1 else ''}",
                          problems=problems.sorted())
    return Config(
        path=path, timezone=timezone, countries=countries, keep_past=keep_past,
        state_dir=state_dir, log_file=log_file, lock_file=lock_file, fetch=fetch,
        limits=limits, sources=sources, targets=targets,
    )


def _countries(top: _Table) -> tuple[str, ...]:
    value = top.data.get("countries", list(DEFAULT_COUNTRIES))
    if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
        top.problem("countries", f"must be a list of country codes, not {value!r}")
        return DEFAULT_COUNTRIES
    problem = countries_problem(value)
    if problem:
        top.problem("countries", problem)
        return DEFAULT_COUNTRIES
    return tuple(c.upper() for c in value)


def countries_problem(codes: Iterable[str]) -> str | None:
    """What is wrong with these holiday country codes, or None (``--country`` says the same)."""
    known = _holiday_countries()
    bad = [c for c in codes if c.upper() not in known]
    if bad:
        return (f"unknown country code(s) {', '.join(map(repr, bad))} "
                "(ISO 3166 codes such as FR, GB, US)")
    return None


def _holiday_countries() -> set[str]:
    """ISO codes the ``holidays`` package knows, read from its registry without importing it.

    ``import holidays`` costs a tenth of a second and ``list_supported_countries()`` imports
    every country module (a third of a second) on each cron run; the registry is a plain dict
    literal, read here with ``ast``. Any surprise falls back to the public API.
    """
    import ast
    import importlib.util

    try:
        spec = importlib.util.find_spec("holidays")
        assert spec is not None and spec.origin is not None
        source = (Path(spec.origin).parent / "registry.py").read_text(encoding="utf-8")
        for node in ast.parse(source).body:
            if (isinstance(node, ast.AnnAssign | ast.Assign) and node.value is not None
                    and "COUNTRIES" in ast.unparse(node).split("=", 1)[0].split(":")[0]):
                countries = ast.literal_eval(node.value)
                codes = {n for names in countries.values() for n in names[1:]
                         if n.isupper() and len(n) in (2, 3)}
                return codes | {"UK"}  # the package's alias of GB, not in the registry
    except (AssertionError, OSError, SyntaxError, ValueError, AttributeError, TypeError):
        pass
    import holidays

    return set(holidays.list_supported_countries())


def _array(top: _Table, data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        top.problem(key, f"must be written as [[{key}]] tables")
        return []
    return value


def _source(raw: Mapping[str, Any], problems: _Problems, index: int, base: Path,
            zone: ZoneInfo | None) -> SourceConfig | None:
    t = _Table(raw, problems, "source", index, _SOURCE)
    kind = t.choice("type", SOURCE_KINDS)
    name = t.string("name", f"source{index + 1}") or f"source{index + 1}"
    if kind is not None:
        for key, kinds in _SOURCE_ONLY.items():
            if key in raw and kind not in kinds:
                t.problem(key, f"not used by a {kind!r} source (only {', '.join(kinds)})")
    path = t.path("path", base, required=kind in ("file", "folder"))
    url = t.string("url", required=kind in ("url", "feed"))
    if url is not None:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme not in ("http", "https"):
            t.problem("url", f"only http:// and https:// URLs are fetched, not {url!r}")
            url = None
    glob = t.string("glob", "*") or "*"
    published = _published(t, zone)
    use_fetch_time = t.boolean("use_fetch_time", False)
    fmt = t.choice("format", FORMATS, "auto")
    fetch_pages = t.boolean("fetch_pages", True)
    language = t.string("lang", None) or t.string("language", "auto") or "auto"
    if t.data.get("lang") is not None and t.data.get("language") is not None:
        t.problem("lang", "give lang or language, not both (they are the same key)")
    follow_symlinks = t.boolean("follow_symlinks", False)
    if kind is None:
        return None
    return SourceConfig(
        name=name, kind=kind,  # type: ignore[arg-type]
        path=path, glob=glob, url=url, published=published, use_fetch_time=use_fetch_time,
        format=fmt, fetch_pages=fetch_pages, language=language,  # type: ignore[arg-type]
        follow_symlinks=follow_symlinks,
    )


def _target(raw: Mapping[str, Any], problems: _Problems, index: int, base: Path
            ) -> TargetConfig | None:
    kind = raw.get("type")
    allowed = _TARGET_COMMON + (_TARGET.get(kind, ()) if isinstance(kind, str) else ())
    t = _Table(raw, problems, "target", index, allowed)
    kind = t.choice("type", TARGET_KINDS)
    name = t.string("name", f"target{index + 1}") or f"target{index + 1}"
    review = t.boolean("review", False)
    if kind == "ics":
        path = t.path("path", base, required=True)
        calendar_name = t.string("calendar_name", "calsync") or "calsync"
        keep_cancelled = t.boolean("keep_cancelled", False)
        force = t.boolean("force", False)
        if path is None:
            return None
        return IcsTargetConfig(name=name, path=path, calendar_name=calendar_name,
                               keep_cancelled=keep_cancelled, force=force, review=review)
    if kind == "google":
        calendar = t.string("calendar", required=True)
        credentials = t.path("credentials", base)
        credentials_env = t.env_name("credentials_env")
        api_endpoint = t.string("api_endpoint")
        token_uri = t.string("token_uri")
        prune = t.boolean("prune", False)
        fraction = t.number("max_delete_fraction", 0.5, maximum=1.0)
        if calendar is None:
            return None
        return GoogleTargetConfig(
            name=name, calendar=calendar, credentials=credentials,
            credentials_env=credentials_env, api_endpoint=api_endpoint, token_uri=token_uri,
            prune=prune, max_delete_fraction=fraction, review=review,
        )
    if kind == "caldav":
        url = t.string("url", required=True)
        username = t.string("username")
        password_env = t.env_name("password_env")
        password_command = t.string("password_command")
        if password_env and password_command:
            t.problem("password_command", "give password_env or password_command, not both")
        calendar = t.string("calendar")
        create = t.boolean("create", False)
        prune = t.boolean("prune", False)
        fraction = t.number("max_delete_fraction", 0.5, maximum=1.0)
        if url is not None and url.split(":", 1)[0].lower() not in ("http", "https"):
            t.problem("url", f"must be an http:// or https:// URL, not {url!r}")
            url = None
        if url is None:
            return None
        return CaldavTargetConfig(
            name=name, url=url, username=username, password_env=password_env,
            password_command=password_command, calendar=calendar, create=create, prune=prune,
            max_delete_fraction=fraction, review=review,
        )
    return None
