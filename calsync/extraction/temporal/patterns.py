"""The regular expressions of the tagger, compiled once at import.

Every rule is one pattern with named groups. Rules are tried only at the start of words that
can begin them (``FIRST_WORDS``, inverted into ``Grammar.dispatch``), in priority order: at one
position the earlier rule wins, so specific rules come before generic ones. This keeps the
scan to a few hundred anchored matches per article instead of a full regex search.
"""

from __future__ import annotations

import re
from typing import Any

from calsync.extraction.temporal.lexicon import ZONES

_N19 = (
    "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    "|fifteen|sixteen|seventeen|eighteen|nineteen"
)
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
NUMW = (
    rf"(?:\d+\s+1/2|\d+(?:\.\d+)?|(?:{_TENS})(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine)\b)?"
    rf"|(?:a|one)\s+hundred|(?:a\s+)?dozen|a\s+couple\s+of|couple\s+of|a\s+few|few|several"
    rf"|many|some|a\s+number\s+of|(?:{_N19})\b|an?\b|half\s+an?)"
)
UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|quarters?"
    r"|years?|decades?|century|centuries)"
)
MONTH_FULL = (
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER"
    r"|DECEMBER)"
)
MONTH = (
    rf"(?:{MONTH_FULL}|(?-i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR"
    r"|JUN|JUL|AUG|SEPT|SEP|OCT|NOV|DEC)(?:\.|\b))"
)
DAY = (
    r"(?:(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d%]|[:.]\d)"
    r"|(?:twenty-|thirty-)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)\b"
    r"|(?:tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth"
    r"|eighteenth|nineteenth|twentieth|thirtieth)\b)"
)
YEAR = r"(?:1[5-9]\d\d|20\d\d)(?![\d%]|,\d|\.\d)"
_N1_9 = "one|two|three|four|five|six|seven|eight|nine"
#: years said in words, as in broadcast transcripts: "nineteen ninety-six", "two thousand"
YEARW = (
    rf"(?:nineteen[-\s](?:(?:{_TENS})(?:[-\s](?:{_N1_9})\b)?|ten|eleven|twelve|thirteen"
    rf"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred)"
    rf"|two\s+thousand(?:\s+(?:and\s+)?(?:{_N1_9}|ten)\b)?)\b"
)
WEEKDAY = (
    r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|MONDAY|TUESDAY|WEDNESDAY"
    r"|THURSDAY|FRIDAY|SATURDAY|SUNDAY)"
)
POD = r"(?:morning|afternoon|evening|night)"
MODS = (
    r"(?:early|late|mid|middle|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of"
    r"|the\s+middle\s+of|the\s+close\s+of|end\s+of|beginning\s+of|start\s+of|middle\s+of"
    r"|earlier|later|the\s+rest\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of"
    r"|the\s+last\s+half\s+of|the\s+latter\s+half\s+of"
    r"|the\s+turn\s+of)"
)
_zone_words = sorted(ZONES, key=len, reverse=True)
ZONE = (
    r"(?-i:ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|GMT|UTC|BST|WET|CET|CEST|EET|EEST|MSK"
    r"|JST|KST|HKT|SGT|AEST|AEDT)\b"
    r"|(?:(?:" + "|".join(re.escape(z) for z in _zone_words if " " in z or len(z) > 4)
    + r"|local)\s+time)"
    r"|Eastern\s+(?:Standard\s+|Daylight\s+)?Time|Pacific\s+Time|Central\s+Time"
    # "10 a.m. Pacific": the zone's name alone, right after a clock time
    r"|(?-i:Pacific|Eastern|Central|Mountain)\b(?!\s+(?:Ocean|Islands?|Coast|Rim|Time|Europe"
    r"|Asia|Africa|America|Bank|Park|Avenue|Street|Railway|Station|University))"
)
HOLIDAY = (
    r"(?-i:(?:[A-Z][a-z]*\.?(?:['’]s|s['’])?\s+){0,3}(?:Day|Eve)\b"
    r"|Christmas(?:\s+(?:Eve|Day))?|Easter(?:\s+(?:Sunday|Monday))?|Thanksgiving(?:\s+Day)?"
    r"|Good\s+Friday|Pentecost|Whitsun|Whit\s+Monday|Juneteenth|Fourth\s+of\s+July"
    r"|July\s+Fourth|New\s+Year(?:['’]s)?(?:\s+(?:Day|Eve))?|V-?E\s+Day)"
)

