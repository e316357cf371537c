"""Article text structure: boilerplate lines, paragraphs and sentences, with offsets.

Scraped pages carry site chrome (menus, the headline repeated, comment forms,
related-link lines). Those lines must produce nothing, so they are found here and blanked out
(replaced by spaces, keeping every offset valid) before the tagger and the event builder read
the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from calsync.extraction.gate import folds_to_ascii
from calsync.extraction.lazy import once
from calsync.frozen import direct_init

#: Patterns used once each below, compiled at import.
_LABEL = re.compile(r"^([\w ,.'’]{3,40}):\s+\S")

#: Lines that are site furniture whatever their context.
_BOILERPLATE = re.compile(
    r"""^\s*(?:
        home\b.*\b(?:top\ stories|news|menu)\b
      | please\ enter\ your\ (?:comment|name|email).*
      | (?:leave\ a\ (?:reply|comment)|post\ comment|submit\ comment).*
      | (?:share|tweet|email)\ (?:this|on\ \w+).*
      | (?:related|read\ more|see\ also|more\ from|recommended|advertisement|sponsored)\b.*
      | (?:sign\ up|subscribe|log\ ?in|sign\ in|register)\b.{0,60}
      | (?:click\ here|follow\ us|all\ rights\ reserved|copyright|©).*
      | (?:we\ use\ cookies|accept\ (?:all\ )?cookies|cookie\ (?:policy|settings)).*
      | (?:skip\ to\ (?:main\ )?content|toggle\ navigation|main\ menu|search\ for:?).*
      | (?:photo|image|video|credit):.{0,120}
      | save\ my\ name,\ email.*
      | source\b:?\ .{0,80}
      | please\ note:.{0,120}
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)

#: ``_BOILERPLATE`` for lower-cased lines: no case folding, the same matches (it has no capital)
_BOILERPLATE_LOW = re.compile(_BOILERPLATE.pattern, re.VERBOSE)

#: The first two letters of the phrases ``_BOILERPLATE`` knows, but for "©" (and the white
#: space before them): a lower-cased line that opens otherwise is no furniture
_FURNITURE_HEADS = frozenset("""ho pl le po su sh tw em re se mo ad sp si lo cl fo al co we ac
    sk to ma ph im vi cr sa so""".split())

#: French weekdays and months, for French programmes ("Jeudi 9 mai", "10 h 30 – Arrivée")
_JOUR = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
_MOIS = (r"(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre"
         r"|novembre|décembre|decembre)")
#: What the label of a schedule line holds: a day, a date or a holiday.
_DAY_LABEL = re.compile(
    r"\d|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|"
    r"oct|nov|dec)[a-z]*\b|\b(?:day|eve|today|tomorrow|tonight)\b|\b" + _JOUR + r"\b",
    re.IGNORECASE)

_MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_WEEKDAY_WORD = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
#: A day of a month: "10 October", "December 11th"
_DAY_OF_MONTH = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH_WORD + r"(?![a-z])|\b"
                           + _MONTH_WORD + r"\s+\d{1,2}(?:st|nd|rd|th)?\b", re.IGNORECASE)
#: A line that opens with a time of day or a date: a programme's item ("5:45 p.m. – Arrival
#: in Manila", "July 26 - Opening ceremony") or its day heading ("Friday Sept. 1"). Such
#: lines carry the schedule even though they look like link lines (short, unpunctuated).
_SCHEDULE_LINE = re.compile(
    r"\s*(?:[-•*·–—]\s*)?(?:"
    r"\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\b\.?|h(?:rs)?\b|noon\b)"
    r"|\d{1,2}[:h]\d{2}\b|noon\b|midday\b|midnight\b"
    r"|" + _WEEKDAY_WORD + r"(?:,?\s+(?:\d|" + _MONTH_WORD + r"))?(?=[\s,:–—-]|$)"
    r"|" + _MONTH_WORD + r"\s*\d{1,2}(?:st|nd|rd|th)?\b"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH_WORD + r"(?=[\s,:–—-]|$)"
    r"|day\s+(?:\d|one|two|three|four|five|six|seven)\b"
    r"|(?:first|second|third|fourth|fifth|final|last)\s+day\b"
    r"|midi\b|minuit\b|" + _JOUR + r"(?:\s+(?:\d|" + _MOIS + r"))?(?=[\s,:–—-]|$)"
    r"|\d{1,2}(?:er)?\s+" + _MOIS + r"(?=[\s,:–—-]|$)"
    r"|jour\s+\d|(?:premier|deuxième|troisième|dernier)\s+jour\b"
    r")", re.IGNORECASE)

