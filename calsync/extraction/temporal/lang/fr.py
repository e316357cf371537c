"""French: words, patterns and normalisation tables for the one engine.

Each rule has the named groups of the English rule whose handler resolves it (``HANDLER_OF``),
and ``normalize`` turns what it captured into the engine's canonical words ("mardi" ->
"tuesday", "prochain" -> "next", "trois" -> "3", "15 h" -> "15:00"), so a French date is
resolved by the same rules as an English one. Tense markers are French: the simple future
("se rendra", "aura lieu"), the near future ("va signer"), the passé composé ("a annoncé").
"""

from __future__ import annotations

import re

from calsync.extraction.temporal.lang import Grammar

_MONTHS = {
    "janvier": "january", "janv": "january", "février": "february", "fevrier": "february",
    "févr": "february", "mars": "march", "avril": "april", "avr": "april", "mai": "may",
    "juin": "june", "juillet": "july", "juil": "july", "août": "august", "aout": "august",
    "septembre": "september", "sept": "september", "octobre": "october", "oct": "october",
    "novembre": "november", "nov": "november", "décembre": "december", "decembre": "december",
    "déc": "december", "dec": "december", "fevr": "february",
}
_WEEKDAYS = {
    "lundi": "monday", "mardi": "tuesday", "mercredi": "wednesday", "jeudi": "thursday",
    "vendredi": "friday", "samedi": "saturday", "dimanche": "sunday",
}
_UNITS = {
    "seconde": "second", "secondes": "seconds", "minute": "minute", "minutes": "minutes",
    "heure": "hour", "heures": "hours", "jour": "day", "jours": "days", "journée": "day",
    "journées": "days", "nuit": "night", "nuits": "nights", "semaine": "week",
    "semaines": "weeks", "week-end": "weekend", "week-ends": "weekends", "weekend": "weekend",
    "mois": "month", "trimestre": "quarter", "trimestres": "quarters", "an": "year",
    "ans": "years", "année": "year", "années": "years", "décennie": "decade",
    "décennies": "decades", "siècle": "century", "siècles": "centuries",
}
_PODS = {
    "matin": "morning", "matinée": "morning", "après-midi": "afternoon", "soir": "evening",
    "soirée": "evening", "nuit": "night",
}
_SEASONS = {"été": "summer", "hiver": "winter", "printemps": "spring", "automne": "autumn"}
_NUMBERS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "dix-sept": 17, "dix-huit": 18, "dix-neuf": 19, "vingt": 20,
    "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100,
    "premier": 1, "première": 1, "1er": 1, "1re": 1,
}
#: relation words -> the engine's ("the following", "next", ...)
_RELS = {
    "prochain": "next", "prochaine": "next", "prochains": "next", "prochaines": "next",
    "dernier": "last", "dernière": "last", "derniers": "last", "dernières": "last",
    "passé": "last", "passée": "last", "passés": "last", "passées": "last",
    "ce": "this", "cet": "this", "cette": "this", "en cours": "this",
    "suivant": "the following", "suivante": "the following", "d'après": "the following",
    "suivants": "the following", "suivantes": "the following",
    "précédent": "the previous", "précédente": "the previous", "d'avant": "the previous",
    "précédents": "the previous", "précédentes": "the previous",
    "le même": "the same", "ce même": "the same", "la même": "the same",
    "le lendemain": "the following", "la veille": "the previous",
    "le surlendemain": "the day after next", "l'avant-veille": "the day before the previous",
    "le jour même": "the same", "le même jour": "the same", "ce jour-là": "that",
    "ce même jour": "the same",
}
_DIRS = {
    "plus tard": "later", "plus tôt": "earlier", "auparavant": "earlier", "après": "after",
    "avant": "before",
}
_QS = {
    "environ": "about", "vers": "about", "près de": "nearly", "presque": "nearly",
    "plus de": "more than", "moins de": "less than", "au moins": "at least",
    "au plus": "at most", "jusqu'à": "up to", "quelque": "about", "aux alentours de": "about",
}
_HOLIDAY_REL = {
    "veille": "eve", "lendemain": "day after", "nuit": "night of", "soirée": "evening of",
    "soir": "evening of", "matin": "morning of", "week-end": "weekend of", "semaine": "week of",
}
_ADVS = {
    "quotidiennement": "daily", "hebdomadairement": "weekly", "mensuellement": "monthly",
    "annuellement": "annually",
}

