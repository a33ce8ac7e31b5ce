"""Fuzzing every reader through the command line: thousands of mutated real files per reader (see
tests/fuzzing.py), each run in a child process with a time and a memory limit.

Prints, per reader: runs, outcomes (read, refused with one line, internal error, other), runs over
10 s of CPU, the largest CPU time and peak RSS, and whether every run kept its peak RSS within 20x
its input + 100 MB. Inputs that went wrong are kept in --keep for reproduction.

Each child is forked from this process once tmcheck is imported (a run costs its own work, not an
interpreter's start); its CPU time and peak RSS are those the kernel reports for it (wait4).

Usage: python bench/fuzz_readers.py [--runs 2000] [--jobs 2] [--readers md,po] [--lint-args "--ignore TM204"]
Never run as a test: tests/test_fuzz.py is the short, in-process version.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shlex
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fuzzing import READERS, case, judge, seeds, write  # noqa: E402

CPU_LIMIT = 10.0  # seconds: a run over it is a failure
MEMORY_CAP = 4 << 30  # the child's address space: a runaway fails here instead of swapping


def child(folder: Path, args: list[str]) -> None:
    """In the forked child: run tmcheck as a user does, stdout and stderr to files, then exit."""
    try:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
        resource.setrlimit(resource.RLIMIT_CPU, (int(CPU_LIMIT * 3), int(CPU_LIMIT * 3) + 5))
        os.chdir(folder)
        out = os.open("stdout", os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        err = os.open("stderr", os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(out, 1)
        os.dup2(err, 2)
        sys.argv = ["tmcheck", *args]
        from tmcheck.cli import run

        run()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # noqa: BLE001 - never return into the parent's loop
        code = 99
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except Exception:  # noqa: BLE001
            pass
    os._exit(code)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=2000, help="mutated inputs per reader")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--readers", default=",".join(READERS))
    ap.add_argument("--lint-args", default="", help="added to every lint command (e.g. \"--ignore TM204\")")
    ap.add_argument("--seed", default="tmcheck-long-fuzz")
    ap.add_argument("--keep", type=Path, default=Path(tempfile.gettempdir()) / "tmcheck-fuzz-failures")
    ap.add_argument("--json", type=Path, default=None, help="write the figures here too")
    opts = ap.parse_args()
    readers = [r for r in opts.readers.split(",") if r]
    extra = shlex.split(opts.lint_args)
    work = Path(tempfile.mkdtemp(prefix="tmcheck-fuzz-"))
    os.environ["TMCHECK_CACHE_DIR"] = str(work / "cache")
    import tmcheck.cli  # noqa: F401 - imported once, before the forks
    import tmcheck.commands.lint  # noqa: F401 - the command run in every fork (cli imports it only when run)
    from tmcheck.engine import Linter, Options

    Linter(Options())  # the rule registry built once too
    data = seeds()
    stats: dict[str, dict] = defaultdict(lambda: {"runs": 0, "outcomes": Counter(), "over_10s": 0, "max_cpu": 0.0,
                                                   "max_rss_mb": 0.0, "rss_over_budget": 0, "max_input_kb": 0})
    running: dict[int, tuple] = {}
    started = time.monotonic()

    def collect(block: bool) -> None:
        pid, status, usage = os.wait4(-1, 0 if block else os.WNOHANG)
        if pid == 0:
            return
        reader, n, folder, size, args = running.pop(pid)
        code = os.waitstatus_to_exitcode(status)
        err = (folder / "stderr").read_text(encoding="utf-8", errors="replace") if (folder / "stderr").exists() else ""
        cpu = usage.ru_utime + usage.ru_stime
        rss_mb = usage.ru_maxrss / 1024
        verdict = judge(code, err) if code >= 0 else f"killed by signal {-code}"
        if code == 99:
            verdict = "crashed the harness"
        s = stats[reader]
        s["runs"] += 1
        s["outcomes"][verdict] += 1
        s["max_cpu"] = max(s["max_cpu"], cpu)
        s["max_rss_mb"] = max(s["max_rss_mb"], rss_mb)
        s["max_input_kb"] = max(s["max_input_kb"], size // 1024)
        over_budget = rss_mb > 20 * size / (1 << 20) + 100
        s["rss_over_budget"] += over_budget
        s["over_10s"] += cpu > CPU_LIMIT
        if verdict not in ("ok", "refused") or cpu > CPU_LIMIT or over_budget:
            kept = opts.keep / reader / str(n)
            shutil.copytree(folder, kept, dirs_exist_ok=True)
            (kept / "ARGS").write_text(shlex.join(args) + f"\n# {verdict}, {cpu:.1f} s CPU, {rss_mb:.0f} MB\n")
        shutil.rmtree(folder, ignore_errors=True)

    for reader in readers:
        rng = random.Random(f"{opts.seed}-{reader}")
        for n in range(opts.runs):
            files, args = case(reader, rng, data, big=True)
            if args[0] == "lint":
                args = args[:1] + extra + args[1:]
            folder = work / f"{reader}-{n}"
            folder.mkdir()
            write(folder, files)
            size = sum(len(v) for v in files.values())
            while len(running) >= opts.jobs:
                collect(block=True)
            pid = os.fork()
            if pid == 0:
                child(folder, args)
            running[pid] = (reader, n, folder, size, args)
        while running:
            collect(block=True)
        s = stats[reader]
        print(f"{reader:9} runs {s['runs']:5}  " + ", ".join(f"{k} {v}" for k, v in sorted(s['outcomes'].items()))
              + f"  | over 10 s: {s['over_10s']}  max CPU {s['max_cpu']:.2f} s  max RSS {s['max_rss_mb']:.0f} MB"
              f" (largest input {s['max_input_kb']} kB)  over 20x input + 100 MB: {s['rss_over_budget']}", flush=True)
    print(f"{sum(s['runs'] for s in stats.values())} runs in {time.monotonic() - started:.0f} s; failures kept in {opts.keep}")
    if opts.json:
        opts.json.write_text(json.dumps({r: {**s, "outcomes": dict(s["outcomes"])} for r, s in stats.items()}, indent=1))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
