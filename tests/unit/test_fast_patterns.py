"""Patterns rewritten for speed find exactly what their plain forms find.

Each entry below is (the fast pattern in the code, the plain pattern it replaced, the pieces
test texts are made of); the plain one is the specification, kept here only. The pieces are
few, so that every corner of the plain pattern comes up in a few hundred examples.
"""

from __future__ import annotations

import re
from bisect import bisect_right

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from calsync.extraction import events, gate, mentions, text
from calsync.extraction.temporal import patterns, tense
from calsync.extraction.temporal.lang import grammar

PAIRS = {
    "conjunction": (mentions._CONJUNCTION, re.compile(
        r",?\s+(and|but|then|before|after|following|while|where)\s+(\w[\w’']*)"
        r"(?:\s+(\w[\w’']*))?"),
        [" ", "\n", ",", "and", "while", "she", "’s"]),
    "tense sentence end": (tense._SENTENCE_END, re.compile(
        r"(?:[.!?][\"”’)]?\s+(?=[A-Z“\"(])|\n)"),
        [" ", "\n", ".", "?", "”", ")", "A", "a", "(", "“"]),
    "token": (mentions._TOKEN, re.compile(
        r"\"[^\"\n]{1,60}\"|“[^”\n]{1,60}”|\w[\w’'\-.]*\w|\w|[^\w\s]"),
        [" ", "a", "U", ".", "S", "’", "'", "-", "\"", "“", "”", "x y", "é", "3", ",", "\n"]),
    "hard cut": (mentions._HARD_CUT, re.compile(r"\s*(?:;|\s—\s|\s–\s)\s*"),
                 [" ", "  ", "\n", ";", "—", "–", "x", ","]),
    "place": (mentions._PLACE, re.compile(
        r"\b(?:at|in|inside|outside|on(?=\s+(?:the\s+)?(?:Place|Avenue|Rue|Quai|Boulevard|Plaza|"
        r"Piazza|Via|Unter|Champs|Capitol)\b))\s+((?:the\s+)?(?:[A-ZÀ-Ý][\w’'\-.]*)(?:\s+(?:(?:of|de|"
        r"du|des|la|le|and|&)\s+)?[A-ZÀ-Ý][\w’'\-.]*)*)"),
        [" ", "at", "in", "inside", "on", "cat", "Place", "the", "Paris", "de", "x", "_", "9"]),
    "paragraph": (text._PARAGRAPH, re.compile(r"[^\n][^\n]*(?:\n(?!\s*\n)[^\n]+)*"),
                  [" ", "\n", "\t", "\r", "\x0b", "\x85", "\u2028", "a", "."]),
}


def _plain_rule(name: str) -> re.Pattern[str]:
    """A tagger rule with its white space around a comma written the plain way."""
    source = patterns._SOURCES[name].replace(patterns._COMMA_SPACE, r"\s*,?\s+")
    return re.compile(source.replace(patterns._COMMA_SPACE_OPT, r"\s*,?\s*"), re.IGNORECASE)


_DATE_PIECES = [" ", "  ", "\n", ",", "Monday", "January", "Oct.", "the", "5", "21st", "-", "to",
                "2021", "of", "'21", "next year", "nineteen ninety", "early", "x"]
for _rule in ("mdy", "dmy", "month_year"):
    PAIRS[f"rule {_rule}"] = (grammar("en").compiled[_rule], _plain_rule(_rule), _DATE_PIECES)

_Found = list[tuple[tuple[int, int], tuple[str | None, ...]]]


def _found(pattern: re.Pattern[str], text: str) -> _Found:
    if pattern.groups == 0 or pattern is mentions._HARD_CUT:  # (its caller reads spans only)
        return [(m.span(), ()) for m in pattern.finditer(text)]
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


@pytest.mark.parametrize("name", sorted(PAIRS))
@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_fast_pattern_finds_what_the_plain_one_finds(name: str, data: st.DataObject) -> None:
    fast, plain, pieces = PAIRS[name]
    text = "".join(data.draw(st.lists(st.sampled_from(pieces), max_size=24)))
    assert _found(fast, text) == _found(plain, text)


@pytest.mark.parametrize("name", sorted(PAIRS))
@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=40))
def test_fast_pattern_agrees_on_any_text(name: str, text: str) -> None:
    fast, plain, _ = PAIRS[name]
    assert _found(fast, text) == _found(plain, text)


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from(
    [" ", "\n", "and", "an", "x", "Band", "until", "the", ",", "a"]), max_size=10))
