"""Mentions of happenings in French sentences: clauses, predicates, titles and places.

The French counterpart of ``mentions``, built on its data structures (``Clause``,
``Mention``) and helpers (``_make``, programme lines): "Kamala Harris s'entretiendra avec
Emmanuel Macron à l'Élysée mercredi prochain, avant de prononcer un discours au Forum de
Paris sur la paix" holds two happenings, "Entretien avec Emmanuel Macron" (at the Élysée)
and "Discours au Forum de Paris sur la paix". Words come from ``lexicon_fr``; each mention
carries the English lemma and head of its verb or noun ("arrivera" -> "arrive", "grève" ->
"strike"), so that ``events`` dates, anchors and merges French mentions by its own rules.
Like ``mentions``, it dates nothing, and it reads no clock.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial

from calsync.extraction.gate import Gated
from calsync.extraction.lazy import prime
from calsync.extraction.lexicon_fr import ADVERBS as _ADVERBS
from calsync.extraction.lexicon_fr import (
    ANCHOR_NOUNS,
    ARRANGED,
    CALENDAR_HEADS,
    CONDITIONS,
    DETERMINERS,
    HAPPENS,
    HEDGES,
    MEET_LIKE,
    MOVES,
    NEEDS_EVENT_OBJECT,
    NEEDS_PREPOSITION,
    NOUN_NEEDS,
    NOUNS,
    PHRASE_STOPS,
    REFLEXIVE,
    REPORTING,
    STOPWORDS,
    SUBJECT_VERBS,
    VERBS,
    forms,
)
from calsync.extraction.mentions import (
    Clause,
    Finder,
    Mention,
    _listing_mention,
    _make,
    _only_label_before,
    _only_timing_after,
    _timex_at,
    clauses_at,
    dated_phrase,
    inside_any,
    mention_between,
    noun_mention,
    within,
    without_timexes,
)
from calsync.extraction.temporal.lang.fr import markers
from calsync.extraction.text import Sentence
from calsync.model import Timex

#: Words, with the elided articles and pronouns apart ("l'Élysée" -> "l'", "Élysée").
_TOKEN = re.compile(
    r"aujourd['’]hui|(?:jusqu|lorsqu|puisqu|qu|[cdjlmnst])['’]|\w+(?:[-.]\w+)*|[^\w\s]",
    re.IGNORECASE)
_PUNCTUATION = frozenset(",;:—–()«»“”\"[].!?")
_REFLEXIVE_PRONOUNS = frozenset({"se", "s'", "s’", "me", "m'", "m’", "te", "t'", "t’", "nous",
                                 "vous"})
_SUBJECT_PRONOUNS = frozenset({"il", "elle", "ils", "elles", "on", "nous", "je", "tu", "vous"})
#: Auxiliaries before a participle: the happening is past ("a participé", "s'est rendu")...
_PAST_AUX = frozenset({"a", "ont", "avait", "avaient", "est", "sont", "était", "étaient",
                       "fut", "furent", "eu", "avons", "avez"})
#: ... or passive and still to come ("sera inauguré", "doit être inauguré").
_PASSIVE_AUX = frozenset({"sera", "seront", "être", "serait", "seraient", "été"})
#: A word shaped like a future or conditional ("recevra", "assisteront", "se tiendrait").
_FUTURE_WORD = re.compile(r"\w{2,}(?:ra|ras|rons|rez|ront|rait|raient)$")
_FUTURE_VERB = re.compile(r"\w{3,}(?:era|eront|ira|iront|dra|dront|vra|vront|tra|tront)$")
_FINITE = frozenset({"sera", "seront", "aura", "auront", "doit", "doivent", "devra", "devront",
                     "va", "vont", "est", "sont", "a", "ont", "pourra", "pourront"})
#: Places: "à/au/aux/en/dans" and a name ("à l'Élysée", "en Allemagne", "au Stade de
#: France"), or a venue noun ("au cimetière américain de Suresnes", "à la mairie de Lyon").
_NAME = (r"[A-ZÀ-ÝŒ][\w’'\-]*(?:\s+(?:(?:de\s+la|de\s+l['’]|de|du|des|d['’]|la|le|les|et|-)"
         r"\s*)?[A-ZÀ-ÝŒ][\w’'\-]*)*")
_VENUES = (
    "palais", "stade", "salle", "place", "mairie", "hôtel", "musée", "cathédrale", "église",
    "basilique", "théâtre", "parc", "cimetière", "ambassade", "préfecture", "assemblée",
    "université", "gare", "aéroport", "port", "centre", "arènes", "esplanade", "parvis",
    "jardin", "jardins", "château", "abbaye", "auditorium", "zénith", "campus", "siège",
    "ministère", "tribunal", "cour", "quai", "boulevard", "avenue", "rue", "champ",
    "institut", "hippodrome", "vélodrome", "circuit", "halle", "maison", "opéra", "mémorial",
    "monument", "cité", "colisée", "dôme", "anneau", "temple", "mosquée",
    "synagogue", "chapelle", "école", "lycée", "collège", "hôpital")
_VENUE = (r"(?i:" + "|".join(_VENUES) + r")(?:\s+(?!(?:de|du|des|d|et|à|au|aux|en|pour|sur|"
          r"avec|par|le|la|les|l|sous|dans|chez|contre|entre|vers|selon|lors|puis|qui|que|où|"
          r"ce|cette|ces|son|sa|ses|un|une)\b)[a-zà-ÿœ\-]+){0,2}(?:\s+(?:(?:de\s+la|de\s+l['’]|de|du|des"
          r"|d['’])\s*)?" + _NAME + r")?")
_PLACE = re.compile(
    r"(?<![\w'’])(?P<prep>à|au|aux|en|dans|sur|devant)\s+(?:(?:la|le|les)\s+|l['’])?"
    r"(?:(?P<venue>" + _VENUE + r")|(?P<name>" + _NAME + r"))(?![\w'’])")
_COMPLEMENT = re.compile(r"\s+(?:de\s+la|de\s+l['’]|du|des|de)\s*[a-zà-ÿ]{3,}")
_MONTHS_DAYS = frozenset(
    """janvier février mars avril mai juin juillet août septembre octobre novembre décembre
    lundi mardi mercredi jeudi vendredi samedi dimanche""".split())
#: "après son arrivée", "à l'issue du forum", "en marge du sommet", "le deuxième jour".
_ANCHOR = re.compile(
    r"\b(?P<lead>après|avant|à\s+l['’]issue|au\s+terme|à\s+la\s+fin|à\s+la\s+suite|dans\s+la"
    r"\s+foulée|en\s+marge|lors|pendant|au\s+cours|au\s+moment|à\s+l['’]occasion)\s+"
    r"(?:de\s+|d['’]|du\s+|des\s+)?(?:(?:son|sa|ses|leur|leurs|le|la|les|cette|ce|cet)\s+|l['’])?"
    r"(?P<noun>[\w\-]+)"
    r"|\b(?:le|au|lors\s+du)\s+(?P<nth>premier|deuxième|second|troisième|dernier)\s+jour\b"
    r"(?!\s+(?:de|du|des|d['’]))", re.IGNORECASE)
_NTH = {"premier": "first", "deuxième": "second", "second": "second", "troisième": "third",
        "dernier": "last"}
#: Where a clause ends and the next predicate begins: "..., puis assistera", "avant de
#: prononcer", "et de participer", "et regagnera", "mais", "tandis que".
_JOIN = re.compile(
    r"(?:,\s*|\s+)(?P<conj>puis|et\s+d(?:e\s+|['’])|et|avant\s+d(?:e\s+|['’])|après\s+avoir|"
    r"mais|tandis\s+qu(?:e\s+|['’])|alors\s+qu(?:e\s+|['’]))\s*(?P<next>[\w'’]+)?",
    re.IGNORECASE)
_WORD = re.compile(r"\w+")
#: "L'Élysée a publié mardi le programme": that day is when it published, as English's
#: "The board on Monday published" (``events._past_verb_before``)
_PAST_VERB_BEFORE = re.compile(
    r"\b(?:a|ont|avait|avaient)\s+(?:\w+ment\s+)?\w+(?:é|i|u|is|it)\s+(?:ce\s+|le\s+)?$",
    re.IGNORECASE)
#: the "que" after a reporting verb, a few words on at most ("a indiqué mardi que")
_QUE = re.compile(r"[^,.;:«]{0,40}?\s(qu(?:e\s+|['’]))", re.IGNORECASE)
_CONNECTIVE = {"puis": "then", "et": "and", "avant": "before", "après": "after"}


def _alternation(phrases: tuple[str, ...]) -> str:
    """One pattern for word groups: spaces match any white space, "'" either apostrophe."""
    return "|".join(re.escape(p).replace(r"\ ", r"\s+").replace("'", "['’]\\s*")
                    for p in sorted(phrases, key=len, reverse=True))


#: "Le sommet aura lieu ...", "Le match est prévu ...": the subject names the happening.
_HAPPENS = re.compile(
    r"\b(?:" + _alternation(HAPPENS) + r"|(?:est|sont|sera|seront)\s+(?:"
    + _alternation(ARRANGED) + r")(?:e|s|es)?)\b", re.IGNORECASE)
_HEDGED = re.compile(r"(?<![\w-])(?:" + _alternation(HEDGES) + r")(?![\w-])", re.IGNORECASE)
_CONDITIONAL = re.compile(r"(?<![\w-])(?:" + _alternation(CONDITIONS) + r")(?![\w-])",
                          re.IGNORECASE)
#: A meeting's purpose after its partner: "se joindra à X pour un dîner".
_EVENT_AFTER = re.compile(
    r"\b(?:pour(?:\s+(?:tenir|avoir|participer\s+à|assister\s+à|prendre\s+part\s+à))?"
    r"|lors\s+d['’]|à\s+l['’]occasion\s+d['’])\s*(?=(?:un|une|le|la|l['’]|les|son|sa)\b)",
    re.IGNORECASE)
#: Words before an event noun that belong to its name ("la grande manifestation").
_PRE_ADJECTIVES = frozenset(
    """grand grande grands grandes petit petite nouveau nouvelle nouvel premier première
    second seconde deuxième troisième traditionnel traditionnelle traditionnels
    traditionnelles vaste immense gigantesque important importante énième""".split())
_SPEECH_HEADS = frozenset({"discours", "allocution", "hommage", "intervention", "conférence"})
#: Words before "à" that govern it: "consacrée à la Libye" is no place.
_GOVERNS_A = frozenset({"face", "grâce", "quant", "jusqu'", "jusqu’", "ouvert", "ouverte",
                        "destiné", "destinée", "relatif", "relative", "consacré", "consacrée",
                        "dédié", "dédiée", "réservé", "réservée", "appel", "hommage"})
#: Job titles before a full name: "Entretien avec le président français Emmanuel Macron".
_ROLE = re.compile(
    r"\b(?:le\s+|la\s+|l['’])?(?:vice-)?(?:président|présidente|chancelier|chancelière|"
    r"premier\s+ministre|première\s+ministre|ministre|secrétaire\s+général|secrétaire\s+générale"
    r"|roi|reine|pape|prince|princesse|maire|sénateur|sénatrice|député|députée|gouverneur"
    r"|ambassadeur|ambassadrice|commissaire|émir|homologue)"
    r"(?:\s+(?:de\s+la|de\s+l['’]|du|des|de)\s*\w+|\s+(?-i:[a-zé][\wé-]*))?"
    r"\s+(?=(?-i:[A-ZÉ][\w’'-]+\s+[A-ZÉ]))",
    re.IGNORECASE)
_CONTRACTIONS = ((re.compile(r"\bde le\b"), "du"), (re.compile(r"\bde les\b"), "des"),
                 (re.compile(r"\bà le\b"), "au"), (re.compile(r"\bà les\b"), "aux"),
                 (re.compile(r"\bde (?=[aeiouyéèêàâîôûAEIOUYÉÈÊÀÂÎÔÛ])"), "d'"),
                 (re.compile(r"\s+et\s+(?:à|au|aux)\s+"), " et "))
_FEMININE_COUNTRY = re.compile(r"\bà (?:la |l['’])(?=[A-ZÉ][\w-]*e$)")
_LEADING_DETERMINER = re.compile(r"^(?:(?:" + "|".join(
    "le la les un une des du ce cet cette ces son sa ses leur leurs notre nos".split())
    + r")\s+|l['’]|d['’])", re.IGNORECASE)
#: what a title or a place may not end on: "les États-Unis le [samedi suivant]"
_TRAILING_SMALL = re.compile(r"(?:\s+(?:" + "|".join(
    "de du des d' d’ à au aux et ou en le la les l' l’ pour avec sur par un une".split())
    + r"))+$", re.IGNORECASE)


#: Words after a verb that make it an idiom, no happening: "remettre en cause"
_IDIOM_AFTER = {"remettre": frozenset({"en", "à"}), "transmettre": frozenset({"en"})}


def _words(clause: Clause) -> list[tuple[str, int, int]]:
    return [(m.group(), clause.start + m.start(), clause.start + m.end())
            for m in _TOKEN.finditer(clause.text)]


def _low(word: str) -> str:
    return word.lower().replace("’", "'")


def split_clauses(sentence: Sentence, timexes: list[Timex]) -> list[Clause]:
    """Split a French sentence where a new predicate starts: "puis", "avant de", "et de",
    "et" before a verb or a subject, "mais", ";", after a reporting verb's "que"."""
    text = sentence.text
    base = sentence.start
    protected = [(t.start - base, t.end - base) for t in timexes]
    inside = inside_any(protected)

    cuts: list[tuple[int, int, str | None]] = []
    for m in re.finditer(r"\s*;\s*|\s[—–]\s", text):
        if not inside(m.start()) and not _only_label_before(text, m.start(), protected) \
                and not _only_timing_after(text, m.end(), protected):
            cuts.append((m.start(), m.end() - m.start(), None))
    table = forms()
    for m in _JOIN.finditer(text):
        if inside(m.start("conj")):
            continue
        conj = _low(m.group("conj")).split()[0]
        nxt = _low(m.group("next") or "")
        if conj == "et" and not m.group("conj").lower().startswith("et d") and not (
                nxt in _SUBJECT_PRONOUNS or nxt in ("se", "s'", "y") or nxt in _FINITE
                or (nxt in table and table[nxt][1] in ("fut", "pres", "imp"))
                or _FUTURE_WORD.match(nxt)):
            continue  # "Emmanuel Macron et Angela Merkel": two names, one clause
        skip = m.start("next") if m.group("next") else m.end()
        cuts.append((m.start(), skip - m.start(), _CONNECTIVE.get(conj)))
    for m in _AFTER_BRACKETED_CLOCK.finditer(text):
        # "les honneurs (14h45), une allocution (15h10)": each item has its own clock
        if any(t.clock and t.start - base >= m.start() and t.end - base <= m.end()
               for t in timexes) and not inside(m.end()):
            cuts.append((m.end() - len(m.group("sep")), len(m.group("sep")), None))
    if "-" in text or "–" in text:
        for m in _NEXT_FIXTURE.finditer(text):  # "Lens - Lille à 17 h, Nantes - Brest à 21 h"
            if not inside(m.start()):
                cuts.append((m.start(), m.end() - m.start(), None))
    for m in _WORD.finditer(text):
        if _low(m.group()) in REPORTING:  # "a annoncé mardi que ...": what follows "que"
            que = _QUE.match(text, m.end())
            if que is not None and not inside(que.start(1)):
                cuts.append((que.start(1), que.end() - que.start(1), None))
    return clauses_at(sentence, cuts)