_MOIS = (r"(?:janvier|janv\.|f[ée]vrier|f[ée]vr\.|mars|avril|avr\.|mai|juin|juillet|juil\."
         r"|ao[ûu]t|septembre|sept\.|octobre|oct\.|novembre|nov\.|d[ée]cembre|d[ée]c\.)"
         r"(?![\w-])")
_JOUR = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)(?![\w-])"
_JOURS_PL = r"(?:lundis|mardis|mercredis|jeudis|vendredis|samedis|dimanches)(?![\w-])"
_NUM_WORDS = "|".join(sorted((w for w in _NUMBERS if not w[0].isdigit()), key=len,
                             reverse=True))
_NUM = (rf"(?:\d+(?:[,.]\d+)?|vingt-(?:et-un|deux|trois|quatre|cinq|six|sept|huit|neuf)"
        rf"|(?:{_NUM_WORDS})(?![\w-])|quelques|plusieurs|une\s+dizaine\s+de|une\s+quinzaine\s+de"
        rf"|une\s+vingtaine\s+de|une\s+centaine\s+de)")
_UNIT = (r"(?:secondes?|minutes?|heures?|jours?|journées?|nuits?|semaines?|week-ends?|mois"
         r"|trimestres?|ans|an|années?|décennies?|siècles?)(?![\w-])")
_DAY = r"(?:1er|1re|premier|3[01]|[12]\d|0?[1-9])(?![\d\w])"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)(?![\d%]|[,.]\d)"
_POD = r"(?:matin|matinée|après[-\s]midi|soir|soirée|nuit)(?![\w-])"
_MODS = (r"(?:(?:à\s+la\s+|en\s+|vers\s+la\s+|dès\s+la\s+|jusqu['’]à\s+la\s+)?(?:fin|mi)"
         r"|(?:au\s+|en\s+|dès\s+le\s+|depuis\s+le\s+)?début|au\s+milieu|courant)")
_REL_AFTER = (r"(?:prochaine?s?|dernier|dernière|derniers|dernières|passée?s?|suivante?s?"
              r"|précédente?s?"
              r"|en\s+cours|d['’]après|d['’]avant)(?![\w-])")
_HOL = (
    r"(?:(?-i:Toussaint|Ascension|Assomption|Armistice|Noël|(?:[Ll]undi\s+de\s+)?Pentecôte"
    r"|(?:[Ll]undi\s+de\s+)?Pâques|Saint-Sylvestre|(?:14|[Qq]uatorze)[\s-]Juillet|11[\s-]Novembre"
    r"|8[\s-]Mai|1er[\s-]Mai)"
    r"|jour\s+de\s+l['’]an|nouvel\s+an|fête\s+(?:nationale|du\s+travail|de\s+la\s+victoire))"
    r"(?![\w-]|\s+\d)"
)


def _clock(sfx: str) -> str:
    return (rf"(?:(?P<hh{sfx}>[01]?\d|2[0-3])\s?(?:h|H)(?P<hx{sfx}>eures?)?"
            rf"(?:\s?(?P<mm{sfx}>[0-5]\d))?(?![\w\d])"
            rf"|(?P<hc{sfx}>[01]?\d|2[0-3]):(?P<mc{sfx}>[0-5]\d)(?![\d:])"
            rf"|(?P<named{sfx}>midi|minuit)(?![\w-]))")


_ZONE = (r"(?P<zone>GMT|UTC|heure\s+de\s+Paris|heure\s+française|heure\s+de\s+New\s+York"
         r"|heure\s+de\s+Londres|heure\s+locale|locales?)")

