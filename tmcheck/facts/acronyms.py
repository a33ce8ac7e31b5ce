"""Acronyms as a document has them: the ones it defines, and how close a word is to an acronym.

Pure functions over a paragraph's text, its language and the glossary (with its glossary matches);
the checks memoise them through ``Analysis.per_paragraph``.

* ``definitions`` finds "Full Title (ABC)" and "ABC (Full Title)" in French and English: "the United
  Nations country team (UNCT)", "l'équipe de pays des Nations Unies (UNCT)", "UNCT (United Nations
  country team)". A title whose initials give the acronym, in order, defines it ("initials"); so does
  an official title of the glossary ("glossary": then ``official`` is that entry's own acronym when
  the text gives another, an error at the definition); a French title for an English acronym
  ("loose") defines it when half its letters start a word of the title.
* ``slip`` tells how a word misspells an acronym: case only, letters dropped, inserted, doubled,
  swapped with a neighbour or replaced, up to two edits.
* ``fits`` says whether an acronym's letters are a title's initials in order; ``spelt_out`` whether
  a run of a paragraph's words spells an acronym.
"""

from __future__ import annotations

import re

from ..documents.folding import fold_text
from ..lang.number_patterns import HYPHENS
from ..named_tuples import NamedTuple

# A word made of capitals (two at least), as acronyms are: "UNCT", "ONUDC", "UN-Habitat" is not.
_CAPS = "A-ZÀ-ÖØ-Þ"
ACRONYM = re.compile(rf"[{_CAPS}][{_CAPS}]+")
# "Full Title (ABC)": the acronym alone in brackets ("(UNAIDS, 2014)" is a citation, not a definition).
_BRACKETED = re.compile(rf"\(\s*([{_CAPS}][{_CAPS}]{{1,11}})\s*\)")
# "ABC (Full Title)": an acronym, then a bracket that opens with a capital or a lower-case word.
# Nothing glued before the acronym: told after its first capital (what is before it and that
# capital), so that the regex engine looks for the capital first instead of trying every position.
_BEFORE_BRACKET = re.compile(rf"([{_CAPS}](?<![\w/.@\-][{_CAPS}])[{_CAPS}]{{1,11}})\s+\(([^()]{{3,160}})\)")
_WORD = re.compile(r"[^\W\d_]+")
# Words a title's initials may skip: articles, prepositions, conjunctions.
_SKIPPABLE = frozenset({"de", "des", "du", "la", "le", "les", "l", "d", "et", "a", "au", "aux", "pour", "sur",
                        "en", "contre", "dans", "par", "the", "of", "for", "and", "on", "in", "to", "against",
                        "at", "by", "with"})


class Definition(NamedTuple):
    """An acronym the text defines, and the title it gives it."""

    acronym: str
    start: int  # the acronym's span in the paragraph
    end: int
    title: str  # the title as written
    title_start: int
    title_end: int
    how: str  # "initials" | "glossary" | "loose"
    entry_id: str | None = None  # the glossary entry whose official title the title is
    official: str | None = None  # that entry's acronym in this language, when the text gives another


def fits(acronym: str, words: list[str]) -> bool:
    """Whether the acronym's letters are the words' initials in order: each word gives a prefix of
    itself (maybe empty: "of", "the"), the first word gives at least one letter. UNODC fits "United
    Nations Office on Drugs and Crime", MINUSMA "Mission ... des Nations Unies pour la
    stabilisation au Mali" (MI, N, U, S, MA), UNDOC fits neither."""
    a = fold_text(acronym).lower()
    a = "".join(c for c in a if c.isalpha())
    ws = [fold_text(w).lower() for w in words]
    if not a or not ws or not ws[0].startswith(a[0]):
        return False
    # reach[i]: the first i letters are given by the words read so far.
    n = len(a)
    reach = [True] + [False] * n
    for w in ws:
        nxt = reach[:]  # the word gives no letter
        for i in range(n):
            if not reach[i]:
                continue
            j = 0
            while j < len(w) and i + j < n and w[j] == a[i + j]:
                j += 1
                nxt[i + j] = True
        reach = nxt
        if reach[n]:
            return True
    return reach[n]


