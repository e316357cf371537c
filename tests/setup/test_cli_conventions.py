"""Small things a new user notices on the command line: completion, help summaries, "1 event",
which stream a line goes to, an output file that is not ours, the benchmark's count."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import click
import pytest
from click.testing import CliRunner, Result

from calsync.cli import main
from tests.settle import settled

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text(encoding="utf-8")
FAIR = "The spring fair will open on March 10, the organisers said."


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), prog_name="calsync", env=env)


def commands(group: click.Group = main, path: str = "calsync"
             ) -> Iterator[tuple[str, click.Group, click.Command]]:
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        assert cmd is not None
        yield f"{path} {name}", group, cmd
        if isinstance(cmd, click.Group):
            yield from commands(cmd, f"{path} {name}")


# --- shell completion --------------------------------------------------------------------------


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_completion_script_the_readme_shows_is_produced(shell: str) -> None:
    assert f"_CALSYNC_COMPLETE={shell}_source calsync > " in README
    result = invoke(env={"_CALSYNC_COMPLETE": f"{shell}_source"})
    assert result.exit_code == 0, result.output
    assert "_calsync_completion" in result.stdout
    assert "_CALSYNC_COMPLETE" in result.stdout


def test_completion_offers_the_commands() -> None:
    result = invoke(env={"_CALSYNC_COMPLETE": "bash_complete", "COMP_WORDS": "calsync ex",
                         "COMP_CWORD": "1"})
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == ["plain,export", "plain,extract"]


# --- help ----------------------------------------------------------------------------------------


def test_no_help_summary_is_cut_mid_sentence() -> None:
    # "export    Write the events of article files (PATH..." in `calsync --help`.
    for name, _group, cmd in commands():
        summary = cmd.get_short_help_str(limit=45)
        assert summary.endswith(".") and not summary.endswith("..."), (name, summary)
        assert len(summary) <= 60, (name, summary)  # one line beside the name, at 80 columns
    for name, _group, cmd in [("calsync", main, main), *commands()]:
        if not isinstance(cmd, click.Group):
            continue
        listing = invoke(*name.split()[1:], "--help", env={"COLUMNS": "80"})
        assert listing.exit_code == 0, listing.output
        lines = listing.stdout.split("Commands:\n", 1)[1].splitlines()
        assert lines and not [line for line in lines if line.rstrip().endswith("...")], lines


# --- "1 event" -------------------------------------------------------------------------------


def test_a_count_of_one_takes_the_singular(tmp_path: Path) -> None:
    article = tmp_path / "fair.txt"
    article.write_text(FAIR, encoding="utf-8")
    out = tmp_path / "fair.ics"
    export = invoke("export", str(article), "--published", "2026-03-02", "-o", str(out))
    assert export.exit_code == 0, export.output
    assert ": written: 1 event, 1 created," in export.stdout
    validate = invoke("validate", str(out))
    assert validate.stdout.endswith(": ok (1 event)\n")
    settled(article)
    config = tmp_path / "calsync.toml"
    config.write_text('state = "state"\n[[source]]\nname = "one"\ntype = "file"\npath = '
                      '"fair.txt"\npublished = 2026-03-02\n[[target]]\nname = "cal"\n'
                      'type = "ics"\npath = "out.ics"\n', encoding="utf-8")
    run = invoke("run", "--config", str(config))
    assert run.exit_code == 0, run.output
    assert "calsync run: 1 source: 1 new, " in run.stdout and "0 skipped articles; 1 event\n" in (
        run.stdout)
    assert "source one: ok: 1 new, 0 changed, 0 unchanged, 0 removed, 0 skipped, 1 event\n" in (
        run.stdout)


def test_no_count_is_printed_with_a_fixed_plural() -> None:
    # What gave "1 events": a count in an f-string followed by a fixed plural noun.
    nouns = "events|sources|articles|conflicts|problems|targets|changes|errors|entries"
    pattern = re.compile(r"\{[^{}]*\} (" + nouns + r")\b")
    found = []
    for path in sorted((REPO / "calsync").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line) and "changes written" not in line:  # counts by 50s
                found.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert found == []


# --- stdout for results, stderr for the rest ---------------------------------------------------


def test_results_and_summaries_go_to_stdout_warnings_and_errors_to_stderr(
        tmp_path: Path) -> None:
    # export and validate printed their success lines on stderr, the others on stdout.
    article = tmp_path / "fair.txt"
    article.write_text(FAIR, encoding="utf-8")
    out = tmp_path / "fair.ics"
    for args in (("export", str(article), "--published", "2026-03-02", "-o", str(out)),
                 ("validate", str(out)),
                 ("extract", str(article), "--published", "2026-03-02"),
                 ("tag", str(article), "--published", "2026-03-02")):
        result = invoke(*args)
        assert result.exit_code == 0, (args, result.output)
        assert result.stdout and result.stderr == "", (args, result.stderr)
    quiet = invoke("-q", "export", str(article), "--published", "2026-03-02", "-o", str(out))
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "", "")
    missing = invoke("validate", str(tmp_path / "nope.ics"))
    assert missing.exit_code == 2 and missing.stdout == ""
    assert missing.stderr.startswith("calsync: error: ")
    head, event = out.read_bytes().split(b"BEGIN:VEVENT", 1)
    out.write_bytes(head + b"BEGIN:VEVENT" + event.replace(b"\r\nUID:", b"\r\nX-UID:", 1))
    bad = invoke("validate", str(out))
    assert bad.exit_code == 1 and "missing-uid" in bad.stdout
    assert "1 problem (1 event)" in bad.stdout and bad.stderr == ""


# --- an output file that is not a calendar ------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"\n", b"my notes\n"])
def test_export_does_not_overwrite_a_file_that_is_not_a_calendar(
        tmp_path: Path, content: bytes) -> None:
    # An existing empty notes.txt was silently replaced by a calendar.
    article = tmp_path / "fair.txt"
    article.write_text(FAIR, encoding="utf-8")
    notes = tmp_path / "notes.txt"
    notes.write_bytes(content)
    args = ("export", str(article), "--published", "2026-03-02", "-o", str(notes))
    refused = invoke(*args)
    assert refused.exit_code == 2, refused.output
    assert refused.stderr.startswith(f"calsync: error: {notes} exists and is not a calendar")
    assert "--force" in refused.stderr and "Traceback" not in refused.output
    assert notes.read_bytes() == content
    forced = invoke(*args, "--force")
    assert forced.exit_code == 0, forced.output
    assert notes.read_bytes().startswith(b"BEGIN:VCALENDAR")
    # An empty file named .ics is a calendar to start (touch cal.ics; calsync export ...).
    cal = tmp_path / "cal.ics"
    cal.write_bytes(content if content.strip() == b"" else b"")
    assert invoke(*args[:-1], str(cal)).exit_code == 0


# --- the benchmark's count and the README's --------------------------------------------------


def test_the_readme_gives_the_event_count_the_rerun_benchmark_prints() -> None:
    # The README said 50 merged events; `python3 -m tests.run.bench_rerun` printed 38.
    from calsync.extraction.events import extract_events
    from calsync.extraction.settings import ExtractionSettings
    from calsync.merge import Reported, merge_events
    from calsync.model import Article
    from tests.run.bench_rerun import N, article

    published = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Europe/Paris"))
    settings = ExtractionSettings(timezone="Europe/Paris")
    reports = []
    for i in range(N):  # each text twice, as the bench's file and its feed entry
        for ident in (f"articles/a{i:02}.txt", f"http://127.0.0.1/p{i}"):
            art = Article(article(i), published, ident)
            reports += [Reported(e, published, ident) for e in extract_events(art, settings)]
    count = len(merge_events(reports))
    said = re.search(r"50-entry RSS feed served locally, each entry the text of one file; "
                     r"(\d+) merged events", README)
    assert said is not None
    printed = re.search(r"articles: 50 files \+ 50 feed entries; events: (\d+)", README)
    assert printed is not None
    assert int(said.group(1)) == int(printed.group(1)) == count, (
        "update the README's count to what `python3 -m tests.run.bench_rerun` prints")
