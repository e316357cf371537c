"""``calsync sync google`` and ``calsync auth google`` end to end, with the seed article."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from calsync.cli import main
from calsync.targets.google import event_id
from tests.google.conftest import CAL
from tests.google.emulator import CalendarEmulator

PUBLISHED = "2021-11-05"


@pytest.fixture
def seed_copy(tmp_path: Path, seed_text: str) -> Path:
    path = tmp_path / "seed.txt"
    path.write_text(seed_text, encoding="utf-8")
    return path


def run(emulator: CalendarEmulator, key: Path, tmp_path: Path, *args: str) -> Result:
    base = ["sync", "google", "--published", PUBLISHED, "--calendar", CAL,
            "--credentials", str(key), "--api-endpoint", emulator.url,
            "--state", str(tmp_path / "state.sqlite")]
    return CliRunner().invoke(main, base + list(args))


def counts(result: Result) -> dict[str, Any]:
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data["counts"]  # type: ignore[no-any-return]


def test_dry_run_prints_a_readable_plan(
    emulator: CalendarEmulator, key_file: Path, tmp_path: Path, seed_copy: Path
) -> None:
    result = run(emulator, key_file, tmp_path, str(seed_copy), "--dry-run")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "dry run, nothing written: 9 to create" in lines[0]
    assert sum(line.strip().startswith("create") for line in lines) == 9
    assert any("2021-11-12" in line and "Libya" in line for line in lines)
    assert emulator.events(CAL) == [] and emulator.write_parts() == 0
    assert not (tmp_path / "state.sqlite").exists()


def test_seed_sync_rerun_and_changed_article(
    emulator: CalendarEmulator, key_file: Path, tmp_path: Path, seed_copy: Path
) -> None:
    first = counts(run(emulator, key_file, tmp_path, str(seed_copy), "--format", "json"))
    assert first["created"] == 9 and first["failed"] == 0
    assert len(emulator.events(CAL)) == 9

    emulator.reset_log()
    again = counts(run(emulator, key_file, tmp_path, str(seed_copy), "--format", "json"))
    assert again["unchanged"] == 9 and again["created"] == again["updated"] == 0
    assert emulator.write_parts() == 0 and emulator.http_requests() <= 2

    text = seed_copy.read_text(encoding="utf-8")
    assert "Élysée" in text
    seed_copy.write_text(text.replace("Élysée", "Elysee"), encoding="utf-8")
    changed = counts(run(emulator, key_file, tmp_path, str(seed_copy), "--format", "json"))
    assert (changed["updated"], changed["created"], changed["unchanged"]) == (1, 0, 8)
    assert sum("Elysee" in (e.get("location") or "") for e in emulator.events(CAL)) == 1


def test_text_output_reports_conflicts_and_deletions_by_people(
    emulator: CalendarEmulator, key_file: Path, tmp_path: Path, seed_copy: Path
) -> None:
    assert run(emulator, key_file, tmp_path, str(seed_copy)).exit_code == 0
    ours = sorted(emulator.events(CAL), key=lambda e: e["start"]["date"])
    emulator.person_delete(CAL, ours[0]["id"])
    emulator.person_edit(CAL, ours[-1]["id"], description="Notes by the team")
    result = run(emulator, key_file, tmp_path, str(seed_copy))
    assert result.exit_code == 0, result.output
    assert "1 conflict, 7 unchanged, 1 skipped" in result.output
    assert "deleted in the calendar by a person; left alone" in result.output
    assert "edited in the calendar since calsync wrote it" in result.output
    assert "done: 0 created, 0 updated, 0 deleted" in result.output


def test_prune_guard_is_a_usage_error(
    emulator: CalendarEmulator, key_file: Path, tmp_path: Path, seed_copy: Path
) -> None:
    assert run(emulator, key_file, tmp_path, str(seed_copy)).exit_code == 0
    other = tmp_path / "other.txt"
    other.write_text("Nothing scheduled here, just an opinion piece.\n", encoding="utf-8")
    result = run(emulator, key_file, tmp_path, str(other), "--prune")
    assert result.exit_code == 2
    assert "refusing to delete 9 of the 9 events" in result.output
    assert "Traceback" not in result.output
    assert len(emulator.events(CAL)) == 9


def test_quota_exceeded_exits_1_with_a_message(
    emulator: CalendarEmulator, key_file: Path, tmp_path: Path, seed_copy: Path
) -> None:
    emulator.write_quota = 4
    result = run(emulator, key_file, tmp_path, str(seed_copy))
    assert result.exit_code == 1
    assert "quota exceeded" in result.output.lower()
    assert "done: 4 created" in result.output and "5 failed" in result.output


def test_unknown_calendar_names_the_service_account(
    emulator: CalendarEmulator, key_file: Path, tmp_path: Path, seed_copy: Path
) -> None:
    result = CliRunner().invoke(main, [
        "sync", "google", str(seed_copy), "--published", PUBLISHED, "--calendar", "nope",
        "--credentials", str(key_file), "--api-endpoint", emulator.url,
        "--state", str(tmp_path / "s.sqlite")])
    assert result.exit_code == 1
    assert "calendar 'nope' not found" in result.output
    assert "calsync@emu.iam.gserviceaccount.com" in result.output


@pytest.mark.parametrize(("content", "message"), [
    (None, "no such credentials file"),
    ("{not json", "not a readable JSON credentials file"),
    (json.dumps({"installed": {"client_id": "x"}}), "OAuth client secrets file"),
    (json.dumps({"type": "service_account", "client_email": "a@b"}), "incomplete"),
])
def test_bad_credentials_are_config_errors(
    emulator: CalendarEmulator, tmp_path: Path, seed_copy: Path, content: str | None,
    message: str,
) -> None:
    key = tmp_path / "creds.json"
    if content is not None:
        key.write_text(content, encoding="utf-8")
    result = run(emulator, key, tmp_path, str(seed_copy))
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_oauth_user_token_is_used_refreshed_and_kept_private(
    emulator: CalendarEmulator, tmp_path: Path, seed_copy: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = tmp_path / "config"
    token_file = config / "calsync" / "google-token.json"
    token_file.parent.mkdir(parents=True)
    emulator.refresh_tokens.add("1//refresh-me")
    token_file.write_text(json.dumps({
        "type": "authorized_user", "client_id": "cid.apps.googleusercontent.com",
        "client_secret": "secret", "refresh_token": "1//refresh-me",
        "token_uri": emulator.token_uri,
    }), encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    result = CliRunner().invoke(main, [
        "sync", "google", str(seed_copy), "--published", PUBLISHED, "--calendar", CAL,
        "--api-endpoint", emulator.url, "--token-uri", emulator.token_uri,
        "--state", str(tmp_path / "s.sqlite")])
    assert result.exit_code == 0, result.output
    assert len(emulator.events(CAL)) == 9
    stored = json.loads(token_file.read_text(encoding="utf-8"))
    assert stored["token"].startswith("ya29.emu-") and stored["refresh_token"] == "1//refresh-me"
    assert token_file.stat().st_mode & 0o777 == 0o600


def test_no_credentials_at_all_explains_both_ways(
    tmp_path: Path, seed_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "empty"))
    result = CliRunner().invoke(main, [
        "sync", "google", str(seed_copy), "--published", PUBLISHED, "--calendar", CAL])
    assert result.exit_code == 2
    assert "--credentials" in result.output and "calsync auth google" in result.output


def test_seed_ids_are_google_ids() -> None:
    rid = event_id("14d739aff1d0c1686d2c05df@calsync")
    assert 5 <= len(rid) <= 1024 and set(rid) <= set("abcdefghijklmnopqrstuv0123456789")


def test_auth_google_runs_the_installed_app_flow(
    emulator: CalendarEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real google-auth-oauthlib flow: a stand-in browser follows the consent redirect
    back to the flow's local server; the code is exchanged at the emulator's token endpoint."""
    import threading
    import urllib.request
    import webbrowser

    class Browser:
        def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
            threading.Thread(target=lambda: urllib.request.urlopen(url, timeout=10).read(),
                             daemon=True).start()
            return True

    monkeypatch.setattr(webbrowser, "get", lambda using=None: Browser())
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")  # the emulator speaks plain HTTP
    secrets = tmp_path / "client.json"
    secrets.write_text(json.dumps({"installed": {
        "client_id": "cid.apps.googleusercontent.com", "client_secret": "s",
        "auth_uri": emulator.url + "auth", "token_uri": emulator.token_uri,
        "redirect_uris": ["http://localhost"],
    }}), encoding="utf-8")
    token = tmp_path / "cfg" / "token.json"
    result = CliRunner().invoke(main, ["auth", "google", "--client-secrets", str(secrets),
                                       "--token", str(token)])
    assert result.exit_code == 0, result.output
    assert f"token stored in {token}" in result.output
    stored = json.loads(token.read_text(encoding="utf-8"))
    assert stored["refresh_token"].startswith("1//emu-refresh-")
    assert stored["scopes"] == ["https://www.googleapis.com/auth/calendar.events"]
    assert token.stat().st_mode & 0o777 == 0o600
