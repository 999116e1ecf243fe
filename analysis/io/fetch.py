"""Fetch a FRUS volume's TEI, select its documents, record them in ``corpus.csv``.

``python -m analysis fetch frus1951v02 --title "Policy Statement"`` downloads
``volumes/frus1951v02.xml`` of the Office of the Historian's public
repository (HistoryAtState/frus) at a pinned commit (:data:`FRUS_COMMIT`,
``--commit`` to choose another), verifies it (complete, well-formed TEI of
that volume), caches it under ``data/external/`` with its sha256, and adds
one row per selected document to ``data/external/corpus.csv``: doc_id, file,
volume title, date (``frus:doc-dateTime-min``, else the dateline), the
history.state.gov address, title, commit and sha256. ``python -m analysis
run data/external`` then reads the documents listed there, with that
provenance in ``documents.csv``.

A volume already cached at the commit asked for is read from the cache: the
network is not touched. Offline, or on an HTTP error, the fetch stops with
one line saying what to do and changes nothing (downloads go to a temporary
file; the cache and ``corpus.csv`` are replaced atomically, and only once the
download is verified).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pandas as pd
from defusedxml import DefusedXmlException

from .. import config
from .loader import MANIFEST_COLUMNS, LoadError, natural_key, read_manifest
from .tables import atomic_path, write_table
from .tei import ET, add_selection_arguments, file_sha256, iter_tei, selection_from_args

#: The Office of the Historian's repository of FRUS volumes as TEI.
FRUS_REPOSITORY = "HistoryAtState/frus"
#: Commit of HistoryAtState/frus fetched by default, so that a fetch made
#: today and one made next year read the same bytes. It is a commit of the
#: repository's public history (one that changed volumes/frus1952-54Guat.xml,
#: found in a public index of the repository); newer commits add
#: ``frus:doc-dateTime-min`` to more documents. To move the project to a newer
#: state of the data, replace it here with the full sha of a newer commit
#: (``git ls-remote https://github.com/HistoryAtState/frus master``) or pass
#: ``--commit`` for one fetch; the commit is recorded in every row either way.
FRUS_COMMIT = "0ae7bcd61ad4b3929175cf16ce1e7cab92872904"
#: Where raw files of the repository are served; a volume is
#: ``{base}/{commit}/volumes/{volume}.xml``.
RAW_BASE = f"https://raw.githubusercontent.com/{FRUS_REPOSITORY}"
#: Environment variable replacing :data:`RAW_BASE` (a mirror, or a local
#: server in the tests); ``--base-url`` does the same for one fetch.
BASE_URL_ENV = "ANALYSIS_FRUS_URL"
#: Seconds without an answer before a download gives up (a whole volume is
#: 5-60 MB; this bounds a stalled connection, not a slow one).
TIMEOUT_S = 60
#: Bytes read and hashed at a time while downloading.
CHUNK = 1 << 20
MANIFEST_NAME = "corpus.csv"
#: Volume ids are letters, digits and hyphens (frus1951v02, frus1952-54Guat);
#: anything else could leave the cache folder.
_VOLUME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*$")
_COMMIT = re.compile(r"^[0-9a-f]{40}$")


class FetchError(RuntimeError):
    """A fetch that could not be made; the message is one line saying what to do."""


def volume_url(volume: str, commit: str = FRUS_COMMIT, base: str | None = None) -> str:
    """The raw-file address of ``volumes/VOLUME.xml`` at ``commit``.

    ``base`` defaults to ``$ANALYSIS_FRUS_URL``, else :data:`RAW_BASE`.

    Examples
    --------
    >>> volume_url("frus1951v02", "0" * 40, base="https://raw.githubusercontent.com/HistoryAtState/frus")
    'https://raw.githubusercontent.com/HistoryAtState/frus/0000000000000000000000000000000000000000/volumes/frus1951v02.xml'
    """
    base = (base or os.environ.get(BASE_URL_ENV) or RAW_BASE).rstrip("/")
    return f"{base}/{commit}/volumes/{volume}.xml"


def check_arguments(volume: str, commit: str) -> None:
    """Raise :class:`FetchError` unless ``volume`` is a volume id and ``commit`` a full sha.

    Examples
    --------
    >>> check_arguments("frus1951v02", FRUS_COMMIT)
    >>> check_arguments("../etc", FRUS_COMMIT)
    Traceback (most recent call last):
    ...
    analysis.io.fetch.FetchError: fetch: '../etc' is not a FRUS volume id; pass one as in history.state.gov addresses (frus1951v02, frus1952-54Guat)
    """
    if not _VOLUME.match(volume or ""):
        raise FetchError(f"fetch: {volume!r} is not a FRUS volume id; pass one as in "
                         "history.state.gov addresses (frus1951v02, frus1952-54Guat)")
    if not _COMMIT.match(commit or ""):
        raise FetchError(f"fetch: --commit {commit!r} is not a full commit sha (40 hex digits); "
                         "a branch name or a short sha is not a pin")


def _opener(url: str):
    """A URL opener; a server on this machine is reached without any proxy."""
    host = urllib.parse.urlsplit(url).hostname or ""
    if host in ("127.0.0.1", "localhost", "::1"):
        return urllib.request.build_opener(urllib.request.ProxyHandler({}))
    return urllib.request.build_opener()


def download(url: str, folder) -> tuple[Path, str, int]:
    """Download ``url`` into a temporary file in ``folder``: ``(path, sha256, bytes)``.

    The caller renames the file into place or deletes it.

    Raises
    ------
    FetchError
        The server cannot be reached, answers with an HTTP error, or the
        download is cut short (one line; no file is left behind).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=".fetch-", suffix=".xml.tmp", dir=folder)
    tmp = Path(name)
    h, size = hashlib.sha256(), 0
    try:
        with os.fdopen(fd, "wb") as out:
            try:
                with _opener(url).open(url, timeout=TIMEOUT_S) as answer:
                    expected = answer.headers.get("Content-Length")
                    for block in iter(lambda: answer.read(CHUNK), b""):
                        out.write(block)
                        h.update(block)
                        size += len(block)
            except urllib.error.HTTPError as exc:
                if exc.code == 404:
                    raise FetchError(f"fetch: {url} is not there (HTTP 404); check the volume id "
                                     "(as in history.state.gov addresses: frus1951v02) and "
                                     "--commit") from None
                raise FetchError(f"fetch: {url} answered HTTP {exc.code} ({exc.reason}); "
                                 "try again later") from None
            except (urllib.error.URLError, socket.timeout, ConnectionError) as exc:
                reason = getattr(exc, "reason", exc)
                raise FetchError(f"fetch: cannot reach {url} ({reason}); connect to the network "
                                 f"and try again, or set {BASE_URL_ENV} to a mirror") from None
        if expected is not None and expected.isdigit() and int(expected) != size:
            raise FetchError(f"fetch: the download of {url} was cut short ({size} of {expected} "
                             "bytes); try again")
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp, h.hexdigest(), size


