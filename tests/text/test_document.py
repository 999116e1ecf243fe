"""Tests of analysis/io/loader.py (reading), analysis/text/document.py (parsing) and analysis/text/corpus.py (loading a corpus)."""
from __future__ import annotations

import hashlib
import warnings

import pandas as pd
import pytest

from analysis import config
from analysis.io.loader import LoadError, LoadWarning, read_text
from analysis.measures import countries
from analysis.text.corpus import load_corpus, load_document
from analysis.text.document import parse_text
from conftest import SEED_DOC, SEED_FILE, shared_path

OTHER_STYLES = """Department of State Policy Statement

Ruritania, March 3, 1952

A. Objectives

Our objectives are to: (1) obtain support; (2) assist development.1

B. Policies

Strategic Materials

We buy tin from Ruritania.2 Gen. Smith of the U.S. Army visited St. Louis in Jan. 1951.

C. Relations with Other States

Relations with neighbours are cordial.

D. Policy Evaluation

Progress has been slow.

  1. See vol. ii, pp. 985 ff.
  2. 62 Stat. 1681.
"""

NO_HEADINGS = """A Memorandum

This text has no lettered sections. It is still read.
"""


def test_loader_seed_has_four_sections_with_exact_first_sentences(seed_tables):
    s = seed_tables["sentences"]
    firsts = s.groupby("section", sort=False).head(1).set_index("section")
    assert list(firsts.index) == ["objectives", "policies", "relations", "evaluation"]
    assert firsts.loc["objectives", "text"] == ("The US seeks to maintain Peru’s support for our "
                                                "objectives in this Hemisphere and throughout the world.")
    assert firsts.loc["policies", "text"] == ("Our policies toward Peru have to take into account basic "
                                              "social and political conditions in that country.")
    assert firsts.loc["policies", "subheading"] == "Background"
    assert firsts.loc["relations", "text"] == ("The present government of Peru has both real and "
                                               "imaginary difficulties in foreign affairs.")
    assert firsts.loc["evaluation", "text"].startswith("In regard to our objective of maintaining Peruvian")
    assert firsts.loc["relations", "heading"] == "c. Relations with other countries"
    assert firsts.loc["evaluation", "heading"] == "d. evaluation"


def _sentence(s, prefix):
    hit = s[s.text.str.startswith(prefix)]
    assert len(hit) == 1, prefix
    return hit.iloc[0]


def test_loader_pages_in_force_where_sentence_starts(seed_tables):
    s = seed_tables["sentences"]
    assert s.iloc[0].page == 1582
    assert _sentence(s, "We wish to obtain a fair contribution").page == 1582
    assert _sentence(s, "We seek to encourage stability").page == 1583
    assert _sentence(s, "Peru has remained primarily a producer").page == 1585
    assert _sentence(s, "In regard to our objective").page == 1588
    assert s.page.is_monotonic_increasing


def test_loader_links_glued_footnote_numbers(seed_tables):
    s = seed_tables["sentences"]
    security = _sentence(s, "We wish to obtain a fair contribution")
    assert security.footnotes == "1"
    assert "security through" in security.text
    assert _sentence(s, "Due to the lack of a Congress").footnotes == "2"
    assert _sentence(s, "Peru’s relations with Colombia").footnotes == "8;9"
    refs = [int(n) for f in s.footnotes if f for n in f.split(";")]
    assert refs == list(range(1, 13))
    assert len(seed_tables["footnotes"]) == 12


def test_loader_keeps_footnote_text_out_of_sentences(seed_tables):
    body = " ".join(seed_tables["sentences"].text)
    for note in seed_tables["footnotes"].text:
        assert note[:40] not in body
    assert "[Page" not in body
    assert "de la Torre by the Colombian Embassy" in body  # glued number removed
    assert "Torre8" not in body and "security1" not in body


def test_loader_keeps_real_numbers(seed_tables):
    notes = seed_tables["footnotes"].set_index("footnote").text
    assert notes[1].endswith("pp. 985 ff.")
    assert "62 Stat. (pt. 2) 1681" in notes[2]
    body = seed_tables["sentences"]
    assert _sentence(body, "In 1945, Peru had").text.startswith("In 1945")
    assert "July 28, 1950" in _sentence(body, "The Junta formally dissolved").text