def _anchor(clause: Clause) -> tuple[re.Match[str], tuple[str, str]] | None:
    """An event anchor ("après son arrivée") and its (relation, English or French noun)."""
    for m in _ANCHOR.finditer(clause.text):
        if m.group("nth"):
            return m, ("day", _NTH[m.group("nth").lower()])
        noun = _low(m.group("noun"))
        name = ANCHOR_NOUNS.get(noun) or (_singular(noun) if _singular(noun) in NOUNS else None)
        if name is None:
            continue
        lead = _low(m.group("lead"))
        relation = "before" if lead == "avant" else "on" if lead in (
            "en marge", "lors", "pendant", "au cours", "au moment") else "after"
        return m, (relation, name)
    return None


def could_hold_mentions(sentence: Sentence, timexes: list[Timex]) -> bool:
    """Whether a sentence can add anything: a day, or an anchor such as "après son arrivée"."""
    return any(t.first_day or t.clock for t in timexes) or (
        _ANCHOR.search(sentence.text) is not None  # (the quick test first)
        and _anchor(Clause(sentence.start, sentence.end, sentence.text, None)) is not None)


def find_mentions(sentence: Sentence, timexes: list[Timex], *,
                  only_dated: bool = False) -> list[Mention]:
    """All mentions of happenings in the French ``sentence`` (``timexes`` are its own)."""
    mentions: list[Mention] = []
    if _HEDGED.search(sentence.text):  # (once: read again for every clause, quadratic)
        return mentions
    for clause in split_clauses(sentence, timexes):
        anchor = _anchor(clause)
        ctimexes = [t for t in within(timexes, clause.start, clause.end)
                    if not _PAST_VERB_BEFORE.search(clause.text, 0, t.start - clause.start)]
        if anchor is not None and (_clause_past(clause.text) or any(
                t.start >= clause.start + anchor[0].start() for t in ctimexes)):
            anchor = None  # "après la visite du roi en octobre dernier": dated on its own
        # (the anchor's words are the evidence ``events`` shows for the day it gives)
        prime(clause, "anchor", anchor[0] if anchor else None)
        if only_dated and anchor is None and not any(t.first_day or t.clock for t in ctimexes):
            continue
        if _CONDITIONAL.search(clause.text, 0, 25):
            continue  # "En cas de pluie, ... dimanche": hypothetical (only a clause that opens
            # with its condition: "... et une réunion aura lieu le 27 juin si nécessaire", not
            # split, would take the firm happening before it along)
        mention = (_fixture_mention(sentence, clause, ctimexes)
                   or _programme_mention(sentence, clause, ctimexes)
                   or _subject_mention(sentence, clause, ctimexes)
                   or _verb_mention(sentence, clause, ctimexes)
                   or _noun_mention(sentence, clause, ctimexes))
        if mention is not None:
            mentions.append(mention)
    return mentions


