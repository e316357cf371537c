"""The README's promises a new user reads first: two quick-start commands in a virtualenv,
and cron/systemd lines that call the calsync the documented install creates."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text(encoding="utf-8")
CRON_VENV = "~/.local/share/calsync/venv"


def test_the_quick_start_is_two_commands_in_a_virtualenv() -> None:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    commands = [line for line in block.group(1).splitlines()
                if line.strip() and not line.startswith("#")]
    assert commands == [
        "python3 -m venv .venv && .venv/bin/pip install . && "
        ".venv/bin/calsync run --config config/calsync.toml",
        "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && "
        ".venv/bin/python -m pytest -q",
    ]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert ".venv/bin/pip install -e '.[test]'" in ci and ".venv/bin/python -m pytest -q" in ci


def test_cron_and_systemd_call_the_calsync_the_documented_install_creates() -> None:
    assert f"python3 -m venv {CRON_VENV} && {CRON_VENV}/bin/pip install" in README
    texts = {
        "README.md": README,
        "crontab.example": (REPO / "config" / "crontab.example").read_text(encoding="utf-8"),
        "calsync.service": (REPO / "config" / "systemd" / "calsync.service").read_text("utf-8"),
    }
    for name, text in texts.items():
        lines = [line for line in text.splitlines()
                 if re.match(r"^\s*(\d+|\*)(\s+(\d+|\*)){4}\s", line)
                 or line.startswith("ExecStart")]
        assert lines, name
        for line in lines:
            assert re.search(r"(\$HOME|%h)/\.local/share/calsync/venv/bin/calsync ", line), line


def test_no_example_dates_every_article_by_the_day_it_runs() -> None:
    assert "$(date" not in README