#: The first three letters of the words that ``_SCHEDULE_LINE`` can open with (``_may_open``)
_SCHEDULE_HEADS = frozenset("""noo mid min mon tue wed thu fri sat sun jan feb mar apr may jun
    jul aug sep oct nov dec day fir sec thi fou fif fin las lun mer jeu ven sam dim jou pre deu
    tro der""".split())

#: A line that opens with a time of day: a programme's item ("11 p.m.: Feast closes")
_CLOCK_START = re.compile(
    r"\s*(?:[-•*·–—]\s*)?(?:\d{1,2}(?:[:.h]\d{2})?\s*(?:[ap]\.?\s?m\b\.?|h(?:rs)?\b)"
    r"|\d{1,2}[:h]\d{2}\b|noon\b|midday\b|midnight\b|midi\b|minuit\b)", re.IGNORECASE)
_CLOCK_HEADS = frozenset(("noo", "mid", "min"))

#: A heading that names the day of the programme under it: "Programme for Wednesday",
#: "Schedule for Sunday, May 3", "Programme du jeudi 9 mai"
_PROGRAMME_HEADING = re.compile(
    r"(?:programme|program|schedule|agenda|itinerary|timetable|order\s+of\s+events)\s+(?:for|of"
    r"|on|du|de)\s+(?:the\s+|le\s+)?(?:" + _WEEKDAY_WORD + r"|" + _JOUR + r"|" + _MONTH_WORD
    + r"\s*\d|\d{1,2}(?:st|nd|rd|th|er)?\s+(?:" + _MONTH_WORD + r"|" + _MOIS + r"))",
    re.IGNORECASE)
#: (the heading opens with a letter: ``_may_open`` is still a necessary condition)
_PROGRAMME_HEADS = frozenset(("pro", "sch", "age", "iti", "tim", "ord"))

#: A day and a dash inside a line: a row of a table flattened into text
_DATED_DASH = re.compile(
    r"\b(?:" + _WEEKDAY_WORD + r",?\s+)?" + _MONTH_WORD + r"\s*\d{1,2}(?:st|nd|rd|th)?\s*[–—]\s"
    r"|\b" + _WEEKDAY_WORD + r",?\s+\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH_WORD + r"\s*[–—]\s",
    re.IGNORECASE)

