"""The cheap tests that spare ``events`` a pattern or a search agree with the plain forms."""

from __future__ import annotations

from datetime import date

from hypothesis import example, given, settings
from hypothesis import strategies as st

from calsync.extraction import events
from calsync.extraction.gate import found_near, holds_any
from calsync.extraction.mentions import Clause, Mention
from calsync.extraction.text import Sentence

#: Words of the patterns the fast paths read, their neighbours, and letters IGNORECASE folds
_PIECES = ["and", "And", "then", "later", "afterwards", "begins", "start", "opens", "with",
           "where", "he", "she", "will", "puis", "join", "attend", "host", "view", "watch",
           "the", "mayor", "thence", "within", ",", ";", ":", " ", "  ", "\n", "time", "Time",
           "starts", "kick-off", "•", "-", "\u0131", "\u017f", "\u212a", "\u0130", "x"]
_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=_TEXTS, before=st.integers(0, 45), after=st.integers(0, 45))
def test_needed_words_change_nothing_found_near_finds(text: str, before: int,
                                                      after: int) -> None:
    """``found_near``'s ``needs`` only skip windows that hold no match."""
    low = text.lower()
    for pattern, words, needs in (
            (events._GOES_ON, events._GOES_ON_WORDS, events._GOES_ON_NEEDS),
            (events._ATTEND_WORDS, ("and",), events._ATTEND_NEEDS)):
        assert found_near(pattern, text, low, words, before, after, needs) is \
            found_near(pattern, text, low, words, before, after), (pattern.pattern, text)


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_every_time_field_holds_a_colon(data: st.DataObject) -> None:
    """``extract_events`` tries ``_TIME_FIELD`` only on a sentence with a colon."""
    text = data.draw(st.from_regex(events._TIME_FIELD))
    match = events._TIME_FIELD.match(text)
    assert match is None or ":" in text
    assert ":" in data.draw(st.from_regex(events._TIME_FIELD, fullmatch=True))


def test_every_french_move_holds_one_of_its_verbs() -> None:
    """``_sentence_marks`` looks for ``RESCHEDULE_FR`` only in a text with one of its verbs."""
    from calsync.extraction.lexicon_fr import RESCHEDULE as RESCHEDULE_FR

    assert events._MOVED == events.RESCHEDULE + RESCHEDULE_FR
    for word in RESCHEDULE_FR:
        assert any(verb in word for verb in events._MOVED_FR_VERBS), word


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(
    ["Le match est ", "reporté au", "reportée à", "décalé", "avancés au", "postponed", "moved",
     " ", "é", "e\u0301", "said", "cancelled", "x"]), max_size=8).map("".join))
def test_sentence_marks_read_moves_as_the_whole_list(text: str) -> None:
    low = text.lower()
    assert events._sentence_marks(low)[1] is holds_any(low, events._MOVED)


_CLAUSE_PIECES = ["It ", "it ", "may", "MAY", "be", "might", "not", "could", "possibly",
                  "perhaps", "unless", "in", "the", "event", "case", "of", "If", "if", ", ",
                  "should", "must", "arrive", "are", "advised", "urged", "asked", "to", "no",
                  "later", "than", " ", "  ", "\n", "m\u0131ght", "po\u017f\u017fibly",
                  "\u0130f", "held", "(", ";", ":", ",", ",\n", ",\xa0", "specific", "life", "IF",
                  "gift", "May", "maybe", "be", "mayor", "\t", "ma\u0443"]


@settings(max_examples=500, deadline=None)
@given(text=st.lists(st.sampled_from(_CLAUSE_PIECES), max_size=14).map("".join))
def test_hedged_agrees_with_its_two_patterns(text: str) -> None:
    from calsync.extraction.mentions import Clause

    clause = Clause(0, len(text), text, None)
    assert events._hedged(clause) is (events._HEDGED.search(text) is not None
                                      or events._ADVISED.search(text) is not None), text


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(
    ["Then", "then", "later", "Afterwards", "after", "that", "from", "there", "finally",
     "fınally", "ſubsequently", "follow", "ing", "sunset", "İ", " ", ", ", "x", "The", "day"]),
    max_size=16).map("".join))
