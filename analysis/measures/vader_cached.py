"""The reference VADER analyzer with its per-sentence work done once.

:class:`CachedVader` subclasses ``vaderSentiment.vaderSentiment.SentimentIntensityAnalyzer``
(``vaderSentiment`` 3.3.2, the authors' reference implementation; its lexicon,
constants, rules and ``score_valence`` are used unchanged) and returns exactly
the scores of the unmodified reference: ``compound``, ``pos``, ``neu`` and
``neg`` are equal (``==``) on every sentence tested
(``tests/measures/test_sentiment.py``: every sentence of ``data/coded`` and
``data/raw`` and generated hard cases; a one-off check over every sentence of
the ten volumes of ``../shared/frus-volumes``, see ``benchmarks/README.md``).

What is cached, and only that:

* the reference lower-cases the whole sentence again in ``_negation_check``
  and ``_special_idioms_check`` for every scored word (quadratic in the
  sentence's length) and in ``_but_check``; here the lower-cased words are
  computed once per sentence and every rule reads them;
* ``negated([word])`` of one word is ``word in NEGATE or "n't" in word``
  (``str.lower`` is idempotent on every code point, checked in the test);
* the emoji pass copies the text one character at a time; a text with no
  character of the emoji lexicon is left as it is (the same string);
* stripping punctuation off a token (and lower-casing it) is memoised per token;
* only the words found in the lexicon go through the rules: in the reference
  every rule sits under ``if item_lowercase in self.lexicon`` and any other
  word scores the int 0, which is what its place in the list is set to here.

Every rule is the reference's, in the reference's order, with the same
floating-point operations in the same order.
"""
from __future__ import annotations

from vaderSentiment import vaderSentiment as _ref
from vaderSentiment.vaderSentiment import (BOOSTER_DICT, C_INCR, N_SCALAR, NEGATE,
                                           SPECIAL_CASES, SentiText, allcap_differential,
                                           scalar_inc_dec)

_NEGATE = frozenset(NEGATE)
#: Memoised tokens at most (the memo is cleared when full; output never depends on it).
_MEMO_MAX = 500_000


class _StripMemo(dict):
    """token -> (the reference's ``_strip_punc_if_word(token)``, its lower case)."""

    def __missing__(self, token):
        word = SentiText._strip_punc_if_word(token)
        value = self[token] = (word, word.lower())
        return value


def _negated_one(word_lower: str) -> bool:
    """``vaderSentiment.negated([w])`` for one already lower-cased word."""
    return word_lower in _NEGATE or "n't" in word_lower


