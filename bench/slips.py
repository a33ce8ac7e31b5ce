"""Slip harness (issue 9): realistic slips, one at a time, in real UN documents; what tmcheck finds.

Every slip is one small edit of the original file's text (a day, a month, a year, a weekday, one
word of a title, one number of a symbol), applied alone to a copy of one document. The copy is
linted as a translator lints a draft, and the slip counts as *found* when a finding of the expected
family (TM2 for dates, TM3 for document citations and agenda item titles, TM3 or TM4 for the title
of a body), at severity warning or error, covers the place of the slip: its span overlaps the
altered unit (the date expression, the citation, the item title, the body's title), or one of its
related locations does (a conflict between two places may be reported at the other place, pointing
back here). A finding of that family that appears only in the altered copy somewhere else is
counted apart ("elsewhere"), never as found.

The harness finds its slip sites by its own simple, generic means -- regular expressions over the
raw text, a reading of the agenda list and of its repetitions, the glossary's titles read with
PyYAML -- never with tmcheck's facts or checks; it borrows only the low-level date parser
(``tmcheck.lang.dates.find_dates``) and lints through the public engine. A site is used only where
the slip is detectable in principle: the changed date is written elsewhere too, the changed word of
a title (a title, not a reference such as "the report on that meeting") or the changed symbol
belongs to a document cited elsewhere with a similar title, the changed word of an item title lies
in a stretch the agenda also has.

Documents: the clean golden agendas (tests/golden/wg-tip-2016.*), the 2012 sample of ../shared,
every *.md/*.txt/*.docx under tests/corpus/ (not the facts files or READMEs), and the UNPC pairs of
../shared grouped by doc_id (French and English as two documents, one paragraph per sentence; only
doc_ids with at least 5 sentences).

Usage:
  python bench/slips.py                       # every class, both languages, all documents
  python bench/slips.py --class meeting-date --lang fr --verbose
  python bench/slips.py --docs 'golden/*' --limit 20 --seed 7 --jobs 2 --json

Never run as a test (tests/test_slips.py runs a small fixed sample of it).
"""

from __future__ import annotations

import argparse
import atexit
import calendar
import csv
import fnmatch
import json
import os
import random
import re
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from difflib import SequenceMatcher
from functools import cached_property
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __name__ == "__main__":
    # This checkout's tmcheck, not an installed one, and a cache nobody else reads or writes.
    sys.path.insert(0, str(ROOT))
    _CACHE = tempfile.mkdtemp(prefix="tmcheck-slips-cache-")
    os.environ["TMCHECK_CACHE_DIR"] = _CACHE
    atexit.register(shutil.rmtree, _CACHE, True)

import yaml  # noqa: E402

SHARED = ROOT.parent / "shared"
GOLDEN = [ROOT / "tests" / "golden" / n for n in ("wg-tip-2016.en.md", "wg-tip-2016.fr.md", "wg-tip-2016.fr.txt")]
SAMPLE = SHARED / "samples" / "ctoc-cop-wg2-2012-1.fr.txt"
UNPC = SHARED / "data" / "unpc" / "unpc-dev.fr-en.tsv"
CORPUS = ROOT / "tests" / "corpus"
GLOSSARY = ROOT / "glossary"
UNPC_MIN_SENTENCES = 5

# Slip classes, in report order, with the families whose findings count as found.
CLASSES: dict[str, tuple[str, ...]] = {
    "meeting-date": ("TM2",),        # one mention of a meeting's dates changed (day, month or year)
    "meeting-number": ("TM2", "TM3"),  # a dated meeting's number changed where its dates are written elsewhere
    "respectively-date": ("TM2",),   # a date changed inside a "respectively" list
    "weekday-prose": ("TM2",),       # a weekday changed to another, in prose
    "weekday-table": ("TM2",),       # ... in a table row
    "weekday-typo-prose": ("TM2",),  # a weekday misspelled, in prose
    "weekday-typo-table": ("TM2",),  # ... in a table row
    "impossible-date": ("TM2",),     # 31 in a 30-day month, 30/31 February, 29 February of a common year
    "date-style": ("TM2",),          # a date written in another style than the UN's ("1 juin", "5th October")
    "date-order": ("TM2",),          # ... the month put before the day ("October 5, 2016"), reported as info
    "time-style": ("TM2",),          # a time of day written in another style ("10h00", "10:00 a.m.")
    "citation-title": ("TM3",),      # one citation of a document's title changed by one word
    "citation-symbol": ("TM3",),     # one citation's symbol changed (its last number)
    "joint-symbol": ("TM3",),        # the second part of a joint symbol changed
    "item-heading": ("TM3",),        # an agenda item title changed by one word in its annotation heading
    "item-programme": ("TM3",),      # ... in a programme cell (a table row, behind a date/time cell)
    "item-annex-wrapped": ("TM3",),  # ... in a PDF annex cell wrapped on several lines
    "body-title": ("TM3", "TM4"),    # a body's official title changed to a non-official near miss
    "body-title-typo": ("TM3", "TM4"),  # ... by a misspelt word (letters swapped or dropped, an accent lost)
    "standard-phrasing": ("TM4", "TM5"),  # a standard sentence's wording changed (a phrase for a near-synonym), info
    "us-spelling": ("TM4",),         # an English word given its American spelling ("labor", "center", "analyze"), or a compound otherwise written
    "fr-anglicism": ("TM4",),        # a French word put as translations calque the English ("implémenter", "challenge")
}
LANGS = ("fr", "en")
REPORTED = ("warning", "error")
# Classes whose slips tmcheck reports at another severity than REPORTED (found at that one too).
CLASS_SEVERITIES = {"date-order": ("info", "warning", "error"), "standard-phrasing": ("info", "warning", "error")}


# ==================================================================================================
# Documents


@dataclass
class Doc:
    name: str       # as reported: a path relative to the checkout or ../shared, or unpc/<doc_id>.<lang>
    filename: str   # the name its copies are written under (same suffix, same .fr/.en)
    text: str
    lang: str
    origin: str     # golden | sample | corpus | unpc
    docx: bytes | None = None  # the original package of a .docx (text is then tmcheck's reading of it)

    @cached_property
    def flat(self) -> str:
        """The text with line breaks as spaces (same length, same offsets): a date or a title broken
        over two lines of a PDF extraction reads as one."""
        return self.text.replace("\r", " ").replace("\n", " ")

    @cached_property
    def line_starts(self) -> list[int]:
        return line_starts(self.text)

    def line_of(self, offset: int) -> int:
        return _bisect(self.line_starts, offset) + 1

    def line_text(self, line: int) -> str:
        a = self.line_starts[line - 1]
        b = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.text)
        return self.text[a:b]


def line_starts(text: str) -> list[int]:
    return [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]


def _bisect(starts: list[int], offset: int) -> int:
    lo, hi = 0, len(starts)
    while lo + 1 < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid
    return lo


def _lang_of(path: Path, text: str) -> str:
    parts = [p.lower() for p in re.split(r"[._\-]", path.name)]
    if "fr" in parts and "en" not in parts:
        return "fr"
    if "en" in parts and "fr" not in parts:
        return "en"
    fr = len(re.findall(r"\b(?:le|la|les|des|du|et)\b", text))
    en = len(re.findall(r"\b(?:the|of|and|to)\b", text))
    return "fr" if fr > en else "en"


def _file_doc(path: Path, name: str, origin: str) -> Doc:
    if path.suffix.lower() == ".docx":
        from tmcheck.documents import read_document

        data = path.read_bytes()
        text = read_document(path).source
        return Doc(name, path.name, text, _lang_of(path, text), origin, docx=data)
    text = path.read_text(encoding="utf-8")
    return Doc(name, path.name, text, _lang_of(path, text), origin)


