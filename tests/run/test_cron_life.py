"""``calsync run`` as cron lives with it: the log file, half-written articles, ``-q``."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner, Result

from calsync.cli import main
from calsync.sources.cache import ArticleCache
from tests.run.conftest import folder_config
from tests.settle import settled

FAIR = "The spring fair will open on March {day}, the organisers said."


def setup(tmp_path: Path, files: int = 2, extra: str = "") -> Path:
    return folder_config(tmp_path, extra, files=files, text=FAIR)


def write(path: Path, text: str | bytes) -> None:
    if isinstance(text, str):
        text = text.encode()
    path.write_bytes(text)
    settled(path)


def run(config: Path, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "run", "--config", str(config)])


def cached(tmp_path: Path) -> set[str]:
    with ArticleCache(tmp_path / "state/articles.sqlite") as cache:
        return {ident for _source, ident in cache.articles()}


def test_the_log_file_has_a_start_an_end_and_what_each_target_did(tmp_path: Path) -> None:
    # It recorded the sources only: no start or end, nothing of the calendars.
    config = setup(tmp_path, extra='log_file = "calsync.log"')
    assert run(config, "-q").exit_code == 0
    (tmp_path / "articles/a0.txt").unlink()
    assert run(config, "-q").exit_code == 0
    assert run(config, "-q").exit_code == 0
    lines = (tmp_path / "calsync.log").read_text().splitlines()
    starts = [i for i, line in enumerate(lines) if "run started: config " in line]
    ends = [i for i, line in enumerate(lines) if "run ended after " in line]
    assert len(starts) == len(ends) == 3
    assert all(s < e for s, e in zip(starts, ends, strict=True))
    targets = [line.split(": ", 1)[1] for line in lines if "target cal (ics)" in line]
    assert targets == [
        "target cal (ics): 2 created, 0 updated, 0 deleted, 0 unchanged; file written",
        "target cal (ics): 0 created, 0 updated, 1 deleted, 1 unchanged; file written",
        "target cal (ics): 0 created, 0 updated, 0 deleted, 1 unchanged; "
        "file not written (no change)",
    ]
    assert re.search(r"run ended after \d+\.\d s: ok; 1 source, 0 failed; 1 target, 0 failed; "
                     r"1 event \(exit 0\)$", lines[ends[-1]])


def test_the_log_file_records_a_run_stopped_by_the_lock(tmp_path: Path) -> None:
    from filelock import FileLock

    config = setup(tmp_path, extra='log_file = "calsync.log"')
    assert run(config).exit_code == 0
    with FileLock(str(tmp_path / "state/calsync.lock")):
        assert run(config, "-q").exit_code == 1
    last = (tmp_path / "calsync.log").read_text().splitlines()[-1]
    assert "run ended after" in last and "another calsync run is in progress" in last
    assert last.endswith("(exit 1)")


def test_a_half_written_article_is_read_by_the_next_run_not_a_failed_source(
        tmp_path: Path) -> None:
    # An empty file, one cut mid-character or one just modified failed the source (exit 1)
    # every run; now: a warning, exit 0, nothing stored, read once it is complete.
    config = setup(tmp_path)
    folder = tmp_path / "articles"
    write(folder / "empty.txt", b"")
    write(folder / "cut.txt", (FAIR.format(day=20) + " Caf\u00e9").encode()[:-1])
    (folder / "fresh.txt").write_text(FAIR.format(day=21))  # written just now
    first = run(config)
    assert first.exit_code == 0, first.output
    assert "2 new, 0 changed, 0 unchanged, 0 removed, 3 skipped" in first.stdout
    for name, why in (("empty.txt", "empty"),
                      ("cut.txt", "it ends in the middle of a UTF-8 character"),
                      ("fresh.txt", "modified ")):
        assert f"{name}: skipped for now: {why}" in first.stderr
    assert first.stderr.count("read again next run") == 3
    assert cached(tmp_path) == {"articles/a0.txt", "articles/a1.txt"}
    # Complete now: read as new articles.
    write(folder / "empty.txt", FAIR.format(day=22))
    write(folder / "cut.txt", FAIR.format(day=20) + " Caf\u00e9.")
    settled(folder / "fresh.txt")
    second = run(config)
    assert second.exit_code == 0, second.output
    assert "3 new, 0 changed, 2 unchanged, 0 removed, 0 skipped" in second.stdout
    # Caught while being rewritten: its events stay until the next run reads it whole.
    write(folder / "a0.txt", b"")
    third = run(config)
    assert third.exit_code == 0, third.output
    assert "0 new, 0 changed, 5 unchanged, 0 removed, 1 skipped" in third.stdout
    assert "target cal (ics): 0 unchanged" not in third.stdout
    assert "delete" not in third.stdout


def test_quiet_still_names_an_article_skipped_for_having_no_date(tmp_path: Path) -> None:
    # With -q it vanished: exit 0, no output, and no event, every hour.
    config = setup(tmp_path)
    (tmp_path / "calsync.toml").write_text(
        config.read_text().replace("published = 2026-03-02\n", ""))
    write(tmp_path / "articles/a0.txt", "March 2, 2026\n\n" + FAIR.format(day=10))
    write(tmp_path / "articles/empty.txt", b"")
    result = run(config, "-q")
    assert result.exit_code == 0
    assert result.stdout == ""
    [line] = result.stderr.splitlines()  # not the half-written one: it is read next run
    assert line.startswith("calsync: warning: ") and "a1.txt: skipped: no publication date" in line
    # The exit status stays 0: the others were read.