RULES: tuple[tuple[str, str], ...] = (
    ("iso", r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d-])"),
    ("numeric", r"\b(?P<b>[0-3]?\d)/(?P<a>[01]?\d)/(?P<y>\d{4}|\d{2})(?![\d/])"),
    ("time_range",
     r"(?:(?P<pre>de|entre)\s+)?" + _clock("1") + r"\s*(?:-|–|à|et)\s*" + _clock("2")
     + rf"(?:\s+\(?{_ZONE}\)?)?"),
    ("time",
     r"(?:(?P<q>vers|environ|aux\s+alentours\s+de|aux\s+environs\s+de|peu\s+avant"
     r"|peu\s+après)\s+)?" + _clock("")
     + rf"(?:\s+\(?{_ZONE}\)?)?"),
    ("holiday_mod",
     r"(?:la\s+|le\s+)?(?P<rel>veille|lendemain|nuit|soirée|soir|matin|week-end|semaine)"
     rf"\s+(?:de\s+la\s+|de\s+l['’]|du\s+|de\s+)(?P<h>{_HOL})"),
    ("holiday", _HOL),
    ("weekday_night",
     rf"(?:dans\s+)?la\s+nuit\s+(?:de|du)\s+(?P<wd>{_JOUR})\s+(?:à|au)\s+(?P<wd2>{_JOUR})"),
    ("dmy",
     r"(?:(?:le|les|ce)\s+|(?:du|entre\s+le)\s+(?=(?:\w+\s+)?\d+\w*\s*(?:-|–|au|et)\s))?"
     rf"(?:(?P<wd>{_JOUR})\s+)?(?P<d>{_DAY})"
     rf"(?:\s*(?:-|–|au|et(?:\s+le)?)\s*(?P<d2>{_DAY}))?\s+(?P<mon>{_MOIS})"
     rf"(?:\s+(?P<y>{_YEAR})|\s+(?P<y2>\d\d)(?=\s*[,.;:)]|\s+(?:à|et|au|dans)\b))?"
     rf"(?:\s+(?P<tense>prochaine?s?|dernier|dernière|derniers|dernières)(?![\w-]))?"),
    ("month_year",
     rf"(?:(?P<mod>{_MODS})[-\s]+(?:de\s+|d['’])?)?(?:(?:le\s+)?mois\s+d['’]\s*)?"
     rf"(?P<mon>{_MOIS})\s+(?:(?P<y>{_YEAR})|(?P<y2>\d\d)(?![\d\w]))"),
    ("reltime_day",
     r"(?P<w>aujourd['’]hui|demain|hier|après-demain|avant-hier)(?![\w-])"
     r"(?:,?\s+(?P<early>en\s+(?:début|fin)\s+d['’]|en\s+(?:début|fin)\s+de\s+|en\s+"
     rf"|dans\s+la\s+)?(?P<pod>{_POD}))?(?:\s+(?P<wdx>{_JOUR}))?"),
    ("this_pod",
     rf"(?P<rel>ce|cet|cette|le\s+lendemain|la\s+veille)\s+(?:au\s+)?(?P<pod>{_POD})"
     r"(?P<la>-là)?"),
    ("weekday",
     r"(?:(?P<rel>ce\s+même|le\s+même|ce|cette)\s+)?"
     rf"(?P<wd>{_JOUR})(?:\s+(?P<pod>{_POD}))?(?:\s+(?P<rel2>{_REL_AFTER}))?"
     r"(?:\s+(?P<nw>de\s+la\s+semaine\s+(?:prochaine|dernière|passée)))?"),
    ("rel_unit",
     rf"(?:(?P<mod>{_MODS})\s+(?:de\s+la\s+|de\s+l['’]|du\s+|de\s+ce\s+|de\s+cette\s+)?)?"
     r"(?:(?P<rel>cette|cet|ce)\s+(?P<unit>semaine|week-end|mois|année|an|trimestre|été|hiver"
     r"|printemps|automne)(?:-ci)?(?![\w-])"
     r"|(?:(?:la|le|les|l['’])\s*)?(?P<unit2>semaine|week-end|mois|année|an|trimestre|été"
     rf"|hiver|printemps|automne|décennie|siècle|{_MOIS})\s+(?P<rel2>{_REL_AFTER}))"),
    ("anaphora_day",
     r"(?P<rel>le\s+lendemain|la\s+veille|le\s+surlendemain|l['’]avant-veille"
     r"|le\s+jour\s+même|le\s+même\s+jour|ce\s+jour-là|ce\s+même\s+jour)(?![\w-])"
     r"(?!\s+(?:de|du|des|d['’]))"),
    ("ago_ilya",
     r"(?:il\s+y\s+a|voici|voilà)\s+(?:(?P<q>environ|près\s+de|plus\s+de|moins\s+de)\s+)?"
     rf"(?P<n>{_NUM})\s+(?P<unit>{_UNIT})"),
    ("ago",
     r"(?:(?P<q>environ|près\s+de|plus\s+de|moins\s+de)\s+)?"
     rf"(?P<n>{_NUM})\s+(?P<unit>{_UNIT})\s+(?P<dir>plus\s+tard|plus\s+tôt|auparavant|après"
     r"|avant)(?![\w-])(?!\s+(?:le|la|les|l['’]|son|sa|ses|leur|leurs|de|du|des|d['’]|que|qu['’]"
     r"|un|une|cette|ce|cet)\b)"),
    ("in_dur",
     rf"(?:(?P<in>en)|dans)\s+(?P<n>{_NUM})\s+(?P<unit>{_UNIT})"),
    ("set",
     rf"(?:(?P<every>chaque)\s+(?P<unit>{_JOUR}|{_POD}|{_MOIS}|été|hiver|printemps|automne"
     r"|seconde|minute|heure|jour|journée|nuit|semaine|week-end|mois|trimestre|année|an)"
     r"(?![\w-])"
     r"|(?:tous|toutes)\s+les\s+(?:(?P<n>deux|trois|quatre|cinq|six|dix|quinze|\d+)\s+)?"
     rf"(?P<unit2>{_JOURS_PL}|jours|ans|mois|semaines|heures|minutes|années|matins|soirs"
     r"|nuits|week-ends|étés|hivers)(?![\w-])"
     r"|(?P<adv>quotidiennement|hebdomadairement|mensuellement|annuellement))"),
    ("vague",
     r"(?:(?P<rel>ces|les)\s+(?P<rel2>derniers|dernières|prochains|prochaines)\s+"
     r"(?P<unit>jours|semaines|mois|années|ans|heures|décennies|siècles))(?![\w-])"),
    ("duration",
     r"(?:(?P<q>environ|près\s+de|presque|plus\s+de|moins\s+de|au\s+moins|au\s+plus"
     r"|jusqu['’]à|quelque)\s+)?"
     rf"(?P<n>{_NUM})\s+(?P<unit>{_UNIT})(?P<half2>\s+et\s+demie?)?"),
    ("ref",
     r"(?:(?P<now>maintenant|actuellement|à\s+l['’]heure\s+actuelle|de\s+nos\s+jours"
     r"|à\s+présent|en\s+ce\s+moment|aujourd['’]hui\s+encore)"
     r"|(?P<past>récemment|naguère|autrefois|auparavant|dernièrement|jadis)"
     r"|(?P<future>à\s+l['’]avenir|le\s+futur|prochainement))(?![\w-])"),
    ("decade",
     r"(?:(?:les|des|aux)\s+)?années\s+(?:(?P<dec>(?:1[5-9]|20)\d)0|(?P<dec2>\d)0)(?!\d)"),
    ("season",
     r"(?:l['’]|le\s+|en\s+|au\s+)?(?P<s>été|hiver|printemps|automne)\s+(?:de\s+)?"
     rf"(?P<y>{_YEAR})"),
    ("season_alone",
     r"(?:l['’]|en\s+)(?P<s>été|hiver|automne)(?![\w-])|au\s+(?P<s2>printemps)(?![\w-])"),
    ("month",
     rf"(?:(?P<mod>{_MODS})[-\s]+(?:de\s+|d['’])?)?(?:(?:le\s+)?mois\s+d['’]\s*)?"
     rf"(?P<mon>{_MOIS})(?!\s+\d)"),
    ("year",
     rf"(?<![\d.,/-])(?:(?P<mod>{_MODS})[-\s]+(?:de\s+l['’]année\s+|d['’]|de\s+)?)?"
     rf"(?:(?:l['’]année|l['’]an|l['’]exercice)\s+)?(?P<y>{_YEAR})\b"
     r"(?![-/]\d|\s*(?:%|€|euros?|francs?|dollars?|habitants|personnes|km|mètres|m\b|kg"
     r"|tonnes|voix|emplois|logements|salariés|élèves|hectares))"),
    # "Suivront les 8 et 9 avril, 13 et 14, 18 et 19 puis 28 et 29": a calendar's bare pairs
    # of days, in a list (after a comma, a colon, "puis" or "et"), in the month in force
    ("daylist",
     rf"(?:(?<=[,:]\s)|(?<=\bpuis\s)|(?<=\bet\s))(?:les?\s+)?(?P<d>{_DAY})\s+et\s+(?:le\s+)?"
     rf"(?P<d2>{_DAY})(?=\s*(?:[,.;]|$|\s+(?:puis|et)\s+(?:les?\s+)?\d))"),
    ("dom",
     rf"(?:le|les)\s+(?P<d>{_DAY})(?=\s*(?:[.,;:)]|$|\s+(?:et|au|à|ou|dernier|prochain)\b))"
     r"(?!\s*,?\s*(?:rue|avenue|boulevard|bd|place|chemin|route|allée|impasse|quai)\b)"),
    ("pod_alone",
     r"(?:(?:dans|pendant|durant)\s+)?(?:la\s+|l['’])(?P<pod>nuit|soirée|matinée|après[-\s]midi)"
     r"(?![\w-])"
     r"|en\s+(?:(?:début|fin)\s+(?:de\s+|d['’]))?(?P<pod2>soirée|matinée|après[-\s]midi)"
     r"(?![\w-])"),
)