#: White space with a comma in it or not: "\s*,?\s+" and "\s*,?\s*", written so that a failed
#: match backtracks over a run of white space once, not once for every way to split it
#: between the two "\s": those forms took time growing with the square of the run ("in
#: January" then 20,000 spaces: 22 s). What follows each is never white space or a comma, so
#: every match is the same.
_COMMA_SPACE = r"(?:\s*,)?\s+"
_COMMA_SPACE_OPT = r"(?:\s*,)?\s*"


def _clock(sfx: str) -> str:
    return (
        rf"(?:(?P<h{sfx}>\d{{1,2}})(?:[:.](?P<mi{sfx}>[0-5]\d))?\s*"
        rf"(?P<ap{sfx}>[ap]\.\s?m\.?|[ap]m\b|(?-i:[AP]M)\b)"
        rf"|(?P<hh{sfx}>[01]?\d|2[0-3]):(?P<mm{sfx}>[0-5]\d)(?![\d:])"
        # "1830hrs", "0900 hours", "1951 UTC": a 24-hour clock without its colon
        rf"|(?P<mh{sfx}>[01]\d|2[0-3])(?P<mmh{sfx}>[0-5]\d)(?:\s*(?:hrs|hours|h)\b|(?=\s*(?:GMT|UTC)\b))"
        rf"|(?P<named{sfx}>noon|midnight|midday)"
        rf"|(?P<oc{sfx}>\d{{1,2}}|{_N19})\s+o['’]clock)"
    )


