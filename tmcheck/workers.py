"""Forked worker processes, for the work a large file gives both cores: reading half a PO file,
judging slices of the pairs (shared out as numbered tickets).

Plain ``os.fork`` and pipes rather than a multiprocessing pool: a worker inherits everything this
process has loaded and built (the parsed file, the glossary, compiled patterns), starts in a
millisecond, and only its results are pickled. POSIX only: callers check :func:`can_fork`.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import traceback
from typing import Callable, Iterator


def can_fork() -> bool:
    """Whether workers may be forked: POSIX, and no other thread running (one that holds a lock
    when the process forks leaves it held in the child for good)."""
    threading = sys.modules.get("threading")
    return hasattr(os, "fork") and (threading is None or threading.active_count() == 1)


def usable_cores() -> int:
    """The cores this process may run on: those of its CPU affinity (``taskset -c 0``, a container's
    cpuset), which os.cpu_count() does not see; forked workers on one core only add their cost."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # no affinity on this platform (macOS)
        return os.cpu_count() or 1


class Tickets:
    """The numbers 0 to n-1, each taken by exactly one of the processes that iterate over it.

    They wait in a pipe, written in full and closed for writing before any fork: a read takes one
    number atomically, and a process sees the end of the pipe once every number is taken."""

    MAX = 256  # one byte a number: a pipe holds all of them, so writing them never blocks

    def __init__(self, n: int):
        if not 0 < n <= self.MAX:
            raise ValueError(f"between 1 and {self.MAX} tickets, not {n}")
        self._fd, write = os.pipe()
        os.write(write, bytes(range(n)))
        os.close(write)

    def __iter__(self) -> Iterator[int]:
        while self._fd is not None:
            taken = os.read(self._fd, 1)
            if not taken:
                return
            yield taken[0]

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


class WorkerError(Exception):
    """Where an exception raised in a worker came from: its traceback there."""


class Worker:
    """A forked process that runs ``task()`` and hands back what it returns, or what it raises."""

    def __init__(self, task: Callable[[], object]):
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker: never returns to the caller's code
            try:
                os.close(read)
                payload = _pickled(task)
                with os.fdopen(write, "wb") as out:
                    out.write(payload)
            finally:
                os._exit(0)  # no atexit handlers, no flushing of the parent's buffers
        os.close(write)
        self._pid: int | None = pid
        self._fd: int | None = read

    def result(self):
        """What the task returned; what it raised is raised here."""
        fd, self._fd = self._fd, None
        with os.fdopen(fd, "rb") as fh:
            data = fh.read()
        os.waitpid(self._pid, 0)
        self._pid = None
        if not data:
            raise RuntimeError("a worker process ended without a result")
        ok, value, where = pickle.loads(data)
        if not ok:
            raise value from WorkerError(where)
        return value

    def stop(self) -> None:
        """End the worker if its result was not taken (this process failed first)."""
        if self._pid is not None:
            try:
                os.kill(self._pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(self._pid, 0)
            self._pid = None
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _pickled(task: Callable[[], object]) -> bytes:
    try:
        return pickle.dumps((True, task(), ""), pickle.HIGHEST_PROTOCOL)
    except BaseException as exc:  # handed to the parent, which raises it
        where = traceback.format_exc()
        try:
            payload = pickle.dumps((False, exc, where), pickle.HIGHEST_PROTOCOL)
            pickle.loads(payload)
            return payload
        except Exception:  # an exception that does not survive pickling: its text does
            return pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}"), where))
