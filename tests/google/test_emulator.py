"""The emulator's fidelity to the Calendar API v3, checked through the real Google client."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httplib2
import pytest
from google.auth.exceptions import RefreshError
from google_auth_httplib2 import AuthorizedHttp
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError
from googleapiclient.http import BatchHttpRequest

from calsync.targets.google import load_credentials
from tests.google.conftest import CAL
from tests.google.emulator import ERROR_503, CalendarEmulator

DAY = {"start": {"date": "2026-05-04"}, "end": {"date": "2026-05-05"}}


@pytest.fixture
def api(emulator: CalendarEmulator, key_file: Path) -> Iterator[Any]:
    http = AuthorizedHttp(load_credentials(key_file), http=httplib2.Http(timeout=5))
    service = build("calendar", "v3", http=http, static_discovery=True, cache_discovery=False,
                    client_options={"api_endpoint": emulator.url + "calendar/v3/"})
    yield service.events()


def error(exc: pytest.ExceptionInfo[HttpError]) -> tuple[int, str]:
    body = json.loads(exc.value.content)["error"]
    assert body["code"] == exc.value.resp.status and body["message"]
    return body["code"], body["errors"][0]["reason"]


def test_calls_need_a_token_from_the_token_endpoint(emulator: CalendarEmulator) -> None:
    http = httplib2.Http()
    resp, content = http.request(emulator.url + "calendar/v3/calendars/x/events")
    assert resp.status == 401
    assert json.loads(content)["error"]["errors"][0]["reason"] == "authError"


def test_a_badly_signed_assertion_is_refused(
    emulator: CalendarEmulator, key_file: Path, tmp_path: Path
) -> None:
    info = json.loads(key_file.read_text())
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    other = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    info["private_key"] = other.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()).decode()
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(info))
    http = AuthorizedHttp(load_credentials(forged), http=httplib2.Http())
    with pytest.raises(RefreshError, match="Invalid JWT Signature"):
        http.request(emulator.url + f"calendar/v3/calendars/{CAL}/events")


def test_client_ids_are_validated_and_never_reused(api: Any) -> None:
    for bad in ("ABCDEF", "abc", "has_underscore", "wxyz12"):
        with pytest.raises(HttpError) as exc:
            api.insert(calendarId=CAL, body={"id": bad, **DAY}).execute()
        assert error(exc) == (400, "invalid")
    api.insert(calendarId=CAL, body={"id": "abcde01", "summary": "x", **DAY}).execute()
    with pytest.raises(HttpError) as exc:
        api.insert(calendarId=CAL, body={"id": "abcde01", **DAY}).execute()
    assert error(exc) == (409, "duplicate")
    api.delete(calendarId=CAL, eventId="abcde01").execute()
    with pytest.raises(HttpError) as exc:
        api.insert(calendarId=CAL, body={"id": "abcde01", **DAY}).execute()
    assert error(exc) == (409, "duplicate")


def test_delete_cancels_and_deleted_events_are_stubs_in_lists(api: Any) -> None:
    api.insert(calendarId=CAL, body={"id": "gone0001", "summary": "x", **DAY}).execute()
    api.delete(calendarId=CAL, eventId="gone0001").execute()
    assert api.get(calendarId=CAL, eventId="gone0001").execute()["status"] == "cancelled"
    with pytest.raises(HttpError) as exc:
        api.delete(calendarId=CAL, eventId="gone0001").execute()
    assert error(exc) == (410, "deleted")
    assert api.list(calendarId=CAL).execute()["items"] == []
    stub = api.list(calendarId=CAL, showDeleted=True).execute()["items"][0]
    assert stub["status"] == "cancelled" and "summary" not in stub and stub["id"] == "gone0001"


def test_etags_change_on_every_write_and_if_match_is_enforced(api: Any) -> None:
    ev = api.insert(calendarId=CAL, body={"id": "etag0001", "summary": "a", **DAY}).execute()
    patched = api.patch(calendarId=CAL, eventId="etag0001", body={"summary": "b"}).execute()
    assert patched["etag"] != ev["etag"] and patched["summary"] == "b"
    stale = api.patch(calendarId=CAL, eventId="etag0001", body={"summary": "c"})
    stale.headers["If-Match"] = ev["etag"]
    with pytest.raises(HttpError) as exc:
        stale.execute()
    assert error(exc) == (412, "conditionNotMet")
    fresh = api.patch(calendarId=CAL, eventId="etag0001", body={"location": "Lyon"})
    fresh.headers["If-Match"] = patched["etag"]
    assert fresh.execute()["summary"] == "b"  # patch keeps the other fields
    updated = api.update(calendarId=CAL, eventId="etag0001", body={"summary": "d", **DAY})
    assert "location" not in updated.execute()  # update replaces the whole event


def test_patch_merges_extended_properties(api: Any) -> None:
    api.insert(calendarId=CAL, body={
        "id": "props001", **DAY,
        "extendedProperties": {"private": {"a": "1", "b": "2"}}}).execute()
    out = api.patch(calendarId=CAL, eventId="props001", body={
        "extendedProperties": {"private": {"b": "3"}}}).execute()
    assert out["extendedProperties"]["private"] == {"a": "1", "b": "3"}


def test_list_filters_paging_and_sync_tokens(api: Any) -> None:
    for n in range(5):
        api.insert(calendarId=CAL, body={
            "id": f"list000{n}", "summary": str(n), "iCalUID": f"u{n}@x",
            "start": {"dateTime": f"2026-05-0{n + 1}T10:00:00+02:00"},
            "end": {"dateTime": f"2026-05-0{n + 1}T11:00:00+02:00"},
            "extendedProperties": {"private": {"mine": "yes" if n % 2 else "no"}},
        }).execute()
    pages, token, seen = 0, None, []
    while True:
        resp = api.list(calendarId=CAL, maxResults=2, pageToken=token).execute()
        pages += 1
        seen += [i["id"] for i in resp["items"]]
        token = resp.get("nextPageToken")
        if not token:
            assert "nextSyncToken" in resp
            sync_token = resp["nextSyncToken"]
            break
        assert "nextSyncToken" not in resp
    assert pages == 3 and len(seen) == 5
    mine = api.list(calendarId=CAL, privateExtendedProperty="mine=yes").execute()["items"]
    assert [i["summary"] for i in mine] == ["1", "3"]
    window = api.list(calendarId=CAL, timeMin="2026-05-02T08:30:00Z",
                      timeMax="2026-05-04T00:00:00Z").execute()["items"]
    assert [i["summary"] for i in window] == ["1", "2"]
    assert [i["id"] for i in api.list(calendarId=CAL, iCalUID="u3@x").execute()["items"]] == [
        "list0003"]

    api.patch(calendarId=CAL, eventId="list0002", body={"summary": "changed"}).execute()
    api.delete(calendarId=CAL, eventId="list0004").execute()
    delta = api.list(calendarId=CAL, syncToken=sync_token).execute()
    assert sorted((i["id"], i["status"]) for i in delta["items"]) == [
        ("list0002", "confirmed"), ("list0004", "cancelled")]
    with pytest.raises(HttpError) as exc:
        api.list(calendarId=CAL, syncToken="garbage").execute()
    assert error(exc) == (410, "fullSyncRequired")
    with pytest.raises(HttpError) as exc:
        api.list(calendarId=CAL, syncToken=sync_token, privateExtendedProperty="a=b").execute()
    assert error(exc)[0] == 400


def test_import_updates_by_ical_uid(api: Any) -> None:
    first = api.import_(calendarId=CAL, body={"iCalUID": "imp@x", "summary": "a", **DAY})
    created = first.execute()
    again = api.import_(calendarId=CAL, body={"iCalUID": "imp@x", "summary": "b", **DAY})
    out = again.execute()
    assert out["id"] == created["id"] and out["summary"] == "b"


def test_batch_answers_each_part(emulator: CalendarEmulator, api: Any, key_file: Path) -> None:
    api.insert(calendarId=CAL, body={"id": "batch0001", **DAY}).execute()
    answers: dict[str, Any] = {}

    def callback(request_id: str, response: Any, exception: Any) -> None:
        answers[request_id] = exception.resp.status if exception else response["id"]

    emulator.inject(ERROR_503, when=lambda m, p: m == "DELETE")
    batch = BatchHttpRequest(callback=callback, batch_uri=emulator.url + "batch/calendar/v3")
    batch.add(api.insert(calendarId=CAL, body={"id": "batch0001", **DAY}), request_id="dup")
    batch.add(api.insert(calendarId=CAL, body={"id": "batch0002", **DAY}), request_id="new")
    batch.add(api.delete(calendarId=CAL, eventId="batch0001"), request_id="del")
    batch.add(api.get(calendarId=CAL, eventId="batch0001"), request_id="get")
    emulator.reset_log()
    batch.execute()
    assert answers == {"dup": 409, "new": "batch0002", "del": 503, "get": "batch0001"}
    assert emulator.http_requests() == 1
    assert [s for _, _, s in emulator.log[0].parts] == [409, 200, 503, 200]
