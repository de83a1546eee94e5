"""Scoring against known truth: agreement, the hindsight pace threshold, calibration error."""

import numpy as np
import pandas as pd
import pytest

from analytics.classifier.evaluation import (
    agreement,
    calibration,
    evaluate,
    oracle_pace,
    oracle_threshold,
)


def test_agreement_is_the_share_of_equal_labels():
    assert agreement(["run", "walk", "run", "outlier"], ["run", "run", "run", "outlier"]) == 0.75
    assert np.isnan(agreement([], []))
    with pytest.raises(ValueError, match="2 truths but 1"):
        agreement(["run", "walk"], ["run"])


def test_the_oracle_finds_the_gap_of_a_separable_case_exactly():
    rng = np.random.default_rng(7)
    runs, walks = rng.uniform(250, 400, 300), rng.uniform(600, 900, 200)
    pace = np.concatenate([runs, walks])
    truth = np.array(["run"] * 300 + ["walk"] * 200, dtype=object)
    order = rng.permutation(pace.size)
    oracle = oracle_threshold(pace[order], truth[order])
    assert oracle.agreement == 1.0
    assert oracle.threshold_s_per_km == pytest.approx((runs.max() + walks.min()) / 2)


def test_other_truths_and_missing_paces_are_wrong_for_the_oracle():
    pace = [300, 310, 700, 720, 150, np.nan]
    truth = ["run", "run", "walk", "walk", "outlier", "walk"]
    oracle = oracle_threshold(pace, truth)
    assert oracle.agreement == pytest.approx(4 / 6)
    assert 310 < oracle.threshold_s_per_km < 700


def test_the_oracle_is_the_best_of_every_threshold_when_classes_overlap():
    rng = np.random.default_rng(3)
    pace = np.round(np.concatenate([rng.normal(420, 60, 400), rng.normal(560, 80, 300)]))
    truth = np.array(["run"] * 400 + ["walk"] * 300, dtype=object)
    oracle = oracle_threshold(pace, truth)
    cuts = np.unique(pace)
    brute = max(
        float(np.mean(np.where(pace <= t, "run", "walk") == truth))
        for t in np.concatenate([[cuts[0] - 1], (cuts[:-1] + cuts[1:]) / 2])
    )
    assert oracle.agreement == pytest.approx(brute)
    assert oracle.agreement < 1.0
    labelled = np.where(pace <= oracle.threshold_s_per_km, "run", "walk")
    assert np.mean(labelled == truth) == pytest.approx(oracle.agreement)


def test_all_walks_put_the_threshold_below_every_pace():
    oracle = oracle_threshold([600, 700], ["walk", "walk"])
    assert oracle.agreement == 1.0 and oracle.threshold_s_per_km < 600


def test_a_perfectly_calibrated_classifier_has_almost_no_calibration_error():
    rng = np.random.default_rng(11)
    confidence = rng.uniform(0.5, 1.0, 200_000)
    correct = rng.random(confidence.size) < confidence
    result = calibration(confidence, correct)
    assert result.ece < 0.01
    assert sum(b.count for b in result.bins) == confidence.size
    assert [b.count for b in result.bins[:5]] == [0] * 5
    assert all(np.isnan(b.accuracy) for b in result.bins[:5])


def test_an_overconfident_classifier_has_a_large_calibration_error():
    rng = np.random.default_rng(12)
    confidence = rng.uniform(0.95, 0.99, 10_000)
    correct = rng.random(confidence.size) < 0.6
    result = calibration(confidence, correct)
    assert result.ece == pytest.approx(0.97 - 0.6, abs=0.02)
    assert result.bins[-1].count == confidence.size


def test_calibration_error_is_the_weighted_gap_per_bin():
    # Bin [0.2, 0.3): confidence 0.25, 1 of 2 right; bin [0.9, 1.0]: confidence 1.0, 2 of 2 right.
    result = calibration([0.25, 0.25, 1.0, 1.0], [True, False, True, True], bins=10)
    assert result.ece == pytest.approx(2 / 4 * 0.25)
    assert result.bins[2].accuracy == 0.5 and result.bins[9].mean_confidence == 1.0


def test_the_oracle_pace_prefers_moving_time_then_the_exports_pace():
    frame = pd.DataFrame(
        {
            "distance_m": [5000.0, 5000.0, 5000.0, 0.0],
            "duration_s": [2000.0, 2000.0, 2000.0, 600.0],
            "moving_time_s": [1500.0, np.nan, np.nan, 600.0],
            "avg_pace_s_per_km": [np.nan, 330.0, np.nan, np.nan],
        }
    )
    pace = oracle_pace(frame)
    assert pace[:3].tolist() == [300.0, 330.0, 400.0]
    assert np.isnan(pace[3])


def test_evaluate_scores_a_table_against_the_frames_truth():
    frame = pd.DataFrame(
        {
            "id": [1, 2, 3, 4],
            "distance_m": [5000.0, 5000.0, 3000.0, 40.0],
            "duration_s": [1500.0, 1800.0, 2400.0, 60.0],
            "moving_time_s": np.nan,
            "avg_pace_s_per_km": np.nan,
            "truth": ["run", "run", "walk", "outlier"],
        }
    )
    table = pd.DataFrame(
        {
            "id": [1, 2, 3, 4],
            "label": ["run", "walk", "walk", "outlier"],
            "confidence": [0.9, 0.6, 0.8, 1.0],
        }
    )
    score = evaluate(frame, table)
    assert score.n == 4 and score.agreement == 0.75
    assert dict(score.confusion["run"]) == {"run": 1, "walk": 1}
    assert dict(score.confusion["outlier"]) == {"outlier": 1}
    assert score.oracle.agreement == 0.75  # the outlier is beyond any pace threshold
    assert score.margin == 0.0
    # Bins: 0.9 and 1.0 both right (gap 0.05 each), 0.6 wrong (0.6), 0.8 right (0.2).
    assert score.ece == pytest.approx((2 * 0.05 + 0.6 + 0.2) / 4)
    with pytest.raises(ValueError, match="4 workouts but 3"):
        evaluate(frame, table.iloc[:3])
