"""Slips on real pairs: recall per slip operator, and precision on the unaltered pairs.

On ../shared/data/unpc/unpc-dev.fr-en.tsv, in both directions (French source and English
translation, then the reverse), every acronym of three letters or more in the translation is
altered in turn by each operator below, and every number of the translation that has a
counterpart in the source is changed by +1..+3 in its last digit. Each slip is linted with the
whole document it belongs to (its doc_id), the rest of the document intact (one slip per document
at a time; documents are linted side by side in one file), and a slip counts as found when an error or a
warning of the right family (TM1 for acronyms, TM601 for numbers) points at its line. Pairs on
which the checker already says something of that family (error or warning) before any alteration
are left out: an alteration there is no clean experiment.

Acronyms are those of the glossary in the translation's language ("official"), and, reported
apart, the other all-caps words that the source writes the same ("shared": MINUSMA, UNSOA, the
acronyms nobody put in the glossary); a slip that makes another known acronym is not made.

Operators: a letter dropped, a letter inserted, two letters inserted, two neighbours swapped, a
letter replaced, a letter doubled, a space inside, the other language's acronym (where it
differs).

Usage: python bench/slips_pairs.py [--direction fr-en|en-fr] [--docs N] [--missed 5] [--glossary DIR]
Never run as a test: tests/test_slips_pairs.py runs a small fixed sample of it.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import string
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the checkout's tmcheck, not an installed one

from tmcheck.documents.formats import read_bilingual  # noqa: E402
from tmcheck.documents.offsets import target_offsets  # noqa: E402
from tmcheck.documents.pairs import from_bilingual  # noqa: E402
from tmcheck.engine import Linter, Options  # noqa: E402
from tmcheck.glossary import load_glossary  # noqa: E402
from tmcheck.lang.numbers import comparable  # noqa: E402
from tmcheck.resources import glossary_dir  # noqa: E402

UNPC = ROOT.parent / "shared" / "data" / "unpc" / "unpc-dev.fr-en.tsv"
DIRECTIONS = (("fr", "en"), ("en", "fr"))

# -- reading and linting -------------------------------------------------------------------------


def load_rows(path: Path = UNPC) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def lint_rows(rows: list[dict], source: str, target: str, linter: Linter | None = None):
    """Lint rows as the TSV file they come from (doc_id, fr, en): row i is line i + 2."""
    linter = linter or Linter(Options())
    with tempfile.TemporaryDirectory(prefix="tmcheck-slips-") as work:
        path = Path(work) / "pairs.tsv"
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("doc_id\tfr\ten\n")
            for r in rows:
                fh.write(f"{r['doc_id']}\t{r['fr']}\t{r['en']}\n")
        bilingual = read_bilingual(path, source, target)
        return linter.lint_bitext(from_bilingual(bilingual, False, target_offsets))


def flagged_lines(findings, family: str, severities=("error", "warning")) -> set[int]:
    return {f.span.start.line for f in findings if f.code.startswith(family) and f.severity in severities}


# -- acronyms and their slips --------------------------------------------------------------------

_CAPS = re.compile(r"(?<![\w/.@\-])[A-Z]{3,}(?![\w/@]|-\w)")
_ROMAN = re.compile(r"^[IVXLCDM]+$")
_LETTERS = string.ascii_uppercase


def acronym_sites(source: str, target: str, g, tl: str) -> list[tuple[int, int, str, str]]:
    """(start, end, acronym, "official" | "shared") for the acronyms of the translation."""
    out = []
    src_words = set(re.findall(r"[A-Z]{3,}", source))
    for m in _CAPS.finditer(target):
        a = m.group(0)
        if a in g.acronyms.get(tl, {}):
            out.append((m.start(), m.end(), a, "official"))
        elif a in src_words and a not in g.known_acronyms and not _ROMAN.match(a):
            out.append((m.start(), m.end(), a, "shared"))
    return out


def _source_names(source: str, acronym: str, g, sl: str, tl: str) -> bool:
    """Does the source name the body whose acronym this is (by its acronym or a title)?"""
    from tmcheck.glossary import find_terms

    entry_id = g.acronyms[tl][acronym]
    if any(g.acronyms.get(sl, {}).get(w) == entry_id for w in re.findall(r"[A-Z]{2,}", source)):
        return True
    return any(t.entry_id == entry_id and t.role != "generic" for t in find_terms(g, source, sl))


def _drop(a, rnd, g, tl):
    return [a[:i] + a[i + 1:] for i in range(len(a))]


def _insert(a, rnd, g, tl):
    return [a[:i] + c + a[i:] for i in range(len(a) + 1) for c in rnd.sample(_LETTERS, 3)]


def _insert2(a, rnd, g, tl):
    out = []
    for _ in range(12):
        s = list(a)
        for _ in range(2):
            s.insert(rnd.randrange(len(s) + 1), rnd.choice(_LETTERS))
        out.append("".join(s))
    return out


def _swap(a, rnd, g, tl):
    return [a[:i] + a[i + 1] + a[i] + a[i + 2:] for i in range(len(a) - 1) if a[i] != a[i + 1]]


def _replace(a, rnd, g, tl):
    return [a[:i] + c + a[i + 1:] for i in range(len(a)) for c in rnd.sample(_LETTERS, 4) if c != a[i]]


def _double(a, rnd, g, tl):
    return [a[:i + 1] + a[i] + a[i + 1:] for i in range(len(a))]


def _space(a, rnd, g, tl):
    return [a[:i] + " " + a[i:] for i in range(1, len(a))]


def _other_language(a, rnd, g, tl):
    entry_id = g.acronyms.get(tl, {}).get(a)
    if not entry_id:
        return []
    other = g.entry(entry_id).other(tl).acronym
    return [other] if other and other != a else []


OPERATORS = {
    "drop": _drop,
    "insert": _insert,
    "insert2": _insert2,
    "swap": _swap,
    "replace": _replace,
    "double": _double,
    "space": _space,
    "other-language": _other_language,
}


def slip(operator: str, acronym: str, rnd: random.Random, g, tl: str) -> str | None:
    """One slip of ``acronym`` by ``operator``, chosen at random among those that are no known
    acronym (a slip into another body's acronym is TM103's case, tested elsewhere)."""
    candidates = [s for s in OPERATORS[operator](acronym, rnd, g, tl) if s != acronym]
    if operator != "other-language":
        candidates = [s for s in candidates if s.replace(" ", "") not in g.known_acronyms or operator == "space"]
    return rnd.choice(candidates) if candidates else None


# -- numbers -------------------------------------------------------------------------------------


def number_sites(source: str, target: str, sl: str, tl: str) -> list[tuple[int, int, str]]:
    """The numbers of the translation that TM601 compares (not in a date, a symbol or a reference,
    not a paragraph number or a footnote mark), written in digits, whose value the source also has."""
    from tmcheck.checks.pair_numbers import _numbers
    from tmcheck.documents.pairs import from_segments
    from tmcheck.facts.analysis import PairAnalysis

    pa = PairAnalysis(from_segments("pair.tsv", [(source, target)], sl, tl), _glossary())
    pair = pa.pairs[0]
    src = comparable(n for _, n in _numbers(pa.source, pair.source))
    cross = {("ordinal" if k == "cardinal" else "cardinal" if k == "ordinal" else k, v) for k, v in src}
    out = []
    for piece, n in _numbers(pa.target, pair.target):
        if n.words or n.note or n.kind in ("paragraph", "ref") or not any(c.isdigit() for c in n.written):
            continue
        key = (n.kind, n.value)
        if src[key] or key in cross:
            out.append((piece.start + n.span[0], piece.start + n.span[1], n.written))
    return out


_GLOSSARY = []


def _glossary():
    if not _GLOSSARY:
        _GLOSSARY.append(load_glossary(glossary_dir()))
    return _GLOSSARY[0]


def number_slip(written: str, rnd: random.Random) -> str:
    i = max(i for i, c in enumerate(written) if c.isdigit())
    return written[:i] + str((int(written[i]) + rnd.choice((1, 2, 3))) % 10) + written[i + 1:]


# -- the runs ------------------------------------------------------------------------------------


class Tally:
    def __init__(self):
        self.found: Counter = Counter()
        self.total: Counter = Counter()
        self.missed: dict[str, list] = defaultdict(list)

    def add(self, key: str, hit: bool, example) -> None:
        self.total[key] += 1
        if hit:
            self.found[key] += 1
        else:
            self.missed[key].append(example)

    def recall(self, key: str) -> float:
        return self.found[key] / self.total[key] if self.total[key] else float("nan")


def _by_doc(rows: list[dict]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        out[r["doc_id"]].append(i)
    return out


def _alter_and_lint(rows, sl, tl, alterations: dict[int, tuple[int, int, str]], family: str, linter):
    """Apply one alteration per row (row index -> (start, end, replacement) in the target), lint
    the documents that hold them, and return the altered rows whose line has a finding."""
    docs = _by_doc(rows)
    keep = sorted({i for k in alterations for i in docs[rows[k]["doc_id"]]})
    subset, line_of = [], {}
    for n, i in enumerate(keep):
        r = dict(rows[i])
        if i in alterations:
            a, b, new = alterations[i]
            r[tl] = r[tl][:a] + new + r[tl][b:]
            line_of[i] = n + 2
        subset.append(r)
    findings = lint_rows(subset, sl, tl, linter)
    lines = flagged_lines(findings, family)
    return {i for i, line in line_of.items() if line in lines}, subset, line_of


def _rounds(rows, sites: dict[int, list]) -> list[list[tuple[int, int]]]:
    """The sites (row, k) in rounds, at most one per document in each round: a slip is judged
    with the rest of its document intact, as a draft would have it."""
    per_doc: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for i in sorted(sites):
        for k in range(len(sites[i])):
            per_doc[rows[i]["doc_id"]].append((i, k))
    depth = max((len(v) for v in per_doc.values()), default=0)
    return [[v[r] for v in per_doc.values() if r < len(v)] for r in range(depth)]


def run_acronyms(rows, sl, tl, g, linter, operators=tuple(OPERATORS), baseline=None, seed="tmcheck") -> Tally:
    tally = Tally()
    baseline = baseline if baseline is not None else _baseline(rows, sl, tl, "TM1", linter)
    sites = {i: acronym_sites(r[sl], r[tl], g, tl) for i, r in enumerate(rows) if i not in baseline}
    for op in operators:
        for batch in _rounds(rows, sites):
            alterations, meta = {}, {}
            for i, k in batch:
                a, b, acronym, kind = sites[i][k]
                rnd = random.Random(f"{seed}-{sl}{tl}-{op}-{i}-{k}")
                new = slip(op, acronym, rnd, g, tl)
                if new:
                    alterations[i] = (a, b, new)
                    meta[i] = (acronym, new, kind)
            if not alterations:
                continue
            hits, _, _ = _alter_and_lint(rows, sl, tl, alterations, "TM1", linter)
            for i, (acronym, new, kind) in meta.items():
                length = "3" if len(acronym) == 3 else "4" if len(acronym) == 4 else "5+"
                example = (rows[i]["doc_id"], acronym, new, rows[i][tl][max(0, alterations[i][0] - 60):alterations[i][1] + 60])
                tally.add(f"{kind}:{op}", i in hits, example)
                tally.add(f"{kind}:{op}:len{length}", i in hits, example)
                if kind == "official":
                    named = "named" if _source_names(rows[i][sl], acronym, g, sl, tl) else "not-named"
                    tally.add(f"{kind}:{op}:source-{named}", i in hits, example)
    return tally


def run_numbers(rows, sl, tl, linter, baseline=None, seed="tmcheck") -> Tally:
    tally = Tally()
    baseline = baseline if baseline is not None else _baseline(rows, sl, tl, "TM6", linter)
    sites = {i: number_sites(r[sl], r[tl], sl, tl) for i, r in enumerate(rows) if i not in baseline}
    for batch in _rounds(rows, sites):
        alterations = {}
        for i, k in batch:
            a, b, written = sites[i][k]
            alterations[i] = (a, b, number_slip(written, random.Random(f"{seed}-{sl}{tl}-number-{i}-{k}")))
        hits, _, _ = _alter_and_lint(rows, sl, tl, alterations, "TM601", linter)
        for i, (a, b, new) in alterations.items():
            tally.add("number", i in hits, (rows[i]["doc_id"], rows[i][tl][a:b], new, rows[i][sl][:200], rows[i][tl][:200]))
    return tally


def _baseline(rows, sl, tl, family, linter) -> set[int]:
    lines = flagged_lines(lint_rows(rows, sl, tl, linter), family)
    return {i for i in range(len(rows)) if i + 2 in lines}


def precision(rows, sl, tl, linter, documents: bool = True) -> tuple[int, Counter]:
    """Pairs with an error or warning on the unaltered rows; ``documents=False``: the rows as one
    file that does not say which document each comes from (a memory, a PO file of many documents),
    so that what one document says is read beside what another does."""
    if not documents:
        rows = [{**r, "doc_id": ""} for r in rows]
    findings = lint_rows(rows, sl, tl, linter)
    flagged = {f.span.start.line for f in findings if f.severity in ("error", "warning")}
    return len(flagged), Counter(f.code for f in findings if f.severity in ("error", "warning"))


def sample_rows(rows: list[dict], docs: int, seed: str = "tmcheck-sample") -> list[dict]:
    """The rows of ``docs`` documents drawn at random (a fixed draw for a given seed)."""
    ids = sorted({r["doc_id"] for r in rows})
    chosen = set(random.Random(seed).sample(ids, min(docs, len(ids))))
    return [r for r in rows if r["doc_id"] in chosen]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--direction", choices=["fr-en", "en-fr"], action="append")
    ap.add_argument("--docs", type=int, default=0, help="a random sample of this many documents (0: all)")
    ap.add_argument("--missed", type=int, default=5, help="missed slips shown per operator")
    ap.add_argument("--only", choices=["acronyms", "numbers", "precision"], action="append")
    ap.add_argument("--glossary", type=Path, help="a glossary folder other than the bundled one")
    args = ap.parse_args()
    if not UNPC.exists():
        sys.exit(f"bench: {UNPC} not found (../shared must be beside the checkout)")
    rows = load_rows()
    if args.docs:
        rows = sample_rows(rows, args.docs)
    g = load_glossary(args.glossary or glossary_dir())
    if args.glossary:
        _GLOSSARY.append(g)
    linter = Linter(Options(glossary=args.glossary))
    only = set(args.only or ["acronyms", "numbers", "precision"])
    directions = [tuple(d.split("-")) for d in args.direction] if args.direction else DIRECTIONS
    print(f"pairs: {len(rows)}; glossary: {len(g.entries)} entries, "
          f"{sum(len(v) for v in g.acronyms.values())} acronyms")
    for sl, tl in directions:
        print(f"\n== {sl} -> {tl}")
        if "precision" in only:
            n, per_code = precision(rows, sl, tl, linter)
            print(f"precision: {n} of {len(rows)} pairs ({100 * n / len(rows):.2f}%) with an error or warning "
                  f"{dict(sorted(per_code.items()))}")
            n, per_code = precision(rows, sl, tl, linter, documents=False)
            print(f"  the same pairs as one document (no doc_id): {n} ({100 * n / len(rows):.2f}%) "
                  f"{dict(sorted(per_code.items()))}")
        if "acronyms" in only:
            tally = run_acronyms(rows, sl, tl, g, linter)
            for key in sorted(tally.total, key=lambda k: (k.split(":")[0] != "official", k)):
                print(f"  {key:34s} {tally.found[key]:5d}/{tally.total[key]:<5d} {100 * tally.recall(key):6.1f}%")
                if key.count(":") == 1 and args.missed:
                    for ex in tally.missed[key][:args.missed]:
                        print(f"      missed {ex[1]} -> {ex[2]!r} in {ex[0]}: ...{ex[3]}...")
        if "numbers" in only:
            tally = run_numbers(rows, sl, tl, linter)
            print(f"  {'number':34s} {tally.found['number']:5d}/{tally.total['number']:<5d} "
                  f"{100 * tally.recall('number'):6.1f}%")
            for ex in tally.missed["number"][:args.missed]:
                print(f"      missed {ex[1]} -> {ex[2]} in {ex[0]}:\n         src: {ex[3]}\n         tgt: {ex[4]}")


if __name__ == "__main__":
    main()
