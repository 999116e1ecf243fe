"""Tests of analysis/io/tei.py: FRUS TEI documents read like the plain text."""
from __future__ import annotations

import warnings

import pytest

from analysis.io.loader import LoadError

from analysis.text.corpus import load_corpus
from analysis.text.corpus import load_tei
from analysis.io.tei import tei_documents
from conftest import shared_path

VOLUME = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="frus1999v01">
 <teiHeader><fileDesc><titleStmt><title>Test volume</title></titleStmt></fileDesc></teiHeader>
 <text><body><div type="compilation">
  <pb n="40" xml:id="pg_40"/>
  <div type="document" xml:id="d5" n="5">
   <head>5. Policy Statement Prepared in the Department of State<note n="1" type="source">Source:
     Department of State, <hi rend="italic">Policy Statements</hi>. Secret.</note></head>
   <dateline><placeName>Washington</placeName>, <date when="1951-03-01">March 1, 1951</date>.</dateline>
   <p><hi rend="italic">a. objectives</hi></p>
   <p>We seek the support of <persName>Ruritania</persName> in hemisphere
     security.<note n="2">See pp. 985 ff.</note> We wish to obtain <pb n="41"/>strategic
     materials.</p>
   <p><hi rend="italic">d. policy evaluation</hi></p>
   <p>Progress has been slow. [<hi rend="italic">1 line of source text not declassified</hi>]</p>
  </div>
  <div type="document" xml:id="d6" n="6">
   <head>6. Editorial Note</head>
   <p>No text of this statement has been found.</p>
  </div>
 </div></body></text>
