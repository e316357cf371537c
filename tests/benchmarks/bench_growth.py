"""Benchmark: how extraction time grows with the size of the input, shape by shape.

Run: ``python -m tests.benchmarks.bench_growth [--base BYTES] [--shapes NAME ...]``. For each
shape of text that once took time growing with the square of its length (issue 14), and for
plain unique text, prints the CPU time of ``extract_events`` at sizes x1, x10 and x100 of
``--base`` (50 KB: up to 5 MB) and the ratios between them. Linear growth gives ratios near
10; the limits are x15 per tenfold size, and 15 s for the largest size. Exits 1 when a limit
is passed, so it can run in CI. Every text is generated here from our own words: no real
article is copied.

Not a test: the suite runs the same shapes once each, at one size, in
``tests/extraction/test_hostile.py``.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from calsync.extraction.events import extract_events
from calsync.model import Article

PUBLISHED = datetime(2026, 3, 2, 9, tzinfo=ZoneInfo("Europe/Paris"))
RATIO_LIMIT = 15.0
SECONDS_LIMIT = 15.0


def _fill(unit: Callable[[int], str], size: int) -> str:
    """Pieces ``unit(0)``, ``unit(1)``, ... joined up to ``size`` characters."""
    pieces: list[str] = []
    total = 0
    i = 0
    while total < size:
        piece = unit(i)
        pieces.append(piece)
        total += len(piece)
        i += 1
    return "".join(pieces)[:size]


_CITIES = ["Lyon", "Tallinn", "Porto", "Ghent", "Bergen", "Graz", "Turku", "Split", "Cork",
           "Kaunas", "Brno", "Varna", "Aarhus", "Bilbao", "Trieste", "Malmo"]
_BODIES = ["council", "assembly", "committee", "board", "senate", "tribunal", "commission"]
_HAPPENINGS = ["summit", "conference", "vote", "hearing", "festival", "strike", "ceremony",
               "forum", "rally", "meeting"]
_ADJECTIVES = ["annual", "regional", "emergency", "joint", "extraordinary", "national"]


def article(seed: int) -> str:
    """A short news story in our own words; ``seed`` varies its names, days and places."""
    rnd = random.Random(seed)
    city, other = rnd.sample(_CITIES, 2)
    body = rnd.choice(_BODIES)
    what = rnd.choice(_HAPPENINGS)
    adjective = rnd.choice(_ADJECTIVES)
    day = PUBLISHED.date() + timedelta(days=rnd.randrange(1, 300))
    later = day + timedelta(days=rnd.randrange(1, 20))
    hour = rnd.randrange(8, 12)
    name = f"{rnd.choice(['Ana', 'Jonas', 'Mirela', 'Tomas', 'Ines'])} " \
           f"{rnd.choice(['Varga', 'Lind', 'Costa', 'Novak', 'Berg'])}{seed}"
    return (
        f"{city.upper()} - The {body} of {city} will hold an {adjective} {what} on "
        f"{day:%A}, {day:%B} {day.day}, its spokesman {name} said on Monday.\n\n"
        f"The {what} opens at {hour} a.m. at the {city} Congress Hall and runs until "
        f"{later:%B} {later.day}. Delegates from {other} are expected to attend, and the "
        f"mayor will deliver remarks at the opening session.\n\n"
        f"Last year the {body} met {rnd.randrange(3, 12)} times. \"We expect a full hall,\" "
        f"{name} told reporters, adding that a vote on the budget would follow the next day.\n\n"
        f"Advertisement\n\n"
        f"Tickets go on sale on {day - timedelta(days=7):%B} {(day - timedelta(days=7)).day}."
        f" A press conference is planned for {later:%A} at noon.\n\n"
    )


def blank_runs(size: int) -> str:
    """A story, a long run of blank and blanked lines, the story again."""
    story = article(1)
    return story + _fill(lambda i: " \n" if i % 3 else "Advertisement\n", size) + story


def space_after_month(size: int) -> str:
    """A month name, then nothing but white space, and a month at the start of every line."""
    half = size // 2
    return ("The referendum will take place in January" + " " * half + ".\n"
            + _fill(lambda i: "Oct.\n", size - half))


def noun_runs(size: int) -> str:
    """One sentence made of event nouns, dated at its end."""
    return "The " + _fill(lambda i: "summit " if i % 5 else "2026 summit ", size) \
        + "will be held on Monday, March 9."


def fixture_lists(size: int) -> str:
    """A schedule of matches, a day per line, many on the same days between the same teams."""
    def line(i: int) -> str:
        d = PUBLISHED.date() + timedelta(days=1 + i % 250)
        return f"{d:%A}, {d:%B} {d.day}: {_CITIES[i % 16]} Rovers v {_CITIES[(i * 7 + 3) % 16]} " \
               f"United, {1 + i % 9}pm\n"
    return _fill(line, size)


def repeated_text(size: int) -> str:
    """Copies of one story, every other one with its paragraphs run together: copied lines
    are blanked as boilerplate, copied sentences in one paragraph are not."""
    story = article(7)
    joined = story.replace("\n\n", " ")
    return _fill(lambda i: joined if i % 2 else story, size)


def unique_text(size: int) -> str:
    """Stories that differ in their names, days and places."""
    return _fill(article, size)


def dated_clauses(size: int) -> str:
    """One sentence of many clauses, each with a day and a time: no full stop to end it."""
    return _fill(lambda i: f"the board {i} will meet on Monday at {1 + i % 11} p.m. and ", size)


def sequence_clauses(size: int) -> str:
    """One French sentence of happenings told in sequence ("avant de ...", "suivie d'...")
    and English ones anchored to a place ("On his return from ..."): each clause may name
    one more happening, and none reads the whole sentence again."""
    return _fill(lambda i: f"lundi {1 + i % 28} juin, il visitera le port {i} avant de "
                 f"participer à un dîner officiel, qui sera suivie d'une conférence de presse, "
                 if i % 2 else f"on his return from Belem {i}, the king will host a lunch and "
                 f"then a concert, followed by a reception; ", size)


def near_alike(size: int) -> str:
    """Happenings of one day whose names differ only by a number ("open hall 17", each with
    a reception): every one shares words with all the others, which the merge index must not
    walk for each."""
    return _fill(lambda i: f"On Monday she will open hall {i}, followed by a reception. ", size)


SHAPES: dict[str, Callable[[int], str]] = {
    "blank runs": blank_runs,
    "white space after a month": space_after_month,
    "noun runs": noun_runs,
    "fixture lists": fixture_lists,
    "repeated text": repeated_text,
    "unique text": unique_text,
    "one sentence of dated clauses": dated_clauses,
    "one sentence of sequences": sequence_clauses,
    "near-alike happenings": near_alike,
}


def seconds(text: str) -> float:
    """CPU seconds ``extract_events`` takes on ``text`` (other work on the machine aside)."""
    t0 = time.process_time()
    extract_events(Article(text, PUBLISHED, "bench.txt"))
    return time.process_time() - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", type=int, default=50_000, help="size x1, in characters")
    parser.add_argument("--shapes", nargs="*", choices=sorted(SHAPES), default=list(SHAPES))
    args = parser.parse_args()
    extract_events(Article(article(0), PUBLISHED, "warm-up"))  # imports, compiled patterns
    sizes = [args.base, args.base * 10, args.base * 100]
    print(f"CPU seconds of extract_events; sizes x1, x10, x100 = "
          f"{', '.join(f'{s / 1e6:g} MB' for s in sizes)}")
    print(f"{'shape':28}{'x1':>9}{'x10':>9}{'x100':>9}{'x10/x1':>9}{'x100/x10':>10}")
    failed = []
    for name in args.shapes:
        make = SHAPES[name]
        # the smallest size is quick: the best of three takes the noise out of its ratio
        times = [min(seconds(make(sizes[0])) for _ in range(3))]
        times += [seconds(make(size)) for size in sizes[1:]]
        ratios = [b / max(a, 1e-3) for a, b in itertools.pairwise(times)]
        over = [r for r in ratios if r > RATIO_LIMIT] or times[-1] > SECONDS_LIMIT
        print(f"{name:28}" + "".join(f"{t:>9.2f}" for t in times)
              + f"{ratios[0]:>9.1f}{ratios[1]:>10.1f}" + ("   OVER LIMIT" if over else ""),
              flush=True)
        if over:
            failed.append(name)
    print(f"limits: x{RATIO_LIMIT:g} time per x10 size, {SECONDS_LIMIT:g} s at x100"
          + (f"; over: {', '.join(failed)}" if failed else "; all within"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