HANDLER_OF = {"weekday_night": "weekday", "ago_ilya": "ago"}

_FIRST_STOP = frozenset("""le la les l du de des d au aux en dans il y a voici voilà ce cet cette
ces vers environ chaque tous toutes entre pendant durant""".split())

KEY_WORDS = frozenset(
    {m.rstrip(".") for m in _MONTHS} | set(_WEEKDAYS) | {w + "s" for w in _WEEKDAYS}
    | {u.split("-")[0] for u in _UNITS} | {"end", "ends"}
    | {"aujourd", "demain", "hier", "midi", "minuit", "matin", "matinée", "matins", "soir",
       "soirs", "soirée", "nuit", "nuits", "été", "étés", "hiver", "hivers", "printemps",
       "automne", "lendemain", "veille", "surlendemain", "maintenant", "actuellement",
       "actuelle", "présent", "moment", "récemment", "naguère", "autrefois", "auparavant",
       "dernièrement", "jadis", "avenir", "futur", "prochainement", "quotidiennement",
       "hebdomadairement", "mensuellement", "annuellement", "toussaint", "ascension",
       "assomption", "armistice", "noël", "pentecôte", "pâques", "sylvestre", "an",
       "nationale", "travail", "victoire", "jours", "avant", "après", "mi"}
)
_K = frozenset({"k"})
KEY_CLASSES = {"#": frozenset({"digit"}), **dict.fromkeys(KEY_WORDS, _K)}
RULE_CLASSES = {name: frozenset({"k", "digit"}) for name, _ in RULES}

