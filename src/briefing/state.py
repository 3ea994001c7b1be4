"""The state store: one SQLite file (``state`` in briefing.toml) that outlives builds.

It holds the subscribers, the approved PDF of each week and the delivery
ledger. Every write is its own transaction, committed with
``synchronous=FULL`` in WAL mode, so a row that a call has written is on disk
when the call returns, even if the process is killed right after.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from .errors import DeliveryError

SCHEMA = """
CREATE TABLE IF NOT EXISTS subscribers (
    email   TEXT PRIMARY KEY COLLATE NOCASE,
    name    TEXT NOT NULL DEFAULT '',
    status  TEXT NOT NULL CHECK (status IN ('active', 'unsubscribed')),
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS approvals (
    week     TEXT PRIMARY KEY,
    sha256   TEXT NOT NULL,
    file     TEXT NOT NULL,
    approved TEXT NOT NULL,
    approver TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS deliveries (
    week       TEXT NOT NULL,
    email      TEXT NOT NULL COLLATE NOCASE,
    sha256     TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts   INTEGER NOT NULL DEFAULT 0,
    reply      TEXT NOT NULL DEFAULT '',
    message_id TEXT NOT NULL,
    updated    TEXT NOT NULL,
    PRIMARY KEY (week, email, sha256)
);
"""


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) the state file; autocommit, durable on every commit."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, isolation_level=None, timeout=30)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.executescript(SCHEMA)
    except (OSError, sqlite3.Error) as exc:
        raise DeliveryError(
            f"{path}: cannot open the state database ({exc}); check the path 'state' in briefing.toml "
            "and that the folder is writable"
        ) from None
    return db


@contextlib.contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """All statements inside commit together, or not at all."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
