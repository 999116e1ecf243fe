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


# --- issue 15: streaming, header metadata, selection ------------------------------------------

from analysis import config  # noqa: E402
from analysis.text.corpus import load_document  # noqa: E402
from analysis.io.tei import Selection, date_bound, iter_tei  # noqa: E402
from tei_fixtures import SEED_TEI, VOLUME_ID, expected_date, is_policy, make_volume  # noqa: E402

SENTENCE_FIELDS = ["section", "heading", "subheading", "paragraph", "page", "footnotes", "text"]


def test_tei_and_plain_text_of_the_seed_give_the_same_sections_and_sentences():
    tei = load_tei(SEED_TEI)[0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plain = load_document(config.RAW_DIR / "frus1951v02-peru-policy-statement.txt")
    assert tei.title == plain.title
    assert len(tei.sentences) == len(plain.sentences) > 90
    assert tei.sentences[SENTENCE_FIELDS].equals(plain.sentences[SENTENCE_FIELDS])
    assert tei.footnotes.text.tolist() == plain.footnotes.text.tolist()


def test_tei_header_title_and_idno_fill_volume_and_url_of_every_document(tmp_path):
    p = tmp_path / "anything.xml"
    p.write_text(make_volume(6), encoding="utf-8")
    docs = load_tei(p)
    assert {d.volume for d in docs} == {"Foreign Relations of the United States, 1951, Test Volume IX"}
    assert [d.url for d in docs] == [f"https://history.state.gov/historicaldocuments/{VOLUME_ID}/d{n}"
                                     for n in range(1, 7)]
    assert [d.doc_id for d in docs] == [f"{VOLUME_ID}-d{n}" for n in range(1, 7)]


def test_tei_volume_without_header_or_ids_has_no_url(volume):
    # VOLUME above: a root xml:id but no idno; divs with xml:id -> url from the root id
    assert [d.url for d in iter_tei(volume)][0].endswith("/frus1999v01/d5")
    bare = b'<TEI><text><body><div type="document"><p>A.</p></div></body></text></TEI>'
    assert [(d.url, d.volume) for d in iter_tei(bare)] == [("", "")]


def test_tei_date_from_doc_datetime_min_else_dateline_date_else_dateline_text():
    docs = list(iter_tei(make_volume(14).encode()))
    assert [d.date for d in docs] == [expected_date(n) for n in range(1, 15)]
    stamped = b'''<TEI xmlns:frus="http://history.state.gov/frus/ns/1.0"><div type="document"
        frus:doc-dateTime-min="1950-05-08T09:00:00-04:00"><head>T</head>
        <dateline>Bogot\xc3\xa1, June 1, 1950.</dateline><p>A.</p></div></TEI>'''
    assert [d.date for d in iter_tei(stamped)] == ["1950-05-08"]


def test_tei_selection_by_doc_title_and_date_is_the_one_used_by_load_tei(tmp_path):
    p = tmp_path / "v.xml"
    p.write_text(make_volume(24), encoding="utf-8")
    picked = load_tei(p, select=Selection(title="policy statement"))
    assert [d.doc_id for d in picked] == [f"{VOLUME_ID}-d{n}" for n in range(1, 25) if is_policy(n)]
    dated = load_tei(p, select=Selection(start="1951-02", end="1951-02"))
    assert [d.date for d in dated] == [expected_date(n) for n in range(1, 25)
                                       if expected_date(n).startswith("1951-02")]
    both = load_tei(p, select=Selection(docs=("d8", f"{VOLUME_ID}-d12", "d13"), title="Policy"))
    assert [d.doc_id for d in both] == [f"{VOLUME_ID}-d8", f"{VOLUME_ID}-d12"]
    with pytest.raises(LoadError, match=r"no document matches --doc d99; widen the selection"):
        load_tei(p, select=Selection(docs=("d99",)))


def test_selection_rejects_bad_regex_dates_and_reversed_ranges():
    with pytest.raises(ValueError, match="not a regular expression"):
        Selection(title="(")
    with pytest.raises(ValueError, match="is not YYYY, YYYY-MM or YYYY-MM-DD"):
        Selection(start="1951-13")
    with pytest.raises(ValueError, match="ends .* before it starts"):
        Selection(start="1952", end="1951")


def test_selection_date_bounds_are_inclusive_and_undated_documents_left_out():
    s = Selection(start="1951-03", end="1951-03")
    assert s.matches("v-d1", "d1", "T", "1951-03-01") and s.matches("v-d1", "d1", "T", "1951-03-31")
    assert not s.matches("v-d1", "d1", "T", "1951-04-01")
    assert not s.matches("v-d1", "d1", "T", "")
    assert Selection(title="x").matches("v-d1", "d1", "T x", "")
    assert date_bound("1951-02", end=True) >= "1951-02-28"


def test_tei_reader_memory_does_not_grow_with_the_volume(tmp_path):
    # Peak Python memory (tracemalloc) while streaming a ~1 MB and a ~6 MB volume of the same
    # documents: a whole tree grows by ~2.3 bytes per byte of XML (defusedxml.parse, measured);
    # the stream holds one document, so only its small per-document record (the set of ids
    # seen) grows.
    import tracemalloc

    list(iter_tei(make_volume(2).encode()))  # imports done before measuring

    def peak(n_docs):
        p = tmp_path / f"v{n_docs}.xml"
        p.write_text(make_volume(n_docs, filler_words=600), encoding="utf-8")
        tracemalloc.start()
        try:
            count = sum(1 for _ in iter_tei(p))
            top = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert count == n_docs
        return top, p.stat().st_size

    small, small_size = peak(200)
    large, large_size = peak(1200)
    assert large_size > 5 * small_size > 4_000_000
    assert (large - small) / (large_size - small_size) < 0.1
    assert large < large_size / 10


def test_tei_excerpt_of_the_office_of_the_historian_gets_volume_title_and_urls():
    docs = list(iter_tei(shared_path("frus-tei", "frus1952-54Guat-d9-d11.xml")))
    assert {d.volume for d in docs} == {"Foreign Relations of the United States, 1952–1954, Guatemala"}
    assert docs[0].url == "https://history.state.gov/historicaldocuments/frus1952-54Guat/d9"
    assert docs[0].title.startswith("9. Memorandum for the Record")
    assert docs[0].date == "1952-04-16"