_SPACES = re.compile(r"\s+")


def _n(s: str | None) -> str:
    out = _SPACES.sub(" ", s.lower().replace("’", "'")).strip() if s else ""
    return out.replace("après midi", "après-midi")  # ("Dans l'après midi", unhyphenated)


def _number(word: str) -> str:
    w = _n(word).replace(",", ".")
    if w in ("quelques", "plusieurs"):
        return "a few"
    if w.startswith("une ") and w.endswith(" de"):  # "une dizaine de": about ten
        return {"dizaine": "10", "quinzaine": "15", "vingtaine": "20",
                "centaine": "100"}.get(w.split()[1], "a few")
    if w.startswith("vingt-"):
        tail = w.removeprefix("vingt-").removeprefix("et-")
        return str(20 + _NUMBERS.get(tail, 0))
    if w in _NUMBERS:
        return str(_NUMBERS[w])
    return w


#: before "N ans", an age: "âgé de 40 ans", "à 20 ans", "un chauffeur de 38 ans", "les 6-16
#: ans" (but "plus de 20 ans", "une peine de 10 ans" are lengths of time)
_AGE_BEFORE = re.compile(
    r"(?:âgée?s?\s+de|\bâge\s+de|\bà|,|[-–]|(?<!\bplus)(?<!\bmoins)(?<!\bprès)(?<!\bpeine)"
    r"(?<!\bpeines)(?<!\bdurée)(?<!\bpériode)(?<!\bespace)(?<!\bbout)(?<!\bterme)"
    r"(?<!\bcours)(?<!\bmandat)(?<!\bcontrat)(?<!\bprison)(?<!\bréclusion)\s+de)\s*$",
    re.IGNORECASE)
_AT_BEFORE = re.compile(r"(?:\bà|\bvers|\bdès|\bavant|\baprès|jusqu['’]à|\bde|\bet)\s+$",
                        re.IGNORECASE)
#: "1h30 de spectacle", "2 heures de débat": how long something lasts (not "de l'après-midi")
_LENGTH_OF = re.compile(r"\s+d(?:e\s+|['’]\s*)(?!l['’]après|la\s+(?:matinée|soirée|nuit)|ce\s+"
                        r"|cette\s+)[a-zà-ÿ]", re.IGNORECASE)