RULES: list[tuple[str, str]] = [
    ("iso", r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:[T\s](?P<hh>[0-2]\d):(?P<mm>\d\d))?"
            r"(?![\d-])"),
    ("numeric", r"\b(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<y>\d{4}|\d{2})(?![\d/])"),
    # "Wednesday 17/10": a day and month in figures, told apart by the weekday
    ("wd_numeric", rf"\b(?P<wd>{WEEKDAY}),?\s+(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)(?![\d/])"),
    ("time_range",
     r"(?:(?P<pre>from|between)\s+)?(?:" + _clock("1") + r"|(?P<hb1>1[0-2]|0?[1-9])(?![\d:.]))"
     + r"\s*(?:-|–|to|until|till|and)\s*" + _clock("2")
     + rf"(?:\s+\(?(?P<zone>{ZONE})\)?)?"),
    ("time",
     r"(?:(?P<q>about|around|approximately|shortly\s+after|shortly\s+before|just\s+after"
     r"|just\s+before)\s+)?(?:" + _clock("")
     + r"|(?P<hw>(?:1[0-2]|0?[1-9])|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
     r"|twelve)(?=\s+(?:in\s+the\s+(?:morning|afternoon|evening)|at\s+night)))"
     + r"(?:\s+(?P<inpod>in\s+the\s+(?:morning|afternoon|evening)|at\s+night))?"
     + rf"(?:\s+\(?(?P<zone>{ZONE})\)?)?"),
    ("holiday_mod",
     r"\b(?:the\s+)?(?P<rel>eve|day\s+after|day\s+before|night\s+before|night\s+of|weekend\s+"
     r"(?:after|before|of)|morning\s+of|evening\s+of|week\s+(?:after|before|of))\s+(?:of\s+)?"
     rf"(?P<h>{HOLIDAY})"),
    ("mdy",
     rf"\b(?:(?P<wd>{WEEKDAY}){_COMMA_SPACE})?(?:the\s+)?(?P<mon>{MONTH})(?:\s+|(?<=\.))(?P<d>{DAY})"
     rf"(?:\s*(?:-|–|to|through|until|and)\s*(?P<d2>{DAY}))?(?:{_COMMA_SPACE_OPT}(?P<y>{YEAR}))?"
     r"(?!\s*(?:-|–)\s*\d)"),
    ("dmy",
     rf"\b(?:(?P<wd>{WEEKDAY}){_COMMA_SPACE})?(?:the\s+)?(?P<d>{DAY})"
     rf"(?:\s*(?:-|–|to|and)\s*(?P<d2>{DAY}))?\s+(?:of\s+)?(?P<mon>{MONTH})"
     rf"(?:{_COMMA_SPACE_OPT}(?P<y>{YEAR}))?"),
    ("month_year",
     rf"\b(?:(?P<mod>{MODS})[-\s]+)?(?P<mon>{MONTH}){_COMMA_SPACE}(?:of\s+)?"
     rf"(?:(?P<y>{YEAR})|['’](?P<y2>\d\d)\b|(?P<ry>this|last|next)\s+year\b|(?P<yw>{YEARW}))"),
    ("reltime_day",
     r"\b(?:(?P<early>early|late)\s+)?(?:the\s+day\s+(?P<dd>after|before)\s+)?"
     rf"(?P<w>today|tonight|tomorrow|yesterday)\b(?:\s+(?P<pod>{POD})\b)?"),
    ("this_pod",
     r"\b(?:(?P<early>early|late)\s+)?(?:(?P<later>later|earlier)\s+)?"
     rf"(?P<rel>this|last|that|the\s+same|the\s+following|the\s+next|the\s+previous)\s+"
     rf"(?P<pod>{POD})\b"),
    ("weekday",
     r"\b(?:(?P<early>early|late)\s+)?(?:(?P<rel>next|last|this\s+coming|this\s+past|this|coming"
     r"|past|previous|the\s+following|the\s+next|the\s+previous|the\s+preceding|that"
     rf"|the\s+same)\s+)?(?P<wd>{WEEKDAY})\b"
     rf"(?:\s+(?P<pod>{POD})\b)?(?P<nw>\s+(?:next|last|this)\s+week\b)?"),
    ("quarter",
     rf"\b(?:(?P<the>the)\s+)?(?:(?P<y0>{YEAR})['’]?s?\s+|fiscal\s+(?P<fy0>{YEAR})['’]?s?\s+"
     r"|(?P<ry0>this|last|next)\s+year['’]s\s+)?"
     r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last|latest|current|previous"
     r"|past|same|year-earlier|year-ago|most\s+recent|recent|prior)[-\s]+(?P<qh>quarter|half"
     rf"|period|quarters)\b(?:\s+of\s+(?:(?:fiscal\s+)?(?P<y1>{YEAR})|(?P<ry>this|last|next)"
     r"\s+year))?"),
    ("year_words", rf"\b(?:the\s+year\s+)?(?P<yw>{YEARW})"
                   r"(?!\s+(?:years?|months?|days?|people|dollars|of|times)\b)"),
    ("the_quarter", r"\bthe\s+(?P<qh>quarter)\b(?!-)"),
    ("year_quarter", rf"\bthe\s+(?P<y>{YEAR})\s+(?P<w>quarter|period)\b"),
    ("year_earlier", r"\b(?P<w>year-earlier|year-ago)\b"),
    ("century",
     r"\b(?:the\s+)?(?:(?P<mod>early|late|mid)[-\s]+)?(?P<n>1[0-9]|2[0-2])(?:st|nd|rd|th)"
     r"[-\s]+century\b"),
    ("the_unit",
     r"\b(?:the|that)\s+(?P<adj>(?:fiscal|full|current|entire|whole|same)\s+)?"
     r"(?P<unit>year|week|weekend)\b(?![-'’])"),
    ("rel_unit",
     rf"\b(?:(?P<mod>{MODS})[-\s]+)?(?P<rel>this|last|next|past|previous|coming|current"
     r"|the\s+past|the\s+last|the\s+previous|the\s+coming|the\s+current|the\s+following"
     r"|the\s+next|the\s+same|that|the\s+present|the\s+latest|the\s+prior|prior|the\s+preceding)"
     r"\s+(?P<unit>weekend|week|month|year|quarter|decade|century|season|spring|summer|fall"
     rf"|autumn|winter|fiscal\s+year|{MONTH_FULL})\b"),
    ("mod_the_unit",
     rf"\b(?P<mod>{MODS})\s+the\s+(?P<unit>week|month|year|decade|century|quarter|day)\b"),
    ("anaphora_day",
     r"\b(?:(?P<rel>the\s+following|the\s+next|the\s+previous|the\s+preceding|the\s+same"
     r"|that|the\s+prior)\s+(?P<unit>day)|(?P<le>later|earlier)\s+(?:that|in\s+the)\s+(?P<unit2>day)"
     r"|the\s+day\s+(?P<ba>before|after)\b"
     r"(?!\s+(?:the|a|an|his|her|their|its|he|she|it|they|we|authorities|police)\b))\b"),
    ("ago",
     r"\b(?:(?P<q>about|around|approximately|roughly|nearly|almost|some|more\s+than|less\s+than"
     rf"|over|just|only|barely)\s+)?(?P<n>{NUMW})[-\s]+(?P<unit>{UNIT})\s+"
     r"(?P<dir>ago|earlier|later|from\s+now|hence|before|after)\b"
     r"(?!\s+(?:the|a|an|his|her|their|its|that|this|he|she|it|they|we|I)\b)"),
    ("in_dur",
     rf"\b(?P<in>with)?in\s+(?P<n>{NUMW})\s+(?P<unit>{UNIT})\b(?!\s+(?:ago|of|old)\b)"),
    ("set",
     rf"\b(?:(?P<every>every|each|per)\s+(?:(?P<other>other)\s+)?(?:(?P<n>{NUMW})\s+)?"
     rf"(?P<unit>{UNIT}|{WEEKDAY}|{MONTH_FULL}|morning|afternoon|evening|night|spring|summer"
     r"|fall|autumn|winter)\b"
     r"|(?P<adv>daily|weekly|monthly|yearly|hourly|nightly|biweekly)\b"
     rf"|(?P<times>once|twice|thrice|{NUMW}\s+times)\s+(?:a|an|per|each|every)\s+"
     rf"(?P<unit2>{UNIT})\b"
     r"|(?P<wdpl>(?-i:Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays))\b)"),
    ("duration",
     r"\b(?:(?P<q>about|around|approximately|roughly|nearly|almost|some|more\s+than|less\s+than"
     r"|fewer\s+than|at\s+least|at\s+most|up\s+to|over|under|only|just|barely|well\s+over"
     r"|the\s+better\s+part\s+of)\s+)?(?:(?P<the>the|its|their|his|her|our)\s+)?"
     r"(?:(?P<rel>past|last|next|first|final|previous|coming|following|initial|remaining|same"
     r"|preceding|full|entire|whole|latest|recent|ensuing|succeeding)\s+)?"
     rf"(?P<n>{NUMW})(?P<half1>[-\s]+and[-\s]+a[-\s]+half)?"
     rf"(?:\s+(?:more|additional|further|extra))?[-\s]+(?P<unit>{UNIT})\b"
     r"(?![-‐](?:earlier|ago|end|long)\b)"
     r"(?P<half2>\s+and\s+a\s+half)?(?P<old>[-\s]+old\b)?"),
    ("vague",
     r"\b(?:(?P<rel>the\s+past|the\s+last|the\s+next|the\s+coming|recent|the\s+previous|coming"
     r"|future"
     r"|past|the\s+first|the\s+early|the\s+following|the\s+ensuing)\s+)?"
     r"(?:(?P<few>few|several|many|a\s+few|some)\s+)?"
     r"(?P<unit>(?:second|minute|hour|day|week|month|quarter|year|decade)s|centuries)\b"),
    ("ref",
     r"\b(?:(?P<now>right\s+now|now|currently|current|at\s+present|presently|nowadays"
     r"|these\s+days|at\s+the\s+moment|the\s+present|present-day)"
     r"|(?P<past>recently|the\s+past|formerly|lately)"
     r"|(?P<future>the\s+near\s+future|the\s+future|the\s+(?:near|short)\s+term))\b(?!-)"),
    ("decade",
     r"\b(?:the\s+)?(?:(?P<mod>early|late|mid)[-\s]+)?(?:(?P<dec>(?:1[5-9]|20)\d)0['’]?s"
     r"|(?P<decw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"
     r"|['’](?P<dec2>\d)0s)\b"),
    ("fiscal", rf"\bfiscal\s+(?:year\s+)?(?P<y>{YEAR}|['’]?\d\d\b)"),
    ("season",
     r"\b(?:the\s+)?(?:(?P<mod>early|late|mid)[-\s]+)?(?P<s>spring|summer|fall|autumn|winter)"
     rf"\s+(?:of\s+)?(?:(?P<y>{YEAR})|(?P<yw>{YEARW}))"),
    ("season_alone",
     r"\b(?:the\s+)?(?:(?P<mod>early|late|mid)[-\s]+)?(?P<s>spring|summer|autumn|winter)\b"
     r"(?!\s+(?:of|\d))"),
    ("year_end", r"\b(?:the\s+)?year(?:-|\s+|['’]s\s+)end\b"),
    ("month", rf"\b(?:(?P<mod>{MODS})[-\s]+)?(?P<mon>{MONTH_FULL})\b(?!\s+\d)"),
    ("year", rf"(?<![$£€#\d.,/-])\b(?:(?P<mod>{MODS})[-\s]+)?(?P<y>{YEAR})\b(?![-/]\d)"),
    ("dom", r"\bthe\s+(?P<d>(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th))\b"),
    ("pod_alone",
     r"\b(?:(?:in|during)\s+the|mid-?|early|late)\s*(?P<pod>morning|afternoon|evening)\b"),
    ("holiday", HOLIDAY),
]


