"""Month and weekday names in French and English, from Babel's CLDR data (cached, see _build).

Pure data and lookups, built once at import:

* ``MONTHS[lang][name] -> 1..12`` and ``WEEKDAYS[lang][name] -> 0..6`` (0 = Monday, as
  ``datetime.date.weekday()``), keys lowercase full names ("octobre", "october");
* ``MONTH_ABBREVIATIONS[lang][abbr] -> 1..12``: the few abbreviations UN documents use (in tables
  and footnotes; running text writes months in full), keys lowercase with their period ("oct.");
* ``month_name`` / ``weekday_name``: the form to write (French lowercase, English capitalised);
* ``near_name``: the intended name for a misspelt month or weekday, or None.

Weekdays are never abbreviated in UN documents, so no weekday abbreviation is recognised.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache

from pathlib import Path

from ..cache import cached

LANGS: tuple[str, ...] = ("fr", "en")

# UN Editorial Manual (English: Jan., Feb., Mar., Apr., Aug., Sept., Oct., Nov., Dec.; May, June and
# July are never abbreviated) and the French typographic usage of the Secretariat (janv., févr., avr.,
# juill., sept., oct., nov., déc.); "juil." is CLDR's form and turns up in drafts too.
_ABBREVIATIONS: dict[str, dict[str, int]] = {
    "en": {"jan.": 1, "feb.": 2, "mar.": 3, "apr.": 4, "aug.": 8, "sept.": 9, "oct.": 10, "nov.": 11,
           "dec.": 12},
    "fr": {"janv.": 1, "févr.": 2, "avr.": 4, "juill.": 7, "juil.": 7, "sept.": 9, "oct.": 10,
           "nov.": 11, "déc.": 12},
}


def _fold(s: str) -> str:
    """Lowercase without accents: 'Février' -> 'fevrier'."""
    s = s.casefold()
    if s.isascii():
        return s
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def _display(lang: str, name: str) -> str:
    return name.lower() if lang == "fr" else name[:1].upper() + name[1:].lower()


def _build() -> tuple[dict, dict, dict, dict]:
    # Babel's CLDR data is the source; reading it costs more than a whole lint of a short draft, so
    # the tables it gives are kept in tmcheck's cache and Babel is imported only to build them.
    from babel.dates import get_day_names, get_month_names

    months: dict[str, dict[str, int]] = {}
    weekdays: dict[str, dict[str, int]] = {}
    month_forms: dict[str, dict[int, str]] = {}
    weekday_forms: dict[str, dict[int, str]] = {}
    for lang in LANGS:
        m_names = get_month_names("wide", locale=lang)
        d_names = get_day_names("wide", locale=lang)
        month_forms[lang] = {int(m): _display(lang, str(n)) for m, n in m_names.items()}
        weekday_forms[lang] = {int(d): _display(lang, str(n)) for d, n in d_names.items()}
        months[lang] = {n.lower(): m for m, n in sorted(month_forms[lang].items())}
        weekdays[lang] = {n.lower(): d for d, n in sorted(weekday_forms[lang].items())}
    return months, weekdays, month_forms, weekday_forms


MONTHS, WEEKDAYS, _MONTH_FORMS, _WEEKDAY_FORMS = cached("calendar", [Path(__file__)], _build)
MONTH_ABBREVIATIONS: dict[str, dict[str, int]] = {lang: dict(t) for lang, t in _ABBREVIATIONS.items()}

# kind -> lang -> [(folded name, display form)]
_FOLDED: dict[str, dict[str, list[tuple[str, str]]]] = {
    "month": {lang: [(_fold(f), f) for _, f in sorted(_MONTH_FORMS[lang].items())] for lang in LANGS},
    "weekday": {lang: [(_fold(f), f) for _, f in sorted(_WEEKDAY_FORMS[lang].items())] for lang in LANGS},
}


def _check_lang(lang: str) -> None:
    if lang not in MONTHS:
        raise ValueError(f"unsupported language {lang!r} (expected one of {', '.join(LANGS)})")


def month_name(lang: str, m: int) -> str:
    """month_name('fr', 10) -> 'octobre'; month_name('en', 10) -> 'October'."""
    _check_lang(lang)
    return _MONTH_FORMS[lang][m]


def weekday_name(lang: str, wd: int) -> str:
    """weekday_name('fr', 0) -> 'lundi'; weekday_name('en', 0) -> 'Monday' (0 = Monday)."""
    _check_lang(lang)
    return _WEEKDAY_FORMS[lang][wd]


def _max_distance(name: str) -> int:
    return 1 if len(name) <= 6 else 2


@lru_cache(maxsize=None)
def _letters(kind: str, lang: str) -> list[dict[str, int]]:
    """The letters of each folded name of _FOLDED[kind][lang], counted (for _may_be_within): on
    first need, not at start-up."""
    return [dict(Counter(folded)) for folded, _ in _FOLDED[kind][lang]]


def _may_be_within(t: str, letters: dict[str, int], folded: str, folded_letters: dict[str, int], limit: int) -> bool:
    """False when the OSA distance of the two words is surely above ``limit``: every edit (insert,
    delete, substitute, swap two neighbours) changes the length by at most one and adds or removes at
    most one letter of each word's multiset. Decides most words near a date ('les', 'heures') without
    importing rapidfuzz, which costs more than the rest of a short draft's date work. ``letters``
    and ``folded_letters`` count the letters of ``t`` and ``folded``: the letters either word has
    beyond the other number the longer word's length less the letters they share."""
    if abs(len(t) - len(folded)) > limit:
        return False
    shared = sum(min(n, folded_letters.get(c, 0)) for c, n in letters.items())
    return max(len(t), len(folded)) - shared <= limit