#: "(18 heures)": a clock in brackets after a programme item, not a length of time
_BRACKETED = re.compile(r"\(\s*$")
_BRACKET_CLOSE = re.compile(r"\s*\)")
_MASS_BEFORE = re.compile(r"\bmesses?\s+de\s+$", re.IGNORECASE)
_CAPITAL_MARS_BEFORE = re.compile(r"(?:sur|vers|de|planète)\s+$", re.IGNORECASE)


def normalize(rule: str, g: dict[str, str], text: str, s: int, e: int) -> dict[str, str] | None:
    """The groups of a French match in the engine's words, or None to drop the match."""
    out = dict(g)
    for key in ("mon",):
        if out.get(key):
            out[key] = _MONTHS[_n(out[key]).rstrip(".")]
    for key in ("wd", "wdx"):
        if out.get(key):
            out[key] = _WEEKDAYS[_n(out[key])]
    if out.get("pod"):
        out["pod"] = _PODS[_n(out["pod"])]
    for key in ("d", "d2"):
        if out.get(key):
            out[key] = _number(out[key])
    if out.get("early"):
        early = _n(out["early"])
        out["early"] = "early" if "début" in early else "late" if "fin" in early else ""
    if out.get("q"):
        out["q"] = _QS.get(_n(out["q"]), "about")
    if out.get("mod"):
        mod = _n(out["mod"])
        out["mod"] = ("mid" if "mi" in mod.split() or mod.endswith("mi") else
                      "end of" if "fin" in mod else "beginning of" if "début" in mod else
                      "middle of" if "milieu" in mod else "")  # "courant": no modifier
    if out.get("y2") and not out.get("y"):
        y = int(out["y2"])
        out["y"] = str(1900 + y if y >= 50 else 2000 + y)
    if rule == "time" and not out.get("q") and _LENGTH_OF.match(text, e) and \
            not _AT_BEFORE.search(text, max(0, s - 12), s):
        return None  # "1h30 de spectacle": a length of time, no time of day
    if rule in ("time", "time_range"):
        for sfx in ("", "1", "2"):
            if out.get("hc" + sfx):
                out["hh" + sfx], out["mm" + sfx] = out["hc" + sfx], out["mc" + sfx]
            elif out.get("hh" + sfx):
                out["mm" + sfx] = out.get("mm" + sfx) or "00"
                if out.get("hx" + sfx) and rule == "time" and not out.get("q") \
                        and not _AT_BEFORE.search(
                        text, max(0, s - 12), s) and not (
                        _BRACKETED.search(text, max(0, s - 3), s)
                        and _BRACKET_CLOSE.match(text, e)):
                    return None  # "trois heures" without "à": a length of time
            elif out.get("named" + sfx):
                if _MASS_BEFORE.search(text, max(0, s - 12), s):
                    return None  # "la messe de minuit": a name, said the evening before
                out["named" + sfx] = "noon" if _n(out["named" + sfx]) == "midi" else "midnight"
        if out.get("zone"):
            z = _n(out["zone"])
            out["zone"] = ("paris" if "paris" in z or "française" in z else "new york"
                           if "york" in z else "london" if "londres" in z else
                           "utc" if z == "utc" else "gmt" if z == "gmt" else "")
        return out
    if rule == "holiday_mod":
        out["rel"] = _HOLIDAY_REL[_n(out["rel"])]
        return out
    if rule == "weekday_night":
        out["pod"] = "night"
        return out
    if rule == "dmy":
        if out.get("tense"):
            out["tense"] = "future" if _n(out["tense"]).startswith("prochain") else "past"
        return out
    if rule == "reltime_day":
        w = _n(out["w"])
        out["w"], out["dd"] = {
            "aujourd'hui": ("today", ""), "demain": ("tomorrow", ""), "hier": ("yesterday", ""),
            "après-demain": ("tomorrow", "after"), "avant-hier": ("yesterday", "before"),
        }[w]
        return out
    if rule == "this_pod":
        rel = _n(out["rel"])
        out["rel"] = "that" if out.get("la") else _RELS.get(rel, "this")
        return out
    if rule == "weekday":
        rel = _n(out.get("rel2")) or _n(out.get("rel"))
        # "ce même lundi": the Monday of the days in focus, on or after the day last named
        out["rel"] = "that" if rel in ("ce même", "le même") else _RELS.get(rel, "")
        if out.get("nw"):
            out["nw"] = " next week" if "prochaine" in out["nw"] else " last week"
        return out
    if rule == "rel_unit":
        rel = _n(out.get("rel") or out.get("rel2"))
        unit = _n(out.get("unit") or out.get("unit2"))
        out["rel"] = _RELS[rel.replace("’", "'")]
        out["unit"] = (_MONTHS.get(unit.rstrip("."), "") or _SEASONS.get(unit)
                       or _UNITS[unit].rstrip("s"))
        if out["unit"] == "centurie":
            out["unit"] = "century"
        return out
    if rule == "anaphora_day":
        out["rel"] = _RELS[_n(out["rel"])]
        return out
    if rule in ("ago", "ago_ilya", "in_dur", "duration"):
        out["n"] = _number(out["n"])
        unit = _n(out["unit"])
        out["unit"] = _UNITS[unit]
        if rule in ("ago_ilya", "in_dur", "ago") and out["n"] in ("8", "15") \
                and out["unit"] == "days" and _n(g["n"]) in ("huit", "quinze", "8", "15"):
            # "dans huit jours", "il y a quinze jours": a week, a fortnight
            out["n"], out["unit"] = ("1", "week") if out["n"] == "8" else ("2", "weeks")
        if rule == "ago_ilya":
            out["dir"] = "ago"
        elif rule == "ago":
            out["dir"] = _DIRS[_n(out["dir"])]
        elif rule == "duration":
            if unit in ("an", "ans") and _AGE_BEFORE.search(text, max(0, s - 12), s):
                return None  # an age: "âgé de 40 ans", "à 20 ans"
            if unit == "seconde" and _n(g["n"]) == "une" and text[e:e + 2].strip(" ")[:1].isalpha():
                return None  # "une seconde fois": an ordinal
            if out.get("half2"):
                out["half2"] = " and a half"
        return out
    if rule == "set":
        if out.get("adv"):
            out["adv"] = _ADVS[_n(out["adv"])]
            return out
        unit = _n(out.get("unit") or out.get("unit2"))
        if unit.endswith("s") and unit[:-1] in _WEEKDAYS:
            unit = unit[:-1]
        out["unit"] = (_WEEKDAYS.get(unit) or _MONTHS.get(unit) or _SEASONS.get(unit.rstrip("s"))
                       or _PODS.get(unit.rstrip("s")) or _UNITS.get(unit) or "day")
        out["unit2"] = ""
        if out.get("n"):
            out["n"] = _number(out["n"])
        return out
    if rule == "vague":
        out["rel"] = "the past" if _n(out["rel2"]).startswith("derni") else "the next"
        out["unit"] = _UNITS[_n(out["unit"])]
        return out
    if rule in ("season", "season_alone"):
        out["s"] = _SEASONS[_n(out.get("s") or out.get("s2"))]
        return out
    if rule == "month":
        if g["mon"] == "Mars" and _CAPITAL_MARS_BEFORE.search(text, max(0, s - 10), s):
            return None  # the planet
        return out
    if rule == "pod_alone":
        if not out.get("pod"):
            out["pod"] = _PODS[_n(out["pod2"])]
        return out
    return out


