"""Official names written almost right, by the slips drafts really make: a word put in the plural or
the singular ("Economic and Social Councils", "Conseil de sécurités"), a preposition or article
swapped ("Department for Public Information", "Organisation de États américains"), a word of three
or more dropped ("Office of Internal Services"). Each is a model of a slip, not a similarity score,
so it holds for short names as for long ones; the evidence that a capitalised run of words is
meant for an official name is that it is spelt and capitalised as that name but for the one slip.

A run that the glossary knows (an official, short, forbidden or other-language form) is never a
near miss of another name.
"""

from __future__ import annotations

import re
from itertools import compress
from operator import ne as _ne

from ..documents.folding import fold_text
from ..lang.text import folded_words, one_edit, word_spans
from ..glossary.names import FUNCTION_WORDS as _FUNCTION
from ..glossary.names import Name as _Name
from ..glossary.names import stems
from ..named_tuples import NamedTuple

class NearName(NamedTuple):
    start: int
    end: int
    entry_id: str
    official: str  # the name to write
    slip: str  # number | function-word | dropped | misspelt


def same_word(a: str, b: str) -> bool:
    """One word in two numbers."""
    return bool(stems(a) & stems(b))


def near_names(analysis, p) -> list[NearName]:
    """The near misses of official names in a paragraph."""
    return near_names_by_paragraph(analysis).get(p.index, [])


def near_names_by_paragraph(analysis) -> dict[int, list[NearName]]:
    """The near misses of official names in every paragraph of the analysis that has some, by
    paragraph index: found for all at once (_find_all), and read so by TM302 (most paragraphs
    have none)."""
    return analysis.memo("near-names-by-paragraph", lambda: _find_all(analysis))


def paragraph_words(analysis, p) -> tuple[str, tuple[str, ...]]:
    """The paragraph folded and its folded words (lang.text.folded_words), read once for the names
    here and the titles of TM302. Folded text holds no typographic apostrophe, so its words are
    those NAME_TOKEN reads."""
    return analysis.per_paragraph("folded-words", p, lambda p: folded_words(p.text))


def _find_all(analysis) -> dict[int, list[NearName]]:
    """The near misses of the paragraphs of ``analysis`` that have some, by paragraph index.

    In each paragraph with a capital, the places of words with candidates are found in C
    (compress), and each candidate's cheap tests (_anchored) are read there; only the few that pass
    are read further (_read)."""
    glossary, lang = analysis.glossary, analysis.lang
    by_stem = glossary.names.get(lang, ([], {}, None))[1]
    # The candidates of each word, found once per glossary (a word of a draft is a word of many),
    # and the words that have some; only words that may have some are looked up (_keyed_words).
    table = glossary.word_table(f"name-candidates:{lang}")
    with_candidates = glossary.derived(f"name-candidates-present:{lang}", set)
    keyed = _keyed_words(glossary, lang)
    unread = glossary.derived(f"name-candidates-unread:{lang}", set)  # the words of ``keyed`` not in the table
    if not table:  # (emptied with its table)
        with_candidates.clear()
        unread.clear()
        unread.update(keyed)
    out = {}
    for p in analysis.paragraphs:
        text = p.text
        # A capital somewhere (most paragraphs start with one: decided in C).
        if not (text[:1].isupper() or any(c.isupper() for c in text)):
            continue
        words = paragraph_words(analysis, p)[1]
        if keyed.isdisjoint(words):
            continue  # no word any name is found by (nor its plural)
        if not unread.isdisjoint(words):
            for word in unread.intersection(words):
                unread.discard(word)
                table[word] = _anchored(by_stem, word)
                if table[word]:
                    with_candidates.add(word)
        padded = None  # the words and _BLANKS either side: the offsets of _anchored count in it
        hits = []  # (index of a word, its candidates that pass the cheap tests)
        for i in compress(range(len(words)), map(with_candidates.__contains__, words)):
            if padded is None:
                padded = _BLANKS + words + _BLANKS
            passed = None
            for o1, w1, o2, w2, o3, w3, more in table[words[i]]:
                if padded[i + o1] == w1 or padded[i + o2] == w2 or padded[i + o3] == w3:
                    a1, f1, a2, f, b1, l1, b2, l, candidate = more
                    if (padded[i + a1][:1] == f1 or padded[i + a2] == f) \
                            and (padded[i + b1][:1] == l1 or padded[i + b2] == l):
                        if passed is None:
                            passed = []
                            hits.append((i, passed))
                        passed.append(candidate)
        if hits:
            found = _read(analysis, p, hits)
            if found:
                out[p.index] = found
    return out


