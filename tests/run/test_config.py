"""The configuration file: typed settings, every problem at once with its key and line."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from calsync.cli import main
from calsync.config import (
    GoogleTargetConfig,
    IcsTargetConfig,
    default_config_path,
    load_config,
)
from calsync.errors import ConfigError

REPO = Path(__file__).resolve().parents[2]

GOOD = """
timezone = "America/New_York"
countries = ["us", "CA"]
keep_past = true
state = "var/state"
log_file = "var/calsync.log"

[fetch]
timeout = 5
max_bytes = 100000

[[source]]
name = "local"
type = "folder"
path = "articles"
glob = "**/*.html"
published = 2026-03-02

[[source]]
name = "news"
type = "feed"
url = "https://example.org/rss"
fetch_pages = false

[[target]]
name = "file"
type = "ics"
path = "out/cal.ics"
calendar_name = "City"

[[target]]
name = "shared"
type = "google"
calendar = "abc@group.calendar.google.com"
credentials_env = "CALSYNC_KEY"
"""

BROKEN = """\
timezone = "Europe/Pariss"
colour = "blue"

[fetch]
timeout = -1

[[source]]
name = "a"
type = "rss"
url = "file:///etc/passwd"

[[source]]
name = "b"
type = "folder"
glob = 3
published = "soon"

[[source]]
name = "c"
type = "url"
url = "ftp://example.org/feed.xml"
fetch_pages = false

[[target]]
name = "out"
type = "ics"
pathh = "out.ics"

[[target]]
name = "g"
type = "google"
calendar = "x"
credentials_env = "not a name"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "calsync.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_config_becomes_typed_settings(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, GOOD))
    assert config.timezone == "America/New_York" and config.countries == ("US", "CA")
    assert config.keep_past and config.extraction.keep_past
    assert config.state_dir == tmp_path / "var/state"
    assert config.lock_path == tmp_path / "var/state/calsync.lock"
    assert config.log_file == tmp_path / "var/calsync.log"
    assert (config.fetch.timeout, config.fetch.max_bytes) == (5.0, 100000)
    local, news = config.sources
    assert (local.kind, local.path, local.glob) == ("folder", tmp_path / "articles", "**/*.html")
    # A TOML date is noon in the configured zone.
    assert local.published == datetime(2026, 3, 2, 12, 0, tzinfo=ZoneInfo("America/New_York"))
    assert (news.kind, news.url, news.fetch_pages) == ("feed", "https://example.org/rss", False)
    ics, google = config.targets
    assert ics == IcsTargetConfig(name="file", path=tmp_path / "out/cal.ics",
                                  calendar_name="City")
    assert isinstance(google, GoogleTargetConfig) and google.credentials_env == "CALSYNC_KEY"


def test_every_problem_is_reported_with_key_and_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(write(tmp_path, BROKEN))
    problems = info.value.problems
    expected = [
        ("calsync.toml:1: timezone", "unknown timezone 'Europe/Pariss'"),
        ("calsync.toml:2: colour", "unknown key"),
        ("calsync.toml:5: fetch.timeout", "must be > 0"),
        ("calsync.toml:9: source[1].type", "must be one of file, folder, url, feed"),
        ("calsync.toml:10: source[1].url", "only http:// and https://"),
        ("calsync.toml:12: source[2].path", "missing (required)"),
        ("calsync.toml:15: source[2].glob", "must be a non-empty string"),
        ("calsync.toml:16: source[2].published", "not a date"),
        ("calsync.toml:21: source[3].url", "only http:// and https://"),
        ("calsync.toml:22: source[3].fetch_pages", "not used by a 'url' source"),
        ("calsync.toml:27: target[1].pathh", "unknown key (did you mean 'path'?)"),
        ("calsync.toml:24: target[1].path", "missing (required)"),
        ("calsync.toml:33: target[2].credentials_env", "must name an environment variable"),
    ]
    assert len(problems) == len(expected), "\n".join(problems)
    for where, what in expected:
        assert any(p.startswith(where) and what in p for p in problems), (where, problems)
    # Sorted by line so the user walks the file once.
    lines = [int(p.split(":")[1]) for p in problems]
    assert lines == sorted(lines)
    assert str(info.value).startswith(f"{tmp_path / 'calsync.toml'}: 13 problems")


def test_invalid_toml_names_the_position(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"not valid TOML: .*line 2"):
        load_config(write(tmp_path, 'timezone = "Europe/Paris"\nstate = \n'))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such configuration file"):
        load_config(tmp_path / "nope.toml")


def test_default_location() -> None:
    assert default_config_path({"CALSYNC_CONFIG": "/etc/cs.toml"}) == Path("/etc/cs.toml")
    assert default_config_path({"XDG_CONFIG_HOME": "/x"}) == Path("/x/calsync/calsync.toml")
    assert default_config_path({}).parts[-3:] == (".config", "calsync", "calsync.toml")


