"""Dates as facts: every date mention of a draft with its days resolved (the year a table row takes
from the document included) and its role. Only a meeting's own dates date a meeting: a deadline
("au plus tard le vendredi 9 septembre 2022"), the date of a letter or a note, the day a text was
adopted, signed or issued, or a period a report covers is never compared with a session's dates."""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..documents.model import Paragraph
from ..lang.dates import DateMention
from ..lang.latin1 import latin1_lower
from ..lang.text import lowered, trie_pattern
from ..named_tuples import NamedTuple

# Roles, by the last cue that stands before the date in its clause (the nearest cue wins: "la
# résolution 7/1, adoptée à sa septième session, tenue du 6 au 10 octobre 2014" dates the session).
DEADLINE, LETTER, ADOPTION, PERIOD, PUBLICATION, EVENT = "deadline", "letter", "adoption", "period", "publication", "event"
ROLES = (EVENT, DEADLINE, LETTER, ADOPTION, PERIOD, PUBLICATION)

_CUES = {
    "fr": [
        (DEADLINE, r"au plus tard|pas plus tard que|avant|d'ici|jusqu'au|jusqu'à|date limite|délai|échéance|dès que possible et avant"),
        (LETTER, r"lettre|note verbale|communication|courrier|message|daté|datée|datés|datées|en date|mémorandum"),
        (ADOPTION, r"adopté|adoptée|adoptés|adoptées|approuvé|approuvée|signé|signée|ratifié|ratifiée|entré en vigueur|entrée en vigueur|ouvert à la signature|ouverte à la signature|proclamé|proclamée|décidé|décidée"),
        (PERIOD, r"période|exercice|biennal|biennale|couvrant|portant sur"),
        (PUBLICATION, r"publié|publiée|paru|parue|diffusé|diffusée|mis en ligne|soumis|soumise|reçu|reçue|reçus|reçues|communiqué|communiquée"),
        (EVENT, r"tenu|tenue|tenus|tenues|se tiendra|se tiendront|se tiendrait|se tenir|tiendra|tiendront|aura lieu|auront lieu|a eu lieu|ont eu lieu|s'ouvrira|s'ouvriront|ouverture|réuni|réunie|réunis|réunies|se réunira|session|sessions|réunion|réunions|séance|séances|conférence|consultations|débat|manifestation|s'est tenu|s'est tenue|organisé|organisée|convoqué|convoquée|prévu|prévue|prévus|prévues"),
    ],
    "en": [
        (DEADLINE, r"no later than|not later than|by|before|until|till|prior to|on or before|deadline|due"),
        (LETTER, r"letter|note verbale|communication|message|dated|memorandum"),
        (ADOPTION, r"adopted|approved|signed|ratified|entered into force|entry into force|opened for signature|proclaimed|decided"),
        (PERIOD, r"period|biennium|covering|fiscal year"),
        (PUBLICATION, r"issued|published|circulated|posted|submitted|received|transmitted"),
        (EVENT, r"held|hold|holds|holding|will be held|to be held|will meet|met|meets|convene|convened|take place|took place|takes place|will open|opened|opening|session|sessions|meeting|meetings|conference|consultations|debate|event|scheduled|planned|organized"),
    ],
}
_NEAR_ONLY = frozenset({"by", "before", "until", "till", "avant", "jusqu'au", "jusqu'à"})
_CUE_PATTERNS: dict[str, re.Pattern] = {}
_LOWER_CUES: dict[str, tuple[re.Pattern, dict[str, str]]] = {}  # see _lower_cues
# How far back a cue may stand (characters, within the sentence and before any ";" or ":").
_REACH = 90


def _cue_pattern(lang: str) -> re.Pattern:
    pattern = _CUE_PATTERNS.get(lang)
    if pattern is None:
        parts = [f"(?P<{role}>(?<![\\w'])(?:{words})(?![\\w]))" for role, words in _CUES[lang]]
        pattern = _CUE_PATTERNS[lang] = re.compile("|".join(parts), re.I)
    return pattern