def _keyed_words(glossary, lang: str) -> frozenset[str]:
    """Every word _candidates may find candidates for: the words names are found by (name_index)
    and the plurals stems() reads back to one of them ("councils", "agencies", "internationaux").
    The other words of a draft are never looked up: most of its words."""
    def build():
        keys = glossary.names.get(lang, ([], {}, None))[1]
        out = set(keys)
        for k in keys:
            out.update((k + "s", k + "x"))
            if k.endswith("y"):
                out.add(k[:-1] + "ies")
            if k.endswith("al"):
                out.add(k[:-2] + "aux")
        return frozenset(out)

    return glossary.derived(f"name-keyed-words:{lang}", build)


def _read(analysis, p, hits) -> list[NearName]:
    """The near misses among the candidates ``hits`` of a paragraph: (index of the word they were
    found by, [candidate]) in the order of its words."""
    text = p.text
    names = analysis.glossary.names.get(analysis.lang, ([], {}, None))[0]
    folded, words = paragraph_words(analysis, p)  # one character for one: the spans hold in both
    tokens = None  # (start, end, word, capitalised), read once a candidate passes the cheap tests
    named = _Named(analysis, p.group)
    known = None
    found: dict[tuple[int, int], NearName] = {}
    tried: set[tuple[int, int]] = set()
    lowered = None  # the paragraph in lower case, read once a name is written with all its words
    written_right: dict[int, bool] = {}  # by name: written right wherever its words are
    for i, candidates in hits:
        for k, j, capital, n, name_words in candidates:
            start = i - j
            if not _worth_reading(words, start, n, name_words):
                # All its words, but perhaps without their accents ("Commission des stupefiants"):
                # read further only where the name has some and is not written as it is.
                if names[k].text.isascii() or start < 0 or words[start:start + n] != name_words:
                    continue
                if lowered is None:
                    lowered = text.lower().replace("\u2019", "'")
                if k not in written_right:  # once per name and paragraph (a count reads the paragraph)
                    form = names[k].text.lower().replace("\u2019", "'")
                    written_right[k] = form in lowered and lowered.count(form) == folded.count(fold_text(form))
                if written_right[k]:
                    continue  # as many times as written at all
            if tokens is None:
                tokens = [(a, b, w, text[a].isupper()) for (a, b), w in zip(word_spans(folded, words), words)]
            if capital and not tokens[i][3]:
                continue  # "le groupe d'experts" is no "Groupe ..." of the glossary
            if (k, start) in tried:
                continue
            tried.add((k, start))
            name = names[k]
            hit = _match(text, tokens, start, name, named)
            if hit is None:
                continue
            a, b, slip = hit
            span = (tokens[a][0], tokens[b - 1][1])
            if known is None:
                known = [(t.start, t.end) for t in analysis.terms(p)]
            if any(x <= span[0] and span[1] <= y or (x < span[1] and span[0] < y and y - x > span[1] - span[0])
                   for x, y in known):
                continue  # a name the glossary knows (or inside a longer one)
            if span not in found or len(name.words) > len(found[span].official.split()):
                found[span] = NearName(span[0], span[1], name.entry_id, name.text, slip)
    return _longest_first(found.values())


def _candidates(by_stem, word: str):
    """The names a word may be part of: by the word, and by its singular if it is a plural."""
    if word in _FUNCTION:
        return ()
    candidates = by_stem.get(word)
    # A plural: the name may be in the singular (asked of stems() only when one of the singulars it
    # may give is a key: most words have none).
    if word[-1:] in ("s", "x") and (word[:-1] in by_stem or word[:-3] + "y" in by_stem or word[:-3] + "al" in by_stem):
        more = [x for key in stems(word) - {word} for x in by_stem.get(key, ())]
        if more:
            candidates = [*(candidates or ()), *more]
    return candidates or ()


# Names have 14 words at most (name_index): a name's words around a word of the paragraph fall
# inside the paragraph or these blanks, which no word equals.
_BLANKS = ("",) * 16


