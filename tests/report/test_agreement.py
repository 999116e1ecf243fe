"""Tests of analysis/report/agreement.py: package against coders, coders against each other."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.report.agreement import AGREEMENT_COLUMNS, agreement, main, package_labels, pair_measures
from analysis.report.coding import CodingSession, sample_units


def _code(units, path, coder, labels):
    s = CodingSession(units, path, coder=coder, clock=lambda: "t")
    for lab in labels:
        s.record(lab)


def test_agreement_pair_measures_match_sklearn_and_krippendorff():
    import krippendorff
    from sklearn.metrics import cohen_kappa_score

    a = pd.Series(["achieved", "partial", "slow", "not_assessed", "partial", "not_achieved"])
    b = pd.Series(["partial", "partial", "slow", "not_assessed", "achieved", "not_achieved"])
    m = pair_measures(a, b, "objective")
    assert m["accuracy"] == pytest.approx(4 / 6)
    assert m["kappa"] == pytest.approx(cohen_kappa_score(a, b))
    scale = ["not_achieved", "slow", "partial", "achieved"]
    on = [(x, y) for x, y in zip(a, b) if x in scale and y in scale]
    assert m["kappa_linear"] == pytest.approx(cohen_kappa_score(
        [scale.index(x) for x, _ in on], [scale.index(y) for _, y in on], weights="linear", labels=[0, 1, 2, 3]))
    codes = {v: k for k, v in enumerate(["not_achieved", "slow", "partial", "achieved", "not_assessed"])}
    assert m["alpha_nominal"] == pytest.approx(krippendorff.alpha(
        reliability_data=[[codes[x] for x in a], [codes[x] for x in b]], level_of_measurement="nominal",
        value_domain=list(range(5))))


def test_agreement_package_and_two_coders_with_intervals(seed_all_tables, tmp_path):
    units = sample_units(seed_all_tables, "tone", n=30, seed=0)
    pkg = package_labels(seed_all_tables, "tone").loc[units["unit_id"]].tolist()
    _code(units, tmp_path / "a.csv", "A", pkg)  # coder A agrees with the package everywhere
    flipped = ["neutral" if x != "neutral" else "positive" for x in pkg]
    _code(units, tmp_path / "b.csv", "B", flipped)  # coder B never does
    res = agreement([pd.read_csv(tmp_path / "a.csv", dtype=str), pd.read_csv(tmp_path / "b.csv", dtype=str)],
                    seed_all_tables, seed=0, n_boot=50)
    s = res["summary"]
    assert list(s.columns) == AGREEMENT_COLUMNS
    acc = s[s["measure"] == "accuracy"].set_index(["rater_a", "rater_b"])["value"]
    assert acc[("package", "A")] == 1.0 and acc[("package", "B")] == 0.0 and acc[("A", "B")] == 0.0
    assert set(s["n_units"]) == {30}
    # One document only: no resampling is possible, the interval is left empty.
    assert s["low"].isna().all()
    assert res["confusion"][("tone", "package", "A")].to_numpy().trace() == 30


def test_agreement_command_writes_tables_and_figure(seed_all_tables, tmp_path, capsys):
    from analysis.pipeline import write_all

    write_all(seed_all_tables, tmp_path / "run")
    units = sample_units(seed_all_tables, "objective", n=5, seed=0)
    _code(units, tmp_path / "c.csv", "A", ["partial"] * len(units))
    assert main([str(tmp_path / "c.csv"), "--tables", str(tmp_path / "run"), "--out", str(tmp_path / "o"),
                 "--figure", str(tmp_path / "f")]) == 0
    assert (tmp_path / "o" / "agreement.csv").exists()
    assert (tmp_path / "f" / "agreement-objective-package-A.png").exists()
    assert main([str(tmp_path / "nope.csv"), "--tables", str(tmp_path / "run")]) == 1
    assert "coding file not found" in capsys.readouterr().err