def corpus_files(folder: Path = CORPUS) -> list[Path]:
    """Every document under tests/corpus/: Markdown, text, Word; never the facts files or READMEs."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in (".md", ".txt", ".docx")
                  and not p.name.lower().startswith("readme") and not p.name.endswith(".facts.yaml"))


def unpc_docs(path: Path = UNPC, min_sentences: int = UNPC_MIN_SENTENCES) -> list[Doc]:
    """The UNPC pairs grouped by doc_id: the French sentences as one document, the English as another,
    one paragraph per sentence, in file order."""
    if not path.exists():
        return []
    groups: dict[str, list[dict]] = defaultdict(list)
    with open(path, encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            groups[row["doc_id"]].append(row)
    docs = []
    for doc_id, rows in groups.items():
        if len(rows) < min_sentences:
            continue
        stem = doc_id.replace("/", "_")
        for lang in LANGS:
            text = "\n\n".join(r[lang].strip() for r in rows) + "\n"
            docs.append(Doc(f"unpc/{doc_id}.{lang}", f"{stem}.{lang}.txt", text, lang, "unpc"))
    return docs


def load_documents(pattern: str | None = None, unpc: bool = True) -> list[Doc]:
    docs: list[Doc] = []
    for p in GOLDEN:
        docs.append(_file_doc(p, str(p.relative_to(ROOT)), "golden"))
    if SAMPLE.exists():
        docs.append(_file_doc(SAMPLE, f"shared/samples/{SAMPLE.name}", "sample"))
    for p in corpus_files():
        docs.append(_file_doc(p, str(p.relative_to(ROOT)), "corpus"))
    if unpc:
        docs.extend(unpc_docs())
    if pattern:
        pats = pattern.split(",")
        docs = [d for d in docs if any(fnmatch.fnmatch(d.name, p) or fnmatch.fnmatch(d.name, f"*{p}*") for p in pats)]
    return docs


# ==================================================================================================
# Slips


@dataclass
class Slip:
    cls: str
    doc: Doc
    start: int          # the edit: text[start:end] becomes new
    end: int
    new: str
    place: tuple[int, int]  # the unit the edit belongs to, in the original text (date, citation, title)
    detail: str = ""
    group: str = ""         # slips of one group (the same official title) are capped together

    @property
    def old(self) -> str:
        return self.doc.text[self.start:self.end]

    @property
    def delta(self) -> int:
        return len(self.new) - (self.end - self.start)

    def applied(self) -> str:
        t = self.doc.text
        return t[:self.start] + self.new + t[self.end:]

    def place_after(self) -> tuple[int, int]:
        """The place in the slipped text."""
        a, b = self.place
        if a > self.start:
            a = max(self.start, a + self.delta) if a >= self.end else self.start
        if b >= self.end:
            b += self.delta
        return a, max(b, a + 1)

    def key(self) -> tuple:
        return (self.cls, self.doc.name, self.start, self.end, self.new)


def _keep_case(old: str, new: str) -> str:
    if old.isupper() and len(old) > 1:
        return new.upper()
    if old[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def _rng(seed, *parts) -> random.Random:
    return random.Random(":".join(str(p) for p in (seed,) + parts))


# --------------------------------------------------------------------------------------------------
# Calendar names: the harness's own, in the forms UN documents write

MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
}
WEEKDAYS = {
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}
_MONTH_RE = {lang: re.compile(r"(?<![\w])(" + "|".join(names) + r")(?![\w])", re.I) for lang, names in MONTHS.items()}
_WEEKDAY_RE = {lang: re.compile(r"(?<![\w])(" + "|".join(names) + r")(?![\w])", re.I) for lang, names in WEEKDAYS.items()}
_YEAR_RE = re.compile(r"(?<!\d)([12]\d{3})(?!\d)")


def _days_in(year: int | None, month: int) -> int:
    return calendar.monthrange(year if year is not None else 2001, month)[1]


# --------------------------------------------------------------------------------------------------
# Dates (found with tmcheck's low-level parser; what they mean is the harness's own reading)


@dataclass
class DateSite:
    span: tuple[int, int]
    kind: str
    days: tuple          # the parser's DayRefs
    years: list[int]     # the year of each DayRef (written or inferred)
    dates: frozenset     # every day the expression covers (a range expanded)
    has_year: bool


def _main_year(mentions) -> int | None:
    years = Counter(d.year for m in mentions for d in m.days if d.year)
    return years.most_common(1)[0][0] if years else None


def date_sites(doc: Doc) -> list[DateSite]:
    if "_dates" in doc.__dict__:
        return doc.__dict__["_dates"]
    from tmcheck.lang.dates import find_dates

    mentions = [m for m in find_dates(doc.flat, doc.lang) if not m.issues]
    main = _main_year(mentions)
    out = []
    for m in mentions:
        written = [d.year for d in m.days if d.year]
        year = written[-1] if written else main
        years = [d.year or year for d in m.days]
        dates: set[date] = set()
        ok = year is not None
        for d, y in zip(m.days, years):
            if y is None or not d.is_valid() or not 1 <= d.day <= _days_in(y, d.month):
                ok = False
                break
            dates.add(date(y, d.month, d.day))
        if ok and m.kind == "range" and len(dates) == 2:
            a, b = min(dates), max(dates)
            if (b - a).days <= 31:
                dates = {a + timedelta(i) for i in range((b - a).days + 1)}
        out.append(DateSite(m.span, m.kind, m.days, years, frozenset(dates) if ok else frozenset(), bool(written)))
    doc.__dict__["_dates"] = out
    return out


# Words that end with a full stop inside a sentence.
_ABBREVIATIONS = {"st", "mr", "mrs", "ms", "dr", "no", "nos", "para", "paras", "paragr", "art", "arts", "distr",
                  "corr", "add", "rev", "vol", "chap", "sect", "e.g", "i.e", "a.m", "p.m", "m", "mme", "mm",
                  "mlle", "n", "p", "pp", "cf", "etc", "al", "op", "cit", "ibid", "annex", "suppl", "supp"}


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    """Paragraphs (blank-line separated) cut at sentence ends: a full stop or a semicolon before a
    capital or a number, unless the stop ends an abbreviation ("St.", "para.", "p.m.") or an initial."""
    out = []
    text = doc.text
    for para in re.finditer(r"\S(?:.|\n(?![ \t]*\n))*", text):
        a = para.start()
        for m in re.finditer(r"[.;](?=\s+[A-ZÀ-ÖØ-Ý\d«“\"(])", para.group()):
            stop = para.start() + m.start()
            if text[stop] == ".":
                word = re.search(r"([\w.]*)$", text[max(a, stop - 12):stop]).group(1).lower()
                if word in _ABBREVIATIONS or len(word) == 1:
                    continue
            out.append((a, para.start() + m.end()))
            a = para.start() + m.end()
        out.append((a, para.end()))
    return out


_RESPECTIVELY = re.compile(r"\b(?:respectively|respectivement)\b", re.I)


def _respectively_sentences(doc: Doc) -> list[tuple[int, int]]:
    return [s for s in _sentences(doc) if _RESPECTIVELY.search(doc.text, s[0], s[1])]


def _inside(span, spans) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in spans)


def _date_change(doc: Doc, ds: DateSite, rnd: random.Random, kinds=("day", "month", "year")):
    """Change one day, the month or the year of a date expression, keeping valid dates in order.
    Returns (start, end, new, what) or None."""
    text = doc.text
    for what in rnd.sample(list(kinds), len(kinds)):
        if what == "day":
            idx = [0, len(ds.days) - 1] if len(ds.days) > 1 else [0]
            i = rnd.choice(idx)
            d, y = ds.days[i], ds.years[i]
            a, b = d.span
            lo = ds.days[i - 1].day + 1 if i > 0 and ds.days[i - 1].month == d.month else 1
            hi = ds.days[i + 1].day - 1 if i + 1 < len(ds.days) and ds.days[i + 1].month == d.month else _days_in(y, d.month)
            choices = [d.day + k for k in (-3, -2, -1, 1, 2, 3) if lo <= d.day + k <= hi]
            if choices:
                return a, b, day_text(rnd.choice(choices), doc.lang), "day"
        elif what == "month":
            months = list(_MONTH_RE[doc.lang].finditer(text, ds.span[0], ds.span[1]))
            if not months:
                continue
            m = months[-1]
            month = [n.lower() for n in MONTHS[doc.lang]].index(m.group(1).lower()) + 1
            covered = [(d, y) for d, y in zip(ds.days, ds.years) if d.month == month]
            if len(covered) != len(ds.days) and len(months) == 1:
                continue
            options = []
            for step in (-1, 1):
                new = (month - 1 + step) % 12 + 1
                if all(d.day <= _days_in(y, new) for d, y in covered):
                    options.append(new)
            if options:
                new = rnd.choice(options)
                return m.start(), m.end(), _keep_case(m.group(1), MONTHS[doc.lang][new - 1]), "month"
        else:
            years = list(_YEAR_RE.finditer(text, ds.span[0], ds.span[1]))
            if not years:
                continue
            m = years[-1]
            step = rnd.choice((-1, 1))
            y = int(m.group(1)) + step
            if any(d.month == 2 and d.day == 29 for d in ds.days) and not calendar.isleap(y):
                y = int(m.group(1)) - step
                if not calendar.isleap(y):
                    continue
            return m.start(), m.end(), str(y), "year"
    return None


def day_text(day: int, lang: str) -> str:
    """A day number as UN documents write it: "1er" in French, "1" in English."""
    return "1er" if day == 1 and lang == "fr" else str(day)


def _context(doc: Doc, span, width: int = 45) -> str:
    a = max(0, span[0] - width)
    return " ".join(doc.flat[a:span[1]].split())


def sites_meeting_date(doc: Doc, seed) -> list[Slip]:
    """A date expression of two days or more (a meeting) written in two places or more: one place
    changed. Not inside a "respectively" sentence (that is its own class)."""
    ds_all = date_sites(doc)
    resp = _respectively_sentences(doc)
    out = []
    for ds in ds_all:
        if len(ds.dates) < 2 or not ds.has_year or _inside(ds.span, resp):
            continue
        others = [o for o in ds_all if o is not ds and o.dates == ds.dates]
        if not others:
            continue
        rnd = _rng(seed, "meeting-date", doc.name, ds.span[0])
        change = _date_change(doc, ds, rnd)
        if change:
            a, b, new, what = change
            where = ", ".join(f"line {doc.line_of(o.span[0])}" for o in others)
            out.append(Slip("meeting-date", doc, a, b, new, ds.span,
                            f"{what}; also dated at {where}; here: ...{_context(doc, ds.span)}"))
    return out


_EN_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_EN_TEENS = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
             "eighteenth", "nineteenth"]
_FR_UNITS = ["unième", "deuxième", "troisième", "quatrième", "cinquième", "sixième", "septième", "huitième", "neuvième"]
_FR_TEENS = ["dixième", "onzième", "douzième", "treizième", "quatorzième", "quinzième", "seizième", "dix-septième",
             "dix-huitième", "dix-neuvième"]


def _ordinal_words(lang: str) -> list[str]:
    """The ordinal words 1 to 59 as UN documents spell them ("twenty-fifth", "vingt-cinquième",
    "vingt et unième"), index n - 1 for n."""
    if lang == "en":
        out = _EN_UNITS + _EN_TEENS
        for tens, word in (("twenty", "twentieth"), ("thirty", "thirtieth"), ("forty", "fortieth"), ("fifty", "fiftieth")):
            out += [word] + [f"{tens}-{u}" for u in _EN_UNITS]
        return out
    out = ["premier"] + _FR_UNITS[1:] + _FR_TEENS
    for tens, word in (("vingt", "vingtième"), ("trente", "trentième"), ("quarante", "quarantième"),
                       ("cinquante", "cinquantième")):
        out += [word, f"{tens} et unième"] + [f"{tens}-{u}" for u in _FR_UNITS[1:]]
    return out


def sites_meeting_number(doc: Doc, seed) -> list[Slip]:
    """A numbered session or meeting dated in the same sentence ("its twenty-fifth session, from 23
    to 27 May 2016"), whose dates are written elsewhere in the document: its number changed to the
    next one."""
    words = _ordinal_words(doc.lang)
    index = {w: n for n, w in enumerate(words, start=1)}
    nouns = "session|meeting|sessions|meetings" if doc.lang == "en" else "session|réunion|sessions|réunions"
    rx = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")\s+(?:"
                    + nouns + r")\b", re.I)
    ds_all = date_sites(doc)
    text = doc.flat
    out = []
    for m in rx.finditer(text):
        n = index.get(m.group(1).lower())
        if n is None or n >= len(words):
            continue
        end = text.find(".", m.end())
        end = len(text) if end == -1 else end
        dated = [ds for ds in ds_all if m.end() <= ds.span[0] < min(end, m.end() + 120) and len(ds.dates) >= 2]
        if not dated:
            continue
        ds = dated[0]
        if not any(o is not ds and o.dates == ds.dates for o in ds_all):
            continue
        new = words[n]  # the next number
        written = m.group(1)
        new = new[:1].upper() + new[1:] if written[:1].isupper() else new
        # The unit: the number, its noun and the dates (a conflict of numbers is reported at the
        # number, one of dates at the dates).
        out.append(Slip("meeting-number", doc, m.start(1), m.end(1), new, (m.start(1), ds.span[1]), f"{written} -> {new}"))
    return out


def sites_respectively(doc: Doc, seed) -> list[Slip]:
    """A date inside a sentence with "respectively" that lists two dates or more, where the same
    dates are written elsewhere in the document too."""
    ds_all = date_sites(doc)
    out = []
    for s in _respectively_sentences(doc):
        inside = [ds for ds in ds_all if s[0] <= ds.span[0] and ds.span[1] <= s[1]]
        if len(inside) < 2:
            continue
        for ds in inside:
            if not ds.dates or not ds.has_year:
                continue
            others = [o for o in ds_all if o.dates == ds.dates and not (s[0] <= o.span[0] < s[1])]
            if not others:
                continue
            rnd = _rng(seed, "respectively-date", doc.name, ds.span[0])
            change = _date_change(doc, ds, rnd)
            if change:
                a, b, new, what = change
                where = ", ".join(f"line {doc.line_of(o.span[0])}" for o in others)
                out.append(Slip("respectively-date", doc, a, b, new, ds.span, f"{what}; also dated at {where}"))
    return out


_ANNEX_LINE = re.compile(r"^[\s#*]*(?:Annex|Annexe|ANNEX|ANNEXE)(?:\s+[IVX]+)?[\s*]*$")


def annex_start(doc: Doc) -> int | None:
    """The offset of the first line that is an annex heading alone ("Annex", "# Annexe", "Annex I")."""
    for m in re.finditer(r"^.*$", doc.text, re.M):
        if _ANNEX_LINE.match(m.group()):
            return m.start()
    return None


def _is_table_line(doc: Doc, offset: int) -> bool:
    """A table row: a tab- or pipe-separated line, or, in an annex, a line that starts with the date
    (a programme row of a PDF extraction)."""
    line = doc.line_text(doc.line_of(offset))
    if "\t" in line or line.count("|") >= 2:
        return True
    annex = annex_start(doc)
    if annex is not None and offset >= annex:
        start = doc.line_starts[doc.line_of(offset) - 1]
        return not doc.text[start:offset].strip(" *#")
    return False


def _weekday_sites(doc: Doc):
    """(DateSite, DayRef, year) for each weekday written next to a date that it matches."""
    for ds in date_sites(doc):
        for d, y in zip(ds.days, ds.years):
            if d.weekday is None or d.weekday_span is None or y is None or not d.is_valid():
                continue
            if d.day > _days_in(y, d.month) or date(y, d.month, d.day).weekday() != d.weekday:
                continue
            yield ds, d


def _typo(word: str, rnd: random.Random, lang: str) -> str | None:
    """A realistic misspelling: two neighbouring letters swapped, or one letter dropped (never the
    first letter), or an accent dropped."""
    options = []
    for i in range(1, len(word) - 1):
        if word[i] != word[i + 1]:
            options.append(word[:i] + word[i + 1] + word[i] + word[i + 2:])
    for i in range(1, len(word)):
        options.append(word[:i] + word[i + 1:])
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
    if plain != word:
        options.append(unicodedata.normalize("NFC", plain))
    names = {n.lower() for n in WEEKDAYS[lang]} | {n.lower() for n in MONTHS[lang]}
    options = [o for o in dict.fromkeys(options) if o.lower() not in names and o != word]
    return rnd.choice(options) if options else None


def sites_weekday(doc: Doc, seed) -> list[Slip]:
    out = []
    for ds, d in _weekday_sites(doc):
        a, b = d.weekday_span
        table = _is_table_line(doc, a)
        written = doc.text[a:b]
        rnd = _rng(seed, "weekday", doc.name, a)
        new_day = (d.weekday + rnd.choice((1, 2, 3, -1, -2))) % 7
        new = _keep_case(written, WEEKDAYS[doc.lang][new_day].lower())
        if doc.lang == "en":
            new = WEEKDAYS["en"][new_day]
        out.append(Slip("weekday-table" if table else "weekday-prose", doc, a, b, new, ds.span))
        typo = _typo(written, _rng(seed, "weekday-typo", doc.name, a), doc.lang)
        if typo:
            out.append(Slip("weekday-typo-table" if table else "weekday-typo-prose", doc, a, b, typo, ds.span))
    return out


_THIRTY = (4, 6, 9, 11)


def sites_impossible(doc: Doc, seed) -> list[Slip]:
    """One edit that makes a written date impossible: its day to 31 in a 30-day month, to 30 (or 29
    of a common year) in February; or the month of a 31st (or a 29th/30th) to a neighbouring month
    that has no such day. Only the last (or only) day of an expression, so that a range stays a range."""
    out = []
    text = doc.text
    for ds in date_sites(doc):
        if not ds.days or not ds.dates:
            continue
        d, y = ds.days[-1], ds.years[-1]
        rnd = _rng(seed, "impossible-date", doc.name, d.span[0])
        a, b = d.span  # the day number with its "er"/"st", if any
        options = []
        if d.month in _THIRTY and d.day != 31:
            options.append((a, b, "31", "day 31"))
        if d.month == 2:
            options.append((a, b, "30", "day 30"))
            if d.year and not calendar.isleap(d.year) and d.day != 29:
                options.append((a, b, "29", "day 29 of a common year"))
        months = list(_MONTH_RE[doc.lang].finditer(text, d.span[1], ds.span[1] + 1))
        if months:
            m = months[0]
            for step in (-1, 1):
                new = (d.month - 1 + step) % 12 + 1
                yy = y + (1 if d.month == 12 and new == 1 else -1 if d.month == 1 and new == 12 else 0) if y else y
                if d.day > _days_in(yy, new) and all(o.month == d.month for o in ds.days[:-1] or [d]):
                    options.append((m.start(), m.end(), _keep_case(m.group(1), MONTHS[doc.lang][new - 1]), "month"))
        if options:
            s, e, new, what = rnd.choice(options)
            out.append(Slip("impossible-date", doc, s, e, new, ds.span, what))
    return out


# --------------------------------------------------------------------------------------------------
# Words: tokens, stop words, replacements

_TOKEN = re.compile(r"[^\W_](?:[\w’'\-]*[^\W_])?")
_ELISION = re.compile(r"^(?:l|d|qu|s|j|n|m|c|lorsqu|puisqu|jusqu)['’]", re.I)

STOP = {
    "en": set("""the of and in on for to a an by at from with its their as that this these those under into
        against between including held or is are be on upon which who whose it his her all any other such""".split()),
    "fr": set("""le la les l de des du d et en à au aux pour par sur dans un une sa son ses leur leurs contre avec
        qui que qu s y s'y ou ce cette ces il elle est sont être tenue tenu""".split()),
}