def _anchored(by_stem, word: str) -> tuple[tuple, ...]:
    """The candidates of ``word`` (_candidates), each after the cheap tests on the words around it
    that _worth_reading needs to pass, where most candidates fail (137,000 candidates in a
    megabyte of French, 5,500 pass both tests, 450 are worth reading): three places around the
    word (offsets into the words padded with _BLANKS) and the name's words one of them must hold,
    then _slip_tests, (o1, w1, o2, w2, o3, w3, (_slip_tests..., candidate)).

    _worth_reading passes when two of the name's first, second and last words are in place, or
    its first and last with a word dropped between them (at ``start`` and ``start + n - 2``, or at
    ``start + 1`` and ``start + n - 1``). The word found (at 0, position ``j`` of the name) may be
    one of them itself, so one of the others must be: its first or second word from the third
    on; from the second, the first or the last (one word earlier if a word was dropped); from
    the first, the second or the last (at ``n - 1`` or ``n - 2``). A name of two words passes
    the first test (the word found always does)."""
    out = []
    here = len(_BLANKS)  # the word's own place in the padded words
    for candidate in _candidates(by_stem, word):
        j, n, name_words = candidate[1], candidate[3], candidate[4]
        first, second, last = name_words[0], name_words[1], name_words[-1]
        more = (*_slip_tests(here, word, j, n, name_words), candidate)
        if n == 2 or n > here:  # (a longer name than name_index keeps: read as a name of two words)
            out.append((here, word, here, word, here, word, more))
        elif j == 0:
            out.append((here + 1, second, here + n - 1, last, here + n - 2, last, more))
        elif j == 1:
            out.append((here - 1, first, here + n - 2, last, here + n - 2, last, more))
        else:
            out.append((here - j, first, here + 1 - j, second, here + 1 - j, first, more))
    return tuple(out)


def _slip_tests(here: int, word: str, j: int, n: int, name_words: tuple[str, ...]) -> tuple:
    """(a1, f1, a2, f, b1, l1, b2, l): offsets into the padded words, as _anchored's, and what
    must stand there for _worth_reading to pass: the first letter of the name's first word
    at its place, or that word one place later; and the first letter of its last word at
    its place, or that word one place earlier.

    Where the first word is a content word, one slip either leaves it as written or changes it
    into a word of the same first letter (a change of number, a misspelling: drafts keep a word's
    first letter; _slip_of_one_word), and a dropped word leaves it
    at its place or one later; the same for the last word, at its place or one earlier. A
    function word can be swapped for any other: no test (the word found, at its own place, always
    passes); nor for a name longer than the padding."""
    always = (here, word[:1], here, word)
    if n > here:
        return always + always
    start = here - j
    first, last = name_words[0], name_words[-1]
    # A word dropped from a name of two is no slip: the word found at its place ("") never passes.
    dropped = n >= 3
    return ((always if first in _FUNCTION else (start, first[:1], start + 1 if dropped else here, first if dropped else ""))
            + (always if last in _FUNCTION else (start + n - 1, last[:1], start + n - 2 if dropped else here,
                                                 last if dropped else "")))


def _worth_reading(words: tuple[str, ...], start: int, n: int, name_words: tuple[str, ...]) -> bool:
    """Cheap tests on the words alone before any other (most candidates fail them): one slip of
    number or of a small word leaves exactly one word different, so at most one of the first,
    second and last; a dropped word leaves the first and the last as written."""
    count = len(words)
    if 0 <= start and start + n <= count:
        miss = (words[start] != name_words[0]) + (words[start + n - 1] != name_words[-1])
        if n > 2:
            miss += words[start + 1] != name_words[1]
        if miss <= 1 and _slip_of_one_word(words[start:start + n], name_words):
            return True
    return n >= 3 and (
        (0 <= start and start + n - 1 <= count and words[start] == name_words[0]
         and words[start + n - 2] == name_words[-1])
        or (0 <= start + 1 and start + n <= count and words[start + 1] == name_words[0]
            and words[start + n - 1] == name_words[-1]))


