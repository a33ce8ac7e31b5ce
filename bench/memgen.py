"""Deterministic generator of large French–English translation memories made of real UN text.

tmcheck's memory benchmarks need 100k and 1M unique segment pairs that look like a real UN memory:
the vocabulary and phrasing of UN documents, a realistic spread of lengths (titles, list items,
one-line and long sentences) and, above all, many near-duplicates (the same clause in hundreds of
segments, the same sentence with another country or another number), which is what makes a fuzzy
index's job hard. Nobody on the project wrote the text: everything is recombined from the real
pairs in ``../shared/data`` (UNPC development set, SDG titles, UN country names), always in
parallel on both sides, so that each French segment still has its English translation:

- the real pairs themselves (UNPC, SDG goal/target/indicator titles, with and without their
  "Cible 16.4 :" / "Target 16.4:" label), duplicates removed;
- *splices*: a pair whose French and English have as many ``;``, ``:`` or ``, `` separators is cut
  into aligned clauses (each clause pair must have a plausible length ratio and the same numbers on
  both sides); the first clauses of one pair are joined to the last clauses of another (or three
  pairs: head, middle, tail);
- *clauses*: a run of aligned clauses of one pair on its own (a list item, a short sentence);
- *substitutions*: a country named on both sides replaced by another country on both sides (French
  articles and prepositions adjusted: "au Mali" -> "en Finlande", "du Ghana" -> "de l'Albanie"), and
  numbers found on both sides replaced by other numbers of the same kind on both sides (years stay
  years), on a real pair or on a splice.

``pairs(seed)`` streams unique pairs (unique after tmcheck's normalisation of both sides) forever;
the first N are "the memory of size N", so the 100k memory is the first 100k pairs of the 1M one.
A fixed set of real UNPC pairs is held out of everything (never used, even as a clause) to serve
as genuinely new query sentences.

``make_queries(n)``: queries for the memory of the first ``n`` pairs, half French, half English:
half are stored segments with 1–4 words edited (substituted by, or inserted from, real words of the
language, or deleted), half new sentences: held-out real UNPC sentences and the recombinations that
come after the n-th in the stream (whose text on the query side is not stored).

Usage (writes the memory as TSV with a ``fr<TAB>en`` header, and the queries as JSON):
    python bench/memgen.py 100000 --out /tmp/tmbench/mem-100k.tsv --queries /tmp/tmbench/q-100k.json
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
VERSION = 1  # bump when the output of pairs() or make_queries() changes (invalidates built benchmarks)
HELD_OUT = 100  # real UNPC pairs kept out of every memory, for new-sentence queries

try:  # the memory's own normalisation, so that "unique" means unique to the memory
    from tmcheck.memory.normalize import normalize
except ImportError:  # pragma: no cover - tmcheck not installed: a close stand-in
    import unicodedata

    def normalize(text: str) -> str:
        return " ".join(unicodedata.normalize("NFC", text).split())


def _read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def _squeeze(text: str) -> str:
    """Spaces unified: the one part of the memory's normalisation that recombining can change (the
    text's quotes and tags come from the sources as they are); tmcheck's normalize() is ~40 µs a
    call, too slow to run twice per pair over millions of pairs."""
    return " ".join(text.split())


def _key(fr: str, en: str) -> int:
    return int.from_bytes(hashlib.blake2b(f"{_squeeze(fr)}\x00{_squeeze(en)}".encode(),
                                          digest_size=8).digest(), "little")


def _side_key(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(_squeeze(text).encode(), digest_size=8).digest(), "little")


# -- clauses ------------------------------------------------------------------------------------------

# Separators at which a sentence may be cut, and the form each side joins them back with.
_SEPS = {
    ";": re.compile(r"\s*;\s+"),
    ":": re.compile(r"\s*:\s+"),
    ",": re.compile(r"\s*,\s+"),
}
_NUM = re.compile(r"(?<![\w.,/])\d+(?![\w]|[.,/\u00a0]\d)")


@dataclass(frozen=True)
class Split:
    """A pair cut at ``sep`` into aligned clauses, with the separators (as written) between them."""
    fr: tuple[str, ...]
    en: tuple[str, ...]
    fr_seps: tuple[str, ...]
    en_seps: tuple[str, ...]
    sep: str


def _cut(text: str, rx: re.Pattern) -> tuple[list[str], list[str]]:
    pieces, seps, last = [], [], 0
    for m in rx.finditer(text):
        pieces.append(text[last:m.start()])
        seps.append(m.group())
        last = m.end()
    pieces.append(text[last:])
    return pieces, seps


def _aligned(fr: str, en: str) -> bool:
    """A plausible translation pair: French 0.8–1.7 times as long as English (UN French runs ~15%
    longer), the same numbers on both sides."""
    lf, le = len(fr), len(en)
    if min(lf, le) < 8:
        return False
    if not (0.8 * le - 6 <= lf <= 1.7 * le + 6):
        return False
    return sorted(_NUM.findall(fr)) == sorted(_NUM.findall(en))


_PARA = re.compile(r"\d+\.\s+")


def split_pair(fr: str, en: str) -> list[Split]:
    out = []
    if _PARA.match(en) and not _PARA.match(fr):  # UNPC's English often keeps the paragraph number
        en = en[_PARA.match(en).end():]
    for sep, rx in _SEPS.items():
        fp, fs = _cut(fr, rx)
        ep, es = _cut(en, rx)
        if len(fp) < 2 or len(fp) != len(ep):
            continue
        if all(_aligned(a, b) for a, b in zip(fp, ep)):
            out.append(Split(tuple(fp), tuple(ep), tuple(fs), tuple(es), sep))
    return out


def _join(pieces: list[str], seps: list[str]) -> str:
    out = pieces[0]
    for sep, piece in zip(seps, pieces[1:]):
        out += sep + piece
    return out


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _end(text: str, final: str) -> str:
    text = text.rstrip(" ,;:")
    return text if text[-1:] in ".;:!?)" else text + final


# -- countries ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Country:
    iso: str
    kind: str  # short | formal
    fr: str  # without its article
    fr_art: str  # le, la, l', les or ''
    en: str
    en_the: bool


def _countries() -> list[Country]:
    out = []
    for r in _read(DATA / "countries" / "unterm-country-names.fr-en.tsv"):
        fr, en = r["fr"].strip(), r["en"].strip()
        art, the = "", False
        m = re.fullmatch(r"(.*) \((l'|la|le|les)\)", fr)
        if m:
            fr, art = m.group(1), m.group(2)
        elif "(" in fr:
            continue  # "Micronésie (États fédérés de)": no simple article to adjust
        m = re.fullmatch(r"(.*) \(the\)", en)
        if m:
            en, the = m.group(1), True
        elif "(" in en:
            continue
        if r["kind"] == "formal":
            m = re.match(r"(l'|la |le |les )(.*)", fr)
            if m:
                art, fr = m.group(1).strip(), m.group(2)
            if en.startswith("the "):
                en, the = en[4:], True
        if len(fr) < 4 or len(en) < 4:
            continue
        out.append(Country(r["iso3"], r["kind"], fr, art, en, the))
    return out


_FR_PRE = r"(?:(?P<pre>[Dd]u |[Dd]e la |[Dd]e l['’]|[Dd]es |[Dd]['’]|[Aa]u |[Aa]ux |[Ee]n |[Àà] la |[Àà] l['’]|[Àà] |[Ll]e |[Ll]a |[Ll]['’]|[Ll]es ))?"


def _fr_form(c: Country, role: str, upper: bool) -> str:
    vowel = c.fr[:1].lower() in "aeiouyéèêâîôh"
    art = c.fr_art
    if role == "de":
        s = {"le": "du ", "la": "de la ", "l'": "de l'", "les": "des "}.get(art, "d'" if vowel else "de ")
    elif role == "loc":
        s = {"le": "au ", "la": "en ", "l'": "en ", "les": "aux "}.get(art, "à ")
    elif role == "def":
        s = {"le": "le ", "la": "la ", "l'": "l'", "les": "les "}.get(art, "")
    else:
        s = ""
    s += c.fr
    return _cap(s) if upper else s


_ROLES = {"du": "de", "d": "de", "de la": "de", "de l": "de", "des": "de", "au": "loc", "aux": "loc", "en": "loc",
          "à la": "loc", "à l": "loc", "à": "loc", "le": "def", "la": "def", "l": "def", "les": "def"}


_CAPITALISED = re.compile(r"\b[A-Z][\w'-]*")


class CountrySwap:
    """Finds the countries named on both sides of a pair and names another one instead."""

    def __init__(self) -> None:
        self.countries = _countries()
        by_len = sorted(self.countries, key=lambda c: -len(c.fr))
        self.fr_rx = re.compile(_FR_PRE + r"(?<![\w-])(?P<name>" + "|".join(re.escape(c.fr) for c in by_len)
                                + r")(?![\w-])")
        by_len = sorted(self.countries, key=lambda c: -len(c.en))
        self.en_rx = re.compile(r"(?P<the>\b[Tt]he )?(?<![\w-])(?P<name>"
                                + "|".join(re.escape(c.en) for c in by_len) + r")(?![\w-])")
        self.fr_names: dict[str, list[Country]] = {}
        self.en_names: dict[str, list[Country]] = {}
        for c in self.countries:
            self.fr_names.setdefault(c.fr, []).append(c)
            self.en_names.setdefault(c.en, []).append(c)
        self.first_words = {_CAPITALISED.findall(c.en)[0] for c in self.countries if _CAPITALISED.findall(c.en)}
        self.by_kind = {k: [c for c in self.countries if c.kind == k] for k in ("short", "formal")}

    def swap(self, fr: str, en: str, rng: random.Random) -> tuple[str, str] | None:
        # a cheap test first: the big alternation below is slow, and most texts name no country
        if not any(w in self.first_words for w in _CAPITALISED.findall(en)):
            return None
        fr_hits = {(c.iso, c.kind) for m in self.fr_rx.finditer(fr) for c in self.fr_names[m.group("name")]}
        if not fr_hits:
            return None
        en_hits = [(c.iso, c.kind) for m in self.en_rx.finditer(en) for c in self.en_names[m.group("name")]]
        both = [h for h in dict.fromkeys(en_hits) if h in fr_hits]
        if not both:
            return None
        iso, kind = rng.choice(both)
        old = next(c for c in self.by_kind[kind] if c.iso == iso)
        new = rng.choice(self.by_kind[kind])
        if new.iso == iso:
            return None

        def fr_sub(m: re.Match) -> str:
            if m.group("name") != old.fr:
                return m.group()
            pre = (m.group("pre") or "").strip().lower().rstrip("'’")
            upper = m.group()[:1].isupper()
            return _fr_form(new, _ROLES.get(pre, "bare"), upper)

        def en_sub(m: re.Match) -> str:
            if m.group("name") != old.en:
                return m.group()
            the = m.group("the")
            if new.en_the:
                return (the or ("The " if m.start() == 0 else "the ")) + new.en
            return new.en

        return self.fr_rx.sub(fr_sub, fr), self.en_rx.sub(en_sub, en)


def swap_numbers(fr: str, en: str, rng: random.Random) -> tuple[str, str] | None:
    """Numbers written alike on both sides (same multiset) replaced alike by others of their kind."""
    nf, ne = _NUM.findall(fr), _NUM.findall(en)
    if not nf or sorted(nf) != sorted(ne):
        return None
    new = {}
    for n in dict.fromkeys(nf):
        v = int(n)
        if 1945 <= v <= 2035 and len(n) == 4:
            new[n] = str(rng.randint(1990, 2030))
        elif v <= 31 and len(n) <= 2:  # a day of the month, a paragraph, a count
            new[n] = str(rng.randint(1, 28))
        elif v < 100 and len(n) <= 2:
            new[n] = str(rng.randint(32, 99))
        else:
            new[n] = str(rng.randint(10 ** (len(n) - 1), 10 ** len(n) - 1))
    if all(new[n] == n for n in new):
        return None

    def sub(m: re.Match) -> str:
        return new.get(m.group(), m.group())

    return _NUM.sub(sub, fr), _NUM.sub(sub, en)


# -- the source pairs ---------------------------------------------------------------------------------

@dataclass
class Sources:
    base: list[tuple[str, str]]  # real pairs in the memory's pool (UNPC, SDG)
    held_out: list[tuple[str, str]]  # real UNPC pairs kept out of every memory
    splits: dict[str, list[Split]]  # by separator
    countries: CountrySwap
    vocab: dict[str, list[str]]  # real words of each language, as often as they occur


@cache
def sources(seed: int = 1) -> Sources:
    rng = random.Random(f"sources-{seed}")
    unpc, seen = [], set()
    for r in _read(DATA / "unpc" / "unpc-dev.fr-en.tsv"):
        fr, en = r["fr"].strip(), r["en"].strip()
        k = _key(fr, en)
        if fr and en and k not in seen:
            seen.add(k)
            unpc.append((fr, en))
    # held out: real sentences of some length, whose French and English occur nowhere else
    candidates = [i for i, (fr, en) in enumerate(unpc) if len(fr.split()) >= 6 and fr != en]
    held = set(rng.sample(candidates, HELD_OUT))
    held_texts = {normalize(unpc[i][0]) for i in held} | {normalize(unpc[i][1]) for i in held}
    pool = [p for i, p in enumerate(unpc) if i not in held
            and normalize(p[0]) not in held_texts and normalize(p[1]) not in held_texts]
    held_out = [unpc[i] for i in sorted(held)]
    sdg = []
    for r in _read(DATA / "sdg" / "sdg-titles.fr-en.tsv"):
        fr, en = r["fr"].strip(), r["en"].strip()
        if not fr or not en:
            continue
        sdg.append((fr, en))
        kind, _, num = r["key"].partition(":")
        num, _, what = num.rpartition("-")  # "16-4-title" -> 16.4
        num = num.replace("-", ".")
        label = {"global_goals": ("Objectif", "Goal"), "global_targets": ("Cible", "Target"),
                 "global_indicators": ("Indicateur", "Indicator")}.get(kind)
        if label and num and what == "title":
            sdg.append((f"{label[0]} {num} : {fr}", f"{label[1]} {num}: {en}"))
    base, seen = [], set()
    for fr, en in pool + sdg:
        k = _key(fr, en)
        if k not in seen:
            seen.add(k)
            base.append((fr, en))
    splits: dict[str, list[Split]] = {s: [] for s in _SEPS}
    for fr, en in pool:
        for sp in split_pair(fr, en):
            splits[sp.sep].append(sp)
    vocab: dict[str, list[str]] = {"fr": [], "en": []}
    word = re.compile(r"[^\W\d_]{2,}")
    for fr, en in pool:
        vocab["fr"].extend(word.findall(fr))
        vocab["en"].extend(word.findall(en))
    return Sources(base, held_out, splits, CountrySwap(), vocab)


# -- the stream ---------------------------------------------------------------------------------------

def _splice(src: Sources, rng: random.Random, three: bool = False) -> tuple[str, str]:
    sep = rng.choices((",", ";", ":"), weights=(6, 3, 1))[0]
    group = src.splits[sep]
    a, b = rng.choice(group), rng.choice(group)
    i = rng.randrange(len(a.fr) - 1)  # a's clauses 0..i
    j = rng.randrange(1, len(b.fr))  # b's clauses j..
    fr_p, en_p = list(a.fr[:i + 1]), list(a.en[:i + 1])
    fr_s, en_s = list(a.fr_seps[:i + 1]), list(a.en_seps[:i + 1])
    if three:
        c = rng.choice(group)
        k = rng.randrange(len(c.fr) - 1)  # a middle clause: not one that ends its sentence
        fr_p.append(c.fr[k])
        en_p.append(c.en[k])
        fr_s.append(c.fr_seps[k])
        en_s.append(c.en_seps[k])
    fr_p += b.fr[j:]
    en_p += b.en[j:]
    fr_s += b.fr_seps[j:]
    en_s += b.en_seps[j:]
    return _join(fr_p, fr_s), _join(en_p, en_s)


def _clause(src: Sources, rng: random.Random) -> tuple[str, str]:
    sep = rng.choices((",", ";", ":"), weights=(5, 4, 1))[0]
    a = rng.choice(src.splits[sep])
    n = len(a.fr)
    i = rng.randrange(n)
    j = rng.randrange(i, min(n, i + 2))  # one or two clauses
    fr = _join(list(a.fr[i:j + 1]), list(a.fr_seps[i:j]))
    en = _join(list(a.en[i:j + 1]), list(a.en_seps[i:j]))
    if j < n - 1:  # cut before the sentence's end: end it as the list item or sentence it becomes
        final = ";" if sep == ";" else "."
        fr, en = _end(fr, final), _end(en, final)
    return _cap(fr), _cap(en)


def _substitute(src: Sources, rng: random.Random, fr: str, en: str) -> tuple[str, str] | None:
    done = False
    if rng.random() < 0.7:
        out = src.countries.swap(fr, en, rng)
        if out:
            (fr, en), done = out, True
    if not done or rng.random() < 0.3:
        out = swap_numbers(fr, en, rng)
        if out:
            (fr, en), done = out, True
    return (fr, en) if done else None


def _recombine(src: Sources, rng: random.Random) -> tuple[str, str]:
    while True:
        op = rng.random()
        if op < 0.35:
            pair = _splice(src, rng)
        elif op < 0.40:
            pair = _splice(src, rng, three=True)
        elif op < 0.70:
            pair = _clause(src, rng)
        else:
            pair = rng.choice(src.base)
            out = _substitute(src, rng, *pair)
            if out is None:
                continue
            pair = out
        if op < 0.70 and rng.random() < 0.3:
            pair = _substitute(src, rng, *pair) or pair
        return pair


def pairs(seed: int = 1) -> Iterator[tuple[str, str]]:
    """Unique (French, English) pairs forever: the real pairs first, then recombinations."""
    src = sources(seed)
    rng = random.Random(f"pairs-{seed}")
    seen: set = set()
    for fr, en in src.base:
        k = _key(fr, en)
        if k not in seen:
            seen.add(k)
            yield fr, en
    while True:
        fr, en = _recombine(src, rng)
        if not fr.strip() or not en.strip():
            continue
        k = _key(fr, en)
        if k not in seen:
            seen.add(k)
            yield fr, en


def memory(n: int, seed: int = 1) -> Iterator[tuple[str, str]]:
    """The memory of size ``n``: the first ``n`` pairs of the stream."""
    for i, pair in enumerate(pairs(seed)):
        if i >= n:
            return
        yield pair


def write_tsv(path: str | Path, n: int, seed: int = 1) -> int:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with open(p, "w", encoding="utf-8") as f:
        f.write("fr\ten\n")
        for fr, en in memory(n, seed):
            f.write(f"{fr}\t{en}\n")
            count += 1
    return count


# -- queries ------------------------------------------------------------------------------------------

@dataclass
class Query:
    kind: str  # edited | new-held-out | new-recombined
    lang: str  # fr | en
    text: str
    origin: str = ""  # the stored segment an edited query was made from
    edits: str = ""  # what was changed


_TOKEN = re.compile(r"^(\W*)(.*?)(\W*)$")


def edit_words(text: str, n_edits: int, vocab: list[str], rng: random.Random) -> tuple[str, str]:
    """``text`` with ``n_edits`` words substituted, deleted or inserted (real words of the language)."""
    toks = text.split(" ")
    done = []
    for _ in range(n_edits):
        op = rng.choices(("sub", "del", "ins"), weights=(2, 1, 1))[0]
        if op == "del" and len(toks) <= 2:
            op = "sub"
        pos = rng.randrange(len(toks))
        if op == "sub":
            lead, core, trail = _TOKEN.match(toks[pos]).groups()
            word = rng.choice(vocab)
            if core[:1].isupper():
                word = _cap(word)
            done.append(f"{core or toks[pos]}->{word}")
            toks[pos] = lead + word + trail
        elif op == "del":
            done.append(f"-{toks[pos]}")
            del toks[pos]
        else:
            word = rng.choice(vocab)
            done.append(f"+{word}")
            toks.insert(pos, word)
    return " ".join(toks), " ".join(done)


def make_queries(n: int, count: int = 200, seed: int = 1, warmup: int = 0) -> list[Query]:
    """``count`` queries for the memory of the first ``n`` pairs (then ``warmup`` more, edited ones,
    for warming up), half French and half English, half edited stored segments and half new."""
    src = sources(seed)
    rng = random.Random(f"queries-{seed}-{n}")
    n_edit = count // 2 + warmup
    picks = sorted(rng.sample(range(n), min(n, n_edit)))
    stored: dict[int, tuple[str, str]] = {}
    side_keys: dict[str, set[int]] = {"fr": set(), "en": set()}
    stream = pairs(seed)
    want = set(picks)
    for i in range(n):
        fr, en = next(stream)
        side_keys["fr"].add(_side_key(fr))
        side_keys["en"].add(_side_key(en))
        if i in want:
            stored[i] = (fr, en)
    n_new = count - count // 2
    n_recomb = n_new // 2
    langs_new = ["fr", "en"] * n_new
    recombined: list[Query] = []
    while len(recombined) < n_recomb:  # the pairs that come after the memory's n
        fr, en = next(stream)
        lang = langs_new[len(recombined)]
        text = fr if lang == "fr" else en
        if _side_key(text) not in side_keys[lang]:
            recombined.append(Query("new-recombined", lang, text))
    held = list(src.held_out)
    rng.shuffle(held)
    held_out = []
    for i, (fr, en) in enumerate(held[:n_new - n_recomb]):
        lang = langs_new[i]
        held_out.append(Query("new-held-out", lang, fr if lang == "fr" else en))
    edited = []
    rng.shuffle(picks)
    for k, i in enumerate(picks):
        lang = "fr" if k % 2 == 0 else "en"
        origin = stored[i][0 if lang == "fr" else 1]
        for _ in range(20):
            text, what = edit_words(origin, rng.randint(1, 4), src.vocab[lang], rng)
            if normalize(text) != normalize(origin):
                break
        edited.append(Query("edited", lang, text, origin, what))
    timed = edited[:count // 2] + recombined + held_out
    rng.shuffle(timed)
    return timed + edited[count // 2:]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="segments in the memory")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", help="write the memory as TSV (fr, en) here")
    ap.add_argument("--queries", help="write the queries as JSON here")
    ap.add_argument("--count", type=int, default=200, help="queries (default 200)")
    ap.add_argument("--stats", action="store_true", help="print what the memory is made of")
    args = ap.parse_args()
    t = time.perf_counter()
    if args.out:
        print(f"{write_tsv(args.out, args.n, args.seed)} pairs -> {args.out} "
              f"({time.perf_counter() - t:.1f} s)", file=sys.stderr)
    if args.queries:
        qs = make_queries(args.n, args.count, args.seed)
        Path(args.queries).parent.mkdir(parents=True, exist_ok=True)
        Path(args.queries).write_text(json.dumps([asdict(q) for q in qs], ensure_ascii=False, indent=1),
                                      encoding="utf-8")
        print(f"{len(qs)} queries -> {args.queries}", file=sys.stderr)
    if args.stats:
        lens = {"fr": [], "en": []}
        words: Counter = Counter()
        for fr, en in memory(args.n, args.seed):
            lens["fr"].append(len(fr))
            lens["en"].append(len(en))
            words.update(fr.split())
        for lang, ls in lens.items():
            ls.sort()
            q = [ls[int(len(ls) * p)] for p in (0.1, 0.25, 0.5, 0.75, 0.9, 0.99)]
            print(f"{lang}: {len(ls)} segments, chars p10/p25/p50/p75/p90/p99 = {q}")
        print(f"distinct French words: {len(words)}")


if __name__ == "__main__":
    main()
