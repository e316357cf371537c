"""The mention finder's fast paths give what their plain forms give.

Each plain form below is the code the fast path replaced, kept here only as the specification.
"""

from __future__ import annotations

import itertools
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from calsync.extraction import mentions
from calsync.extraction.gate import Gated
from calsync.extraction.lexicon import IRREGULAR, NOUNS, VERBS


def _plain_is_event_noun(word: str, previous: str = "") -> bool:
    low = word.lower().strip(".,;:")
    if word == "March" and previous.lower() not in ("the", "a", "women's", "women’s"):
        return False
    if low == "mass":
        return word[:1] == "M" and previous[:1] != ""
    if low in ("table", "tables") and previous.lower() == "round":
        return True
    if low in ("party", "parties"):
        return previous.lower() in mentions._PARTY_KINDS
    if low == "day" and previous.lower() in mentions._DAY_COMPOUNDS:
        return True
    if low in ("final", "semi-final", "semifinal", "quarter-final") and previous[:1].isupper():
        return True
    if low in NOUNS or ("-" in low and low.rsplit("-", 1)[1] in NOUNS):
        return True
    return low.endswith("s") and len(low) > 4 and previous.lower() not in mentions._BEFORE_VERB \
        and (low[:-1] in NOUNS or (low.endswith("es") and low[:-2] in NOUNS)
             or (low.endswith("ies") and low[:-3] + "y" in NOUNS))


def _word_forms() -> list[str]:
    stems = [
        *sorted(NOUNS | mentions._NOUN_RULE_WORDS), "day", "march", "mass", "table", "party",
        "final", "ceremony", "match", "news", "bus",
        "x", "", "s", "es", "ies", "-", "a-b"]
    forms = set()
    for stem in stems:
        for word in (stem, stem + "s", stem + "es", stem[:-1] + "ies", "state-" + stem,
                     stem + "-x", stem.upper(), stem.capitalize(), stem + ".", stem + ":,"):
            forms.add(word)
    return sorted(forms)


_PREVIOUS = ["", "the", "The", "a", "round", "Round", "birthday", "investor", "women's",
             "women’s", "which", "it", "Champions", "x", ",", "Labour"]


def test_event_nouns_are_the_plain_rules_read() -> None:
    for word, previous in itertools.product(_word_forms(), _PREVIOUS):
        assert mentions._is_event_noun(word, previous) == _plain_is_event_noun(word, previous), (
            word, previous)


@settings(max_examples=300, deadline=None)
@given(word=st.text(alphabet="aesimyMAS-.:,ſİK", max_size=9),
       previous=st.sampled_from(_PREVIOUS))
def test_event_nouns_agree_on_any_word(word: str, previous: str) -> None:
    assert mentions._is_event_noun(word, previous) == _plain_is_event_noun(word, previous)


def test_no_lemma_is_empty() -> None:
    """``compress`` over ``lemma``'s answers keeps exactly the words that have one."""
    assert "" not in VERBS and all(IRREGULAR.values())
    for word in [*VERBS, *IRREGULAR, "", "s", "ed", "ing", "es", "ies"]:
        assert mentions.lemma(word) != ""


_SPACED_PIECES = ["a", "Paris", "U.S.", "it's", "_", "x_", ",", ".", "3", "²", "(", ")", "—",
                  "Obama’s", "-", "e-mail", "é", "…", "\"", "“", "”", "\"Run,", "walk\"",
                  "“Hope", "now”"]


@settings(max_examples=400, deadline=None)
@given(words=st.lists(st.sampled_from(_SPACED_PIECES), max_size=20),
       glue=st.lists(st.sampled_from(["", " ", " ", " ", "  ", "\n"]), max_size=20),
       offset=st.integers(min_value=0, max_value=500))
def test_tokens_of_spaced_words_are_the_token_pattern_s(
        words: list[str], glue: list[str], offset: int) -> None:
    text = "".join(w + g for w, g in zip(words, glue + [" "] * len(words), strict=False))
    for candidate in (text, text.strip(), " ".join(words)):
        plain = tuple((m[0], offset + m.start(), offset + m.end())
                      for m in mentions._TOKEN.finditer(candidate))
        assert mentions._tokens(candidate, offset) == plain


