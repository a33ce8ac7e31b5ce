"""Find every glossary form in a text in one pass (Aho–Corasick over lowercased forms, kept only on
word boundaries, longest match first), as Weblate does for its glossary."""

from __future__ import annotations

import pickle
import re

import ahocorasick

from ..lang.latin1 import WORD_LOWER, latin1_lower
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
        automata[lang] = _form_index({key: tuple(values) for key, values in forms.items()})
    for e in entries.values():
        for prefix in e.symbols:
            series.append((prefix, e.id))
    series.sort(key=lambda p: len(p[0]), reverse=True)
    known = frozenset(a for lang in LANGS for a in acronyms[lang])
    titles = {lang: _title_index(entries, lang) for lang in LANGS}
    names = name_index(entries)
    # Every lint unpickles the entries and its language's titles and names: one object for each
    # distinct string and tuple of strings (pickle writes an object seen before as a reference)
    # spares it thousands of copies of "de", "nations" and the entry ids.
    shared: dict = {}
    entries = _shared(entries, shared)
    titles = {lang: _shared(titles[lang], shared) for lang in LANGS}
    names = {lang: _shared(names[lang], shared) for lang in LANGS}
    return Glossary(entries, acronyms, known, forbidden_acronyms, tuple(series), ByLanguage(automata), ByLanguage(titles),
                    ByLanguage(names))


def _shared(value, seen: dict):
    """``value`` rebuilt with one object for each distinct string, and for each distinct tuple of
    strings, numbers and booleans, kept in ``seen`` (equal to ``value``, in the same order)."""
    kind = type(value)
    if kind is str:
        return seen.setdefault(value, value)
    if kind is dict:
        return {_shared(k, seen): _shared(v, seen) for k, v in value.items()}
    if kind is list:
        return [_shared(v, seen) for v in value]
    if isinstance(value, tuple):
        items = tuple(_shared(v, seen) for v in value)
        if kind is not tuple:  # a NamedTuple
            return kind(*items)
        if all(type(v) in (str, int, bool) for v in items):
            return seen.setdefault(("tuple", items, tuple(map(type, items))), items)
        return items
    return value


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


def acronym_shorts(entries: dict[str, Entry]) -> dict[str, str]:
    """The accepted short forms written as acronyms ("UNDSS" for DSS, "UNOSAT", "UN-GGIM"), in
    either language, and the entry each names: real names that are not official acronyms."""
    return {s: e.id for e in entries.values() for lang in LANGS for s in e.side(lang).short if _is_acronym_like(s)}


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _footnote_at(low: str, i: int) -> bool:
    """Does a footnote mark start at ``i``, right after a word ("... on Drugs and Crime1 provides",
    as text extracted from a PDF or Word writes a superscript): one to three digits after a letter,
    then no word character. A form that ends there still ends on a word boundary."""
    if not low[i - 1].isalpha():
        return False
    j, n = i, len(low)
    while j < n and j - i < 4 and "0" <= low[j] <= "9":
        j += 1
    return 0 < j - i <= 3 and (j == n or not _is_word_char(low[j]))


# How forms are keyed in the automaton: by their first PREFIX characters, and a prefix that more
# than CROWD forms share ("united nations ...") by PREFIX_STEP more, until they part or end. A
# prefix is where a form may start; the form itself is compared then. Keyed by whole forms (~50
# characters each), the automaton had 6 times as many nodes (72,000 for 2,100 French forms), and
# unpickling them was the largest cost of loading the glossary at every start. Shorter prefixes
# load faster still but are met more often where no form is (8 characters: a third more
# instructions to search a PO file of 4,000 pairs).
PREFIX, PREFIX_STEP, CROWD = 16, 4, 4
LONGEST_PREFIX = 400  # forms that share more than this stay one group (the split recurses once per step)


def _prefix_groups(forms: list[tuple[str, int, tuple]], n: int, out: dict[str, list]) -> dict[str, list]:
    groups: dict[str, list] = {}
    for form in forms:
        groups.setdefault(form[0][:n], []).append(form)
    for prefix, members in groups.items():
        if len(members) > CROWD and n < LONGEST_PREFIX and any(form[1] > n for form in members):
            _prefix_groups(members, n + PREFIX_STEP, out)
        else:
            out.setdefault(prefix, []).extend(members)
    return out


def _spaced(text: str) -> str:
    """``text`` (in lower case) as the automaton of a FormIndex reads it: a space for each character
    that is no word character of Latin-1 (what _is_word_char is not) and for each character past
    Latin-1, the others as they are (WORD_LOWER, whose lowering leaves a lower-case text as it is).
    One character for one: a text and its forms read so line up."""
    return text.encode("latin-1", "replace").translate(WORD_LOWER).decode("latin-1")


def _automaton_key(prefix: str) -> str:
    """How a group's prefix is keyed in the automaton: read as _spaced reads the text, after the
    space that stands for what precedes a form starting with a word character (a word boundary:
    no word character) and for the start of the text (find reads a space before it)."""
    return " " + _spaced(prefix) if _is_word_char(prefix[0]) else _spaced(prefix)


