"""The text module's fast paths find what its plain forms find.

The plain forms below are the boilerplate, block and sentence readers as they were before
the fast paths (every line through every pattern, every sentence end through ``re``); they
are the specification, kept here only. The texts are made of lines of a few pieces chosen to
reach every branch: times, days, tables, bullets, furniture, abbreviations, tokenised
punctuation, odd white space and the letters IGNORECASE reads as ASCII.
"""

from __future__ import annotations

import re
from pathlib import Path
from re import _compiler, _parser
from re import _constants as C
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from calsync.extraction import text
from calsync.extraction.gate import folds_to_ascii
from calsync.extraction.text import Sentence, _cell, _wraps_into

# -- the plain forms -------------------------------------------------------------------------


def _plain_folded(line: str) -> str:
    return " ".join(line.split())


def _plain_is_link_line(line: str) -> bool:
    stripped = line.strip()
    if not stripped or stripped[-1] in ".!?\"”’:;)":
        return False
    label = text._LABEL.match(stripped)
    if label and (text._DAY_LABEL.search(label.group(1))
                  or text._SCHEDULE_LINE.match(stripped, label.end(1) + 1)):
        return False
    if ":" in stripped and text._DAY_OF_MONTH.search(stripped):
        return False
    if text._SCHEDULE_LINE.match(stripped) or (
            ("–" in stripped or "—" in stripped) and text._DATED_DASH.search(stripped)) or \
            text._PROGRAMME_HEADING.match(stripped):
        return False
    return len(stripped.split()) <= 20


def _plain_is_day_line(line: str) -> bool:
    label = text._LABEL.match(line)
    return bool(text._SCHEDULE_LINE.match(line)
                or (label and text._DAY_LABEL.search(label.group(1))))


def _plain_boilerplate_spans(txt: str, text_low: str | None = None) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    seen: dict[str, int] = {}
    day = 0
    pos = 0
    lines = txt.splitlines(keepends=True)
    foldless = not folds_to_ascii(txt)
    programme = False
    listing = False
    for i, line in enumerate(lines):
        start, end = pos, pos + len(line.rstrip("\r\n"))
        pos += len(line)
        content = line.strip()
        if not content:
            continue
        shift = 0
        if content[0] == "|" or content[-1] == "|":
            cell = _cell(content)
            if not cell:
                spans.append((start, end))
                continue
            shift, content = content.find(cell), cell
        if text_low is None:
            low = content.lower()
        else:
            first = start + len(line) - len(line.lstrip()) + shift
            low = text_low[first:first + len(content)]
        key = _plain_folded(low)
        timed = text._CLOCK_START.match(content) is not None
        if not timed and key not in seen and len(content) <= 60 and \
                text._SCHEDULE_LINE.match(content):
            day += 1
        repeated = key in seen and not (timed and seen[key] != day)
        seen[key] = day
        furniture = text._BOILERPLATE_LOW.match(low) if foldless and len(low) == len(content) \
            else text._BOILERPLATE.match(content)
        under_day = programme and i > 0 and lines[i - 1].strip() != ""
        bullet = content[0] in text._BULLETS
        listed = listing and bullet
        listing = listed or (content.endswith(":") and len(content) <= 200)
        if repeated or furniture or (
            _plain_is_link_line(content) and not _wraps_into(
                content, _cell(lines[i + 1]) if i + 1 < len(lines) else "") and not under_day
            and not listed
        ):
            spans.append((start, end))
            programme = False
        else:
            programme = under_day or (len(content) <= 160 and _plain_is_day_line(content))
            if shift or len(content) < len(line.strip()):
                lead = text._LEADING_RULE.match(txt, start, end)
                cut = lead.end() if lead else start
                tail = cut + len(txt[cut:end].rstrip("| \t"))
                if "|" not in txt[tail:end]:
                    tail = end
                spans += [(a, b) for a, b in ((start, cut), (tail, end)) if b > a]
    return spans


_PLAIN_LINE = re.compile(r"[^\n][^\n]*")