def test_noun_candidates_are_the_plain_loop_s() -> None:
    text = ("The Champions League final and a state-visit, the meetings, a round table, "
            "her birthday party, Mass on March 3 after the march, polling day: it launches.")
    tokens = mentions._tokens(text)
    plain = [i for i, (word, _s, _e) in enumerate(tokens)
             if _plain_is_event_noun(word, tokens[i - 1][0] if i else "")]
    fast = [i for i in itertools.compress(itertools.count(),
                                          map(mentions._noun_like, map(mentions._word_of, tokens)))
            if mentions._event_noun_after(tokens[i][0], tokens[i - 1][0] if i else "")]
    assert fast == plain and len(plain) >= 8


_AUX_PIECES = [" ", "\n", "  ", ",", "x", "Will", "will", "to", "be", "plans", "plan", "ſet",
               "SET", "wills", "toto", "İs", "is", "KK", "then", "also", "aim"]


@settings(max_examples=400, deadline=None)
@given(pieces=st.lists(st.sampled_from(_AUX_PIECES), max_size=10))
def test_trailing_aux_is_the_pattern_s(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert mentions._without_trailing_aux(text) == mentions._TRAILING_AUX.sub("", text)


def test_trailing_aux_words_are_the_pattern_s() -> None:
    for word in mentions._TRAILING_AUX_WORDS:
        assert mentions._TRAILING_AUX.fullmatch(" " + word)
    words = [w for w in re.findall(r"[a-z]+", mentions._TRAILING_AUX.pattern) if len(w) > 1]
    for word in words + [w + "s" for w in words]:
        assert (mentions._TRAILING_AUX.fullmatch(" " + word) is not None) == (
            word in mentions._TRAILING_AUX_WORDS), word


_BULLET_PIECES = [" ", "\t", "\n", "\u2003", "\x1c", "•", "*", "·", "–", "—", "-", "a", "3",
                  ":", "(", "é"]


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from(_BULLET_PIECES), max_size=8))
def test_bullet_end_is_the_pattern_s(pieces: list[str]) -> None:
    text = "".join(pieces)
    match = mentions._BULLET.match(text)
    assert match is not None and mentions._bullet_end(text) == match.end()


_SUBJECT_PIECES = [" ", ",", "To", "to", "After", "after", "a", "an", "Following", "meeting",
                   "the", "panel", "will", "be", "-", " - ", " — ", "PARIS", "\"", "“", "”",
                   ";", "which", "said", "that", "x"]


@settings(max_examples=400, deadline=None)
@given(pieces=st.lists(st.sampled_from(_SUBJECT_PIECES), max_size=14))
def test_subject_is_the_plain_pattern_chain_s(pieces: list[str]) -> None:
    text = " ".join(pieces) + " will meet"
    clause = mentions.Clause(10, 10 + len(text), text, None)
    assert mentions._subject(clause, 10 + len(text) - len(" will meet") + 1) == \
        _plain_subject(clause, 10 + len(text) - len(" will meet") + 1)


def _plain_subject(clause: mentions.Clause, verb_start: int) -> str:
    m = mentions
    head = clause.text[: verb_start - clause.start]
    head = m._QUOTED.sub(lambda q: q.group(0).replace(",", "\x00").replace(";", "\x01"), head)
    head = m._DATELINE_DASH.split(head)[-1]
    head = m._OPENING_ADJUNCT.sub("", head, count=1)
    head = m._TRAILING_AUX.sub("", head)
    head = m._REPORTED_THAT.split(head)[-1]
    if " whose " in head:
        head = m._WHOSE_PREP.split(head.split(" whose ")[0])[-1]
    relative = m._WHICH_AT_END.search(head)
    if relative:
        head = m._RELATIVE_PREP.split(head[: relative.start()])[-1]
        head = head.split(",")[-1]
    head = m._LEADING_ADVERBIAL.sub("", head)
    head = m._SUBJECT_END.split(head)[0]
    words = head.split()
    if not words or len(words) > 16 or words[0].lower() in m._SUBJECT_PRONOUNS:
        return ""
    return m._clean_phrase(head).replace("\x00", ",").replace("\x01", ";")


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=" :•-–aLocation\n", max_size=14))
def test_field_lines_hold_a_colon(text: str) -> None:
    plain = mentions._FIELD_LINE.match(mentions._ITEM_BULLET.sub("", text, count=1)) is not None
    assert mentions.is_field_line(text) == plain


