"""The project's own TEI fixtures and a local HTTP server for them (never the network).

- ``SEED_TEI``: the embedded seed (data/raw) encoded as FRUS TEI (tests/data/frus1951v02.xml).
- :func:`make_volume`: a generated multi-document volume in the layout of the Office of the
  Historian's volumes: header with title and idno, front matter, policy statements among
  telegrams, memoranda and editorial notes; dates from ``frus:doc-dateTime-min``, from a
  dateline ``<date when>``, from dateline text only, or none.
- :func:`serve`: files served from 127.0.0.1 in a thread, counting requests.
"""
from __future__ import annotations

import http.server
import threading
from contextlib import contextmanager
from pathlib import Path

SEED_TEI = Path(__file__).parent / "data" / "frus1951v02.xml"
VOLUME_ID = "frus1999v09"
COMMIT = "1234567890abcdef1234567890abcdef12345678"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

_POLICY = """<div type="document" xml:id="d{n}" n="{n}" subtype="historical-document"{stamp}>
 <head>{n}. Policy Statement Prepared in the Department of State<note n="1" type="source">Source:
   Department of State, Policy Statements, lot file {n}. Secret.</note></head>
 {dateline}
 <p><hi rend="italic">a. objectives</hi></p>
 <p>The United States seeks the support of the country for our objectives in the world.<note n="2">See
   document {n}.</note> We wish to obtain a fair contribution to hemisphere security.</p>
 <p><hi rend="italic">b. policies</hi></p>
 <p>It is our policy to encourage private capital. <pb n="{page}" xml:id="pg_{page}"/>We have urged
   the adoption of a petroleum law.</p>
 <p><hi rend="italic">d. evaluation</hi></p>
 <p>Progress toward our objective of economic development has been slow.{filler}</p>
</div>
"""
_TELEGRAM = """<div type="document" xml:id="d{n}" n="{n}" subtype="historical-document"{stamp}>
 <head>{n}. Telegram From the Embassy to the Department of State<note n="1" type="source">Source:
   Department of State, Central Files, 611.{n}. Confidential.</note></head>
 {dateline}
 <p>The Minister said that his government would support the resolution.{filler}</p>
 <closer><signed><persName>Smith</persName></signed></closer>
</div>
"""
_NOTE = """<div type="document" xml:id="d{n}" n="{n}" subtype="editorial-note"{stamp}>
 <head>{n}. Editorial Note</head>
 <p>No record of the conversation has been found in Department of State files.{filler}</p>
</div>
"""


def _date(n: int) -> tuple[int, int, int]:
    """Document n's date: 1951, month and day advancing with n."""
    return 1951, 1 + (n * 7 // 30) % 12, 1 + (n * 7) % 28


def make_volume(n_docs: int = 12, volume: str = VOLUME_ID, filler_words: int = 0,
                policy_every: int = 4) -> str:
    """A FRUS TEI volume of ``n_docs`` documents (every ``policy_every``-th a policy statement).

    Documents are dated in 1951 (see :func:`_date`): ``n % 3 == 0`` by
    ``frus:doc-dateTime-min``, ``1`` by a dateline ``<date when>``, ``2`` by
    dateline text only; every 7th has no date at all.
    ``filler_words`` lengthens each document (for memory tests).
    """
    filler = (" The mission reported on the situation in the capital.") * (filler_words // 9)
    parts = [f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0" xml:id="{volume}">
<teiHeader><fileDesc><titleStmt>
 <title type="complete">Foreign Relations of the United States, 1951, Test Volume IX</title>
 <title type="series">Foreign Relations of the United States</title>
</titleStmt><publicationStmt><idno type="frus">{volume}</idno></publicationStmt></fileDesc></teiHeader>
<text><front><div type="section" xml:id="preface"><head>Preface</head><pb n="III"/>
<p>This volume documents the year 1951.</p></div></front>
<body><div type="compilation" xml:id="ch1"><pb n="1" xml:id="pg_1"/>
"""]
    for n in range(1, n_docs + 1):
        y, m, d = _date(n)
        iso = f"{y}-{m:02d}-{d:02d}"
        kind = n % 3 if n % 7 else None
        stamp = f' frus:doc-dateTime-min="{iso}T00:00:00-05:00"' if kind == 0 else ""
        if kind == 0:  # the dateline's text agrees; the attribute is read first
            dateline = f"<dateline>Washington, {MONTHS[m - 1]} {d}, {y}.</dateline>"
        elif kind == 1:
            dateline = (f'<dateline><placeName>Washington</placeName>, <date when="{iso}">'
                        f'{MONTHS[m - 1]} {d}, {y}</date>.</dateline>')
        elif kind == 2:
            dateline = f"<dateline>Lima, {MONTHS[m - 1]} {d}, {y}.</dateline>"
        else:
            dateline = ""
        template = (_POLICY if is_policy(n, policy_every) else
                    _NOTE if n % 5 == 0 else _TELEGRAM)
        if template is _NOTE and kind is not None:  # editorial notes: the attribute only
            stamp = f' frus:doc-dateTime-min="{iso}T00:00:00-05:00"'
        parts.append(template.format(n=n, stamp=stamp, dateline=dateline, page=n + 1, filler=filler))
        parts.append(f'<pb n="{n + 1}" xml:id="pg_{n + 1}"/>\n')
    parts.append("</div></body></text></TEI>\n")
    return "".join(parts)


def expected_date(n: int) -> str:
    """The date a reader should give document ``n`` of :func:`make_volume` ("" for none)."""
    y, m, d = _date(n)
    return "" if n % 7 == 0 else f"{y}-{m:02d}-{d:02d}"


def is_policy(n: int, policy_every: int = 4) -> bool:
    return n % policy_every == 0 or n == 1


class _Handler(http.server.BaseHTTPRequestHandler):
    files: dict = {}
    requests: list = []

    def do_GET(self):  # noqa: N802 - http.server's name
        self.requests.append(self.path)
        body = self.files.get(self.path)
        if body is None:
            self.send_error(404, "Not Found")
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # quiet
        pass


@contextmanager
def serve(files: dict):
    """Serve ``{url_path: bytes}`` on 127.0.0.1 (a free port) in a thread.

    Yields ``(base_url, requests)``; ``requests`` lists the paths asked for.
    """
    handler = type("Handler", (_Handler,), {"files": dict(files), "requests": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler.requests
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def closed_port_url() -> str:
    """The address of a port on 127.0.0.1 nothing listens on (a server that is down)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"
