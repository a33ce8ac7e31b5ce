"""Benchmark: tmcheck's translation memory at 100k and 1M segments of real UN text.

For each memory size, from the same run on the same machine:
  - build: the memory made by bench/memgen.py (recombined real UN text) imported with
    MemoryStore.import_units (one transaction): import and index wall time, size on disk;
    a memory built before with the same generator parameters is reused unless --rebuild;
  - fuzzy lookup: 200 queries (100 stored segments with 1–4 words edited, 100 new sentences, half
    French and half English) through MemoryStore.fuzzy after 5 warm-up queries: p50, p95, mean;
  - brute force in the same run: every segment's normalised text of the query's language in a
    list (loaded once, not timed), then per query rapidfuzz.process.extractOne(fuzz.ratio,
    score_cutoff=--min): p50 and p95, and top-1 agreement (our best score = brute force's best
    score; where brute force finds nothing at --min or above, we must return nothing);
    the disagreeing and the slowest queries are listed with what the word index holds for them;
  - semantic search (--semantic): the smallest memory encoded with the multilingual USE (timed,
    cached under --workdir; with --backend postgresql the vectors are written to the server and
    read back from it), query encoding timed apart; per size, in the same run, the exact scan
    (VectorIndex) and the approximate index (tmcheck.memory.ann: usearch HNSW, candidates re-ranked
    exactly): p50/p95 of each, the ANN's build time, its recall@10 and top-1 agreement against the
    exact scan; at 1M the matrix is built from the real vectors of the smaller memory (the 1M memory
    begins with it) plus synthetic ones, as the output says plainly.
  - --backend sqlite (a file under --workdir) or postgresql (a database per size on --pg-url).

Usage: python bench/bench_memory.py [--sizes 100000 1000000] [--queries 200] [--workdir /tmp/tmbench]
                                    [--min 70] [--semantic/--no-semantic] [--rebuild]
                                    [--backend sqlite|postgresql] [--pg-url postgresql://...]
Goals (issue): at 1M, fuzzy p50 <= 10 ms on SQLite, <= 20 ms on PostgreSQL, p95 <= 50 ms, top-1
agreement >= 99 %; semantic through the ANN p50 <= 5 ms with recall@10 >= 0.95.
Never run as a test: timings belong here, not in pytest.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import platform
import statistics
import sys
import time
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import memgen

from tmcheck.memory import store as store_mod
from tmcheck.memory.normalize import index_tokens, normalize
from tmcheck.memory.store import MemoryStore, Unit

SEMANTIC_GOAL = {"p50": 5.0, "recall": 0.95}

GOAL = {"p50": 10.0, "p95": 50.0, "agreement": 99.0}


def log(*args) -> None:
    print(*args, file=sys.stderr, flush=True)


def pct(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank, as for latency figures)."""
    s = sorted(values)
    if not s:
        return float("nan")
    k = max(0, min(len(s) - 1, math.ceil(p / 100 * len(s)) - 1))
    return s[k]