def select_rows(path, volume: str, commit: str, sha256: str, select=None) -> tuple:
    """Rows of ``corpus.csv`` for the documents of a volume file that ``select`` picks.

    Returns ``(rows, n_documents)``: a DataFrame with
    :data:`analysis.io.loader.MANIFEST_COLUMNS` and the number of documents in
    the volume.

    Raises
    ------
    FetchError
        The file is not well-formed TEI, or is the TEI of another volume.
    """
    header: dict = {}
    rows = []
    try:
        for d in iter_tei(path, volume=volume, select=select, header=header):
            rows.append({"doc_id": d.doc_id, "file": f"{volume}.xml", "volume": d.volume or volume,
                         "country": "", "date": d.date, "source_url": d.url, "sha256": sha256,
                         "title": d.title, "commit": commit})
    except (ET.ParseError, DefusedXmlException, ValueError, LookupError) as exc:
        detail = " ".join(str(exc).split())[:120]
        raise FetchError(f"fetch: {volume} at commit {commit[:12]} is not well-formed TEI XML "
                         f"({detail}); check the volume id and --commit") from None
    ids = {header.get("id"), header.get("idno")} - {None}
    if ids and volume not in ids:
        raise FetchError(f"fetch: the file fetched for {volume} is the TEI of "
                         f"{' / '.join(sorted(ids))}; check the volume id and the base URL")
    return pd.DataFrame(rows, columns=MANIFEST_COLUMNS), header.get("documents", 0)