def test_dropping_a_trailing_small_word_is_the_plain_substitution(pieces: list[str]) -> None:
    phrase = "".join(pieces)
    assert mentions._drop_small_word(phrase) == mentions._TRAILING_SMALL_WORD.sub("", phrase)


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from(
    [" ", "\n", "agreed", "unleashed", "ed", "on", "Friday", "led", "sed", "x"]), max_size=10),
    cut=st.integers(min_value=0, max_value=60))
def test_past_verb_check_is_the_plain_search(pieces: list[str], cut: int) -> None:
    text = "".join(pieces)
    end = min(cut, len(text))
    want = events._PAST_VERB_BEFORE.search(text, 0, end) is not None
    assert events._past_verb_before(text, end) == want


_TENSE_PIECES = [" ", ", ", "'", "’", "will", "Will", "WILL", "won't", "she'll", "rock", "n",
                 "agreed", "UNCHANGED", "unveiled", "Ed", "said", "to", "meet", "going", "x",
                 "3", "ſ", "é", "had", "been", "due"]


@settings(max_examples=400, deadline=None)
@given(pieces=st.lists(st.sampled_from(_TENSE_PIECES), max_size=16)
       | st.lists(st.sampled_from([*_TENSE_PIECES, "\u212a", "\u0130", "\u0131", "\u017f"]),
                  max_size=8),
       cut=st.tuples(st.integers(0, 8), st.integers(0, 8)))
def test_tense_markers_found_in_one_pass_are_those_found_word_by_word(
        pieces: list[str], cut: tuple[int, int]) -> None:
    text = "".join(pieces)
    lo, hi = min(cut[0], len(text)), max(min(cut[0], len(text)), len(text) - cut[1])
    for window in ((0, len(text)), (lo, hi)):
        fast = [(m.span(), m.lastgroup) for m in tense._scan_markers(text, *window)]
        plain = [(m.span(), m.lastgroup) for m in tense._scan_markers_by_word(text, *window)]
        assert fast == plain, window


@pytest.mark.parametrize("text", [
    "\u212awill meet", "\u0130will meet", "won't'will go", "played'will go", "rock'n'will",
    "She'll meet him; they'd agreed", "UNCHANGED, he said", "ſaid it will", "It ſaid",
    "they ıs set to", "WAS SET TO", "\u212aept", "The fair is ſet to open", "was ſcheduled for",
])
def test_tense_markers_in_awkward_words(text: str) -> None:
    fast = [m.span() for m in tense._scan_markers(text, 0, len(text))]
    assert fast == [m.span() for m in tense._scan_markers_by_word(text, 0, len(text))]


_PLAIN_WORD_BEFORE = re.compile(r"([\w.]+)[.!?…]+[\"”’')\]]*$")


@settings(max_examples=400, deadline=None)
@given(pieces=st.lists(st.sampled_from(
    [" ", ".", "!", "?", "…", "”", ")", "'", "a", "Dr", "U", "S", "p", "m", "3", "\n", "é"]),
    max_size=30))
def test_word_before_a_sentence_end_read_backwards(pieces: list[str]) -> None:
    block = "".join(pieces)
    for end in [m.end() for m in text._SENTENCE_END.finditer(block)]:  # where it is asked
        plain = _PLAIN_WORD_BEFORE.search(block, max(0, end - 40), end)
        assert text._word_before(block, end) == (plain.group(1) if plain else None)


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from(
    [" ", ".", "!", "?", "\n", "Mr", "Dr", "U", "S", "A", "a", "Nov", "”", "The"]), max_size=30),
    data=st.data())
def test_sentence_bounds_skip_only_what_cannot_be_an_abbreviation(
        pieces: list[str], data: st.DataObject) -> None:
    text_ = "".join(pieces)
    plain = [m.end() for m in tense._SENTENCE_END.finditer(text_)
             if not tense._ABBREVIATION.search(text_, max(0, m.start() - 6), m.start() + 1)]
    offsets = list(range(len(text_) + 1))
    # ends read as far as each offset asked needs, in text order, backwards or any order
    for order in (offsets, offsets[::-1], data.draw(st.permutations(offsets))):
        index = tense.TenseIndex(text_)
        for start in order:
            i = bisect_right(plain, start)
            assert index.sentence(start) == (plain[i - 1] if i else 0,
                                             plain[i] if i < len(plain) else len(text_))


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from(
    [" ", "Spanish", "President", "Ana", "Ruiz", "Sen.", "Rep.", "Prime", "Minister",
     "meeting", "with", "Secretary-General", "Antonio", "(", "x", "Pensions"]), max_size=10))