# One word for another of the same field: what a hurried translator or editor writes instead.
REPLACE = {
    "en": {
        "report": "note", "note": "report", "implementation": "application", "application": "implementation",
        "activities": "actions", "meeting": "session", "session": "meeting", "promote": "support",
        "recommendations": "conclusions", "conclusions": "recommendations", "measures": "steps",
        "cooperation": "collaboration", "protection": "assistance", "assistance": "support",
        "victims": "persons", "identification": "detection", "international": "transnational",
        "transnational": "international", "national": "domestic", "technical": "practical",
        "provision": "delivery", "adoption": "approval", "adopted": "approved", "role": "function",
        "prepared": "drafted", "strategies": "policies", "matters": "questions", "questions": "issues",
        "issues": "questions", "review": "examination", "exploitation": "abuse", "trafficking": "smuggling",
        "smuggling": "trafficking", "migrants": "refugees", "crime": "criminality", "corruption": "bribery",
        "prevention": "suppression", "opening": "start", "work": "business", "follow-up": "action",
        "discussion": "debate", "debate": "discussion", "experts": "specialists", "tools": "instruments",
        "practices": "experiences", "challenges": "difficulties", "progress": "advances", "statement": "declaration",
        "general": "overall", "drugs": "narcotics", "illicit": "illegal", "firearms": "weapons", "assets": "proceeds",
        "recovery": "return", "criminal": "penal", "offences": "crimes", "property": "goods", "forms": "types",
        "dimensions": "aspects", "needs": "requirements", "coordination": "cooperation", "flows": "movements",
        "crises": "situations", "chains": "networks", "supply": "production", "labour": "forced",
        "addressing": "tackling", "organization": "programme", "agenda": "programme", "secretariat": "bureau",
        "paper": "document", "background": "information", "development": "elaboration", "thematic": "topical",
        "policy": "strategy", "research": "study", "analysis": "study", "summary": "overview", "proposals": "suggestions",
        "guidelines": "principles", "programme": "plan", "mechanism": "process", "financial": "budgetary",
        "information": "data", "provisions": "articles", "states": "countries", "parties": "members",
        "justice": "law", "training": "education", "capacity": "capability", "strengthening": "enhancing",
        "preventing": "combating", "combating": "preventing", "countering": "combating", "other": "further",
        "status": "state", "elections": "election", "officers": "officials", "annual": "yearly",
    },
    "fr": {
        "rapport": "note", "note": "rapport", "application": "exécution", "activités": "actions",
        "réunion": "session", "session": "réunion", "promouvoir": "favoriser", "recommandations": "conclusions",
        "conclusions": "recommandations", "mesures": "dispositions", "coopération": "collaboration",
        "protection": "assistance", "assistance": "aide", "victimes": "personnes", "identification": "détection",
        "internationale": "transnationale", "transnationale": "internationale", "nationales": "internes",
        "technique": "pratique", "fourniture": "prestation", "adoption": "approbation", "adoptées": "approuvées",
        "rôle": "fonction", "établi": "élaboré", "stratégies": "politiques", "élaboration": "préparation",
        "questions": "points", "organisation": "préparation", "ouverture": "début", "travaux": "activités",
        "diverses": "autres", "autres": "diverses", "suite": "réponse", "examen": "étude", "exploitation": "abus",
        "traite": "trafic", "trafic": "traite", "migrants": "réfugiés", "criminalité": "délinquance",
        "crime": "délit", "corruption": "fraude", "prévention": "répression", "lutte": "action",
        "outils": "instruments", "pratiques": "expériences", "besoins": "demandes", "coordination": "coopération",
        "infractions": "délits", "biens": "objets", "formes": "types", "dimensions": "aspects",
        "experts": "spécialistes", "débat": "discussion", "discussion": "débat", "thématique": "générale",
        "flux": "mouvements", "crises": "situations", "chaînes": "filières", "approvisionnement": "production",
        "drogues": "stupéfiants", "illicite": "illégal", "recouvrement": "restitution", "avoirs": "biens",
        "justice": "droit", "pénale": "criminelle", "mise": "prise", "point": "question", "document": "dossier",
        "information": "référence", "secrétariat": "bureau", "programme": "plan", "mécanisme": "processus",
        "recensement": "inventaire", "enseignements": "leçons", "culturels": "historiques", "nouvelles": "récentes",
        "recherche": "étude", "analyse": "étude", "propositions": "suggestions", "directives": "principes",
        "dispositions": "articles", "états": "pays", "parties": "membres", "formation": "éducation",
        "renforcement": "amélioration", "capacités": "moyens", "élections": "élection", "annuel": "biennal",
        "données": "informations", "humanitaires": "sanitaires", "gouvernementaux": "nationaux",
    },
}
_VOWEL = "aeiouyàâäéèêëîïôöùûüœh"


