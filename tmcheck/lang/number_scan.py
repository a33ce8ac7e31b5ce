"""The numbers scanner's pass over digits (lang/numbers.py says what it finds): references,
times, numbers with their scale words and percent signs, footnote markers, Roman ordinals; and the
spans no number is read in (symbols, URLs, what the caller excludes).

Numbers written in words are read afterwards, over the same scan, by lang/number_words.py.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Iterable, Iterator

from .number_patterns import (
    ALL_MONTHS, CURRENCIES, DASH_CHARS, HYPHENS, ORD_SUFFIX, SP, SQUARE_UNITS, common, lang_patterns,
)
from .number_values import Number, canon, code_or_canon, is_year, plus_half, roman_value, year_end

_DIGIT_RUNS = re.compile(r"\d+")


class Spans:
    """Spans asked whether they overlap a span, in logarithmic time: their starts sorted, and the
    furthest end reached by any span up to each start (a paragraph of 8,000 dates asked once per
    number was quadratic)."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = self.spans = sorted(spans)
        self.starts = [a for a, _ in ordered]
        self.reach: list[int] = []
        furthest = -1
        for _, b in ordered:
            furthest = max(furthest, b)
            self.reach.append(furthest)

    def __bool__(self) -> bool:
        return bool(self.starts)


def overlaps(span: tuple[int, int], spans: "Spans") -> bool:
    s, e = span
    i = bisect_left(spans.starts, e)  # the spans that start before this one ends
    return i > 0 and spans.reach[i - 1] > s


def _letters_before(text: str, pos: int) -> str:
    j = pos
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    return text[j:pos]


def word_before(text: str, pos: int) -> str:
    """The word ending before the spaces at ``pos``, lowercase ('' when none)."""
    j = pos
    while j > 0 and text[j - 1] in SP:
        j -= 1
    if j == pos:
        return ""
    return _letters_before(text, j).lower()