_ANCHOR_PIECES = [" ", "  ", "\n", "after", "After", "AFTER", "following", "before", "ahead",
                  "of", "during", "at", "the", "The", "end", "on", "On", "upon", "day", "first",
                  "last", "morning", "his", "her", "their", "its", "return", "from", "Horse",
                  "Guards", "horse", "summit", "tour", "arrival", "x", ",", "-", "ſ", "K", "İ",
                  "İstanbul", "ta", "on the", "the day of"]


def _same_match(a: re.Match[str] | None, b: re.Match[str] | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.span() == b.span() and a.groups() == b.groups() and a.lastindex == b.lastindex


@settings(max_examples=600, deadline=None)
@given(pieces=st.lists(st.sampled_from(_ANCHOR_PIECES), max_size=16),
       glue=st.sampled_from([" ", "", "  "]))
def test_anchor_is_the_gated_pattern_s(pieces: list[str], glue: str) -> None:
    from calsync.extraction.text import lower_in_place

    text = glue.join(pieces)
    low = lower_in_place(text)
    assert _same_match(mentions._anchor_in(text, low),
                       mentions._RELATIVE_ANCHOR.search_lower(text, low))
    assert _same_match(mentions._anchor_in(text, low),
                       mentions._RELATIVE_ANCHOR.pattern.search(text))


def test_anchor_examples() -> None:
    for text in ("He will speak after the summit ends.", "On the first day of the tour, x",
                 "On his return from Horse Guards the King", "on his return from horse guards",
                 "ahead of  their visit", "at the end of the festival", "On the day of the vote",
                 "before dawn", "during which"):
        low = text.lower()
        assert _same_match(mentions._anchor_in(text, low),
                           mentions._RELATIVE_ANCHOR.pattern.search(text)), text


_FUTURE_PIECES = [" ", "\n", "will", "Will", "WILL", "’ll", "'ll", "we", "shall", "is", "IS",
                  "are", "set", "due", "to", "tomorrow", "x", "İs", "ſhall", "K", "this", "ware",
                  "planned", "scheduled"]


@settings(max_examples=600, deadline=None)
@given(pieces=st.lists(st.sampled_from(_FUTURE_PIECES), max_size=10),
       glue=st.sampled_from([" ", "", "  "]))
def test_future_in_is_the_pattern_s(pieces: list[str], glue: str) -> None:
    from calsync.extraction.text import lower_in_place

    text = glue.join(pieces)
    expected = mentions._FUTURE_MARKER.search(text) is not None
    assert mentions._future_in(text, lower_in_place(text)) == expected
    assert mentions._future_in(text, text.lower()) == expected


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=" \nvsVS.ersuxa", max_size=12))
def test_fixture_separator_is_found_where_the_plain_one_is(text: str) -> None:
    plain = re.compile(r"\sv(?:s\.?|ersus)?\s")
    assert (mentions._FIXTURE_SEP.search(text) is None) == (plain.search(text) is None)


_NAMED_ON_SALE = re.compile(
    r"\b(?:go|goes|will\s+go|are\s+to\s+go)\s+on\s+(?:general\s+)?sale\b"
    r"|\b(?:go|goes|will\s+go|is\s+to\s+go|are\s+to\s+go)\s+(?P<live>live)\b"
    r"|\b(?:will|is\s+to|are\s+to)\s+be\s+(?:made\s+)?(?P<available>available)\b"
    r"(?:\s+(?:for|to)\s+(?P<purpose>pre-?orders?|purchase|download|order))?",
    re.IGNORECASE)