def human(nbytes: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if nbytes < 1024 or unit == "GiB":
            return f"{nbytes:.1f} {unit}" if unit != "B" else f"{int(nbytes)} B"
        nbytes /= 1024
    return ""


class PhaseTimer:
    """A progress factory for MemoryStore that times each phase (by its label) and logs progress."""

    def __init__(self) -> None:
        self.phases: dict[str, float] = {}

    def __call__(self, label: str, total: int):
        timer = self

        class Bar:
            def __enter__(self):
                self.t0 = self.last = time.perf_counter()
                self.done = 0
                log(f"  {label}: {total:,} ...")
                return self

            def __exit__(self, *exc):
                dt = time.perf_counter() - self.t0
                timer.phases[label] = timer.phases.get(label, 0.0) + dt
                log(f"  {label}: done in {dt:.1f} s")
                return False

            def update(self, n: int) -> None:
                self.done += n
                now = time.perf_counter()
                if now - self.last > 30:
                    self.last = now
                    log(f"  {label}: {self.done:,}/{total:,} ({now - self.t0:.0f} s)")

        return Bar()


class TimedIter:
    """Wraps the generator so that the time spent generating pairs can be taken out of the import's."""

    def __init__(self, it) -> None:
        self.it = iter(it)
        self.seconds = 0.0

    def __iter__(self):
        return self

    def __next__(self):
        t = time.perf_counter()
        try:
            return next(self.it)
        finally:
            self.seconds += time.perf_counter() - t


def disk_size(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-journal"), Path(f"{path}-wal")) if p.exists())


def table_sizes(store: MemoryStore) -> dict[str, int]:
    """Bytes per table and index (SQLite's dbstat, where this SQLite has it; PostgreSQL's catalog)."""
    try:
        if store.backend == "postgresql":
            with store._errors("read"):
                rows = store._q("SELECT relname, pg_total_relation_size(oid) FROM pg_class WHERE relkind = 'r' AND "
                                "relnamespace = current_schema()::regnamespace ORDER BY 2 DESC").fetchall()
        else:
            rows = store.conn.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").fetchall()
    except Exception:  # noqa: BLE001 - dbstat is optional in SQLite builds
        return {}
    return {name: int(size) for name, size in rows}


def location(n: int, args):
    """Where the memory of n segments lives for this backend: a file under --workdir, or a database
    (named after the same parameters) on the --pg-url server."""
    base = f"mem-{n}-s{args.seed}-g{memgen.VERSION}-f{store_mod.FORMAT}"
    if args.backend == "sqlite":
        return args.workdir / f"{base}.sqlite", args.workdir / f"{base}.json"
    import psycopg

    name = "tmbench_" + base.replace("-", "_")
    with psycopg.connect(args.pg_url, autocommit=True) as conn:
        if args.rebuild:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    from urllib.parse import urlsplit, urlunsplit

    url = urlunsplit(urlsplit(args.pg_url)._replace(path=f"/{name}"))
    return url, args.workdir / f"{base}-postgresql.json"


def store_size(store: MemoryStore, where) -> int:
    return disk_size(where) if isinstance(where, Path) else store.stats()["size_bytes"]


# -- build --------------------------------------------------------------------------------------------

def build(n: int, args) -> tuple[Path, dict]:
    path, meta_path = location(n, args)
    want = {"n": n, "seed": args.seed, "generator": memgen.VERSION, "format": store_mod.FORMAT,
            "backend": args.backend}
    if meta_path.exists() and not args.rebuild and (not isinstance(path, Path) or path.exists()):
        meta = json.loads(meta_path.read_text())
        if all(meta.get(k) == v for k, v in want.items()) and meta.get("complete"):
            meta["reused"] = True
            return path, meta
    if isinstance(path, Path):
        for p in (path, meta_path, Path(f"{path}-journal")):
            if p.exists():
                p.unlink()
    elif meta_path.exists():
        meta_path.unlink()
    log(f"building {path} ...")
    timer = PhaseTimer()
    units = TimedIter(Unit(fr, en) for fr, en in memgen.memory(n, args.seed))
    t0, c0 = time.perf_counter(), time.process_time()
    with MemoryStore.open(path) as store:
        stats = store.import_units(units, name="bench", total=n, progress=timer)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        tokens = store.stats()["index_tokens"]
        sizes = table_sizes(store)
        size = store_size(store, path)
    meta = {**want, "complete": True, "reused": False, "built": time.strftime("%Y-%m-%d %H:%M:%S"),
            "wall_s": wall, "cpu_s": cpu, "generator_s": units.seconds, "phases_s": timer.phases,
            "added": stats.added, "duplicates": stats.duplicates, "skipped": stats.skipped,
            "size_bytes": size, "tables": sizes, "index_tokens": tokens}
    meta_path.write_text(json.dumps(meta, indent=1))
    return path, meta


def print_build(n: int, path: Path, meta: dict) -> None:
    ph = meta["phases_s"]
    imp = next((v for k, v in ph.items() if k.startswith("Importing")), 0.0)
    idx = ph.get("Indexing", 0.0)
    gen = meta["generator_s"]
    from tmcheck.errors import mask_secrets

    print(f"\n== memory of {n:,} segments ({meta.get('backend', 'sqlite')}: {mask_secrets(str(path))}) ==")
    print(f"build{' (reused: measured when built, ' + meta['built'] + ')' if meta['reused'] else ''}: "
          f"{meta['added']:,} added, {meta['duplicates']:,} duplicates, {meta['skipped']:,} skipped")
    print(f"  import_units wall {meta['wall_s']:.1f} s = reading+normalising+tokenising+inserting "
          f"{imp - gen:.1f} s + writing posting lists ('Indexing') {idx:.1f} s "
          f"+ other {meta['wall_s'] - imp - idx:.1f} s (client CPU {meta.get('cpu_s', float('nan')):.0f} s); "
          f"generating the pairs ({gen:.1f} s) taken out: "
          f"{meta['wall_s'] - gen:.1f} s, {(meta['wall_s'] - gen) / max(1, meta['added']) * 1e6:.0f} µs/pair")
    print(f"  size on disk {human(meta['size_bytes'])} ({meta['size_bytes'] / max(1, meta['added']):.0f} B/pair); "
          f"index tokens fr {meta['index_tokens'].get('fr', 0):,}, en {meta['index_tokens'].get('en', 0):,}")
    if meta.get("tables"):
        print("  by table/index: " + ", ".join(f"{k} {human(v)}" for k, v in meta["tables"].items()))


# -- queries ------------------------------------------------------------------------------------------

WARMUP = 5


def queries(n: int, args) -> list[memgen.Query]:
    path = args.workdir / f"queries-{n}-s{args.seed}-g{memgen.VERSION}-c{args.queries}.json"
    if path.exists() and not args.rebuild:
        return [memgen.Query(**q) for q in json.loads(path.read_text(encoding="utf-8"))]
    log(f"making {args.queries} queries for {n:,} ...")
    t = time.perf_counter()
    qs = memgen.make_queries(n, args.queries, args.seed, warmup=WARMUP)
    log(f"  {time.perf_counter() - t:.1f} s")
    path.write_text(json.dumps([asdict(q) for q in qs], ensure_ascii=False, indent=1), encoding="utf-8")
    return qs


# -- fuzzy --------------------------------------------------------------------------------------------

def run_fuzzy(path: Path, qs: list[memgen.Query], args) -> dict:
    timed, warm = qs[:args.queries], qs[args.queries:]
    out = {"ours": [], "brute": []}
    with MemoryStore.open(path, readonly=args.backend == "sqlite") as store:
        for q in warm:
            store.fuzzy(q.text, q.lang, min_score=args.min, limit=args.limit)
        load0 = os.getloadavg()[0]
        walls: list[list[float]] = [[] for _ in timed]
        cpus: list[list[float]] = [[] for _ in timed]
        for rnd in range(args.rounds):
            for i, q in enumerate(timed):
                t, tc = time.perf_counter(), time.thread_time()
                res = store.fuzzy(q.text, q.lang, min_score=args.min, limit=args.limit)
                walls[i].append((time.perf_counter() - t) * 1000)
                cpus[i].append((time.thread_time() - tc) * 1000)
                if rnd == 0:
                    top = res[0] if res else None
                    out["ours"].append({"score": top.score if top else None,
                                        "id": top.id if top else None, "text": top.source if top else ""})
        for i, rec in enumerate(out["ours"]):
            rec["ms"] = statistics.median(walls[i])
            rec["cpu_ms"] = statistics.median(cpus[i])
            rec["first_ms"] = walls[i][0]
        out["load"] = (load0, os.getloadavg()[0])

        from rapidfuzz import fuzz, process
        for lang in ("fr", "en"):
            t = time.perf_counter()
            ids, texts = store.texts(lang)
            norms = [normalize(x) for x in texts]
            del texts
            log(f"  brute force: {len(norms):,} {lang} segments loaded and normalised "
                f"in {time.perf_counter() - t:.1f} s (not timed)")
            for i, q in enumerate(timed):
                if q.lang != lang:
                    continue
                qn = normalize(q.text)
                t, tc = time.perf_counter(), time.thread_time()
                r = process.extractOne(qn, norms, scorer=fuzz.ratio, score_cutoff=args.min)
                dt, dc = time.perf_counter() - t, time.thread_time() - tc
                if r is None:
                    rec = {"ms": dt * 1000, "cpu_ms": dc * 1000, "score": None, "id": None, "text": ""}
                else:
                    _, sc, idx = r
                    s = 100 if norms[idx] == qn else min(99, int(sc))
                    rec = {"ms": dt * 1000, "cpu_ms": dc * 1000, "score": s, "id": ids[idx], "text": norms[idx]}
                out["brute"].append((i, rec))
            del norms, ids
        out["brute"] = [rec for _, rec in sorted(out["brute"], key=lambda x: x[0])]
        out["diagnosis"] = diagnose(store, timed, out, args)
    return out


def probe_plan(store: MemoryStore, norm: str, lang: str) -> dict:
    """The query's index tokens with their document frequencies, and which of them the store's own
    rule (MemoryStore._plan) probes: for the report only."""
    tokens = sorted(index_tokens(norm))
    if not tokens:
        return {"tokens": 0, "known": 0, "probed": [], "ids_read": 0}
    with store._errors("read"):
        dfs = sorted((df, t) for t, df in store._dfs(lang, tokens))
    df_of = {t: df for df, t in dfs}
    with store._errors("read"):
        probed = [(t, df_of[t]) for t in store.plan(norm, lang)]
    return {"tokens": len(tokens), "known": len(dfs), "probed": probed, "ids_read": sum(df for _, df in probed),
            "dfs": dfs}


def diagnose(store: MemoryStore, timed: list[memgen.Query], res: dict, args) -> list[dict]:
    """For each query: agreement, and for the disagreeing ones where brute force's best segment
    stands in the word index relative to what a lookup probes."""
    rows = []
    for i, q in enumerate(timed):
        ours, brute = res["ours"][i], res["brute"][i]
        plan = probe_plan(store, normalize(q.text), q.lang)
        row = {"i": i, "kind": q.kind, "lang": q.lang, "ours_ms": ours["ms"], "ours_cpu_ms": ours["cpu_ms"],
               "brute_ms": brute["ms"], "ours": ours["score"], "brute": brute["score"],
               "ours_id": ours["id"], "brute_id": brute["id"], "agree": ours["score"] == brute["score"],
               "tokens": plan["tokens"], "known": plan["known"], "probed": len(plan["probed"]),
               "ids_read": plan["ids_read"]}
        if not row["agree"] and brute["id"] is not None:
            seg_tokens = index_tokens(brute["text"])
            probed = {t for t, _ in plan["probed"]}
            shared = [(df, t) for df, t in plan["dfs"] if t in seg_tokens]
            row["best_shares_tokens"] = len(shared)
            row["best_shares_probed"] = sum(1 for _, t in shared if t in probed)
            row["best_rarest_shared_df"] = shared[0][0] if shared else None
            row["probed_list"] = plan["probed"]
            row["ours_text"] = ours["text"]
            row["brute_text"] = brute["text"]
            row["query"] = q.text
        rows.append(row)
    return rows


def summarise(label: str, ours: list[float], cpu: list[float], brute: list[float], agree: list[bool]) -> str:
    if not ours:
        return ""
    o50, o95, om = pct(ours, 50), pct(ours, 95), statistics.mean(ours)
    b50, b95 = pct(brute, 50), pct(brute, 95)
    return (f"  {label:<16} {len(ours):>4} {o50:>9.2f} {o95:>9.2f} {om:>9.2f} {max(ours):>9.1f} "
            f"{pct(cpu, 50):>8.2f} {pct(cpu, 95):>8.2f} "
            f"{b50:>9.1f} {b95:>9.1f} {b50 / o50 if o50 else float('inf'):>8.0f}x "
            f"{100 * sum(agree) / len(agree):>8.1f}%")


def print_fuzzy(n: int, qs: list[memgen.Query], res: dict, args) -> dict:
    timed = qs[:args.queries]
    diag = res["diagnosis"]
    print(f"\nfuzzy lookup, {n:,} segments: {len(timed)} queries, min {args.min}, limit {args.limit}, "
          f"{WARMUP} warm-up queries first; store.py PROBE_MIN={store_mod.PROBE_MIN} "
          f"PROBE_BUDGET={store_mod.PROBE_BUDGET} CANDIDATES={store_mod.CANDIDATES}")
    print(f"  ours: median over {args.rounds} rounds of each query's wall time (cpu: its thread CPU time); "
          f"load average {res['load'][0]:.1f} -> {res['load'][1]:.1f} on {os.cpu_count()} cores")
    print(f"  {'queries':<16} {'n':>4} {'ours p50':>9} {'ours p95':>9} {'mean':>9} {'max':>9} {'cpu p50':>8} {'cpu p95':>8} "
          f"{'brute p50':>9} {'brute p95':>9} {'p50 gain':>9} {'top-1 agr':>9}   (ms)")
    groups = [("all", lambda q: True)]
    for kind in ("edited", "new-recombined", "new-held-out"):
        groups.append((kind, lambda q, k=kind: q.kind == k))
    for lang in ("fr", "en"):
        groups.append((f"lang {lang}", lambda q, lg=lang: q.lang == lg))
    for label, pred in groups:
        idx = [i for i, q in enumerate(timed) if pred(q)]
        print(summarise(label, [res["ours"][i]["ms"] for i in idx], [res["ours"][i]["cpu_ms"] for i in idx],
                        [res["brute"][i]["ms"] for i in idx], [diag[i]["agree"] for i in idx]))
    ours_ms = [r["ms"] for r in res["ours"]]
    first = [r["first_ms"] for r in res["ours"]]
    print(f"  first round alone: p50 {pct(first, 50):.2f}, p95 {pct(first, 95):.2f}, max {max(first):.1f} ms")
    agreement = 100 * sum(d["agree"] for d in diag) / len(diag)
    found = sum(1 for r in res["brute"] if r["score"] is not None)
    print(f"  brute force finds a match >= {args.min} for {found}/{len(timed)} queries; we do for "
          f"{sum(1 for r in res['ours'] if r['score'] is not None)}")
    p50, p95 = pct(ours_ms, 50), pct(ours_ms, 95)
    goal_p50 = GOAL["p50"] if args.backend == "sqlite" else 20.0  # the issue's goal for a local PostgreSQL
    verdict = {"p50": p50 <= goal_p50, "p95": p95 <= GOAL["p95"], "agreement": agreement >= GOAL["agreement"]}
    print(f"  goal (1M): p50 <= {goal_p50:.0f} ms: {p50:.2f} {'OK' if verdict['p50'] else 'MISSED'}; "
          f"p95 <= {GOAL['p95']:.0f} ms: {p95:.2f} {'OK' if verdict['p95'] else 'MISSED'}; "
          f"agreement >= {GOAL['agreement']:.0f}%: {agreement:.1f}% {'OK' if verdict['agreement'] else 'MISSED'}")
    bad = [d for d in diag if not d["agree"]]
    if bad:
        print(f"\n  disagreements ({len(bad)}): query kind/lang, our top-1 score vs brute force's, and brute force's "
              f"best segment's place in the word index")
        for d in bad:
            q = timed[d["i"]]
            print(f"  [{d['i']}] {d['kind']}/{d['lang']}: ours {d['ours']} vs brute {d['brute']}; "
                  f"{d['tokens']} query tokens, {d['probed']} probed ({d['ids_read']:,} ids)")
            print(f"      query: {q.text[:300]}")
            if q.origin:
                print(f"      made from: {q.origin[:300]}")
            if d["ours"] is not None:
                print(f"      ours : {d['ours_text'][:300]}")
            if d["brute"] is not None:
                print(f"      brute: {d['brute_text'][:300]}")
                print(f"      brute's best shares {d['best_shares_tokens']} of the query's tokens "
                      f"({d['best_shares_probed']} of the {d['probed']} probed; its rarest shared token has "
                      f"df {d['best_rarest_shared_df']}); probed: "
                      + ", ".join(f"'{t}' {df:,}" for t, df in d["probed_list"][:8]))
    slow = sorted(diag, key=lambda d: -d["ours_ms"])[:10]
    print("\n  slowest 10 of ours: ms (cpu ms), kind/lang, chars, query tokens, tokens probed, posting ids read")
    for d in slow:
        q = timed[d["i"]]
        print(f"  {d['ours_ms']:8.1f} ms ({d['ours_cpu_ms']:5.1f} cpu)  {d['kind']}/{d['lang']:<2} {len(q.text):>5} chars {d['tokens']:>4} tokens "
              f"{d['probed']:>3} probed {d['ids_read']:>9,} ids   {q.text[:90]}")
    ids_read = [d["ids_read"] for d in diag]
    print(f"  posting ids read per query (current rule): p50 {pct(ids_read, 50):,.0f}, p95 {pct(ids_read, 95):,.0f}, "
          f"max {max(ids_read):,}")
    return {"p50": p50, "p95": p95, "mean": statistics.mean(ours_ms), "agreement": agreement,
            "cpu_p50": pct([r["cpu_ms"] for r in res["ours"]], 50), "cpu_p95": pct([r["cpu_ms"] for r in res["ours"]], 95),
            "brute_p50": pct([r["ms"] for r in res["brute"]], 50),
            "brute_p95": pct([r["ms"] for r in res["brute"]], 95), "verdict": verdict}


# -- semantic -----------------------------------------------------------------------------------------

def real_vectors(path: Path, n: int, encoder, args) -> tuple[dict, dict]:
    """The real vectors of the memory of ``n`` segments, both languages: from the cache under
    --workdir, or encoded through MemoryStore.ensure_vectors (timed) and cached."""
    import numpy as np

    from tmcheck.memory.semantic import matrix_from_blobs

    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in encoder.name)
    cache = args.workdir / f"vectors-{n}-s{args.seed}-g{memgen.VERSION}-{safe}.npz"
    info: dict = {"cache": str(cache)}
    if cache.exists():
        z = np.load(cache)
        info.update(json.loads(str(z["info"])))
        info["cached"] = True
        real = {lang: (z[f"ids_{lang}"], z[f"m_{lang}"]) for lang in ("fr", "en")}
        if args.backend == "postgresql":
            return from_server(path, encoder, real, info)
        return real, info
    with MemoryStore.open(path) as store:
        size0 = store_size(store, path)
        timer = PhaseTimer()
        t = time.perf_counter()
        added = store.ensure_vectors(encoder, progress=timer)
        enc_s = time.perf_counter() - t
        size1 = store_size(store, path)
        out = {}
        load_s = {}
        for lang in ("fr", "en"):
            t = time.perf_counter()
            ids, blobs = store.vectors(encoder.name, lang)
            m = matrix_from_blobs(blobs, encoder.dim)
            load_s[lang] = time.perf_counter() - t
            out[lang] = (np.asarray(ids, dtype=np.int64), np.ascontiguousarray(m, dtype=np.float32))
    info.update({"cached": False, "encoded": added, "encode_s": enc_s,
                 "sentences_per_s": 2 * added / enc_s if enc_s else None,
                 "size_before": size0, "size_after": size1, "load_s": load_s})
    np.savez(cache, info=json.dumps(info), **{f"ids_{lg}": out[lg][0] for lg in out},
             **{f"m_{lg}": out[lg][1] for lg in out})
    return out, info


def from_server(url: str, encoder, real: dict, info: dict) -> tuple[dict, dict]:
    """The cached real vectors written into the PostgreSQL memory (once), then read back from the
    server through MemoryStore.vectors, as tmcheck builds its indexes from them."""
    import numpy as np

    from tmcheck.memory.semantic import matrix_from_blobs, to_blob

    with MemoryStore.open(url) as store:
        have = store.stats()["vectors"].get(encoder.name, 0)
        if have < sum(len(real[lg][0]) for lg in real):
            t = time.perf_counter()
            with store.transaction():
                for lang, (ids, m) in real.items():
                    for start in range(0, len(ids), 5000):
                        store._insert_vectors([(encoder.name, lang, int(i), to_blob(v))
                                               for i, v in zip(ids[start:start + 5000], m[start:start + 5000])])
                store._bump()
            info["copied_to_server_s"] = time.perf_counter() - t
        out, load_s = {}, {}
        for lang in ("fr", "en"):
            t = time.perf_counter()
            ids, blobs = store.vectors(encoder.name, lang)
            out[lang] = (np.asarray(ids, dtype=np.int64), matrix_from_blobs(blobs, encoder.dim))
            load_s[lang] = time.perf_counter() - t
    info["server_load_s"] = load_s
    return out, info


CHUNK = 20_000  # segments per file of encode_all's cache


def encode_all(path, n: int, encoder, args) -> tuple[dict, dict]:
    """The real vectors of every segment of the memory of ``n`` segments, both languages, as
    tmcheck stores them (unit vectors rounded to float16): encoded with ``encoder.encode`` in files
    of CHUNK segments under --workdir, kept between runs and shared by every size (the memory of
    n segments is the first n of the larger ones), so an interrupted run resumes where it stopped.
    Returns ({lang: (ids, float32 matrix)}, {"encoded": sentences encoded now, "encode_s", "cpu_s"})."""
    import numpy as np

    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in encoder.name)
    folder = args.workdir / f"vectors-all-s{args.seed}-g{memgen.VERSION}-{safe}"
    folder.mkdir(parents=True, exist_ok=True)
    info = {"encoded": 0, "encode_s": 0.0, "cpu_s": 0.0, "folder": str(folder)}

    def have(lang, k):
        return (folder / f"{lang}-{k:07d}.npy").exists() and (folder / f"{lang}-{k:07d}.ids.npy").exists()

    starts = range(0, n, CHUNK)
    if not all(have(lang, k) for lang in ("fr", "en") for k in starts):
        # Whole files of CHUNK segments (fewer only at the memory's end), whatever n: a later,
        # larger n finds them complete.
        with MemoryStore.open(path) as store:
            rows = store.segments()
            try:
                for k in starts:
                    chunk = list(itertools.islice(rows, CHUNK))
                    if all(have(lang, k) for lang in ("fr", "en")):
                        continue
                    ids = np.array([r[0] for r in chunk], dtype=np.int64)
                    for lang, col in (("fr", 2), ("en", 3)):
                        if have(lang, k):
                            continue
                        t, c = time.perf_counter(), time.process_time()
                        v = encoder.encode([r[col] for r in chunk]).astype(np.float16)
                        info["encode_s"] += time.perf_counter() - t
                        info["cpu_s"] += time.process_time() - c
                        info["encoded"] += len(chunk)
                        np.save(folder / f"{lang}-{k:07d}.ids.npy", ids)
                        tmp = folder / f".{lang}-{k:07d}.tmp.npy"
                        np.save(tmp, v)
                        os.replace(tmp, folder / f"{lang}-{k:07d}.npy")
                        log(f"  encoded {lang} segments {k + 1:,}-{k + len(chunk):,} for the {n:,} memory "
                            f"({len(chunk) / (time.perf_counter() - t):.0f} sentences/s)")
            finally:
                rows.close()
    out = {}
    for lang in ("fr", "en"):
        ids = np.concatenate([np.load(folder / f"{lang}-{k:07d}.ids.npy") for k in starts])[:n]
        m = np.empty((len(ids), encoder.dim), dtype=np.float32)
        row = 0
        for k in starts:
            part = np.load(folder / f"{lang}-{k:07d}.npy")[:n - row]
            m[row:row + len(part)] = part
            row += len(part)
        out[lang] = (ids, m)
    return out, info