_F = (r"\b(?:[a-zàâçéèêëîïôûùüÿœ]{2,}(?:era|eras|eront|ira|iront|dra|dront|vra|vront|ura"
      r"|uront|rra|rront|tra|tront)|aura|auront|sera|seront|fera|feront|ira|iront|pourra"
      r"|pourront|devra|devront|viendra|viendront|tiendra|tiendront)\b"
      r"|\b(?:va|vont|allons|allez)\s+(?:(?:se|s['’]|l['’]|le|la|les|lui|leur|y|en|donc"
      r"|bientôt|enfin|ensuite|également|aussi)\s*)*[a-zàâçéèêëîïôûùüÿœ]+(?:er|ir|re|oir)\b"
      r"|\b(?:doit|doivent|devrait|devraient|compte|comptent|prévoit|prévoient|envisage"
      r"|envisagent)\s+(?:[a-zàâçéèêëîïôûùüÿœ'’]+\s+){0,2}?"
      r"[a-zàâçéèêëîïôûùüÿœ]+(?:er|ir|re|oir)\b"
      # "quatre jours avant de remettre": what comes N days on
      r"|\bjours\s+avant\s+d[e'’]\s*(?:\w+\s+){0,2}?\w+(?:er|ir|re)\b"
      r"|\b(?:prévue?s?|programmée?s?|attendue?s?|annoncée?s?\s+pour|fixée?s?\s+au|(?:report|repouss|décal)ée?s?"
      r"\s+(?:au|à)|à\s+venir|prochaine?s?|jusqu['’](?:à|au)|à\s+partir\s+d)")