def _longest_first(found) -> list[NearName]:
    """Of two overlapping near misses, the longer name; in the order of the text."""
    out: list[NearName] = []
    for n in sorted(found, key=lambda n: (-(n.end - n.start), n.start)):
        if not any(o.start < n.end and n.start < o.end for o in out):
            out.append(n)
    return sorted(out, key=lambda n: n.start)


def _slip_of_one_word(written: tuple[str, ...], name_words: tuple[str, ...]) -> bool:
    """Exactly one word differs, and it may be a slip: two small words, two words sharing their
    first three letters (all a change of number keeps), or a word misspelt past its first letter
    (one letter; _match decides)."""
    if sum(map(_ne, written, name_words)) != 1:
        return False
    for a, b in zip(written, name_words):
        if a != b:
            return (a in _FUNCTION and b in _FUNCTION) or a[:3] == b[:3] or (a[:1] == b[:1] and one_edit(a, b))
    return False


def _accents_lost(text: str, tokens, start: int, name: _Name) -> bool:
    """The tokens from ``start`` are the name's words, written without an accent the name has, or
    with another ("Comite", "stupefiants", "Dèpartement"), in words not written
    in capitals (a heading in capitals may drop them)."""
    n = len(name.words)
    if start < 0 or start + n > len(tokens) or any(tokens[start + j][2] != w for j, w in enumerate(name.words)):
        return False
    written = text[tokens[start][0]:tokens[start + n - 1][1]].replace("\u2019", "'")
    official = name.text.replace("\u2019", "'")
    if len(written) != len(official) or written.lower() == official.lower():
        return False
    for a, b in zip(written.lower(), official.lower()):
        if a != b and fold_text(a) != fold_text(b):
            return False  # another difference than an accent (a hyphen, a space)
    return not any(written[a0:b0].isupper() and len(written[a0:b0]) > 1
                   for a0, b0 in ((t[0] - tokens[start][0], t[1] - tokens[start][0]) for t in tokens[start:start + n]))


def _misspelt(written: str, official: str, named: _Named) -> bool:
    """The name's word misspelt ("Commision", "Audtors", "stupéfinats"): one letter dropped,
    added or replaced, or two swapped, in a content word of four letters or more; not a change of
    number (that slip is told apart), not an apostrophe ("Union's" is read "union'" and "s"), and
    not a word of another name of the glossary (then the words may be that other name's)."""
    return (len(official) >= 4 and official not in _FUNCTION and one_edit(written, official)
            and "'" not in written and "'" not in official
            and not same_word(written, official) and written not in named.name_words())


class _Named:
    """Whether the document names a body by its official name, a short form or an acronym; read
    only when a candidate asks (few do)."""

    def __init__(self, analysis, group: str):
        self.analysis, self.group = analysis, group

    def __contains__(self, entry_id: str) -> bool:
        return _names_body(self.analysis, self.group, entry_id)

    def name_words(self):
        """The words the glossary's names are found by, in the draft's language (name_index)."""
        return self.analysis.glossary.names.get(self.analysis.lang, ([], {}, None))[1]

    def only_reading(self, window, entry_id: str) -> bool:
        """Whether the tokens ``window`` can only be ``entry_id``'s name less one word: see
        dropped_readings."""
        written = tuple(t[2] for t in window)
        # A sentence may capitalise the first word of anything: the capitals after it tell.
        capitals = tuple(t[3] for t in window[1:])
        glossary = self.analysis.glossary
        lang = self.analysis.lang
        return (dropped_readings(glossary, lang, written) == {entry_id}
                and not part_of_a_form(glossary, lang, written, capitals))


_NAMING_ROLES = ("term", "short")


def _names_body(analysis, group: str, entry_id: str) -> bool:
    """Whether the document names the body ``entry_id`` by its official name, a short form or an
    acronym: anywhere in it, also when TM302 judges a slice of a large draft (a document-wide fact).

    The bodies named by a form are those of the terms found in every paragraph already; an acronym
    is looked for only for the body asked about (one or two a document), in the paragraphs that
    hold it at all, rather than every acronym of the draft found to answer them (a scan of the
    whole text by _ACRONYM: a tenth of TM302 on a large draft)."""
    def find(whole):
        by_form = set()
        terms = whole.terms
        for q in whole.paragraphs:
            if q.group == group:
                for t in terms(q):
                    if t.role in _NAMING_ROLES:
                        by_form.add(t.entry_id)
        return by_form, {}  # the bodies named by a form; by an acronym, as asked

    by_form, by_acronym = analysis.document_memo(f"named-bodies:{group}", find)
    if entry_id in by_form:
        return True
    named = by_acronym.get(entry_id)
    if named is None:
        named = by_acronym[entry_id] = _named_by_acronym(analysis.whole, group, entry_id)
    return named


