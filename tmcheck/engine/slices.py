"""A large file's segment-local rules judged slice by slice, in this process and in workers forked
for the other cores: the one way a draft's paragraphs and a bilingual file's pairs share out the
work (see Rule.local)."""

from __future__ import annotations

from typing import Callable

from ..findings import Finding


def judged_in_slices(whole, rules, n: int, least: int, size: int, part: Callable, judge: Callable) -> list[Finding]:
    """The findings of ``judge(whole, rules)`` (in its order once the engine sorts them by place and
    code); but on a file of ``least`` units (pairs, paragraphs) or more, of ``n``, and with a second
    usable core, the local rules run over slices of ``size`` units:
    ``part(a, b)`` is the analysis of units a to b alone. Each process takes the next slice no other
    has taken; this one first runs the rules that need the whole document, then takes slices reusing
    what those found paragraph by paragraph (``whole.share_with``)."""
    local = [r for r in rules if r.local]
    if n < least or not local:
        return judge(whole, rules)
    # workers (fork and pipes) only for a large file: a plain lint never imports them
    from ..workers import Tickets, Worker, can_fork, usable_cores

    cores = min(usable_cores(), 4)
    if cores < 2 or not can_fork():
        return judge(whole, rules)

    size = max(size, -(-n // Tickets.MAX))
    slices = [(i, min(i + size, n)) for i in range(0, n, size)]

    def judge_slices() -> dict[int, list[Finding]]:
        # Each slice shares its process's memos of the whole (share_with): this one's hold what the
        # whole-document rules found; a worker's fill as its slices go, so that a fact of the whole
        # a local rule asks for (Analysis.document_memo) reuses what its slices found.
        parts = {}
        for k in tickets:
            analysis = part(*slices[k])
            whole.share_with(analysis)
            parts[k] = judge(analysis, local)
        return parts

    tickets = Tickets(len(slices))
    workers: list[Worker] = []
    try:
        for _ in range(cores - 1):
            try:
                workers.append(Worker(judge_slices))
            except OSError:  # no more processes allowed: the slices are shared among fewer
                break
        found = judge(whole, [r for r in rules if not r.local])
        parts = judge_slices()
        for worker in workers:
            parts.update(worker.result())
    finally:
        for worker in workers:
            worker.stop()
        tickets.close()
    # A rule's findings in paragraph order, the rules' in turn: after the engine's sort by place and
    # code (stable), the order of a serial run.
    for k in range(len(slices)):
        found.extend(parts[k])
    return found