def _tokens(text: str, a: int, b: int) -> list[tuple[int, int, str]]:
    """Word tokens of text[a:b] with their offsets and their folded form (lower case, straight
    apostrophe)."""
    return [(a + m.start(), a + m.end(), m.group().lower().replace("’", "'")) for m in _TOKEN.finditer(text[a:b])]


def _content(tok: str, lang: str) -> str:
    """The word without an elided article ("l'application" -> "application")."""
    return _ELISION.sub("", tok) if lang == "fr" else tok


_NOUN_ENDINGS = {
    "en": ("tion", "sion", "ment", "ance", "ence", "ity", "ure", "ship", "ism", "ness", "ist", "ice", "age"),
    "fr": ("tion", "sion", "ment", "ance", "ence", "ité", "ure", "age", "isme", "eur", "ion"),
}
_NOUNS = {
    "en": set("""group fund council committee court office programme crime drug board bank union agency centre
        institute protocol convention commission conference meeting session report note item matter question
        issue victim expert state party flow chain tool need form practice measure activity recommendation
        person migrant nation right firearm child woman member paper document mechanism""".split()),
    "fr": set("""groupe conseil comité cour office programme crime drogue organe banque union agence centre institut
        protocole convention commission conférence réunion session rapport note point question victime expert état
        partie chaîne outil besoin forme pratique mesure activité recommandation personne migrant nation droit
        enfant femme membre document mécanisme stratégie besoin""".split()),
}
_INVARIABLE = {
    "en": set("news series species means progress process analysis basis crisis thesis always especially".split()),
    "fr": set("""sous plus dans sans vers fois temps pays fonds mois cours corps recours progrès processus succès accès
        après très lors alors depuis parmi jamais toujours""".split()),
}


def number_variant(word: str, lang: str) -> str | None:
    """The word with its number changed, when it is a noun (or a French adjective that agrees):
    "Persons" -> "Person", "Activities" -> "Activity", "personnes" -> "personne", "Office" -> "Offices"."""
    low = word.lower()
    if len(word) < 4 or not word.isalpha() or word.isupper() or low in _INVARIABLE[lang] or low in STOP[lang]:
        return None
    if low.endswith(("ss", "us", "is", "ès")) or (lang == "fr" and low.endswith(("amment", "emment", "ément"))):
        return None
    if low.endswith("s"):
        if lang == "en" and low.endswith("ies"):
            return word[:-3] + "y"
        return word[:-1]
    if low.endswith("x"):
        return None
    if low in _NOUNS[lang] or low.endswith(_NOUN_ENDINGS[lang]):
        if lang == "en" and low.endswith("y") and low[-2:-1] not in "aeiou":
            return word[:-1] + "ies"
        return word + "s"
    return None


_UNDROPPABLE = {"united", "nations", "unies", "nations"}


def droppable(doc: Doc, toks, j: int) -> bool:
    """Whether the j-th word can go and leave a phrase a reader would let pass: a French adjective
    after its noun ("criminalité transnationale organisée"), an English modifier before its noun
    ("Transnational Organized Crime"); never a word with an elided article, never a title's first
    or last word."""
    lang = doc.lang
    if not 0 < j < len(toks) - 1:
        return False
    w = toks[j][2]
    if w in STOP[lang] or w in _UNDROPPABLE or (lang == "fr" and _ELISION.match(w)) or not w.isalpha():
        return False
    if toks[j - 1][2] in ("and", "et") or toks[j + 1][2] in ("and", "et"):
        return False  # "Economic and Social Council" never loses one of its pair
    if lang == "fr":
        return toks[j - 1][2] not in STOP[lang]
    return toks[j + 1][2] not in STOP[lang]


def _word_edit(doc: Doc, toks, j: int, rnd: random.Random):
    """The j-th word changed: replaced by a word of the same field, or its number changed, or dropped
    where the phrase survives it. Returns (start, end, new, what) or None."""
    a, b, folded = toks[j]
    lang = doc.lang
    written = doc.text[a:b]
    m = _ELISION.match(written) if lang == "fr" else None
    head = m.group() if m else ""
    word = written[len(head):]
    key = word.lower()
    if key in REPLACE[lang]:
        new = REPLACE[lang][key]
        if (not head or new[0].lower() in _VOWEL) and rnd.random() < 0.7:
            return a + len(head), b, _keep_case(word, new), f"'{word}' replaced"
    options = []
    plural = number_variant(word, lang)
    if plural:
        options.append((a + len(head), b, plural, "number changed"))
    text = doc.text
    if droppable(doc, toks, j) and text[a - 1] == " ":
        options.append((a - 1, b, "", f"'{written}' dropped"))
    if key in REPLACE[lang] and (not head or REPLACE[lang][key][0].lower() in _VOWEL):
        options.append((a + len(head), b, _keep_case(word, REPLACE[lang][key]), f"'{word}' replaced"))
    return rnd.choice(options) if options else None


# --------------------------------------------------------------------------------------------------
# Document symbols and citations

_SEG = r"(?:[A-Z][A-Za-z]*(?:\.\d+)*|\d+(?:\.\d+)*)"
_ONE_SYMBOL = rf"[A-Z]{{1,8}}(?:\.\d+)?(?:/{_SEG})+"
SYMBOL = re.compile(rf"(?<![\w/.\-])({_ONE_SYMBOL})(?:-({_ONE_SYMBOL}))?(?![\w/])")

DOC_TYPES = {
    "en": r"report|note|background paper|working paper|conference room paper|paper|compilation|summary|analysis|"
          r"study|guide|proposal|proposals|letter|statement|draft|document|provisional agenda|list",
    "fr": r"rapport|note|document d['’]information|document de travail|document de séance|document|compilation|"
          r"résumé|analyse|étude|guide|proposition|propositions|lettre|déclaration|projet|ordre du jour provisoire|liste",
}
_DOC_TYPE_RE = {lang: re.compile(rf"(?<![\w])(?:{p})(?![\w])", re.I) for lang, p in DOC_TYPES.items()}


@dataclass
class Citation:
    symbol: str
    first: tuple[int, int]   # the (first) symbol's span
    second: tuple[int, int] | None  # a joint symbol's second part
    title: tuple[int, int]   # the title before it
    tokens: list


def _has_digit(s: str) -> bool:
    return any(c.isdigit() for c in s)


def citations(doc: Doc) -> list[Citation]:
    """Symbols cited with a title before them in the same sentence: "Report of ... (CTOC/COP/2012/10)",
    "... dans le rapport du Secrétariat sur ... (X-Y)". The title runs from the first document word
    (report, note, rapport...) after the sentence start or the previous symbol."""
    if "_citations" in doc.__dict__:
        return doc.__dict__["_citations"]
    text = doc.text
    out = []
    sentences = _sentences(doc)
    prev_end = 0
    for m in SYMBOL.finditer(text):
        symbol = m.group()
        if not _has_digit(m.group(1)) or "/" not in m.group(1):
            continue
        s0 = max((a for a, b in sentences if a <= m.start()), default=0)
        floor = max(s0, prev_end)
        prev_end = m.end()
        dt = _DOC_TYPE_RE[doc.lang].search(text, floor, m.start())
        if not dt:
            continue
        end = m.start()
        while end > dt.start() and text[end - 1] in " \t\n(*[":
            end -= 1
        while end > dt.start() and text[end - 1] in ",:":
            end -= 1
        toks = title_tokens(doc, dt.start(), end)
        if not 3 <= len(toks) <= 80:
            continue
        second = m.span(2) if m.group(2) else None
        out.append(Citation(symbol, m.span(1), second, (dt.start(), end), toks))
    doc.__dict__["_citations"] = out
    return out


def _content_words(toks, lang) -> list[str]:
    return [_content(t[2], lang) for t in toks if t[2] not in STOP[lang] and _content(t[2], lang) not in STOP[lang]]


def similar_titles(a: Citation, b: Citation, lang: str) -> bool:
    """The shorter title's content words are, two in three at least, in the longer one."""
    ca, cb = _content_words(a.tokens, lang), _content_words(b.tokens, lang)
    short, long_ = (ca, cb) if len(ca) <= len(cb) else (cb, ca)
    if not short:
        return False
    inside = sum(1 for w in short if w in set(long_))
    return inside * 3 >= len(short) * 2


def _cited_twice(doc: Doc):
    """Each citation with the other citations of the same symbol whose titles are similar."""
    by_symbol = defaultdict(list)
    for c in citations(doc):
        by_symbol[c.symbol].append(c)
    for cs in by_symbol.values():
        for c in cs:
            others = [o for o in cs if o is not c and similar_titles(c, o, doc.lang)]
            if others:
                yield c, others


def _bump_last_number(s: str, rnd: random.Random) -> tuple[int, int, str] | None:
    m = list(re.finditer(r"\d+", s))
    if not m:
        return None
    last = m[-1]
    n = int(last.group())
    choices = [n + k for k in (1, 2, 3)] + [n - k for k in (1, 2) if n - k >= 1]
    return last.start(), last.end(), str(rnd.choice(choices))


# A demonstrative points back to the running text ("the report on that meeting (X/Y)"): the words
# before such a symbol describe the document, they do not give its title.
_POINTING = {"en": {"this", "that", "these", "those"}, "fr": {"ce", "cet", "cette", "ces"}}


def cites_a_title(doc: Doc, c: Citation) -> bool:
    """Whether the words before the symbol are a title, not a reference ("the report on that
    meeting"): only a title can be cited with a slip in it (citation-title)."""
    return not any(t[2] in _POINTING[doc.lang] for t in c.tokens)


def sites_citations(doc: Doc, seed) -> list[Slip]:
    out = []
    for c, others in _cited_twice(doc):
        place = (c.title[0], (c.second or c.first)[1])
        where = ", ".join(f"line {doc.line_of(o.first[0])}" for o in others)
        # A word of the title, one the other citation's title also has.
        shared = set()
        for o in others:
            shared |= {_content(t[2], doc.lang) for t in o.tokens}
        rnd = _rng(seed, "citation-title", doc.name, c.first[0])
        # Never a word of an official title inside the document's title: that slip would be a body's
        # title changed (its own class), and a finding about it no proof that citations are compared.
        candidates = [j for j, t in enumerate(c.tokens) if t[2] not in STOP[doc.lang]
                      and _content(t[2], doc.lang) in shared and len(_content(t[2], doc.lang)) >= 3
                      and not _has_digit(t[2]) and not _in_official_title(doc, t)] if cites_a_title(doc, c) else []
        rnd.shuffle(candidates)
        for j in candidates:
            edit = _word_edit(doc, c.tokens, j, rnd)
            if edit:
                a, b, new, what = edit
                out.append(Slip("citation-title", doc, a, b, new, place, f"{what}; {c.symbol} also cited at {where}"))
                break
        rnd = _rng(seed, "citation-symbol", doc.name, c.first[0])
        if c.second is None:
            bump = _bump_last_number(doc.text[c.first[0]:c.first[1]], rnd)
            if bump:
                a, b, new = bump
                out.append(Slip("citation-symbol", doc, c.first[0] + a, c.first[0] + b, new, place,
                                f"{c.symbol} also cited at {where}"))
        else:
            bump = _bump_last_number(doc.text[c.second[0]:c.second[1]], rnd)
            if bump:
                a, b, new = bump
                out.append(Slip("joint-symbol", doc, c.second[0] + a, c.second[0] + b, new, place,
                                f"{c.symbol} also cited at {where}"))
    return out


