"""Without the google or caldav extra: one line naming the install command, exit 2.

The extra's absence is simulated in a subprocess by blocking its modules in ``sys.modules``
(an import of a name mapped to None fails as if it were not installed).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BLOCK = {
    "google": ["googleapiclient", "google", "google.oauth2", "google.auth",
               "google_auth_httplib2", "httplib2", "google_auth_oauthlib"],
    "caldav": ["caldav"],
}


def calsync_without(extra: str, args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    code = ("import sys\n"
            f"for name in {BLOCK[extra]!r}:\n"
            "    sys.modules[name] = None\n"
            "from calsync.cli import main\n"
            "sys.argv[0] = 'calsync'\n"
            "main()\n")
    env = {**os.environ, "PYTHONPATH": str(REPO), "XDG_CONFIG_HOME": str(cwd / "config"),
           "XDG_STATE_HOME": str(cwd / "state")}
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.parametrize(("extra", "args"), [
    ("google", ["sync", "google", "a.txt", "--published", "2024-03-04", "--calendar", "x",
                "--credentials", "key.json"]),
    ("google", ["auth", "google", "--client-secrets", "a.txt"]),
    ("caldav", ["sync", "caldav", "a.txt", "--published", "2024-03-04",
                "--url", "http://127.0.0.1:9/"]),
])
def test_a_command_without_its_extra_is_one_line_naming_the_install(
        extra: str, args: list[str], tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The council will vote next Tuesday.\n", encoding="utf-8")
    result = calsync_without(extra, args, tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"pip install 'calsync[{extra}]'" in lines[0], lines


@pytest.mark.parametrize("extra", ["google", "caldav"])
def test_config_check_reports_a_target_whose_extra_is_missing(extra: str,
                                                              tmp_path: Path) -> None:
    target = ('calendar = "abc@group.calendar.google.com"' if extra == "google"
              else 'url = "https://dav.example.org/cal/"')
    config = tmp_path / "calsync.toml"
    config.write_text(f'[[target]]\nname = "t"\ntype = "{extra}"\n{target}\n', encoding="utf-8")
    result = calsync_without(extra, ["config", "check", "--config", str(config)], tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"target 't' ({extra}): needs the {extra!r} extra" in result.stderr
    assert f"pip install 'calsync[{extra}]'" in result.stderr and "OK" not in result.stdout
