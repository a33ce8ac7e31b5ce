"""Linear-time checks that a loaded machine cannot fail: CPU time (not wall time) of an input of
size n and of size 4n, measured in the same run, each repeated until the small one has taken long
enough to be measured. Linear work gives about 4x; quadratic work gives 16x; the bar is 8x."""

from __future__ import annotations

import gc
import time

BAR = 8.0


def _cpu(run, arg, reps: int) -> float:
    # The cyclic collector stays off while timing: a collection walks the whole heap of the test
    # process (thousands of tests' objects at the end of a full run), whatever the input's size,
    # and once in a while doubled the large input's time (8.0x where the work is 4x).
    best = float("inf")
    enabled = gc.isenabled()
    for _ in range(3):
        gc.collect()
        gc.disable()
        try:
            t = time.process_time()
            for _ in range(reps):
                run(arg)
            best = min(best, time.process_time() - t)
        finally:
            if enabled:
                gc.enable()
    return best


def cpu_ratio(run, make, n: int, floor: float = 0.03) -> float:
    """CPU time of ``run(make(4 * n))`` over that of ``run(make(n))``."""
    small, large = make(n), make(4 * n)
    run(small)  # warm: compiled patterns, imports, caches
    t = time.process_time()
    run(small)
    once = max(time.process_time() - t, 1e-6)
    reps = max(1, min(1000, int(floor / once) + 1))
    return _cpu(run, large, reps) / max(_cpu(run, small, reps), 1e-9)


def assert_linear(run, make, n: int) -> None:
    ratio = cpu_ratio(run, make, n)
    assert ratio <= BAR, f"4x the input took {ratio:.1f}x the CPU time (linear: about 4x; quadratic: 16x)"
