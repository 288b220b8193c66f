"""The one latency summary every benchmark prints."""

from __future__ import annotations

from bench.stats import ms_stats


def test_no_latencies_give_zeros() -> None:
    assert ms_stats([]) == (0.0, 0.0)


def test_median_and_the_nearest_rank_below_the_95th_percentile() -> None:
    ms = [float(v) for v in range(100, 0, -1)]  # unsorted on purpose
    assert ms_stats(ms) == (50.5, 95.0)
    assert ms_stats([12.34]) == (12.3, 12.3)