#: Abbreviations after which a period does not end a sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen col lt sgt capt cmdr adm sen rep gov pres st mt ft jr sr inc co corp
    ltd no vs etc approx dept univ est jan feb mar apr jun jul aug sep sept oct nov dec mon tue
    tues wed thu thur thurs fri sat sun u.s u.k u.n e.u a.m p.m d.c rd ave blvd mme mlle""".split()
)
_LONGEST_ABBREVIATION = max(map(len, _ABBREVIATIONS))

#: Words that follow "a.m."/"p.m." inside a sentence: a zone ("3 p.m. ET", "p.m. Paris time").
_ZONE_AFTER = re.compile(
    r"\s+(?:[A-Z]{2,4}\b|(?:Paris|London|New\s+York|Eastern|Central|Pacific|Mountain|"
    r"Greenwich|local|Brussels|Berlin|Tokyo|Beijing|Moscow)\b)")
#: Patterns that scan whole texts begin with one plain character class ("X" before "X*",
#: not "X+"): ``re`` then skips to the characters that can start a match.
_SENTENCE_END = re.compile(r"[.!?…][.!?…]*[\"”’')\]]*(?=\s+|$)")
#: ``_SENTENCE_END`` for a text with no "!", "?" nor "…": ``re`` finds a plain first character
#: many times faster than one of a class
_DOT_END = re.compile(r"\.\.*[\"”’')\]]*(?=\s+|$)")
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?…]+[\"”’')\]]*$")
#: The characters a ``_WORD_BEFORE`` match is made of, as a run read backwards
_WORD_BEFORE_CHARS = re.compile(r"[\w.!?…\"”’')\]]*")


def _word_before(block: str, end: int) -> str | None:
    """The word the sentence end at ``end`` follows ("U.S" of "U.S."), if any.

    ``_WORD_BEFORE`` searched in the 40 characters before ``end``, but from where the run
    of the characters a match can hold begins: the leftmost match starts there or later, and
    the search no longer tries every start in the window.
    """
    lo = max(0, end - 40)
    lo = end - _WORD_BEFORE_CHARS.match(block[lo:end][::-1]).end()  # type: ignore[union-attr]
    m = _WORD_BEFORE.search(block, lo, end)
    return m.group(1) if m else None


def _may_open(line: str, heads: frozenset[str]) -> bool:
    """Whether a pattern (IGNORECASE) may match at the start of ``line`` when its every match
    opens with white space, a digit, a bullet, or a word whose first three letters are one of
    ``heads`` (lower case). A call into ``re`` costs more than this test, and most lines open
    with other words ("The", "It") or a quote. (Past ASCII letters, IGNORECASE reads "ſ" as
    "s": such a line is left to ``re``.)"""
    head = line[:3]
    first = head[:1]
    if first.isalpha():
        return not head.isascii() or head.lower() in heads
    return first.isdecimal() or first.isspace() or first in _BULLETS


def _timed(line: str) -> bool:
    """``_CLOCK_START.match(line)``, told without ``re`` for most lines."""
    return _may_open(line, _CLOCK_HEADS) and _CLOCK_START.match(line) is not None


def _opens_schedule(line: str) -> bool:
    """``_SCHEDULE_LINE.match(line)``, told without ``re`` for most lines."""
    return _may_open(line, _SCHEDULE_HEADS) and _SCHEDULE_LINE.match(line) is not None


@direct_init
@dataclass(frozen=True)
class Sentence:
    """A sentence of the article with its offsets and paragraph number."""

    start: int
    end: int
    text: str
    paragraph: int

    @once
    def low(self) -> str:
        """The sentence lower-cased (offsets kept), once for every mention it holds."""
        return lower_in_place(self.text)


#: What a sentence ends with: a line that ends so is no link line
_CLOSING = ".!?\"”’:;)"


def _is_link_line(line: str) -> bool:
    """A short line with no sentence punctuation and no verb-like word: a headline or link.

    Real sentences in news prose end with punctuation; navigation items, related-story links
    ("Riverside Tram Quick Facts") and section labels do not.
    """
    stripped = line.strip()
    if not stripped or stripped[-1] in _CLOSING:
        return False
    if len(stripped.split(None, 20)) > 20:
        return False  # (more than 20 words: prose, whatever the patterns below find)
    label = _label(stripped)
    if label and (_DAY_LABEL.search(label.group(1))
                  or _SCHEDULE_LINE.match(stripped, label.end(1) + 1)):
        return False  # a schedule line: "Saturday, December 21: Home v Away, 3pm",
        # "Counting of votes: April 2"
    if ":" in stripped and _DAY_OF_MONTH.search(stripped):
        return False  # "Second Test (floodlit): Eden Park, 10 October": a fixture, named
    # not "5:45 p.m. – Arrival in Manila", "Friday Sept. 1", a table row's "... Tuesday,
    # February 28 – Northern, North West"
    return not (_opens_schedule(stripped) or (
        ("–" in stripped or "—" in stripped) and _DATED_DASH.search(stripped)) or (
        _may_open(stripped, _PROGRAMME_HEADS) and _PROGRAMME_HEADING.match(stripped)))


def _label(line: str) -> re.Match[str] | None:
    """``_LABEL.match(line)``, not tried without a colon where the label can end."""
    return _LABEL.match(line) if line.find(":", 3, 41) >= 0 else None


def lowered(text: str) -> str | None:
    """``lower_in_place(text)`` where its slices are the lower case of the text's (no capital
    sigma, whose lower case depends on what follows it); else None."""
    return None if "\u03a3" in text else lower_in_place(text)


def lower_in_place(text: str) -> str:
    """``text.lower()``, but every character's lower case one character long ("İ" -> "i",
    where ``lower()`` gives two), so that an offset in it is the same offset in ``text``.

    For the tagger, which reads words at the text's offsets in the lower case: with "İstanbul"
    in an article every offset after it was one off, and dates were lost or a read ran past
    the end. "i" is also what IGNORECASE takes "İ" for.
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join([c if len(c) == 1 else c[0] for c in map(str.lower, text)])