def _named_by_acronym(whole, group: str, entry_id: str) -> bool:
    """Whether a paragraph of ``group`` writes an acronym of ``entry_id`` as _ACRONYM reads one (a
    word of its own): searched only in the paragraphs where the letters stand at all."""
    acronyms = whole.glossary.acronyms.get(whole.lang, {})
    for acronym in [a for a, e in acronyms.items() if e == entry_id]:
        for q in whole.paragraphs:
            if acronym in q.text and q.group == group and acronym in _ACRONYM.findall(q.text):
                return True
    return False


# A word of ASCII letters, capitals first and last. The capital comes first and the word boundary
# before it is a look-behind (\b[A-Z]...): the search skips the other characters at once, rather
# than try a match at each (a whole draft is read).
_ACRONYM = re.compile(r"[A-Z](?<!\w[A-Z])[A-Za-z]*[A-Z]\b")


def dropped_readings(glossary, lang: str, written: tuple[str, ...]) -> set[str]:
    """The entries whose names leave ``written`` (folded words) when one inner content word is
    dropped.

    A name of three content words less one ("World Organization", "Cour de Justice") is evidence of
    a slip only where nothing else explains it: one name only leaves it ("World Organization" is
    five), and it is no part of a form of the glossary (part_of_a_form). Both are asked of the few
    runs that come this far, one scan of the names each: an index of every form's runs would cost
    a quarter of a second at every start, for one or two questions a document."""
    names, _, _ = glossary.names.get(lang, ([], {}, None))
    n = len(written) + 1
    first, last = written[0], written[-1]
    out = set()
    for name in names:
        words = name.words
        if len(words) != n or words[0] != first or words[-1] != last:
            continue
        for d in range(1, n - 1):
            if words[d] not in _FUNCTION and words[:d] + words[d + 1:] == written:
                out.add(name.entry_id)
    return out


def part_of_a_form(glossary, lang: str, written: tuple[str, ...], capitals: tuple[bool, ...]) -> bool:
    """Whether the folded words ``written``, with ``capitals`` (of their words after the first), run
    inside a form the glossary knows: a full title, short form, forbidden form or the other
    language's title ("Cour de justice de l'Union européenne", "African Commission on Human and
    Peoples' Rights": a reference to that body by its first words). "Cour de Justice" with a
    capital J is no part of the "Cour de justice de l'Union européenne"."""
    runs = glossary.names.get(lang, ([], {}, None))[2]
    return runs is not None and runs.has_run(written, capitals)