def synthetic_rows(real, n_total: int, seed: int, noise_cos: float = 0.85, chunk: int = 100_000):
    """Rows n_real+1..n_total: a random real row plus Gaussian noise (cosine ~noise_cos to it), unit length."""
    import numpy as np

    ids, m = real
    rng = np.random.default_rng(seed)
    n_real, dim = m.shape
    extra = n_total - n_real
    out = np.empty((n_total, dim), dtype=np.float32)
    out[:n_real] = m
    # ||noise|| = tan(acos(noise_cos)) for unit base vectors gives cosine noise_cos
    sigma = float(np.tan(np.arccos(noise_cos))) / np.sqrt(dim)
    for start in range(0, extra, chunk):
        k = min(chunk, extra - start)
        base = m[rng.integers(0, n_real, size=k)]
        v = base + rng.normal(0.0, sigma, size=(k, dim)).astype(np.float32)
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        out[n_real + start:n_real + start + k] = v
    new_ids = np.concatenate([ids, np.arange(ids.max() + 1, ids.max() + 1 + extra, dtype=np.int64)])
    return new_ids, out


def run_semantic(sizes: list[int], paths: dict[int, Path], qsets: dict[int, list], args) -> dict:
    import numpy as np

    from tmcheck.memory import ann as ann_mod
    from tmcheck.memory.encoders import get_encoder
    from tmcheck.memory.semantic import VectorIndex

    print("\n== semantic search ==")
    t = time.perf_counter()
    encoder = get_encoder(None)
    encoder.encode(["Warm-up."])
    print(f"encoder: {encoder.name}, loaded in {time.perf_counter() - t:.1f} s")
    real_n = min(sizes)
    real, info = real_vectors(paths[real_n], real_n, encoder, args)
    if info.get("cached"):
        print(f"vectors of the {real_n:,} memory: from the cache {info['cache']} (encoded earlier: "
              f"{info['encoded']:,} segments x 2 languages in {info['encode_s']:.0f} s, "
              f"{info['sentences_per_s']:.0f} sentences/s)")
    else:
        print(f"vectors of the {real_n:,} memory: encoded now with MemoryStore.ensure_vectors: "
              f"{info['encoded']:,} segments x 2 languages in {info['encode_s']:.0f} s "
              f"({info['sentences_per_s']:.0f} sentences/s); store {human(info['size_before'])} -> "
              f"{human(info['size_after'])}; loading them back (store.vectors + matrix_from_blobs): "
              f"fr {info['load_s']['fr']:.2f} s, en {info['load_s']['en']:.2f} s")
    if "server_load_s" in info:
        print(f"  PostgreSQL: the vectors written to the server"
              f"{' in %.0f s' % info['copied_to_server_s'] if 'copied_to_server_s' in info else ' (earlier)'}, "
              f"read back from it: fr {info['server_load_s']['fr']:.1f} s, en {info['server_load_s']['en']:.1f} s")
    k = 10
    print(f"  k={k}; exact: VectorIndex's full scan; ANN: usearch HNSW (f16, M={ann_mod.CONNECTIVITY}, "
          f"ef_construction={ann_mod.EXPANSION_ADD}, ef={ann_mod.EXPANSION_SEARCH}), its {ann_mod.CANDIDATES} "
          f"candidates re-ranked exactly; recall@{k} of the ANN's answer against the exact scan's, same run; "
          f"queries of {' and '.join(args.semantic_langs)}")
    print(f"  {'memory':>10} {'vectors':>9} {'encode q':>9} {'exact p50':>10} {'exact p95':>10} {'ANN p50':>8} "
          f"{'ANN p95':>8} {'ANN cpu p50':>11} {'recall@10':>10} {'top-1 same':>10} {'ANN build':>18}   (ms, build s)")
    out = {}
    notes = []
    for n in sizes:
        qs = [q for q in qsets[n][:args.queries] if q.lang in args.semantic_langs]
        enc_ms = []
        qvec = {}
        for i, q in enumerate(qs):
            t1 = time.perf_counter()
            qvec[i] = np.asarray(encoder.encode([q.text])[0], dtype=np.float32)
            enc_ms.append((time.perf_counter() - t1) * 1000)
        sets = []
        if n <= real["fr"][1].shape[0]:
            sets.append(("real", lambda lang, n=n: (real[lang][0][:n], real[lang][1][:n])))
        else:
            if args.vectors in ("real", "both"):
                t1 = time.perf_counter()
                every, made = encode_all(paths[n], n, encoder, args)
                if made["encoded"]:
                    notes.append(f"REAL at {n:,}: the vectors of all {n:,} segments of this memory, both sides "
                                 f"(memgen's recombined UN text), rounded to float16 as tmcheck stores them; "
                                 f"{made['encoded']:,} sentences encoded in this run in {made['encode_s']:.0f} s "
                                 f"({made['encoded'] / made['encode_s']:.0f} sentences/s, {made['cpu_s']:.0f} s CPU)")
                else:
                    notes.append(f"REAL at {n:,}: the vectors of all {n:,} segments of this memory, both sides "
                                 f"(memgen's recombined UN text), rounded to float16 as tmcheck stores them, "
                                 f"encoded by an earlier run (cached in {made['folder']}; loaded in "
                                 f"{time.perf_counter() - t1:.0f} s)")
                sets.append(("real", lambda lang, every=every: every[lang]))
            if args.vectors in ("synthetic", "both"):
                n_real = real["fr"][1].shape[0]
                notes.append(f"SYNTHETIC at {n:,}: rows 1..{n_real:,} are the real vectors of the {real_n:,} memory "
                             f"(the first {real_n:,} segments of this one); the other {n - n_real:,} are copies of "
                             f"random real rows plus Gaussian noise (cosine ~0.85 to their row), normalised: about "
                             f"{(n - n_real) / n_real:.0f} near-copies of each real vector, so that a query's true "
                             f"10 nearest are a near-tie among one row's copies (a degenerate set, kept for "
                             f"comparison with earlier runs)")
                sets.append(("synthetic", lambda lang, n=n: synthetic_rows(real[lang], n, args.seed + (lang == "en"))))
        for label, make in sets:
            exact_ms, ann_ms, ann_cpu, recalls, same = [], [], [], [], 0
            build_wall = build_cpu = 0.0
            reused: list[Path] = []
            for lang in args.semantic_langs:
                ids, m = make(lang)
                exact = VectorIndex(ids, m)
                saved = (args.workdir / f"ann-{n}-s{args.seed}-g{memgen.VERSION}-{label}-{lang}-M{ann_mod.CONNECTIVITY}"
                                        f"-a{ann_mod.EXPANSION_ADD}.usearch") if args.ann_cache else None
                if saved is not None and saved.exists():
                    # Memory-mapped as tmcheck's cache serves it; its build time is not this run's.
                    graph = ann_mod.AnnIndex.view(saved)
                    reused.append(saved)
                    log(f"  {n:,} {label} {lang}: ANN graph from {saved}")
                else:
                    t1, c1 = time.perf_counter(), time.process_time()
                    graph = ann_mod.AnnIndex.build(exact.ids, exact.matrix, PhaseTimer() if n >= 100_000 else None,
                                                   f"ANN {n:,} {label} {lang}")
                    build_wall += time.perf_counter() - t1
                    build_cpu += time.process_time() - c1
                    log(f"  {n:,} {label} {lang}: ANN built in {time.perf_counter() - t1:.0f} s")
                    if saved is not None:
                        graph.save(saved)
                approx = VectorIndex(exact.ids, exact.matrix)
                approx.use_ann(graph)
                for i, q in enumerate(qs):
                    if q.lang != lang:
                        continue
                    t1 = time.perf_counter()
                    want = exact.search(qvec[i], k)[0]
                    exact_ms.append((time.perf_counter() - t1) * 1000)
                    t1, c1 = time.perf_counter(), time.thread_time()
                    got = approx.search(qvec[i], k)[0]
                    ann_ms.append((time.perf_counter() - t1) * 1000)
                    ann_cpu.append((time.thread_time() - c1) * 1000)
                    recalls.append(len({x for x, _ in want} & {x for x, _ in got}) / k)
                    same += bool(want and got and want[0][0] == got[0][0])
                del exact, approx, graph, m, ids
            recall = statistics.mean(recalls)
            print(f"  {n:>10,} {label:>9} {pct(enc_ms, 50):>9.1f} {pct(exact_ms, 50):>10.2f} {pct(exact_ms, 95):>10.2f} "
                  f"{pct(ann_ms, 50):>8.2f} {pct(ann_ms, 95):>8.2f} {pct(ann_cpu, 50):>11.2f} {recall:>10.3f} "
                  f"{100 * same / len(qs):>9.1f}% {build_wall:>7.0f} wall {build_cpu:>5.0f} cpu")
            if reused:
                print(f"  (ANN graphs not built in this run, its build column counts only the others: "
                      f"{', '.join(str(p) for p in reused)})")
            ok = pct(ann_ms, 50) <= SEMANTIC_GOAL["p50"] and recall >= SEMANTIC_GOAL["recall"]
            print(f"  goal: ANN p50 <= {SEMANTIC_GOAL['p50']:.0f} ms with recall@10 >= {SEMANTIC_GOAL['recall']}: "
                  f"{'OK' if ok else 'MISSED'}", flush=True)
            out[f"{n}-{label}"] = {"n": n, "vectors": label, "exact_p50": pct(exact_ms, 50),
                                   "exact_p95": pct(exact_ms, 95), "ann_p50": pct(ann_ms, 50),
                                   "ann_p95": pct(ann_ms, 95), "ann_cpu_p50": pct(ann_cpu, 50), "recall10": recall,
                                   "top1_same": same / len(qs), "ann_build_wall_s": build_wall,
                                   "ann_build_cpu_s": build_cpu}
    load = os.getloadavg()
    print(f"  load average at the end: {load[0]:.1f} on {os.cpu_count()} cores")
    for note in notes:
        print("  " + note)
    return out


