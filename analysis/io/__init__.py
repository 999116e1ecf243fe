"""Step 1, reading and writing: plain text and TEI in, tidy tables out.

``loader`` reads plain-text statements (and dispatches TEI volumes to
``tei``), ``tables`` writes and reads the table sets atomically,
``provenance`` records each run (``run.json``). Nothing here measures.
"""