# --------------------------------------------------------------------------------------------------
# Agenda items: the agenda list and its repetitions

_NUM_LABEL = re.compile(r"^(?:(?:Item|Point)\s+)?(\d{1,2})\.\s+(\S.*)$")
# Page furniture of a PDF extraction: job numbers, barcodes, page numbers, the symbol as running head.
_FURNITURE = re.compile(rf"^\s*(?:\*\d{{5,}}\*|[A-Z]\.\d{{2}}-\d{{5}}(?:\s*\([A-Z]\))?(?:\s+\d+(?:/\d+)?)?|"
                        rf"\d+(?:/\d+)?(?:\s+[A-Z]\.\d{{2}}-\d{{5}})?|{_ONE_SYMBOL})\s*$")
_SUB_LABEL = re.compile(r"^\(?([a-z])\)\s+(\S.*)$")
_MARKUP = re.compile(r"^[\s#>*]*")
_HOUR = r"\d{1,2}(?:[.:h]\d{2})?\s*(?:heures|h|a\.m\.|p\.m\.|a\.m|p\.m)?"
TIME = re.compile(rf"(?:{_HOUR}|midi|noon)(?:\s*[-–—]\s*|\s+(?:to|à)\s+)(?:{_HOUR}|midi|noon)")
_ITEM_CELL = re.compile(r"^\s*(\d{1,2})\s*(?:\(([a-z])\)|([a-z])\))?\s*$")
_ANNEX_ROW = re.compile(rf"^\s*(?:({TIME.pattern})\s+)?(?:(?:Item|Point)\s+)?(\d{{1,2}})(?:\s*\(?([a-z])\))?\s+"
                        rf"([A-ZÀ-ÖØ-Ý«“\"].*)$")


@dataclass
class ItemTitle:
    key: str                 # "4", "1(a)"
    span: tuple[int, int]    # the title in the original text (no label, no final punctuation)
    tokens: list
    kind: str = "agenda"     # agenda | heading | programme | annex
    lines: int = 1
    detail: str = ""


def _lines(doc: Doc):
    """(start offset, line text) of each line, page furniture left out."""
    starts = doc.line_starts
    for i, a in enumerate(starts):
        b = starts[i + 1] - 1 if i + 1 < len(starts) else len(doc.text)
        if not _FURNITURE.match(doc.text[a:b]):
            yield a, doc.text[a:b]


def _furniture(doc: Doc) -> list[tuple[int, int]]:
    if "_furniture" not in doc.__dict__:
        starts = doc.line_starts
        spans = []
        for i, a in enumerate(starts):
            b = starts[i + 1] - 1 if i + 1 < len(starts) else len(doc.text)
            if _FURNITURE.match(doc.text[a:b]):
                spans.append((a, b))
        doc.__dict__["_furniture"] = spans
    return doc.__dict__["_furniture"]


def title_tokens(doc: Doc, a: int, b: int) -> list[tuple[int, int, str]]:
    """The words of a title, page furniture that falls inside it left out."""
    furniture = [f for f in _furniture(doc) if f[0] < b and a < f[1]]
    return [t for t in _tokens(doc.text, a, b) if not any(x <= t[0] < y for x, y in furniture)]


def _title_span(doc: Doc, a: int, b: int) -> tuple[int, int]:
    """[a, b) trimmed of spaces, markup and final punctuation."""
    text = doc.text
    while a < b and (text[a].isspace() or text[a] in "*#>_"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in "*_.;:,"):
        b -= 1
    if text[a:b].endswith("</b>") or text[a:b].endswith("</i>"):
        b -= 4
    return a, b


def agenda(doc: Doc) -> tuple[dict[str, ItemTitle], int]:
    """The agenda list: the first run of numbered items 1., 2., 3. ... (three at least), lettered
    sub-items attached, each item's text running over wrapped lines until its final punctuation.
    Returns the items by key and the offset where the list ends."""
    if "_agenda" in doc.__dict__:
        return doc.__dict__["_agenda"]
    lines = list(_lines(doc))
    result: tuple[dict[str, ItemTitle], int] = ({}, 0)
    for i, (a, line) in enumerate(lines):
        body = _MARKUP.sub("", line)
        m = _NUM_LABEL.match(body)
        if not m or m.group(1) != "1":
            continue
        items: dict[str, ItemTitle] = {}
        expect, current, sub_expect = 1, None, "a"
        open_item: list | None = None   # [key, start, end]
        blank_before = False
        end = a
        for a2, line2 in lines[i:]:
            body2 = _MARKUP.sub("", line2)
            if not body2.strip():
                blank_before = True
                continue
            lead = a2 + len(line2) - len(body2)
            mn, ms = _NUM_LABEL.match(body2), _SUB_LABEL.match(body2)
            if mn and int(mn.group(1)) == expect:
                key, expect, current, sub_expect = mn.group(1), expect + 1, mn.group(1), "a"
                start = lead + mn.start(2)
            elif ms and current and ms.group(1) == sub_expect:
                key = f"{current}({ms.group(1)})"
                sub_expect = chr(ord(sub_expect) + 1)
                start = lead + ms.start(2)
            elif open_item and not blank_before:
                open_item[2] = a2 + len(line2)
                end = open_item[2]
                if line2.rstrip().rstrip("*").endswith((".", ";", ":")):
                    open_item = None
                continue
            else:
                break
            open_item = [key, start, a2 + len(line2)]
            items[key] = open_item  # type: ignore[assignment]
            end = open_item[2]
            if line2.rstrip().rstrip("*").endswith((".", ";", ":")):
                open_item = None
            blank_before = False
        if sum(1 for k in items if "(" not in k) >= 3:
            out = {}
            for key, (_, s, e) in items.items():
                span = _title_span(doc, s, e)
                out[key] = ItemTitle(key, span, title_tokens(doc, *span))
            result = (out, end)
            break
    doc.__dict__["_agenda"] = result
    return result


def _matches(item: ItemTitle, toks) -> list | None:
    """The tokens of a repetition of the item's title, or None when it is not one: the same title
    (or one that differs in a few words), or the title followed by text of another column of the
    table ("Technical assistance  Implementation Review Group (resumed sixth session)", "General
    debate (continued)"), which is then cut off."""
    a = [t[2] for t in item.tokens]
    b = [t[2] for t in toks]
    if not b:
        return None
    if len(b) > len(a) and b[:len(a)] == a:
        return toks[:len(a)]
    if a[:4] == b[:4] and len(b) >= min(4, len(a)):
        return toks
    return toks if SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.6 else None


def _repetition(doc: Doc, items, key: str, span, kind: str, lines: int = 1, detail: str = "") -> ItemTitle | None:
    toks = _matches(items[key], title_tokens(doc, *span))
    if toks is None:
        return None
    end = toks[-1][1]
    return ItemTitle(key, (span[0], end), toks, kind, doc.text.count("\n", span[0], end) + 1, detail)


def repetitions(doc: Doc) -> list[ItemTitle]:
    """Every later repetition of an agenda item's title: a numbered heading of the annotations (wrapped
    over several lines in a PDF extraction), a programme table row (tab- or pipe-separated: the item
    number in one cell, its title in the next), a programme row of a PDF annex (time, number and
    title on one line, the title wrapped over the next lines)."""
    items, end = agenda(doc)
    if not items:
        return []
    annex = annex_start(doc)
    lines = [(a, l) for a, l in _lines(doc) if a >= end]
    out: list[ItemTitle] = []
    current = None
    i = 0
    while i < len(lines):
        a, line = lines[i]
        i += 1
        if "\t" in line or line.count("|") >= 2:
            out.extend(_table_row_titles(doc, items, a, line))
            continue
        in_annex = annex is not None and a >= annex
        if in_annex:
            m = _ANNEX_ROW.match(line)
            if not m:
                continue
            key = m.group(2) + (f"({m.group(3)})" if m.group(3) else "")
            if key not in items:
                continue
            start, stop, n = a + m.start(4), a + len(line), 1
            while i < len(lines):
                a2, l2 = lines[i]
                if not l2.strip() or _ANNEX_ROW.match(l2) or TIME.match(l2.strip()) or \
                        _WEEKDAY_RE[doc.lang].match(l2.strip()) or "\t" in l2:
                    break
                stop, n, i = a2 + len(l2), n + 1, i + 1
            rep = _repetition(doc, items, key, _title_span(doc, start, stop), "annex", n,
                              "time cell on the row" if m.group(1) else "")
            if rep:
                out.append(rep)
            continue
        body = _MARKUP.sub("", line)
        lead = a + len(line) - len(body)
        mn, ms = _NUM_LABEL.match(body), _SUB_LABEL.match(body)
        if mn:
            key, current, start = mn.group(1), mn.group(1), lead + mn.start(2)
        elif ms and current:
            key, start = f"{current}({ms.group(1)})", lead + ms.start(2)
        else:
            continue
        if key not in items:
            continue
        stop, n = a + len(line), 1
        limit = len(items[key].tokens) + 3
        # A heading wraps in a PDF extraction (never in Markdown, never in Word: a paragraph is a line).
        wraps = doc.docx is None and not line.lstrip().startswith("#")
        while wraps and i < len(lines) and lines[i][1].strip() and "\t" not in lines[i][1] \
                and not _NUM_LABEL.match(_MARKUP.sub("", lines[i][1])) \
                and not _SUB_LABEL.match(_MARKUP.sub("", lines[i][1])) \
                and len(_tokens(doc.text, start, stop)) < limit:
            a2, l2 = lines[i]
            stop, n, i = a2 + len(l2), n + 1, i + 1
        rep = _repetition(doc, items, key, _title_span(doc, start, stop), "heading", n)
        if rep:
            out.append(rep)
    return out


def _table_row_titles(doc: Doc, items, a: int, line: str) -> list[ItemTitle]:
    sep = "\t" if "\t" in line else "|"
    cells, pos = [], 0
    for cell in line.split(sep):
        cells.append((a + pos, cell))
        pos += len(cell) + 1
    out = []
    for k, (ca, cell) in enumerate(cells[:-1]):
        m = _ITEM_CELL.match(cell)
        if not m:
            continue
        key = m.group(1) + (f"({m.group(2) or m.group(3)})" if (m.group(2) or m.group(3)) else "")
        if key not in items:
            continue
        ta, tcell = cells[k + 1]
        behind = any(TIME.search(c) for _, c in cells[:k])
        rep = _repetition(doc, items, key, _title_span(doc, ta, ta + len(tcell)), "programme", 1,
                          "behind a time cell" if behind else "time cell above")
        if rep:
            out.append(rep)
    return out