def test_stripping_roles_is_the_plain_substitution(pieces: list[str]) -> None:
    title = " ".join(pieces)
    assert mentions.strip_roles(title) == mentions._ROLE_PREFIX.sub("", title)


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_site_furniture_found_in_lower_case_as_in_any_case(data: st.DataObject) -> None:
    line = data.draw(st.from_regex(text._BOILERPLATE) | st.text(max_size=30))
    line = "".join(c.upper() if data.draw(st.booleans()) else c for c in line)
    if len(line.lower()) != len(line) or any(c in line for c in gate.FOLDS_TO_ASCII):
        return  # boilerplate_spans matches those lines as they are
    plain = text._BOILERPLATE.match(line)
    fast = text._BOILERPLATE_LOW.match(line.lower())
    assert (fast and fast.span()) == (plain and plain.span())


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from(
    [" ", "day", "days", "today", "tuesday", "é", "éday", "3", "2021", "-", "'", "nov",
     "november", "x", "\ud800", "٣", "mid", "Day"]), max_size=20))
def test_key_words_found_by_bytes_are_those_the_key_pattern_finds(pieces: list[str]) -> None:
    from calsync.extraction.temporal import tagger
    from calsync.extraction.temporal.patterns import KEYS

    low = "".join(pieces).lower()
    assert tagger._keys(low) == [(m.start(), m.end(), m.group()) for m in KEYS.finditer(low)]


@pytest.mark.parametrize("word", sorted(patterns.KEY_WORDS))
def test_a_holiday_key_begins_only_at_its_listed_words(word: str) -> None:
    for case in (word, word.capitalize(), word.upper()):
        for after in ("", " ", " Fourth", " of July", " Year", " Day", " Friday"):
            if patterns.HOLIDAY_KEY.match(case + after):
                assert word in patterns.HOLIDAY_KEY_WORDS, case + after


def test_every_digit_outside_0_9_begins_with_a_listed_byte() -> None:
    from calsync.extraction.temporal import tagger

    leads = {chr(c).encode()[0] for c in range(128, 0x110000)
             if not 0xD800 <= c < 0xE000 and chr(c).isdecimal()}
    assert leads <= set(tagger._OTHER_DIGIT_LEADS)


@pytest.mark.parametrize("rule", ["holiday", "holiday_mod"])
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_holiday_rules_begin_where_the_tagger_tries_them(rule: str, data: st.DataObject) -> None:
    from calsync.extraction.temporal import tagger
    match = data.draw(st.from_regex(grammar("en").compiled[rule], fullmatch=True))
    assert rule in tagger._holiday_rules(match, 0), match


_LINES = st.lists(st.sampled_from(
    ["Home News Menu", "The mayor will open the bridge.", "ΟΔΟΣ ΚΑΛΗ", "İstanbul talks", "  ",
     "Riverside Tram Quick Facts", "She said “yes.” Then", "x", "Leave a reply",
     "The mayor will open the bridge."]), max_size=8)


@settings(max_examples=200, deadline=None)
@given(lines=_LINES)
def test_lower_case_made_once_is_the_lower_case_of_every_part(lines: list[str]) -> None:
    raw = "\n".join(lines)
    cleaned, low = text.clean_lowered(raw)
    assert cleaned == text.clean(raw)
    if low is None:
        assert "\u03a3" in raw  # (a capital sigma's lower case depends on what follows)
        return
    # the lower case keeps offsets ("İ" -> "i"), and a part's is the slice of the whole's
    assert low == text.lower_in_place(cleaned) and len(low) == len(cleaned)
    if len(cleaned.lower()) == len(cleaned):
        assert low == cleaned.lower()
    for sentence in text.sentences(cleaned, low):
        assert sentence.low == text.lower_in_place(sentence.text)
        for clause in mentions.split_clauses(sentence, []):
            assert clause.low == text.lower_in_place(clause.text)


def test_next_character_skips_what_strip_strips() -> None:
    # ``\s`` and ``str.isspace`` agree on every white space character (none lies past U+3000)
    for code in [*range(0x3001), 0xFEFF, 0x1F600]:
        char = chr(code)
        assert (re.fullmatch(r"\s", char) is not None) == char.isspace(), hex(code)
    block = "He left.  \u2003\n the rest"
    m = text._NEXT_CHARACTER.match(block, len("He left."))
    assert m is not None and m.group(1) == block[len("He left."):].lstrip()[0] == "t"
    assert text._NEXT_CHARACTER.match("end.   ", 4) is None


def _plain_tokens(text_: str, offset: int) -> tuple[tuple[str, int, int], ...]:
    return tuple((m[0], offset + m.start(), offset + m.end())
                 for m in mentions._TOKEN.finditer(text_))


_TOKEN_PIECES = [" ", "\t", "\n", "a", "Paris", "U", ".", ",", "’", "'", "-", "_", "\"", "“",
                 "”", "é", "3", "²", "(", ")", "…", "x y"]