def _plain_blocks(txt: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for para in text._PARAGRAPH.finditer(txt):
        if "\n" not in para.group(0):
            out.append(para.span())
            continue
        lines = list(_PLAIN_LINE.finditer(para.group(0)))
        start = 0
        for i, line in enumerate(lines[:-1]):
            content = _cell(line.group(0))
            following = _cell(lines[i + 1].group(0))
            cell_wraps = line.group(0).rstrip().endswith("|") and content[-1:].islower()
            if content and (text._SCHEDULE_LINE.match(following)
                            or text._BULLET_START.match(following) or (
                    content[-1] not in ".!?\"”’:;,)" and not cell_wraps
                    and not _wraps_into(content, following))):
                out.append((para.start() + start, para.start() + line.end()))
                start = lines[i + 1].start()
        out.append((para.start() + start, para.end()))
    return out


def _plain_sentences(txt: str, low: str | None = None) -> list[tuple[int, int, str, int, str]]:
    out: list[tuple[int, int, str, int, str]] = []

    def append(block: str, base: int, start: int, end: int) -> None:
        piece = block[start:end]
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        if piece:
            s = base + start + lead
            out.append((s, s + len(piece), piece, paragraph,
                        text.lower_in_place(piece) if low is None else low[s:s + len(piece)]))

    paragraph = 0
    for base, block_end in _plain_blocks(txt):
        block = txt[base:block_end]
        if not block.strip():
            continue
        cursor = 0
        for end_match in text._SENTENCE_END.finditer(block):
            end = end_match.end()
            tail = text._word_before(block, end)
            if tail:
                word = tail.lower().rstrip(".")
                clock_end = word in ("a.m", "p.m") and not text._ZONE_AFTER.match(block, end) \
                    and not text._ITEM_SEPARATOR.match(block, end)
                if (word in text._ABBREVIATIONS or (len(word) == 1 and word.isalpha())) \
                        and not clock_end:
                    continue
            nxt = text._NEXT_CHARACTER.match(block, end)
            if nxt and nxt.group(1).islower() and not text.CAMEL_WORD.match(block,
                                                                             nxt.start(1)):
                continue
            append(block, base, cursor, end)
            cursor = end
        append(block, base, cursor, len(block))
        paragraph += 1
    return out


def _rows(found: list[Sentence]) -> list[tuple[int, int, str, int, str]]:
    return [(s.start, s.end, s.text, s.paragraph, s.low) for s in found]


# -- the texts -------------------------------------------------------------------------------

PIECES = [
    " ", " ", " ", "  ", "\t", "\xa0", "\u2009", "|", " | ", ".", " .", ". ", "..", "!", "?",
    "…", ":", ": ", ",", "–", " – ", "- ", "-", "•", "*", "·", "\"", "“", "”", "’", "(", ")",
    "The", "This", "It", "the", "said", "ministers will meet", "Thursday", "Monday", "Sunday,",
    "Sept.", "September", "May 3", "10", "21st", "5:45 p.m.", "8 a.m", "3 p.m. ET", "noon",
    "midnight", "19:30", "10 h 30", "Dr.", "U.S.", "Costa", "iPhone", "eBay", "A.", "etc.",
    "Home", "news", "menu", "Subscribe", "Related", "Read more", "© 2021", "Photo:",
    "Source: AP", "Please note:", "Programme for Friday", "Schedule du jeudi 9 mai",
    "Jeudi 9 mai", "midi", "minuit", "Day 2", "first day", "troisième jour", "in order:",
    "ſunday", "\u212aelvin", "İstanbul", "ıt", "Σ", "x" * 40, "Arrival in Manila",
]
_LINE_OF = st.lists(st.sampled_from(PIECES), max_size=10).map("".join)
TEXTS = st.lists(st.tuples(_LINE_OF, st.sampled_from(["\n", "\n", "\n\n", "\r\n", "\n \n"])),
                 max_size=14).map(lambda lines: "".join(a + b for a, b in lines))
REPEATS = st.lists(st.sampled_from(["Sunday:", "11 p.m.: Feast closes", "Monday", "Home",
                                    "Tuesday, Sept. 2", "A headline", "A  headline",
                                    "A\theadline", "A\xa0headline", " A headline "]),
                   max_size=8).map("\n".join)

CASES = sorted((Path(__file__).parents[1] / "extraction" / "cases").glob("*/article.txt"))


def _agree(txt: str) -> None:
    low = text.lowered(txt)
    assert text.boilerplate_spans(txt) == _plain_boilerplate_spans(txt)
    assert text.boilerplate_spans(txt, low) == _plain_boilerplate_spans(txt, low)
    cleaned, cleaned_low = text.clean_lowered(txt)
    assert text._blocks(cleaned) == _plain_blocks(cleaned)
    assert _rows(text.sentences(cleaned, cleaned_low)) == _plain_sentences(cleaned, cleaned_low)
    assert _rows(text.sentences(txt)) == _plain_sentences(txt)


@settings(max_examples=600, deadline=None)
@given(txt=TEXTS)
@example(txt="Home News Menu\nThe talks end Friday .\nU.S. and Dr. Costa met. iPhone 4 came.")
@example(txt="| 8:30 a.m. JST | Arrival |\n|\n| Grand Hall |\nSaturday, Sept. 2\n11 p.m.: Feast")
@example(txt="They met Dr" + "." * 45 + " Costa at 8 p.m. ET. He left\nSt. Louis (Mo.) said. Yes")
def test_the_text_readers_agree_with_their_plain_forms(txt: str) -> None:
    _agree(txt)


@settings(max_examples=200, deadline=None)
@given(txt=st.lists(st.sampled_from([REPEATS, TEXTS]), min_size=1, max_size=3).flatmap(
    lambda parts: st.tuples(*parts)).map("\n".join))
def test_repeated_lines_and_programme_days_agree(txt: str) -> None:
    _agree(txt)


@settings(max_examples=200, deadline=None)
@given(txt=st.text(max_size=80))
def test_the_text_readers_agree_on_any_text(txt: str) -> None:
    _agree(txt)


def test_the_readers_agree_on_the_golden_articles() -> None:
    for path in CASES:
        _agree(path.read_text(encoding="utf-8"))


# -- the facts the fast paths rest on --------------------------------------------------------

_EVERY_CHARACTER = "".join(map(chr, range(0x110000)))


def test_unicode_classes_are_the_str_predicates() -> None:
    """``\\s`` is ``str.isspace``, ``\\d`` ``str.isdecimal``, ``\\w`` alnum or "_"; a letter
    IGNORECASE reads as an ASCII letter is a letter; lower case keeps white space white."""
    assert re.findall(r"\s", _EVERY_CHARACTER) == [c for c in _EVERY_CHARACTER if c.isspace()]
    assert re.findall(r"\d", _EVERY_CHARACTER) == [
        c for c in _EVERY_CHARACTER if c.isdecimal()]
    assert re.findall(r"\w", _EVERY_CHARACTER) == [
        c for c in _EVERY_CHARACTER if c.isalnum() or c == "_"]
    assert all(c.isalpha() for c in re.findall(r"[a-z]", _EVERY_CHARACTER, re.IGNORECASE))
    assert all(any(x.isspace() for x in c.lower()) == c.isspace() for c in _EVERY_CHARACTER)
    assert all(c.lower() == c for c in _EVERY_CHARACTER if c.isspace())


def test_inline_spaces_are_the_white_space_inside_a_line() -> None:
    inline = {c for c in _EVERY_CHARACTER if c.isspace() and c != " "
              and len(f"a{c}b".splitlines()) == 1}
    assert set(text._INLINE_SPACES) == inline


def _openings(items: Any, state: Any, flags: int, n: int) -> set[tuple[Any, ...]]:
    """The first ``n`` characters a match of parsed ``items`` may open with: a letter (lower
    case) or, for a character of a class or a sign, that character's pattern; a path shorter
    than ``n`` where a match may end sooner. (Zero-width items are passed over.)"""
    paths: set[tuple[Any, ...]] = {()}
    for op, av in items:
        short = {path for path in paths if len(path) < n}
        if not short:
            break
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue
        if op is C.LITERAL and chr(av).isalpha():
            steps = {(chr(av).lower(),)}
        elif op is C.SUBPATTERN:
            steps = _openings(av[3], state, flags, n)
        elif op is C.BRANCH:
            steps = set().union(*(_openings(b, state, flags, n) for b in av[1]))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            lo, hi, sub = av
            one = _openings(sub, state, flags, n)
            steps, run = ({()} if lo == 0 else set()), {()}
            for k in range(1, min(hi, n) + 1):
                run = {(a + b)[:n] for a in run for b in one}
                if k >= lo or k == n:
                    steps |= run
        else:  # a class, a sign, any character
            steps = {(_compiler.compile(_parser.SubPattern(state, [(op, av)]), flags),)}
        paths = (paths - short) | {(path + step)[:n] for path in short for step in steps}
    return paths


def _heads_of(pattern: re.Pattern[str], n: int) -> tuple[set[str], set[str]]:
    """What a match of ``pattern`` opens with: its first ``n`` letters when it opens with a
    letter; else the characters its first class or sign may be."""
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    heads: set[str] = set()
    firsts: set[str] = set()
    for path in _openings(parsed.data, parsed.state, pattern.flags, n):
        assert path, "a match may be empty"
        if isinstance(path[0], str):
            assert len(path) == n and all(isinstance(c, str) and c.isascii() for c in path)
            heads.add("".join(path))
        else:
            firsts.update(path[0].findall(_EVERY_CHARACTER))
    return heads, firsts


def test_the_heads_are_what_the_patterns_open_with() -> None:
    """``_may_open`` lets through every line a pattern matches: its heads are the pattern's,
    and the other characters a match may open with are digits, white space or bullets."""
    for pattern, heads in ((text._SCHEDULE_LINE, text._SCHEDULE_HEADS),
                           (text._CLOCK_START, text._CLOCK_HEADS),
                           (text._PROGRAMME_HEADING, text._PROGRAMME_HEADS)):
        opened, firsts = _heads_of(pattern, 3)
        assert opened == heads
        assert all(c.isalpha() for c in opened)
        assert all(c.isdecimal() or c.isspace() or c in text._BULLETS for c in firsts)


def test_the_furniture_heads_are_what_the_pattern_opens_with() -> None:
    opened, firsts = _heads_of(text._BOILERPLATE_LOW, 2)
    assert opened == text._FURNITURE_HEADS
    assert all(c.isspace() or c == "©" for c in firsts)


PATTERN_PIECES = [" ", "\t", "-", "•", "“", "\"", "1", "12", "٣", ":", "30", "h", "p", ".",
                  "m", "noon", "mid", "day", "night", "Mon", "Tue", "sday", "Sept", "sep",
                  "ſun", "\u212a", "İ", "jour", "premier", "the", "It", "Pro", "gramme for",
                  "Schedule", " du ", "jeudi", "order of events", " on ", "Friday", "mai"]


@settings(max_examples=1000, deadline=None)
@given(line=st.lists(st.sampled_from(PATTERN_PIECES), max_size=8).map("".join))
def test_may_open_never_refuses_a_match(line: str) -> None:
    assert text._opens_schedule(line) == bool(text._SCHEDULE_LINE.match(line))
    assert text._timed(line) == bool(text._CLOCK_START.match(line))
    if text._PROGRAMME_HEADING.match(line):
        assert text._may_open(line, text._PROGRAMME_HEADS)
    label, plain = text._label(line), text._LABEL.match(line)
    assert (label and label.span()) == (plain and plain.span())


@settings(max_examples=300, deadline=None)
@given(line=st.text(max_size=30))
def test_may_open_never_refuses_a_match_on_any_text(line: str) -> None:
    assert text._opens_schedule(line) == bool(text._SCHEDULE_LINE.match(line))
    assert text._timed(line) == bool(text._CLOCK_START.match(line))
