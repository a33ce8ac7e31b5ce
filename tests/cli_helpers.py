"""The one way the tests run tmcheck's command line: ``run_cli``.

By default in this process, as ``tmcheck.cli.run`` runs it for a user (one line and exit 2 on bad
input), because the fuzz and hostile-input tests run it hundreds of times and a fresh Python costs
about a second. ``subprocess=True`` runs ``python -m tmcheck`` instead, for the tests that need a
real process: the locale a user starts it under, a cache read once at start-up, a PostgreSQL
connection pool. Either way the checkout's tmcheck runs (never an installed copy) and the outcome
has the same shape (``code``, also named ``returncode``, ``stdout``, ``stderr``).

Two relatives for what a finished run cannot show: ``start_cli`` leaves the process running (to
kill it, race several, or talk to its web server), and ``imports_of_cli`` reports the modules a
fresh interpreter imported (to keep ``tmcheck lint`` light)."""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import subprocess as _subprocess  # the parameter named subprocess would hide the module
import sys
from pathlib import Path
from typing import Mapping, NamedTuple

ROOT = Path(__file__).resolve().parent.parent


class Outcome(NamedTuple):
    code: int
    stdout: str
    stderr: str

    @property
    def returncode(self) -> int:  # the name subprocess.CompletedProcess gives it
        return self.code


class TimedOut(BaseException):  # not an Exception: the CLI must not catch it as a bug
    pass


def run_cli(*args, cwd: str | Path | None = None, env: Mapping[str, str | None] | None = None,
            stdin: str | None = None, timeout: float | None = None, subprocess: bool = False) -> Outcome:
    """``tmcheck ARGS...`` run in ``cwd`` (default: the test's current directory, as a user runs it
    where they are; pass ``cwd=ROOT`` for repository-relative paths such as ``tests/golden/x.md``).

    ``env``: variables set for the run on top of the test process's environment; a value None
    removes the variable. ``stdin``: the text typed in (default: nothing). ``timeout``: seconds
    before the run is stopped (default 10 s in this process, where a slow run is a bug the fuzz
    tests look for; 300 s in a subprocess, which loads everything afresh)."""
    argv = [str(a) for a in args]
    cwd = Path(cwd) if cwd is not None else Path.cwd()
    if subprocess:
        return _in_subprocess(argv, cwd, env or {}, stdin, 300.0 if timeout is None else timeout)
    return _in_process(argv, cwd, env or {}, stdin, 10.0 if timeout is None else timeout)


def start_cli(*args, cwd: str | Path | None = None, env: Mapping[str, str | None] | None = None,
              text: bool = True) -> _subprocess.Popen:
    """``python -m tmcheck ARGS...`` started and left running, stdout and stderr piped: for the tests
    that kill it, race several at once or talk to it while it runs (``run_cli`` waits for its end)."""
    return _subprocess.Popen([sys.executable, "-m", "tmcheck", *map(str, args)], cwd=Path(cwd) if cwd else Path.cwd(),
                             env=subprocess_env(env), stdout=_subprocess.PIPE, stderr=_subprocess.PIPE, text=text)


_IMPORTS_PROBE = """
import atexit, json, runpy, sys
report, sys.argv = sys.argv[1], ["tmcheck", *sys.argv[2:]]


def dump():
    with open(report, "w", encoding="utf-8") as f:
        json.dump(sorted(sys.modules), f)


# An exit handler, registered first so that it runs last: a read-only command ends without the
# interpreter's teardown once the exit handlers have run (cli.entry).
atexit.register(dump)
try:
    runpy.run_module("tmcheck", run_name="__main__", alter_sys=True)
except SystemExit:
    pass
"""


def imports_of_cli(*args, cwd: str | Path | None = None, env: Mapping[str, str | None] | None = None,
                   timeout: float = 300.0) -> tuple[Outcome, frozenset[str]]:
    """``python -m tmcheck ARGS...`` in a fresh interpreter, and every module it had imported when it
    ended: for the tests that keep a command light (no numpy on lint, no python-docx but for Word)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "modules.json"
        r = _subprocess.run([sys.executable, "-c", _IMPORTS_PROBE, str(report), *map(str, args)],
                            cwd=Path(cwd) if cwd else Path.cwd(), env=subprocess_env(env), input="",
                            capture_output=True, text=True, timeout=timeout)
        modules = frozenset(json.loads(report.read_text(encoding="utf-8"))) if report.exists() else frozenset()
    return Outcome(r.returncode, r.stdout, r.stderr), modules


def subprocess_env(env: Mapping[str, str | None] | None = None) -> dict[str, str]:
    """The environment of a child Python that runs the checkout's tmcheck: the test process's, with
    ``env`` applied (None removes a variable) and the checkout first on PYTHONPATH."""
    out = dict(os.environ)
    for name, value in (env or {}).items():
        if value is None:
            out.pop(name, None)
        else:
            out[name] = value
    out["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), out.get("PYTHONPATH", "")) if p)
    return out


def _in_subprocess(argv: list[str], cwd: Path, env, stdin, timeout: float) -> Outcome:
    r = _subprocess.run([sys.executable, "-m", "tmcheck", *argv], cwd=cwd, env=subprocess_env(env), input=stdin or "",
                        capture_output=True, text=True, timeout=timeout)
    return Outcome(r.returncode, r.stdout, r.stderr)


@contextlib.contextmanager
def _environment(env):
    saved = {name: os.environ.get(name) for name in env}
    for name, value in env.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _in_process(argv: list[str], cwd: Path, env, stdin, timeout: float) -> Outcome:
    from tmcheck.cli import run

    out, err = io.StringIO(), io.StringIO()
    old_argv, old_stdin, old_cwd = sys.argv, sys.stdin, os.getcwd()
    sys.argv = ["tmcheck", *argv]
    sys.stdin = io.StringIO(stdin or "")

    def expire(*_):
        raise TimedOut(f"tmcheck {' '.join(argv)[:200]} ran for more than {timeout} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    code = 0
    try:
        os.chdir(cwd)
        with _environment(env), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                run()
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        sys.argv, sys.stdin = old_argv, old_stdin
        os.chdir(old_cwd)
    return Outcome(code, out.getvalue(), err.getvalue())


def assert_refused(outcome: Outcome, *needles: str) -> str:
    """Exit 2 with one line on stderr, naming what it should, and no internal error."""
    message = outcome.stderr.strip()
    assert outcome.code == 2, (outcome.code, message[:500])
    assert "internal error" not in message and "Traceback" not in message, message[:500]
    assert len(message.splitlines()) == 1, message[:1000]
    for needle in needles:
        assert needle in message, (needle, message[:500])
    return message
