"""Candidate glossary entries mined from translation memories (``tmcheck glossary extract``).

Two kinds of evidence, both from French–English segment pairs:

- acronym definitions: "Programme des Nations Unies pour le développement (PNUD)" on the French side
  and "United Nations Development Programme (UNDP)" on the English side of the same pair. The title
  before each parenthesis is the shortest run of words, starting with a capitalized word, whose
  initials spell the acronym (a title the acronym does not spell, such as ONUSIDA's, is not taken);
  the definitions of a pair are matched by identical acronym, else in order when both sides define
  as many;
- recurring titles: an English run of capitalized words ("Economic Commission for Latin America
  and the Caribbean") seen in several pairs, and the French run of words, starting with a capital,
  that those pairs' French sides share most (and that seldom appears without it).

What the glossary already has (the acronym, or the title as a term or short form) is dropped. The
candidates are printed for a terminologist to review: nothing is ever written to the glossary.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from collections.abc import Iterable

from ..documents.folding import fold_text
from ..named_tuples import NamedTuple
from .checks import acronym_letters, key
from .edit import slug
from .model import Entry, Glossary, Terms

ACRONYM = re.compile(r"\(\s*([A-Z][A-Za-z\-/&]{1,14})\s*\)")
ROMAN = re.compile(r"[IVXLCDM]+")
WORD = re.compile(r"[^\W\d_]+['’]?|\d+")
STOP = re.compile(r"[.;:!?()«»\"“”\[\]]|<<|>>")
EN_CONNECTORS = {"of", "for", "and", "the", "on", "in", "against", "to", "at", "de", "du"}
FR_ARTICLES = {"le", "la", "les", "l'", "l’", "de", "des", "du", "d'", "d’", "un", "une", "au", "aux", "à", "et", "en"}
EN_SENTENCE_WORDS = {"the", "a", "an", "in", "on", "at", "by", "for", "with", "this", "that", "these", "those", "it",
                     "its", "as", "since", "during", "under", "following", "pursuant", "also", "moreover"}
MAX_TITLE_WORDS = 22


class Pair(NamedTuple):
    ref: str  # where the pair comes from: "memory #12", "file.tsv row 5 (doc)"
    fr: str
    en: str


class Candidate(NamedTuple):
    source: str  # acronym | title
    en_term: str
    en_acronym: str | None
    fr_term: str
    fr_acronym: str | None
    count: int
    example: Pair

    def json(self) -> dict:
        return {"evidence": self.source, "en": {"term": self.en_term, "acronym": self.en_acronym},
                "fr": {"term": self.fr_term, "acronym": self.fr_acronym}, "count": self.count,
                "example": {"ref": self.example.ref, "fr": self.example.fr, "en": self.example.en}}


# -- acronym definitions ----------------------------------------------------------------------------

def _is_acronym(a: str) -> bool:
    if ROMAN.fullmatch(a) or sum(c.isupper() for c in a) < 2:
        return False
    return a.replace("-", "").replace("/", "").replace("&", "").isalpha()


def _window(text: str, end: int) -> list[tuple[int, str]]:
    """The words before ``end`` within the clause (a comma does not end a title), elided articles
    apart ("l'", "Agence")."""
    before = text[:end]
    cut = max((s.end() for s in STOP.finditer(before)), default=0)
    return [(w.start() + cut, w.group(0)) for w in WORD.finditer(before[cut:])][-MAX_TITLE_WORDS:]


def _span(text: str, words: list[tuple[int, str]], i: int) -> str:
    return " ".join(text[words[i][0]:words[-1][0] + len(words[-1][1])].split())


FUNCTION_WORDS = FR_ARTICLES | EN_CONNECTORS | {
    "pour", "sur", "dans", "avec", "par", "contre", "entre", "vers", "chez", "sans", "sous", "auprès",
    "with", "from", "into", "upon", "over", "before", "after", "between", "within"}


def _is_content(word: str) -> bool:
    w = word.lower()
    return len(w) > 3 and w not in FUNCTION_WORDS


def definitions(text: str) -> list[tuple[str, str | None]]:
    """(acronym, title or None) for each "(ACR)" in the text; the title is the shortest run of the
    words before it, starting with a capitalized word, whose initials spell the acronym and which
    leaves few of its content words unused."""
    found = []
    for m in ACRONYM.finditer(text):
        acr = m.group(1)
        if _is_acronym(acr):
            found.append((acr, _spelled(acr, _window(text, m.start()), text)))
    return found


def _spelled(acr: str, words: list[tuple[int, str]], text: str) -> str | None:
    folded = [fold_text(w).strip("'") for _, w in words]
    for letters in acronym_letters(acr):
        for i in range(len(words) - 1, -1, -1):
            w = words[i][1]
            if not w[:1].isupper() or not folded[i] or folded[i][0] != letters[0]:
                continue
            span = tuple(re.sub(r"[^a-z0-9]", "", f) for f in folded[i:])
            if len(span) < 2 and len(letters) > 2:
                continue
            skipped = _least_skipped(letters, span, tuple(_is_content(x) for _, x in words[i:]))
            if skipped is not None and skipped <= 1 + len(letters) // 3:
                return _span(text, words, i)
    return None


@lru_cache(maxsize=4096)
def _least_skipped(a: str, words: tuple[str, ...], content: tuple[bool, ...]) -> int | None:
    """The fewest content words left unused when the words spell ``a`` (None: they cannot), plus one
    for each word giving several letters inside the acronym."""
    @lru_cache(maxsize=None)
    def go(i: int, k: int) -> int | None:
        if i == len(a):
            return sum(content[k:])
        if k == len(words):
            return None
        best = go(i, k + 1)
        if best is not None:
            best += content[k]
        w, j = words[k], 0
        while j < len(w) and i + j < len(a) and w[j] == a[i + j]:
            j += 1
            rest = go(i + j, k + 1)
            if rest is not None and j > 1 and i > 0 and i + j < len(a):
                rest += 1  # several letters of one word inside the acronym (BRENUAC's "ré"): a doubt
            if rest is not None and (best is None or rest < best):
                best = rest
        return best

    return go(0, 0)


def _en_run(text: str, end: int) -> str | None:
    """The run of capitalized English words just before ``end`` ("United Nations Organization
    Stabilization Mission in the Democratic Republic of the Congo"), for an acronym made from
    another language's title."""
    m = re.search(r"((?:[A-Z][\w'’\-]*)(?:(?:\s+(?:of|for|and|the|on|in|against|to|at))*\s+[A-Z][\w'’\-]*)+)\s*$",
                  text[:end])
    if not m:
        return None
    words = m.group(1).split()
    while words and words[0].lower() in EN_SENTENCE_WORDS:
        words = words[1:]
    run = " ".join(words)
    head = re.match(r"(?:" + "|".join(EN_HEADS) + r")\s+of\s+(?:the\s+)?(?=[A-Z])", run)
    if head:  # "Member States of the Association of ...": the title is what follows
        run = run[head.end():]
    if sum(1 for w in run.split() if w.lower() not in EN_CONNECTORS) < 2:
        return None
    return run


EN_HEADS = ("Member States", "States Members", "Members", "Summit", "Government", "Governments", "President",
            "Vice-President", "Chair", "Chairperson", "Chairman", "Director", "Executive Director", "Director-General",
            "Head", "Minister", "Ministry", "Secretary", "Secretary-General", "Representative",
            "Special Representative", "Special Envoy", "Envoy", "Report", "Session", "Meeting")


def _fr_guess(text: str, end: int, en_title: str) -> str | None:
    """A French title the acronym does not spell (ONUSIDA, MONUSCO): the run, from a capitalized
    word that is not an article to the parenthesis, whose number of content words is nearest the
    English title's (and whose first word is a cognate of an English one, on a tie)."""
    words = _window(text, end)
    comma = text.rfind(",", 0, end)
    words = [w for w in words if w[0] > comma]  # a guessed title does not run across a comma
    target = sum(1 for w in en_title.split() if _is_content(w))
    stems = {fold_text(w)[:4] for w in en_title.split() if len(w) > 3}
    best = None
    for i, (_, w) in enumerate(words):
        if not w[:1].isupper() or w.lower().strip("'’") in FR_ARTICLES:
            continue
        n = sum(1 for _, x in words[i:] if _is_content(x))
        score = (abs(n - target), fold_text(w)[:4] not in stems)
        if best is None or score < best[0]:
            best = (score, i)
    if best is None or best[0][0] > 2:
        return None
    return _span(text, words, best[1])


def pair_definitions(fr: str, en: str) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """The ((French title, acronym), (English title, acronym)) pairs one segment pair defines: the
    acronyms in parentheses are matched in order when both sides have as many, else only where
    the acronym is the same in both languages."""
    fr_acr = [(m.group(1), m.start()) for m in ACRONYM.finditer(fr) if _is_acronym(m.group(1))]
    en_acr = [(m.group(1), m.start()) for m in ACRONYM.finditer(en) if _is_acronym(m.group(1))]
    if not fr_acr or not en_acr:
        return []
    if len(fr_acr) == len(en_acr):
        matched = list(zip(fr_acr, en_acr))
    else:
        matched = [(f, e) for f in fr_acr for e in en_acr
                   if f[0] == e[0] and sum(x[0] == f[0] for x in fr_acr) == 1 and sum(x[0] == e[0] for x in en_acr) == 1]
    pairs = []
    for (fa, fpos), (ea, epos) in matched:
        en_title = _spelled(ea, _window(en, epos), en) or _en_run(en, epos)
        if not en_title:
            continue
        fr_title = _spelled(fa, _window(fr, fpos), fr) or _fr_guess(fr, fpos, en_title)
        if fr_title:
            pairs.append(((fr_title, fa), (en_title, ea)))
    return pairs


# -- recurring titles -------------------------------------------------------------------------------

EN_TITLE = re.compile(
    r"\b(?:[A-Z][\w'’\-]*)(?:(?:\s+(?:of|for|and|the|on|in|against|to|at))*\s+[A-Z][\w'’\-]*)+")


def en_titles(text: str) -> list[str]:
    """Runs of capitalized words ("Economic Commission for Latin America and the Caribbean") of
    three content words or more; a leading sentence word ("The", "In") is dropped."""
    out = []
    for m in EN_TITLE.finditer(text):
        words = m.group(0).split()
        while words and words[0].lower() in EN_SENTENCE_WORDS:
            words = words[1:]
        while words and words[-1].lower() in EN_CONNECTORS:
            words = words[:-1]
        runs = [words]
        if not text[:m.start()].strip() or re.search(r"[.;:!?]\s*$", text[:m.start()]):
            # At the start of a sentence the first word may be a common noun ("Units of the
            # Container Control Programme"): the run after its first connectors counts too.
            k = 1
            while k < len(words) and words[k].lower() in EN_CONNECTORS:
                k += 1
            if 1 < k < len(words):
                runs.append(words[k:])
        for run in runs:
            content = [w for w in run if w.lower() not in EN_CONNECTORS]
            if len(content) >= 3 and not all(w.isupper() for w in content):
                out.append(" ".join(run))
    return out


def _fr_runs(text: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Word runs of a French segment that may be a title, by key: (the text as written, its
    words). A run starts with a capitalized word that is not an article, ends with a word of two
    letters or more that is not one, holds no number, and stays within one clause."""
    runs = {}
    for clause in STOP.split(text):
        words = [(m.start(), m.group(0)) for m in WORD.finditer(clause)]
        for i, (start, w) in enumerate(words):
            if not w[:1].isupper() or w.lower().strip("'’") in FR_ARTICLES:
                continue
            for j in range(i + 1, min(len(words), i + MAX_TITLE_WORDS)):
                last = words[j][1]
                if last.isdigit():
                    break
                if len(last) < 2 or last.lower().strip("'’") in FR_ARTICLES or last.lower() in FUNCTION_WORDS:
                    continue
                run = " ".join(clause[start:words[j][0] + len(last)].split())
                runs.setdefault(key(run), (run, tuple(x for _, x in words[i:j + 1])))
    return runs


TITLE_SKIP_HEADS = ("Government", "Governments", "Permanent Mission", "Permanent Representative", "Ministry",
                    "Minister", "Ambassador", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine")


def _cognates(en: str, fr: str) -> int:
    """How many content words of the English title share their first four letters with a word of
    the French one (Commission/Commission, Charter/Charte, Syrian/syrienne)."""
    stems = {fold_text(w)[:4] for w in WORD.findall(fr) if len(w) > 3}
    return sum(1 for w in WORD.findall(en) if _is_content(w) and fold_text(w)[:4] in stems)


def title_pairs(pairs: list[Pair], min_count: int) -> list[tuple[str, str, int, Pair]]:
    by_title: dict[str, list[int]] = defaultdict(list)
    for n, p in enumerate(pairs):
        if p.fr.strip() == p.en.strip():
            continue
        for t in dict.fromkeys(en_titles(p.en)):
            if not t.startswith(TITLE_SKIP_HEADS):
                by_title[t].append(n)
    chosen = []
    fr_folded: list[str] | None = None
    for title, rows in by_title.items():
        if len(rows) < min_count:
            continue
        support: Counter = Counter()
        surface: dict[str, tuple[str, tuple[str, ...]]] = {}
        for n in rows:
            runs = _fr_runs(pairs[n].fr)
            support.update(runs.keys())
            for k, v in runs.items():
                surface.setdefault(k, v)
        need = max(min_count, (len(rows) * 3 + 4) // 5)  # in three French sides out of five at least
        target = sum(1 for w in title.split() if _is_content(w))
        best = None
        for k, count in support.items():
            if count < need:
                continue
            run, words = surface[k]
            content = sum(1 for w in words if _is_content(w))
            if content > target + 2:
                continue
            score = (count, _cognates(title, run), -abs(content - target), len(words))
            if best is None or score > best[0]:
                best = (score, run)
        if best is None:
            continue
        fr = best[1]
        if fold_text(title) in fold_text(fr) or _cognates(title, fr) * 3 < target:
            continue  # untranslated, or nothing in common with the English title
        if fr_folded is None:
            fr_folded = [fold_text(p.fr) for p in pairs]
        needle = fold_text(fr)
        anywhere = sum(1 for t in fr_folded if needle in t)
        if best[0][0] * 2 < anywhere:  # the French run is more often without the English title than with it
            continue
        chosen.append((title, fr, len(rows), pairs[rows[0]]))
    twice = Counter(key(fr) for _, fr, _, _ in chosen)
    return [c for c in chosen if twice[key(c[1])] == 1]  # one French run for two titles: neither is sure


# -- the candidates ---------------------------------------------------------------------------------

def _known(glossary: Glossary | None):
    terms = {"en": set(), "fr": set()}
    acronyms = {"en": set(), "fr": set()}
    if glossary is None:
        return terms, acronyms
    for e in glossary.entries.values():
        for lang in ("en", "fr"):
            side = e.side(lang)
            terms[lang].update(key(t) for t in (side.term, *side.short, *side.forbidden))
            if side.acronym:
                acronyms[lang].add(side.acronym)
            for f in side.forbidden:
                acronyms[lang].add(f)
    return terms, acronyms


def _strip_article(title: str, lang: str) -> str:
    if lang == "en":
        return re.sub(r"^(?:the)\s+", "", title)
    return re.sub(r"^(?:la|le|les)\s+|^l['’]", "", title)


def extract(pairs: Iterable[Pair], glossary: Glossary | None = None, min_count: int = 1,
            min_title_count: int = 2, titles: bool = True) -> tuple[list[Candidate], dict]:
    """Candidates, most frequent first, and figures about the run."""
    pairs = list(pairs)
    terms, acronyms = _known(glossary)
    found: dict[tuple, list] = {}
    stats = Counter(pairs=len(pairs))
    for p in pairs:
        if p.fr.strip() == p.en.strip():
            continue
        for (fr_title, fr_acr), (en_title, en_acr) in pair_definitions(p.fr, p.en):
            stats["definitions"] += 1
            fr_title, en_title = _strip_article(fr_title, "fr"), _strip_article(en_title, "en")
            k = (key(en_title), en_acr, key(fr_title), fr_acr)
            if k in found:
                found[k][1] += 1
            else:
                found[k] = [(en_title, en_acr, fr_title, fr_acr, p), 1]
    candidates = []
    for (en_title, en_acr, fr_title, fr_acr, p), count in found.values():
        if count < min_count:
            continue
        if (en_acr in acronyms["en"] or fr_acr in acronyms["fr"] or key(en_title) in terms["en"]
                or key(fr_title) in terms["fr"]):
            stats["known"] += 1
            continue
        candidates.append(Candidate("acronym", en_title, en_acr, fr_title, fr_acr, count, p))
    if titles:
        seen = {key(c.en_term) for c in candidates}
        for en_title, fr_title, count, p in title_pairs(pairs, min_title_count):
            if key(en_title) in seen:
                continue
            if key(en_title) in terms["en"] or key(fr_title) in terms["fr"]:
                stats["known"] += 1
                continue
            candidates.append(Candidate("title", en_title, None, fr_title, None, count, p))
    candidates.sort(key=lambda c: (-c.count, c.source, c.en_term))
    stats["candidates"] = len(candidates)
    return candidates, dict(stats)


def guess_kind(title: str) -> str:
    t = title.lower()
    for words, kind in ((("mission", "operation", "force"), "mission"),
                        (("office", "department", "secretariat"), "office"),
                        (("convention", "protocol", "treaty", "covenant", "agreement"), "instrument"),
                        (("commission", "committee", "council", "board", "group", "conference", "forum", "court",
                          "tribunal"), "body"),
                        (("programme", "fund", "organization", "agency", "union", "bank", "institute", "entity",
                          "centre", "center", "association", "community"), "organization")):
        if any(re.search(rf"\b{w}\b", t) for w in words):
            return kind
    return "term"


def as_entries(candidates: list[Candidate], taken: set[str]):
    """Candidates as glossary entries (status: proposed) for --format yaml."""
    out, ids = [], set(taken)
    for c in candidates:
        base = slug(c.en_acronym) if c.en_acronym else slug(c.en_term)
        entry_id, n = base, 2
        while entry_id in ids:
            entry_id, n = f"{base}-{n}", n + 1
        ids.add(entry_id)
        note = (f"Proposed by tmcheck glossary extract ({c.source}, {c.count} segment pair{'s' if c.count != 1 else ''}, "
                f"e.g. {c.example.ref}); check it against UNTERM.")
        out.append(Entry(entry_id, guess_kind(c.en_term), "proposed", Terms(c.en_term, c.en_acronym),
                         Terms(c.fr_term, c.fr_acronym), (), None, note, ""))
    return out
