"""Step 3, measures on sentences: countries, tone, topics.

``countries`` finds country mentions, ``sentiment`` scores tone (the
authors' VADER beside the register score of ``evaluative``), ``topics``
fits and selects topic models; ``stats`` holds the bootstrap they share.
"""