def spelt_out(acronym: str, text: str) -> bool:
    """Whether a run of the text's words spells the acronym by their initials: each word gives its
    first letter, the small words (articles, prepositions), the second half of a compound and a
    possessive's s theirs or nothing ("Al-Qaida au Maghreb islamique" spells AQMI, "Al-Qaida dans le sous-continent
    indien" AQSI). Stricter than ``fits``, which lets any word give nothing or several
    letters: this is read over a whole paragraph, where that would spell almost anything; a title
    that takes two letters of a word is given its acronym in brackets, a definition."""
    a = "".join(c for c in fold_text(acronym).lower() if c.isalpha())
    if len(a) < 2:
        return False
    # (word, whether it may give no letter: a small word, or the second half of a compound as in
    # "sous-continent", where "Al-Qaida" gives both its initials). The acronym itself, wherever
    # it is written, spells nothing out.
    words = [(w, w in _SKIPPABLE or _joined(text, m.start()))
             for m in _WORD.finditer(text)
             if (w := fold_text(m.group(0)).lower()) != a and not _possessive(text, m.start(), w)]
    n = len(a)
    for k, (w, _) in enumerate(words):
        if w[0] != a[0] or w in _SKIPPABLE:
            continue
        reach = {1}
        for v, optional in words[k + 1:k + 2 * n]:
            nxt = {i + 1 for i in reach if i < n and v[0] == a[i]}
            if optional:
                nxt |= reach
            if n in nxt:
                return True
            if not nxt:
                break
            reach = nxt
    return False


def _joined(text: str, start: int) -> bool:
    """The second half of a compound (any hyphen, as Word writes them too): it may give no letter."""
    before = text[start - 1:start]
    return before != "" and before in HYPHENS


def _possessive(text: str, start: int, word: str) -> bool:
    """A possessive's s ("People's"): no word of a title, it gives no letter."""
    return word == "s" and text[start - 1:start] in ("'", "\u2019")


def _loose(acronym: str, words: list[str]) -> bool:
    """A title in one language for an acronym of the other ("l'équipe de pays des Nations Unies
    (UNCT)"): half the acronym's letters start a content word of the title, one of them capitalised."""
    initials = {fold_text(w[0]).upper() for w in words if w.lower() not in _SKIPPABLE}
    if not any(w[:1].isupper() for w in words):
        return False
    letters = [c for c in fold_text(acronym).upper() if c.isalpha()]
    return sum(1 for c in letters if c in initials) * 2 >= len(letters)


def _title_before(text: str, end: int, acronym: str) -> tuple[int, str] | None:
    """The start of the title that ends at ``end`` and defines ``acronym``, and how."""
    words = [m for m in _WORD.finditer(text, max(0, end - 240), end)]
    # Only the words of this clause: a title does not run across a full stop or a bracket.
    for i in range(len(words) - 1, 0, -1):
        gap = text[words[i - 1].end():words[i].start()]
        if any(c in gap for c in ".;:()[]\u00ab\u00bb\""):
            words = words[i:]
            break
    if not words:
        return None
    words = words[-(len(acronym) + 6):]
    first = fold_text(acronym[0]).lower()
    for k in range(len(words) - 1, -1, -1):
        if fold_text(words[k].group(0)[0]).lower() != first or words[k].group(0).lower() in _SKIPPABLE:
            continue
        if fits(acronym, [w.group(0) for w in words[k:]]):
            return words[k].start(), "initials"
    tail = words[-(len(acronym) + 3):]
    if _loose(acronym, [w.group(0) for w in tail]):
        start = next((w.start() for w in tail if w.group(0)[:1].isupper() or w.group(0).lower() not in _SKIPPABLE),
                     tail[0].start())
        return start, "loose"
    return None