_N19_SET = frozenset(_N19.split("|"))
_NUM_FIRST = _N19_SET | frozenset(_TENS.split("|")) | {
    "#", "a", "an", "few", "several", "many", "some", "couple", "dozen", "half", "number"}
_Q_FIRST = frozenset({
    "about", "around", "approximately", "roughly", "nearly", "almost", "some", "more", "less",
    "fewer", "at", "up", "over", "under", "only", "just", "barely", "well", "the"})
_MOD_FIRST = frozenset({
    "early", "late", "mid", "middle", "the", "end", "beginning", "start", "earlier", "later"})
_REL_FIRST = frozenset({
    "this", "last", "next", "past", "previous", "coming", "current", "the", "that", "prior"})
_MONTH_WORDS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sept", "sep", "oct", "nov", "dec"})
_WEEKDAY_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
_CLOCK_FIRST = frozenset({"#", "noon", "midnight", "midday"}) | _N19_SET

#: rule -> the words its matches can begin with ("#": a digit; "#hol": a holiday name).
FIRST_WORDS: dict[str, frozenset[str]] = {
    "iso": frozenset({"#"}),
    "numeric": frozenset({"#"}),
    "wd_numeric": _WEEKDAY_WORDS,
    "time_range": _CLOCK_FIRST | {"from", "between"},
    "time": _CLOCK_FIRST | {"about", "around", "approximately", "shortly", "just"},
    "holiday_mod": frozenset({"#hol"}),
    "mdy": _WEEKDAY_WORDS | _MONTH_WORDS | {"the"},
    "dmy": _WEEKDAY_WORDS | {"the", "#"},
    "month_year": _MOD_FIRST | _MONTH_WORDS,
    "reltime_day": frozenset({"early", "late", "the", "today", "tonight", "tomorrow",
                              "yesterday"}),
    "this_pod": frozenset({"early", "late", "later", "earlier", "this", "last", "that", "the"}),
    "weekday": _WEEKDAY_WORDS | {"early", "late", "next", "last", "this", "coming", "past",
                                 "previous", "the", "that"},
    "quarter": frozenset({"the", "#", "fiscal", "this", "next", "first", "second", "third",
                          "fourth", "final",
                          "last", "latest", "current", "previous", "past", "same", "year",
                          "most", "recent", "prior"}),
    "the_quarter": frozenset({"the"}),
    "year_quarter": frozenset({"the"}),
    "year_words": frozenset({"the", "nineteen", "two"}),
    "year_earlier": frozenset({"year"}),
    "century": frozenset({"the", "early", "late", "mid", "#"}),
    "the_unit": frozenset({"the", "that"}),
    "rel_unit": _MOD_FIRST | _REL_FIRST,
    "mod_the_unit": _MOD_FIRST,
    "anaphora_day": frozenset({"the", "that", "later", "earlier"}),
    "ago": _NUM_FIRST | {"about", "around", "approximately", "roughly", "nearly", "almost",
                         "some", "more", "less", "over", "just", "only", "barely"},
    "in_dur": frozenset({"in", "within"}),
    "set": _NUM_FIRST | {"every", "each", "per", "daily", "weekly", "monthly", "annually",
                         "yearly", "hourly", "nightly", "quarterly", "biweekly", "semiannually",
                         "biannually", "semi", "once", "twice", "thrice", "mondays",
                         "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays",
                         "sundays"},
    "duration": _Q_FIRST | _NUM_FIRST | {
        "the", "its", "their", "his", "her", "our", "past", "last", "next", "first", "final",
        "previous", "coming", "following", "initial", "remaining", "same", "preceding", "full",
        "entire", "whole", "latest", "recent", "ensuing", "succeeding"},
    "vague": frozenset({"the", "recent", "coming", "future", "past", "few", "several", "many", "a",
                        "some", "seconds", "minutes", "hours", "days", "weeks", "months",
                        "years", "decades", "centuries"}),
    "ref": frozenset({"right", "now", "currently", "current", "at", "presently", "nowadays",
                      "these", "the", "present", "recently", "formerly", "lately",
                      "previously"}),
    "decade": frozenset({"the", "early", "late", "mid", "#", "'", "twenties", "thirties",
                         "forties", "fifties", "sixties", "seventies", "eighties", "nineties"}),
    "fiscal": frozenset({"fiscal"}),
    "season_alone": frozenset({"the", "early", "late", "mid", "spring", "summer", "autumn",
                               "winter"}),
    "year_end": frozenset({"the", "year"}),
    "season": frozenset({"the", "early", "late", "mid", "spring", "summer", "fall", "autumn",
                         "winter"}),
    "month": _MOD_FIRST | _MONTH_WORDS,
    "year": _MOD_FIRST | {"#"},
    "dom": frozenset({"the"}),
    "pod_alone": frozenset({"in", "during", "mid", "early", "late"}),
    "holiday": frozenset({"#hol"}),
}