def _blocked_spans(text: str, exclude: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = [(int(s), int(e)) for s, e in exclude]
    if "/" in text:
        spans.extend(m.span() for m in common().slashed.finditer(text) if common().letter.search(m.group(0)))
    if "@" in text or "www" in text or "http" in text:
        spans.extend(m.span() for m in common().url.finditer(text))
    return spans



def _digit_matches(pattern: re.Pattern, text: str, start: int) -> Iterator[re.Match]:
    """``pattern.finditer(text, start)`` for a pattern whose every match begins a run of digits
    (it opens with ``(?<!\\d)`` and a digit). The regex engine cannot skip ahead to a lookbehind
    and would try the pattern at every character; here it is tried where a run of digits begins."""
    pos = start
    for run in _DIGIT_RUNS.finditer(text, start):
        if run.start() < pos:
            continue  # inside the previous match
        m = pattern.match(text, run.start())
        if m:
            yield m
            pos = m.end()


class Scan:
    """One text's scan: the numbers found so far (``out``), the text the digit pass read
    (``taken``) and the spans no number is read in (``blocked``)."""

    def __init__(self, text: str, lang: str, exclude: Iterable[tuple[int, int]]) -> None:
        self.text = text
        self.lang = lang
        self.L = lang_patterns(lang)
        self.C = common()
        self.blocked = Spans(_blocked_spans(text, exclude))
        self.out: list[Number] = []
        self.taken: list[tuple[int, int]] = []     # text read by the digit pass, incl. "%", "heures"

    def add(self, s: int, e: int, value: str, kind: str, words: bool = False, note: bool = False,
            taken_end: int | None = None) -> None:
        self.out.append(Number((s, e), value, kind, self.text[s:e], words, note))
        self.taken.append((s, max(e, taken_end or e)))

    # -- digits -----------------------------------------------------------------------------------

    def paragraph(self) -> int:
        m = self.C.paragraph.match(self.text)
        if not m:
            return 0
        g = next(k for k in ("dot", "paren", "multi", "bare") if m.group(k))
        if g == "bare" and m.group("next").lower().rstrip(".") in ALL_MONTHS:
            return 0                                  # "15 January 2015: ..."
        s, e = m.span(g)
        if overlaps((s, e), self.blocked):
            return 0
        written = m.group(g)
        self.add(s, e, written if "." in written else canon(written), "paragraph")
        return m.end()

    def digits(self, start: int) -> None:
        text, L = self.text, self.L
        for m in _digit_matches(L.digits, text, start):
            s, e = m.span()
            if (self.taken and s < self.taken[-1][1]) or overlaps((s, e), self.blocked):
                continue                             # "p. 100" after "20", a symbol
            before = text[s - 1] if s > 0 else ""
            note = False
            if before.isalpha() or (before in HYPHENS and s > 1 and text[s - 2].isalpha()):
                # Glued to letters: a code ("G20", "COVID-19"), a footnote marker ("Crime1"), a year
                # that lost its hyphen ("post2015"), a sum ("Euro131").
                letters = _letters_before(text, s if before.isalpha() else s - 1)
                run = m.group(0)
                if letters.lower() in CURRENCIES or text[s - len(letters) - 1:s - len(letters)] == "$":
                    pass                             # "Euro131 million", "$A45,000"
                elif letters[-1].isupper() and not (before in HYPHENS and not letters.isupper()):
                    continue
                elif before.isalpha() and letters.lower() in SQUARE_UNITS and run in ("2", "3"):
                    continue
                elif before.isalpha() and m.group("num") and len(run) <= 3 and run.isdigit():
                    note = True
            elif before and before in ".;:,)]\"”»'’" and s > 1 and (
                    text[s - 2].isalpha() or text[s - 2] in ")\"”»'’"
                    or (before in ";:," and is_year(text[s - 5:s - 1]) and not text[s - 6:s - 5].isdigit())):
                run = m.group(0)
                if m.group("num") and run.isdigit() and len(run) <= 3 and self.C.note_end.match(text, e):
                    note = True                      # "(Malvinas)1", "Yugoslavia;1", "position.2", "2015;2"
            if m.group(0) == "1" and text[e:e + 1] in "'’" and text[e + 1:e + 2].isalpha():
                continue                             # "1'espace": a misread "l'"
            if m.group("ref"):
                self.ref(m)
            elif m.group("num"):
                self.number(m, note)
            else:
                self.time(m)

    def glued_after(self, e: int) -> str:
        g = self.C.glued_after.match(self.text, e)
        return g.group(0) if g else ""

    def ref(self, m: re.Match) -> None:
        s, e = m.span()
        parts = m.group("ref").split("/")
        # A year pair "2014/15", "2014/2015": two cardinals, as "2014-2015".
        if len(parts) == 2 and is_year(parts[0]):
            second = year_end(int(parts[0]), parts[1])
            if second is not None:
                self.add(s, s + 4, parts[0], "cardinal")
                self.add(s + 5, e, str(second), "cardinal")
                return
        if not self.glued_after(e):
            self.add(s, e, self.text[s:e], "ref")

    def time(self, m: re.Match) -> None:
        k = next(i for i in "1234" if m.group("h" + i) is not None) if self.lang == "en" else "1"
        hg, mg = "h" + k, "m" + k
        hour = int(m.group(hg))
        minutes = m.group(mg)
        ampm = ((m.group("ampm") if k == "1" and self.lang == "en" else None) or "").lower()
        if hour > 24 or (minutes and int(minutes) > 59):
            self.add(*m.span(hg), canon(m.group(hg)), "cardinal")
            if minutes:
                self.add(*m.span(mg), canon(minutes), "cardinal")
            return
        if ampm.startswith("p") and hour < 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
        elif ampm == "midnight" and hour == 12:
            hour = 0
        self.add(*m.span(hg), str(hour), "cardinal", taken_end=m.end())
        if minutes and minutes != "00":
            self.add(*m.span(mg), str(int(minutes)), "cardinal", taken_end=m.end())

    def number(self, m: re.Match, note: bool) -> None:
        text, L, lang = self.text, self.L, self.lang
        s, e = m.span("num")
        written = text[s:e]
        plain = written
        for sp in SP:
            plain = plain.replace(sp, "")
        seps = plain.count(",") + plain.count(".")
        if lang == "en":
            whole, _, frac = plain.replace(",", "").partition(".")
            several = plain.count(".") > 1
        elif self.C.point_groups.fullmatch(plain):
            whole, frac, several = plain.replace(".", ""), "", False       # "18.561"
        else:
            whole, _, frac = plain.replace(".", ",").partition(",")
            several = seps > 1
        if several:
            if not self.glued_after(e):
                self.add(s, e, written, "ref")            # "1.2.3": a section number
            return
        if self.glued_years(s, e, whole, frac):
            return
        prev = self.out[-1] if self.out else None
        # A year range written short: "2014-15" -> 2015.
        if (prev is not None and prev.kind == "cardinal" and not prev.words and is_year(prev.value)
                and not frac and len(whole) == 2 and prev.span[1] == s - 1 and text[s - 1] in DASH_CHARS):
            second = year_end(int(prev.value), whole)
            if second is not None:
                self.add(s, e, str(second), "cardinal")
                return
        glued = self.glued_after(e)
        if glued:
            self.glued_number(s, e, whole, frac, glued, note)
            return
        value = code_or_canon(whole, frac)
        if lang == "fr" and len(whole) == 2 and not frac and word_before(text, s) == "années":
            value = "19" + whole                         # "années 60" = the 1960s
        end = e
        sc = L.scale_after.match(text, e)
        if sc and not (sc.group(1) and text[s - 1:s] != "("):
            mult = L.scale[sc.group(2).lower()]
            value = canon(whole, frac, len(str(mult)) - 1)
            end = sc.end() if not sc.group(1) else e
        elif not frac:
            d = L.demi.match(text, e)
            if d:
                value = plus_half(value)
        p = L.percent.match(text, end)
        if p:
            self.add(s, p.end(), value, "percent")
            return
        self.add(s, end, value, "cardinal", note=note, taken_end=sc.end() if sc else end)

    def glued_number(self, s: int, e: int, whole: str, frac: str, glued: str, note: bool) -> None:
        """A number with letters glued after it: an ordinal ("6e", "3rd"), a code (left out), or
        a number whose letters are left out ("1990s", "100km")."""
        text, lang = self.text, self.lang
        after = e + len(glued)
        if after < len(text) and text[after].isdigit():
            return                                   # "1N1", "2B2"
        if glued[0].isupper() and not (len(glued) > 2 and glued[1:].islower()):
            return                                   # "235U", "5G", "041A"; not "2013December"
        low = glued.lower()
        if low in ORD_SUFFIX[lang] and not frac:
            kind = "ordinal"
            if whole in ("1", "01") and low in ("er", "ᵉʳ", "st") and self.first_is_cardinal(s, after):
                kind = "cardinal"                    # "1er juin", "article 1er"
            self.add(s, after, canon(whole), kind)
            return
        if lang == "fr" and low == "h":
            return                                   # "100h" (not a time): a code
        # "1990s", "100km", "20112012b", "2013December": the number, its letters left out.
        self.add(s, e, code_or_canon(whole, frac), "cardinal", note=note)

    def glued_years(self, s: int, e: int, whole: str, frac: str) -> bool:
        """A range that lost its dash ("20142020") or a year with a footnote marker glued to it
        ("septembre 201442", "2014-20151", "2014.42"): read as the years and the marker."""
        text = self.text
        if not frac and len(whole) == 8 and self.C.year_run.fullmatch(whole[:4]) and self.C.year_run.fullmatch(whole[4:]):
            if year_end(int(whole[:4]), whole[4:]) is not None:
                self.add(s, s + 4, whole[:4], "cardinal")
                self.add(s + 4, e, whole[4:], "cardinal")
                return True
            return False
        prev = self.out[-1] if self.out else None
        if not frac and 5 <= len(whole) <= 7 and self.C.year_run.fullmatch(whole[:4]):
            after_range = (prev is not None and is_year(prev.value) and prev.span[1] == s - 1
                           and text[s - 1] in DASH_CHARS and year_end(int(prev.value), whole[:4]))
            after_month = word_before(text, s) in self.L.months
            if after_range or after_month:
                self.add(s, s + 4, whole[:4], "cardinal")
                self.add(s + 4, e, canon(whole[4:]), "cardinal", note=True)
                return True
        if (frac and len(frac) <= 3 and is_year(whole) and text[s:e] == f"{whole}.{frac}"
                and (e == len(text) or text[e] in SP)):
            self.add(s, s + 4, whole, "cardinal")
            self.add(s + 5, e, canon(frac), "cardinal", note=True)
            return True
        return False

    def first_is_cardinal(self, s: int, e: int) -> bool:
        """A "1er"/"1st" that is a day ("1er juin", "1er et 2 décembre") or an article number."""
        d = self.C.day_chain.match(self.text, e)
        if d and d.group(1).lower() in self.L.months:
            return True
        return word_before(self.text, s) in ("article", "articles", "art")

    # -- after the words pass (lang/number_words.py) -----------------------------------------------

    def roman_ordinals(self) -> None:
        text = self.text
        if not self.C.roman_hint.search(text):
            return
        taken = Spans(self.taken)
        for m in self.C.roman.finditer(text):
            roman = m.group(1)
            if not roman or (len(roman) == 1 and roman not in "IVX"):
                continue                                   # "Ce", "Le", "De", "Me"
            if overlaps(m.span(), self.blocked) or overlaps(m.span(), taken):
                continue
            v = roman_value(roman)
            if m.group(2).lower() in ("er", "ᵉʳ") and v != 1:
                continue
            self.add(m.start(), m.end(), str(v), "ordinal", words=True)

    def finish(self) -> list[Number]:
        out = sorted(self.out, key=lambda x: x.span)
        # "20-30 %", "entre 20 et 30 %", "20 to 30 per cent": the range is in per cent.
        text = self.text
        for idx in range(len(out) - 2, -1, -1):
            a, b = out[idx], out[idx + 1]
            if (a.kind == "cardinal" and b.kind == "percent" and not a.note and not is_year(a.value)
                    and self.C.range_gap.fullmatch(text, a.span[1], b.span[0])):
                out[idx] = a._replace(kind="percent")
        return out