def test_a_sequence_word_is_looked_for_where_it_is_searched(text: str) -> None:
    """``carry`` gives ``_SEQUENCE_IN`` the lower case of the 40 characters it searches."""
    got = events._SEQUENCE_IN.search(text, text[:40].lower(), 0, 40)
    want = events._SEQUENCE_IN.pattern.search(text, 0, 40)
    assert (got and got.span()) == (want and want.span())


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_every_field_line_holds_a_colon(data: st.DataObject) -> None:
    """``carry`` asks ``is_field_line`` only of a sentence with a colon."""
    from calsync.extraction.mentions import _FIELD_LINE, is_field_line

    text = data.draw(st.from_regex(_FIELD_LINE))
    assert not is_field_line(text) or ":" in text


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(
    ["His", "his", "HER", "their", "ıts", "İts", "The", "the", "On", "on", "same", "day", "last",
     "final", "activity", "engagement", "will", "end", "with", " ", "\n", "\xa0", "\u2003", "x",
     "Day", "of", "\t", "."]), max_size=10).map("".join))
def test_a_day_closer_opens_with_one_of_its_initials(text: str) -> None:
    """``carry`` tries ``_DAY_CLOSER`` only on a line that opens with one of its letters."""
    if events._DAY_CLOSER.match(text) is not None:
        assert text.lstrip()[:1] in events._CLOSER_INITIALS
    assert events._DAY_CLOSER.match(" " + text) is None or \
        text.lstrip()[:1] in events._CLOSER_INITIALS


def _at_most_words(text: str, n: int) -> bool:
    """The plain form: the first ``n + 1`` words of ``_WORDS``, counted one by one."""
    from itertools import islice

    return next(islice(events._WORDS.finditer(text), n, None), None) is None


@settings(max_examples=1000, deadline=None)
@given(text=st.lists(st.sampled_from(
    ["a", "b", "Z", "ab", "abc", "é", "éé", "ß", "中文", "_", "1", "²", "٣", "ⅻ", " ", "-", "\n",
     "x y", "İ", "’", "a1b", "__"]), max_size=20).map("".join))
def test_four_words_are_counted_as_word_by_word(text: str) -> None:
    assert events._at_most_four_words(text) is _at_most_words(text, 4), text


def test_a_long_run_of_letters_is_read_in_linear_time() -> None:
    """(each run is tried from its start only: a run of 10**5 letters once, not 10**5 times)"""
    import time

    start = time.perf_counter()
    for run in ("x" * 100_000, "é" * 100_000):
        assert events._at_most_four_words(f"{run} 12 ab cd {run}")
        assert not events._at_most_four_words(f"{run} 12 ab cd {run} ef")
    assert time.perf_counter() - start < 5


def test_sentence_marks_are_each_sentences_own() -> None:
    """The last sentence's marks are kept for that string only: another, even equal, is read."""
    said = "the match, he said, was postponed"
    plain = "the match will be played"
    for low in (said, plain, said, "".join(["the match, he said, ", "was postponed"]), plain):
        assert events._sentence_marks(low) == (
            events._REPORTED_ON.possible(low),
            holds_any(low, events._MOVED),
            events._CANCELLED.search(low, low) is not None), low
    assert events._sentence_marks(said) == (True, True, False)
    assert events._sentence_marks(plain) == (False, False, False)


#: Stop words of every language ``detect`` reads, and the white space ``split`` reads
_LANGUAGE_WORDS = ["le", "Les", "à", "du", "que", "the", "of", "and", "said", "der", "Die",
                   "und", "el", "los", "y", "il", "della", "che", "gli", "l'il", "x", "é"]
_LANGUAGE_GAPS = [" ", " ", " ", "  ", "\n", "\t", "\xa0", ", ", ""]


@settings(max_examples=1000, deadline=None)
@given(text=st.lists(st.tuples(st.sampled_from(_LANGUAGE_WORDS), st.sampled_from(
    _LANGUAGE_GAPS)), max_size=16).map(lambda pairs: "".join(w + gap for w, gap in pairs)))
def test_a_language_is_detected_as_its_words_counted_tell(text: str) -> None:
    """``detect`` answers "en" without counting only where the counts answer it."""
    from calsync.extraction import language

    for low in (None, text.lower()):
        head = text[:language._SAMPLE].lower() if low is None else low[:language._SAMPLE]
        assert language.detect(text, low) == \
            language._by_counts(" " + head.replace("\n", " ")), text


_TITLE_WORDS = ["the", "vote", "Election", "polling", "stations", "meeting", "Harris", "a",
                "Summit", "referendum", "  ", "\t"]
_WORD_SETS = st.frozensets(st.sampled_from(["vote", "harris", "summit", "paris"]), max_size=3)


@settings(max_examples=500, deadline=None)
@given(title=st.lists(st.sampled_from(_TITLE_WORDS), max_size=5).map(" ".join),
       head=st.sampled_from(["vote", "election", "meeting", "summit", "stations", ""]),
       lemma=st.sampled_from(["", "open", "close", "meet", "vote"]),
       tokens=_WORD_SETS, proper=_WORD_SETS,
       day=st.none() | st.dates(), clock=st.sampled_from([None, "", "09:30"]),
       moved=st.frozensets(st.dates(), max_size=2), flags=st.tuples(st.booleans(),
                                                                    st.booleans()))
