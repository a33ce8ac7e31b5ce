"""The numbers scanner's pass over words (lang/numbers.py says what it finds): ordinals ("vingt-
cinquième", "twenty-fifth", "premier"), then cardinals ("quatre-vingt-dix-neuf mille neuf cents",
"two hundred and fifty", "a dozen", "une quarantaine"), read only in windows around the words that
may start one, and never inside what the digit pass read (lang/number_scan.py).
"""

from __future__ import annotations

from .number_patterns import EN_ORDINAL_WORDS, HALF, HYPHENS, SP, fold
from .number_scan import Scan, Spans, overlaps, word_before
from .number_values import Number, plus_half
from .ordinals import ordinal_value
from .text import lowered_words


def ordinal_word(cand: str, lang: str) -> int | None:
    """An ordinal written in words in ``lang`` ("vingt-cinquième", "twenty-fifth")."""
    c = cand.replace("\u2011", "-").replace("\u2010", "-").replace("-et-", " et ")
    if lang == "fr":
        c = c.replace("ieme", "ième")
        if not (c.endswith(("ième", "ièmes")) or c.startswith("premi")):
            return None
        v = ordinal_value(c)
        if v is None and c.endswith("s"):
            v = ordinal_value(c[:-1])
        return v if v is not None else {"centième": 100, "millième": 1000}.get(c)
    if not c.isascii() or not c.endswith(("th", "first", "second", "third")):
        return None                                    # "the Premier" of a Territory
    v = ordinal_value(c)
    return v if v is not None else {"hundredth": 100, "thousandth": 1000}.get(c)


def read_words(scan: Scan) -> None:
    """Add to ``scan`` the numbers written in words; the digit pass is done."""
    text, L = scan.text, scan.L
    low = text.lower()
    cues = [m.span() for m in L.maybe_ordinal.finditer(low)]
    if not L.cue_words.isdisjoint(lowered_words(text)):
        cues += [m.span() for m in L.maybe_words.finditer(low)]
    if not cues:
        return
    cues.sort()
    # Only the words around a cue can belong to a number in words: scan those windows, which
    # merge where cues are close ("quatre-vingt-dix-neuf mille neuf cents").
    windows: list[list[int]] = []
    for s, e in cues:
        s, e = max(0, s - 48), e + 48
        if windows and s <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], e)
        else:
            windows.append([s, e])
    pieces = []
    read = Spans([*scan.taken, *scan.blocked.spans])  # words inside these are not read
    word = scan.C.word
    for s, e in windows:
        if not read:  # no digits nor excluded text: every word of the window
            pieces.extend(m.span() for m in word.finditer(text, s, e))
            continue
        for m in word.finditer(text, s, e):
            span = m.span()
            if not overlaps(span, read):
                pieces.append(span)
    if not pieces:
        return
    words = _Words(scan, pieces)
    words.ordinals()  # first: "vingt-cinquième" must not read as "vingt"
    words.cardinals()