_SOURCES = dict(RULES)

#: word starts (letters, or a run of digits, or an apostrophe before digits: "'80s")
WORDS = re.compile(r"[A-Za-z]+|['’]?\d+")

#: Words every expression contains at least one of (or a digit). Rules are tried only at
#: word starts shortly before such a key word.
KEY_WORDS = frozenset("""
january february march april may june july august september october november december
jan feb mar apr jun jul aug sept sep oct nov dec monday tuesday wednesday thursday friday
saturday sunday mondays tuesdays wednesdays thursdays fridays saturdays sundays
second seconds minute minutes hour hours day days night nights week weeks weekend weekends
fortnight fortnights month months quarter quarters year years decade decades century
centuries today tonight tomorrow yesterday now currently current recent recently previously
formerly lately nowadays presently present future soon shortly past morning mornings term
afternoon afternoons evening evenings overnight noon midnight midday clock spring summer
fall autumn winter season half period daily weekly monthly annually yearly hourly nightly
quarterly biweekly semiannually biannually fiscal eve christmas easter thanksgiving nineteen
thousand pentecost whitsun juneteenth twenties thirties forties fifties sixties seventies
eighties nineties
""".split())


def trie(words: list[str]) -> str:
    """A regular expression matching exactly ``words``, factored as a trie (much faster)."""
    root: dict[str, Any] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


