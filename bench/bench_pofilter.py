"""Benchmark: tmcheck beside Translate Toolkit's pofilter on the real UN pairs, in the same run.

Turns ../shared/data/unpc/unpc-dev.fr-en.tsv (4,000 clean French–English pairs) into a PO file
(msgid French, msgstr English), then runs, each as a whole process on that file:
  - `pofilter` with its default checks (the peer), writing the units it flags to a PO file;
  - `tmcheck lint --format json` on the same PO file.
Prints each tool's units per second (best of --runs), their ratio, and the share of units each
flags (pofilter: any check; tmcheck: an error or warning, and also counting infos).

Usage: python bench/bench_pofilter.py [--runs 3]   (needs translate-toolkit: pip install translate-toolkit)
Never run as a test: timings belong here, not in pytest.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNPC = ROOT.parent / "shared" / "data" / "unpc" / "unpc-dev.fr-en.tsv"


def make_po(path: Path) -> int:
    import polib

    po = polib.POFile(wrapwidth=0)
    po.metadata = {"Project-Id-Version": "unpc-dev", "Language": "en", "X-Source-Language": "fr",
                   "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
                   "Content-Transfer-Encoding": "8bit"}
    seen = set()
    with open(UNPC, encoding="utf-8") as fh:
        for n, row in enumerate(csv.DictReader(fh, delimiter="\t"), start=2):
            # PO needs a unique msgctxt+msgid: the row keeps duplicates apart.
            ctx = f"{row['doc_id']}:{n}"
            if (ctx, row["fr"]) in seen:
                continue
            seen.add((ctx, row["fr"]))
            po.append(polib.POEntry(msgctxt=ctx, msgid=row["fr"], msgstr=row["en"]))
    po.save(str(path))
    return len(po)


def timed(cmd: list[str], env: dict) -> tuple[float, subprocess.CompletedProcess]:
    t = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    return time.perf_counter() - t, proc


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    if not UNPC.exists():
        sys.exit(f"bench: {UNPC} not found (../shared must be beside the checkout)")
    pofilter = shutil.which("pofilter")
    if not pofilter:
        sys.exit("bench: pofilter not found (pip install translate-toolkit)")
    work = Path(tempfile.mkdtemp(prefix="tmcheck-bench-"))
    env = {**os.environ, "TMCHECK_CACHE_DIR": str(work / "cache")}
    po = work / "unpc-dev.fr-en.po"
    units = make_po(po)
    tmcheck = [shutil.which("tmcheck")] if shutil.which("tmcheck") else [sys.executable, "-m", "tmcheck"]
    subprocess.run(tmcheck + ["lint", str(po)], env=env, capture_output=True)  # compile the glossary once

    peer_times, our_times = [], []
    peer_out = work / "pofilter-flagged.po"
    for _ in range(args.runs):
        t, proc = timed([pofilter, "--progress=none", "-i", str(po), "-o", str(peer_out)], env)
        if proc.returncode not in (0, 1):
            sys.exit(f"bench: pofilter failed: {proc.stderr.strip()[:300]}")
        peer_times.append(t)
        t, proc = timed(tmcheck + ["lint", "--format", "json", "--fail-on", "error", str(po)], env)
        if proc.returncode not in (0, 1):
            sys.exit(f"bench: tmcheck failed: {proc.stderr.strip()[:300]}")
        our_times.append(t)
        report = json.loads(proc.stdout)

    import polib

    peer_flagged = sum(1 for e in polib.pofile(str(peer_out)) if e.msgid)
    ours_flagged = len({f["segment"] for f in report["findings"] if f["severity"] in ("error", "warning")})
    ours_any = len({f["segment"] for f in report["findings"]})
    p, o = min(peer_times), min(our_times)
    print(f"units: {units} (UN Parallel Corpus dev set, French msgid, English msgstr)")
    print(f"pofilter      {p:6.2f} s  {units / p:8.0f} units/s   flags {peer_flagged:5d} units ({100 * peer_flagged / units:.1f}%)")
    print(f"tmcheck lint  {o:6.2f} s  {units / o:8.0f} units/s   flags {ours_flagged:5d} units ({100 * ours_flagged / units:.2f}%) "
          f"with an error or warning; {ours_any} ({100 * ours_any / units:.1f}%) counting infos")
    print(f"throughput ratio: tmcheck {p / o:.1f}x pofilter (goal >= 5x)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
