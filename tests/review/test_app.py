"""The review application without a browser: escaping of hostile article text, the CSRF
token, the Host check, static files only from its own folder, safe redirects, and the
command line (127.0.0.1, the missing extra)."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from calsync.cli import main
from calsync.extraction.settings import ExtractionSettings
from calsync.model import Article
from calsync.review.app import create_app
from calsync.review.workspace import workspace
from calsync.sync.state import read_decisions

REPO = Path(__file__).resolve().parents[2]
HOSTILE = (
    'Breaking <script>alert("x")</script> news\n\n'
    'The <script>alert(1)</script> summit will be held in Lyon on March 3, 2022, '
    'organisers said " onmouseover="alert(2)" x=".\n\n'
    "The <img src=x onerror=alert(3)> festival will open in Nantes on March 5, 2022.\n"
)
PUBLISHED = datetime(2022, 3, 1, 12, tzinfo=ZoneInfo("Europe/Paris"))


@pytest.fixture
def client(tmp_path: Path) -> FlaskClient:
    article = Article(HOSTILE, PUBLISHED, 'news/<script>x</script>" onmouseover="y.txt',
                      title='<script>alert("title")</script>" onmouseover="alert(4)')
    ws = workspace([article], ExtractionSettings(), tmp_path / "state.sqlite")
    assert ws.events, "the hostile article still gives events"
    app = create_app(ws, token="the-token")
    return app.test_client()


def _pages(client: FlaskClient) -> dict[str, str]:
    out = {}
    for url in ("/", "/articles/0", "/calendar?view=week", "/calendar?view=month"):
        response = client.get(url)
        assert response.status_code == 200, url
        out[url] = response.get_data(as_text=True)
    return out


def test_hostile_article_text_is_escaped_everywhere(client: FlaskClient) -> None:
    for url, html in _pages(client).items():
        # The only scripts are the app's own file; no attribute was broken out of.
        assert re.findall(r"<script[^>]*>", html) == [
            '<script src="/static/review.js" defer>'], url
        assert "<img" not in html, url
        assert "onmouseover=" not in html.replace("onmouseover=&#34;", ""), url
        assert '" onmouseover' not in html, url
    article = _pages(client)["/articles/0"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article
    assert "&lt;img src=x onerror=alert(3)&gt;" in article


def test_pages_forbid_inline_script_and_framing(client: FlaskClient) -> None:
    response = client.get("/articles/0")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_every_form_carries_the_token(client: FlaskClient) -> None:
    for url, html in _pages(client).items():
        if url == "/":
            continue
        forms = html.count("<form ")
        assert forms and html.count('name="csrf" value="the-token"') == forms, url


def test_state_changes_only_by_post_with_the_token(client: FlaskClient, tmp_path: Path) -> None:
    html = client.get("/").get_data(as_text=True)
    first = re.search(r'data-uid="([^"]+)"', html)
    assert first is not None
    uid_value = first.group(1).replace("&amp;", "&")
    state = tmp_path / "state.sqlite"
    form = {"uid": uid_value, "action": "reject", "next": "/"}
    assert client.post("/decide", data=form).status_code == 403  # no token
    assert client.post("/decide", data={**form, "csrf": "guess"}).status_code == 403
    assert client.get("/decide").status_code == 405  # no GET that changes anything
    cross = client.post("/decide", data={**form, "csrf": "the-token"},
                        headers={"Origin": "http://evil.example"})
    assert cross.status_code == 403
    assert read_decisions(state) == {}
    ok = client.post("/decide", data={**form, "csrf": "the-token"})
    assert ok.status_code == 303
    assert read_decisions(state)[uid_value].verdict == "rejected"
    assert client.post("/decide", data={**form, "csrf": "the-token", "uid": "nope"}
                       ).status_code == 404


def test_redirects_stay_in_the_app(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    found = re.search(r'data-uid="([^"]+)"', html)
    assert found is not None
    uid = found.group(1).replace("&amp;", "&")
    for target in ("//evil.example/x", "http://evil.example/", "/\\evil.example", "javascript:x"):
        response = client.post("/decide", data={"uid": uid, "action": "approve",
                                                "csrf": "the-token", "next": target})
        assert response.status_code == 303
        assert response.headers["Location"].startswith("/#e-"), target
    back = client.post("/decide", data={"uid": uid, "action": "undo", "csrf": "the-token",
                                        "next": "/calendar?view=month"})
    assert back.headers["Location"].startswith("/calendar?view=month#e-")


@pytest.mark.parametrize("path", [
    "/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py",
    "/static/%2e%2e%2f%2e%2e%2fconfig.py", "/static//etc/passwd", "/static/..%5capp.py",
    "/../calsync/config.py", "/templates/base.html",
])
def test_no_file_outside_the_apps_own_assets(client: FlaskClient, path: str) -> None:
    response = client.get(path, follow_redirects=True)  # (werkzeug merges "//" by a 308)
    assert response.status_code in (400, 404)
    assert b"root:" not in response.data and b"import" not in response.data


def test_own_assets_are_served(client: FlaskClient) -> None:
    assert client.get("/static/review.css").status_code == 200
    assert client.get("/static/review.js").status_code == 200


def test_requests_for_another_host_are_refused(client: FlaskClient) -> None:
    """A page of another site that resolves its name to 127.0.0.1 (DNS rebinding)."""
    assert client.get("/", headers={"Host": "evil.example:8717"}).status_code == 400
    assert client.get("/", headers={"Host": "localhost:8717"}).status_code == 200


def test_a_bad_correction_is_an_error_page_not_a_crash(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    found = re.search(r'data-uid="([^"]+)"', html)
    assert found is not None
    uid = found.group(1).replace("&amp;", "&")
    bad = client.post("/decide", data={"uid": uid, "action": "correct", "csrf": "the-token",
                                       "title": "x", "day": "2022-02-30", "clock": ""})
    assert bad.status_code == 400 and "bad date" in bad.get_data(as_text=True)


# --- the command line -------------------------------------------------------------------------

def test_without_the_extra_one_line_and_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    from calsync import extras

    monkeypatch.setitem(extras.EXTRAS, "review", ("calsync_no_such_module",))
    result = CliRunner().invoke(main, ["review", "a.txt", "--published", "2022-03-01"])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0
    assert "pip install 'calsync[review]'" in result.output


def test_config_and_paths_together_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["review", "a.txt", "--config", str(tmp_path / "c.toml")])
    assert result.exit_code == 2 and "not both" in result.output


def test_review_listens_on_127_0_0_1_and_prints_its_url(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The summit will be held in Lyon on March 3, 2022.\n")
    env = {"PYTHONPATH": str(REPO), "XDG_STATE_HOME": str(tmp_path / "xdg"),
           "PATH": "/usr/bin:/bin"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "calsync", "review", str(article), "--published", "2022-03-01",
         "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert found, line
        import urllib.request

        with urllib.request.urlopen(found.group(0), timeout=10) as response:
            assert b"1 event from 1 article:" in response.read()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