_CLASS_WORDS = {
    "month": _MONTH_WORDS,
    "weekday": _WEEKDAY_WORDS | {w + "s" for w in _WEEKDAY_WORDS},
    "unit": frozenset("""second seconds minute minutes hour hours day days night nights week weeks
        weekend weekends fortnight fortnights month months quarter quarters year years decade
        decades century centuries""".split()),
    "rel": frozenset({"today", "tonight", "tomorrow", "yesterday"}),
    "ref": frozenset("""now currently current recent recently previously formerly lately nowadays
        presently present future soon shortly past term""".split()),
    "pod": frozenset("""morning mornings afternoon afternoons evening evenings overnight noon
        midnight midday clock tonight night""".split()),
    "season": frozenset({"spring", "summer", "fall", "autumn", "winter", "season"}),
    "qh": frozenset({"quarter", "quarters", "half", "period"}),
    "setadv": frozenset("""daily weekly monthly annually yearly hourly nightly quarterly biweekly
        semiannually biannually""".split()),
    "fiscal": frozenset({"fiscal"}),
    "hol": frozenset("""eve christmas easter thanksgiving pentecost whitsun juneteenth""".split()),
    "yw": frozenset({"nineteen", "thousand"}),
    "decw": frozenset("""twenties thirties forties fifties sixties seventies eighties
        nineties""".split()),
}
#: key word -> the classes it belongs to ("#": any run of digits)
KEY_CLASSES: dict[str, frozenset[str]] = {"#": frozenset({"digit"})}
for _cls, _words in _CLASS_WORDS.items():
    for _w in _words:
        KEY_CLASSES[_w] = KEY_CLASSES.get(_w, frozenset()) | {_cls}
#: rule -> the key classes one of which its matches always contain (a rule is tried only
#: before such a key)
RULE_CLASSES: dict[str, frozenset[str]] = {
    "iso": frozenset({"digit"}), "numeric": frozenset({"digit"}),
    "wd_numeric": frozenset({"weekday"}),
    "time_range": frozenset({"digit", "pod"}), "time": frozenset({"digit", "pod"}),
    "holiday_mod": frozenset({"hol", "unit", "holiday"}),
    "holiday": frozenset({"hol", "unit", "holiday"}),
    "mdy": frozenset({"month"}), "dmy": frozenset({"month"}), "month_year": frozenset({"month"}),
    "reltime_day": frozenset({"rel"}), "this_pod": frozenset({"pod"}),
    "weekday": frozenset({"weekday"}), "quarter": frozenset({"qh"}),
    "the_quarter": frozenset({"qh"}), "year_words": frozenset({"yw"}),
    "year_quarter": frozenset({"qh"}), "year_earlier": frozenset({"unit"}),
    "century": frozenset({"unit"}), "the_unit": frozenset({"unit"}),
    "season_alone": frozenset({"season"}), "year_end": frozenset({"unit"}),
    "rel_unit": frozenset({"unit", "month", "season", "fiscal"}),
    "mod_the_unit": frozenset({"unit"}), "anaphora_day": frozenset({"unit"}),
    "ago": frozenset({"unit"}), "in_dur": frozenset({"unit"}),
    "set": frozenset({"unit", "weekday", "month", "pod", "season", "setadv"}),
    "duration": frozenset({"unit"}), "vague": frozenset({"unit"}),
    "ref": frozenset({"ref", "unit"}),
    "decade": frozenset({"digit", "decw"}), "fiscal": frozenset({"fiscal"}),
    "season": frozenset({"season"}), "month": frozenset({"month"}), "year": frozenset({"digit"}),
    "dom": frozenset({"digit"}), "pod_alone": frozenset({"pod"}),
}

