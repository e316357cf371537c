"""File and folder sources: dates from sidecars, the config, the page; undated skipped."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from calsync.errors import SourceError
from calsync.sources import read_source
from tests.httpserver import html_page
from tests.sources.helpers import NOW, PARIS, context, source

STORY = ("The harbour authority said the new ferry terminal will open on 20 April, with a "
         "ribbon-cutting ceremony at 11 a.m.")


def write(folder: Path, name: str, text: str, meta: str | None = None) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    if meta is not None:
        (folder / (path.stem + ".meta.toml")).write_text(meta, encoding="utf-8")
    return path


def test_sidecar_gives_date_title_and_url(tmp_path: Path) -> None:
    write(tmp_path, "ferry.txt", STORY, 'published = 2026-03-02T08:00:00+01:00\n'
          'title = "Ferry terminal"\nurl = "https://example.org/ferry"\n')
    batch = read_source(source("file", path=tmp_path / "ferry.txt"), context(tmp_path))
    [article] = batch.articles
    assert article.published == datetime(2026, 3, 2, 8, 0, tzinfo=PARIS)
    assert article.published.utcoffset() is not None
    assert (article.title, article.url, article.source) == (
        "Ferry terminal", "https://example.org/ferry", "ferry.txt")
    assert article.text == STORY
    assert batch.raw_hashes["ferry.txt"]


def test_sidecar_named_after_the_full_file_name(tmp_path: Path) -> None:
    write(tmp_path, "ferry.txt", STORY)
    (tmp_path / "ferry.txt.meta.toml").write_text("published = 2026-03-02\n")
    [article] = read_source(source("file", path=tmp_path / "ferry.txt"),
                            context(tmp_path)).articles
    # A bare date is noon in the zone: no zone conversion can move it to another day.
    assert article.published == datetime(2026, 3, 2, 12, 0, tzinfo=PARIS)


def test_config_date_when_no_sidecar(tmp_path: Path) -> None:
    write(tmp_path, "ferry.txt", STORY)
    when = datetime(2026, 2, 27, 12, 0, tzinfo=PARIS)
    [article] = read_source(source("file", path=tmp_path / "ferry.txt", published=when),
                            context(tmp_path)).articles
    assert article.published == when


def test_undated_article_is_skipped_with_a_warning(tmp_path: Path) -> None:
    write(tmp_path, "ferry.txt", STORY)
    batch = read_source(source("file", path=tmp_path / "ferry.txt"), context(tmp_path))
    assert batch.articles == []
    assert len(batch.warnings) == 1
    assert "ferry.txt" in batch.warnings[0] and "no publication date" in batch.warnings[0]


def test_fetch_time_when_the_source_allows_it(tmp_path: Path) -> None:
    write(tmp_path, "ferry.txt", STORY)
    [article] = read_source(source("file", path=tmp_path / "ferry.txt", use_fetch_time=True),
                            context(tmp_path)).articles
    assert article.published == NOW


def test_html_file_text_title_and_metadata_date(tmp_path: Path) -> None:
    page = html_page("Ferry terminal opens in April", [STORY, "Tickets go on sale next week."],
                     published="2026-03-02T07:30:00+01:00")
    write(tmp_path, "ferry.html", page)
    [article] = read_source(source("file", path=tmp_path / "ferry.html"),
                            context(tmp_path)).articles
    assert article.published == datetime.fromisoformat("2026-03-02T07:30:00+01:00")
    assert "ribbon-cutting ceremony" in article.text
    assert "<p>" not in article.text and "Subscribe to our newsletter" not in article.text
    assert article.title is not None and "Ferry terminal" in article.title


def test_saved_page_with_text_suffix_is_read_as_html(tmp_path: Path) -> None:
    # a browser's "save as" named story.txt: the same page, the same article text as .html
    page = html_page("Ferry terminal opens in April", [STORY],
                     published="2026-03-02T07:30:00+01:00")
    write(tmp_path, "ferry.txt", page)
    [article] = read_source(source("file", path=tmp_path / "ferry.txt"),
                            context(tmp_path)).articles
    assert "ribbon-cutting ceremony" in article.text and "<p>" not in article.text
    assert article.published == datetime.fromisoformat("2026-03-02T07:30:00+01:00")


def test_sidecar_outranks_page_metadata(tmp_path: Path) -> None:
    page = html_page("Ferry", [STORY], published="2026-01-01T07:30:00+01:00")
    write(tmp_path, "ferry.html", page, "published = 2026-03-03\n")
    [article] = read_source(source("file", path=tmp_path / "ferry.html"),
                            context(tmp_path)).articles
    assert article.published.date().isoformat() == "2026-03-03"


def test_folder_glob_skips_sidecars_and_hidden_files_and_sorts(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", ".hidden.txt"):
        write(tmp_path, name, STORY + name, "published = 2026-03-02\n")
    (tmp_path / "notes.md").write_text("not an article")
    batch = read_source(source("folder", path=tmp_path, glob="*.txt"), context(tmp_path))
    assert [a.source for a in batch.articles] == ["a.txt", "b.txt"]


def test_unchanged_files_are_not_parsed_again(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", STORY, "published = 2026-03-02\n")
    write(tmp_path, "b.txt", STORY + " More.", "published = 2026-03-02\n")
    cfg = source("folder", path=tmp_path, glob="*.txt")
    first = read_source(cfg, context(tmp_path))
    seen = dict(first.raw_hashes)
    ctx = replace(context(tmp_path),
                  raw_unchanged=lambda _s, ident, raw: seen.get(ident) == raw)
    again = read_source(cfg, ctx)
    assert again.articles == [] and sorted(again.kept) == ["a.txt", "b.txt"]
    # Editing the sidecar alone changes the article (its date).
    (tmp_path / "b.meta.toml").write_text("published = 2026-03-03\n")
    third = read_source(cfg, ctx)
    assert [a.source for a in third.articles] == ["b.txt"] and third.kept == ["a.txt"]


def test_a_bad_file_fails_alone(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", STORY, "published = 2026-03-02\n")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe caf\xe9")
    write(tmp_path, "badmeta.txt", STORY, "published = 'soon'\n")
    write(tmp_path, "nohtml.html", "<html><body></body></html>", "published = 2026-03-02\n")
    batch = read_source(source("folder", path=tmp_path, glob="*.*"), context(tmp_path))
    assert [a.source for a in batch.articles] == ["good.txt"]
    assert len(batch.errors) == 3
    text = "\n".join(batch.errors)
    assert "bad.txt: not UTF-8" in text and "nohtml.html: empty article" in text
    assert "badmeta.meta.toml: published: not a date" in text


def test_a_half_written_file_is_skipped_for_now_and_keeps_its_previous_events(
        tmp_path: Path) -> None:
    # An empty file, or one cut in the middle of a character, was a failed source every run.
    write(tmp_path, "good.txt", STORY, "published = 2026-03-02\n")
    write(tmp_path, "empty.txt", "", "published = 2026-03-02\n")
    write(tmp_path, "blank.txt", "  \n", "published = 2026-03-02\n")
    (tmp_path / "cut.txt").write_bytes(STORY.encode() + " Caf\u00e9".encode()[:-1])
    (tmp_path / "cut.meta.toml").write_text("published = 2026-03-02\n")
    batch = read_source(source("folder", path=tmp_path, glob="*.txt"), context(tmp_path))
    assert batch.errors == []
    assert [a.source for a in batch.articles] == ["good.txt"]
    assert sorted(batch.kept) == ["blank.txt", "cut.txt", "empty.txt"]
    assert not {"blank.txt", "cut.txt", "empty.txt"} & set(batch.raw_hashes)
    text = "\n".join(batch.warnings)
    assert len(batch.warnings) == 3 and text.count("read again next run") == 3
    assert "empty.txt: skipped for now: empty" in text
    assert "cut.txt: skipped for now: it ends in the middle of a UTF-8 character" in text


def test_a_file_modified_in_the_last_seconds_is_left_for_the_next_run(tmp_path: Path) -> None:
    import os

    path = write(tmp_path, "fresh.txt", STORY, "published = 2026-03-02\n")
    stamp = NOW.timestamp() - 0.5
    os.utime(path, (stamp, stamp))
    cfg = source("folder", path=tmp_path, glob="*.txt")
    ctx = replace(context(tmp_path), min_file_age=2.0)
    batch = read_source(cfg, ctx)
    assert batch.articles == [] and batch.kept == ["fresh.txt"] and batch.errors == []
    [warning] = batch.warnings
    assert "fresh.txt: skipped for now: modified 0.5 s before the run" in warning
    # Older than that, or dated ahead of the clock by more than that: read.
    for offset in (-3.0, 3.0):
        os.utime(path, (NOW.timestamp() + offset, NOW.timestamp() + offset))
        assert [a.source for a in read_source(cfg, ctx).articles] == ["fresh.txt"]
    # Without the setting (a library caller), read at once.
    os.utime(path, (stamp, stamp))
    assert [a.source for a in read_source(cfg, context(tmp_path)).articles] == ["fresh.txt"]


def test_missing_file_or_folder_fails_the_source(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file"):
        read_source(source("file", path=tmp_path / "nope.txt"), context(tmp_path))
    with pytest.raises(SourceError, match="no such folder"):
        read_source(source("folder", path=tmp_path / "nope"), context(tmp_path))


def test_article_outside_the_config_folder_gets_its_absolute_path(tmp_path: Path) -> None:
    inner = tmp_path / "conf"
    inner.mkdir()
    write(tmp_path, "far.txt", STORY, "published = 2026-03-02\n")
    [article] = read_source(source("file", path=tmp_path / "far.txt"), context(inner)).articles
    assert article.source == (tmp_path / "far.txt").resolve().as_posix()


def test_a_file_over_the_cap_is_refused_naming_file_and_cap(tmp_path: Path) -> None:
    # Files had no cap at all: a 50 MB text ran for minutes at 1.9 GB of memory.
    folder = tmp_path / "articles"
    folder.mkdir()
    write(folder, "small.txt", STORY)
    write(folder, "huge.txt", STORY + " x" * 2000)
    cfg = source("folder", path=folder, published=NOW)
    ctx = replace(context(tmp_path), max_file_bytes=1000)
    batch = read_source(cfg, ctx)
    assert [a.source for a in batch.articles] == ["articles/small.txt"]
    [error] = batch.errors
    assert str(folder / "huge.txt") in error and "larger than the 1000-byte cap" in error
    assert "[limits] max_file_bytes" in error
    assert batch.kept == ["articles/huge.txt"]  # its events of a last run stay


def test_a_link_out_of_the_folder_is_skipped_unless_followed(tmp_path: Path) -> None:
    # /etc/passwd (or a 0600 key) linked into a source folder was read and published.
    secret = tmp_path / "private" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("The password rotation will happen on 20 April.", encoding="utf-8")
    secret.chmod(0o600)
    folder = tmp_path / "articles"
    folder.mkdir()
    write(folder, "ferry.txt", STORY)
    (folder / "leak.txt").symlink_to(secret)
    (folder / "inside.txt").symlink_to(folder / "ferry.txt")  # a link within: fine
    write(folder, "dated.txt", STORY)
    (folder / "dated.meta.toml").symlink_to(secret)  # a sidecar leading out
    cfg = source("folder", path=folder, published=NOW)
    batch = read_source(cfg, context(tmp_path))
    assert sorted(a.source for a in batch.articles) == ["articles/ferry.txt",
                                                        "articles/ferry.txt"]
    assert not any("password" in a.text for a in batch.articles)
    assert len(batch.warnings) == 2 and not batch.errors
    leak = next(w for w in batch.warnings if "leak.txt" in w)
    assert str(secret) in leak and "follow_symlinks = true" in leak
    followed = read_source(replace(cfg, follow_symlinks=True), context(tmp_path))
    assert any("password" in a.text for a in followed.articles)