def test_loader_document_metadata(seed_tables):
    d = seed_tables["documents"].iloc[0]
    assert d.doc_id == SEED_DOC
    assert d.title == "Policy Statement Prepared in the Department of State"
    assert d.sha256 == hashlib.sha256(SEED_FILE.read_bytes()).hexdigest()
    assert d.country == "PE"
    assert pd.isna(d.date) or d.date == ""  # not in the text, not invented
    assert d.n_sentences == len(seed_tables["sentences"])
    assert seed_tables["sentences"].sentence_id.tolist() == list(range(d.n_sentences))


def test_loader_handles_other_heading_styles():
    doc = parse_text(OTHER_STYLES, "ruritania")
    s = doc.sentences
    assert s.groupby("section", sort=False).size().index.tolist() == [
        "objectives", "policies", "relations", "evaluation"]
    assert s[s.section == "relations"].heading.iloc[0] == "C. Relations with Other States"
    assert s[s.section == "evaluation"].heading.iloc[0] == "D. Policy Evaluation"
    pol = s[s.section == "policies"]
    assert set(pol.subheading) == {"Strategic Materials"}
    assert pol.text.tolist() == ["We buy tin from Ruritania.",
                                 "Gen. Smith of the U.S. Army visited St. Louis in Jan. 1951."]
    assert pol.footnotes.tolist() == ["2", ""]
    assert doc.date == "1952-03-03"
    assert s.page.isna().all()  # no [Page N] markers, no invented pages


def test_loader_without_headings_warns_and_keeps_one_section(tmp_path):
    p = tmp_path / "memo.txt"
    p.write_text(NO_HEADINGS, encoding="utf-8")
    with pytest.warns(LoadWarning, match="no section headings"):
        doc = load_document(p)
    assert set(doc.sentences.section) == {"other"}
    assert len(doc.sentences) == 2


def test_loader_reads_bom_and_windows_line_endings(tmp_path):
    p = tmp_path / "crlf.txt"
    p.write_bytes(b"\xef\xbb\xbf" + OTHER_STYLES.replace("\n", "\r\n").encode("utf-8"))
    doc = load_document(p)
    ref = parse_text(OTHER_STYLES, "crlf")
    assert doc.sentences.text.tolist() == ref.sentences.text.tolist()


def test_loader_reads_cp1252_with_a_warning(tmp_path):
    p = tmp_path / "ansi.txt"
    p.write_bytes(OTHER_STYLES.replace("Ruritania.2", "Ruritania’s mines.2").encode("cp1252"))
    with pytest.warns(LoadWarning, match=r"'ansi.txt' is not UTF-8 \(tried cp1252: ok\)"):
        doc = load_document(p)
    assert "We buy tin from Ruritania’s mines." in doc.sentences.text.tolist()


