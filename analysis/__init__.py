"""analysis: a computational reading of FRUS policy statements.

Load statements (:func:`load_corpus`), split them into sections and
sentences, and measure countries, tone, topics and the assessed progress of
each stated objective; every number leads back to its sentences.
"""
from .loader import Document, LoadError, load_corpus, load_document, parse_text
from . import pipeline
from .kwic import kwic
from .progress import explain

__version__ = "0.1.0"
