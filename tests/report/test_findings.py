"""Tests of analysis.report.findings: the sentences follow the tables they are written from."""
from __future__ import annotations

import pandas as pd

from analysis.report import findings as fd

DOCS = pd.DataFrame({"doc_id": ["a", "b"], "country": ["PE", "CO"], "date": ["1951-01-01", "1950-05-08"]})


def _sentences(n_policies_b=2):
    rows = [("a", "objectives", "We seek peace."), ("a", "policies", "We act now here."),
            ("a", "evaluation", "It went well.")]
    rows += [("b", "objectives", "We seek trade.")] + [("b", "policies", "Aid flows.")] * n_policies_b
    rows += [("b", "evaluation", "Slow.")]
    return pd.DataFrame(rows, columns=["doc_id", "section", "text"]).assign(paragraph=1)


def test_findings_corpus_counts_follow_the_sentences():
    one = fd.corpus_findings({"documents": DOCS, "sentences": _sentences()})
    assert one[0] == "The corpus holds 2 statements: 7 sentences, 18 words."
    assert one[1] == "The longest statement is Peru 1951 (10 words), the shortest Colombia 1950 (8 words)."
    more = fd.corpus_findings({"documents": DOCS, "sentences": _sentences(n_policies_b=5)})
    assert more[0] == "The corpus holds 2 statements: 10 sentences, 24 words."
    assert more[1].startswith("The longest statement is Colombia 1950 (14 words)")


def test_findings_corpus_names_a_statement_without_evaluation():
    s = _sentences()
    s = s[~((s["doc_id"] == "b") & (s["section"] == "evaluation"))]
    out = fd.corpus_findings({"documents": DOCS, "sentences": s})
    assert any(line.startswith("1 of 2 statements has no evaluation section (Colombia 1950)")
               for line in out)


def _tone(eval_b=0.4):
    return pd.DataFrame({"doc_id": ["a", "b"], "document": ["Peru 1951", "Colombia 1950"],
                         "section": ["evaluation"] * 2, "score": ["register"] * 2,
                         "mean": [0.1, eval_b], "ci_low": [0.0, eval_b - 0.1],
                         "ci_high": [0.2, eval_b + 0.1], "n_sentences": [12, 30], "small": False,
                         "resampled": "sentences"})


def _by_kind(achieved_security=3):
    return pd.DataFrame({
        "kind": ["security"] * 2 + ["democracy"] * 2, "verdict": ["achieved", "slow"] * 2,
        "kind_label": ["security and defence"] * 2 + ["democracy and anti-communism"] * 2,
        "n": [achieved_security, 4 - achieved_security, 1, 5],
        "n_objectives": [4, 4, 6, 6], "n_documents": [2, 2, 2, 2]})


def test_findings_comparison_quotes_means_intervals_and_n_of_the_largest_difference():
    empty = pd.DataFrame(columns=["doc_id"])
    out = fd.comparison_findings(_by_kind(), _tone(), empty, empty)
    tone = next(line for line in out if "differ most" in line)
    assert "Colombia 1950 0.40 [0.30, 0.50] (n = 30 sentences)" in tone
    assert "Peru 1951 0.10 [0.00, 0.20] (n = 12)" in tone and "do not overlap" in tone
    changed = fd.comparison_findings(_by_kind(), _tone(eval_b=0.25), empty, empty)
    tone = next(line for line in changed if "differ most" in line)
    assert "0.25 [0.15, 0.35]" in tone and tone.endswith("overlap.") and "do not" not in tone


def test_findings_comparison_kind_counts_change_with_the_table():
    empty = pd.DataFrame(columns=["doc_id"])
    out = fd.comparison_findings(_by_kind(3), empty, empty, empty)
    assert "security and defence (3 of 4)" in out[1] and "democracy and anti-communism (1 of 6)" in out[1]
    out = fd.comparison_findings(_by_kind(0), empty, empty, empty)
    assert "democracy and anti-communism (1 of 6)" in out[1].split("least")[0]
    assert "security and defence (0 of 4)" in out[1]


