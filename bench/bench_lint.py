"""Benchmark: `tmcheck lint` as a whole process on the real sample, beside `python -c pass`.

Prints, from the same run on the same machine:
  - the median wall and CPU time (user + system of the child process, which another job on the
    machine disturbs far less) of `python -c pass`, `python -c "import click"` and `tmcheck lint
    --format json SAMPLE` (a new process each time, glossary cache warm, as a translator runs it);
  - the same two without the machine's .pth start-up hooks (python -S), whose imports would add to
    both what tmcheck imports anyway;
  - with --baseline REV, the same lint run by the code of another commit (checked out in a
    temporary git worktree), interleaved with ours, and the ratio of the two;
  - the first run with an empty cache (the glossary is compiled once per glossary change);
  - throughput of `tmcheck lint` on a 1 MB French draft built from real UN sentences.

Usage: python bench/bench_lint.py [--runs 21] [--baseline REV]
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


def timed(cmd: list[str], env: dict, cwd: Path | None = None) -> float:
    return measured(cmd, env, cwd)[0]


def measured(cmd: list[str], env: dict, cwd: Path | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) of one run."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    return time.perf_counter() - t, usage.ru_utime + usage.ru_stime


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
    ap.add_argument("--baseline", metavar="REV", help="also time the lint of this commit, in the same run")
    ap.add_argument("--same-glossary", action="store_true",
                    help="lint with this checkout's glossary folder on both sides (the code compared, not the data)")
    args = ap.parse_args()
    if not SAMPLE.exists():
        sys.exit(f"bench: {SAMPLE} not found (../shared must be beside the checkout)")
    cache = Path(tempfile.mkdtemp(prefix="tmcheck-bench-"))
    # As installed: modules compiled to bytecode once (pip does it), not at every start.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["TMCHECK_CACHE_DIR"] = str(cache)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "tmcheck")], check=False,
                   stdout=subprocess.DEVNULL)
    lint = tmcheck_cmd() + ["lint", "--format", "json", str(SAMPLE)]
    same = ["--glossary", str(ROOT / "glossary")] if args.same_glossary else []
    old_tree = None
    if args.baseline:
        old_tree = cache / "baseline"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(old_tree), args.baseline], check=True)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(old_tree / "tmcheck")], check=False,
                       stdout=subprocess.DEVNULL)
        old_env = {**env, "TMCHECK_CACHE_DIR": str(cache / "baseline-cache")}
        old_lint = [sys.executable, "-m", "tmcheck", "lint", "--format", "json", *same, str(SAMPLE)]
        measured(old_lint, old_env, old_tree)  # compiles its glossary cache
        env = {**env, "PYTHONPATH": str(ROOT)}
        lint = [sys.executable, "-m", "tmcheck", "lint", "--format", "json", *same, str(SAMPLE)]

    first = timed(lint, env, ROOT)  # empty cache: compiles the glossary
    # The same without the start-up hooks of the machine's .pth files (python -S, site-packages
    # and this checkout on the path): a hook that imports modules (a sandbox's certificate
    # injector imports certifi, importlib.resources, zipfile...) adds to `import click` what
    # tmcheck would import anyway, and flatters the ratio.
    import site

    bare_env = {**env, "PYTHONPATH": os.pathsep.join([str(ROOT), *site.getsitepackages()])}
    bare_click = [sys.executable, "-S", "-c", "import click"]
    bare_lint = [sys.executable, "-S", "-m", "tmcheck", "lint", "--format", "json", *same, str(SAMPLE)]
    base, click, ours, old, bare = [], [], [], [], []
    try:
        for _ in range(args.runs):  # interleaved, so that machine noise hits all alike
            base.append(measured([sys.executable, "-c", "pass"], env))
            click.append(measured([sys.executable, "-c", "import click"], env))
            ours.append(measured(lint, env, ROOT))
            bare.append((measured(bare_click, bare_env), measured(bare_lint, bare_env, ROOT)))
            if old_tree is not None:
                old.append(measured(old_lint, old_env, old_tree))
    finally:
        if old_tree is not None:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old_tree)], check=False)

    def med(runs, k):
        return statistics.median(r[k] for r in runs)

    b, c, o = med(base, 0), med(click, 0), med(ours, 0)
    bc, cc, oc = med(base, 1), med(click, 1), med(ours, 1)
    print(f"{'':32} {'wall ms':>9} {'CPU ms':>9}   ({args.runs} runs, medians)")
    print(f"{'python -c pass':32} {b * 1000:9.1f} {bc * 1000:9.1f}")
    print(f"{'python -c import click':32} {c * 1000:9.1f} {cc * 1000:9.1f}   CPU {cc / bc:.2f}x pass")
    print(f"{'tmcheck lint (sample, cold)':32} {o * 1000:9.1f} {oc * 1000:9.1f}   CPU {oc / cc:.2f}x import click")
    bare_click_cpu = statistics.median(c[1] for c, _ in bare)
    bare_lint_cpu = statistics.median(o[1] for _, o in bare)
    print(f"{'  without .pth hooks (python -S)':32} {'':9} {bare_lint_cpu * 1000:9.1f}   CPU {bare_lint_cpu / bare_click_cpu:.2f}x "
          f"import click ({bare_click_cpu * 1000:.1f} ms)")
    if old:
        ob, obc = med(old, 0), med(old, 1)
        print(f"{'baseline ' + args.baseline[:20] + ' lint':32} {ob * 1000:9.1f} {obc * 1000:9.1f}   "
              f"ours/baseline CPU {oc / obc:.3f} (wall {o / ob:.3f})")
    print(f"tmcheck lint, empty cache      once   {first * 1000:7.1f} ms  (compiles the glossary)")

    if UNPC.exists():
        sys.path.insert(0, str(ROOT))  # the checkout's tmcheck, as the lints above run it
        from tmcheck.workers import usable_cores

        draft = cache / "draft-1mb.fr.txt"
        size = one_megabyte_draft(draft)
        # the code timed above (this checkout's, with --baseline), not whichever tmcheck is installed
        cmd = lint[:lint.index("lint")] + ["lint", "--lang", "fr", "--format", "json", str(draft)]
        runs = [measured(cmd, env, ROOT) for _ in range(3)]
        t, cpu = statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
        # Wall time on the cores this bench may use (a large draft's local rules are shared among
        # them); CPU time, the draft's and its workers', is what one core would take.
        print(f"tmcheck lint on {size / 1e6:.2f} MB draft  median {t:7.2f} s   {size / 1e6 / t:.2f} MB/s "
              f"(minus start-up: {size / 1e6 / max(t - o, 1e-9):.2f} MB/s); CPU {cpu:.2f} s, "
              f"{size / 1e6 / cpu:.2f} MB per CPU second, on {usable_cores()} usable core(s)")
    shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