def _lower_cues(lang: str) -> tuple[re.Pattern, dict[str, str]]:
    """The cues of _cue_pattern as one pattern for a text in lower case (see lowered), their
    alternatives factored by common prefixes (trie_pattern), and the role of each cue. No two
    cues of a language match at the same place but "opened" and "opened for signature", where
    both patterns take the longer: they find the same cues."""
    found = _LOWER_CUES.get(lang)
    if found is None:
        roles = {word: role for role, words in _CUES[lang] for word in words.split("|")}
        pattern = re.compile(f"(?<![\\w'])(?:{trie_pattern(roles)})(?![\\w])")
        found = _LOWER_CUES[lang] = (pattern, roles)
    return found


def _cues(window: str, lang: str) -> list[tuple[str, int, int]]:
    """The cues of ``window`` in order: (role, start, end). Asked before every date of a draft:
    its window in lower case is searched without re.IGNORECASE by one pattern whose
    alternatives share their prefixes, where _cue_pattern tries each of its hundred alternatives,
    every one case-blind, at every character (a few times the instructions); a window where
    lower() does not give what IGNORECASE matches (lowered) by _cue_pattern itself."""
    low = latin1_lower(window) or lowered(window)
    if low is None:
        return [(m.lastgroup, m.start(), m.end()) for m in _cue_pattern(lang).finditer(window)]
    pattern, roles = _lower_cues(lang)
    return [(roles[m.group()], m.start(), m.end()) for m in pattern.finditer(low)]


class DateFact(NamedTuple):
    """One date mention: its days as calendar dates, every day it covers, and its role."""

    paragraph: Paragraph
    mention: DateMention
    days: tuple[date, ...]  # range: first and last; list: each; single: one
    covered: frozenset[date]  # every day: a range's days in between included
    role: str
    year_source: str  # written | same-day | paragraph | document (see Analysis.dated_days)

    @property
    def start(self) -> int:
        return self.mention.span[0]

    @property
    def end(self) -> int:
        return self.mention.span[1]


def covered_days(days: tuple[date, ...], kind: str) -> frozenset[date]:
    if kind == "range" and len(days) == 2 and days[0] <= days[1] and (days[1] - days[0]).days <= 62:
        return frozenset(days[0] + timedelta(n) for n in range((days[1] - days[0]).days + 1))
    return frozenset(days)


def role_of(text: str, start: int, floor: int, lang: str) -> str:
    """The role of the date at ``start``: the last cue before it in its clause (from ``floor``)."""
    lo = max(floor, start - _REACH)
    window = text[lo:start]
    cut = max(window.rfind(";"), window.rfind(":"))
    if cut >= 0:
        window = window[cut + 1:]
    window = window.replace("\u2019", "'")
    for role, start, end in reversed(_cues(window, lang)):
        # "by", "before", "avant" mark a deadline only right before the date ("by 30 June 2016"),
        # not in "organized by UNODC on 5 May".
        if window[start:end].lower() in _NEAR_ONLY and window[end:].strip(" ,").lower() not in ("", "le", "les", "the", "on"):
            continue
        return role
    return EVENT


def read_dates(analysis) -> list[DateFact]:
    """Every date of the draft whose days can be dated (a day without a year anywhere in the
    document is skipped, never guessed)."""
    facts: list[DateFact] = []
    by_mention: dict[tuple[int, tuple[int, int]], list] = {}
    for dd in analysis.dated_days:
        by_mention.setdefault((dd.paragraph.index, dd.mention.span), []).append(dd)
    for (_, _), dds in by_mention.items():
        p, m = dds[0].paragraph, dds[0].mention
        days = []
        for dd in dds:
            real = dd.day.as_date(dd.year)
            if real is None:
                break
            days.append(real)
        else:
            if not days:
                continue
            sentence = analysis.sentence_at(p, m.span[0])
            role = role_of(p.text, m.span[0], sentence[0], analysis.lang)
            source = "written" if all(dd.year_source == "written" for dd in dds) else dds[0].year_source
            facts.append(DateFact(p, m, tuple(days), covered_days(tuple(days), m.kind), role, source))
    facts.sort(key=lambda f: (f.paragraph.index, f.start))
    return facts
