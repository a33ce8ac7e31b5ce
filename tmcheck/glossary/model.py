"""The glossary as the checks use it: official titles, acronyms, short forms and forbidden variants."""

from __future__ import annotations

import pickle
from collections.abc import Mapping

from ..named_tuples import NamedTuple
from ..records import NEW, Record

WORD_TABLE_LIMIT = 200_000  # ~20 MB of words and what the checks found for each

LANGS = ("en", "fr")


def compiled_tuple(self):
    """``__reduce__`` of the NamedTuples kept in the compiled glossary: unpickled as
    ``tuple.__new__(cls, fields)``, without a call to the class's Python ``__new__`` for each
    (thousands at every lint)."""
    return tuple.__new__, (type(self), tuple(self))


class Terms(NamedTuple):
    """One language's side of an entry."""

    term: str
    acronym: str | None = None
    short: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()

    __reduce__ = compiled_tuple


class Entry(NamedTuple):
    id: str
    kind: str
    status: str
    en: Terms
    fr: Terms
    symbols: tuple[str, ...] = ()
    parent: str | None = None
    notes: str = ""
    source: str = ""  # "file.yaml:line", for messages
    # Warnings of `tmcheck glossary validate` a terminologist reviewed and kept, each as its code
    # and the form it is about ("near-miss-acronym DPO"): see glossary/README.md.
    accepted: tuple[str, ...] = ()

    __reduce__ = compiled_tuple

    def side(self, lang: str) -> Terms:
        return self.fr if lang == "fr" else self.en

    def other(self, lang: str) -> Terms:
        return self.en if lang == "fr" else self.fr


class TitleForm(NamedTuple):
    """An official title as TM302 compares it: its folded words, and the form to suggest."""

    words: tuple[str, ...]
    text: str
    entry_id: str

    __reduce__ = compiled_tuple


class TermMatch(NamedTuple):
    """A glossary form found in a text."""

    start: int
    end: int
    entry_id: str
    role: str  # term | short | generic | forbidden | other-language
    form: str  # the glossary form that matched


class ByLanguage(Mapping):
    """A language's part of an index (its automaton, its titles, its names), unpickled only
    when a draft of that language asks: a French draft never reads the English half of the
    compiled glossary (kept as pickled bytes beside the glossary's own pickle: out of band with
    pickle's protocol 5, which tmcheck's cache maps from its file unread, see tmcheck/cache.py)."""

    def __init__(self, values=()):
        self._values = dict(values)
        self._blobs: dict = {}  # lang -> the pickled value: bytes, or a view of the cache file

    def __reduce_ex__(self, protocol):
        blobs = {lang: self._blobs.get(lang) or pickle.dumps(self._values[lang], protocol=pickle.HIGHEST_PROTOCOL)
                 for lang in self}
        if protocol >= 5:
            blobs = {lang: pickle.PickleBuffer(blob) for lang, blob in blobs.items()}
        else:  # a view of a cache file pickles only as bytes
            blobs = {lang: bytes(blob) for lang, blob in blobs.items()}
        return ByLanguage, (), blobs

    def __setstate__(self, blobs: dict):
        self._values = {}
        self._blobs = blobs

    def __getitem__(self, lang: str):
        try:
            return self._values[lang]
        except KeyError:
            if lang not in self._blobs:
                raise
            value = self._values[lang] = pickle.loads(self._blobs[lang])
            return value

    def __iter__(self):
        return iter(sorted(set(self._values) | set(self._blobs)))

    def __len__(self) -> int:
        return len(set(self._values) | set(self._blobs))


class Glossary(Record):
    FIELDS = ("entries", "acronyms", "known_acronyms", "forbidden_acronyms", "symbol_series", "automata", "titles",
              "names", "_derived")
    SHOWN = FIELDS[:5]
    COMPARED = FIELDS[:-1]

    def __init__(self, entries: dict[str, Entry], acronyms: dict[str, dict[str, str]] = NEW,
                 known_acronyms: frozenset[str] = frozenset(), forbidden_acronyms: dict[str, dict[str, str]] = NEW,
                 symbol_series: tuple[tuple[str, str], ...] = (), automata: dict = NEW, titles: dict = NEW,
                 names: dict = NEW, _derived: dict = NEW):
        self.entries = entries
        # lang -> official acronym -> entry id
        self.acronyms = {} if acronyms is NEW else acronyms
        # every official acronym of either language (a real acronym is never a misspelling of another)
        self.known_acronyms = known_acronyms
        # lang -> forbidden acronym variant -> entry id
        self.forbidden_acronyms = {} if forbidden_acronyms is NEW else forbidden_acronyms
        # (prefix, entry id), longest prefix first
        self.symbol_series = symbol_series
        # lang -> index.FormIndex of its forms (None: no form)
        self.automata = {} if automata is NEW else automata
        # lang -> (first two folded words) -> official titles starting so (TM302)
        self.titles = {} if titles is NEW else titles
        # lang -> (official names, {stem of a rare word: [candidate]}, every form's words), see names.name_index
        self.names = {} if names is NEW else names
        # What checks and facts derive from the glossary on first use (patterns, tables):
        # see derived(). Never pickled with the glossary: each process builds what its run needs.
        self._derived = {} if _derived is NEW else _derived

    def derived(self, name: str, build):
        """``build()``, computed once per glossary for every caller that asks under ``name``."""
        try:
            return self._derived[name]
        except KeyError:
            value = self._derived[name] = build()
            return value

    def word_table(self, name: str) -> dict:
        """A table of per-word results under ``name``, kept for every draft this glossary checks (a
        word of a draft is a word of many); emptied once it holds WORD_TABLE_LIMIT words, since a
        long-running process (the review server) reads words without end."""
        table = self.derived(name, dict)
        if len(table) > WORD_TABLE_LIMIT:
            table.clear()
        return table

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_derived"] = {}
        return state

    def entry(self, entry_id: str) -> Entry:
        return self.entries[entry_id]

    def series_of(self, symbol: str) -> str | None:
        """The entry whose document series the symbol belongs to (longest prefix)."""
        for prefix, entry_id in self.symbol_series:
            if symbol.startswith(prefix):
                return entry_id
        return None
