"""Capped exponential backoff with full jitter (the AWS architecture blog's "Full Jitter").

The n-th consecutive failure waits a uniform random time in [0, min(cap, base * 2**n)]:
after an outage, a store full of tills does not reconnect in lock-step.
"""

from __future__ import annotations

import random
from collections.abc import Callable

Uniform = Callable[[float, float], float]


class Backoff:
    def __init__(
        self, base: float = 0.5, cap: float = 60.0, uniform: Uniform | None = None
    ) -> None:
        if base <= 0 or cap < base:
            raise ValueError("backoff needs 0 < base <= cap")
        self.base = base
        self.cap = cap
        self._uniform = uniform if uniform is not None else random.SystemRandom().uniform
        self.failures = 0

    def ceiling(self) -> float:
        """The upper bound of the next delay."""
        # min() before the power would overflow after ~1000 failures of a days-long outage.
        exponent = min(self.failures, 64)
        return min(self.cap, self.base * 2.0**exponent)

    def next_delay(self) -> float:
        delay = self._uniform(0.0, self.ceiling())
        self.failures += 1
        return delay

    def reset(self) -> None:
        self.failures = 0