def test_config_check_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CALSYNC_KEY", raising=False)
    (tmp_path / "articles").mkdir()
    runner = CliRunner()
    good = runner.invoke(main, ["config", "check", "--config", str(write(tmp_path, GOOD))])
    assert good.exit_code == 0, good.output
    assert "source news (feed): https://example.org/rss" in good.output
    assert "target shared (google): abc@group.calendar.google.com" in good.output
    assert "credentials_env names CALSYNC_KEY, which is not set" in good.output
    bad_path = tmp_path / "bad" / "calsync.toml"
    bad_path.parent.mkdir()
    bad_path.write_text(BROKEN)
    bad = runner.invoke(main, ["config", "check", "--config", str(bad_path)])
    assert bad.exit_code == 2
    assert "13 problems" in bad.output and "calsync.toml:27: target[1].pathh" in bad.output
    assert "Traceback" not in bad.output


def test_config_check_uses_the_environment(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALSYNC_CONFIG", str(write(tmp_path, GOOD)))
    (tmp_path / "articles").mkdir()
    result = CliRunner().invoke(main, ["config", "check"])
    assert result.exit_code == 0 and str(tmp_path) in result.output


def test_bundled_example_config_is_valid() -> None:
    config = load_config(REPO / "config" / "calsync.toml")
    assert [s.kind for s in config.sources] == ["folder"]
    assert [t.kind for t in config.targets] == ["ics"]
    assert config.state_dir == REPO / "config" / "state"


NUMBERS = """\
[fetch]
timeout = nan
max_bytes = inf
concurrency = 2.5

[limits]
max_file_bytes = -inf
run_deadline = +nan

[[target]]
name = "g"
type = "google"
calendar = "x"
max_delete_fraction = nan

[[target]]
name = "d"
type = "caldav"
url = "https://dav.example.org/"
max_delete_fraction = inf
"""


def test_nan_and_infinities_are_refused_with_key_and_line(tmp_path: Path) -> None:
    # nan compares false with every bound: accepted, it made every URL fail (timeout) and
    # switched the deletion guard off (max_delete_fraction); inf crashed on int().
    with pytest.raises(ConfigError) as info:
        load_config(write(tmp_path, NUMBERS))
    problems = info.value.problems
    expected = [
        ("calsync.toml:2: fetch.timeout", "must be a finite number, not nan"),
        ("calsync.toml:3: fetch.max_bytes", "must be a finite number, not inf"),
        ("calsync.toml:4: fetch.concurrency", "must be a whole number, not 2.5"),
        ("calsync.toml:7: limits.max_file_bytes", "must be a finite number, not -inf"),
        ("calsync.toml:8: limits.run_deadline", "must be a finite number, not nan"),
        ("calsync.toml:14: target[1].max_delete_fraction", "must be a finite number, not nan"),
        ("calsync.toml:20: target[2].max_delete_fraction", "must be a finite number, not inf"),
    ]
    assert len(problems) == len(expected), "\n".join(problems)
    for where, what in expected:
        assert any(p.startswith(where) and what in p for p in problems), (where, problems)


def test_new_limits_are_read(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, """\
[fetch]
concurrency = 8
per_host = 1
max_bytes = 1e6

[limits]
max_file_bytes = 2000
run_deadline = 30
min_file_age = 0

[[source]]
name = "f"
type = "folder"
path = "articles"
follow_symlinks = true
"""))
    assert (config.fetch.concurrency, config.fetch.per_host, config.fetch.max_bytes) == (
        8, 1, 1_000_000)
    assert (config.limits.max_file_bytes, config.limits.run_deadline) == (2000, 30.0)
    assert config.limits.min_file_age == 0.0
    assert load_config(write(tmp_path, "")).limits.min_file_age == 2.0
    with pytest.raises(ConfigError, match=r"limits.min_file_age: must be >= 0 and <= 3600, not -1"):
        load_config(write(tmp_path, "[limits]\nmin_file_age = -1\n"))
    assert config.sources[0].follow_symlinks
    with pytest.raises(ConfigError, match=r"source\[1\].follow_symlinks: not used by a 'feed'"):
        load_config(write(tmp_path, '[[source]]\nname = "x"\ntype = "feed"\n'
                                    'url = "https://example.org/rss"\nfollow_symlinks = true\n'))


def test_config_check_reports_a_source_folder_that_does_not_exist(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["config", "check", "--config", str(write(tmp_path, GOOD))])
    assert result.exit_code == 2
    assert f"source 'local' (folder): {tmp_path / 'articles'}: no such folder" in result.output
    assert "OK" not in result.output
