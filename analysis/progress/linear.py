"""A small, reviewable linear model: standardised features, logistic link.

The evidence ranker and the verdict grader are both regularised logistic
regressions fitted with scikit-learn (``LogisticRegression``, lbfgs, L2).
After fitting, everything a prediction needs is four arrays — the feature
means and scales of the standardisation, the coefficients and intercepts —
kept as learned attributes (``mean_``, ``scale_``, ``coef_``,
``intercept_``, ``classes_``) and written to a plain CSV
(:func:`to_frame` / :func:`from_frame`), so that the shipped model is a table
a reviewer can read and prediction needs no pickled object.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

#: Columns of a model table written by :func:`to_frame`.
MODEL_COLUMNS = ["model", "kind", "class", "feature", "value"]


class LinearState:
    """Learned state of one logistic model (see module notes).

    Examples
    --------
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0]]); y = np.array([0, 0, 1, 1])
    >>> m = LinearState.fit(X, y, ["x"], C=10.0)
    >>> m.predict_proba(np.array([[0.0], [3.0]])).argmax(axis=1).tolist()
    [0, 1]
    >>> LinearState.from_frame(m.to_frame("demo"), "demo").predict_proba(X).round(6).tolist() == \\
    ...     m.predict_proba(X).round(6).tolist()
    True
    """

    def __init__(self, features, classes, mean, scale, coef, intercept):
        self.features = list(features)
        self.classes = list(classes)
        self.mean = np.asarray(mean, dtype=float)
        self.scale = np.asarray(scale, dtype=float)
        self.coef = np.atleast_2d(np.asarray(coef, dtype=float))
        self.intercept = np.atleast_1d(np.asarray(intercept, dtype=float))

    @classmethod
    def fit(cls, X, y, features, C: float, class_weight=None) -> "LinearState":
        """Standardise ``X`` and fit an L2 logistic regression with ``C``."""
        X = np.asarray(X, dtype=float)
        scaler = StandardScaler().fit(X)
        scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
        lr = LogisticRegression(C=C, class_weight=class_weight, max_iter=5000)
        lr.fit((X - scaler.mean_) / scale, y)
        return cls(features, lr.classes_.tolist(), scaler.mean_, scale, lr.coef_, lr.intercept_)

    def decision(self, X) -> np.ndarray:
        Z = (np.asarray(X, dtype=float) - self.mean) / self.scale
        return Z @ self.coef.T + self.intercept

    def predict_proba(self, X) -> np.ndarray:
        """Class probabilities, columns in the order of ``classes``."""
        d = self.decision(X)
        if d.shape[1] == 1:  # binary: one logit for classes[1]
            p1 = 1.0 / (1.0 + np.exp(-d[:, 0]))
            return np.column_stack([1.0 - p1, p1])
        d = d - d.max(axis=1, keepdims=True)
        e = np.exp(d)
        return e / e.sum(axis=1, keepdims=True)

    def contributions(self, x) -> pd.DataFrame:
        """Each feature's pull on each class's logit for one row ``x``."""
        z = (np.asarray(x, dtype=float) - self.mean) / self.scale
        names = self.classes[1:] if self.coef.shape[0] == 1 else self.classes
        return pd.DataFrame(self.coef * z, index=[str(c) for c in names], columns=self.features)

    def to_frame(self, model: str) -> pd.DataFrame:
        """Long table: standardisation, coefficients and intercepts."""
        rows = []
        for f, m, s in zip(self.features, self.mean, self.scale):
            rows.append((model, "mean", "", f, float(m)))
            rows.append((model, "scale", "", f, float(s)))
        names = self.classes[1:] if self.coef.shape[0] == 1 else self.classes
        for k, c in enumerate(names):
            rows.append((model, "intercept", str(c), "", float(self.intercept[k])))
            for f, w in zip(self.features, self.coef[k]):
                rows.append((model, "coef", str(c), f, float(w)))
        rows.append((model, "classes", "", "", ";".join(str(c) for c in self.classes)))
        return pd.DataFrame(rows, columns=MODEL_COLUMNS)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, model: str) -> "LinearState":
        """Rebuild the state written by :meth:`to_frame` for ``model``."""
        t = frame[frame["model"] == model]
        if t.empty:
            raise ValueError(f"model table has no rows for {model!r}; refit with `python -m analysis fit data/coded`")
        raw = str(t.loc[t["kind"] == "classes", "value"].iloc[0])
        classes = [int(c) if c.lstrip("-").isdigit() else c for c in raw.split(";")]
        mean = t[t["kind"] == "mean"]
        features = mean["feature"].astype(str).tolist()
        scale = t[t["kind"] == "scale"].set_index("feature").loc[features, "value"].astype(float)
        icpt = t[t["kind"] == "intercept"]
        names = icpt["class"].astype(str).tolist()
        coef = []
        for c in names:
            w = t[(t["kind"] == "coef") & (t["class"].astype(str) == c)].set_index("feature")
            coef.append(w.loc[features, "value"].astype(float).to_numpy())
        return cls(features, classes, mean["value"].astype(float), scale, np.vstack(coef),
                   icpt["value"].astype(float))