# --- titles, tokens, places ------------------------------------------------------------------

def _make_fr(sentence: Sentence, clause: Clause, title: str, head: str, location: str | None,
             lemma: str, has_noun: bool, past: bool, span: tuple[int, int]) -> Mention | None:
    """``mentions._make`` with French titles and words: roles, contractions, stop words."""
    title = _ROLE.sub("", " ".join(title.split()))
    for pattern, repl in _CONTRACTIONS:
        title = pattern.sub(repl, title)
    title = _TRAILING_SMALL.sub("", title.strip(" ,;:—–-«»\"“”'’"))
    mention = _make(sentence, clause, title, head, location, lemma, has_noun, past, span)
    if mention is None:
        return None
    tokens, proper = _title_tokens(mention.title)
    anchor = _anchor(clause) if clause.anchor is not None else None  # (as ``find_mentions`` primed)
    return replace(mention, tokens=tokens, proper=proper,
                   relative=anchor[1] if anchor else None)


def _title_tokens(title: str) -> tuple[frozenset[str], frozenset[str]]:
    """The title's content words, and its names (capitalised words after the first).

    The partner's name ("Entretien avec Emmanuel Macron") counts as a word, not as a name:
    a dinner and a talk with the same person are two happenings.
    """
    tokens: set[str] = set()
    proper: set[str] = set()
    partner = False
    for i, m in enumerate(_TOKEN.finditer(title)):
        word = m.group()
        low = _low(word)
        if low in ("avec", "contre"):
            partner = True
        if low in STOPWORDS or not word[0].isalnum():
            continue
        if len(word) > 1:
            tokens.add(low)
        if i and word[0].isupper() and not partner:
            proper.add(low)
    return frozenset(tokens), frozenset(proper)


