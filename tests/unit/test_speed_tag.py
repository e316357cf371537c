"""The tagger's fast paths find what their plain forms find.

Each shortcut of ``temporal.tagger`` skips work only where the plain form (a pattern tried,
a loop run) cannot find anything; these tests hold it to that on texts made of the pieces
the patterns read, and check that the tagger's output is the same with the shortcut off.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from zoneinfo import ZoneInfo

from hypothesis import example, given, settings
from hypothesis import strategies as st

from calsync.extraction.settings import ExtractionSettings
from calsync.extraction.temporal import patterns, tag, tagger
from calsync.extraction.temporal.lang import grammar
from tests.unit.test_fast_patterns import candidates_fast_and_plain

_NUMBERS = ["3", "12", "2019", "1830", "05", "21", "150", "19", "1", "٣", "1990"]
_JOINS = ["", " ", "  ", "\n", "\u2009", "\x1c", " " * 20]
#: what may follow a number, as each rule reads it, and what may not
_FOLLOWERS = [
    "", "to 5 p.m.", "-5 pm", "–5 pm", "until 5 pm", "Till 5 pm", "UNTIL 5PM", "and 5 pm",
    "and 7 May", "of May", "May", "January", "Oct. 5", "st of May", "nd May", "rd May",
    "th century", "s", "'s", "’s", "ſ", "times a week", ".5 times a week", "years ago", "years",
    "-year", "1/2 years", ".5 years", ":30 pm", ".30pm", "hrs", "hours", "h", "GMT", "UTC",
    "in the morning", "at night", "o'clock", "o’clock", "pm", "PM", "a.m.", "AM", "am",
    "-11-05", "/11/2021", "/10", "st quarter", "'s first quarter", "first quarter", "%", ",5",
    "people", "x", "\u212a", "ın the morning", "İn the morning", "Pacific", "to", ")",
    "P.M.", "a. m.", "Times", "TO 5 pm", "And 5 pm", "and a half years", "more years",
    "additional days", "Extra days", "further weeks", "1/2 times a week", "-5", "at night",
    "At Night", "apples", "o", "ok", "tonight", "till", "un", "Quarters", "Centuries", ". 5",
    "a", "p", "i", "t", "u", "1", "-", "Hours", "Fortnights", "Nights", "minutes", "Seconds",
    "quarters ago", "Centuries later", "decades before", "fortnights ago", "nights earlier",
    "weeks from now", "hours after", "minutes before", "seconds later", "months hence",
    "days ago", "- year ago", "1/2 years ago", "o'clock to 5 pm", "o’clock until 5 p.m.",
    "a.m. to 5 pm", "pm - 5 pm", "in the morning until 5 pm",
]


def _digit_texts() -> Iterator[str]:
    for number in _NUMBERS:
        for join in _JOINS:
            for follower in _FOLLOWERS:
                yield f"on {number}{join}{follower} then"


def _check_rules_at_digits(text: str) -> None:
    gr = grammar("en")
    for run in _DIGIT_RUN.finditer(text):
        start, end = run.span()
        length = min(end - start, 5)
        after = text[end:end + 1]
        first = text[end:].lstrip()[:2]  # (the plain reading: past all the white space)
        fast_first = tagger._first_after_space(text, end) if after.isspace() \
            else text[end:end + 2]
        assert fast_first in (first, None)
        for rule in gr.dispatch["#"]:
            if gr.compiled[rule].match(text, start):
                assert patterns.may_follow_digits(rule, length, after, first), (rule, text)
                assert patterns.may_follow_digits(rule, length, after, fast_first), (rule, text)


_DIGIT_RUN = re.compile(r"\d+")


def test_a_rule_begins_at_digits_only_where_what_follows_them_fits() -> None:
    for text in _digit_texts():
        _check_rules_at_digits(text)


@settings(max_examples=400, deadline=None)
@given(pieces=st.lists(st.sampled_from(_NUMBERS + _JOINS + _FOLLOWERS + [
    ":", ".", "-", "/", ",", "'", "a", "p", "m", "o", "h", "t", "s"]), max_size=12))
def test_a_rule_begins_at_digits_only_where_what_follows_them_fits_any_mix(
        pieces: list[str]) -> None:
    _check_rules_at_digits("".join(pieces))


def test_white_space_past_the_reach_leaves_the_next_character_unknown() -> None:
    assert tagger._first_after_space("3" + " " * 20 + "pm", 1) is None
    assert tagger._first_after_space("3   pm", 1) == "pm"
    assert tagger._first_after_space("3   p", 1) == "p"
    assert tagger._first_after_space("3   ", 1) == ""


@contextmanager
def _plain() -> Iterator[None]:
    """The tagger with its shortcuts off: every rule tried wherever it was before them."""
    follow, after_the = tagger.may_follow_digits, tagger.AFTER_THE
    tagger.may_follow_digits = lambda *_: True  # type: ignore[assignment]
    tagger.AFTER_THE = {}
    tagger._allowed_after_digits.cache_clear()
    tagger._allowed_after_the.cache_clear()
    try:
        yield
    finally:
        tagger.may_follow_digits, tagger.AFTER_THE = follow, after_the
        tagger._allowed_after_digits.cache_clear()
        tagger._allowed_after_the.cache_clear()


_TEXT_PIECES = _NUMBERS + _FOLLOWERS + [
    "Monday", "on", "the", "next", "last", "week", "early", "in", "about", "for", "two",
    "Christmas", "Day", "said", "will", "2021-11-05", "5/11/2021", "1990s", "'80s", "Nov. 9-13",
]
_WHEN = datetime(2021, 11, 5, 12, tzinfo=ZoneInfo("Europe/Paris"))


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.tuples(st.sampled_from(_TEXT_PIECES),
                                st.sampled_from([" ", "", ", ", ". ", "\n"])), max_size=30),
       timeml=st.booleans())
def test_the_tagger_finds_with_its_shortcuts_what_it_finds_without(
        words: list[tuple[str, str]], timeml: bool) -> None:
    text = "".join(word + sep for word, sep in words)
    fast = tag(text, _WHEN, ExtractionSettings(), timeml=timeml)
    with _plain():
        plain = tag(text, _WHEN, ExtractionSettings(), timeml=timeml)
    assert fast == plain


#: words after "the" in the rules, written out here (not read off the table under test)
_SECONDS = [*"""
end beginning start middle close rest first second last latter turn third fourth fifth sixth
seventh eighth ninth twenty thirty tenth eleventh twelfth thirteenth fourteenth fifteenth
sixteenth seventeenth eighteenth nineteenth twentieth thirtieth day same following next previous
preceding fiscal this final latest current past year most recent prior quarter early late mid
full entire whole week weekend coming present better initial remaining ensuing succeeding near
future short spring summer fall autumn winter twenties thirties forties fifties sixties
seventies eighties nineties a an one two three ten nineteen dozen couple few several many some
half january february march april may june july august september october november december jan
feb mar apr jun jul aug sept sep oct nov dec
""".split(),
    "May", "January", "Sept.", "OCT", "Monday", "5", "5th", "21st", "2019", "19th", "1990s",
    "'90s", "’90s", "3", "٣", "year-earlier", "year-ago", "year-end", "year's", "mid-1990s",
    "twenty-first", "thirty-first", "most recent", "short-term", "turn of the", "ſame", "paſt",
    "\u212aey", "x", "(", "-", "the", "days", "decade"]
_TAILS = [
    "", "5", "of May", "May", "of May 2019", "half of May 2019", "after tomorrow", "morning",
    "Monday", "quarter", "first quarter", "2019 first quarter", "year's first quarter",
    "nineteen ninety", "19th century", "century", "year", "week", "of this week",
    "half of next year", "this week", "of the week", "half of the year", "day", "before", "after",
    "part of two years", "three years", "years", "days", "few years", "future", "term", "1990s",
    "'90s", "of 2019", "2019", "spring 2019", "end", "of January", "half of 2019"]


def test_a_rule_begins_at_the_only_before_a_word_it_reads_there() -> None:
    gr = grammar("en")
    rules = [rule for rule, _ in patterns.RULES if "the" in patterns.FIRST_WORDS[rule]]
    assert set(rules) <= patterns.AFTER_THE.keys()
    for second in _SECONDS:
        for join in (" ", "\n  ", "", "-"):
            for tail in _TAILS:
                for the in ("the", "The") if join == " " else ("the",):
                    text = f"{the}{join}{second} {tail} then"
                    word = tagger._word_after_the(text.lower(), 3)
                    for rule in rules:
                        if gr.compiled[rule].match(text, 0):
                            assert tagger._may_follow_the(rule, word), (rule, text)


def test_the_rule_of_a_length_and_its_direction_begins_at_its_listed_words() -> None:
    pattern = grammar("en").compiled["ago"]
    leads = ["more than", "less than", "fewer than", "at least", "at most", "up to", "well over",
             "the better part of"]
    for lead in [*sorted(patterns._Q_FIRST), *leads]:
        for rest in ("3 years ago", "two days later", "a week earlier"):
            m = pattern.match(f"{lead} {rest}")
            if m is not None:
                assert lead.split()[0] in patterns.FIRST_WORDS["ago"]
            assert pattern.match(rest) is not None


_WINDOW_PIECES = ["x", "xx", "xxx", "xxxxxxx", "'", "’", "80s", "90", "2019", "3", "days", "the",
                  "years", "in", "about", "a", "few", "weeks", "Day", "May", "early", "1990s"]


@example(words=[("x", " "), ("'", ""), ("80", " " * 46), ("2019", "")])  # a window from "80"
@settings(max_examples=500, deadline=None)
@given(words=st.lists(st.tuples(st.sampled_from(_WINDOW_PIECES),
                                st.sampled_from([" ", "", "-", "\n"])), max_size=60))
def test_candidates_read_window_by_window_are_those_of_the_word_loop(
        words: list[tuple[str, str]]) -> None:
    fast, plain = candidates_fast_and_plain("".join(word + sep for word, sep in words))
    assert fast == plain


def _plain_ends(text: str) -> list[int]:
    """Sentence ends as ``TenseIndex`` read them before the five-letter shortcut."""
    from calsync.extraction.temporal import tense

    return [m.end() for m in tense._SENTENCE_END.finditer(text)
            if not ((text[m.start()] == "." or text[m.start() - 1:m.start() + 1] == ".\n")
                    and tense._ABBREVIATION.search(text, max(0, m.start() - 6), m.start() + 1))]


@settings(max_examples=500, deadline=None)
@given(pieces=st.lists(st.sampled_from(
    ["Mr", "Sept", "A", "x", "xx", "xxxxx", "Amsterdam", "MrSept", "vs", "No", "é", "_", "5",
     ".", ". ", ".\n", "\n", " ", "? ", "The", "He", "U.S", "Prof", "Profs", "Gov", "(", "“"]),
    max_size=20))
def test_sentence_ends_skip_the_abbreviation_search_only_after_long_words(
        pieces: list[str]) -> None:
    from calsync.extraction.temporal.tense import TenseIndex

    text = "".join(pieces)
    assert list(TenseIndex(text)._ends()) == _plain_ends(text)


_GAP_PIECES = [" ", "\n", "to", "and", "-", "–", "until", "x", "from", "between", "Between",
               "et", "au", "entre", "du", "le", ","]


@example(before=["between", " "], gap=[" ", "and", " "], code="en")
@example(before=["entre", " "], gap=[" ", "et", " ", "le", " "], code="fr")
@example(before=["from", " "], gap=[" ", "and", " "], code="en")
@settings(max_examples=500, deadline=None)
@given(before=st.lists(st.sampled_from(_GAP_PIECES), max_size=4),
       gap=st.lists(st.sampled_from(_GAP_PIECES), max_size=5), code=st.sampled_from(["en", "fr"]))
def test_days_joined_into_a_range_are_those_the_plain_reading_joins(
        before: list[str], gap: list[str], code: str) -> None:
    """``_merge_ranges`` reads the gap in place and the opener only past it; the plain
    reading sliced the gap and searched the opener before every pair."""
    from datetime import date

    from calsync.model import Timex

    gr = grammar(code)
    head, mid = "".join(before), "".join(gap)
    text = f"{head}3 May{mid}5 May"
    a_end = len(head) + 5
    a = Timex(start=len(head), end=a_end, text="3 May", type="DATE", value="2021-05-03",
              first_day=date(2021, 5, 3), last_day=date(2021, 5, 3))
    b = Timex(start=a_end + len(mid), end=len(text), text="5 May", type="DATE",
              value="2021-05-05", first_day=date(2021, 5, 5), last_day=date(2021, 5, 5))
    opener = gr.range_open.search(text, max(0, a.start - 9), a.start)
    plain = bool(gr.range_mid.fullmatch(mid) or (
        opener and gr.range_between in opener.group().lower()
        and gr.range_mid_and.fullmatch(mid)))
    merged = tagger._merge_ranges(text, [a, b], gr)
    assert len(merged) == (1 if plain else 2), (text, merged)
    if plain:
        assert merged[0].start == (opener.start() if opener else a.start)


def test_the_holiday_rules_of_a_word_are_those_of_its_first_character_listed() -> None:
    """``_candidates`` reads the holiday rules of a word off ``_HOLIDAY_RULES_AT``, not
    ``_holiday_rules``: the same for every character a word may begin with."""
    for code in range(0x110000):
        c = chr(code)
        assert tagger._HOLIDAY_RULES_AT.get(c, ()) == tagger._holiday_rules(c, 0), c


@example(words=["a week", "from", "Monday"])
@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.sampled_from(
    ["a week", "two days", "3 weeks", "an hour", "from", "Monday", "May 5", "today", "x", ",",
     "for two days", "next week"]), max_size=8))
def test_lengths_joined_to_a_day_with_the_shortcut_are_those_joined_without(
        words: list[str]) -> None:
    """``_shift_from`` returns the items as they are when none but the last is a length; the
    plain loop is run by putting a length first that joins nothing ("PT1H")."""
    from calsync.model import Timex

    text = " ".join(words)
    items = tag(text, _WHEN, timeml=True)
    hour = Timex(start=0, end=0, text="", type="DURATION", value="PT1H")
    assert tagger._shift_from(text, items) == tagger._shift_from(text, [hour, *items])[1:]