_SALE_PIECES = ["will", "Will", "go", "goes", "on", "general", "sale", "SALE", "live", "is",
                "to", "be", "made", "available", "for", "Pre-Orders", "download", "x", "ſale",
                "İs", " "]


@settings(max_examples=400, deadline=None)
@given(pieces=st.lists(st.sampled_from(_SALE_PIECES), max_size=10))
def test_on_sale_groups_are_the_named_pattern_s(pieces: list[str]) -> None:
    from calsync.extraction.text import lower_in_place

    text = " ".join(pieces)
    low = lower_in_place(text)
    fast = mentions._ON_SALE.search_lower(text, low)
    # the named pattern behind the same gate: named groups keep it off the lower case, so it
    # runs with IGNORECASE on the text, as before (the gate's words are read in the lower
    # case, where "ſale" holds no "sale": both miss it)
    plain = Gated(_NAMED_ON_SALE, ("sale", "live", "available")).search_lower(text, low)
    assert (fast is None) == (plain is None)
    if fast is not None and plain is not None:
        assert fast.span() == plain.span()
        for number, name in ((1, "live"), (2, "available"), (3, "purpose")):
            assert (fast.group(number) or "").lower() == (plain.group(name) or "").lower()


_CONJUNCTION_PIECES = [" ", "  ", "\n", ",", ", ", "and", "but", "then", "before", "after",
                       "following", "while", "where", "stand", "x", "She", "will", "’s", "'",
                       "meet", "Andrew", "thence", "\t"]


@settings(max_examples=800, deadline=None)
@given(pieces=st.lists(st.sampled_from(_CONJUNCTION_PIECES), max_size=16),
       glue=st.sampled_from([" ", "", "  ", ", "]))
def test_conjunctions_are_the_pattern_s(pieces: list[str], glue: str) -> None:
    text = glue.join(pieces)
    plain = [(m.span(), m.groups()) for m in mentions._CONJUNCTION.finditer(text)]
    assert [(m.span(), m.groups()) for m in mentions._conjunctions(text)] == plain


_LABEL_PIECES = ["Phase", "1", "voting", "A", "the", " ", "  ", "\n", ":", " – ", " — ", "–", "-",
                 ")", "(", "(x)", "(Sat)", ".", ";", "]", "[", ",", ", ", "“", "\"", "Oval",
                 "The", "UPDATE", "LONDON", "’", "x" * 70, "April 11", "Second Test: ",
                 "Adelaide Oval, ", "The Oval,"]


@settings(max_examples=800, deadline=None)
@given(pieces=st.lists(st.sampled_from(_LABEL_PIECES), max_size=18),
       glue=st.sampled_from(["", " ", "  "]))
def test_label_colons_are_the_pattern_s(pieces: list[str], glue: str) -> None:
    text = glue.join(pieces)
    plain = [(m.span(), m.groups()) for m in mentions._LABEL_COLON.finditer(text)]
    assert [(m.span(), m.groups()) for m in mentions._label_colons(text)] == plain


@settings(max_examples=800, deadline=None)
@given(pieces=st.lists(st.sampled_from(_LABEL_PIECES), max_size=18),
       glue=st.sampled_from(["", " ", "  "]))
def test_labelled_days_start_after_a_label_mark(pieces: list[str], glue: str) -> None:
    """Where a day read as labelled can start (a match's end, or its venue's), the gate of
    ``_labelled_dates`` lets it through: skipped, the sentence would have given nothing."""
    text = glue.join(pieces)
    for m in mentions._LABEL_COLON.finditer(text):
        assert mentions._after_label_mark(text, m.end())
        venue = mentions._VENUE_BEFORE_DAY.match(text, m.end())
        if venue is not None:
            assert mentions._after_label_mark(text, venue.end())
