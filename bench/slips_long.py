"""Acronym slips in long real documents: the crime-conference agendas of tests/corpus (and, for
French, the 2012 sample in ../shared) of one language read as one document of some 700 paragraphs,
where what a document writes counts as evidence only near the word (checks/acronym_evidence.REACH).
Each of a fixed sample of the glossary acronyms written in it is altered in turn by each operator of
bench/slips_pairs.py; a slip counts as found when an error or a warning of TM101/TM102/TM104 points
at its line.

Usage: python bench/slips_long.py [--sites 60]
Never run as a test: its figures belong in a note, beside those of the commit compared.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the checkout's tmcheck, not an installed one

from tmcheck.documents import read_text  # noqa: E402
from tmcheck.engine import Linter, Options  # noqa: E402
from tmcheck.glossary import load_glossary  # noqa: E402
from tmcheck.resources import glossary_dir  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
import slips_pairs  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"
SAMPLE = ROOT.parent / "shared" / "samples" / "ctoc-cop-wg2-2012-1.fr.txt"
_CAPS = re.compile(r"(?<![\w/.@\-])[A-Z]{3,}(?![\w/@]|-\w)")


def long_document(lang: str) -> str:
    files = sorted(p for p in CORPUS.glob(f"*.{lang}.*") if p.suffix in (".md", ".txt"))
    if lang == "fr" and SAMPLE.exists():
        files.append(SAMPLE)
    # Each file read as tmcheck reads it alone, its paragraphs then written one to a line: the
    # PDF-extracted files are wrapped and the Markdown ones are not, and read as one text the
    # wrapping of the whole would be judged once for both (a title split at a line end read as
    # two paragraphs).
    return "\n\n".join(q.text for p in files
                        for q in read_text(p.name, p.read_text(encoding="utf-8"), p.suffix[1:]).paragraphs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sites", type=int, default=60, help="acronym sites sampled per language")
    args = ap.parse_args()
    g = load_glossary(glossary_dir())
    for lang in ("fr", "en"):
        text = long_document(lang)
        sites = [m for m in _CAPS.finditer(text) if m.group(0) in g.acronyms.get(lang, {})]
        sites = sorted(random.Random(7).sample(sites, min(args.sites, len(sites))), key=lambda m: m.start())
        linter = Linter(Options(lang=lang, select=["TM101", "TM102", "TM104"]))
        paragraphs = len(read_text(f"long.{lang}.txt", text, "txt").paragraphs)
        for op in ("drop", "replace", "swap", "insert"):
            found = total = 0
            for m in sites:
                new = slips_pairs.slip(op, m.group(0), random.Random(f"{lang}-{op}-{m.start()}"), g, lang)
                if not new:
                    continue
                altered = text[:m.start()] + new + text[m.end():]
                line = altered.count("\n", 0, m.start()) + 1
                findings = linter.lint_document(read_text(f"long.{lang}.txt", altered, "txt"))
                total += 1
                found += any(f.span.start.line == line and f.severity in ("error", "warning") for f in findings)
            print(f"{lang}: {paragraphs} paragraphs, {op:8s} {found}/{total}")


if __name__ == "__main__":
    main()
