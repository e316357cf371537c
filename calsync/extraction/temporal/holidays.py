"""Holiday names to dates, from the ``holidays`` package.

The package is imported lazily, the first time a text names a holiday-like phrase, and its
calendars are cached per (country, year). The alias table only maps common names to the
package's own names plus a day offset ("Christmas Eve" is the day before "Christmas Day");
every date comes from the package.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

#: common name -> (name in the package, days to add, years to add to the looked-up year)
ALIASES: dict[str, tuple[str, int, int]] = {
    "bastille day": ("national day", 0, 0),
    "fete nationale": ("national day", 0, 0),
    "thanksgiving": ("thanksgiving day", 0, 0),
    "christmas": ("christmas day", 0, 0),
    "christmas eve": ("christmas day", -1, 0),
    "new year's eve": ("new year's day", -1, 1),
    "new year": ("new year's day", 0, 0),
    "new years day": ("new year's day", 0, 0),
    "easter": ("easter monday", -1, 0),
    "easter sunday": ("easter monday", -1, 0),
    "whit monday": ("pentecost monday", 0, 0),
    "whitsun": ("pentecost monday", -1, 0),
    "pentecost": ("pentecost monday", -1, 0),
    "labour day": ("labor day", 0, 0),
    "mlk day": ("martin luther king jr. day", 0, 0),
    "martin luther king day": ("martin luther king jr. day", 0, 0),
    "presidents day": ("washington's birthday", 0, 0),
    "presidents' day": ("washington's birthday", 0, 0),
    "president's day": ("washington's birthday", 0, 0),
    "veteran's day": ("veterans day", 0, 0),
    "veterans' day": ("veterans day", 0, 0),
    "remembrance day": ("armistice day", 0, 0),
    "juneteenth": ("juneteenth national independence day", 0, 0),
    "fourth of july": ("independence day", 0, 0),
    "july fourth": ("independence day", 0, 0),
    "v-e day": ("victory day", 0, 0),
    "ve day": ("victory day", 0, 0),
    "all saints day": ("all saints' day", 0, 0),
    "assumption": ("assumption day", 0, 0),
    "ascension": ("ascension day", 0, 0),
}

#: French names -> the package's French names (``language="fr"``), offsets as above
ALIASES_FR: dict[str, tuple[str, int, int]] = {
    "14 juillet": ("fête nationale", 0, 0),
    "quatorze juillet": ("fête nationale", 0, 0),
    "11 novembre": ("armistice", 0, 0),
    "8 mai": ("fête de la victoire", 0, 0),
    "1er mai": ("fête du travail", 0, 0),
    "pentecôte": ("lundi de pentecôte", -1, 0),
    "pâques": ("lundi de pâques", -1, 0),
    "nouvel an": ("jour de l'an", 0, 0),
    "saint-sylvestre": ("jour de l'an", -1, 1),
    "jour de noël": ("noël", 0, 0),
    "l'armistice": ("armistice", 0, 0),
    # the days named by their date are also written with a hyphen: "le 11-Novembre"
    "14-juillet": ("fête nationale", 0, 0),
    "11-novembre": ("armistice", 0, 0),
    "8-mai": ("fête de la victoire", 0, 0),
    "1er-mai": ("fête du travail", 0, 0),
}
_ALIASES = {"en": ALIASES, "fr": ALIASES_FR}

_SPACES = re.compile(r"\s+")


def normalize(name: str) -> str:
    return _SPACES.sub(" ", name.replace("’", "'").strip().lower())


@lru_cache(maxsize=256)
def _calendar(country: str, year: int, language: str = "en") -> dict[str, date]:
    """Normalized holiday name -> date for one country and year (observed days left out).

    ``language`` "fr" asks the package for its French names ("Toussaint", "Fête nationale");
    a country it has no French names for answers in its default language.
    """
    import holidays as _holidays  # lazy: ~0.1 s, paid only by texts that name a holiday

    try:
        cal = _holidays.country_holidays(country, years=year,
                                         language="en_US" if language == "en" else language)
    except (NotImplementedError, KeyError, ValueError):
        try:
            cal = _holidays.country_holidays(country, years=year)
        except (NotImplementedError, KeyError, ValueError):
            return {}
    out: dict[str, date] = {}
    for day, names in sorted(cal.items()):
        for name in str(names).split("; "):
            if "(observed)" in name.lower():
                continue
            out.setdefault(normalize(name), day)
    return out


@lru_cache(maxsize=4096)
def lookup_all(name: str, year: int, countries: tuple[str, ...], language: str = "en"
               ) -> tuple[tuple[date, str, str], ...]:
    """Every country's holiday called ``name`` in ``year``, in the order of ``countries``.

    Countries share names for different days ("Labor Day": the US's first Monday of
    September, France's May 1 in the package's English), so the caller decides between them
    (by a weekday the text states, else by the first country).
    """
    key = normalize(name)
    target, offset, year_shift = _ALIASES[language].get(key, (key, 0, 0))
    found = []
    for country in countries:
        day = _calendar(country, year + year_shift, language).get(target)
        if day is not None:
            found.append((day + timedelta(days=offset), target, country))
    return tuple(found)