def _match(text: str, tokens, start: int, name: _Name, named: _Named):
    """(first token, end token, slip) where the tokens from ``start`` spell ``name`` but for one slip."""
    words = name.words
    n = len(words)
    # One slip leaves the first or the last word as written (and a dropped word, both): most
    # candidates fail here, before any word-by-word comparison.
    first, last = words[0], words[-1]
    # One word in another number, or one small word swapped: as many words.
    if 0 <= start and start + n <= len(tokens) and (tokens[start][2] == first or tokens[start + n - 1][2] == last):
        j = _one_difference(tokens, start, words)
        if j is None and _accents_lost(text, tokens, start, name) and _capitalised(tokens[start:start + n], name, skip=None) \
                and _stands_alone(text, tokens, start, start + n):
            return start, start + n, "misspelt"
        if j is not None and _capitalised(tokens[start:start + n], name, skip=None) \
                and (_stands_alone(text, tokens, start, start + n) or _plural_before_a_noun(text, tokens, start, name, j)):
            written, official = tokens[start + j][2], words[j]
            if written not in _FUNCTION and official not in _FUNCTION and same_word(written, official):
                # The head noun of a two-word name in the plural names several bodies of a kind
                # ("Review Conferences", "Geneva Convention" for one of them), not a slip.
                content = [k for k in range(n) if words[k] not in _FUNCTION]
                head = _head(name, content)
                if (len(content) >= 3 or j != head) and not (j == head and _in_a_list(text, tokens, start, start + n,
                                                                                    head == n - 1)):
                    return start, start + n, "number"
            if written in _FUNCTION and official in _FUNCTION and 0 < j < n - 1:
                return start, start + n, "function-word"
            if _misspelt(written, official, named):
                return start, start + n, "misspelt"
    # A content word dropped from inside a name ("International Tribunal for Rwanda"); the first
    # or the last dropped leaves another name as often as a slip. Three content words left name
    # one body; two ("World Organization") only where the document names the body in full, or
    # where the words left can be that name only (dropped_readings).
    for s in (start, start + 1):  # the word dropped after or before the one found
        if s < 0 or s + n - 1 > len(tokens) or tokens[s][2] != first or tokens[s + n - 2][2] != last:
            continue
        d = _one_dropped(tokens, s, words)
        if d is None or not 0 < d < n - 1 or words[d] in _FUNCTION:
            continue
        content = sum(1 for w in words if w not in _FUNCTION)
        if not (_capitalised(tokens[s:s + n - 1], name, skip=d) and _stands_alone(text, tokens, s, s + n - 1)
                and (content >= 4 or not _goes_on(text, tokens, s + n - 1))):
            continue
        # The evidence last: only_reading scans the glossary's names and forms.
        if content >= 4 or (content == 3 and (name.entry_id in named or (
                _read_as_a_name(tokens, s) and named.only_reading(tokens[s:s + n - 1], name.entry_id)))):
            return s, s + n - 1, "dropped"
    return None


# Words before a run that make it a common noun, not a body's name: an owner ("its Implementation
# Mechanism" is the mechanism of what was just named) or an indefinite article.
_NOT_A_NAME_BEFORE = frozenset({"its", "their", "his", "her", "our", "a", "an",
                                "son", "sa", "ses", "leur", "leurs", "notre", "nos", "un", "une"})


def _read_as_a_name(tokens, a: int) -> bool:
    """The run from ``a`` reads as a name by itself, as the words a slip leaves must where nothing
    else in the document says which body is meant: no owner or indefinite article before it, and
    no capitalised word joined to it by "and" ("the ... Initiative and Implementation Mechanism":
    the second half of a longer name, as "Economic and Social Council")."""
    if a > 0 and tokens[a - 1][2] in _NOT_A_NAME_BEFORE:
        return False
    return not (a > 1 and tokens[a - 1][2] in ("and", "et") and tokens[a - 2][3] and tokens[a - 2][2] not in _FUNCTION)


def _one_difference(tokens, start: int, words: tuple[str, ...]) -> int | None:
    """The one position where the tokens from ``start`` and ``words`` differ, else None."""
    found = None
    for j, w in enumerate(words):
        if tokens[start + j][2] != w:
            if found is not None:
                return None
            found = j
    return found


def _one_dropped(tokens, start: int, words: tuple[str, ...]) -> int | None:
    """The position of the one word of ``words`` the tokens from ``start`` leave out, else None."""
    dropped = None
    t = start
    for j, w in enumerate(words):
        if t < len(tokens) and t < start + len(words) - 1 and tokens[t][2] == w:
            t += 1
        elif dropped is None:
            dropped = j
        else:
            return None
    return dropped


_PREPOSITIONS = frozenset({"of", "for", "on", "in", "to", "against", "from", "with", "at"})


def _head(name: _Name, content: list[int]) -> int:
    """The head noun: the first content word in French; in English the last before the first
    preposition ("Committee on Contributions"), else the last ("Economic and Social Council")."""
    if not name.english:
        return content[0]
    for j, w in enumerate(name.words):
        if w in _PREPOSITIONS and any(c < j for c in content):
            return max(c for c in content if c < j)
    return content[-1]


def _goes_on(text: str, tokens, b: int) -> bool:
    """A complement follows ("l'Organisation mondiale des associations pour ..."): the run may be
    the start of another, longer name."""
    return b < len(tokens) and not text[tokens[b - 1][1]:tokens[b][0]].strip() \
        and tokens[b][2] in ("de", "des", "du", "d'", "d’", "pour", "of", "for", "on", "sur", "in", "en")