</TEI>
"""


@pytest.fixture
def volume(tmp_path):
    p = tmp_path / "frus1999v01.xml"
    p.write_text(VOLUME, encoding="utf-8")
    return p


def test_tei_one_document_per_div_with_volume_ids(volume):
    assert [doc_id for doc_id, _ in tei_documents(volume)] == ["frus1999v01-d5", "frus1999v01-d6"]


def test_tei_sections_pages_and_footnotes(volume):
    doc = load_tei(volume)[0]
    s = doc.sentences
    assert doc.title == "5. Policy Statement Prepared in the Department of State"
    assert doc.date == "1951-03-01"
    assert s.section.tolist() == ["objectives", "objectives", "evaluation", "evaluation"]
    assert s.heading.tolist()[-1] == "d. policy evaluation"
    assert s.page.tolist() == [40, 40, 41, 41]
    assert s.footnotes.tolist() == ["2", "", "", ""]
    assert s.text.tolist()[0] == "We seek the support of Ruritania in hemisphere security."
    assert doc.footnotes.text.tolist() == ["Source: Department of State, Policy Statements. Secret.",
                                           "See pp. 985 ff."]
    assert "[1 line of source text not declassified]" in s.text.tolist()[-1]


def test_tei_loads_beside_plain_text_in_a_folder(volume):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tables = load_corpus([volume.parent])
    assert tables["documents"].doc_id.tolist() == ["frus1999v01-d5", "frus1999v01-d6"]


def test_tei_rejects_malformed_xml_with_one_line(tmp_path):
    bad = tmp_path / "broken.xml"
    bad.write_text("<TEI><text>", encoding="utf-8")
    with pytest.raises(LoadError, match=r"'broken.xml' is not well-formed TEI XML"):
        load_tei(bad)


def test_tei_refuses_entity_expansion(tmp_path):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><TEI>&a;</TEI>',
                    encoding="utf-8")
    with pytest.raises(LoadError, match="bomb.xml"):
        load_tei(bomb)


def test_tei_reads_the_office_of_the_historian_excerpt():
    path = shared_path("frus-tei", "frus1952-54Guat-d9-d11.xml")
    docs = load_tei(path)
    assert [d.doc_id for d in docs] == ["frus1952-54Guat-d9", "frus1952-54Guat-d10",
                                        "frus1952-54Guat-d11"]
    assert docs[0].date == "1952-04-16"
    assert docs[0].footnotes.text.iloc[0].startswith("Source: Central Intelligence Agency")
    assert 18 in set(docs[0].sentences.page)


def _volume(divs: str) -> str:
    return f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="vol"><text><body>{divs}</body></text></TEI>'


GOOD_DIV = ('<div type="document" {attrs}><head>A Memorandum</head>'
            '<p>We seek security. We act.</p></div>')


def test_tei_deep_nesting_is_no_recursion_error(tmp_path):
    deep = "<hi>" * 10_000 + "deep words." + "</hi>" * 10_000
    p = tmp_path / "deep.xml"
    p.write_text(_volume(GOOD_DIV.format(attrs='xml:id="d1"')
                         + f'<div type="document" xml:id="d2"><head>T</head><p>Top. {deep}</p></div>'))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        docs = load_tei(p)
    assert [d.doc_id for d in docs] == ["vol-d1", "vol-d2"]
    assert " ".join(docs[1].sentences.text) == "Top. deep words."
    assert any("deeper than" in str(w.message) for w in caught)


def test_tei_empty_document_is_skipped_with_a_warning_and_the_volume_kept(tmp_path):
    p = tmp_path / "v.xml"
    p.write_text(_volume(GOOD_DIV.format(attrs='xml:id="d1"')
                         + '<div type="document" xml:id="d2"/>'
                         + GOOD_DIV.format(attrs='xml:id="d3"')))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        docs = load_tei(p)
    assert [d.doc_id for d in docs] == ["vol-d1", "vol-d3"]
    assert any("vol-d2 has no text" in str(w.message) for w in caught)


def test_tei_ids_from_xml_id_else_n_else_position_always_unique(tmp_path):
    p = tmp_path / "v.xml"
    p.write_text(_volume(GOOD_DIV.format(attrs='xml:id="a"') + GOOD_DIV.format(attrs='n="7"')
                         + GOOD_DIV.format(attrs="") + GOOD_DIV.format(attrs="")
                         + GOOD_DIV.format(attrs='xml:id="a"')))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ids = [i for i, _ in tei_documents(p)]
        docs = load_tei(p)
    assert ids == ["vol-a", "vol-7", "vol-d3", "vol-d4", "vol-a-5"]
    assert [d.doc_id for d in docs] == ids
    assert any("repeats id 'vol-a'" in str(w.message) for w in caught)


def test_tei_fifo_is_refused_by_type(tmp_path):
    import os

    os.mkfifo(tmp_path / "v.xml")
    with pytest.raises(LoadError, match="FIFO"):
        load_tei(tmp_path / "v.xml")


# --- issue 11: property-based tests (bounded) ----------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

PROPERTY = settings(max_examples=30, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])

_XML_WORD = st.text(st.characters(categories=("L",)), min_size=1, max_size=8)


@st.composite
def _tei_paragraph(draw):
    """A <p> of sentences opening with "The", words wrapped in nested <hi> (sometimes past
    MAX_DEPTH), <pb/> between words; returns (xml, words)."""
    from xml.sax.saxutils import escape

    words, parts = [], []
    for s in draw(st.lists(st.lists(_XML_WORD, min_size=1, max_size=6), min_size=1, max_size=3)):
        sentence = ["The", *s]
        sentence[-1] += "."
        words += sentence
        for w in sentence:
            depth = draw(st.sampled_from([0, 0, 1, 3, 150]))
            parts.append("<hi>" * depth + escape(w) + "</hi>" * depth)
            if draw(st.integers(0, 7)) == 0:
                parts.append(f'<pb n="{draw(st.sampled_from(["7", "", "-3", "x", "99999999999"]))}"/>')
    return "<p>" + " ".join(parts) + "</p>", words


@st.composite
def _tei_volume(draw):
    divs, bodies = [], []
    for i in range(draw(st.integers(1, 3))):
        paragraphs = draw(st.lists(_tei_paragraph(), max_size=3))  # empty: skipped, volume kept
        ident = draw(st.sampled_from([f'xml:id="d{i}"', f'n="{i}"', "", 'xml:id="same"']))
        head = draw(st.sampled_from(["<head>T</head>", "<head>1. Policy Statement</head>"]))
        heading = draw(st.sampled_from(["", "<p>a. objectives</p>"]))
        divs.append(f'<div type="document" {ident}>{head}{heading}'
                    + "".join(p for p, _ in paragraphs) + "</div>")
        bodies.append([w.rstrip(".") for _, ws in paragraphs for w in ws])
    return ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>' + "".join(divs)
            + "</body></text></TEI>"), bodies


def _load_tei_text(text):
    """load_tei on ``text`` written to a temporary vol.xml: (docs, None) or (None, LoadError)."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "vol.xml"
        p.write_text(text, encoding="utf-8")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                return load_tei(p), None
            except LoadError as exc:
                return None, exc


@PROPERTY
@given(_tei_volume())
def test_tei_property_never_loses_body_text_and_ids_are_unique(volume_and_bodies):
    xml, bodies = volume_and_bodies
    docs, exc = _load_tei_text(xml)
    if exc is not None:
        assert not any(bodies) and "\n" not in str(exc)
        return
    kept = [b for b in bodies if b]
    assert len(docs) == len(kept)
    assert len({d.doc_id for d in docs}) == len(docs)
    for doc, body in zip(docs, kept):
        assert [w.rstrip(".") for t in doc.sentences.text for w in t.split()] == body


@PROPERTY
@given(st.text(max_size=200))
def test_tei_property_arbitrary_text_raises_only_load_error(text):
    _, exc = _load_tei_text(text)
    assert exc is None or "\n" not in str(exc)


def test_tei_sentence_with_a_page_break_is_not_taken_for_a_subheading(tmp_path):
    # Found by the property test: "The A. <pb/>" became the sub-heading "The A. [Page 7]".
    p = tmp_path / "vol.xml"
    p.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><div type="document" xml:id="d0">'
                 '<head>T</head><p>a. objectives</p><p>The A. <pb n="7"/></p></div></body></text></TEI>',
                 encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        docs = load_tei(p)
    assert " ".join(docs[0].sentences.text).split() == ["The", "A."]
