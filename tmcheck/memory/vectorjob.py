"""Sentence vectors computed in a worker process while an import parses, indexes and writes.

Encoding is most of an import's time (the 4,000 UNPC pairs: minutes of encoding against seconds of
the rest), and the rest is Python that holds the GIL: a forked worker encodes each chunk of new
pairs as soon as the import has written it, and the import collects the vectors at the end of its
transaction, so the two overlap. Forked, the worker inherits the loaded encoder (no second load)
and never touches the parent's database connection; if the parent is killed it notices and exits.
Small jobs, and platforms without fork, encode in the importing process.
"""

from __future__ import annotations

import os
import queue
from typing import Iterator

from ..errors import InputError
from ..i18n import _

# Below this many pairs a worker costs more (fork, pickling) than it saves.
WORKER_MIN = 500
_CHUNK = 512  # pairs per message to and from the worker


class VectorJob:
    """``submit`` new pairs as they are written, then write the rows ``results`` yields:
    (encoder name, lang, segment id, float16 blob). Without an encoder it does nothing."""

    def __init__(self, encoder, progress):
        self.encoder = encoder
        self.progress = progress
        self._pending: list[tuple[int, str, str]] = []
        self._submitted = 0
        self._proc = None
        self._inbox = self._outbox = None

    def __enter__(self) -> "VectorJob":
        return self

    def __exit__(self, *exc) -> bool:
        self._stop()
        return False

    def submit(self, items: list[tuple[int, str, str]]) -> None:
        """(segment id, French, English) to encode."""
        if self.encoder is None or not items:
            return
        self._pending.extend(items)
        self._submitted += len(items)
        if self._proc is None and self._submitted >= WORKER_MIN and _can_fork():
            self._start()
        if self._proc is not None:
            self._flush()

    def results(self) -> Iterator[list[tuple[str, str, int, bytes]]]:
        if self.encoder is None or not self._submitted:
            return
        name = self.encoder.name
        with self.progress(_("Encoding ({name})").format(name=name), 2 * self._submitted) as bar:
            if self._proc is None:
                from .semantic import to_blob

                for start in range(0, len(self._pending), _CHUNK):
                    chunk = self._pending[start:start + _CHUNK]
                    for lang, side in (("fr", 1), ("en", 2)):
                        vecs = self.encoder.encode([c[side] for c in chunk])
                        yield [(name, lang, c[0], to_blob(v)) for c, v in zip(chunk, vecs)]
                        bar.update(len(chunk))
                return
            self._flush()
            self._inbox.put(None)
            while True:
                try:
                    item = self._outbox.get(timeout=1.0)
                except queue.Empty:
                    if self._proc.is_alive():
                        continue
                    try:  # what it sent just before it ended may still be in the pipe
                        item = self._outbox.get(timeout=1.0)
                    except queue.Empty:
                        raise InputError(_("the encoding worker stopped (exit status {exitcode}); nothing was "
                                           "imported").format(exitcode=self._proc.exitcode)) from None
                if item is None:
                    self._inbox.put("received")  # the worker may exit now: nothing of its is in transit
                    break
                if item[0] == "error":
                    raise InputError(_("encoding failed ({reason}); nothing was imported").format(reason=item[1]))
                ids, fr, en = item
                size = len(fr) // len(ids)
                yield [(name, "fr", sid, fr[i * size:(i + 1) * size]) for i, sid in enumerate(ids)]
                yield [(name, "en", sid, en[i * size:(i + 1) * size]) for i, sid in enumerate(ids)]
                bar.update(2 * len(ids))

    def _start(self) -> None:
        import multiprocessing

        ctx = multiprocessing.get_context("fork")
        self._inbox, self._outbox = ctx.Queue(), ctx.Queue()
        self._proc = ctx.Process(target=_work, args=(self.encoder, self._inbox, self._outbox, os.getpid()),
                                 daemon=True, name="tmcheck-encoder")
        self._proc.start()

    def _flush(self) -> None:
        for start in range(0, len(self._pending), _CHUNK):
            chunk = self._pending[start:start + _CHUNK]
            self._inbox.put(([c[0] for c in chunk], [c[1] for c in chunk], [c[2] for c in chunk]))
        self._pending = []

    def _stop(self) -> None:
        if self._proc is None:
            return
        if self._proc.is_alive():
            self._proc.terminate()
        self._proc.join(5)
        for q in (self._inbox, self._outbox):
            q.cancel_join_thread()
            q.close()
        self._proc = None


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _close_inherited(keep: set[int]) -> None:
    """Close what the fork copied from the importing process but this one must never hold: above
    all its database connection (a PostgreSQL socket held here would keep a killed import's
    transaction, and its lock, open on the server), and the read end of the results pipe (so that
    writing to a dead parent fails instead of blocking)."""
    try:
        fds = [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:
        return  # not Linux: the parent's exit still ends this process through getppid below
    for fd in fds:
        if fd > 2 and fd not in keep:
            try:
                os.close(fd)
            except OSError:
                pass


def _orphaned(parent: int) -> bool:
    return os.getppid() != parent


def _work(encoder, inbox, outbox, parent: int) -> None:
    """The worker: encode each chunk (French and English in one call), send float16 bytes back."""
    import numpy as np

    _close_inherited({inbox._reader.fileno(), outbox._writer.fileno()})
    while True:
        try:
            item = inbox.get(timeout=1.0)
        except queue.Empty:
            if _orphaned(parent):
                break  # the importing process is gone (killed; its transaction is rolled back)
            continue
        if item is None:
            outbox.put(None)
            break
        ids, fr, en = item
        try:
            vecs = np.asarray(encoder.encode(fr + en), dtype="<f2")
        except BaseException as exc:  # noqa: BLE001 -- reported to the parent as one line
            outbox.put(("error", f"{type(exc).__name__}: {exc}"))
            break
        outbox.put((ids, vecs[:len(ids)].tobytes(), vecs[len(ids):].tobytes()))
    # Exit once the parent has read everything (it says so), or is gone: never wait on a pipe
    # nobody reads.
    while not _orphaned(parent):
        try:
            if inbox.get(timeout=1.0) == "received":
                return
        except queue.Empty:
            pass
    outbox.cancel_join_thread()
