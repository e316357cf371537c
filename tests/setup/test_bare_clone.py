"""A clone without ``../shared`` beside it: the tests that need that data skip, naming it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NEEDS_SHARED = ["tests/extraction/test_seed.py", "tests/ics/test_golden.py",
                "tests/evaluation/test_corpus.py"]


def _pytest(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "CALSYNC_REQUIRE_SHARED"}
    environ.update(CALSYNC_SHARED=str(tmp_path / "no-shared"), PYTHONPATH=str(REPO), **env)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", "-k", "seed or "
         "timebank", *NEEDS_SHARED], cwd=REPO, env=environ, capture_output=True, text=True,
        timeout=120, check=False)


def test_without_shared_the_tests_that_need_it_skip_and_say_what_is_missing(
        tmp_path: Path) -> None:
    result = _pytest(tmp_path)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "seed article missing" in result.stdout
    assert "TempEval-3 corpora (TimeBank, AQUAINT) missing" in result.stdout
    assert " failed" not in result.stdout and " error" not in result.stdout


def test_ci_turns_the_skips_into_failures(tmp_path: Path) -> None:
    result = _pytest(tmp_path, CALSYNC_REQUIRE_SHARED="1")
    assert result.returncode == 1
    assert "seed article missing" in result.stdout
