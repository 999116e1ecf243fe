"""Tests of analysis/contracts.py and of the pipeline's use of them."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis import pipeline
from analysis.contracts import CONTRACTS, Contract, ContractError, producer, table_kinds, text_columns
from analysis.io.tables import read_table, write_table

SENTENCES = pd.DataFrame({"doc_id": ["d", "d"], "sentence_id": [0, 1], "section": ["objectives", "evaluation"],
                          "paragraph": [1, 2], "text": ["We seek Namibia's support.",
                                                        "Relations with Peru have been successful."]})


def test_contracts_every_step_module_declares_the_contract_of_its_name():
    assert [m.CONTRACT.step for m in pipeline.STEPS] == [s for s in CONTRACTS if s != "load"]
    for m in pipeline.STEPS:
        assert m.CONTRACT is CONTRACTS[m.CONTRACT.step]


def test_contracts_each_table_has_one_producer_before_its_readers():
    order = list(CONTRACTS)
    for c in CONTRACTS.values():
        for table in c.needs:
            src = producer(table)
            assert src, f"{c.step} needs {table}, which no step writes"
            assert order.index(src) <= order.index(c.step) or table in c.optional


def test_contracts_pipeline_output_matches_every_declaration(seed_all_tables):
    for c in CONTRACTS.values():
        for table, columns in c.writes.items():
            assert list(seed_all_tables[table].columns) == list(columns), table


def test_contracts_missing_table_is_one_error_naming_step_and_producer():
    with pytest.raises(ContractError, match="step 'stance' needs the table 'mentions' "
                                            r"\(written by step 'countries'\)"):
        pipeline.run_steps({"sentences": SENTENCES}, seed=0, steps=["sentiment", "stance"])


def test_contracts_missing_column_names_the_column():
    with pytest.raises(ContractError, match=r"needs columns \['text'\] of the table 'sentences'"):
        pipeline.run_steps({"sentences": SENTENCES.drop(columns="text")}, seed=0, steps=["countries"])


def test_contracts_a_step_writing_an_undeclared_column_is_caught():
    c = Contract("demo", writes={"t": {"a": "int"}})
    c.check_writes({"t": pd.DataFrame({"a": [1]})})
    with pytest.raises(ContractError, match="declares"):
        c.check_writes({"t": pd.DataFrame({"a": [1], "b": [2]})})
    with pytest.raises(ContractError, match="undeclared tables"):
        c.check_writes({"u": pd.DataFrame()})


def test_contracts_no_step_runs_an_earlier_one(seed_tables):
    # the tone step used to compute country mentions itself when they were missing
    from analysis.measures import sentiment, stance

    t = dict(seed_tables)
    t.pop("mentions", None)
    t.update(sentiment.build_tables(t, seed=0))
    with pytest.raises(KeyError):
        stance.build_tables(t, seed=0)


def test_contracts_text_columns_survive_a_round_trip(tmp_path):
    # "NA" is Namibia's code; "1;3" two footnotes; both stay text
    m = pd.DataFrame({"doc_id": ["007"], "sentence_id": [0], "iso2": ["NA"], "country": ["Namibia"],
                      "surface": ["Namibia"], "kind": ["name"], "start": [9], "end": [16],
                      "iso2_current": ["NA"]})
    write_table(m, tmp_path / "mentions.csv")
    back = read_table(tmp_path / "mentions.csv")
    assert back.loc[0, "iso2"] == "NA" and back.loc[0, "doc_id"] == "007"
    assert "evidence" not in text_columns("alignment") and "evidence" in text_columns("assessments")
    assert table_kinds("alignment")["evidence"] == "bool"