def _cached(path: Path, commit: str) -> dict | None:
    """The record of a cached volume at ``commit``, verified; None when not cached."""
    record = path.with_name(path.name + ".json")
    if not path.exists() and not record.exists():
        return None
    if not record.is_file():
        raise FetchError(f"fetch: {path} was not written by fetch (no {record.name}); "
                         "move it away and fetch again")
    if not path.is_file():
        return None  # the record of a file that was deleted: fetch it again
    try:
        meta = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise FetchError(f"fetch: {record} cannot be read ({exc}); delete it and {path.name} "
                         "and fetch again") from None
    if meta.get("commit") != commit:
        raise FetchError(f"fetch: {path} is cached at commit {meta.get('commit')}; pass "
                         f"--commit {meta.get('commit')} to use it, or delete it (and its rows "
                         f"in {MANIFEST_NAME}) to fetch commit {commit}")
    if file_sha256(path) != meta.get("sha256"):
        raise FetchError(f"fetch: {path} changed since it was fetched (sha256 differs from "
                         f"{record.name}); delete both and fetch again")
    return meta


def _check_recorded(existing: pd.DataFrame, volume: str, commit: str, sha256: str = "") -> None:
    """Refuse a volume whose rows in ``corpus.csv`` name another commit or other bytes.

    A file at one commit never changes: a new download that differs from the
    sha256 recorded for it was altered on the way (or served by a wrong mirror).
    """
    rows = existing[existing["file"] == f"{volume}.xml"]
    commits = sorted(set(rows["commit"]) - {""})
    if commits and commits != [commit]:
        raise FetchError(f"fetch: {MANIFEST_NAME} lists documents of {volume} at commit "
                         f"{commits[0]}; pass --commit {commits[0]}, or remove those rows to "
                         f"fetch commit {commit}")
    shas = sorted(set(rows["sha256"]) - {""})
    if sha256 and shas and shas != [sha256]:
        raise FetchError(f"fetch: {volume} at commit {commit[:12]} came with sha256 "
                         f"{sha256[:16]}…, but {MANIFEST_NAME} recorded {shas[0][:16]}… for it; "
                         "the file of a commit does not change: check the base URL and fetch again")