class FormIndex:
    """One language's glossary forms as find_terms looks for them: an Aho–Corasick automaton of
    their prefixes (each with the number of its group), and each group's forms (key, length, the
    entries' values) pickled apart, read the first time the group's prefix is met: the 2012 sample
    meets 27 of the ~1,600 groups, and unpickling every form's values at start cost as much again
    as the automaton of prefixes.

    The automaton reads the text as _spaced does (what is no word character a space), and a prefix
    that starts with a word character after a space (_automaton_key): it is met only where a form
    may start, and the transition from its root is one space, where a text read as written took a
    search among the first letters of every prefix at each character (~40% of the search's
    instructions). The prefixes that read alike (rare: "d'" and "d-") share one key: the key's
    number past the groups' is their tuple's in ``shared``."""

    __slots__ = ("_automaton", "_groups", "_shared", "_read")

    def __init__(self, automaton, groups: tuple[bytes, ...], shared: tuple[tuple[int, ...], ...]):
        self._automaton = automaton
        self._groups = groups
        self._shared = shared
        self._read: dict[int, tuple] = {}

    def __reduce__(self):
        return FormIndex, (self._automaton, self._groups, self._shared)

    def _group(self, number: int) -> tuple[int, tuple]:
        """(prefix length, forms) of a group."""
        try:
            return self._read[number]
        except KeyError:
            group = self._read[number] = pickle.loads(self._groups[number])
            return group

    def items(self):
        """Every form's key with (its length, its values), group by group."""
        for number in range(len(self._groups)):
            for key, length, values in self._group(number)[1]:
                yield key, (length, values)

    def find(self, low: str) -> list[tuple[int, int, tuple]]:
        """(start, end, values) of every form in ``low`` (lowercased) that starts and ends on a
        word boundary, overlapping ones included."""
        found: list[tuple[int, int, tuple]] = []
        count = len(self._groups)
        read = self._read
        for end, number in self._automaton.iter(" " + _spaced(low)):
            if number >= count:  # prefixes that read alike
                for each in self._shared[number - count]:
                    self._forms_at(low, end, self._group(each), found)
            else:
                self._forms_at(low, end, read.get(number) or self._group(number), found)
        return found

    @staticmethod
    def _forms_at(low: str, end: int, group: tuple[int, tuple], found: list) -> None:
        """The forms of a group whose key the automaton met ending at ``end`` of the text it read
        (one character longer than ``low``, with the space before it)."""
        plen, forms = group
        start = end - plen
        # Where the prefix is written as read (a character past Latin-1 is read as a space), and
        # starts on a word boundary (one past Latin-1 before it may be a letter).
        if start < 0 or (start > 0 and _is_word_char(low[start - 1]) and _is_word_char(low[start])):
            return
        n = len(low)
        for key, length, values in forms:
            if low.startswith(key, start):
                stop = start + length
                if stop < n and _is_word_char(low[stop]) and _is_word_char(low[stop - 1]) and not _footnote_at(low, stop):
                    continue
                found.append((start, stop, values))


def _form_index(forms: dict[str, tuple]) -> FormIndex | None:
    if not forms:  # an empty glossary finds nothing (pyahocorasick cannot search without a word)
        return None
    groups = _prefix_groups([(key, len(key), values) for key, values in forms.items()], PREFIX, {})
    by_key: dict[str, list[int]] = {}
    pickled = []
    for number, (prefix, members) in enumerate(groups.items()):
        by_key.setdefault(_automaton_key(prefix), []).append(number)
        pickled.append(pickle.dumps((len(prefix), tuple(members)), protocol=pickle.HIGHEST_PROTOCOL))
    auto = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    shared = []
    for key, numbers in by_key.items():
        if len(numbers) == 1:
            auto.add_word(key, numbers[0])
        else:
            auto.add_word(key, len(pickled) + len(shared))
            shared.append(tuple(numbers))
    auto.make_automaton()
    return FormIndex(auto, tuple(pickled), tuple(shared))


def find_terms(glossary: Glossary, text: str, lang: str) -> list[TermMatch]:
    """Glossary forms in ``text``: non-overlapping, longest first, on word boundaries.

    Matching ignores case (titles start a sentence or follow "la"/"the"), so a form matched in lower
    case is still the glossary's form; checks that care about case compare ``text[start:end]``.
    """
    index = glossary.automata.get(lang)
    if index is None:
        return []
    low = latin1_lower(text)  # most paragraphs: a byte for a byte
    if low is None:
        low = text.lower()
    if len(low) != len(text):  # a character whose lowercase is longer; compare char by char
        low = "".join(c.lower()[0] for c in text)
    if "\u2019" in low:  # most texts have none (a paragraph of a pair file never does): spare the copy
        low = low.replace("\u2019", "'")
    found = index.find(low)
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