def _drop_determiner(phrase: str) -> str:
    return _LEADING_DETERMINER.sub("", phrase.strip())


def _location(clause: Clause, exclude: tuple[int, int], timexes: list[Timex]) -> str | None:
    for m in _PLACE.finditer(clause.text):
        s, e = clause.start + m.start(), clause.start + m.end()
        if exclude[0] <= s < exclude[1] or any(t.start < e and s < t.end for t in timexes):
            continue
        place = (m.group("venue") or m.group("name")).strip(" .,")
        complement = _COMPLEMENT.match(clause.text, m.end()) if place[:1].isupper() else None
        if complement is not None:  # "au Palais de la musique": a name in lower case
            place += complement.group()
        if m.group("name") and m.group("prep").lower() in ("sur", "devant"):
            continue  # "une conférence sur la Libye": a topic
        if place.split()[0].lower() in _MONTHS_DAYS:
            continue
        before = clause.text[:m.start()].split()
        if before and _low(before[-1]) in _GOVERNS_A:
            continue
        return place
    return None


def _is_place_start(words: list[tuple[str, int, int]], i: int) -> bool:
    """Whether a place begins at word ``i`` (after "à", "au", "en"...): a name or a venue."""
    j = i
    if j < len(words) and _low(words[j][0]) in ("la", "le", "les", "l'"):
        j += 1
    if j >= len(words):
        return False
    word = words[j][0]
    return word[:1].isupper() or _low(word) in _VENUES


#: "à partir du", "depuis le", "jusqu'au": a span's words, not a genitive
_FROM_BEFORE = re.compile(r"(?:à\s+partir|depuis|jusqu['’]|dès|avant|après)\s*"
                          r"(?:du|de|des|de\s+l['’]|d['’]|de\s+la)?$")


def _object_phrase(clause: Clause, words: list[tuple[str, int, int]], k: int,
                   timexes: list[Timex], speech_like: bool = False) -> tuple[str, int]:
    """The noun phrase from word ``k``: (phrase, end offset). It ends at punctuation, a date,
    a relative, a conjunction before a verb, a purpose ("pour un dîner") or a place."""
    if k >= len(words):
        return "", clause.end
    start = words[k][1]
    out_end = start
    table = forms()
    i = k
    while i < len(words):
        word, ws, we = words[i]
        low = _low(word)
        nxt = _low(words[i + 1][0]) if i + 1 < len(words) else ""
        tmx = _timex_at(ws, timexes)
        if tmx is not None:
            before = clause.text[:tmx.start - clause.start].rstrip().lower()
            if i == k or not before.endswith((" du", " de", " des", " de l'", " de l’", " d'",
                                              " d’", "de la")) or _FROM_BEFORE.search(before):
                break  # a date after the name dates it; "la cérémonie du 11-Novembre" names
            out_end = tmx.end
            while i < len(words) and words[i][1] < tmx.end:
                i += 1
            continue
        if word in _PUNCTUATION or low in PHRASE_STOPS or (i > k and word[0].islower() and (
                low in _FINITE or _FUTURE_VERB.match(low))):
            break  # (a verb: "un feu d'artifice sera tiré")
        if i > k and low in ("et", "ou") and (
                nxt in _SUBJECT_PRONOUNS or nxt in ("se", "s'", "de", "d'")
                or table.get(nxt, ("", ""))[1] in ("fut", "pres", "inf")):
            break
        if i > k and low == "pour" and (nxt in ("un", "une") or table.get(nxt, ("", ""))[1]
                                        == "inf" or (nxt.endswith(("er", "ir", "re"))
                                                     and words[i + 1][0][:1].islower())):
            break  # "pour un dîner", "pour signer": a purpose (but "pour Alger" goes on)
        if i > k and low in ("à", "au", "aux", "dans", "en") and not speech_like:
            prev = _low(words[i - 1][0])
            if nxt in ("l'", "la") and i + 2 < len(words) and _low(words[i + 2][0]) in (
                    "issue", "fin", "suite", "occasion"):
                break  # "à l'issue du forum": when, not what
            if _is_place_start(words, i + 1) and prev not in _GOVERNS_A:
                break
        if i > k and ((low == "aux" and nxt == "côtés") or (low == "à" and nxt == "partir")):
            break  # "aux côtés de", "à partir du 5 décembre"
        if i > k and low == "en" and nxt in ("présence", "compagnie", "marge", "tête",
                                             "direction"):
            break
        out_end = we
        i += 1
        if i - k >= 16:
            break
    phrase = clause.text[start - clause.start:out_end - clause.start].strip()
    trimmed = _TRAILING_SMALL.sub("", phrase)  # "les États-Unis le [samedi suivant]"
    return trimmed, out_end - (len(phrase) - len(trimmed))