def slices_lower(text: str, low: str) -> bool:
    """Whether the slices of ``low`` (``text.lower()``) are the lower case of ``text``'s.

    Only two things break that: a character whose lower case is longer ("İ"), and the capital
    sigma, whose lower case depends on what surrounds it.
    """
    return len(low) == len(text) and "\u03a3" not in text


#: The white space of ``str.split`` but " " and the line breaks of ``str.splitlines``
_INLINE_SPACES = ("\t", "\x1f", "\xa0", "\u1680", *map(chr, range(0x2000, 0x200B)), "\u202f",
                  "\u205f", "\u3000")


def _single_spaced(text: str) -> bool:
    """Whether the white space inside the lines of ``text`` is single spaces: then each line
    stripped, and its lower case, is its own ``folded`` (a test per text, not per line)."""
    return "  " not in text and not any(space in text for space in _INLINE_SPACES)


def folded(text: str) -> str:
    """White space folded to single spaces, the ends stripped ("a  b\n" -> "a b")."""
    if text.isprintable() and "  " not in text and text == text.strip():
        return text  # nothing to fold: no copy
    return " ".join(text.split())


def boilerplate_spans(text: str, text_low: str | None = None) -> list[tuple[int, int]]:
    """Offsets of lines that are boilerplate: site chrome, repeated headlines, link lines.

    ``text_low`` is ``lowered(text)`` when the caller has it.
    """
    spans: list[tuple[int, int]] = []
    seen: dict[str, int] = {}  # line -> the programme day it was last seen under
    day = 0  # day headings so far
    pos = 0
    lines = text.splitlines(keepends=True)
    foldless = not folds_to_ascii(text)  # lower case then matches as IGNORECASE would
    spaced = _single_spaced(text)
    programme = False
    listing = False  # the line before opened a list ("... in order:") or was a bullet of one
    for i, line in enumerate(lines):
        start, end = pos, pos + len(line.rstrip("\r\n"))
        pos += len(line)
        content = stripped = line.strip()
        if not content:
            continue
        shift = 0
        if content[0] == "|" or content[-1] == "|":  # a cell of a table flattened into text
            cell = _cell(content)
            if not cell:
                spans.append((start, end))  # an empty cell: "|"
                continue
            shift, content = content.find(cell), cell
        if text_low is None:
            low = content.lower()
        else:
            first = start + len(line) - len(line.lstrip()) + shift
            low = text_low[first:first + len(content)]
        key = low if spaced else folded(low)
        last = seen.get(key)  # (whether the line opens with a time is asked only when it counts)
        if last is None:
            repeated = False
            if len(content) <= 60 and _opens_schedule(content) and not _timed(content):
                day += 1  # "Saturday, Sept. 2": a new day of the programme
        else:
            # (a programme's item comes back under another day: "11 p.m.: Feast closes")
            repeated = last == day or not _timed(content)
        seen[key] = day
        furniture = (low[:2] in _FURNITURE_HEADS or low[0] == "©" or low[0].isspace()) and \
            _BOILERPLATE_LOW.match(low) if foldless and len(low) == len(content) \
            else _BOILERPLATE.match(content)
        under_day = programme and i > 0 and lines[i - 1].strip() != ""
        bullet = content[0] in _BULLETS
        listed = listing and bullet  # the bullets under "Il y aura, chronologiquement:"
        listing = listed or (content.endswith(":") and len(content) <= 200)
        if repeated or furniture or (
            content[-1] not in _CLOSING and not under_day and not listed
            and _is_link_line(content) and not _wraps_into(
                content, _cell(lines[i + 1]) if i + 1 < len(lines) else "")
        ):
            spans.append((start, end))
            programme = False
        else:
            # the lines right under a day ("Sunday: ...", "Friday 4 September") are its
            # programme, however short: "Second discussion session - Infrastructure"
            # (a heading or an item is a short line: a paragraph of prose is none)
            programme = under_day or (len(content) <= 160 and _is_day_line(content))
            if shift or len(content) < len(stripped):
                # the table's rules ("|") are no words of the cell
                lead = _LEADING_RULE.match(text, start, end)
                cut = lead.end() if lead else start
                tail = cut + len(text[cut:end].rstrip("| \t"))  # (rstrip: no backtracking)
                if "|" not in text[tail:end]:
                    tail = end
                spans += [(a, b) for a, b in ((start, cut), (tail, end)) if b > a]
    return spans


