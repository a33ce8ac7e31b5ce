"""tmcheck's command line run in this process (as ``tmcheck.cli.run`` runs it for a user: one line
and exit 2 on bad input), for tests that run it hundreds of times."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sys
from typing import NamedTuple


class Outcome(NamedTuple):
    code: int
    stdout: str
    stderr: str


class TimedOut(BaseException):  # not an Exception: run() must not catch it as a bug
    pass


def tmcheck(*args, timeout: float = 10.0, stdin: str = "") -> Outcome:
    from tmcheck.cli import run

    out, err = io.StringIO(), io.StringIO()
    argv, old_stdin = sys.argv, sys.stdin
    sys.argv = ["tmcheck", *map(str, args)]
    sys.stdin = io.StringIO(stdin)

    def expire(*_):
        raise TimedOut(f"tmcheck {' '.join(map(str, args))[:200]} ran for more than {timeout} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    code = 0
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                run()
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        sys.argv, sys.stdin = argv, old_stdin
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


