"""Find every glossary form in a text in one pass (Aho–Corasick over lowercased forms, kept only on
word boundaries, longest match first), as Weblate does for its glossary."""

from __future__ import annotations

import re

import ahocorasick

from ..lang.text import COMPARABLE_WORD, fold_text
from .model import LANGS, ByLanguage, Entry, Glossary, TermMatch, TitleForm
from .names import name_index

# Kinds whose full titles are compared word by word with what a draft writes (TM302).
TITLE_KINDS = {"organ", "body", "working-group", "meeting", "office", "organization", "instrument", "mission"}
# Words that carry no meaning of their own in a title.
TITLE_STOPWORDS = frozenset({
    "de", "des", "du", "la", "le", "les", "l'", "d'", "et", "a", "au", "aux", "pour", "sur", "en", "contre",
    "the", "of", "for", "and", "on", "in", "to", "against", "'", "s",
})

_ROLE_RANK = {"forbidden": 0, "term": 1, "short": 2, "generic": 3, "acronym": 4, "other-language": 5}


def _key(form: str) -> str:
    return form.replace("\u2019", "'").lower()


def build_indexes(entries: dict[str, Entry]) -> Glossary:
    acronyms: dict[str, dict[str, str]] = {lang: {} for lang in LANGS}
    forbidden_acronyms: dict[str, dict[str, str]] = {lang: {} for lang in LANGS}
    series: list[tuple[str, str]] = []
    automata = {}
    for lang in LANGS:
        forms: dict[str, list[tuple[str, str, str]]] = {}

        def add(form: str, entry_id: str, role: str) -> None:
            if form:
                forms.setdefault(_key(form), []).append((entry_id, role, form))

        # How many entries share each short form: "Nations Unies" names the UN, but "le Groupe de
        # travail" is every working group.
        sharing: dict[str, set[str]] = {}
        for e in entries.values():
            for s in e.side(lang).short:
                sharing.setdefault(_key(s), set()).add(e.id)
        for e in entries.values():
            side, other = e.side(lang), e.other(lang)
            add(side.term, e.id, "term")
            for s in side.short:
                # "the Working Group", "la Convention": accepted, never flagged, but they name no
                # body by themselves.
                add(s, e.id, "generic" if is_generic(s) and len(sharing[_key(s)]) > 1 else "short")
            for f in side.forbidden:
                if _is_acronym_like(f):
                    forbidden_acronyms[lang][f] = e.id
                else:
                    add(f, e.id, "forbidden")
            if side.acronym:
                acronyms[lang][side.acronym] = e.id
            # The other language's full title in this language's draft (an untranslated title).
            if other.term.lower() != side.term.lower():
                add(other.term, e.id, "other-language")
        for values in forms.values():
            values.sort(key=lambda v: _ROLE_RANK[v[1]])
        # Built here and kept in the compiled glossary: unpickling an automaton costs less than
        # building it (~2 ms of every lint with a thousand entries), and a draft unpickles its own
        # language's only (ByLanguage).
        automata[lang] = _build_automaton([(key, (len(key), tuple(values))) for key, values in forms.items()])
    for e in entries.values():
        for prefix in e.symbols:
            series.append((prefix, e.id))
    series.sort(key=lambda p: len(p[0]), reverse=True)
    known = frozenset(a for lang in LANGS for a in acronyms[lang])
    titles = {lang: _title_index(entries, lang) for lang in LANGS}
    return Glossary(entries, acronyms, known, forbidden_acronyms, tuple(series), ByLanguage(automata), ByLanguage(titles),
                    ByLanguage(name_index(entries)))


def _title_index(entries: dict[str, Entry], lang: str) -> dict[tuple[str, str], list[TitleForm]]:
    """Full official titles of four content words or more, by their first two (folded) words.

    Short forms are left out: a near miss of "the Working Group" or "Conference of the States
    Parties" is more often another body's name than a slip."""
    index: dict[tuple[str, str], list[TitleForm]] = {}
    for e in entries.values():
        if e.kind not in TITLE_KINDS:
            continue
        text = e.side(lang).term
        words = tuple(COMPARABLE_WORD.findall(fold_text(text)))
        if sum(1 for w in words if w not in TITLE_STOPWORDS) >= 4:
            index.setdefault(words[:2], []).append(TitleForm(words, text, e.id))
    return index


_ARTICLES = {"the", "le", "la", "les", "l'", "d'", "de", "des", "du", "of", "on", "sur", "a", "an", "un", "une"}


def content_words(form: str) -> int:
    return sum(1 for w in re.findall(r"[^\W\d_]+'?", form.lower()) if w not in _ARTICLES)


def is_generic(form: str) -> bool:
    """A short form that names no body by itself: "the Working Group", "la Convention"."""
    return content_words(form) < 3 and not _is_acronym_like(form)


def _is_acronym_like(form: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z][A-Za-z.\- ]{1,10}", form)) and sum(c.isupper() for c in form) >= 2 and " " not in form.strip()


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _build_automaton(forms):
    if not forms:  # an empty glossary finds nothing (pyahocorasick cannot search without a word)
        return None
    auto = ahocorasick.Automaton()
    for key, value in forms:
        auto.add_word(key, value)
    auto.make_automaton()
    return auto


def _automaton(glossary: Glossary, lang: str):
    return glossary.automata.get(lang)


def find_terms(glossary: Glossary, text: str, lang: str) -> list[TermMatch]:
    """Glossary forms in ``text``: non-overlapping, longest first, on word boundaries.

    Matching ignores case (titles start a sentence or follow "la"/"the"), so a form matched in lower
    case is still the glossary's form; checks that care about case compare ``text[start:end]``.
    """
    auto = _automaton(glossary, lang)
    if auto is None:
        return []
    low = text.lower()
    if len(low) != len(text):  # a character whose lowercase is longer; compare char by char
        low = "".join(c.lower()[0] for c in text)
    if "\u2019" in low:  # most texts have none (a paragraph of a pair file never does): spare the copy
        low = low.replace("\u2019", "'")
    found: list[tuple[int, int, tuple]] = []
    for end, (length, values) in auto.iter(low):
        start = end - length + 1
        if start > 0 and _is_word_char(low[start - 1]) and _is_word_char(low[start]):
            continue
        if end + 1 < len(low) and _is_word_char(low[end + 1]) and _is_word_char(low[end]):
            continue
        found.append((start, end + 1, values))
    if not found:  # most paragraphs
        return []
    # Longest first, so that "la Convention" never hides "Convention des Nations Unies contre...".
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    taken = bytearray(len(text) + 1)
    matches: list[TermMatch] = []
    for start, end, values in found:
        if any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        if len(values) == 1:
            chosen = values[0]
        else:
            written = text[start:end].replace("\u2019", "'")
            # A forbidden variant that differs from an official form only in case ("Nations
            # unies") must be written exactly so; otherwise the official form was written.
            chosen = next((v for v in values if v[1] != "forbidden" or v[2] == written), values[0])
            if chosen[1] == "forbidden" and chosen[2] != written and any(v[1] != "forbidden" for v in values):
                chosen = next(v for v in values if v[1] != "forbidden")
        entry_id, role, form = chosen
        matches.append(TermMatch(start, end, entry_id, role, form))
    matches.sort(key=lambda t: t.start)
    return matches