class _Words:
    """The words around the cues, as pieces of the text with the separator before each ("" where
    none joins it to the one before: a number in words never spans it); ``used`` marks the pieces
    a number has taken."""

    def __init__(self, scan: Scan, pieces: list[tuple[int, int]]) -> None:
        text = self.text = scan.text
        self.L, self.C, self.lang, self.out = scan.L, scan.C, scan.lang, scan.out
        low = [text[a:b].lower() for a, b in pieces]
        n = len(pieces)
        seps = [""] * n
        for i in range(1, n):
            gap = text[pieces[i - 1][1]:pieces[i][0]]
            if gap == " ":  # the commonest, decided at once
                seps[i] = " "
            elif len(gap) == 1 and gap in HYPHENS:
                seps[i] = "-"
            elif gap and len(gap) <= 2 and all(c in SP for c in gap):
                seps[i] = " "
        self.pieces, self.low, self.seps = pieces, low, seps
        # Folded in one string (a word is letters only: never the separator), not word by word.
        self.folded = fold("\0".join(low)).split("\0")
        self.used = [False] * n

    def ordinals(self) -> None:
        text, lang, pieces, low = self.text, self.lang, self.pieces, self.low
        for i in range(len(pieces)):
            w = low[i]
            if not (w.endswith(("ième", "ieme", "ièmes", "iemes", "th")) or w.startswith("premi")
                    or w in EN_ORDINAL_WORDS):
                continue
            found = self.ordinal_ending(i)
            if found is None:
                continue
            k, v = found
            s, e = pieces[k][0], pieces[i][1]
            if lang == "fr" and low[k].startswith("premi") and k == i:
                if self.C.ministre.match(text, e):
                    continue                                  # "Premier Ministre"
                if word_before(text, s) in ("article", "articles"):
                    self.mark(k, i + 1)
                    self.out.append(Number((s, e), "1", "cardinal", text[s:e], True))
                    continue
            v, s, k = self.hundreds_before(k, v, s)
            self.mark(k, i + 1)
            self.out.append(Number((s, e), str(v), "ordinal", text[s:e], True))

    def ordinal_ending(self, i: int) -> tuple[int, int] | None:
        """The ordinal in words that ends with piece i: (index of its first piece, value)."""
        low, seps, used = self.low, self.seps, self.used
        for k in range(max(0, i - 3), i + 1):      # longest first: up to three words before it
            if any(used[j] for j in range(k, i + 1)) or any(not seps[j] for j in range(k + 1, i + 1)):
                continue
            cand = low[k] + "".join(seps[j] + low[j] for j in range(k + 1, i + 1))
            v = ordinal_word(cand, self.lang)
            if v is not None:
                return k, v
        return None

    def hundreds_before(self, k: int, v: int, s: int) -> tuple[int, int, int]:
        """An ordinal from piece k (value v, starting at s) with the hundreds written before it
        ("cent trente et unième", "one hundred and thirty-first"): (value, start, first piece)."""
        low, seps, used = self.low, self.seps, self.used
        j0 = k - 1 if self.lang == "en" and k > 0 and low[k - 1] == "and" and seps[k] else k
        if not seps[j0]:
            return v, s, k  # nothing joins it to a word before (the first piece has no separator)
        # Such hundreds end with the word before j0: most ordinals have none there ("la neuvième
        # session"), and the up to four readings of a number below are not tried.
        ends = self.L.round_ends
        if low[j0 - 1] not in ends and self.folded[j0 - 1] not in ends:
            return v, s, k
        for j in range(max(0, j0 - 4), j0):
            if used[j]:
                continue
            r = self.cardinal_words(j, stop=j0)
            if r is not None and r[1] == j0 and r[0] % 100 == 0:
                return v + r[0], self.pieces[j][0], j
        return v, s, k

    def cardinals(self) -> None:
        text, L, pieces, low, used = self.text, self.L, self.pieces, self.low, self.used
        n = len(pieces)
        i = 0
        while i < n:
            if used[i] or low[i] not in L.starts:
                i += 1
                continue
            r = self.cardinal_words(i)
            if r is None:
                i += 1
                continue
            value, j = r
            s, e = pieces[i][0], pieces[j - 1][1]
            self.mark(i, j)
            v = str(value)
            kind = "cardinal"
            if low[i] in HALF:
                kind = "percent"
            elif L.percent_words.match(text, e):
                kind = "percent"
            elif L.demi.match(text, e):
                v = plus_half(v)
            self.out.append(Number((s, e), v, kind, text[s:e], True))
            i = j

    def mark(self, a: int, b: int) -> None:
        for t in range(a, b):
            self.used[t] = True

    def small_at(self, j: int, stop: int) -> tuple[int, int] | None:
        L, seps, used = self.L, self.seps, self.used
        # The words from j that may form one number: not yet read, each joined to the one before.
        size, top = 0, min(L.max_small, stop - j)
        while size < top and not used[j + size] and (size == 0 or seps[j + size]):
            size += 1
        for size in range(size, 0, -1):  # the longest first
            v = L.small.get(tuple(self.folded[j:j + size]))
            if v is not None:
                return v, j + size
        return None

    def cardinal_words(self, i: int, stop: int | None = None) -> tuple[int, int] | None:
        """The number written in words from piece i: (value, index after its last piece)."""
        if self.low[i] in self.L.singles:
            return self.single_word(i)
        return self.compound(i, len(self.low) if stop is None else stop)

    def single_word(self, i: int) -> tuple[int, int] | None:
        """A word that stands for a number on its own ("midi", "half", "une quarantaine")."""
        L, low = self.L, self.low
        if low[i] == "half":
            if i > 0 and low[i - 1] in ("and", "a", "one") and self.seps[i]:
                return None                            # "two and a half", "a half-day"
            return L.singles["half"], i + 1
        if self.lang == "en" or i == 0 or not low[i].endswith("aine") or low[i - 1] in ("une", "des", "d", "quelque"):
            return L.singles[low[i]], i + 1
        return None

    def compound(self, i: int, n: int) -> tuple[int, int] | None:
        """A number of several words from piece i, up to piece n: units, tens, hundreds and scale
        words in their order ("deux cent mille", "two hundred and fifty thousand").

        One loop over the pieces with the running total, the current group (below a thousand) and
        what the group holds so far: the steps share that state, so they are kept together."""
        L, low, seps, used = self.L, self.low, self.seps, self.used
        en = self.lang == "en"
        total = group = 0
        has_small = has_hundred = False
        last_scale = 10**16
        j = i
        end = i
        value = None
        lone = True            # only "un", "une" or "one": an article or a pronoun
        if en and j < n and not used[j] and low[j] == "a":
            # "a" only before "hundred", a scale word or "dozen"
            if not (j + 1 < n and seps[j + 1] and (low[j + 1] in L.hundreds or low[j + 1] in L.scale
                                                   or low[j + 1] == "dozen")):
                return None
            if low[j + 1] == "dozen":
                return 12, j + 2
            group, lone = 1, False
            j += 1
        while j < n and not used[j]:
            if j > i and not seps[j]:
                break
            w = low[j]
            if en and w == "and" and (has_hundred or total) and not has_small and j + 1 < n and seps[j + 1]:
                sm = self.small_at(j + 1, n)
                if sm is None:
                    break
                group += sm[0]
                has_small, lone = True, False
                j = end = sm[1]
                value = total + group
                continue
            sm = self.small_at(j, n)
            if sm is not None:
                if has_small:
                    break
                group += sm[0]
                has_small = True
                if not (sm[1] - j == 1 and w in L.lone):
                    lone = False
                j = end = sm[1]
                value = total + group
                continue
            if w in L.hundreds:
                if has_hundred or (group == 0 and (L.hundreds[w] or en)) or group >= 100:
                    break
                if group == 0 and j > 0 and low[j - 1] == "pour":
                    break                                  # "pour cent"
                group = (group or 1) * 100
                has_hundred, has_small, lone = True, False, False
                j = end = j + 1
                value = total + group
                if w == "cents":
                    break
                continue
            if w in L.scale:
                S = L.scale[w]
                if S >= last_scale or (group == 0 and not (w == "mille" and j == i)):
                    break
                total += (group or 1) * S
                group = 0
                has_small = has_hundred = lone = False
                last_scale = S
                j = end = j + 1
                value = total
                continue
            break
        if value is None or lone:
            return None
        return value, end