def sites_items(doc: Doc, seed) -> list[Slip]:
    items, _ = agenda(doc)
    out = []
    for rep in repetitions(doc):
        agenda_toks = [t[2] for t in items[rep.key].tokens]
        bigrams = set(zip(agenda_toks, agenda_toks[1:]))
        toks = rep.tokens
        candidates = []
        for j, t in enumerate(toks):
            c = _content(t[2], doc.lang)
            if t[2] in STOP[doc.lang] or c in STOP[doc.lang] or len(c) < 3 or _has_digit(t[2]):
                continue
            left = j > 0 and (toks[j - 1][2], t[2]) in bigrams
            right = j + 1 < len(toks) and (t[2], toks[j + 1][2]) in bigrams
            if left or right:
                candidates.append(j)
        rnd = _rng(seed, "item", doc.name, rep.span[0])
        rnd.shuffle(candidates)
        # A word outside the official titles the item's title names, where there is one (a word of
        # "International Narcotics Control Board" is also a body's title changed).
        candidates.sort(key=lambda j: _in_official_title(doc, toks[j]) is not None)
        for j in candidates:
            edit = _word_edit(doc, toks, j, rnd)
            if edit:
                a, b, new, what = edit
                if rep.kind == "heading":
                    cls = "item-heading"
                elif rep.kind == "annex" and rep.lines > 1:
                    cls = "item-annex-wrapped"
                else:
                    cls = "item-programme"
                official = _in_official_title(doc, toks[j])
                detail = f"item {rep.key}; {what}" + (f"; {rep.detail}" if rep.detail else "") + \
                    (f"; PDF row on {rep.lines} line(s)" if rep.kind == "annex" else "") + \
                    (f"; inside the official title '{official}'" if official else "")
                out.append(Slip(cls, doc, a, b, new, rep.span, detail))
                break
    return out


# --------------------------------------------------------------------------------------------------
# Titles of bodies (the glossary's official titles, read with PyYAML)

BODY_KINDS = ("organ", "body", "working-group", "office", "organization", "instrument")


def glossary_titles(folder: Path = GLOSSARY) -> dict[str, tuple[list[str], set[str]]]:
    """Per language: the official titles of bodies (three words or more, longest first), and every
    form the glossary accepts (titles, short forms, acronyms of any entry), folded."""
    out: dict[str, tuple[list[str], set[str]]] = {}
    entries = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        entries.extend(data.get("entries") or [])
    for lang in LANGS:
        titles, accepted = set(), set()
        for e in entries:
            side = e.get(lang) or {}
            forms = [side.get("term"), side.get("acronym")] + list(side.get("short") or [])
            accepted |= {_fold(f) for f in forms if f}
            if e.get("kind") in BODY_KINDS and side.get("term") and len(side["term"].split()) >= 3:
                titles.add(side["term"])
        out[lang] = (sorted(titles, key=len, reverse=True), accepted)
    return out


def _fold(s: str) -> str:
    return " ".join(s.replace("’", "'").split()).casefold()


_TITLES = None


def _title_patterns(lang: str):
    global _TITLES
    if _TITLES is None:
        _TITLES = {}
        for lg, (titles, accepted) in glossary_titles().items():
            pats = []
            for t in titles:
                words = [re.escape(w).replace("'", "['’]") for w in re.split(r"\s+", t)]
                first = words[0]
                if first[:1].isalpha():
                    first = f"[{first[0].upper()}{first[0].lower()}]{first[1:]}"
                pats.append((t, re.compile(r"(?<![\w\-])" + r"\s+".join([first] + words[1:]) + r"(?![\w\-])")))
            _TITLES[lg] = (pats, accepted)
    return _TITLES[lang]


_PREPS = {
    "en": {"in": "of", "on": "for", "of": "for", "for": "of", "against": "on", "to": "for", "at": "in"},
    "fr": {"des": "de", "du": "de", "pour": "de", "contre": "sur", "sur": "de", "aux": "des", "à": "de", "de": "des"},
}


def _near_misses(doc: Doc, a: int, b: int, accepted: set[str], rnd: random.Random):
    """Edits of one occurrence of an official title into a near miss that the glossary does not
    accept: a preposition or article changed ("traite des personnes" -> "traite de personnes",
    "Trafficking in Persons" -> "Trafficking of Persons"), a noun's number changed, an inner word
    dropped."""
    text = doc.text
    toks = _tokens(text, a, b)
    lang = doc.lang
    options = []
    for j, (s, e, w) in enumerate(toks):
        written = text[s:e]
        if 0 < j and w in _PREPS[lang] and written == w and j + 1 < len(toks):
            nxt = toks[j + 1][2]
            # French "de" becomes "des" only before a plural ("Groupe des travail" is no slip anyone
            # makes), never before an elided article ("d'examen des l'application").
            if not (lang == "fr" and (_ELISION.match(nxt) or (_PREPS[lang][w] == "des" and not nxt.endswith(("s", "x"))))):
                options.append(("preposition", s, e, _PREPS[lang][w]))
        word = written.split("'")[-1].split("’")[-1]
        variant = number_variant(word, lang) if j > 0 else None
        if variant:
            options.append(("number", e - len(word), e, variant))
        if droppable(doc, toks, j) and text[s - 1] == " ":
            options.append(("dropped", s - 1, e, ""))
    rnd.shuffle(options)
    by_kind = defaultdict(list)
    for o in options:
        by_kind[o[0]].append(o)
    kinds = list(by_kind)
    rnd.shuffle(kinds)
    for kind in kinds:
        for _, s, e, new in by_kind[kind]:
            variant = text[a:s] + new + text[e:b]
            if _fold(variant) not in accepted and _fold(variant) != _fold(text[a:b]):
                return s, e, new, kind
    return None


def body_occurrences(doc: Doc) -> list[tuple[int, int, str]]:
    """Occurrences of the glossary's official titles, longest first, never overlapping."""
    pats, _ = _title_patterns(doc.lang)
    taken: list[tuple[int, int]] = []
    out = []
    for title, rx in pats:
        for m in rx.finditer(doc.text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append(m.span())
            out.append((m.start(), m.end(), title))
    return sorted(out)


def _in_official_title(doc: Doc, tok) -> str | None:
    """The official title (of the glossary) the token is part of, if any."""
    if "_bodies" not in doc.__dict__:
        doc.__dict__["_bodies"] = body_occurrences(doc)
    for a, b, title in doc.__dict__["_bodies"]:
        if a <= tok[0] and tok[1] <= b:
            return title
    return None


_TIMES = {"fr": re.compile(r"(?<![\w.,:])(\d{1,2})(?: heures| h (\d\d))(?![\w])"),
          "en": re.compile(r"(?<![\w.,:])(\d{1,2})(?:\.(\d\d))? ([ap])\.m\.")}


def sites_time_style(doc: Doc, seed) -> list[Slip]:
    """A time of day as UN documents write it ("10 heures", "15 h 30"; "10 a.m.", "3.30 p.m.") put in
    another style, one of those drafts use ("10h00", "10h", "15h30"; "10:00 a.m.", "10am", "10 AM",
    "3:30 p.m.")."""
    out = []
    for m in _TIMES[doc.lang].finditer(doc.text):
        hour, minutes = m.group(1), m.group(2)
        rnd = _rng(seed, "time-style", doc.name, m.start())
        if doc.lang == "fr":
            options = [f"{hour}h{minutes}"] if minutes else [f"{hour}h00", f"{hour}h", f"{hour} h 00"]
        else:
            half = m.group(3)
            options = ([f"{hour}:{minutes} {half}.m."] if minutes else
                       [f"{hour}:00 {half}.m.", f"{hour}.00 {half}.m.", f"{hour}{half}m", f"{hour} {half.upper()}M"])
        new = rnd.choice(options)
        out.append(Slip("time-style", doc, m.start(), m.end(), new, m.span(), f"{m.group(0)} -> {new}"))
    return out


def _title_slips(doc: Doc, seed, cls: str, make) -> list[Slip]:
    """One slip of class ``cls`` in each occurrence of an official title, made by ``make(doc, a, b,
    accepted, rnd)``: (start, end, new text, kind) or None."""
    _, accepted = _title_patterns(doc.lang)
    out = []
    for a, b, title in body_occurrences(doc):
        edit = make(doc, a, b, accepted, _rng(seed, cls, doc.name, a))
        if edit:
            s, e, new, kind = edit
            out.append(Slip(cls, doc, s, e, new, (a, b), f"{kind}; '{title}'", group=title))
    return out


def sites_bodies(doc: Doc, seed) -> list[Slip]:
    return _title_slips(doc, seed, "body-title", _near_misses)


def sites_date_style(doc: Doc, seed) -> list[Slip]:
    """A date put in another style than the UN's, one edit per written date: in French, "1er" written
    "1", or the month capitalized ("5 Octobre"); in English, the day given an ordinal ("5th
    October"), the weekday's comma dropped ("Monday 5 October"), the month in lower case ("5
    october"), or the month put first ("October 5, 2016")."""
    out = []
    text = doc.text
    for ds in date_sites(doc):
        options = []
        for d in ds.days:
            a, b = d.span
            written = text[a:b]
            month = _MONTH_RE[doc.lang].match(text, b + 1) if text[b:b + 1] == " " else None
            if month and month.group(0).islower():
                options.append((month.start(), month.start() + 1, month.group(0)[0].upper(), "month capitalized"))
            elif month and doc.lang == "en" and month.group(0)[:1].isupper():
                options.append((month.start(), month.start() + 1, month.group(0)[0].lower(), "month in lower case"))
            if doc.lang == "fr":
                if written == "1er":
                    options.append((a, b, "1", "1er written 1"))
                continue
            if not written.isdigit():
                continue
            suffix = "th" if 10 <= d.day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10, "th")
            options.append((a, b, written + suffix, "ordinal"))
            if d.weekday_span and text[d.weekday_span[1]:d.weekday_span[1] + 2] == ", ":
                options.append((d.weekday_span[1], d.weekday_span[1] + 1, "", "weekday's comma dropped"))
            m = re.compile(r" (" + "|".join(MONTHS["en"]) + r")(?: ([12]\d{3}))?(?![\w])").match(text, b)
            if ds.kind == "single" and m and m.end() <= ds.span[1]:
                options.append((a, m.end(), f"{m.group(1)} {written}" + (f", {m.group(2)}" if m.group(2) else ""),
                                "month first"))
        if options:
            a, b, new, detail = _rng(seed, "date-style", doc.name, ds.span[0]).choice(options)
            out.append(Slip("date-order" if detail == "month first" else "date-style", doc, a, b, new, ds.span, detail))
    return out


