"""Boilerplate removal and sentence splitting keep offsets and drop site chrome."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from calsync.extraction.text import boilerplate_spans, clean, sentences

PAGE = """Home News World Politics
Ministers to meet in Lisbon on fisheries quotas
Ministers to meet in Lisbon on fisheries quotas
Subscribe to our newsletter
Fisheries ministers from eleven countries will meet in Lisbon on Thursday, Dr. Ana Costa said.
The talks follow months of disagreement over quotas for the U.S. and Canada. They end Friday.
Related: How quotas are set
Leave a reply
Please enter your email address
"""


def test_site_chrome_is_blanked_and_offsets_kept() -> None:
    cleaned = clean(PAGE)
    assert len(cleaned) == len(PAGE)
    assert "Subscribe" not in cleaned
    assert "Please enter" not in cleaned
    assert "Leave a reply" not in cleaned
    assert "Related" not in cleaned
    assert "Home News" not in cleaned
    assert "will meet in Lisbon on Thursday" in cleaned
    # Offsets are unchanged: what remains stands where it stood.
    i = cleaned.index("Fisheries ministers")
    assert PAGE[i:i + 19] == "Fisheries ministers"


def test_headline_lines_are_boilerplate() -> None:
    spans = boilerplate_spans(PAGE)
    heads = [PAGE[s:e] for s, e in spans if "fisheries quotas" in PAGE[s:e]]
    assert len(heads) == 2


def test_sentences_respect_abbreviations() -> None:
    found = [s.text for s in sentences(clean(PAGE))]
    assert found == [
        "Fisheries ministers from eleven countries will meet in Lisbon on Thursday, "
        "Dr. Ana Costa said.",
        "The talks follow months of disagreement over quotas for the U.S. and Canada.",
        "They end Friday.",
    ]


def test_sentence_offsets_point_into_the_text() -> None:
    cleaned = clean(PAGE)
    for s in sentences(cleaned):
        assert cleaned[s.start:s.end] == s.text


@given(st.text(alphabet=st.sampled_from("ab .!?\n\"”A"), max_size=200))
def test_sentences_never_lose_offsets(text: str) -> None:
    for s in sentences(text):
        assert text[s.start:s.end] == s.text
        assert s.text == s.text.strip()
