"""Benchmark: a shared PostgreSQL memory under concurrent importers and searchers.

N importer processes import overlapping TMX files (each importer its own rotation of the files,
again and again, until the time is up: re-imports must add nothing), while M searcher processes
run fuzzy lookups without pause. At the end: the memory's segment count against the union of the
files' pairs (no pair lost, none twice), every process's errors, and the searchers' latency
(p50/p95, in the searching process, wall clock) under that load.

The files are made of real UNPC pairs (../shared/data) when present, else of the bundled memory's
pairs recombined; file i holds pairs [i*step, i*step + size), so neighbours overlap.

Usage: python bench/bench_concurrency.py postgresql://... [--importers 8] [--searchers 16] [--seconds 60]
                                          [--pairs 600] [--json out.json]
The URL's database is emptied first (its tmcheck tables dropped). tests/test_memory_postgres.py runs
this with small numbers as a test.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
UNPC = ROOT.parent / "shared" / "data" / "unpc" / "unpc-dev.fr-en.tsv"


def pct(values, p):
    s = sorted(values)
    if not s:
        return float("nan")
    return s[max(0, min(len(s) - 1, math.ceil(p / 100 * len(s)) - 1))]


def source_pairs(n: int) -> list[tuple[str, str]]:
    import csv

    from tmcheck.memory.backends.base import pair_key
    from tmcheck.memory.normalize import normalize

    pairs = []
    if UNPC.exists():
        with open(UNPC, encoding="utf-8") as fh:
            pairs = [(r["fr"], r["en"]) for r in csv.DictReader(fh, delimiter="\t") if r["fr"].strip() and r["en"].strip()]
    else:
        from tmcheck.memory.library import read_units
        from tmcheck.resources import bundled_memories

        base = [(u.fr, u.en) for f in bundled_memories() for u in read_units(f).units]
        pairs = [(f"{fr} ({i})", f"{en} ({i})") for i in range(1, 100) for fr, en in base]
    seen, out = set(), []
    for fr, en in pairs:
        key = pair_key(normalize(fr), normalize(en))
        if key not in seen:
            seen.add(key)
            out.append((fr, en))
        if len(out) == n:
            break
    return out


def write_tmx(path: Path, pairs) -> None:
    from xml.sax.saxutils import escape

    body = "".join(f'<tu><tuv xml:lang="fr"><seg>{escape(fr)}</seg></tuv><tuv xml:lang="en"><seg>{escape(en)}</seg>'
                   f"</tuv></tu>\n" for fr, en in pairs)
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="fr" '
                    f'datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="bench" '
                    f'creationtoolversion="1"/><body>\n{body}</body></tmx>\n', encoding="utf-8")


# -- the two roles, each in its own process --------------------------------------------------------------

def _wait(start: float) -> None:
    time.sleep(max(0.0, start - time.time()))


def importer(url: str, files: list[str], start: float, deadline: float, out: str) -> None:
    from tmcheck.errors import InputError
    from tmcheck.memory.library import read_units
    from tmcheck.memory.store import MemoryStore

    loaded = [(Path(f).stem, read_units(Path(f))) for f in files]
    done, errors, added = 0, [], 0
    with MemoryStore.open(url) as store:
        _wait(start)
        while time.time() < deadline or done < len(loaded):
            name, units = loaded[done % len(loaded)]
            try:
                stats = store.import_units(units.units, name=name, source_lang="fr")
                added += stats.added
            except InputError as exc:
                errors.append(str(exc))
            done += 1
    Path(out).write_text(json.dumps({"imports": done, "added": added, "errors": errors}))


def searcher(url: str, queries: list[tuple[str, str]], start: float, deadline: float, out: str) -> None:
    from tmcheck.errors import InputError
    from tmcheck.memory.store import MemoryStore

    times, errors, found, i = [], [], 0, 0
    with MemoryStore.open(url) as store:
        store.fuzzy(queries[0][0], queries[0][1])  # numpy and rapidfuzz loaded before the clock starts
        _wait(start)
        while time.time() < deadline:
            text, lang = queries[i % len(queries)]
            i += 1
            t = time.perf_counter()
            try:
                found += bool(store.fuzzy(text, lang, min_score=70, limit=5))
            except InputError as exc:
                errors.append(str(exc))
            times.append((time.perf_counter() - t) * 1000)
    Path(out).write_text(json.dumps({"ms": times, "found": found, "errors": errors}))


# -- the run ------------------------------------------------------------------------------------------

def run(url: str, importers: int, searchers: int, seconds: float, size: int, workdir: Path) -> dict:
    import psycopg

    from tmcheck.memory.backends.base import pair_key
    from tmcheck.memory.normalize import normalize

    with psycopg.connect(url, autocommit=True) as conn:  # an empty memory to start from
        conn.execute("DROP TABLE IF EXISTS vectors, lengths, postings, segments, memories, meta CASCADE")
    step = size // 2
    files = importers + 1
    pairs = source_pairs(step * (files - 1) + size)
    paths = []
    union = set()
    for i in range(files):
        chunk = pairs[i * step:i * step + size]
        union.update(pair_key(normalize(fr), normalize(en)) for fr, en in chunk)
        p = workdir / f"part{i}.tmx"
        write_tmx(p, chunk)
        paths.append(str(p))
    queries = [(fr[: max(20, len(fr) - 12)], "fr") for fr, _ in pairs[::97]] + \
              [(en[: max(20, len(en) - 12)], "en") for _, en in pairs[::89]]
    qfile = workdir / "queries.json"
    qfile.write_text(json.dumps(queries), encoding="utf-8")
    # Every process started, connected and warmed up before the clock starts (24 Python processes
    # take a while to start on 2 cores).
    start = time.time() + 3 + 0.5 * (importers + searchers)
    deadline = start + seconds
    procs = []
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for i in range(importers):
        mine = paths[i:] + paths[:i]  # each its own rotation: different imports race
        procs.append(("importer", subprocess.Popen(
            [sys.executable, __file__, "--role", "importer", url, "--start", str(start), "--deadline", str(deadline), "--out",
             str(workdir / f"imp{i}.json"), "--files", *mine], env=env)))
    for i in range(searchers):
        procs.append(("searcher", subprocess.Popen(
            [sys.executable, __file__, "--role", "searcher", url, "--start", str(start), "--deadline", str(deadline), "--out",
             str(workdir / f"search{i}.json"), "--queries", str(qfile)], env=env)))
    load0 = os.getloadavg()
    codes = [(role, p.wait()) for role, p in procs]
    load1 = os.getloadavg()
    imp = [json.loads((workdir / f"imp{i}.json").read_text()) for i in range(importers)
           if (workdir / f"imp{i}.json").exists()]
    srch = [json.loads((workdir / f"search{i}.json").read_text()) for i in range(searchers)
            if (workdir / f"search{i}.json").exists()]
    with psycopg.connect(url, autocommit=True) as conn:
        count = conn.execute("SELECT COUNT(*) FROM segments").fetchone()[0]
        distinct = conn.execute("SELECT COUNT(DISTINCT pair_key) FROM segments").fetchone()[0]
        stored = {bytes(r[0]) for r in conn.execute("SELECT pair_key FROM segments")}
    ms = [t for s in srch for t in s["ms"]]
    return {"importers": importers, "searchers": searchers, "seconds": seconds, "pairs_per_file": size,
            "files": files, "union": len(union), "segments": count, "distinct_pairs": distinct,
            "lost": len(union - stored), "extra": len(stored - union),
            "imports": sum(i["imports"] for i in imp), "added": sum(i["added"] for i in imp),
            "errors": [e for x in imp + srch for e in x["errors"]],
            "exit_codes": [c for _, c in codes], "searches": len(ms),
            "searches_per_searcher": [len(s["ms"]) for s in srch],
            "found": sum(s["found"] for s in srch),
            "p50_ms": pct(ms, 50), "p95_ms": pct(ms, 95), "max_ms": max(ms) if ms else None,
            "load": [load0[0], load1[0]], "cores": os.cpu_count()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("url")
    ap.add_argument("--importers", type=int, default=8)
    ap.add_argument("--searchers", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--pairs", type=int, default=600, help="pairs per TMX file (neighbours share half)")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--role", choices=["importer", "searcher"], help=argparse.SUPPRESS)
    ap.add_argument("--start", type=float, help=argparse.SUPPRESS)
    ap.add_argument("--deadline", type=float, help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    ap.add_argument("--files", nargs="+", help=argparse.SUPPRESS)
    ap.add_argument("--queries", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.role == "importer":
        return importer(args.url, args.files, args.start, args.deadline, args.out)
    if args.role == "searcher":
        return searcher(args.url, [tuple(q) for q in json.loads(Path(args.queries).read_text(encoding="utf-8"))],
                        args.start, args.deadline, args.out)
    with tempfile.TemporaryDirectory(prefix="tmcheck-conc-") as tmp:
        res = run(args.url, args.importers, args.searchers, args.seconds, args.pairs, Path(tmp))
    from tmcheck.errors import mask_secrets

    print(f"{res['importers']} importers ({res['files']} overlapping TMX files of {res['pairs_per_file']} pairs, "
          f"{res['imports']} imports done) and {res['searchers']} searchers for {res['seconds']:.0f} s "
          f"on {res['cores']} cores (load {res['load'][0]:.1f} -> {res['load'][1]:.1f}), {mask_secrets(args.url)}")
    print(f"  segments {res['segments']:,} = union of the files {res['union']:,}: "
          f"{'yes' if res['segments'] == res['union'] == res['distinct_pairs'] else 'NO'}; "
          f"lost {res['lost']}, extra {res['extra']}, errors {len(res['errors'])}, exit codes "
          f"{sorted(set(res['exit_codes']))}")
    print(f"  searches: {res['searches']:,} answered ({min(res['searches_per_searcher'] or [0])}-"
          f"{max(res['searches_per_searcher'] or [0])} per searcher), fuzzy p50 {res['p50_ms']:.1f} ms, "
          f"p95 {res['p95_ms']:.1f} ms, max {res['max_ms'] or 0:.0f} ms (wall, in the searching process)")
    for e in res["errors"][:5]:
        print(f"  error: {e}")
    if args.json:
        args.json.write_text(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
