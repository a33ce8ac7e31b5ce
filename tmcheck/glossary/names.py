"""The official names of the glossary as the facts layer looks for their near misses: each name's
folded words and which it capitalises, found by the stems of its two rarest content words (a slip
changes one word, so one of them is always written). Built once with the glossary's indexes and
kept in its cache."""

from __future__ import annotations

import re
from collections import Counter

from ..documents.folding import fold_text
from ..named_tuples import NamedTuple
from .model import LANGS, Entry, compiled_tuple

# Words a slip swaps for one another ("of"/"for", "de"/"du"/"des").
FUNCTION_WORDS = frozenset({
    "of", "for", "on", "in", "to", "against", "and", "the", "at", "with", "from",
    "de", "du", "des", "d'", "la", "le", "les", "l'", "pour", "sur", "contre", "en", "et", "à", "au", "aux",
    "d’", "l’",
})
# Words as names are compared: an elided article stands apart ("l'" "Organisation").
NAME_TOKEN = re.compile(r"[^\W\d_]+['’]?|\d+")
# Kinds whose names are looked for (as TM302's titles).
NAME_KINDS = {"organ", "body", "working-group", "meeting", "office", "organization", "instrument", "mission"}


class FormRuns(NamedTuple):
    """Every form of the glossary in one language (full titles, short forms, forbidden forms, the
    other language's title), one a line, its words one space apart, as written and folded (of the
    same length: folding is one character for one). Whether a run of words lies inside a form is
    one string search here; an index of every run of every form costs a quarter of a second to
    build and too much to load at every start, for the one or two questions a document asks."""

    written: str
    folded: str

    def has_run(self, words: tuple[str, ...], capitals: tuple[bool, ...]) -> bool:
        """Whether the folded ``words`` run inside a form, capitalising their words after the
        first as ``capitals`` says."""
        needle = " ".join(words)
        offsets = []  # where each word after the first starts in the needle
        at = 0
        for w in words[:-1]:
            at += len(w) + 1
            offsets.append(at)
        folded, written = self.folded, self.written
        i = folded.find(needle)
        while i >= 0:
            end = i + len(needle)
            if (i == 0 or folded[i - 1] in " \n") and (end == len(folded) or folded[end] in " \n") \
                    and tuple(written[i + o].isupper() for o in offsets) == capitals:
                return True
            i = folded.find(needle, i + 1)
        return False


def form_runs(entries: dict[str, Entry], lang: str) -> FormRuns:
    lines = []
    for e in entries.values():
        side = e.side(lang)
        for form in (side.term, *side.short, *side.forbidden, e.other(lang).term):
            if form:
                lines.append(" ".join(m.group(0) for m in NAME_TOKEN.finditer(form)))
    written = "\n".join(lines)
    return FormRuns(written, fold_text(written))


class Name(NamedTuple):
    words: tuple[str, ...]  # folded
    capitals: tuple[bool, ...]  # which words the name capitalises
    text: str
    entry_id: str
    english: bool  # the head noun comes last (first in French)

    __reduce__ = compiled_tuple


def stems(word: str) -> set[str]:
    """A folded word and the forms it may have without its plural: "councils" and "council",
    "agencies" and "agency", "unies" and "unie", "internationaux" and "international"."""
    out = {word}
    if len(word) > 3 and word[-1] in "sx" and not word.endswith(("ss", "us", "is")):
        out.add(word[:-1])
    if len(word) > 4 and word.endswith("ies"):
        out.add(word[:-3] + "y")
    if len(word) > 4 and word.endswith("aux"):
        out.add(word[:-3] + "al")
    return out


def name_index(entries: dict[str, Entry]) -> dict[str, tuple[list[Name], dict[str, list[tuple]], FormRuns]]:
    """By language: the names (official and short forms of two content words or more); for the
    stems of each name's two rarest content words, a candidate: (name number, word position,
    whether the name capitalises that word, the name's length and words), which the search compares
    before it reads the name itself; and every form's words (FormRuns)."""
    out = {}
    for lang in LANGS:
        names: list[Name] = []
        for e in entries.values():
            if e.kind not in NAME_KINDS:
                continue
            side = e.side(lang)
            for form in (side.term, *side.short):
                if form.split(" ", 1)[0].lower() in ("the", "le", "la", "les") or form.lower().startswith("l'"):
                    continue  # "le Groupe de travail", "the Office": a reference, not a name to misspell
                tokens = [m.group(0) for m in NAME_TOKEN.finditer(form)]
                words = tuple(fold_text(t) for t in tokens)
                if sum(1 for w in words if w not in FUNCTION_WORDS) < 2 or len(words) > 14:
                    continue
                names.append(Name(words, tuple(t[:1].isupper() for t in tokens), form, e.id, lang == "en"))
        frequency = Counter(s for n in names for w in set(n.words) if w not in FUNCTION_WORDS for s in stems(w))
        by_stem: dict[str, list[tuple[int, int]]] = {}
        for k, n in enumerate(names):
            content = [(j, w) for j, w in enumerate(n.words) if w not in FUNCTION_WORDS]
            rarest = sorted(content, key=lambda jw: (frequency[jw[1]], jw[0]))[:2]
            for j, w in rarest:
                candidate = (k, j, n.capitals[j], len(n.words), n.words)
                for s in stems(w):
                    by_stem.setdefault(s, []).append(candidate)
        out[lang] = (names, by_stem, form_runs(entries, lang))
    return out
