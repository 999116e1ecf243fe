"""analysis: a computational reading of FRUS policy statements.

Load statements (:func:`load_corpus`), split them into sections and
sentences, and measure countries, tone, topics and the assessed progress of
each stated objective; every number leads back to its sentences.

The public names are imported on first use (PEP 562), so ``python -m
analysis`` reaches its command line, and its one-line Ctrl-C handling, before
the heavy libraries load.

Examples
--------
>>> import analysis
>>> analysis.LoadError.__name__, callable(analysis.kwic), callable(analysis.explain)
('LoadError', True, True)
>>> analysis.measures.__name__  # the steps are sub-packages: io, text, measures, progress, report
'analysis.measures'
"""
import importlib

__version__ = "0.1.0"

#: public name -> module that defines it
_LAZY = {"Document": "text.document", "LoadError": "io.loader", "load_corpus": "text.corpus",
         "load_document": "text.corpus", "parse_text": "text.document", "pipeline": None,
         "kwic": "report.kwic", "explain": None}

__all__ = sorted(_LAZY)


def __getattr__(name):
    if name not in _LAZY:  # a sub-package used as an attribute: analysis.measures
        try:
            value = importlib.import_module(f".{name}", __name__)
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module 'analysis' has no attribute {name!r}") from None
        globals()[name] = value
        return value
    module = _LAZY[name]
    if module is None:  # a sub-module (pipeline) or a sub-package attribute (explain)
        value = importlib.import_module(".pipeline", __name__) if name == "pipeline" \
            else importlib.import_module(".progress", __name__).explain
    else:
        value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