def _singular(word: str) -> str:
    if word in NOUNS:
        return word
    if word.endswith(("s", "x")) and word[:-1] in NOUNS:
        return word[:-1]
    return word


def _event_noun(words: list[tuple[str, int, int]], i: int, text: str, base: int) -> str | None:
    """The French event noun at word ``i`` (singular, lower case), if it names a happening."""
    noun = _singular(_low(words[i][0]))
    if noun not in NOUNS:
        return None
    needs = NOUN_NEEDS.get(noun)
    if needs is not None:
        after = text[words[i][2] - base:words[i][2] - base + 40].lower().lstrip()
        if not after.startswith(needs):
            return None
    return noun


def _head_is_event(phrase: str) -> bool:
    """Whether the head noun of ``phrase`` (after its determiner) names a happening."""
    words = [m.group() for m in _TOKEN.finditer(_drop_determiner(phrase))]
    for word in words[:3]:
        low = _low(word)
        if _singular(low) in NOUNS and _singular(low) not in NOUN_NEEDS:
            return True
        if low not in _PRE_ADJECTIVES:
            return False
    return False


def _capital_name(words: list[tuple[str, int, int]], i: int) -> bool:
    return i > 0 and words[i][0][:1].isupper() and _low(words[i - 1][0]) not in (".",)


# --- the kinds of mention --------------------------------------------------------------------

def _programme_mention(sentence: Sentence, clause: Clause,
                       timexes: list[Timex]) -> Mention | None:
    """A programme line ("10 h 30 – Arrivée à Lyon"), read by the shared rule, in French."""
    found = _listing_mention(sentence, clause, timexes)
    if found is None:
        return None
    words = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(found.title)]
    head = next((NOUNS[n] for i in range(len(words))
                 if (n := _event_noun(words, i, found.title, 0))), found.head)
    location = found.location
    item = sentence.text[found.name_span[0] - sentence.start:found.name_span[1] - sentence.start]
    rest = item[item.find(found.title) + len(found.title):].lstrip(" ,;–—|-") \
        if found.title in item else ""
    if location is None and rest and len(rest.split()) <= 8 and _low(rest.split()[0]) in _VENUES:
        location = rest.rstrip(" .")  # "Table ronde sur l'industrie, université Lyon-1"
    if location is None:
        line = Clause(found.name_span[0], found.name_span[1],
                      sentence.text[found.name_span[0] - sentence.start:
                                    found.name_span[1] - sentence.start], None)
        location = _location(line, (0, 0), timexes)
    tokens, proper = _title_tokens(found.title)
    return replace(found, head=head, location=location, tokens=tokens, proper=proper,
                   relative=None)


_FIXTURE = re.compile(
    r"(?<![\w'’-])([A-Z][\w’'.]*(?:\s+[A-Z][\w’'.]*){0,3})\s*[-–]\s*"
    r"([A-Z][\w’'.]*(?:\s+[A-Z][\w’'.]*){0,3})(?![\w'’-])")


def _fixture_mention(sentence: Sentence, clause: Clause, timexes: list[Timex]) -> Mention | None:
    """A fixture: "PSG - OM dimanche à 20 h 45", "Lens-Lille samedi"."""
    if "-" not in clause.text and "–" not in clause.text:
        return None
    for m in _FIXTURE.finditer(clause.text):
        s, e = clause.start + m.start(), clause.start + m.end()
        if any(t.start < e and s < t.end for t in timexes):
            continue  # "Jeudi 9 mai – Arrivée": a day, no team
        home, away = m.group(1), m.group(2)
        if {_low(home).split()[0], _low(away).split()[0]} & _MONTHS_DAYS:
            continue
        joined = "-" in m.group(0) and " " not in m.group(0)
        if joined and not (home.isupper() or away.isupper()) and not any(
                _low(m.group()) not in ("journée", "rencontre")
                for m in _SPORT.finditer(sentence.text)):
            continue  # "Saint-Denis", "Jean-Luc", "Port-Louis ... sa journée": one name
        return _make_fr(sentence, clause, f"{home} - {away}", "match", None, "", True, False,
                        (s, e))
    return None


#: "(14h45), ": a programme item's clock in brackets, and the comma before the next item
_AFTER_BRACKETED_CLOCK = re.compile(r"\([^()]{1,20}\)(?P<sep>\s*,\s*(?:et\s+)?|\s+et\s+)")
#: the comma before another fixture of a list
_NEXT_FIXTURE = re.compile(r",\s+(?=[A-Z][\w’'.]*(?:\s+[A-Z][\w’'.]*){0,3}\s*[-–]\s*[A-Z])")
_SPORT = re.compile(r"\b(?:match|rencontre|choc|derby|classique|journée|coup\s+d['’]envoi|"
                    r"finale|ligue|championnat|coupe)\b", re.IGNORECASE)


#: "L'intersyndicale se réunira": its determiner, in a title, in lower case
_CAPITAL_DETERMINER = re.compile(r"^(?:L['’]|(?:Le|La|Les|Un|Une|Des|Ce|Cette|Ces)(?=\s))")


#: Words that open a clause before its subject: "Puis il sera accueilli ..."
_LEADING_CONNECTIVE = re.compile(r"^\s*(?:(?:puis|ensuite|et|mais|alors|enfin|donc)\b[\s,]*)+",
                                 re.IGNORECASE)


