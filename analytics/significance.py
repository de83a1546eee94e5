"""Least squares, Kendall's tau and Theil-Sen slopes, computed as ``scipy.stats`` computes them
but with ``scipy.special``'s distribution functions only.

Importing ``scipy.stats`` costs a fresh process 0.3-0.5 s, more than a whole trend answer; the
three tests a trend needs are a few lines of arithmetic over ``scipy.special`` (0.1 s). The
code follows scipy 1.17's own (``linregress``, ``kendalltau`` with its exact and asymptotic
p-values, ``theilslopes``), and the tests hold every figure equal to ``scipy.stats``'. Kendall's
discordant pairs are counted by a merge of sorted blocks in numpy; past
:data:`COUNTED_UP_TO` points scipy's compiled count is faster, and ``scipy.stats`` is used.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

COUNTED_UP_TO = 50_000
_TINY = 1.0e-20


@dataclass(frozen=True)
class Line:
    """A least-squares line: slope, intercept, correlation, the slope's two-sided p-value and
    standard error."""

    slope: float
    intercept: float
    rvalue: float
    pvalue: float
    stderr: float


def t_quantile(q: float, df: float) -> float:
    """Student's t quantile (``scipy.stats.t.ppf``)."""
    return float(_special().stdtrit(df, q))


def linregress(x: np.ndarray, y: np.ndarray) -> Line:
    """The least-squares line of ``y`` on ``x`` (``scipy.stats.linregress``)."""
    x, y = np.asarray(x), np.asarray(y)
    n = len(x)
    xmean, ymean = np.mean(x, None), np.mean(y, None)
    ssxm, ssxym, _, ssym = np.cov(x, y, bias=1).flat
    if ssxm == 0.0 or ssym == 0.0:
        r = np.asarray(np.nan if ssxym == 0 else 0.0)[()]
    else:
        r = min(1.0, max(-1.0, ssxym / np.sqrt(ssxm * ssym)))
    slope = ssxym / ssxm
    intercept = ymean - slope * xmean
    if n == 2:
        prob = 1.0 if y[0] == y[1] else 0.0
        stderr = 0.0
    else:
        df = n - 2
        t = r * np.sqrt(df / ((1.0 - r + _TINY) * (1.0 + r + _TINY)))
        prob = 2 * _special().stdtr(df, -np.abs(t))
        stderr = np.sqrt((1 - r**2) * ssym / ssxm / df)
    return Line(float(slope), float(intercept), float(r), float(prob), float(stderr))