def _cell(line: str) -> str:
    """A line's words: stripped, and of a table's cell, without its rules ("| Grand Hall |")."""
    line = line.strip()
    return line.strip("| \t") if "|" in line else line


#: The rules around a table's cell: "| 8:30 a.m. JST |"
_LEADING_RULE = re.compile(r"[ \t]*\|[| \t]*")


_BULLETS = frozenset("•*·–—-")
#: A line that is an item of a list, whatever the line before ends with
_BULLET_START = re.compile(r"[•*·]|[-–—]\s")


def _is_day_line(line: str) -> bool:
    """A line that opens with a day or time: a programme's heading or item."""
    if _opens_schedule(line):
        return True
    label = _label(line)
    return bool(label and _DAY_LABEL.search(label.group(1)))


def _wraps_into(line: str, following: str) -> bool:
    """True when ``line`` is hard-wrapped prose that ``following`` continues.

    A wrapped line is long (a text editor's fill width) and ends mid-sentence, or the next line
    starts in lower case; a headline or link line stands alone.
    """
    if not following:
        return False
    if following[0].islower():
        return True
    last = line.rsplit(None, 1)[-1]  # (the words are split only as far as they are read)
    if last in _GOES_ON_WORDS and len(line.split(None, 3)) > 3:
        return True  # "... will visit the" / "Meiji Shrine ...": no line ends on "the"
    # (an editor fills lines to 60-90 characters; a longer line is a paragraph of its own)
    return 60 <= len(line) <= 90 and last[:1].islower()


#: Words no sentence or heading ends on: a line that ends on one goes on in the next
_GOES_ON_WORDS = frozenset("""the a an of to at in with and for by from on into
    le la les un une des du de au aux à et pour avec par sur dans""".split())


def line_start(text: str, pos: int, reach: int) -> int:
    """Where the line holding ``pos`` starts, looked for at most ``reach`` characters back;
    a point ``reach + 1`` before ``pos`` when the line starts farther off (a text of one long
    line was read back to its start at every question)."""
    start = text.rfind("\n", max(0, pos - reach), pos)
    return start + 1 if start >= 0 or pos <= reach else pos - reach - 1


def line_end(text: str, pos: int, reach: int) -> int:
    """Where the line holding ``pos`` ends, looked for at most ``reach`` characters on; a
    point ``reach + 1`` after ``pos`` when it ends farther off."""
    end = text.find("\n", pos, pos + reach + 1)
    return end if end >= 0 else len(text) if len(text) - pos <= reach else pos + reach + 1


def clean(text: str) -> str:
    """The text with boilerplate lines blanked out; same length, same offsets."""
    return _blank(text, boilerplate_spans(text))


def clean_lowered(text: str) -> tuple[str, str | None]:
    """``clean(text)`` and, when ``lowered`` can give it, its lower case (else None).

    The lower case is made once, for the whole text, and blanked like the text: the tagger,
    the sentences and the clauses all read slices of it.
    """
    low = lowered(text)
    spans = boilerplate_spans(text, low)
    return _blank(text, spans), None if low is None else _blank(low, spans)


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    pieces: list[str] = []
    pos = 0
    for start, end in spans:
        pieces += (text[pos:start], " " * (end - start))
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def sentences(text: str, low: str | None = None) -> list[Sentence]:
    """Split (already cleaned) text into sentences, keeping offsets into it.

    ``low`` is ``lowered(text)`` when the caller has it: each sentence's ``low`` is then its
    slice.
    """
    out: list[Sentence] = []
    paragraph = 0
    for base, block_end in _blocks(text):
        block = text[base:block_end]
        if not block.strip():
            continue
        cuts: list[int] = []  # where the block's sentences end
        ends = _SENTENCE_END if "!" in block or "?" in block or "…" in block else _DOT_END
        for end_match in ends.finditer(block):
            end = end_match.end()
            k = end_match.start()
            # (no word character before the mark: no word ("said ." of a tokenised text); a
            # word of seven letters or more is no abbreviation, no initial and no "a.m.":
            # the common cases, told without reading the word)
            before = block[k - 1:k]
            word = None
            if (before.isalnum() or before == "_") and not (
                    k > _LONGEST_ABBREVIATION
                    and block[k - _LONGEST_ABBREVIATION - 1:k].isalpha()):
                # (a word of letters after a space, the mark close behind: that word, without
                # ``re``; else ``_word_before``'s)
                start = block.rfind(" ", max(0, k - _LONGEST_ABBREVIATION - 1), k) + 1
                if start and end - start <= 40 and block[start:k].isalpha():
                    word = block[start:k].lower()
                else:
                    tail = _word_before(block, end)
                    word = tail.lower().rstrip(".") if tail else None
            if word:
                clock_end = word in ("a.m", "p.m") and not _ZONE_AFTER.match(block, end) \
                    and not _ITEM_SEPARATOR.match(block, end)
                if (word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())) \
                        and not clock_end:
                    continue  # "Dr. Costa", "U.S. Army"; but "... at 8 p.m. The second round"
            # the next word's first letter: past the one white space the mark is followed by
            # (when not at the block's end), or else past all there is (``re``)
            at = end + 1
            first = block[at:at + 1]
            if first.isspace():
                nxt = _NEXT_CHARACTER.match(block, end)  # (not a copy of the rest of the block)
                first, at = (nxt.group(1), nxt.start(1)) if nxt else ("", at)
            if first.islower() and not CAMEL_WORD.match(block, at):
                continue  # (but "iPhone 4 will ..." starts a sentence)
            cuts.append(end)
        cuts.append(len(block))
        cursor = 0
        for end in cuts:
            piece = block[cursor:end]
            lead = len(piece) - len(piece.lstrip())
            piece = piece.strip()
            if piece:
                s = base + cursor + lead
                sentence = Sentence(s, s + len(piece), piece, paragraph)
                if low is not None:
                    sentence.__dict__["low"] = low[s:s + len(piece)]  # (``prime``, no call)
                out.append(sentence)
            cursor = end
        paragraph += 1
    return out


