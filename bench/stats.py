"""Latency figures, computed one way for every benchmark."""

from __future__ import annotations

import statistics


def ms_stats(ms: list[float]) -> tuple[float, float]:
    """p50 and p95 of latencies in ms, rounded to 0.1 (p95: the nearest rank below)."""
    if not ms:
        return 0.0, 0.0
    ordered = sorted(ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return round(statistics.median(ordered), 1), round(p95, 1)
