"""What each step reads and writes: the tables and columns, declared once.

Every step of the flow (load → text → measures → progress) has a
:class:`Contract`: the tables it needs (with the columns it reads) and the
tables it writes (with every column and its kind). The declarations live
here, in one registry (:data:`CONTRACTS`), and each step module points at its
own (``CONTRACT = CONTRACTS["countries"]``) beside its ``build_tables``.

* :func:`analysis.pipeline.run_steps` checks them once per step, before
  (:meth:`Contract.check_needs`) and after (:meth:`Contract.check_writes`),
  with one error type, :class:`ContractError`, and one message form;
* the table reader (:func:`analysis.io.tables.read_table`) takes the text
  columns of each table from :func:`text_columns`, so a text column that looks like
  a number ("NA", Namibia; "1;3", two footnotes) is read back as text;
* the notebook runner asks :func:`producer` which step makes a table it
  misses.

Kinds: ``text``, ``int``, ``Int`` (whole numbers with gaps), ``float``,
``bool``.

Examples
--------
>>> CONTRACTS["countries"].needs["sentences"]
('doc_id', 'sentence_id', 'text')
>>> producer("assessments")
'progress'
>>> table_kinds("mentions")["iso2"], "evidence" in text_columns("alignment")
('text', False)
"""
from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("text", "int", "Int", "float", "bool")


class ContractError(KeyError):
    """A step met tables that are not what its contract declares.

    The message is one line naming the step, the table and what is missing.
    """

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True)
class Contract:
    """The tables one step needs and writes.

    Parameters
    ----------
    step : str
        Name of the step.
    needs : dict
        Table name → the columns the step reads from it.
    writes : dict
        Table name → ``{column: kind}``, every column it writes, in order.
    optional : tuple of str
        Needed tables the step uses when present and does without otherwise.
    """

    step: str
    needs: dict = field(default_factory=dict)
    writes: dict = field(default_factory=dict)
    optional: tuple = ()

    def check_needs(self, tables: dict) -> None:
        """Raise :class:`ContractError` unless ``tables`` holds what the step reads."""
        for name, columns in self.needs.items():
            if name not in tables:
                if name in self.optional:
                    continue
                src = producer(name)
                raise ContractError(f"step '{self.step}' needs the table '{name}' (written by step "
                                    f"'{src}'); run the steps in order with analysis.pipeline.run_steps")
            lacking = [c for c in columns if c not in tables[name].columns]
            if lacking:
                raise ContractError(f"step '{self.step}' needs columns {lacking} of the table '{name}'; "
                                    f"it has {list(tables[name].columns)}")

    def check_writes(self, out: dict) -> None:
        """Raise :class:`ContractError` unless ``out`` is exactly what the step declares."""
        undeclared = sorted(set(out) - set(self.writes))
        if undeclared:
            raise ContractError(f"step '{self.step}' wrote undeclared tables {undeclared}; "
                                "declare them in analysis/contracts.py")
        for name, table in out.items():
            want = list(self.writes[name])
            if list(table.columns) != want:
                raise ContractError(f"step '{self.step}' wrote the table '{name}' with columns "
                                    f"{list(table.columns)}; its contract declares {want}")


def _cols(spec: str) -> dict:
    """``"doc_id:text sentence_id:int"`` → ``{"doc_id": "text", "sentence_id": "int"}``."""
    out = {}
    for item in spec.split():
        name, kind = item.split(":")
        if kind not in KINDS:
            raise ValueError(f"contracts: column {name!r} has unknown kind {kind!r}; use one of {KINDS}")
        out[name] = kind
    return out


DOCUMENTS = _cols("doc_id:text title:text date:text country:text source:text sha256:text "
                  "n_sentences:int volume:text url:text commit:text n_editorial:int region:text "
                  "dateline:text")
SENTENCES = _cols("doc_id:text sentence_id:int section:text heading:text subheading:text "
                  "paragraph:int page:Int footnotes:text text:text editorial:bool")
SECTIONS = _cols("doc_id:text section:text heading:text n_sentences:int n_editorial:int")
FOOTNOTES = _cols("doc_id:text footnote:int text:text")
MENTIONS = _cols("doc_id:text sentence_id:int iso2:text country:text surface:text kind:text "
                 "start:int end:int iso2_current:text")
SENTIMENT = _cols("doc_id:text sentence_id:int compound:float pos:float neu:float neg:float "
                  "register:float register_cues:text")
_INTERVALS = ("n_sentences:int compound_mean:float compound_low:float compound_high:float "
              "register_mean:float register_low:float register_high:float small:bool")
