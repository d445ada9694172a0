"""A small copy of the catalogue (brands and creators with their counts) in the data dir, so `assistant brands`
and `assistant influencers` answer without opening the vector store (importing and opening Chroma costs most of a
second; this file is read in a millisecond).

The copy is rebuilt from the store after every ingest and whenever it is missing or stale. Stale is decided by a
stamp of the store's content, read straight from the embedded store's SQLite file with the standard library:
the last write's sequence number (every add, update or delete advances it), each segment's, and the
collections. Any write by anyone (another process, a killed ingest, an older version of this program) moves the
stamp, so a copy is never trusted past a change. Opening a client doesn't move it (file times would: Chroma
touches the file on every open). With a shared Chroma server (`chroma_url`) there is no copy: teammates write
to the server, and only the server knows.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from assistant.config import Settings

FILE_NAME = "catalog.json"
FORMAT = 1


def path_for(settings: Settings) -> Path:
    return settings.data_dir / FILE_NAME


def store_stamp(settings: Settings) -> list[Any] | None:
    """The embedded store's content stamp, or None when there is none to trust (a server, no store yet, a file
    whose layout we don't know)."""
    if settings.chroma_url:
        return None
    db = settings.chroma_dir / "chroma.sqlite3"
    if not db.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=2)
        try:
            queue = conn.execute("SELECT max(seq_id) FROM embeddings_queue").fetchone()[0]
            records = conn.execute("SELECT count(*), max(id) FROM embeddings").fetchone()
            segments = sorted(conn.execute("SELECT segment_id, seq_id FROM max_seq_id").fetchall())
            collections = sorted(conn.execute("SELECT id, name FROM collections").fetchall())
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return [FORMAT, queue, list(records), [list(r) for r in segments], [list(r) for r in collections]]


def read(settings: Settings) -> dict[str, Any] | None:
    """The kept catalogue ({"brands": [...], "influencers": [...]}) if it matches the store, else None."""
    path = path_for(settings)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    stamp = store_stamp(settings)
    if stamp is None or not isinstance(data, dict) or data.get("stamp") != stamp:
        return None
    if not isinstance(data.get("brands"), list) or not isinstance(data.get("influencers"), list):
        return None
    return data


def write(settings: Settings, stamp: list[Any], brands: list[dict[str, Any]], influencers: list[dict[str, Any]]) -> None:
    """Keep a catalogue read from the store at `stamp` (taken before reading it, so a write made meanwhile
    leaves the copy stale rather than wrong). Atomic: a crash leaves the old file or the new one."""
    path = path_for(settings)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"stamp": stamp, "brands": brands, "influencers": influencers}, handle, ensure_ascii=False)
        os.replace(tmp, path)
    except OSError:
        try:
            Path(tmp).unlink(missing_ok=True)  # type: ignore[possibly-undefined]
        except (OSError, NameError):
            pass


def forget(settings: Settings) -> None:
    """Drop the copy (before a write: whatever happens next, no stale copy is left to read)."""
    try:
        path_for(settings).unlink(missing_ok=True)
    except OSError:
        pass
