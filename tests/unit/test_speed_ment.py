"""The mention finder's fast paths give what their plain forms give.

Each plain form below is the code the fast path replaced, kept here only as the specification.
"""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from calsync.extraction import mentions
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
                  "Obama’s", "-", "e-mail", "é", "…"]


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