def _subject(clause: Clause, verb_start: int) -> tuple[str, int]:
    """The noun phrase before the verb group ("Le sommet" in "Le sommet se tiendra"), and
    where it starts."""
    head = clause.text[:verb_start - clause.start]
    cut = max(head.rfind(","), head.rfind("«"), head.rfind(":"))
    for word in (" que ", " qu'", " qu’", " dont ", " où "):
        cut = max(cut, head.rfind(word) + len(word) - 1 if word in head else -1)
    start = cut + 1
    phrase = head[start:]
    phrase = re.sub(r"(?:\s+(?:se|s['’]|ne|n['’]|y|en|doit|doivent|devrait|devraient|va|vont|"
                    r"sera|seront|est|sont|a|ont|aussi|donc|bien|également|finalement|"
                    r"enfin|désormais))+\s*$", "", phrase, flags=re.IGNORECASE)
    phrase = _LEADING_CONNECTIVE.sub(lambda m: " " * len(m.group()), phrase)  # "Puis il"
    lead = len(phrase) - len(phrase.lstrip())
    words = phrase.split()
    if not words or len(words) > 14 or _low(words[0]) in _SUBJECT_PRONOUNS:
        return "", clause.start
    phrase = _CAPITAL_DETERMINER.sub(lambda m: m.group().lower(), phrase.strip())
    return phrase, clause.start + start + lead


def _clause_past(text: str) -> bool:
    """Whether a clause tells of the past: a past marker ("a eu lieu", "hier") and no future
    one ("aura lieu", "est prévu", "prochain")."""
    if "(" in text:  # "(dans le communiqué publié par le diocèse ...)": an aside's tense
        text = _ASIDE.sub(lambda m: " " * len(m.group()), text)
    found = markers(text, 0, len(text))
    return any(not future for _s, _e, future in found) and not any(
        future for _s, _e, future in found)


_ASIDE = re.compile(r"\([^()]*\)?")


def _noun_phrase_in(phrase: str, base: int, timexes: list[Timex],
                    clause: Clause) -> tuple[str, int, int, str] | None:
    """The first event noun's phrase inside ``phrase`` (at ``base``): (phrase, start, end,
    English head)."""
    sub = Clause(base, base + len(phrase), phrase, None)
    words = _words(sub)
    for i in range(len(words)):
        noun = _event_noun(words, i, clause.text, clause.start)
        if noun is None or (i and _low(words[i - 1][0]) in ("va", "vont", "doit")):
            continue
        j = i
        while j > 0 and _low(words[j - 1][0]) in _PRE_ADJECTIVES:
            j -= 1
        text, end = _object_phrase(sub, words, j, timexes, speech_like=noun in _SPEECH_HEADS)
        if text:
            return text, words[j][1], max(end, words[i][2]), NOUNS[noun]
    return None


def _named_subject(clause: Clause, verb_start: int,
                   timexes: list[Timex]) -> tuple[str, int, int, str] | None:
    """The event noun phrase that is the verb's subject: "Une manifestation partira", "Le
    marché de Noël, le plus ancien de France, ouvrira" (before an apposition)."""
    subject, start = _subject(clause, verb_start)
    found = _noun_phrase_in(subject, start, timexes, clause) if subject else None
    if found is None:
        first = clause.text[:verb_start - clause.start].split(",")[0]
        if _LEADING_DETERMINER.match(first) and len(first.split()) <= 10:
            found = _noun_phrase_in(first, clause.start, timexes, clause)
    return found


#: What may come before a verb whose subject follows it: a time, "puis", "ensuite"
_ONLY_WHEN = re.compile(r"[\s,]*(?:(?:à|a|vers|dès|puis|ensuite|enfin|et|alors)\b[\s,]*)*",
                        re.IGNORECASE)


def _subject_mention(sentence: Sentence, clause: Clause, timexes: list[Timex]) -> Mention | None:
    """"Le sommet aura lieu à Bruxelles", "La grève débutera le 5 décembre"."""
    m = _HAPPENS.search(clause.text)
    if m is None:
        return None
    found = _named_subject(clause, clause.start + m.start(), timexes)
    if found is None and _ONLY_WHEN.fullmatch(without_timexes(
            clause.text[:m.start()], clause.start,
            [t for t in timexes if clause.start <= t.start and t.end <= clause.start + m.start()])):
        # "À 14h débuteront les animations": after a time, the subject follows its verb
        after = clause.text[m.end():m.end() + 120]
        found = _noun_phrase_in(after, clause.start + m.end(), timexes, clause)
    if found is None:
        return None
    phrase, s, e, head = found
    past = _clause_past(clause.text)
    return _make_fr(sentence, clause, _drop_determiner(phrase), head,
                    _location(clause, (s, clause.start + m.end()), timexes), "", True, past,
                    (s, e))


def _noun_mention(sentence: Sentence, clause: Clause, timexes: list[Timex]) -> Mention | None:
    """The event noun of the clause nearest its day: "une grève reconductible à partir du
    5 décembre", "Son discours au Forum de Paris sur la paix, le 11 novembre"."""
    words = _words(clause)
    phrases: list[tuple[str, int, int, int, str]] = []
    for i in range(len(words)):
        noun = _event_noun(words, i, clause.text, clause.start)
        if noun is None or (_capital_name(words, i) and noun in ("marche", "course")):
            continue
        prev = _low(words[i - 1][0]) if i else ""
        if prev in ("va", "vont", "doit", "se", "s'", "il", "elle", "ils", "elles"):
            continue  # a verb: "il visite", "elle se rencontre"
        j = i
        while j > 0 and _low(words[j - 1][0]) in _PRE_ADJECTIVES:
            j -= 1
        text, end = _object_phrase(clause, words, j, timexes,
                                   speech_like=noun in _SPEECH_HEADS)
        if text:
            phrases.append((text, words[j][1], max(end, words[i][2]), words[i][1],
                            NOUNS[noun]))
    if not phrases:
        return None
    text, start, end, _at, head = dated_phrase(phrases, timexes)
    title = _drop_determiner(text)
    location = _location(clause, (start, end), timexes)
    if location and " " not in title:
        # "une visite au Centre européen de recherche nucléaire": a bare noun is named by
        # where it happens ("Visite au Centre européen ..."), as a calendar entry says it
        where = _PLACE_NEXT.match(clause.text, end - clause.start)
        if where is not None and clause.text.startswith(location, where.end()):
            title = f"{title} {where.group(1)}{location}"
    return _make_fr(sentence, clause, title, head, location, "", True,
                    _clause_past(clause.text), (start, end))


#: The preposition between a bare event noun and its place: "visite au", "rencontre à l'"
_PLACE_NEXT = re.compile(r"\s*((?:à\s+la|à\s+l['’]|à|au|aux|en)\s*)", re.IGNORECASE)


