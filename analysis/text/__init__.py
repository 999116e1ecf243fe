"""Step 2, the text: sections, sentences and the genre's vocabulary.

``sections`` maps the series' headings to canonical sections, ``sentences``
splits paragraphs into sentences in linear time, ``vocabulary`` holds the
one tokeniser and the genre word lists every later step shares.
"""