def test_findings_comparison_says_one_statement_cannot_be_compared():
    t = _tone().iloc[:1]
    out = fd.comparison_findings(None, t, None, None)
    assert any("With one statement there is nothing to compare" in line for line in out)
    assert not any("differ most" in line for line in out)


def test_findings_progress_reads_the_held_out_figure_when_validation_is_there():
    a = pd.DataFrame({"doc_id": ["a", "a", "b"], "objective_id": [1, 2, 1],
                      "verdict": ["achieved", "partial", "achieved"]})
    tables = {"objectives": a[["doc_id", "objective_id"]], "assessments": a, "documents": DOCS}
    summary = pd.DataFrame({"scope": "pooled", "group": "", "measure": ["accuracy", "kappa"],
                            "value": [0.41, 0.27], "low": [0.2, 0.1], "high": [0.6, 0.5],
                            "n_documents": 10, "n_units": 66, "mode": "held_out"})
    with_v = fd.progress_findings(tables, {"validation_summary": summary})
    assert "0.41 [0.20, 0.60] of 66 objectives, weighted kappa 0.27" in with_v[-1]
    assert "called clear" not in with_v[-1]
    clear = pd.DataFrame({"scope": "coding", "group": ["clear", "ambiguous"], "measure": "accuracy",
                          "value": [0.6, 0.2], "low": [0.5, 0.1], "high": [0.8, 0.4],
                          "n_documents": 9, "n_units": [36, 30], "mode": "held_out"})
    with_c = fd.progress_findings(tables, {"validation_summary": pd.concat([summary, clear])})
    assert "weighted kappa 0.27 (0.60 [0.50, 0.80] on the 36 the coder called clear)" in with_c[-1]
    without = fd.progress_findings(tables)
    assert "far less often than a second coder" in without[-1]
    assert not any(ch.isdigit() for ch in without[-1])  # no number typed in
    assert without[1] == "Most achieved: Colombia 1950 (1 of 1 objective); fewest: Peru 1951 (1 of 2)."


def test_findings_tone_reads_the_stance_agreement_table():
    sa = pd.DataFrame({"method": ["mention_stance", "all_neutral"], "split": "heldout",
                       "n": [97, 97], "accuracy": [0.53, 0.55], "kappa": [0.2, 0.0]})
    out = fd.tone_findings({}, {"stance_agreement": sa})
    assert out[-1].startswith("On mentions it was never fitted on, the stance label agrees with "
                              "the coders on 0.53 of 97")
    assert "0.55 for calling every mention neutral" in out[-1]
    # a test split (never fitted on) is preferred to the statements' held-out half
    test = sa.assign(split="test", n=195, accuracy=[0.71, 0.68])
    out = fd.tone_findings({}, {"stance_agreement": pd.concat([sa, test])})
    assert "on 0.71 of 195" in out[-1] and "0.68 for calling every mention neutral" in out[-1]


def test_findings_read_validation_finds_tables_beside_or_under_out(tmp_path):
    (tmp_path / "validation").mkdir()
    pd.DataFrame({"method": ["x"]}).to_csv(tmp_path / "validation" / "stance_agreement.csv", index=False)
    assert list(fd.read_validation(tmp_path)) == ["stance_agreement"]
    assert fd.read_validation(tmp_path / "nothing") == {}


def test_findings_as_markdown_lists_every_sentence():
    assert fd.as_markdown(["A.", "B."]) == "**Findings**\n\n- A.\n- B."


def test_findings_comparison_quotes_the_kind_agreement_it_is_given():
    empty = pd.DataFrame(columns=["doc_id"])
    agree = pd.DataFrame({"split": ["development"], "n": [40], "n_documents": [4],
                          "accuracy": [0.75], "kappa": [0.6]})
    out = fd.comparison_findings(None, empty, empty, empty, kind_agreement=agree)
    line = next(x for x in out if x.startswith("Kinds come from"))
    assert "on 30 of 40 coded objectives (0.75, kappa 0.60)" in line