def _reflexive(words: list[tuple[str, int, int]], i: int) -> bool:
    """Whether the verb at ``i`` has its reflexive pronoun ("se rendra", "s'y rendra")."""
    j = i - 1
    while j >= 0 and _low(words[j][0]) in ("y", "en", "ne", "n'"):
        j -= 1
    return j >= 0 and _low(words[j][0]) in _REFLEXIVE_PRONOUNS


def _auxiliary(words: list[tuple[str, int, int]], i: int) -> str:
    """The auxiliary before a participle ("a" in "a participé", "sera" in "sera inauguré")."""
    j = i - 1
    while j >= 0 and (_low(words[j][0]) in _ADVERBS or _low(words[j][0]) in ("pas", "été")):
        if _low(words[j][0]) == "été":
            return "été"
        j -= 1
    return _low(words[j][0]) if j >= 0 else ""


def _negated(words: list[tuple[str, int, int]], i: int) -> bool:
    before = {_low(w[0]) for w in words[max(0, i - 3):i]}
    after = {_low(w[0]) for w in words[i + 1:i + 3]}
    return bool(before & {"ne", "n'"}) and bool(after & {"pas", "plus", "jamais"})


def _verb_mention(sentence: Sentence, clause: Clause, timexes: list[Timex]) -> Mention | None:
    """The first event verb of the clause, its object, the title its template makes."""
    words = _words(clause)
    table = forms()
    for i, (word, ws, we) in enumerate(words):
        entry = table.get(_low(word))
        if entry is None:
            continue
        lem, kind = entry
        prev = _low(words[i - 1][0]) if i else ""
        if word[0].isupper() and i > 0:
            continue  # a name: "Rencontre", "Visite" in a title
        if prev in DETERMINERS and not (prev in ("de", "d'") and kind == "inf"):
            continue  # a noun: "la visite", "le départ", "une rencontre"
        if (kind == "ger" and prev != "en") or (lem == "partir" and prev in ("à", "a")):
            continue  # "à partir du 5 décembre": from when
        reflexive = _reflexive(words, i)
        nxt = _low(words[i + 1][0]) if i + 1 < len(words) else ""
        homage = lem == "rendre" and nxt == "hommage"
        if lem in REFLEXIVE and not reflexive and not homage:
            continue  # "rendre un avis", "tenir parole"
        if nxt in _IDIOM_AFTER.get(lem, ()):
            continue  # "remettre en cause": no handing over
        if lem == "ouvrir" and kind == "pp" and nxt in ("au", "aux") and i + 2 < len(words) \
                and _low(words[i + 2][0]) in ("public", "visiteurs", "festivaliers"):
            continue  # "sera ouverte au public dès 13h": opening hours, no happening
        if reflexive and lem not in REFLEXIVE and lem not in SUBJECT_VERBS:
            continue  # "le festival s'ouvrira": the subject's happening (``_subject_mention``)
        aux = _auxiliary(words, i) if kind == "pp" else ""
        if kind == "pp" and aux not in _PAST_AUX and aux not in _PASSIVE_AUX:
            continue  # an adjective: "la salle rénovée"
        if _negated(words, i):
            continue
        passive = kind == "pp" and (aux in _PASSIVE_AUX or (aux in ("est", "sont", "était")
                                                           and lem not in MOVES))
        past = kind == "imp" or (kind == "pp" and aux in _PAST_AUX and not (
            aux in ("est", "sont") and passive)) or (aux == "été" and _clause_past(clause.text))
        template, preps, english = VERBS[lem]
        if homage:
            template, preps = "Hommage {prep} {obj}", ("hommage à", "hommage au",
                                                        "hommage aux")
        # skip what says nothing between the verb and its object: "assistera le lendemain à"
        k = i + 1
        while k < len(words) and (_low(words[k][0]) in _ADVERBS or _timex_at(
                words[k][1], timexes) is not None or _by_transport(words, k)
                or _manner(words, k)):
            k += 2 if _by_transport(words, k) or _manner(words, k) else 1
        prep = ""
        for p in sorted(preps, key=len, reverse=True):
            parts = p.split()
            if [_low(w[0]) for w in words[k:k + len(parts)]] == parts:
                prep, k = parts[-1], k + len(parts)
                break
        if not prep and (lem in NEEDS_PREPOSITION or homage):
            continue
        if passive:
            obj, obj_start, obj_end = "", ws, we
        else:
            speech = k < len(words) and _head_is_event(" ".join(
                w[0] for w in words[k:k + 3])) and any(
                _low(w[0]) in _SPEECH_HEADS for w in words[k:k + 3])
            obj_start = words[k][1] if k < len(words) else clause.end
            obj, obj_end = _object_phrase(clause, words, k, timexes, speech_like=speech)
        if obj and obj.split()[0][:1].islower() and _low(obj.split()[0]) in (
                "à", "au", "aux", "en", "dans", "pour", "avec", "par", "de", "du", "sur"):
            obj, obj_end = "", obj_start  # "se réunira à Bruxelles": no object, a place
        has_noun = bool(obj) and _head_is_event(obj)
        event_np = None
        moved = lem in ("rendre", "aller", "déplacer", "voyager")  # (a trip whose purpose names it)
        if not has_noun and (lem in MEET_LIKE or moved):
            after = _EVENT_AFTER.search(clause.text, obj_end - clause.start)
            if after is not None:
                found = _noun_phrase_in(clause.text[after.end():], clause.start + after.end(),
                                        timexes, clause)
                if found is not None:
                    event_np = found
        location = _location(clause, (we, obj_end), timexes)  # (not the object's "à")
        head = english
        if event_np is not None:
            # "se joindra à X pour un dîner": a dinner with X; "se rendra au palais pour un
            # entretien avec son homologue": the talks, at the palace
            np_text, _s, np_end, head = event_np
            np_title = _drop_determiner(np_text)
            title = f"{np_title} avec {obj}" if obj and not moved else np_title
            if moved and obj and head in ("visit", "trip", "tour"):
                title = f"{np_title} {prep} {obj}" if prep else f"{np_title} à {obj}"
            location = (obj if moved else None) or _location(clause, (we, np_end), timexes)
            obj_end = np_end
            has_noun = True
        elif template is None or (has_noun and "de {obj}" not in template):
            if not obj or (lem in NEEDS_EVENT_OBJECT and not has_noun):
                continue
            title = _drop_determiner(obj)
            head = next((NOUNS[_singular(_low(w))] for w in obj.split()
                         if _singular(_low(w)) in NOUNS), english)
        else:
            verb_start = _aux_start(words, i) if passive else ws
            named = _named_subject(clause, verb_start, timexes) if (not obj and (
                passive or lem in SUBJECT_VERBS)) or lem in MOVES else None
            if not obj and named is None and (passive or lem in SUBJECT_VERBS):
                obj = _subject(clause, verb_start)[0]  # "le nouveau pont sera inauguré"
            if not obj and lem in MOVES:
                place = _location(clause, (0, 0), timexes)
                if place is not None:
                    obj, location = place, location or place
                    prep = prep or "à"
            if not obj and "{obj}" in template:
                if lem not in ("arriver", "atterrir", "partir", "repartir", "envoler",
                               "quitter", "rentrer", "revenir", "regagner"):
                    continue
                template = {"arriver": "Arrivée", "atterrir": "Arrivée", "partir": "Départ",
                            "repartir": "Départ", "envoler": "Départ",
                            "quitter": "Départ"}.get(lem, "Retour")
            if lem == "regagner":
                obj = _FEMININE_COUNTRY.sub("en ", f"à {obj}")[2:] if _FEMININE_COUNTRY.search(
                    f"à {obj}") else obj
                if obj.startswith("en "):
                    template = "Retour {obj}"
            title = template.format(obj=obj, prep=prep or "à")
            if lem in ("affronter", "jouer") and obj[:1].isupper():
                home = _subject(clause, ws)[0]
                if home[:1].isupper() and len(home.split()) <= 4:
                    title = f"{home} - {obj}"  # "Marseille affrontera Montpellier"
            if named is not None:
                # "Une manifestation partira de la gare de l'Est": the march, from there; "La
                # messe de minuit sera célébrée", "Le marché de Noël ouvrira": what it names
                title, head, has_noun = _drop_determiner(named[0]), named[3], True
            obj = obj.split(" pour ")[0]  # "quitter le Maroc pour Alger": where it leaves
            if lem in MOVES and obj and (named is None or not location) and (
                    obj[:1].isupper() or _drop_determiner(obj)[:1].isupper()
                    or _low(_drop_determiner(obj).split()[0]) in _VENUES):
                location = _drop_determiner(obj).removeprefix("en ")
        return _make_fr(sentence, clause, title, head, location, english, has_noun, past,
                        (obj_start, obj_end))
    return None


