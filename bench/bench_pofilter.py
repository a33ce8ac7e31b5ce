"""Benchmark: tmcheck beside Translate Toolkit's pofilter on the real UN pairs, in the same run.

Turns ../shared/data/unpc/unpc-dev.fr-en.tsv (4,000 clean French–English pairs) into a PO file
(msgid French, msgstr English), then runs, each as a whole process on that file:
  - `pofilter` with its default checks (the peer), writing the units it flags to a PO file;
  - `tmcheck lint --format json` on the same PO file.
Prints each tool's CPU and wall time (best of --runs), their ratios, and the share of units each
flags (pofilter: any check; tmcheck: an error or warning, and also counting infos). CPU time is the
figure to compare on a shared machine; run it on one core (`taskset -c 0 python bench/...`) so that
tmcheck's second worker does not flatter it.

Usage: taskset -c 0 python bench/bench_pofilter.py [--runs 3]   (needs translate-toolkit: pip install translate-toolkit)
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


def timed(cmd: list[str], env: dict) -> tuple[float, float, subprocess.CompletedProcess]:
    """(wall seconds, CPU seconds, the finished process): CPU is user + system of the child and of
    the workers it waited for (os.wait4), which another job on the machine disturbs far less."""
    out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    t = time.perf_counter()
    child = subprocess.Popen(cmd, env=env, stdout=out, stderr=err)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - t
    out.seek(0)
    err.seek(0)
    proc = subprocess.CompletedProcess(cmd, os.waitstatus_to_exitcode(status),
                                       out.read().decode("utf-8"), err.read().decode("utf-8", "replace"))
    return wall, usage.ru_utime + usage.ru_stime, proc


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

    peer_times, our_times, peer_cpu, our_cpu = [], [], [], []
    peer_out = work / "pofilter-flagged.po"
    for _ in range(args.runs):
        t, cpu, proc = timed([pofilter, "--progress=none", "-i", str(po), "-o", str(peer_out)], env)
        if proc.returncode not in (0, 1):
            sys.exit(f"bench: pofilter failed: {proc.stderr.strip()[:300]}")
        peer_times.append(t)
        peer_cpu.append(cpu)
        t, cpu, proc = timed(tmcheck + ["lint", "--format", "json", "--fail-on", "error", str(po)], env)
        if proc.returncode not in (0, 1):
            sys.exit(f"bench: tmcheck failed: {proc.stderr.strip()[:300]}")
        our_times.append(t)
        our_cpu.append(cpu)
        report = json.loads(proc.stdout)

    import polib

    peer_flagged = sum(1 for e in polib.pofile(str(peer_out)) if e.msgid)
    ours_flagged = len({f["segment"] for f in report["findings"] if f["severity"] in ("error", "warning")})
    ours_any = len({f["segment"] for f in report["findings"]})
    p, o = min(peer_times), min(our_times)
    pc, oc = min(peer_cpu), min(our_cpu)
    sys.path.insert(0, str(ROOT))  # the checkout's tmcheck, as tmcheck lint runs it
    from tmcheck.workers import usable_cores

    cores = usable_cores()
    print(f"units: {units} (UN Parallel Corpus dev set, French msgid, English msgstr); {cores} usable core(s)")
    print(f"pofilter      wall {p:6.2f} s  CPU {pc:6.2f} s  {units / pc:8.0f} units per CPU second   "
          f"flags {peer_flagged:5d} units ({100 * peer_flagged / units:.1f}%)")
    print(f"tmcheck lint  wall {o:6.2f} s  CPU {oc:6.2f} s  {units / oc:8.0f} units per CPU second   "
          f"flags {ours_flagged:5d} units ({100 * ours_flagged / units:.2f}%) "
          f"with an error or warning; {ours_any} ({100 * ours_any / units:.1f}%) counting infos")
    print(f"ratio: tmcheck {pc / oc:.1f}x pofilter in CPU time, {p / o:.1f}x in wall time (goal >= 5x, on one core: "
          f"taskset -c 0)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