#: Key words or digits, matched on the lower-cased text: what ``tagger._keys`` finds (faster,
#: without this pattern); kept as its specification, which the tests hold it to.
KEYS = re.compile(r"\d+|(?<![a-z])" + trie(sorted(KEY_WORDS)) + r"(?![a-z])")
#: How far before a key word an expression may start ("the better part of two years").
LOOKBACK = 48
#: Capitalised holiday key words: the full name is searched backwards from them.
HOLIDAY_KEY = re.compile(
    r"(?-i:\b(?:Day|Eve|Christmas|Easter|Thanksgiving|Pentecost|Whitsun|Juneteenth"
    r"|Good\s+Friday|Whit\s+Monday|Fourth\s+of\s+July|July\s+Fourth|New\s+Year)\b)"
)
#: The key words a match of ``HOLIDAY_KEY`` can begin with, lower-cased: the whole run of
#: letters it begins with is one of these (its other first words, "Good" to "New", are no
#: key words)
HOLIDAY_KEY_WORDS = frozenset({
    "day", "eve", "christmas", "easter", "thanksgiving", "pentecost", "whitsun", "juneteenth",
    "july"})

#: ASCII white space, as ``\s`` reads it
_WS = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"
_SUFFIX = "sSnNrRtT"  # first letters of "st", "nd", "rd", "th"


def _fits(ch: str | None, chars: str) -> bool:
    """Whether ``ch`` (a character, "" past the text's end, None when unknown) may be one of
    the ASCII ``chars`` as a rule reads it: it is, or it is not ASCII (IGNORECASE and ``\\s``
    take some of those for ASCII ones), or unknown."""
    return ch is None or (ch != "" and (ch in chars or not ch.isascii()))


def may_follow_digits(rule: str, length: int, after: str, first: str | None) -> bool:
    """Whether a match of ``rule`` can begin with a run of digits ``length`` long, ``after``
    the character right after it and ``first`` the two first after the white space there
    (fewer at the text's end; None when unknown).

    A necessary condition, read off the patterns (``tests/unit/test_speed_tag.py`` holds each
    rule to it): most runs of digits in a text are years and counts, at which the clock,
    ISO and numeric-date rules would be tried for nothing.
    """
    head = None if first is None else first[:1]
    if rule == "iso":
        return length == 4 and after == "-"
    if rule == "numeric":
        return length <= 2 and after == "/"
    if rule in ("time", "time_range"):
        # "3 p.m.", "3:30", "3.30pm", "3 o'clock", "3 in the morning"; "1830 hrs", "0900 GMT";
        # a range also "3-5 p.m.", "3 to 5 p.m.", "3 until 5"
        if length <= 2:
            return _begins(first, _CLOCK_NEXT if rule == "time" else _CLOCK_RANGE_NEXT)
        return length == 4 and _fits(head, "hHgGuU")
    if rule == "dmy":  # "5th of May", "5 to 7 May", "5 and 7 May", "5 May"
        return length <= 2 and _fits(head, _SUFFIX + "-aAoOJFMASOND")
    if rule == "quarter":  # "2019's first quarter", "1st quarter"
        return length in (1, 4)
    if rule == "century":  # "19th century"
        return length == 2 and _fits(after, _SUFFIX)
    if rule in ("ago", "duration"):  # "3 years", "3-year", "3.5 years", "3 1/2 years"
        return _fits(after, "-." + _WS) and _begins(
            first, _UNIT_NEXT if rule == "ago" else _DURATION_NEXT)
    if rule == "set":  # "3 times a week"
        return _fits(after, "." + _WS) and _begins(first, _TIMES_NEXT)
    if rule == "decade":  # "1990s", "1990's"
        return length == 4 and _fits(after, "'sS")
    if rule == "year":
        return length == 4 and after != "%"
    return True


def _begins(first: str | None, table: dict[str, str]) -> bool:
    """Whether ``first`` (two characters; None: unknown) may begin as ``table`` says: its
    first character (in lower case) is a key, and its second one of that key's ("": any).
    Characters other than ASCII may be any (IGNORECASE takes some for ASCII letters)."""
    if first is None or not first.isascii():
        return True
    first = first.lower()
    seconds = table.get(first[:1])
    if seconds is None:
        return False
    return seconds == "" or (len(first) == 2 and first[1] in seconds)


