"""Run provenance: what produced a folder of tables, and how to repeat it.

Every ``python -m analysis run`` writes ``run.json`` beside its tables
(:func:`run_record`): the inputs with their sha256, the manifest, the seed,
the package version and git commit, Python and every dependency's version,
start time and duration. ``run_id`` is a digest of everything that decides
the tables' bytes (inputs, manifest, seed, package and dependency versions;
not the time, the commit or the output folder), so two runs with the same
``run_id`` wrote the same tables; figures' CSVs carry it.
``python -m analysis run --from run.json`` repeats a run and says what
differs (:func:`compare_record`).
"""
from __future__ import annotations

import hashlib
import json
import platform
import re
import subprocess
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from .. import __version__, config
from .tables import atomic_path

RUN_FILE = "run.json"
#: Files whose bytes a run reads: plain text and TEI inputs.
INPUT_SUFFIXES = (".txt", ".xml")


def sha256(path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def input_files(inputs) -> list:
    """The files a run reads, folders expanded, sorted."""
    files = []
    for p in map(Path, inputs):
        if p.is_dir():
            files += [f for f in sorted(p.rglob("*")) if f.is_file() and f.suffix.lower() in INPUT_SUFFIXES]
        elif p.is_file():
            files.append(p)
    return sorted(set(files))


def _pinned(lock=None) -> dict:
    """Installed versions of the pinned dependencies (requirements.lock).

    Without the lock (the package installed by ``pip install .``, away from
    its checkout), the dependencies the installed package declares.
    """
    lock = config.PROJECT_ROOT / "requirements.lock" if lock is None else Path(lock)
    names = []
    if lock.is_file():
        for line in lock.read_text(encoding="utf-8").splitlines():
            if "==" in line and not line.startswith("#"):
                names.append(line.split("==")[0].strip())
    else:
        names = [re.match(r"[A-Za-z0-9._-]+", r).group(0)
                 for r in (_declared() or []) if "extra ==" not in r]
    out = {}
    for n in sorted(set(names), key=str.lower):
        try:
            out[n] = metadata.version(n)
        except metadata.PackageNotFoundError:
            out[n] = None
    return out


def _declared():
    """Requirements the installed distribution ``analysis`` declares (None: not installed)."""
    try:
        return metadata.requires("analysis")
    except metadata.PackageNotFoundError:
        return None


def _git_commit():
    try:
        head = subprocess.run(["git", "-C", str(config.PROJECT_ROOT), "rev-parse", "HEAD"], capture_output=True,
                              text=True, timeout=5)
        if head.returncode != 0:
            return None
        dirty = subprocess.run(["git", "-C", str(config.PROJECT_ROOT), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=5).stdout.strip()
        return head.stdout.strip() + ("+dirty" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return None


def _run_id(files: list, man, seed: int, parameters, deps: dict) -> str:
    decisive = {"inputs": [[Path(f["path"]).name, f["sha256"]] for f in files],
                "manifest": man["sha256"] if man else None, "seed": int(seed),
                "package": __version__, "python": platform.python_version(), "dependencies": deps}
    if (parameters or {}).get("select"):  # a selection of documents decides the tables too
        decisive["select"] = parameters["select"]
    return hashlib.sha256(json.dumps(decisive, sort_keys=True).encode()).hexdigest()[:16]


def run_id_for(inputs, manifest, seed: int, parameters: dict | None = None) -> str:
    """The ``run_id`` a run of ``inputs`` with ``manifest`` and ``seed`` would record.

    The digest of the inputs' names and SHA-256, the manifest's SHA-256, the
    seed, the package version, Python and the pinned dependencies' versions:
    tables with this ``run_id`` are the ones such a run writes (the notebook
    cache reuses them only then).
    """
    files = [{"path": str(f), "sha256": sha256(f)} for f in input_files(inputs)]
    man = {"sha256": sha256(manifest)} if manifest and Path(manifest).is_file() else None
    return _run_id(files, man, seed, parameters, _pinned())


def run_record(inputs, manifest, seed: int, started: datetime, duration_s: float, parameters: dict | None = None) -> dict:
    """The provenance record of one run (see module notes)."""
    files = [{"path": str(f), "sha256": sha256(f), "bytes": f.stat().st_size} for f in input_files(inputs)]
    man = None
    if manifest and Path(manifest).is_file():
        man = {"path": str(manifest), "sha256": sha256(manifest)}
    deps = _pinned()
    run_id = _run_id(files, man, seed, parameters, deps)
    return {"run_id": run_id, "command": "python -m analysis run", "inputs_given": [str(i) for i in inputs],
            "inputs": files, "manifest": man, "seed": int(seed), "parameters": parameters or {},
            "package": {"name": "analysis", "version": __version__, "git_commit": _git_commit()},
            "python": platform.python_version(), "platform": platform.platform(), "dependencies": deps,
            "started": started.astimezone(timezone.utc).isoformat(timespec="seconds"),
            "duration_s": round(float(duration_s), 3)}


def write_record(record: dict, folder) -> Path:
    """Write ``run.json`` into ``folder`` atomically."""
    path = Path(folder) / RUN_FILE
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def read_record(path) -> dict:
    """Read a ``run.json``; ValueError naming the file when it is not one."""
    path = Path(path)
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"{path}: no such run record; pass the run.json written beside a run's tables") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ValueError(f"{path}: not a run record ({e})") from None
    if not isinstance(record, dict) or not {"inputs_given", "seed", "inputs"} <= set(record):
        raise ValueError(f"{path}: not a run record (needs inputs_given, inputs, seed)")
    return record


def run_id_of(folder):
    """The ``run_id`` of the ``run.json`` in ``folder``, or None when there is none."""
    path = Path(folder) / RUN_FILE
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("run_id")
    except (ValueError, UnicodeDecodeError, AttributeError):
        return None


def compare_record(old: dict, new: dict) -> list:
    """Lines saying how a repeated run differs from the recorded one (empty: none).

    Examples
    --------
    >>> a = {"inputs": [{"path": "x.txt", "sha256": "1"}], "dependencies": {"pandas": "3.0"}, "python": "3.11"}
    >>> b = {"inputs": [{"path": "x.txt", "sha256": "2"}], "dependencies": {"pandas": "3.1"}, "python": "3.11"}
    >>> compare_record(a, b)
    ['input x.txt changed (sha256 1 -> 2)', 'pandas 3.0 -> 3.1']
    """
    lines = []
    was = {f["path"]: f["sha256"] for f in old.get("inputs", [])}
    now = {f["path"]: f["sha256"] for f in new.get("inputs", [])}
    for p in sorted(set(was) | set(now)):
        if p not in now:
            lines.append(f"input {p} is missing now")
        elif p not in was:
            lines.append(f"input {p} is new")
        elif was[p] != now[p]:
            lines.append(f"input {p} changed (sha256 {was[p][:12]} -> {now[p][:12]})")
    if (old.get("manifest") or {}).get("sha256") != (new.get("manifest") or {}).get("sha256"):
        lines.append("the manifest differs")
    if old.get("python") != new.get("python"):
        lines.append(f"Python {old.get('python')} -> {new.get('python')}")
    od, nd = old.get("dependencies", {}), new.get("dependencies", {})
    for n in sorted(set(od) | set(nd), key=str.lower):
        if od.get(n) != nd.get(n):
            lines.append(f"{n} {od.get(n)} -> {nd.get(n)}")
    return lines