@lru_cache(maxsize=8192)
def near_name(token: str, lang: str, kind: str) -> str | None:
    """The correct name (as month_name/weekday_name writes it) when ``token`` is a misspelling of a
    month (kind "month") or weekday (kind "weekday") name of ``lang``; None when the token is a
    correct name (case ignored; for months, also a recognised abbreviation such as "oct."), is too
    short (< 3 letters), or is not close to exactly one name.

    Counted as misspellings: an accent-less or wrongly accented form ("fevrier", "aout"); a
    Damerau–Levenshtein (OSA) distance of at most 1 for names of up to 6 letters, at most 2 for longer
    ones ("ocotbre", "mecredi", "Wendesday"); a truncation of 3 or more letters that starts exactly one
    name ("Sept", "oct", "Thu") -- an abbreviation UN style does not use or that lacks its period.
    The other language's spelling counts too ("October" in French -> "octobre").
    """
    _check_lang(lang)
    if kind not in _FOLDED:
        raise ValueError(f"unknown kind {kind!r} (expected 'month' or 'weekday')")
    low = token.strip().casefold()
    exact = MONTHS[lang] if kind == "month" else WEEKDAYS[lang]
    if low in exact or (kind == "month" and low in MONTH_ABBREVIATIONS[lang]):
        return None
    t = _fold(low).rstrip(".")
    if len(t) < 3 or not t.isalpha():
        return None
    names = _FOLDED[kind][lang]
    for folded, form in names:
        if t == folded:
            return form  # accents missing or wrong
    prefixed = [form for folded, form in names if folded.startswith(t)]
    if prefixed:
        return prefixed[0] if len(prefixed) == 1 else None
    letters = Counter(t)  # counted once for every name
    near = [(folded, form, limit) for (folded, form), folded_letters in zip(names, _letters(kind, lang))
            if _may_be_within(t, letters, folded, folded_letters, limit := _max_distance(folded))]
    if not near:
        return None
    from rapidfuzz.distance import OSA  # only for a word that may be a misspelt name (start-up cost)

    best: list[str] = []
    best_d = 99
    for folded, form, limit in near:
        d = OSA.distance(t, folded, score_cutoff=limit)
        if d > limit:
            continue
        if d < best_d:
            best, best_d = [form], d
        elif d == best_d:
            best.append(form)
    return best[0] if len(best) == 1 else None