_TRANSPORT = frozenset({"avion", "train", "tgv", "voiture", "bus", "car", "hélicoptère",
                        "bateau", "vélo", "jet", "métro"})


def _manner(words: list[tuple[str, int, int]], k: int) -> bool:
    """ "en privé", "en tête-à-tête" after a verb: how, not what ("dînera en privé avec X")."""
    return _low(words[k][0]) == "en" and k + 1 < len(words) and _low(words[k + 1][0]) in (
        "privé", "tête-à-tête", "aparté", "personne", "famille")


def _by_transport(words: list[tuple[str, int, int]], k: int) -> bool:
    """Whether words ``k``, ``k+1`` say how one travels ("arriveront en avion"): no place."""
    return k + 1 < len(words) and _low(words[k][0]) in ("en", "par") and _low(
        words[k + 1][0]) in _TRANSPORT


def _aux_start(words: list[tuple[str, int, int]], i: int) -> int:
    """Where the verb group of the participle at ``i`` starts ("sera" in "sera inauguré")."""
    j = i
    while j > 0 and _low(words[j - 1][0]) in _VERB_GROUP:
        j -= 1
    return words[j][1]


_VERB_GROUP = _PASSIVE_AUX | _ADVERBS | {"doit", "doivent", "va", "vont", "devrait",
                                         "devraient", "a", "ont", "est", "sont", "ne", "n'",
                                         "pas"}


#: Words that go on with the day of the sentence before: "Il se rendra ensuite au Jardin du
#: Luxembourg", "Il se sera auparavant entretenu avec ..."
_SEQUENCE = re.compile(r"\b(?:ensuite|puis|auparavant|plus\s+tard|enfin|après\s+quoi"
                       r"|dans\s+la\s+foulée)\b", re.IGNORECASE)
#: A clause about what is to come: a future form, or "va", "doit" before a verb
_FUTURE = re.compile(r"\b(?:\w{2,}(?:era|eront|ira|iront|dra|dront|tra|tront|ura|uront)|sera"
                     r"|seront|aura|auront|fera|feront|ira|iront|va|vont|doit|doivent)\b",
                     re.IGNORECASE)

#: "..., qui sera suivie d'une conférence de presse", "avant une séance de travail": one
#: more happening in sequence (an indefinite noun phrase after "avant")
_CHAINED = Gated(re.compile(
    r"(?<!\w)(?:suivie?s?\s+(?:d['’]\s*(?:un|une)|du|de\s+la|de\s+l['’]|des)"
    r"|(?<!jours\s)(?<!heures\s)(?<!semaines\s)(?<!mois\s)(?<!peu\s)(?<!juste\s)"
    r"(?:avant|après)\s+(?:un|une)|après\s+(?:la|le|l['’])"
    # "avant de participer à un dîner officiel", "avant d'accorder des audiences"
    r"|(?<!jours\s)(?<!heures\s)(?<!semaines\s)avant\s+d(?:e\s+|['’]\s*)(?!s['’]|se\s)\w+\s+"
    r"(?:(?:à\s+)?(?:un|une|le|la|les|l['’]|des|du|quelques)|au|aux))\s*(?=\w)",
    re.IGNORECASE),
    ("suivi", "avant", "après"))

FRENCH = Finder(
    could_hold=could_hold_mentions, find=find_mentions,
    noun_mention=partial(noun_mention, nouns=_noun_mention),
    between=partial(mention_between, subjects=_subject_mention, nouns=_noun_mention),
    calendar_heads=CALENDAR_HEADS, sequence=_SEQUENCE, future=_FUTURE,
    chained=_CHAINED)
