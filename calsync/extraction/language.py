"""Which language an article is written in: English or French (or German, Spanish or Italian,
read with fewer rules), from its commonest words.

No model and no network: how often a dozen stop words of each language occur in the first
1,000 characters. Short or mixed texts with no clear majority are read as English, the
language the engine was first written for. Pure.
"""

from __future__ import annotations

#: Frequent function words that the other language does not use as words of its own (no
#: "a", "on", "est", "en", "de", "la": names and loans share them), spaces around.
_EN = tuple(f" {w} " for w in "the of and to is was for that with said will from".split())
_FR = tuple(f" {w} " for w in "le les des du et une dans pour qui que sur avec à au aux "
            "cette elle sera".split())
#: Languages with no rules of their own, read by dateparser (``temporal.other``): theirs
_OTHERS = {
    "de": tuple(f" {w} " for w in "der die und den das nicht mit ist ein eine für auf dem "
                "des im wird".split()),
    "es": tuple(f" {w} " for w in "el los las del por para con está son y también".split()),
    "it": tuple(f" {w} " for w in "il della degli gli sono alla nel che non anche è".split()),
}
#: how much of the text is read: enough words for a clear count, little time
_SAMPLE = 1000


def detect(text: str, low: str | None = None) -> str:
    """ "fr" when French stop words clearly outnumber English ones, else "en".

    ``str.count`` of each word over the sample: a few microseconds an article.
    """
    sample = " " + (text[:_SAMPLE].lower() if low is None else low[:_SAMPLE]).replace(
        "\n", " ")
    fr = sum(map(sample.count, _FR))  # (``map``: no generator to step through)
    en = sum(map(sample.count, _EN)) if fr >= 3 else 0
    if fr >= 3 and fr > 2 * en:
        return "fr"
    if fr >= 3 or any(w in sample for w in (" der ", " die ", " el ", " il ", " della ")):
        # (a German, Spanish or Italian text: their words, counted only when they occur)
        en = en or sum(map(sample.count, _EN))
        counts = {code: sum(map(sample.count, words)) for code, words in _OTHERS.items()}
        code, best = max(counts.items(), key=lambda kv: kv[1])
        if best >= 3 and best > 2 * en and best > fr:
            return code
    return "en"


def choose(forced: str, own: str | None, text: str, low: str | None = None) -> str:
    """The language to read an article in.

    ``forced`` (``--lang``, "auto" when not given) wins; then the article's own language
    (a source's ``lang``, a sidecar's ``language``) unless it is "auto"; else ``detect``.
    """
    for code in (forced, own):
        if code and code != "auto":
            return code.split("-")[0].lower()
    return detect(text, low)