SECTION_SENTIMENT = _cols("doc_id:text section:text " + _INTERVALS)
MENTION_SENTIMENT = _cols("doc_id:text sentence_id:int iso2:text country:text kind:text start:int "
                          "end:int window_start:int window_end:int window:text stance:float label:text "
                          "cues:text editorial:bool")
COUNTRY_SENTIMENT = _cols("doc_id:text iso2:text country:text n_mentions:int n_sentences:int "
                          "n_paragraphs:int stance_mean:float stance_low:float stance_high:float "
                          "n_positive:int n_neutral:int n_negative:int compound_mean:float "
                          "compound_low:float compound_high:float register_mean:float "
                          "register_low:float register_high:float small:bool")
TOPIC_SELECTION = _cols("method:text unit:text k:int coherence:float stability:float n_units:int "
                        "n_terms:int chosen:bool")
TOPIC_TERMS = _cols("topic:int measure:text rank:int term:text weight:float relevance:float")
UNIT_TOPICS = _cols("doc_id:text unit_id:int topic:int weight:float")
TOPIC_PREVALENCE = _cols("grouping:text group:text topic:int mean:float ci_low:float ci_high:float "
                         "n_units:int n_documents:int resampled:text")
OBJECTIVES = _cols("doc_id:text objective_id:int sentence_id:int start:int end:int text:text "
                   "horizon:text")
ALIGNMENT = _cols("doc_id:text objective_id:int sentence_id:int score:float rank:int evidence:bool "
                  "via:text")
ASSESSMENTS = _cols("doc_id:text objective_id:int verdict:text score:float confidence:float "
                    "evidence_sentence_ids:text evidence:text")

#: Every step, in the order of the flow.
CONTRACTS = {
    "load": Contract("load", writes={"documents": DOCUMENTS, "sentences": SENTENCES,
                                     "footnotes": FOOTNOTES, "sections": SECTIONS}),
    "countries": Contract("countries", needs={"sentences": ("doc_id", "sentence_id", "text"),
                                              "documents": ("doc_id",)},
                          writes={"mentions": MENTIONS, "documents": DOCUMENTS},
                          optional=("documents",)),
    "sentiment": Contract("sentiment", needs={"sentences": ("doc_id", "sentence_id", "section", "text")},
                          writes={"sentiment": SENTIMENT, "section_sentiment": SECTION_SENTIMENT}),
    "stance": Contract("stance", needs={"sentences": ("doc_id", "sentence_id", "paragraph", "text"),
                                        "mentions": ("doc_id", "sentence_id", "iso2", "country", "start", "end"),
                                        "sentiment": ("doc_id", "sentence_id", "compound", "register")},
                       writes={"mention_sentiment": MENTION_SENTIMENT,
                               "country_sentiment": COUNTRY_SENTIMENT}),
    "topics": Contract("topics", needs={"sentences": ("doc_id", "sentence_id", "section", "paragraph", "text"),
                                        "mentions": ("doc_id", "sentence_id", "iso2")},
                       writes={"topic_selection": TOPIC_SELECTION, "topic_terms": TOPIC_TERMS,
                               "unit_topics": UNIT_TOPICS, "topic_prevalence": TOPIC_PREVALENCE},
                       optional=("mentions",)),
    "progress": Contract("progress", needs={"sentences": ("doc_id", "sentence_id", "section", "paragraph",
                                                          "text")},
                         writes={"objectives": OBJECTIVES, "alignment": ALIGNMENT,
                                 "assessments": ASSESSMENTS}),
}


def producer(table: str) -> str:
    """The first step that writes ``table`` (``""`` when none does)."""
    return next((c.step for c in CONTRACTS.values() if table in c.writes), "")


def table_kinds(table: str) -> dict:
    """Column → kind of a declared table (``{}`` for a table no step declares)."""
    for c in CONTRACTS.values():
        if table in c.writes:
            return dict(c.writes[table])
    return {}


def text_columns(table: str | None = None) -> tuple:
    """Columns read back as text whatever they look like ("NA" is Namibia).

    For a declared ``table``, its ``text`` columns; for any other table (a
    figure's data, a validation table), every column that all declarations
    call ``text``.
    """
    if table is not None and table_kinds(table):
        return tuple(n for n, k in table_kinds(table).items() if k == "text")
    kinds: dict = {}
    for c in CONTRACTS.values():
        for columns in c.writes.values():
            for name, kind in columns.items():
                kinds.setdefault(name, set()).add(kind)
    return tuple(sorted(n for n, k in kinds.items() if k == {"text"}))
