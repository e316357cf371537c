"""Our own little news site for the run tests: pages, an RSS feed and an Atom feed.

Every sentence here is written for these tests. Dates are spring 2026; the feeds give each
entry's publication date, pages give theirs in <meta>.
"""

from __future__ import annotations

from pathlib import Path

from tests.httpserver import TestServer, atom, html_page, rss
from tests.settle import settled

JAZZ_A = ("The Riverside Jazz Festival will take place on Saturday, June 20, on the river "
          "promenade, organisers announced on Monday. About forty bands are expected.")
JAZZ_B = ("The Riverside Jazz Festival, on June 20, has sold its first thousand tickets, the "
          "organisers said on Tuesday. Prices start at 15 euros.")
JAZZ_C = ("The jazz festival will take place on June 20, its organisers said on Wednesday. A "
          "trio from Lisbon will headline.")
JAZZ_EVE = ("The Riverside Jazz Festival will take place tomorrow on the promenade, the "
            "organisers said, promising dry weather.")
JAZZ_MOVED = ("The Riverside Jazz Festival has been postponed to June 27 because of works on "
              "the promenade, the organisers said on Wednesday.")
BRIDGE = ("Engineers said the footbridge over the canal will reopen on May 15 after repairs. "
          "Cyclists will have to dismount on the span for the first month.")
FERRY = ("The new ferry service between the two harbours will start on June 1, the port "
         "authority announced. A naming ceremony for the first boat is scheduled for May 28.")
TRAM = "<p>The tram line will open to passengers on September 14.</p>"
MEETING = ("Residents can question the project team at a public meeting next Thursday at "
           "6:30 p.m. in the council chamber.")

RSS_DATES = {
    "/jazz-a": "Mon, 02 Mar 2026 09:00:00 +0100",
    "/bridge": "Mon, 02 Mar 2026 08:00:00 +0100",
    "/jazz-b": "Tue, 10 Mar 2026 09:00:00 +0100",
    "/jazz-c": "Wed, 01 Apr 2026 09:00:00 +0200",
    "/jazz-moved": "Wed, 15 Apr 2026 09:00:00 +0200",
    "/jazz-eve": "Fri, 19 Jun 2026 09:00:00 +0200",
}
TEXTS = {"/jazz-a": JAZZ_A, "/bridge": BRIDGE, "/jazz-b": JAZZ_B, "/jazz-c": JAZZ_C,
         "/jazz-moved": JAZZ_MOVED, "/jazz-eve": JAZZ_EVE}
TITLES = {"/jazz-a": "Jazz festival date set", "/bridge": "Footbridge to reopen",
          "/jazz-b": "Jazz tickets on sale", "/jazz-c": "Jazz headliner",
          "/jazz-moved": "Jazz festival postponed", "/jazz-eve": "Jazz festival tomorrow"}


class Site:
    """The site's state: which articles the RSS feed lists."""

    def __init__(self, server: TestServer) -> None:
        self.server = server
        self.listed: list[str] = []
        server.set("/ferry", html_page("Ferry service to start in June", [FERRY],
                                       published="2026-03-04T10:00:00+01:00"))
        server.set("/atom", atom([("Tram opening date", "urn:courier:tram",
                                   "2026-03-03T12:00:00+01:00", TRAM)]),
                   "application/atom+xml")
        self.publish("/jazz-a", "/bridge")

    def publish(self, *paths: str) -> None:
        """Put pages online and list them (newest first) in the RSS feed."""
        for path in paths:
            self.server.set(path, html_page(TITLES[path], [TEXTS[path]]))
            self.listed.insert(0, path)
        self.server.set("/rss", rss([(TITLES[p], self.server.url(p), RSS_DATES[p])
                                     for p in self.listed]), "application/rss+xml")

    def config(self, folder: Path, *, timeout: float = 5, extra: str = "") -> Path:
        articles = folder / "articles"
        articles.mkdir(parents=True, exist_ok=True)
        (articles / "meeting.txt").write_text(MEETING, encoding="utf-8")
        (articles / "meeting.meta.toml").write_text(
            "published = 2026-03-02T09:15:00+01:00\n", encoding="utf-8")
        settled(articles / "meeting.txt")
        path = folder / "calsync.toml"
        path.write_text(f"""
state = "state"

[fetch]
timeout = {timeout}

[[source]]
name = "rss"
type = "feed"
url = "{self.server.url('/rss')}"

[[source]]
name = "atom"
type = "feed"
url = "{self.server.url('/atom')}"
fetch_pages = false

[[source]]
name = "ferry"
type = "url"
url = "{self.server.url('/ferry')}"

[[source]]
name = "local"
type = "folder"
path = "articles"
glob = "*.txt"

[[target]]
name = "cal"
type = "ics"
path = "out/cal.ics"
calendar_name = "Riverside"
{extra}
""", encoding="utf-8")
        return path