@pytest.mark.parametrize("content, message", [
    (b"", "is empty"),
    (b"   \n\n", "is empty"),
    (b"\x00\x01binary\x00", "looks binary"),
])
def test_loader_rejects_bad_files_with_one_line(tmp_path, content, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(LoadError, match=message) as info:
        load_document(p)
    assert "bad.txt" in str(info.value) and "\n" not in str(info.value)


def test_loader_missing_file_and_empty_folder_are_reported(tmp_path):
    errors = []
    good = tmp_path / "good.txt"
    good.write_text(OTHER_STYLES, encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    tables = load_corpus([good, tmp_path / "nope.txt", empty], errors=errors)
    assert len(tables["documents"]) == 1
    assert any("nope.txt" in e and "does not exist" in e for e in errors)
    assert any("holds no documents" in e for e in errors)
    with pytest.raises(LoadError, match="does not exist"):
        load_corpus([tmp_path / "nope.txt"])


def test_loader_never_modifies_inputs(tmp_path):
    p = tmp_path / "doc.txt"
    p.write_bytes(OTHER_STYLES.replace("\n", "\r\n").encode("utf-8"))
    before = p.read_bytes(), p.stat().st_mtime_ns
    load_corpus([tmp_path], errors=[])
    assert (p.read_bytes(), p.stat().st_mtime_ns) == before


def test_loader_manifest_matches_raw_data():
    man = pd.read_csv(config.MANIFEST, dtype=str, keep_default_na=False)
    for row in man.itertuples():
        raw = (config.RAW_DIR / row.file).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == row.sha256


def test_loader_read_text_normalises_line_endings(tmp_path):
    p = tmp_path / "mac.txt"
    p.write_bytes(b"Title\r\rBody.\r")
    assert read_text(p) == "Title\n\nBody.\n"


@pytest.mark.parametrize("name, n_sections", [("colombia-1950.txt", 4), ("venezuela-1950.txt", 4)])
def test_loader_splits_dev_statements(name, n_sections):
    path = shared_path("frus-dev", name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = load_document(path)
    assert doc.sentences.section.nunique() == n_sections
    assert doc.date.startswith("1950-")
    assert len(doc.footnotes) >= 10
    assert not doc.sentences.text.str.contains(r"\[Page").any()


# -- whole volumes as one line (issue 10) -------------------------------------------------

def test_loader_long_first_block_is_body_not_title():
    text = ("Foreign Relations of the United States 1955 Volume VII " +
            " ".join(f"Document {i} says the Embassy reported on the talks." for i in range(50)))
    doc = parse_text(text, "vol")
    assert doc.title == ""
    assert len(doc.sentences) == 50
    assert doc.sentences.text.iloc[0].startswith("Foreign Relations of the United States")


def test_loader_short_first_block_is_still_the_title():
    doc = parse_text("A Short Title of Six Words\n\nIt is body. So is this.", "short")
    assert doc.title == "A Short Title of Six Words"
    assert len(doc.sentences) == 2


def test_loader_single_line_volume_loads(tmp_path):
    import sys

    sys.path.insert(0, str(config.PROJECT_ROOT / "tests"))
    from test_sentences import _volume_like

    p = tmp_path / "volume.txt"
    p.write_text(_volume_like(200_000), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LoadWarning)
        doc = load_document(p)
    assert len(doc.sentences) > 2000
    assert doc.sentences.paragraph.nunique() == 1  # no blank line: one paragraph
    assert set(doc.sentences.section) == {"other"}


@pytest.mark.slow
def test_loader_real_volume_sentence_count_near_punkt():
    path = shared_path("frus-volumes", "frus1964-68v31.txt")
    from analysis.text.sentences import _TOKENIZER

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LoadWarning)
        doc = load_document(path)
    n_punkt = sum(1 for _ in _TOKENIZER.span_tokenize(read_text(path)))
    assert abs(len(doc.sentences) - n_punkt) <= 0.15 * n_punkt


# --- issue 11: bad input and faults lose nothing ------------------------------------------

PERU_TITLE = """Policy Statement on Peru

We seek the support of Peru in hemisphere security. We wish to obtain strategic materials.

b. policies

It is our policy to help.
"""


def test_loader_policy_title_stays_the_title_and_missing_objectives_warn():
    doc = parse_text(PERU_TITLE, "peru")
    assert doc.title == "Policy Statement on Peru"
    assert doc.sentences.text.iloc[0] == "We seek the support of Peru in hemisphere security."
    assert any("no objectives section" in w for w in doc.section_warnings)


def test_loader_huge_page_number_is_a_warning_not_an_overflow(tmp_path):
    text = ("A Statement\n\na. objectives\n\nWe seek [Page 999999999999999999999] security. "
            "We [Page ] also [Page -3] act.\n")
    doc = parse_text(text, "x")
    assert " ".join(doc.sentences.text) == "We seek security. We also act."
    assert doc.sentences.page.isna().all()
    assert any("3 malformed page marker" in w for w in doc.warnings)


def test_loader_refuses_a_fifo_without_opening_it(tmp_path):
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(LoadError, match=r"pipe.txt' is a FIFO"):
        read_text(fifo)  # would block forever if opened


def test_loader_read_error_is_one_line_naming_the_file(tmp_path):
    import os

    p = tmp_path / "secret.txt"
    p.write_text("A Title\n\nText.\n")
    os.chmod(p, 0)
    try:
        if os.access(p, os.R_OK):
            pytest.skip("running as root: permissions are not enforced")
        with pytest.raises(LoadError, match=r"secret.txt' cannot be read \(PermissionError"):
            read_text(p)
    finally:
        os.chmod(p, 0o644)


def test_loader_nul_bytes_after_4kb_are_binary(tmp_path):
    p = tmp_path / "late.txt"
    p.write_bytes(b"A Title\n\n" + b"Text. " * 1000 + b"\x00\x00 more.\n")
    with pytest.raises(LoadError, match="looks binary .NUL bytes at byte 60"):
        read_text(p)


def test_loader_reads_utf16_with_bom(tmp_path):
    p = tmp_path / "wide.txt"
    p.write_bytes("A Title\r\n\r\nText é.\r\n".encode("utf-16"))
    assert read_text(p) == "A Title\n\nText é.\n"


def test_loader_bare_footnote_numbers_are_never_sentences():
    text = "A Title\n\na. objectives\n\nWe seek security.\n\n1.\n\n2.\n\nWe act.\n\n3.\n4.\n"
    doc = parse_text(text, "x")
    assert doc.sentences.text.tolist() == ["We seek security.", "We act."]


def test_loader_folder_entries_that_cannot_be_read_are_reported_each(tmp_path):
    import os

    (tmp_path / "good.txt").write_text("A Title\n\na. objectives\n\nWe seek security.\n")
    os.mkfifo(tmp_path / "fifo.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "folder.txt").mkdir()
    errors = []
    tables = load_corpus([tmp_path], errors=errors)
    assert tables["documents"].doc_id.tolist() == ["good"]
    assert len(errors) == 4 and all("\n" not in e for e in errors)
    joined = " ".join(errors)
    for name, what in [("fifo.txt", "FIFO"), ("dangling.txt", "dangling"),
                       ("loop.txt", "loop"), ("folder.txt", "folder")]:
        assert name in joined and what in joined


def test_loader_io_error_on_read_is_one_line_naming_the_file():
    """/proc/self/mem is a regular file whose read fails (EIO): an OSError, not a crash."""
    with pytest.raises(LoadError, match=r"'/proc/self/mem' cannot be read \(OSError"):
        read_text("/proc/self/mem")


GOOD_TEXT = "A Title\n\na. objectives\n\nWe seek {}.\n"


def test_loader_same_name_in_two_folders_gets_folder_qualified_ids(tmp_path):
    for folder in ("east", "west"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.txt").write_text(GOOD_TEXT.format(folder))
    errors = []
    with pytest.warns(LoadWarning, match="folder-qualified"):
        tables = load_corpus([tmp_path / "east", tmp_path / "west"], errors=errors)
    assert errors == []
    assert tables["documents"].doc_id.tolist() == ["east-same", "west-same"]
    assert tables["sentences"].text.tolist() == ["We seek east.", "We seek west."]


def test_loader_manifest_matches_by_path_relative_to_it(tmp_path):
    for folder in ("east", "west"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.txt").write_text(GOOD_TEXT.format(folder))
    (tmp_path / "corpus.csv").write_text("doc_id,file,country\n"
                                         "e1,east/same.txt,PE\nw1,west/same.txt,CO\n")
    tables = load_corpus([tmp_path / "east", tmp_path / "west"], manifest=tmp_path / "corpus.csv")
    assert tables["documents"][["doc_id", "country"]].values.tolist() == [["e1", "PE"], ["w1", "CO"]]


def test_loader_manifest_duplicate_row_is_a_one_line_error(tmp_path):
    from analysis.io.loader import read_manifest

    (tmp_path / "corpus.csv").write_text("doc_id,file\na,x.txt\nb,x.txt\n")
    with pytest.raises(LoadError, match=r"corpus.csv' lists 'x.txt' twice \(rows 2, 3\)"):
        read_manifest(tmp_path / "corpus.csv")


# --- issue 11: property-based tests (bounded) ----------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from analysis.io.loader import decode_text  # noqa: E402

PROPERTY = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

#: Words of body text: any letters (any script), no digits, no brackets.
_WORD = st.text(st.characters(categories=("L",)), min_size=1, max_size=10)
_MARKER = st.sampled_from(["[Page 12]", "[Page 3]", "[Page ]", "[Page -3]", "[Page iv]",
                           "[Page 999999999999999999999]", "[Page 00001]"])


@st.composite
def _paragraph(draw):
    """Sentences opening with "The" (never a run-in heading), page markers between words."""
    sentences = draw(st.lists(st.lists(_WORD, min_size=1, max_size=8), min_size=1, max_size=4))
    words, pieces = [], []
    for s in sentences:
        words += ["The", *s]
        for w in ["The", *s[:-1]]:
            pieces.append(w)
            if draw(st.integers(0, 9)) == 0:
                pieces.append(draw(_MARKER))
        pieces.append(s[-1] + ".")
    return " ".join(pieces), words


_HEADING = st.sampled_from(["a. objectives", "B. Policies", "c. Relations with other states",
                            "Policy Evaluation", "Objectives", "d. policy evaluation",
                            "Relations with other countries", "IV. Courses of action", "2. Aims"])


@st.composite
def _document(draw):
    """A policy statement: title, headings (some empty sections), paragraphs, footnote
    numbers without bodies; returns (text, the words of its body)."""
    blocks, body = [draw(st.sampled_from(["A Policy Statement", "Policy Statement on Peru",
                                          "1. Policy Statement"]))], []
    for _ in range(draw(st.integers(1, 4))):
        blocks.append(draw(_HEADING))
        for _ in range(draw(st.integers(0, 3))):  # 0: an empty section
            text, words = draw(_paragraph())
            blocks.append(text)
            body += [w.rstrip(".") for w in words]
    if draw(st.booleans()):
        blocks += ["1.", "2.", "3."]  # a footnote list without bodies
    if draw(st.booleans()):
        blocks.append(draw(_MARKER))  # a stray marker at the end
    return "\n\n".join(blocks) + "\n", body


def _words(texts):
    return [w.rstrip(".") for t in texts for w in t.split()]


@PROPERTY
@given(_document())
def test_loader_property_parse_text_never_loses_body_text(doc_and_body):
    text, body = doc_and_body
    doc = parse_text(text, "prop")
    assert _words(doc.sentences.text) == body
    assert not doc.sentences.text.str.contains(r"\[Page", regex=True).any()


@PROPERTY
@given(st.text(max_size=400), st.lists(st.sampled_from(
    ["a. objectives", "\n\n", "[Page 7]", "[Page ]", "  1. A note.", "1.", "Policy", "x" * 300]),
    max_size=8))
def test_loader_property_parse_text_arbitrary_unicode_never_raises(text, extras):
    doc = parse_text(text + "\n".join(extras), "prop")
    assert list(doc.sentences.columns) == ["doc_id", "sentence_id", "section", "heading",
                                           "subheading", "paragraph", "page", "footnotes", "text",
                                           "editorial"]
    assert doc.sentences.text.str.len().gt(0).all()


@PROPERTY
@given(st.binary(max_size=300), st.sampled_from([None, "utf-8", "latin-1", "utf-16", "nope"]))
def test_loader_property_decode_raises_only_load_error(raw, encoding):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LoadWarning)
        try:
            text = decode_text(raw, "x.txt", encoding)
        except LoadError as exc:
            assert "\n" not in str(exc) and "'x.txt'" in str(exc)
        else:
            assert "\x00" not in text and "\r" not in text


def test_manifest_lists_a_tei_volume_once_per_document_but_a_text_once(tmp_path):
    from analysis.io.loader import LoadError, read_manifest

    ok = tmp_path / "ok.csv"
    ok.write_text("doc_id,file\nv-d1,v.xml\nv-d2,v.xml\n", encoding="utf-8")
    assert read_manifest(ok).doc_id.tolist() == ["v-d1", "v-d2"]
    for body in ("doc_id,file\nv-d1,v.xml\nv-d1,v.xml\n", "doc_id,file\na,x.txt\nb,x.txt\n"):
        bad = tmp_path / "bad.csv"
        bad.write_text(body, encoding="utf-8")
        with pytest.raises(LoadError, match="twice"):
            read_manifest(bad)


def test_manifest_rows_of_a_tei_volume_select_its_documents_with_their_commit(tmp_path):
    import warnings

    from tei_fixtures import VOLUME_ID, make_volume

    (tmp_path / "v.xml").write_text(make_volume(6), encoding="utf-8")
    man = tmp_path / "corpus.csv"
    man.write_text(f"doc_id,file,commit\n{VOLUME_ID}-d2,v.xml,abc\n{VOLUME_ID}-d5,v.xml,abc\n",
                   encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        docs = load_corpus([tmp_path])["documents"]
        assert docs.doc_id.tolist() == [f"{VOLUME_ID}-d2", f"{VOLUME_ID}-d5"]
        assert set(docs.commit) == {"abc"}
        man.write_text("doc_id,file,country\n,v.xml,PE\n", encoding="utf-8")  # no doc_id: no selection
        assert len(load_corpus([tmp_path])["documents"]) == 6
        man.write_text("doc_id,file\nfrus1999v09,v.xml\n", encoding="utf-8")  # a volume-level id
        with pytest.raises(LoadError, match=r"no document matches the document ids the manifest "
                                            r"lists for it \(frus1999v09\)"):
            load_corpus([tmp_path])


# --- metadata from the text: dateline, title, region ---------------------------------------

DATELINED = "Department of State Policy Statement\n\n{dateline}\n\na. objectives\n\nWe seek its support.\n"


@pytest.mark.parametrize("dateline,date,country", [
    ("Colombia, May 8, 1950", "1950-05-08", "CO"),
    ("Soviet Union, 1951", "1951", "SU"),
    ("Washington, January 12, 1949", "1949-01-12", ""),
])
def test_loader_dateline_gives_date_and_country(dateline, date, country):
    doc = parse_text(DATELINED.format(dateline=dateline), "d")
    assert (doc.date, doc.dateline) == (date, dateline)
    assert countries.dateline_country(doc.dateline) == country


def _documents_after_countries(tmp_path, text):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "d.txt").write_text(text, encoding="utf-8")
    tables = load_corpus([raw])
    tables.update(countries.build_tables(tables))
    return tables["documents"].set_index("doc_id")


def test_loader_title_names_the_country_when_the_dateline_does_not(tmp_path):
    d = _documents_after_countries(tmp_path, "Policy Statement on Peru\n\nWashington, January 12, 1949\n\n"
                                   "a. objectives\n\nWe seek its support.\n")
    assert d.loc["d", ["country", "date", "region"]].tolist() == ["PE", "1949-01-12", "ARA"]


def test_loader_manifest_metadata_wins_over_the_dateline(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(DATELINED.format(dateline="Colombia, May 8, 1950"), encoding="utf-8")
    (raw / "b.txt").write_text(DATELINED.format(dateline="Poland, June 25, 1949"), encoding="utf-8")
    (tmp_path / "corpus.csv").write_text(
        "doc_id,file,volume,country,date,source_url,sha256\n"
        "a,raw/a.txt,\"FRUS 1950, vol. II\",VE,,https://history.state.gov/x,\n", encoding="utf-8")
    tables = load_corpus([raw])
    tables.update(countries.build_tables(tables))
    d = tables["documents"].set_index("doc_id")
    assert d.loc["a", ["country", "date", "volume", "region"]].tolist() == \
        ["VE", "1950-05-08", "FRUS 1950, vol. II", "ARA"]
    assert d.loc["b", ["country", "date", "region"]].tolist() == ["PL", "1949-06-25", "EUR"]


def test_loader_coded_corpus_datelines_match_their_provenance():
    d = load_corpus([config.DATA_DIR / "coded"])["documents"].set_index("doc_id")
    prov = pd.read_csv(config.DATA_DIR / "coded" / "provenance.csv", dtype=str).set_index("document")
    dated = d[d.date.str.len() == 10]
    assert len(dated) == 8  # Peru has no dateline, the USSR draft only a year
    assert (dated.date == prov.loc[dated.index, "date"]).all()