def merge_rows(existing: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """``existing`` manifest rows with ``new`` ones added (a doc_id listed again is replaced).

    Rows are ordered by file, then doc_id (numbers as numbers), so the same
    fetches give the same bytes whatever their order.

    Examples
    --------
    >>> from analysis.io.loader import MANIFEST_COLUMNS
    >>> def rows(*docs):
    ...     return pd.DataFrame([dict.fromkeys(MANIFEST_COLUMNS, "") | {"file": "v.xml", "doc_id": d, "title": t}
    ...                          for d, t in docs])
    >>> merge_rows(rows(("v-d10", "old")), rows(("v-d10", "new"), ("v-d9", "t")))[["doc_id", "title"]].values.tolist()
    [['v-d9', 't'], ['v-d10', 'new']]
    """
    keep = existing[~existing["doc_id"].isin(set(new["doc_id"]))]
    rows = pd.concat([keep, new], ignore_index=True).fillna("")
    order = sorted(range(len(rows)), key=lambda i: (rows["file"].iloc[i],
                                                    natural_key(rows["doc_id"].iloc[i])))
    return rows.iloc[order].reset_index(drop=True)


def fetch(volume: str, select=None, commit: str = FRUS_COMMIT, folder=None,
          base_url: str | None = None) -> dict:
    """Fetch (or reuse) a volume and add its selected documents to ``corpus.csv``.

    Parameters
    ----------
    volume : str
        Volume id as in history.state.gov addresses (``frus1951v02``).
    select : analysis.io.tei.Selection, optional
        Documents to record (by id, title regex, date range); all by default.
    commit : str
        Full sha of the HistoryAtState/frus commit (default :data:`FRUS_COMMIT`).
    folder : str or Path, optional
        Cache and ``corpus.csv`` folder (default ``config.EXTERNAL_DIR``).
    base_url : str, optional
        Replaces :data:`RAW_BASE` (default ``$ANALYSIS_FRUS_URL``).

    Returns
    -------
    dict
        ``path``, ``manifest``, ``url``, ``commit``, ``sha256``, ``bytes``,
        ``cached`` (True when the network was not used), ``documents`` (in
        the volume), ``selected`` (the rows added).

    Raises
    ------
    FetchError
        One line saying what to do; nothing was changed.
    """
    check_arguments(volume, commit)
    folder = Path(folder) if folder is not None else config.EXTERNAL_DIR
    target = folder / f"{volume}.xml"
    manifest = folder / MANIFEST_NAME
    url = volume_url(volume, commit, base_url)
    existing = None
    if manifest.exists():  # checked before any download
        try:
            existing = read_manifest(manifest)
        except LoadError as exc:
            raise FetchError(f"fetch: {exc}; fix or move it") from None
    if existing is not None:
        _check_recorded(existing, volume, commit)  # before any request
    meta = _cached(target, commit)
    created = not folder.exists()
    tmp = None
    try:
        if meta is None:
            tmp, sha, size = download(url, folder)
            source = tmp
        else:
            sha, size, source = meta["sha256"], meta["bytes"], target
        if existing is not None:
            _check_recorded(existing, volume, commit, sha)  # a new download: the bytes recorded?
        rows, n_docs = select_rows(source, volume, commit, sha, select)
        if tmp is not None:  # verified: into the cache, with its record
            os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, target)
            tmp = None
            record = {"repository": FRUS_REPOSITORY, "volume": volume, "commit": commit,
                      "url": url, "sha256": sha, "bytes": size}
            with atomic_path(target.with_name(target.name + ".json")) as t:
                t.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        if not rows.empty:
            base = existing if existing is not None else rows.iloc[:0]
            write_table(merge_rows(base, rows), manifest)
    except BaseException:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
            tmp = None
        if created and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()  # a folder made for a fetch that failed: nothing changed
        raise
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return {"path": target, "manifest": manifest, "url": url, "commit": commit, "sha256": sha,
            "bytes": size, "cached": meta is not None, "documents": n_docs, "selected": rows}


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def add_arguments(parser):
    """The options of ``python -m analysis fetch``."""
    parser.add_argument("volume", help="volume id as in history.state.gov addresses (frus1951v02)")
    add_selection_arguments(parser)
    parser.add_argument("--commit", default=FRUS_COMMIT, metavar="SHA",
                        help="full sha of the HistoryAtState/frus commit (default: the pinned "
                             "%(default).12s…)")
    parser.add_argument("--dir", type=Path, default=config.EXTERNAL_DIR, metavar="DIR",
                        help="cache and corpus.csv folder (default: data/external)")
    parser.add_argument("--base-url", default=None, metavar="URL",
                        help=f"serve volumes from URL/<commit>/volumes/<volume>.xml instead of "
                             f"{RAW_BASE} (also ${BASE_URL_ENV})")
    return parser


def run(args) -> int:
    """``python -m analysis fetch``: exit status 0, 1 (fetch failed or nothing selected), 2 (bad options)."""
    try:
        select = selection_from_args(args)
        check_arguments(args.volume, args.commit)
    except (ValueError, FetchError) as exc:
        print(f"error: {exc}" if isinstance(exc, FetchError) else f"error: fetch: {exc}",
              file=sys.stderr)
        return 2
    try:
        result = fetch(args.volume, select=select, commit=args.commit, folder=args.dir,
                       base_url=args.base_url)
    except FetchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    size = result["bytes"]
    how = ("cached, network not used" if result["cached"] else
           f"downloaded {size / 1e6:.1f} MB" if size >= 100_000 else f"downloaded {size / 1e3:.0f} kB")
    print(f"{args.volume} at commit {result['commit'][:12]} ({how}): {result['path']} "
          f"sha256 {result['sha256'][:16]}…")
    n = len(result["selected"])
    if not n:
        print(f"error: fetch: none of the {result['documents']} document(s) of {args.volume} "
              f"matches {select.describe() or 'the selection'}; {result['manifest']} unchanged",
              file=sys.stderr)
        return 1
    print(f"selected {n} of {result['documents']} document(s); {result['manifest']} lists them")
    print(f"next: python -m analysis run {result['manifest'].parent} --out build/external")
    return 0