def _stands_alone(text: str, tokens, a: int, b: int) -> bool:
    """The run is a whole name, not part of a longer one: no capitalised word just before it
    ("Fourth Geneva Convention"), none after it or after an "of"/"de" that follows it ("World
    Organization of Prenatal Education", "New Agenda Coalition"); punctuation closes a name."""
    if not _nothing_before(text, tokens, a):
        return False
    if b < len(tokens) and not text[tokens[b - 1][1]:tokens[b][0]].strip():
        nxt = tokens[b]
        if nxt[3] and nxt[2] not in _FUNCTION:
            return False
        if nxt[2] in _COMPLEMENT and b + 1 < len(tokens) and tokens[b + 1][3] and tokens[b + 1][2] not in _FUNCTION \
                and not _OF_THE_UN.match(text, tokens[b][0]):
            return False
    return True


def _plural_before_a_noun(text: str, tokens, a: int, name: _Name, j: int) -> bool:
    """An English name whose last word, singular in the name, is written in the plural just before
    a capitalised noun ("International Seabed Authorities Council"): a name that qualifies a noun
    keeps its noun singular, so the plural is a slip inside the longer name, whatever follows."""
    n = len(name.words)
    b = a + n
    if not name.english or j != n - 1 or b >= len(tokens) or text[tokens[b - 1][1]:tokens[b][0]] != " ":
        return False
    written, official = tokens[b - 1][2], name.words[-1]
    nxt = tokens[b]
    return written != official and official in stems(written) and nxt[3] and nxt[2] not in _FUNCTION \
        and _nothing_before(text, tokens, a)


def _nothing_before(text: str, tokens, a: int) -> bool:
    """No capitalised word just before the run ("Fourth Geneva Convention"); "the United Nations
    Commission on ..." is the Commission."""
    return not (a > 0 and tokens[a - 1][3] and tokens[a - 1][2] not in _FUNCTION and tokens[a - 1][0] > 0
                and not text[tokens[a - 1][1]:tokens[a][0]].strip()
                and not (a > 1 and (tokens[a - 2][2], tokens[a - 1][2]) == ("united", "nations")))


# "Commission de la population et du développement des Nations Unies": whose, not another name.
_OF_THE_UN = re.compile(r"(?:des Nations Unies|de l['’]Organisation des Nations Unies|of the United Nations)\b")


# Words that lead a name on ("of Prenatal Education"); "in Geneva" is where, not who.
_COMPLEMENT = frozenset({"of", "for", "on", "against", "de", "du", "des", "d'", "d’", "pour", "sur", "contre"})


def _in_a_list(text: str, tokens, a: int, b: int, head_last: bool = False) -> bool:
    """"the Departments of Peacekeeping Operations, Field Support and Political Affairs",
    "Scientific and Technical and Legal Subcommittees": several bodies sharing one head noun
    named at once, in the plural ("the Councils and the General Assembly" is no such list).
    A name whose head noun is its last word ("World Health Organization") shares it only with
    names before it; what follows its plural ("the World Health Organizations, HIV ...") is no
    part of such a list."""
    if a > 1 and tokens[a - 1][2] in ("and", "et") and tokens[a - 2][3]:
        return True
    if a > 0 and (tokens[a - 1][2] in ("both", "two", "three", "deux", "trois", "previous", "all", "tous", "toutes")
                  or tokens[a - 1][2].isdigit()):
        return True
    if b < len(tokens) and not head_last:
        after = text[tokens[b - 1][1]:tokens[b][0]]
        nxt = tokens[b]
        if ("," in after or nxt[2] in ("and", "et")) and nxt[2] not in _FUNCTION and nxt[3]:
            return True
        if "," in after and nxt[2] in ("de", "du", "des", "d'", "d’", "of"):
            return True  # "les Départements des opérations de maintien de la paix, de l'appui aux missions"
        if nxt[2] in ("and", "et") and b + 1 < len(tokens) and tokens[b + 1][3] and tokens[b + 1][2] not in _FUNCTION:
            return True
    return False


def _capitalised(window, name: _Name, skip: int | None) -> bool:
    """Every word the name capitalises is capitalised in the text (a title, not a phrase)."""
    caps = [c for j, c in enumerate(name.capitals) if j != skip]
    return all(w[3] or not c for w, c in zip(window, caps))