class CachedVader(_ref.SentimentIntensityAnalyzer):
    """``SentimentIntensityAnalyzer`` whose ``polarity_scores`` caches per-sentence work.

    Examples
    --------
    >>> from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    >>> s = "The plot was good, but the characters are NOT great :) !!!"
    >>> CachedVader().polarity_scores(s) == SentimentIntensityAnalyzer().polarity_scores(s)
    True
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # ``chr in self.emojis`` can only hold for one-character keys
        self._emoji_chars = frozenset(k for k in self.emojis if len(k) == 1)
        self._stripped = _StripMemo()

    def _tokens(self, text: str) -> tuple:
        """(stripped tokens, their lower case) of the whitespace tokens of ``text``, memoised."""
        memo = self._stripped
        if len(memo) > _MEMO_MAX:
            memo.clear()
        pairs = list(map(memo.__getitem__, text.split()))
        if not pairs:
            return [], []
        words, low = zip(*pairs)
        return words, low

    def polarity_scores(self, text):
        if not isinstance(text, str):
            return super().polarity_scores(text)
        if self._emoji_chars.isdisjoint(text):
            text = text.strip()
        else:  # the reference's emoji pass, as written
            text_no_emoji = ""
            prev_space = True
            for chr in text:
                if chr in self.emojis:
                    description = self.emojis[chr]
                    if not prev_space:
                        text_no_emoji += ' '
                    text_no_emoji += description
                    prev_space = False
                else:
                    text_no_emoji += chr
                    prev_space = chr == ' '
            text = text_no_emoji.strip()

        words, low = self._tokens(text)
        is_cap_diff = allcap_differential(words)
        lexicon = self.lexicon
        n = len(words)
        # a word out of the lexicon, a booster and the "kind" of "kind of" score 0
        # (the reference appends the int 0 for each); the others are scored in
        # place, each independently of the others' scores, as in the reference
        sentiments = [0] * n
        for i in [i for i, w in enumerate(low) if w in lexicon]:
            item_lowercase = low[i]
            if item_lowercase in BOOSTER_DICT:
                continue
            if i < n - 1 and item_lowercase == "kind" and low[i + 1] == "of":
                continue
            item = words[i]
            valence = lexicon[item_lowercase]
            if item_lowercase == "no" and i != n - 1 and low[i + 1] in lexicon:
                valence = 0.0
            if (i > 0 and low[i - 1] == "no") \
               or (i > 1 and low[i - 2] == "no") \
               or (i > 2 and low[i - 3] == "no" and low[i - 1] in ["or", "nor"]):
                valence = lexicon[item_lowercase] * N_SCALAR
            if item.isupper() and is_cap_diff:
                if valence > 0:
                    valence += C_INCR
                else:
                    valence -= C_INCR
            for start_i in range(0, 3):
                if i > start_i and low[i - (start_i + 1)] not in lexicon:
                    s = scalar_inc_dec(words[i - (start_i + 1)], valence, is_cap_diff)
                    if start_i == 1 and s != 0:
                        s = s * 0.95
                    if start_i == 2 and s != 0:
                        s = s * 0.9
                    valence = valence + s
                    valence = _negation_check(valence, low, start_i, i)
                    if start_i == 2:
                        valence = _special_idioms_check(valence, low, i)
            valence = _least_check(valence, low, i, lexicon)
            sentiments[i] = valence

        sentiments = _but_check(low, sentiments)
        return self.score_valence(sentiments, text)


def _least_check(valence, low, i, lexicon):
    if i > 1 and low[i - 1] not in lexicon and low[i - 1] == "least":
        if low[i - 2] != "at" and low[i - 2] != "very":
            valence = valence * N_SCALAR
    elif i > 0 and low[i - 1] not in lexicon and low[i - 1] == "least":
        valence = valence * N_SCALAR
    return valence


def _but_check(low, sentiments):
    # the reference's loop, as written (``index`` finds the first equal value)
    if 'but' in low:
        bi = low.index('but')
        for sentiment in sentiments:
            si = sentiments.index(sentiment)
            if si < bi:
                sentiments.pop(si)
                sentiments.insert(si, sentiment * 0.5)
            elif si > bi:
                sentiments.pop(si)
                sentiments.insert(si, sentiment * 1.5)
    return sentiments


def _special_idioms_check(valence, low, i):
    onezero = "{0} {1}".format(low[i - 1], low[i])
    twoonezero = "{0} {1} {2}".format(low[i - 2], low[i - 1], low[i])
    twoone = "{0} {1}".format(low[i - 2], low[i - 1])
    threetwoone = "{0} {1} {2}".format(low[i - 3], low[i - 2], low[i - 1])
    threetwo = "{0} {1}".format(low[i - 3], low[i - 2])
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in SPECIAL_CASES:
            valence = SPECIAL_CASES[seq]
            break
    if len(low) - 1 > i:
        zeroone = "{0} {1}".format(low[i], low[i + 1])
        if zeroone in SPECIAL_CASES:
            valence = SPECIAL_CASES[zeroone]
    if len(low) - 1 > i + 1:
        zeroonetwo = "{0} {1} {2}".format(low[i], low[i + 1], low[i + 2])
        if zeroonetwo in SPECIAL_CASES:
            valence = SPECIAL_CASES[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in BOOSTER_DICT:
            valence = valence + BOOSTER_DICT[n_gram]
    return valence


def _negation_check(valence, low, start_i, i):
    if start_i == 0:
        if _negated_one(low[i - (start_i + 1)]):
            valence = valence * N_SCALAR
    if start_i == 1:
        if low[i - 2] == "never" and (low[i - 1] == "so" or low[i - 1] == "this"):
            valence = valence * 1.25
        elif low[i - 2] == "without" and low[i - 1] == "doubt":
            valence = valence
        elif _negated_one(low[i - (start_i + 1)]):
            valence = valence * N_SCALAR
    if start_i == 2:
        if low[i - 3] == "never" and (low[i - 2] == "so" or low[i - 2] == "this") or \
                (low[i - 1] == "so" or low[i - 1] == "this"):
            valence = valence * 1.25
        elif low[i - 3] == "without" and (low[i - 2] == "doubt" or low[i - 1] == "doubt"):
            valence = valence
        elif _negated_one(low[i - (start_i + 1)]):
            valence = valence * N_SCALAR
    return valence