#: What follows the time that opens a programme line: "5:45 p.m. – Arrival in Manila"
_ITEM_SEPARATOR = re.compile(r"[ \t]*(?:\([^()\n]{1,30}\)[ \t]*)?(?:[:–—|]|-\s)")
#: A word that starts in lower case and has a capital inside: a brand ("iPhone", "eBay").
CAMEL_WORD = re.compile(r"[a-z]{1,2}[A-Z]")
#: The first character after white space: ``\s`` is what ``str.strip`` strips
_NEXT_CHARACTER = re.compile(r"\s*(\S)")
#: Lines up to a blank one. The blank line is "[^\S\n]*\n" (white space other than a line
#: break, then one), the same test as "\s*\n" but bounded by the next line: "\s*" ran over
#: the whole of a run of blank lines at every line of it, quadratic in the run's length.
_PARAGRAPH = re.compile(r"[^\n][^\n]*(?:\n(?![^\S\n]*\n)[^\n]+)*")


def _blocks(text: str) -> list[tuple[int, int]]:
    """Paragraphs, and inside them the lines of a list ("Boxing Day: Home v Away, 3pm").

    Lines are joined when they are hard-wrapped prose or end a sentence's punctuation;
    a line with no closing punctuation that the next line does not continue stands alone.
    """
    out: list[tuple[int, int]] = []
    for para in _PARAGRAPH.finditer(text):
        base, para_end = para.span()
        body = para.group(0)
        if "\n" not in body:  # one line: the paragraph is the block
            out.append((base, para_end))
            continue
        lines = body.split("\n")  # (a paragraph holds no empty line)
        table = "|" in body
        cells = [_cell(line) for line in lines] if table else [line.strip() for line in lines]
        start = pos = 0  # offsets in the paragraph: its block's start, the line's
        for i, content in enumerate(cells[:-1]):
            line_end = pos + len(lines[i])
            pos = line_end + 1
            if not content:
                continue
            following = cells[i + 1]
            # (a table's cell ends where its column does: "will visit the |")
            cell_wraps = table and lines[i].rstrip().endswith("|") and content[-1].islower()
            if (content[-1] not in ".!?\"”’:;,)" and not cell_wraps
                    and not _wraps_into(content, following)) or _opens_list(following):
                out.append((base + start, base + line_end))
                start = pos
        out.append((base + start, para_end))
    return out


def _opens_list(line: str) -> bool:
    """Whether ``line`` (stripped) is a programme's item or a bullet: it opens a block.
    (``_opens_schedule`` written out: this is asked of nearly every line.)"""
    return (line[:1] in _BULLETS and _BULLET_START.match(line) is not None) or (
        _may_open(line, _SCHEDULE_HEADS) and _SCHEDULE_LINE.match(line) is not None)