@settings(max_examples=400, deadline=None)
@given(pieces=st.lists(st.sampled_from(_TOKEN_PIECES), max_size=24),
       offset=st.integers(min_value=0, max_value=500))
def test_tokens_cut_at_white_space_are_the_token_pattern_s(pieces: list[str], offset: int) -> None:
    text_ = "".join(pieces)
    assert mentions._tokens(text_, offset) == _plain_tokens(text_, offset)


@settings(max_examples=100, deadline=None)
@given(text_=st.text(max_size=40))
def test_tokens_agree_with_the_pattern_on_any_text(text_: str) -> None:
    assert mentions._tokens(text_, 7) == _plain_tokens(text_, 7)


_VENUE_WORDS = ["at", "in", "the", "The", "AT", "hall", "town", "palace", "cat", "x", "-",
                "\u212a", "\u0130"]


@settings(max_examples=400, deadline=None)
@given(words=st.lists(st.tuples(st.sampled_from(_VENUE_WORDS),
                                st.sampled_from([" ", "  ", "\n", " \t", ""])), max_size=12))
@example(words=[("at", " "), ("the", " "), ("in", " "), ("the", " "), ("hall", "")])
def test_venues_tried_after_each_the_are_the_pattern_s(words: list[tuple[str, str]]) -> None:
    text_ = "".join(word + space for word, space in words)
    clause = mentions.Clause(10, 10 + len(text_), text_, None)
    assert list(mentions._venues(clause)) == [m.span(1) for m in
                                               mentions._VENUE.finditer(text_)]


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from(
    ["the ", "The ", "a ", "an ", "some ", "its ", "his ", "Her ", "our ", "this ", "THAT ",
     "\u017fome ", "\u0131ts ", "Games", "x", " ", "Proms"]), max_size=4))
def test_dropping_an_article_is_the_plain_substitution(pieces: list[str]) -> None:
    phrase = "".join(pieces)
    rest = mentions._LEADING_ARTICLE.sub("", phrase)
    if rest != phrase and " " not in rest and rest[:1].isupper() and \
            phrase[:4].lower() == "the ":
        rest = phrase
    assert mentions._drop_article(phrase) == rest


@settings(max_examples=300, deadline=None)
@given(text_=st.text(alphabet=" \tToAfterafterFollowingfollowing,ax", max_size=40))
def test_an_opening_adjunct_begins_with_one_of_its_openers(text_: str) -> None:
    if mentions._OPENING_ADJUNCT.match(text_):
        assert text_.lstrip().startswith(mentions._ADJUNCT_OPENERS)


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from(
    [" ", ".", "!", "\n", "Mr", "Dr", "approx", "approxim", "U.S", "p.m", "a", "Wednesday",
     "Tuesdays", "the", "x"]), max_size=30))
def test_sentences_skip_reading_back_only_where_no_abbreviation_fits(pieces: list[str]) -> None:
    text_ = "".join(pieces)
    fast = text.sentences(text_)
    longest = text._LONGEST_ABBREVIATION
    text._LONGEST_ABBREVIATION = 10_000  # never skip: every word before a mark read back
    try:
        plain = text.sentences(text_)
    finally:
        text._LONGEST_ABBREVIATION = longest
    assert [(s.start, s.end) for s in fast] == [(s.start, s.end) for s in plain]


_WINDOW_WORDS = ["the", "a", "next", "last", "week", "day", "Day", "Eve", "Christmas", "Veterans",
                 "2018", "'80s", "’90", "٣", "\u212a", "İ", "Monday", "in", "within", "about",
                 "3", "p.m.", "noon", "few", "years", "ago", "of", "é", "x"]


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.tuples(st.sampled_from(_WINDOW_WORDS),
                                st.sampled_from([" ", "", ",", "-", "\n", "1"])), max_size=40))
def test_candidate_words_found_by_str_find_are_those_the_word_loop_finds(
        words: list[tuple[str, str]]) -> None:

    fast, plain = candidates_fast_and_plain("".join(word + sep for word, sep in words))
    assert fast == plain


def candidates_fast_and_plain(text_: str) -> tuple[object, object]:
    """The tagger's candidates of ``text_`` as found, and as the plain word loop finds them
    (``_starters`` off)."""
    from calsync.extraction.temporal import tagger
    from calsync.extraction.temporal.lang import grammar as grammar_of

    low = text.lower_in_place(text_)
    gr = grammar_of("en")
    fast = tagger._candidates(text_, low, gr)
    starters = tagger._starters
    tagger._starters = lambda gr: None  # type: ignore[assignment,return-value]  # the loop
    try:
        plain = tagger._candidates(text_, low, gr)
    finally:
        tagger._starters = starters
    return fast, plain
