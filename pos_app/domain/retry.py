"""Retry timing, the one home for every loop that retries something that failed: the till's
sync client, the hub's mailer and feed listener, the printer queue and the serial scanner.

Capped exponential backoff: the n-th consecutive failure waits up to min(cap, base * 2**n).
With jitter (the default; the AWS architecture blog's "Full Jitter") the wait is a uniform random
time in [0, that ceiling], so that after an outage a store full of tills does not reconnect in
lock-step; without it the wait is the ceiling itself (one device, one connection). Pure: it
computes delays, the caller waits (see docs/architecture.md §4).
"""

from __future__ import annotations

import random
from collections.abc import Callable

Uniform = Callable[[float, float], float]

# min() before the power: 2.0**n overflows after ~1000 failures of a days-long outage.
_MAX_EXPONENT = 64


def capped_delay(base: float, cap: float, failures: int) -> float:
    """The longest wait after ``failures`` consecutive failures (0: the first retry)."""
    return min(cap, base * 2.0 ** min(max(failures, 0), _MAX_EXPONENT))


class Backoff:
    def __init__(
        self,
        base: float = 0.5,
        cap: float = 60.0,
        uniform: Uniform | None = None,
        *,
        jitter: bool = True,
    ) -> None:
        if base <= 0 or cap < base:
            raise ValueError("backoff needs 0 < base <= cap")
        self.base = base
        self.cap = cap
        self._uniform = uniform if uniform is not None else random.SystemRandom().uniform
        self._jitter = jitter
        self.failures = 0

    def ceiling(self) -> float:
        """The upper bound of the next delay."""
        return capped_delay(self.base, self.cap, self.failures)

    def next_delay(self) -> float:
        ceiling = self.ceiling()
        delay = self._uniform(0.0, ceiling) if self._jitter else ceiling
        self.failures += 1
        return delay

    def reset(self) -> None:
        self.failures = 0
