"""The incremental half of the store: every finished record committed to `OUT/.state/state.sqlite`
as it arrives, keyed by source and content hash, so a re-run (or a run after `kill -9`) only
processes what is missing and regenerates the same dataset files from the accumulated records.
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import sqlite3
import zlib
from pathlib import Path
from typing import Iterable, Iterator


class StateBusy(RuntimeError):
    """Another run holds the lock of this output folder."""


class RunState:
    """SQLite manifest under `OUT/.state/`: one committed row per finished file.

    `records` keeps (source, sha256, pipeline fingerprint, status, record, and
    the record's table rows made as it arrived: `store.dataset.prepare`) and
    survives between runs; `run_files` is the current run's file list in input
    order, so the dataset is always regenerated in the same order whatever
    order the workers finished in. Each record is its own transaction (WAL), so
    a `kill -9` loses at most the files still being processed.
    """

    VERSION = "2"   # 2: the `prepared` column

    def __init__(self, out: Path):
        self.dir = Path(out) / ".state"
        self.dir.mkdir(parents=True, exist_ok=True)
        self._lock = open(self.dir / "lock", "w")
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock.close()
            raise StateBusy(f"another vanban run is writing to {out}") from None
        self.db = sqlite3.connect(str(self.dir / "state.sqlite"), isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        if self.meta("version") != self.VERSION:
            self.db.execute("DROP TABLE IF EXISTS records")
            self.db.execute("DROP TABLE IF EXISTS run_files")
            self.db.execute("DELETE FROM meta")
        self.db.execute("CREATE TABLE IF NOT EXISTS records (source TEXT PRIMARY KEY, sha256 TEXT, "
                        "fingerprint TEXT, status TEXT, error_code TEXT, crc INTEGER, body BLOB, prepared BLOB)")
        self.db.execute("CREATE TABLE IF NOT EXISTS run_files (seq INTEGER PRIMARY KEY, source TEXT UNIQUE, "
                        "path BLOB)")
        self.set_meta("version", self.VERSION)

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str | None) -> None:
        if value is None:
            self.db.execute("DELETE FROM meta WHERE key = ?", [key])
        else:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])

    def begin_run(self) -> None:
        self.db.execute("DELETE FROM run_files")

    def add_file(self, source: str, path: str) -> str | None:
        """Register a file of this run; a clashing source gets ` (2)`…, the same file twice None."""
        candidate, n = source, 1
        raw = os.fsencode(path)  # bytes: a file name need not be valid UTF-8
        while True:
            try:
                self.db.execute("INSERT INTO run_files (source, path) VALUES (?, ?)", [candidate, raw])
                return candidate
            except sqlite3.IntegrityError:
                other = self.db.execute("SELECT path FROM run_files WHERE source = ?", [candidate]).fetchone()[0]
                if os.path.realpath(other) == os.path.realpath(raw):
                    return None
                n += 1
                candidate = f"{source} ({n})"

    def cached(self, source: str, sha: str | None, fingerprint: str, retry_codes: Iterable[str]) -> bool:
        """True when this exact content was already processed by this exact pipeline."""
        if sha is None:
            return False
        row = self.db.execute("SELECT sha256, fingerprint, error_code FROM records WHERE source = ?",
                              [source]).fetchone()
        return bool(row) and row[0] == sha and row[1] == fingerprint and row[2] not in set(retry_codes)

    def put(self, source: str, sha: str | None, fingerprint: str, status: str, error_code: str | None,
            body: bytes, prepared: bytes | None = None) -> None:
        """Commit one finished record (`body` is its JSON line, zlib-compressed; `prepared`, when
        given, what the dataset needs of it besides, made by `store.dataset.prepare`)."""
        self.db.execute("INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [source, sha, fingerprint, status, error_code, zlib.crc32(body), body, prepared])

    def prune(self) -> int:
        """Forget records of files that are no longer among the inputs."""
        cur = self.db.execute("DELETE FROM records WHERE source NOT IN (SELECT source FROM run_files)")
        return cur.rowcount

    def missing(self) -> list[str]:
        rows = self.db.execute("SELECT f.source FROM run_files f LEFT JOIN records r USING (source) "
                               "WHERE r.source IS NULL ORDER BY f.seq LIMIT 20").fetchall()
        return [r[0] for r in rows]

    def digest(self) -> str:
        """What the dataset would be made of: changes whenever any record or the file list does."""
        h = hashlib.sha256()
        for row in self.db.execute("SELECT f.source, r.sha256, r.fingerprint, r.crc FROM run_files f "
                                   "JOIN records r USING (source) ORDER BY f.seq"):
            h.update(repr(row).encode("utf-8", "backslashreplace"))
        return h.hexdigest()

    def outcomes(self) -> list[tuple[str, str | None, int]]:
        """(status, error code, count) over this run's files."""
        return self.db.execute("SELECT r.status, r.error_code, count(*) FROM run_files f JOIN records r "
                               "USING (source) GROUP BY 1, 2 ORDER BY 3 DESC").fetchall()

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM run_files").fetchone()[0]

    def lines(self) -> Iterator[str]:
        """The records of this run as JSON lines, in input order, streamed."""
        cur = self.db.execute("SELECT r.body FROM run_files f JOIN records r USING (source) ORDER BY f.seq")
        for (body,) in cur:
            yield zlib.decompress(body).decode("utf-8")

    def entries(self) -> Iterator[tuple[str, bytes | None]]:
        """(JSON line, prepared rows or None) of this run's records, in input order, streamed."""
        cur = self.db.execute("SELECT r.body, r.prepared FROM run_files f JOIN records r USING (source) "
                              "ORDER BY f.seq")
        for body, prepared in cur:
            yield zlib.decompress(body).decode("utf-8"), prepared

    def close(self) -> None:
        self.db.close()
        self._lock.close()