def _misspelt(doc: Doc, a: int, b: int, accepted: set[str], rnd: random.Random):
    """One word of five letters or more of an official title misspelt as drafts misspell (see
    _typo), the variant being no form the glossary accepts: (start, end, new word, "typo")."""
    text = doc.text
    words = [(s, e, w) for s, e, w in _tokens(text, a, b) if len(_content(w, doc.lang)) >= 5]
    rnd.shuffle(words)
    for s, e, _w in words:
        written = text[s:e]
        head = written[:len(written) - len(_content(written, doc.lang))]  # "l'" kept
        typo = _typo(written[len(head):], rnd, doc.lang)
        if typo and _fold(text[a:s] + head + typo + text[e:b]) not in accepted:
            return s, e, head + typo, "typo"
    return None


def sites_body_typos(doc: Doc, seed) -> list[Slip]:
    return _title_slips(doc, seed, "body-title-typo", _misspelt)


# Phrases of the house's standard sentences and the other words drafts put in their place: the
# class is "a standard phrase replaced by a near-synonym", so the list is broad, in both languages,
# and none of it is read by tmcheck (which knows only the memories' sentences).
REWORDINGS = {
    "fr": [("sera saisie", "disposera"), ("sera saisi", "disposera"), ("souhaitera peut-être", "pourrait"),
           ("voudra peut-être", "pourrait"), ("au titre de ce point", "dans le cadre de ce point"),
           ("Pour l’examen de ce point", "Pour examiner ce point"), ("Pour l'examen de ce point", "Pour examiner ce point"),
           ("actuellement prévu", "actuellement envisagé"), ("examinera", "étudiera"), ("conformément à", "en vertu de"),
           ("s’ouvrira", "commencera"), ("s'ouvrira", "commencera"), ("se tiendra", "aura lieu"),
           ("a été établi", "a été préparé"), ("le présent document", "ce document"),
           ("qui lui ont été confiées", "qui lui ont été assignées"), ("sera invitée à", "sera priée de"),
           ("sera invité à", "sera prié de"), ("fera rapport", "rendra compte"), ("établira", "préparera"),
           ("adoptera", "approuvera"), ("élira", "désignera"), ("en vue de", "afin de"), ("portée à l’attention", "signalée à l’attention")],
    "en": [("will have before it", "will consider"), ("may wish to", "might wish to"), ("currently envisaged", "currently planned"),
           ("For its consideration of this item", "For the consideration of this item"), ("in accordance with", "pursuant to"),
           ("will be opened", "will be started"), ("will be held", "will take place"), ("has been prepared", "has been drafted"),
           ("the present document", "this document"), ("entrusted to it", "assigned to it"),
           ("will be invited to", "will be asked to"), ("will be prepared by", "will be drafted by"),
           ("submit its report", "present its report"), ("will adopt", "will approve"), ("will elect", "will choose"),
           ("under this item", "in relation to this item"), ("Under this item", "In relation to this item"),
           ("with a view to", "in order to"), ("brought to the attention", "drawn to the attention"),
           ("will report", "will give an account"), ("shall examine", "will examine"), ("in the light of", "in view of")],
}


def _standard_sentences(doc: Doc):
    """The sentences of ``doc`` that a standard sentence of the bundled memories matches (fuzzy score
    80 or more) and that differ from it in facts only (numbers, dates, names, punctuation) or not at
    all: (start, end) of each. A sentence that already words it otherwise is no site."""
    from rapidfuzz import fuzz, process

    from tmcheck.checks.phrasing import MIN_SCORE
    from tmcheck.memory.fuzzy import differences
    from tmcheck.memory.normalize import normalize
    from tmcheck.memory.phrases import standard_phrases

    phrases = standard_phrases(doc.lang)
    out = []
    for a, b in _sentences(doc):
        text = doc.text[a:b].strip()
        ids = phrases.candidates(text, MIN_SCORE)
        if not ids:
            continue
        hit = process.extractOne(normalize(text), [phrases.norms[i] for i in ids], scorer=fuzz.ratio, score_cutoff=MIN_SCORE)
        if hit is None:
            continue
        standard = phrases.texts[ids[hit[2]]]
        if all(c.op == "equal" or not re.search(r"[^\W\d_]", c.text) or any(ch.isdigit() or ch.isupper() for ch in c.text)
               for c in differences(text, standard)):
            start = a + doc.text[a:b].index(text[:1])
            out.append((start, start + len(text)))
    return out


def sites_standard_phrasing(doc: Doc, seed) -> list[Slip]:
    """A standard sentence (as the memories hold it, facts aside) with one of its phrases put in
    other words (REWORDINGS)."""
    out = []
    for a, b in _standard_sentences(doc):
        options = [(m.start(), m.end(), new) for old, new in REWORDINGS[doc.lang]
                   for m in re.finditer(re.escape(old), doc.text[a:b])]  # never across a line break
        if options:
            s, e, new = _rng(seed, "standard-phrasing", doc.name, a).choice(options)
            out.append(Slip("standard-phrasing", doc, a + s, a + e, new, (a, b), f"{doc.text[a + s:a + e]} -> {new}"))
    return out


# British spellings of UN English and the American ones drafts slip into, as the harness knows them
# (tmcheck's list is its own, in rules/house-style.yaml): "towards" and "judgement" are here too.
US_SPELLINGS = {
    "labour": "labor", "centre": "center", "centres": "centers", "defence": "defense", "behaviour": "behavior",
    "favour": "favor", "favourable": "favorable", "colour": "color", "honour": "honor", "neighbouring": "neighboring",
    "analyse": "analyze", "analysed": "analyzed", "catalogue": "catalog", "enrolment": "enrollment",
    "travelling": "traveling", "modelling": "modeling", "labelled": "labeled", "ageing": "aging",
    "programme": "program", "programmes": "programs", "fulfil": "fulfill", "towards": "toward", "judgement": "judgment",
    "counselling": "counseling", "endeavour": "endeavor", "programme's": "program's",
    # compounds written otherwise ("socioeconomic" and "well-being" too: UN texts write both forms)
    "peacekeeping": "peace-keeping", "peacebuilding": "peace-building", "counter-terrorism": "counterterrorism",
    "cross-border": "crossborder", "policymakers": "policy makers", "website": "web site", "cooperation": "co-operation",
    "coordination": "co-ordination", "socioeconomic": "socio-economic", "well-being": "wellbeing",
}


def _swaps(cls: str, lang: str, table: dict[str, str]):
    """A site finder for ``cls``: each word or phrase of ``table`` (as written, in lower case) in a
    document of ``lang`` put as the table gives it."""
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, table), key=len, reverse=True)) + r")\b")

    def sites(doc: Doc, seed) -> list[Slip]:
        if doc.lang != lang:
            return []
        return [Slip(cls, doc, m.start(), m.end(), table[m.group(1)], m.span(), f"{m.group(1)} -> {table[m.group(1)]}")
                for m in pattern.finditer(doc.text)]

    return sites


sites_us_spelling = _swaps("us-spelling", "en", US_SPELLINGS)  # a British spelling given its American one


# French words of UN texts and the calques of English that drafts put in their place, as the harness
# knows them ("opportunité" for "possibilité" and "basé sur" for "fondé sur" are here too: UN texts
# write them at times).
ANGLICISMS = {
    "la mise en œuvre": "l’implémentation", "mise en œuvre": "implémentation", "mettre en œuvre": "implémenter",
    "numérique": "digital", "numériques": "digitaux", "défi": "challenge", "défis": "challenges",
    "fondé sur": "basé sur", "fondée sur": "basée sur", "possibilité": "opportunité",
}
sites_fr_anglicism = _swaps("fr-anglicism", "fr", ANGLICISMS)  # a French word put as an English calque


FINDERS = (sites_meeting_date, sites_meeting_number, sites_respectively, sites_weekday, sites_impossible, sites_citations,
           sites_items, sites_bodies, sites_body_typos, sites_date_style, sites_time_style, sites_standard_phrasing,
           sites_us_spelling, sites_fr_anglicism)


def find_sites(doc: Doc, seed=0) -> list[Slip]:
    out = []
    for finder in FINDERS:
        out.extend(finder(doc, seed))
    return out


# ==================================================================================================
# Linting and judging


@dataclass
class Outcome:
    cls: str
    lang: str
    doc: str
    line: int
    column: int
    old: str
    new: str
    detail: str
    found: bool
    via: str = ""                                   # span | related
    unclean: bool = False                           # the unaltered document has such a finding here
    elsewhere: list = field(default_factory=list)   # expected family, new, not at the place
    said: list = field(default_factory=list)        # every new finding (any family, any severity)


class Judge:
    """Lints documents in a private folder, one copy at a time."""

    def __init__(self) -> None:
        from tmcheck.engine import Linter, Options

        self.linter = Linter(Options())
        self._folder = tempfile.TemporaryDirectory(prefix="tmcheck-slips-")  # removed when closed or collected
        self.folder = Path(self._folder.name)

    def close(self) -> None:
        self._folder.cleanup()

    def lint(self, doc: Doc, text: str, slip: Slip | None = None):
        path = self.folder / doc.filename
        if doc.docx is not None:
            path.write_bytes(_docx_with(doc, slip) if slip else doc.docx)
        else:
            path.write_text(text, encoding="utf-8")
        findings = self.linter.lint_paths([str(path)]).findings
        path.unlink()
        return findings


def _docx_with(doc: Doc, slip: Slip) -> bytes:
    """The .docx package with the slip applied to the Word paragraph (or table cell) it falls in, as
    tmcheck's reader lays a .docx out: one line per paragraph or table row, cells joined by tabs."""
    import io

    import docx

    d = docx.Document(io.BytesIO(doc.docx))
    line = doc.line_of(slip.start)
    col = slip.start - doc.line_starts[line - 1]
    n = 0
    for child in d.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            n += 1
            if n == line:
                _edit_nodes(child.xpath(".//w:t"), col, col + slip.end - slip.start, slip.new)
                break
        elif tag == "tbl":
            rows = child.xpath("./w:tr")
            if n + len(rows) < line:
                n += len(rows)
                continue
            row = rows[line - n - 1]
            pos = 0
            for tc in row.xpath("./w:tc"):
                nodes = tc.xpath(".//w:t")
                raw = "".join(t.text or "" for t in nodes)
                lead = len(raw) - len(raw.lstrip())
                cell = raw.strip()
                if pos <= col <= pos + len(cell):
                    _edit_nodes(nodes, lead + col - pos, lead + col - pos + slip.end - slip.start, slip.new)
                    break
                pos += len(cell) + 1
            break
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _edit_nodes(nodes, a: int, b: int, new: str) -> None:
    pos = 0
    for t in nodes:
        s = t.text or ""
        lo, hi = pos, pos + len(s)
        if hi >= a and lo <= b:
            x, y = max(a, lo) - lo, min(b, hi) - lo
            t.text = s[:x] + (new if lo <= a <= hi else "") + s[y:]
            if lo <= a <= hi:
                new = ""
        pos = hi


