"""How much of what a document says the facts layer reads: the hand-written ground truth of
tests/corpus/*.facts.yaml (meetings with their dates and numbers, documents with their symbols and
citations, agenda items with the places their titles appear) against `tmcheck facts`.

Usage: python bench/facts_eval.py [--verbose]
Prints, per document and in all: meetings found (dates and number right), documents found (symbols
right) and cited as often, items found with as many places. Never run as a test.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"


def days_of(dates) -> set[str] | None:
    if not dates:
        return None
    if len(dates) == 2:
        a, b = (date.fromisoformat(d) for d in dates)
        if 0 <= (b - a).days <= 62:
            return {(a + timedelta(n)).isoformat() for n in range((b - a).days + 1)}
    return set(dates)


def label(number: str) -> tuple[int, str | None]:
    m = re.match(r"(\d+)(?:\s*\(?([a-z])\))?", str(number))
    return int(m.group(1)), m.group(2)


def evaluate(truth_file: Path, verbose: bool) -> dict:
    truth = yaml.safe_load(truth_file.read_text(encoding="utf-8"))
    draft = CORPUS / truth["file"]
    r = subprocess.run([sys.executable, "-m", "tmcheck", "facts", "--format", "json", str(draft)], cwd=ROOT,
                       capture_output=True, text=True)
    got = json.loads(r.stdout)["documents"][0]
    out = {"meetings": [0, 0], "documents": [0, 0], "cited": [0, 0], "items": [0, 0], "places": [0, 0]}
    misses = []
    for m in truth.get("meetings") or []:
        want_days = days_of(m.get("dates"))
        if want_days is None and m.get("ordinal") is None:
            continue
        out["meetings"][1] += 1
        found = False
        for e in got["meetings"]:
            if want_days is not None and not want_days <= set(e["dates"]) | {d for x in e["mentions"] for d in (x["dates"] or [])}:
                continue
            if want_days is not None and set(e["dates"]) and not set(e["dates"]) <= want_days:
                continue
            if m.get("ordinal") is not None and m["ordinal"] not in e["ordinals"] and want_days is None:
                continue
            found = True
            break
        out["meetings"][0] += found
        if not found:
            misses.append(f"meeting {m.get('body')} {m.get('ordinal')} {m.get('dates')}")
    for d in truth.get("documents") or []:
        out["documents"][1] += 1
        e = next((e for e in got["documents"] if set(e["symbols"]) == set(d["symbols"])), None)
        out["documents"][0] += e is not None
        if e is None:
            misses.append(f"document {d['symbols']}")
            continue
        out["cited"][1] += 1
        out["cited"][0] += len(e["citations"]) == d.get("cited", 1)
        if len(e["citations"]) != d.get("cited", 1):
            misses.append(f"document {d['symbols']} cited {len(e['citations'])}, truth {d.get('cited')}")
    for i in truth.get("items") or []:
        out["items"][1] += 1
        n, letter = label(i["number"])
        e = next((e for e in got["items"] if e["number"] == n and e["letter"] == letter), None)
        out["items"][0] += e is not None
        if e is None:
            misses.append(f"item {i['number']}")
            continue
        out["places"][1] += 1
        places = [p for p in e["places"] if p["place"] != "reference"]
        out["places"][0] += len(places) == i.get("places", 1)
        if len(places) != i.get("places", 1):
            misses.append(f"item {i['number']}: {len(places)} places, truth {i.get('places')}")
    if verbose and misses:
        print(f"  {truth_file.name}:")
        for m in misses:
            print(f"    - {m}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    total = {}
    rows = []
    for f in sorted(CORPUS.glob("*.facts.yaml")):
        res = evaluate(f, args.verbose)
        rows.append((f.name, res))
        for k, (a, b) in res.items():
            total.setdefault(k, [0, 0])
            total[k][0] += a
            total[k][1] += b
    keys = ["meetings", "documents", "cited", "items", "places"]
    print(f"{'file':<34}" + "".join(f"{k:>12}" for k in keys))
    for name, res in rows + [("all", total)]:
        print(f"{name:<34}" + "".join(f"{res[k][0]:>6}/{res[k][1]:<5}" for k in keys))


if __name__ == "__main__":
    main()
