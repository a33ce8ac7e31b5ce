"""Benchmark: `tmcheck lint` as a whole process on the real sample, beside `python -c pass`.

Prints, from the same run on the same machine:
  - the median wall time of `python -c pass` and of `tmcheck lint --format json SAMPLE` (a new process
    each time, glossary cache warm, as a translator runs it), and their ratio (goal: at most 3x);
  - the first run with an empty cache (the glossary is compiled once per glossary change);
  - throughput of `tmcheck lint` on a 1 MB French draft built from real UN sentences.

Usage: python bench/bench_lint.py [--runs 21]
Never run as a test: timings belong here, not in pytest.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLE = SHARED / "samples" / "ctoc-cop-wg2-2012-1.fr.txt"
UNPC = SHARED / "data" / "unpc" / "unpc-dev.fr-en.tsv"


def timed(cmd: list[str], env: dict) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - t


def tmcheck_cmd() -> list[str]:
    exe = shutil.which("tmcheck")
    return [exe] if exe else [sys.executable, "-m", "tmcheck"]


def one_megabyte_draft(path: Path) -> int:
    """~1 MB of French UN prose: the UNPC sentences grouped by document into paragraphs, repeated."""
    rows = list(csv.DictReader(open(UNPC, encoding="utf-8"), delimiter="\t"))
    paragraphs, current, doc = [], [], None
    for r in rows:
        if r["doc_id"] != doc and current:
            paragraphs.append(" ".join(current))
            current = []
        doc = r["doc_id"]
        current.append(r["fr"])
    paragraphs.append(" ".join(current))
    text, n = [], 0
    while n < 1_000_000:
        for p in paragraphs:
            text.append(p)
            n += len(p.encode("utf-8")) + 2
            if n >= 1_000_000:
                break
    path.write_text("\n\n".join(text) + "\n", encoding="utf-8")
    return path.stat().st_size


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=21)
    args = ap.parse_args()
    if not SAMPLE.exists():
        sys.exit(f"bench: {SAMPLE} not found (../shared must be beside the checkout)")
    cache = Path(tempfile.mkdtemp(prefix="tmcheck-bench-"))
    env = {**os.environ, "TMCHECK_CACHE_DIR": str(cache)}
    lint = tmcheck_cmd() + ["lint", "--format", "json", str(SAMPLE)]

    first = timed(lint, env)  # empty cache: compiles the glossary
    base, click, ours = [], [], []
    for _ in range(args.runs):  # interleaved, so that machine noise hits all alike
        base.append(timed([sys.executable, "-c", "pass"], env))
        click.append(timed([sys.executable, "-c", "import click"], env))
        ours.append(timed(lint, env))
    b, c, o = statistics.median(base), statistics.median(click), statistics.median(ours)
    print(f"python -c pass                 median {b * 1000:7.1f} ms  ({args.runs} runs)")
    print(f"python -c 'import click'       median {c * 1000:7.1f} ms  ratio {c / b:.2f}x (the floor of any Click CLI)")
    print(f"tmcheck lint (sample, cold)    median {o * 1000:7.1f} ms  ratio {o / b:.2f}x python -c pass (goal <= 3x)")
    print(f"tmcheck lint, empty cache      once   {first * 1000:7.1f} ms  (compiles the glossary)")

    if UNPC.exists():
        draft = cache / "draft-1mb.fr.txt"
        size = one_megabyte_draft(draft)
        runs = [timed(tmcheck_cmd() + ["lint", "--lang", "fr", "--format", "json", str(draft)], env) for _ in range(3)]
        t = statistics.median(runs)
        print(f"tmcheck lint on {size / 1e6:.2f} MB draft  median {t:7.2f} s   {size / 1e6 / t:.2f} MB/s "
              f"(minus start-up: {size / 1e6 / max(t - o, 1e-9):.2f} MB/s)")
    shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