def definitions(text: str, lang: str, glossary, terms) -> list[Definition]:
    """The acronyms ``text`` defines, in text order (see the module's docstring); ``terms`` are the
    glossary matches of ``text`` (``find_terms``)."""
    if "(" not in text:
        return []
    out: list[Definition] = []
    ending = spans = None  # the glossary titles by where they end, and by span: once a bracket is found
    for m in _BRACKETED.finditer(text):
        acronym = m.group(1)
        a, b = m.span(1)
        end = m.start()
        while end > 0 and text[end - 1] in " \u00a0":
            end -= 1
        if end == 0 or not text[end - 1].isalpha():
            continue
        if ending is None:
            ending = {t.end: t for t in terms if t.role == "term"}
        term = ending.get(end)
        if term is not None:
            out.append(_glossary_definition(acronym, a, b, text, term, lang, glossary))
            continue
        found = _title_before(text, end, acronym)
        if found:
            start, how = found
            out.append(Definition(acronym, a, b, text[start:end], start, end, how))
    for m in _BEFORE_BRACKET.finditer(text):
        acronym, inner = m.group(1), m.group(2)
        a, b = m.span(1)
        s, e = m.span(2)
        stripped = inner.strip()
        s += len(inner) - len(inner.lstrip())
        e = s + len(stripped)
        if spans is None:
            spans = {(t.start, t.end): t for t in terms if t.role == "term"}
        term = spans.get((s, e))
        if term is not None:
            out.append(_glossary_definition(acronym, a, b, text, term, lang, glossary))
            continue
        words = [w.group(0) for w in _WORD.finditer(stripped)]
        if words and len(words) <= len(acronym) + 6 and fits(acronym, words):
            out.append(Definition(acronym, a, b, stripped, s, e, "initials"))
    out.sort(key=lambda d: d.start)
    return out


def _glossary_definition(acronym, a, b, text, term, lang, glossary) -> Definition:
    entry = glossary.entry(term.entry_id)
    own, other = entry.side(lang).acronym, entry.other(lang).acronym
    official = own if own and acronym not in (own, other) else None
    return Definition(acronym, a, b, text[term.start:term.end], term.start, term.end, "glossary",
                      entry.id, official)


def base(word: str) -> str:
    """An acronym without its plural ending: "NGOs" and "NGO", "MDGs" and "MDG" are one acronym."""
    if len(word) > 2 and word[-1] == "s" and word[:-1].isupper():
        return word[:-1]
    return word


class Slip(NamedTuple):
    """How a word misspells an acronym."""

    edits: int  # 0 for case only
    kind: str  # case | drop | insert | double | swap | replace | insert2 | drop2 | edits2
    substitution: bool  # a letter replaced by another (the slip most often another real acronym)


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(c in it for c in short)


def slip(token: str, acronym: str) -> Slip | None:
    """How ``token`` misspells ``acronym`` (both without spaces), or None beyond two edits."""
    from rapidfuzz.distance import OSA  # only for words that may be acronyms

    upper = token.upper()
    if upper == acronym:
        return Slip(0, "case", False) if token != acronym else None
    d = OSA.distance(upper, acronym, score_cutoff=2)
    if d > 2:
        return None
    grow = len(upper) - len(acronym)
    if d == 1:
        if grow == 1:
            i = next((k for k in range(len(acronym)) if upper[k] != acronym[k]), len(acronym))
            doubled = (i > 0 and upper[i] == upper[i - 1]) or (i + 1 < len(upper) and upper[i] == upper[i + 1])
            return Slip(1, "double" if doubled else "insert", False)
        if grow == -1:
            return Slip(1, "drop", False)
        if sorted(upper) == sorted(acronym):
            return Slip(1, "swap", False)
        return Slip(1, "replace", True)
    if grow == 2 and _subsequence(acronym, upper):
        return Slip(2, "insert2", False)
    if grow == -2 and _subsequence(upper, acronym):
        return Slip(2, "drop2", False)
    return Slip(2, "edits2", True)