def kendall_tau(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Kendall's tau-b and its two-sided p-value (``scipy.stats.kendalltau``): exact for up to
    33 points without ties, else the normal approximation with ties corrected."""
    x, y = np.asarray(x).ravel(), np.asarray(y).ravel()
    size = x.size
    if size < 2 or np.isnan(x).any() or np.isnan(y).any():
        return math.nan, math.nan
    if size > COUNTED_UP_TO:
        from scipy import stats  # the compiled pair count, for long series

        tau, p = stats.kendalltau(x, y)
        return float(tau), float(p)
    perm = np.argsort(y)  # sort on y and convert y to dense ranks
    x, y = x[perm], y[perm]
    y = np.r_[True, y[1:] != y[:-1]].cumsum(dtype=np.intp)
    perm = np.argsort(x, kind="mergesort")  # stable on x, then x to dense ranks
    x, y = x[perm], y[perm]
    x = np.r_[True, x[1:] != x[:-1]].cumsum(dtype=np.intp)
    dis = _discordant(y)
    obs = np.r_[True, (x[1:] != x[:-1]) | (y[1:] != y[:-1]), True]
    cnt = np.diff(np.nonzero(obs)[0]).astype("int64", copy=False)
    ntie = int((cnt * (cnt - 1) // 2).sum())
    xtie, x0, x1 = _rank_ties(x)
    ytie, y0, y1 = _rank_ties(y)
    tot = (size * (size - 1)) // 2
    if xtie == tot or ytie == tot:
        return math.nan, math.nan
    con_minus_dis = tot - xtie - ytie + ntie - 2 * dis
    tau = con_minus_dis / np.sqrt(tot - xtie) / np.sqrt(tot - ytie)
    tau = np.minimum(1.0, max(-1.0, tau))
    if xtie == 0 and ytie == 0 and (size <= 33 or min(dis, tot - dis) <= 1):
        pvalue = _kendall_p_exact(size, tot - dis)
    else:
        m = size * (size - 1.0)
        var = (
            (m * (2 * size + 5) - x1 - y1) / 18
            + (2 * xtie * ytie) / m
            + x0 * y0 / (9 * m * (size - 2))
        )
        z = con_minus_dis / np.sqrt(var)
        pvalue = 2 * _special().ndtr(-np.abs(z))
    return float(tau), float(pvalue)


def theil_sen(y: np.ndarray, x: np.ndarray, *, alpha: float) -> tuple[float, float, float]:
    """The Theil-Sen slope of ``y`` on ``x`` with its ``alpha`` confidence interval
    (``scipy.stats.theilslopes``, method 'separate'): slope, low, high."""
    y = np.array(y, dtype=float, copy=True).ravel()
    x = np.array(x, dtype=float, copy=True).ravel()
    deltax = x[:, np.newaxis] - x
    deltay = y[:, np.newaxis] - y
    slopes = deltay[deltax > 0] / deltax[deltax > 0]
    slopes.sort()
    medslope = np.median(slopes)
    if alpha > 0.5:
        alpha = 1.0 - alpha
    z = _special().ndtri(alpha / 2.0)
    nxreps, nyreps = _repeats(x), _repeats(y)
    nt, ny = len(slopes), len(y)
    sigsq = (
        1
        / 18.0
        * (
            ny * (ny - 1) * (2 * ny + 5)
            - sum(k * (k - 1) * (2 * k + 5) for k in nxreps)
            - sum(k * (k - 1) * (2 * k + 5) for k in nyreps)
        )
    )
    try:
        sigma = np.sqrt(sigsq)
        upper = min(int(np.round((nt - z * sigma) / 2.0)), len(slopes) - 1)
        lower = max(int(np.round((nt + z * sigma) / 2.0)) - 1, 0)
        low, high = slopes[[lower, upper]]
    except (ValueError, IndexError):
        low, high = np.nan, np.nan
    return float(medslope), float(low), float(high)


def _special():
    """``scipy.special``, imported by the first answer that tests a trend (0.1 s), not before."""
    from scipy import special

    return special


def _discordant(y: np.ndarray) -> int:
    """Pairs i < j with y[i] > y[j]: counted level by level as a merge sort would, each level
    one vectorised search of the right halves' values in their sorted left halves."""
    n = len(y)
    values = np.asarray(y, dtype=np.int64)
    span = int(values.max()) + 1 if n else 1
    positions = np.arange(n)
    order = values.copy()  # sorted within blocks of ``width`` after each level
    count, width = 0, 1
    while width < n:
        pair = positions // (2 * width)
        right = (positions // width) % 2 == 1
        keys = pair * span + order
        left_keys = keys[~right]  # sorted: each left block is sorted, blocks in order
        # Left elements of each pair block greater than each right element.
        at_most = np.searchsorted(left_keys, keys[right], side="right")
        left_end = np.searchsorted(left_keys, (pair[right] + 1) * span, side="left")
        count += int((left_end - at_most).sum())
        order = np.sort(keys) - pair * span  # merge: each pair block sorted
        width *= 2
    return count


def _rank_ties(ranks: np.ndarray) -> tuple[int, int, int]:
    cnt = np.bincount(ranks).astype("int64", copy=False)
    cnt = cnt[cnt > 1]
    return (
        int((cnt * (cnt - 1) // 2).sum()),
        int((cnt * (cnt - 1.0) * (cnt - 2)).sum()),
        int((cnt * (cnt - 1.0) * (2 * cnt + 5)).sum()),
    )


def _repeats(values: np.ndarray) -> np.ndarray:
    """How often each value that occurs more than once occurs."""
    ordered = np.sort(np.asarray(values, np.float64).ravel())
    if not len(ordered):
        return np.array([], dtype=np.intp)
    change = np.concatenate(([True], ordered[1:] != ordered[:-1]))
    freq = np.diff(np.concatenate((*np.nonzero(change), [ordered.size])))
    return freq[freq > 1]


def _kendall_p_exact(n: int, c: int) -> float:
    """The exact two-sided p-value of ``c`` concordant pairs among ``n`` points without ties
    (Kendall, Rank Correlation Methods, 1970; scipy's ``_kendall_p_exact``)."""
    c = int(min(c, (n * (n - 1)) // 2 - c))
    if n == 1 or n == 2:
        prob = 1.0
    elif c == 0:
        prob = 2.0 / math.factorial(n) if n < 171 else 0.0
    elif c == 1:
        prob = 2.0 / math.factorial(n - 1) if n < 172 else 0.0
    elif 4 * c == n * (n - 1):
        prob = 1.0
    elif n < 171:
        new = np.zeros(c + 1)
        new[0:2] = 1.0
        for j in range(3, n + 1):
            new = np.cumsum(new)
            if j <= c:
                new[j:] -= new[: c + 1 - j]
        prob = 2.0 * np.sum(new) / math.factorial(n)
    else:
        new = np.zeros(c + 1)
        new[0:2] = 1.0
        for j in range(3, n + 1):
            new = np.cumsum(new) / j
            if j <= c:
                new[j:] -= new[: c + 1 - j]
        prob = np.sum(new)
    return float(np.clip(prob, 0, 1))