#: After the white space past the digits of a clock time: ":30", ".30", "a.m.", "am", "pm",
#: "o'clock", "in the morning", "at night"
_CLOCK_NEXT = {":": "", ".": "", "a": ".mt", "p": ".m", "o": "'", "i": "n"}
#: ... or of the first end of a range of clock times: also "-5", "to 5", "till 5", "until 5",
#: "and 5"
_CLOCK_RANGE_NEXT = {":": "", ".": "", "-": "", "a": ".mn", "p": ".m", "o": "'", "t": "oi",
                     "u": "n"}
#: a unit ("3 years", "3 1/2 years", "3 - year"), or a decimal part
_UNIT_NEXT = dict.fromkeys("smhdnwfqyc1-.", "")
#: also "3 and a half years", "3 more years", "3 additional", "3 extra", "3 further"
_DURATION_NEXT = dict.fromkeys("smhdnwfqyc1-.aef", "")
#: "3 times", "3 1/2 times", "3.5 times"
_TIMES_NEXT = {"t": "i", "1": "/", ".": ""}


_MODS_AFTER_THE = frozenset({
    "end", "beginning", "start", "middle", "close", "rest", "first", "second", "last", "latter",
    "turn"})
_ORDINAL_WORDS = frozenset("""first second third fourth fifth sixth seventh eighth ninth twenty
    thirty tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth
    nineteenth twentieth thirtieth""".split())
_NUMW_FIRST = _N19_SET | frozenset(_TENS.split("|")) | {
    "#", "a", "an", "one", "dozen", "couple", "few", "several", "many", "some", "half"}
#: rule -> the words that can follow "the" where its match begins with "the" ("#": digits,
#: "'": an apostrophe, "'90s"), lower-cased; rules not listed may have any. Most words "the"
#: begins before a key word start none of its rules: "the 2012 elections", "the three days".
AFTER_THE: dict[str, frozenset[str]] = {
    "mdy": _MONTH_WORDS,
    "dmy": _ORDINAL_WORDS | {"#"},
    "month_year": _MODS_AFTER_THE,
    "reltime_day": frozenset({"day"}),
    "this_pod": frozenset({"same", "following", "next", "previous"}),
    "weekday": frozenset({"following", "next", "previous", "preceding", "same"}),
    "quarter": frozenset({
        "#", "fiscal", "this", "last", "next", "first", "second", "third", "fourth", "final",
        "latest", "current", "previous", "past", "same", "year", "most", "recent", "prior"}),
    "year_words": frozenset({"year"}),
    "the_quarter": frozenset({"quarter"}),
    "year_quarter": frozenset({"#"}),
    "century": frozenset({"early", "late", "mid", "#"}),
    "the_unit": frozenset({
        "fiscal", "full", "current", "entire", "whole", "same", "year", "week", "weekend"}),
    "rel_unit": _MODS_AFTER_THE | {
        "past", "last", "previous", "coming", "current", "following", "next", "same", "present",
        "latest", "prior", "preceding"},
    "mod_the_unit": _MODS_AFTER_THE,
    "anaphora_day": frozenset({
        "following", "next", "previous", "preceding", "same", "prior", "day"}),
    "duration": _NUMW_FIRST | {
        "better", "past", "last", "next", "first", "final", "previous", "coming", "following",
        "initial", "remaining", "same", "preceding", "full", "entire", "whole", "latest",
        "recent", "ensuing", "succeeding"},
    "vague": frozenset({
        "past", "last", "next", "coming", "previous", "first", "early", "following", "ensuing"}),
    "ref": frozenset({"present", "past", "near", "future", "short"}),
    "decade": frozenset({
        "early", "late", "mid", "#", "'", "twenties", "thirties", "forties", "fifties", "sixties",
        "seventies", "eighties", "nineties"}),
    "season": frozenset({"early", "late", "mid", "spring", "summer", "fall", "autumn", "winter"}),
    "season_alone": frozenset({"early", "late", "mid", "spring", "summer", "autumn", "winter"}),
    "year_end": frozenset({"year"}),
    "month": _MODS_AFTER_THE,
    "year": _MODS_AFTER_THE,
    "dom": frozenset({"#"}),
}
#: After "the" (in the lower-cased text): a digit, an apostrophe, or the run of letters that
#: follows its white space (every rule has white space after "the", then one of those).
WORD_AFTER_THE = re.compile(r"\s+(?:(\d)|['’]|([^\W\d_]+))")
