"""The trend's tests without scipy.stats give scipy.stats' own figures, to the last bit."""

import math

import numpy as np
import pytest
from scipy import stats

from analytics import significance

SIZES = [2, 3, 5, 12, 33, 34, 60, 250, 1_500]


def _series(n: int, seed: int, *, ties: bool):
    rng = np.random.default_rng(seed)
    x = np.sort(rng.choice(np.arange(4 * n), size=n, replace=ties)).astype(float)
    y = 0.01 * x + rng.normal(0, 1, n)
    if ties:
        y = np.round(y, 1)
    return x, y


def _same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == b


@pytest.mark.parametrize("ties", [False, True])
@pytest.mark.parametrize("n", SIZES)
def test_least_squares_is_scipys(n, ties):
    for seed in range(3):
        x, y = _series(n, seed, ties=ties)
        if np.ptp(x) == 0:
            continue
        ours, theirs = significance.linregress(x, y), stats.linregress(x, y)
        assert ours.slope == theirs.slope and ours.intercept == theirs.intercept
        assert _same(ours.rvalue, theirs.rvalue) and _same(ours.pvalue, theirs.pvalue)
        assert _same(ours.stderr, theirs.stderr)


@pytest.mark.parametrize("ties", [False, True])
@pytest.mark.parametrize("n", [*SIZES, 5_000])
def test_kendalls_tau_is_scipys(n, ties):
    for seed in range(3):
        x, y = _series(n, seed, ties=ties)
        tau, p = significance.kendall_tau(x, y)
        expected = stats.kendalltau(x, y)
        assert _same(tau, float(expected.statistic)) and _same(p, float(expected.pvalue))


def test_kendalls_tau_on_a_perfect_order_a_constant_and_too_few_points():
    x = np.arange(40.0)
    for y in (x, -x, np.r_[x[:-2], x[-1], x[-2]], np.zeros(40)):
        tau, p = significance.kendall_tau(x, y)
        expected = stats.kendalltau(x, y)
        assert _same(tau, float(expected.statistic)) and _same(p, float(expected.pvalue))
    assert all(math.isnan(v) for v in significance.kendall_tau(np.array([1.0]), np.array([2.0])))


def test_discordant_pairs_are_counted_as_by_brute_force():
    rng = np.random.default_rng(3)
    for n in (1, 2, 3, 7, 64, 65, 300):
        y = rng.integers(1, 9, size=n)
        brute = sum(int(y[i] > y[j]) for i in range(n) for j in range(i + 1, n))
        assert significance._discordant(y) == brute


@pytest.mark.parametrize("ties", [False, True])
@pytest.mark.parametrize("n", SIZES)
def test_theil_sen_is_scipys(n, ties):
    for seed in range(3):
        x, y = _series(n, seed, ties=ties)
        if np.ptp(x) == 0:
            continue
        ours = significance.theil_sen(y, x, alpha=0.95)
        theirs = stats.theilslopes(y, x, alpha=0.95)
        expected = (theirs.slope, theirs.low_slope, theirs.high_slope)
        assert all(_same(a, float(b)) for a, b in zip(ours, expected))


@pytest.mark.parametrize("df", [1, 2, 5, 30, 1_000])
def test_t_quantile_is_scipys(df):
    for q in (0.025, 0.5, 0.975):
        assert significance.t_quantile(q, df) == stats.t.ppf(q, df)