def test_a_happening_of_one_mention_is_indexed_as_parts_are(
        title: str, head: str, lemma: str, tokens: frozenset[str], proper: frozenset[str],
        day: date | None, clock: str | None, moved: frozenset[date],
        flags: tuple[bool, bool]) -> None:
    """``_Happening([d])`` reads its one part as ``_index`` reads the parts it adds."""
    sentence = Sentence(0, len(title), title, 0)
    mention = Mention(sentence, Clause(0, len(title), title, None), title, head, tokens,
                      proper, None, lemma, False, False, None)
    dated = events._Dated(mention, None, day, day, clock, None, None, moved_from=moved,
                          inferred=flags[0], line_item=flags[1])
    for made in ({}, {"bare": False}, {"tokens": frozenset({"paris"})}):
        fast = events._Happening([dated], **made)  # type: ignore[arg-type]
        plain = events._Happening([], **made)  # type: ignore[arg-type]
        plain.parts.append(dated)
        plain._index(plain.parts)
        assert vars(fast) == vars(plain), made
        # (the words: the one mention's, shared, or joined to those it was made with)
        assert fast.tokens == made.get("tokens", frozenset()) | tokens, made
        assert fast.proper == proper, made


#: The patterns' words, whole, inside others ("bilateral", "Macron-hosted") and spelt with
#: the letters IGNORECASE reads as ASCII ("joın"), and what comes between them
_NEAR_PIECES = ["and", "And", ",", ";", " ", " ", " ", "\n", "he", "will", "then", "later",
                "afterwards", "begins", "start", "opens", "with", "where", "puis", "join",
                "attend", "host", "view", "watch", "bi", "-", "ed", "ance", "_", "é", "jo",
                "\u0131n", "\u017ftart", "\u2160"]


@settings(max_examples=2000, deadline=None)
@example(text="He will speak, and begins with a toast")
@example(text="The fair will rise, and opens with a parade")
@example(text="They will meet and jo\u0131n the parade")
@given(text=st.lists(st.sampled_from(_NEAR_PIECES), max_size=12).map("".join))
def test_words_that_stand_as_words_change_nothing_found_near_finds(text: str) -> None:
    """``_goes_on`` and ``_attends`` find what ``found_near`` alone finds."""
    from calsync.extraction.gate import matches_as_ignorecase
    from calsync.extraction.text import lower_in_place

    low = lower_in_place(text)
    plain = matches_as_ignorecase(text, low)
    assert events._goes_on(text, low, plain) is found_near(
        events._GOES_ON, text, low, events._GOES_ON_WORDS, 40, 20), text
    assert events._attends(text, low, plain) is (" and " in text and found_near(
        events._ATTEND_WORDS, text, low, ("and",), 0, 40)), text


#: The words of both languages' sequence phrases, what they look back at, and what is
#: around them
_CHAIN_PIECES = ["followed", "Followed", "by", "a", "an", "the", "before", "Before", "after",
                 "After", "following", "days", "hours", "shortly", "just", "day", "attending",
                 "opening", "lunch", "dinner", "suivie", "suivis", "d'", "d’", "un", "une",
                 "du", "de", "la", "l'", "avant", "après", "jours", "peu", "se", "rendre", ",",
                 ",", ";", " ", " ", " ", "  ", "\n", "x", "é", "\u0131", "\u017f", "\u212a"]


@settings(max_examples=1500, deadline=None)
@example(text="The day opens, after a breakfast with the mayor, with a visit", begin=0,
         stop=60)
@example(text="Il visitera l'usine ,  après une réunion, puis", begin=0, stop=46)
@example(text="Il partira avant de après la gare", begin=0, stop=33)  # (a phrase in one)
@given(text=st.lists(st.sampled_from(_CHAIN_PIECES), max_size=24).map(" ".join),
       begin=st.integers(0, 30), stop=st.integers(0, 200))
def test_sequence_phrases_are_found_where_they_can_start(text: str, begin: int,
                                                         stop: int) -> None:
    """``_chain_phrases`` finds the matches ``finditer_lower`` finds, in both languages."""
    from calsync.extraction import mentions, mentions_fr
    from calsync.extraction.text import lower_in_place

    low = lower_in_place(text)
    stop = min(stop, len(text))
    for chained in (mentions._CHAINED, mentions_fr._CHAINED):
        assert [m.span() for m in events._chain_phrases(chained, text, low, begin, stop)] == \
            [m.span() for m in chained.finditer_lower(text, low, begin, stop)], text