def _first_id(hits) -> int | None:
    """The best hit's segment id: VectorIndex.search gives, per query, a list of (id, cosine), best first."""
    return int(hits[0][0][0]) if hits and hits[0] else None


# -- main ---------------------------------------------------------------------------------------------

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/tmbench"))
    ap.add_argument("--min", type=int, default=70, help="minimum fuzzy score (default 70)")
    ap.add_argument("--limit", type=int, default=5, help="matches asked of MemoryStore.fuzzy (default 5)")
    ap.add_argument("--rounds", type=int, default=3,
                    help="run the timed queries this many times, keep each one's median (default 3)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--semantic", action=argparse.BooleanOptionalAction, default=True)
    ap.add_argument("--vectors", choices=["real", "synthetic", "both"], default="real",
                    help="past the smallest memory, search the vectors of every segment of the memory, encoded "
                         "(once, cached under --workdir: about 40 min for 1M pairs on one core), or the smallest "
                         "memory's vectors padded with noisy copies of them (the earlier, degenerate set), or both")
    ap.add_argument("--semantic-langs", nargs="+", choices=["fr", "en"], default=["fr", "en"],
                    help="the sides searched semantically (default both): one side builds one graph per size, "
                         "half the time, over that side's queries only")
    ap.add_argument("--ann-cache", action="store_true",
                    help="keep each size's ANN graphs under --workdir (named by size, vectors, side, connectivity "
                         "and expansion_add) and use them in later runs instead of building them again")
    ap.add_argument("--rebuild", action="store_true", help="rebuild memories and queries even if built")
    ap.add_argument("--json", type=Path, help="write all figures here too")
    ap.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    ap.add_argument("--pg-url", default=os.environ.get("TMCHECK_BENCH_POSTGRES"),
                    help="for --backend postgresql: a server URL (its database is replaced by one per memory "
                         "size, made on it); default $TMCHECK_BENCH_POSTGRES")
    args = ap.parse_args()
    if args.backend == "postgresql" and not args.pg_url:
        sys.exit("bench: --backend postgresql needs --pg-url (or $TMCHECK_BENCH_POSTGRES)")
    if not memgen.DATA.exists():
        sys.exit(f"bench: {memgen.DATA} not found (../shared must be beside the checkout)")
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"tmcheck memory benchmark: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, backend {args.backend}, "
          f"generator v{memgen.VERSION} seed {args.seed}")
    results: dict = {}
    paths, qsets = {}, {}
    for n in sorted(args.sizes):
        t = time.perf_counter()
        path, meta = build(n, args)
        print_build(n, path, meta)
        qs = queries(n, args)
        res = run_fuzzy(path, qs, args)
        summary = print_fuzzy(n, qs, res, args)
        print(f"  (this size took {time.perf_counter() - t:.0f} s in all, build{' reused' if meta['reused'] else ''})")
        sys.stdout.flush()
        results[n] = {"build": meta, "fuzzy": summary, "queries": res["diagnosis"]}
        paths[n], qsets[n] = path, qs
    if args.semantic:
        results["semantic"] = run_semantic(sorted(args.sizes), paths, qsets, args)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str))


if __name__ == "__main__":
    main()