_P = (r"\b(?:a|ont|avait|avaient|avons|avez|ai|eut|eurent|est|sont|était|étaient|fut|furent)"
      r"\s+(?:(?:pas|déjà|été|aussi|ensuite|alors|notamment|également|enfin|encore|bien|"
      r"très|longtemps|[a-zàâçéèêëîïôûùüÿœ]+ment)\s+)*"
      r"[a-zàâçéèêëîïôûùüÿœ]+(?:é|ée|és|ées|i|ie|is|ies|it|u|ue|us|ues|ert|erte|ort|aint"
      r"|eint|ait|uit)\b"
      r"|\b[a-zàâçéèêëîïôûùüÿœ]{3,}(?:ait|aient)\b|\b(?:hier|passée?s?"
      r"|il\s+y\s+a|déjà|avant-hier)\b"
      # "la semaine dernière", "mardi dernier", "ces derniers jours" (but "sa dernière séance"
      # is the final one, to come)
      r"|\b(?:semaines?|mois|années?|ans?|week-ends?|soirs?|jours?|fois|temps|lundi|mardi"
      r"|mercredi|jeudi|vendredi|samedi|dimanche|janvier|février|mars|avril|mai|juin|juillet"
      r"|août|septembre|octobre|novembre|décembre|printemps|été|automne|hiver)\s+derni"
      r"(?:er|ère|ers|ères)\b|\b(?:ces|la)\s+derni(?:ers|ères|ère)\s+(?:fois|jours|semaines"
      r"|mois|années)\b")
_MARKERS = re.compile(rf"(?P<f>{_F})|(?P<p>{_P})", re.IGNORECASE)
#: "est prévu", "sont attendus": the auxiliary of an arrangement, not a past tense
_ARRANGED = re.compile(r"(?:prévue?s?|programmée?s?|attendue?s?|fixée?s?|annoncée?s?"
                       r"|convoquée?s?|invitée?s?|appelée?s?)$", re.IGNORECASE)


def markers(text: str, lo: int, hi: int) -> list[tuple[int, int, bool]]:
    """French tense markers of ``text[lo:hi]``: (start, end, is_future)."""
    out = []
    for m in _MARKERS.finditer(text, lo, hi):
        future = m.lastgroup == "f"
        if not future and (m.group().lower().startswith(("est ", "sont "))
                           and _ARRANGED.search(m.group())):
            future = True
        out.append((m.start(), m.end(), future))
    return out


GRAMMAR = Grammar(
    code="fr",
    rules=RULES,
    handler_of=HANDLER_OF,
    key_words=KEY_WORDS,
    key_classes=KEY_CLASSES,
    rule_classes=RULE_CLASSES,
    words=re.compile(r"[^\W\d_]+|\d+"),
    normalize=normalize,
    markers=markers,
    sentence_end=re.compile(
        r"[.!?\n](?:(?<=[.!?])[\"”’»)]?\s+(?=[A-ZÀÂÇÉÈÊÎÔÛ“\"(«])|(?<=\n))"),
    weekday_pods=frozenset({"morning", "afternoon", "evening", "night"}),
    holiday_language="fr",
    timeml_joins=False,
    weekday_words=frozenset(_WEEKDAYS),
    range_mid=re.compile(r"\s*(?:-|–|—|au|à|jusqu['’]au)\s*$", re.IGNORECASE),
    range_mid_and=re.compile(r"\s+et\s+(?:le\s+)?$", re.IGNORECASE),
    range_open=re.compile(r"\b(?:du|de|entre)\s+$", re.IGNORECASE),
    range_between="entre",
    reported_on=re.compile(
        r"\b(?:a|ont|avait|avaient)\s+(?:annoncé|indiqué|déclaré|précisé|affirmé|confirmé"
        r"|expliqué|dit|ajouté|assuré|souligné|rapporté|fait\s+savoir)\s+(?:\w+\s+){0,2}$"
        # "a dévoilé sa journée du 9 septembre, ce vendredi 28 juin": when it was done
        r"|\b(?:a|ont)\s+(?:\w+ment\s+)?\w{3,}(?:é|ée|és|ées|is|it)\s[^.;!?\n]{0,50},\s*$",
        re.IGNORECASE),
    day_time_link=re.compile(r"[ \t]*(?:,[ \t]*)?(?:à\s+|le\s+|dès\s+|de\s+)?$",
                             re.IGNORECASE),
)