def _offset(starts: list[int], pos) -> int:
    return starts[min(pos.line, len(starts)) - 1] + pos.column - 1


def _overlaps(starts, span, place) -> bool:
    a, b = _offset(starts, span.start), _offset(starts, span.end)
    return a < place[1] and place[0] < max(b, a + 1)


def _brief(f) -> dict:
    return {"code": f.code, "severity": f.severity, "line": f.span.start.line, "column": f.span.start.column,
            "message": f.message}


def judge(slip: Slip, findings, baseline) -> Outcome:
    families = CLASSES[slip.cls]
    text = slip.applied()
    starts = line_starts(text)
    place = slip.place_after()
    # A finding the unaltered document has too (same rule, line and message) is not the slip's.
    before = Counter((f.code, f.span.start.line, f.message) for f in baseline)
    new = []
    for f in findings:
        k = (f.code, f.span.start.line, f.message)
        if before[k]:
            before[k] -= 1
        else:
            new.append(f)
    # Where the unaltered document already has a finding of the family at the place, nothing the
    # checker says there can be credited to the slip: the site is left out of the figures.
    doc = slip.doc
    reported = CLASS_SEVERITIES.get(slip.cls, REPORTED)
    unclean = any(f.code.startswith(families) and f.severity in reported and
                  (_overlaps(doc.line_starts, f.span, slip.place) or
                   any(_overlaps(doc.line_starts, r.span, slip.place) for r in f.related)) for f in baseline)
    found, via, elsewhere = False, "", []
    for f in new:
        if unclean or not f.code.startswith(families) or f.severity not in reported:
            continue
        if _overlaps(starts, f.span, place):
            found, via = True, via or "span"
        elif any(_overlaps(starts, r.span, place) for r in f.related):
            found, via = True, via or "related"
    for f in new:
        if f.code.startswith(families) and f.severity in reported and not _overlaps(starts, f.span, place) \
                and not any(_overlaps(starts, r.span, place) for r in f.related):
            elsewhere.append(_brief(f))
    line = slip.doc.line_of(slip.start)
    col = slip.start - slip.doc.line_starts[line - 1] + 1
    return Outcome(slip.cls, doc.lang, doc.name, line, col, slip.old, slip.new, slip.detail, found, via, unclean,
                   elsewhere, [_brief(f) | {"here": _overlaps(starts, f.span, place)} for f in new])


def run_document(judge_: Judge, doc: Doc, slips: list[Slip]) -> tuple[list, list[Outcome]]:
    baseline = judge_.lint(doc, doc.text)
    outcomes = [judge(s, judge_.lint(doc, s.applied(), s), baseline) for s in slips]
    unaltered = [_brief(f) | {"doc": doc.name} for f in baseline if f.severity in REPORTED]
    return unaltered, outcomes


# ==================================================================================================
# Sampling and the run


def choose(docs: list[Doc], seed=0, classes=None, langs=LANGS, per_doc: int = 10, limit: int | None = None) -> list[Slip]:
    """Sites per class and document, at most per_doc of each (sampled with the seed); then at most
    `limit` per class and language, taken in turn from each document so that no document dominates,
    and at most per_doc of one group (the same official title: the Security Council's, named in
    dozens of UNPC documents, would otherwise be most of its class)."""
    classes = classes or list(CLASSES)
    pools: dict[tuple[str, str], dict[str, list[Slip]]] = defaultdict(dict)
    for doc in docs:
        if doc.lang not in langs:
            continue
        by_cls = defaultdict(list)
        for s in find_sites(doc, seed):
            if s.cls in classes:
                by_cls[s.cls].append(s)
        for cls, slips in by_cls.items():
            slips = sorted(set_unique(slips), key=lambda s: s.start)
            if len(slips) > per_doc:
                slips = sorted(_rng(seed, "per-doc", cls, doc.name).sample(slips, per_doc), key=lambda s: s.start)
            pools[(cls, doc.lang)][doc.name] = slips
    chosen = []
    for (cls, lang), by_doc in sorted(pools.items()):
        names = sorted(by_doc)
        _rng(seed, "order", cls, lang).shuffle(names)
        queues = {n: list(by_doc[n]) for n in names}
        for q in queues.values():
            _rng(seed, "queue", cls, lang).shuffle(q)
        taken, groups = 0, Counter()
        while any(queues.values()) and (limit is None or taken < limit):
            for n in names:
                while queues[n] and (limit is None or taken < limit):
                    s = queues[n].pop()
                    if s.group and groups[s.group] >= per_doc:
                        continue
                    groups[s.group] += 1
                    chosen.append(s)
                    taken += 1
                    break
    return chosen


def set_unique(slips: list[Slip]) -> list[Slip]:
    seen, out = set(), []
    for s in slips:
        if s.key() not in seen:
            seen.add(s.key())
            out.append(s)
    return out


def _work(args):
    docs_slips = args
    j = Judge()
    try:
        return [run_document(j, d, s) for d, s in docs_slips]
    finally:
        j.close()


def run(docs: list[Doc], seed=0, classes=None, langs=LANGS, per_doc: int = 10, limit: int | None = None,
        jobs: int = 1) -> dict:
    """Choose the slips, lint each altered copy and every unaltered document; return the figures."""
    t0 = time.perf_counter()
    slips = choose(docs, seed, classes, langs, per_doc, limit)
    by_doc = defaultdict(list)
    for s in slips:
        by_doc[s.doc.name].append(s)
    work = [(d, by_doc.get(d.name, [])) for d in docs if d.lang in langs]
    if jobs > 1:
        import multiprocessing as mp

        chunks = [work[i::jobs * 4] for i in range(jobs * 4)]
        with mp.get_context("fork").Pool(jobs) as pool:
            results = [r for part in pool.map(_work, chunks) for r in part]
    else:
        results = _work(work)
    unaltered, outcomes = [], []
    for u, o in results:
        unaltered.extend(u)
        outcomes.extend(o)
    outcomes.sort(key=lambda o: (list(CLASSES).index(o.cls), o.lang, o.doc, o.line, o.column))
    unaltered.sort(key=lambda f: (f["doc"], f["line"], f["column"], f["code"]))
    table = {}
    for cls in classes or CLASSES:
        for lang in langs:
            rows = [o for o in outcomes if o.cls == cls and o.lang == lang and not o.unclean]
            found = sum(o.found for o in rows)
            table[f"{cls}/{lang}"] = {
                "class": cls, "lang": lang, "sites": len(rows), "found": found,
                "unclean": sum(1 for o in outcomes if o.cls == cls and o.lang == lang and o.unclean),
                "share": found / len(rows) if rows else None,
                "via_related": sum(o.via == "related" for o in rows),
                "elsewhere": sum(1 for o in rows if o.elsewhere),
                "noise": sum(len(o.elsewhere) for o in rows if o.found),
            }
    return {"seed": seed, "documents": len(work), "seconds": round(time.perf_counter() - t0, 1),
            "table": table, "slips": [asdict(o) for o in outcomes], "unaltered": unaltered}


def recall(result: dict) -> dict[str, float | None]:
    """Per class, both languages together: the share found."""
    out = {}
    for cls in CLASSES:
        rows = [r for r in result["table"].values() if r["class"] == cls]
        n = sum(r["sites"] for r in rows)
        if rows:
            out[cls] = sum(r["found"] for r in rows) / n if n else None
    return out


# ==================================================================================================
# Report


def _pct(x) -> str:
    return "    -" if x is None else f"{100 * x:5.1f}%"


def print_report(result: dict, verbose: bool = False, out=sys.stdout) -> None:
    w = out.write
    w(f"slip harness: {result['documents']} documents, {len(result['slips'])} slips, seed {result['seed']}, "
      f"{result['seconds']} s\n\n")
    w(f"{'class':<20} {'lang':<4} {'sites':>5} {'found':>5} {'share':>6}  {'related':>7} {'elsewhere':>9} "
      f"{'unclean':>7}\n")
    for r in result["table"].values():
        w(f"{r['class']:<20} {r['lang']:<4} {r['sites']:>5} {r['found']:>5} {_pct(r['share']):>6}  "
          f"{r['via_related']:>7} {r['elsewhere']:>9} {r['unclean']:>7}\n")
    w("\nfound: a finding of the class's family (TM2 dates, TM3 citations and item titles, TM3/TM4 body titles,\n"
      "TM4/TM5 standard phrasing), warning or error (info too for date-order and standard-phrasing), whose span\n"
      "overlaps the altered unit ('related': found only through a related location, the conflict being\n"
      "reported at the other place); elsewhere: slips after which such a finding appeared\n"
      "only at another place; unclean: sites left out of the figures because the unaltered document already\n"
      "has a finding of the family there.\n")
    if verbose:
        misses = [o for o in result["slips"] if not o["found"] and not o["unclean"]]
        w(f"\nmisses ({len(misses)}):\n")
        for o in misses:
            w(f"  [{o['cls']}/{o['lang']}] {o['doc']}:{o['line']}:{o['column']}: '{o['old']}' -> '{o['new']}'"
              f"  ({o['detail']})\n")
            if not o["said"]:
                w("      tmcheck said nothing new\n")
            for f in o["said"]:
                where = "here" if f["here"] else f"line {f['line']}"
                w(f"      said ({where}): {f['code']} [{f['severity']}] {f['message']}\n")
    w(f"\nerrors and warnings on the unaltered documents ({len(result['unaltered'])}):\n")
    for f in result["unaltered"]:
        w(f"  {f['doc']}:{f['line']}:{f['column']}: {f['code']} [{f['severity']}] {f['message']}\n")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--class", dest="classes", action="append", choices=list(CLASSES), help="only this class (repeatable)")
    ap.add_argument("--lang", choices=LANGS, help="only this language")
    ap.add_argument("--limit", type=int, default=200, help="at most N slips per class and language (default 200)")
    ap.add_argument("--per-doc", type=int, default=10, help="at most N sites per class and document (default 10)")
    ap.add_argument("--seed", default="0", help="the seed of every random choice (default 0)")
    ap.add_argument("--docs", help="only documents whose name matches this glob or substring (comma-separated)")
    ap.add_argument("--no-unpc", action="store_true", help="leave out the UNPC documents")
    ap.add_argument("--jobs", type=int, default=1, help="processes (default 1)")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    ap.add_argument("--verbose", "-v", action="store_true", help="list the misses and what tmcheck said instead")
    a = ap.parse_args(argv)
    docs = load_documents(a.docs, unpc=not a.no_unpc)
    if not docs:
        print("no documents match", file=sys.stderr)
        return 2
    result = run(docs, a.seed, a.classes, (a.lang,) if a.lang else LANGS, a.per_doc, a.limit, a.jobs)
    if a.json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print_report(result, a.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
