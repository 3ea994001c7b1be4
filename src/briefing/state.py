"""The state store: one SQLite file (``state`` in briefing.toml) that outlives builds.

It holds the subscribers, the approved PDF of each week and the delivery
ledger. Every write is its own transaction, committed with
``synchronous=FULL`` in WAL mode, so a row that a call has written is on disk
when the call returns, even if the process is killed right after.

A store is created only where no file is; an existing file must hold this
schema version with every table, and pass SQLite's quick check. A store
missing a table, of another version, or with damaged pages stops every
command with one line naming the file and the way back (``briefing
deliveries --repair``, see ``repair``): a damaged ledger is never taken for a
fresh start, which would mail everyone again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from .errors import StateError

VERSION = 1  # PRAGMA user_version of the schema below
TABLES = {
    "subscribers": ("email", "name", "status", "created", "updated"),
    "approvals": ("week", "sha256", "file", "approved", "approver"),
    "deliveries": ("week", "email", "sha256", "status", "attempts", "reply", "message_id", "updated"),
    "ledger_gaps": ("first", "last", "noted"),
}
SCHEMA = """
CREATE TABLE subscribers (
    email   TEXT PRIMARY KEY COLLATE NOCASE,
    name    TEXT NOT NULL DEFAULT '',
    status  TEXT NOT NULL CHECK (status IN ('active', 'unsubscribed')),
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE TABLE approvals (
    week     TEXT PRIMARY KEY,
    sha256   TEXT NOT NULL,
    file     TEXT NOT NULL,
    approved TEXT NOT NULL,
    approver TEXT NOT NULL
);
CREATE TABLE deliveries (
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
# Weeks (first..last, ISO week strings) whose ledger rows a repair could not all
# read: a subscriber without a row there may have been mailed (see repair.py).
GAPS = "CREATE TABLE ledger_gaps (first TEXT NOT NULL, last TEXT NOT NULL, noted TEXT NOT NULL);"
REPAIR_MARK = ".repairing"  # beside the store while a repair replaces it; names the pristine copy


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def recovery(path: Path) -> str:
    return (f"nothing was sent; run 'briefing deliveries --repair' (it keeps a copy of {path.name} and never "
            "mails anyone twice), or restore the file from a backup")


def damaged(path: Path, what: str) -> StateError:
    return StateError(f"{path}: the state database is damaged ({what}); {recovery(path)}")


def _pragmas(db: sqlite3.Connection) -> None:
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")


def create(path: Path) -> None:
    """A new, empty store at ``path``: built aside, then linked into place (never over a file)."""
    temporary = path.with_name(f".{path.name}.new-{os.getpid()}")
    temporary.unlink(missing_ok=True)
    db = sqlite3.connect(temporary, isolation_level=None)
    try:
        _pragmas(db)
        db.executescript(f"BEGIN; {SCHEMA} {GAPS} PRAGMA user_version = {VERSION}; COMMIT;")
    finally:
        db.close()
    try:
        os.link(temporary, path)
    except FileExistsError:
        pass  # another process made it first: use theirs
    finally:
        temporary.unlink(missing_ok=True)


def problems(db: sqlite3.Connection) -> tuple[int, list[str]]:
    """The schema version and what is wrong with the store (empty when it is sound)."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    found = {row[0]: {c[1] for c in db.execute(f"PRAGMA table_info({row[0]})")}
             for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    wanted = dict(TABLES)
    if version == 0:
        wanted.pop("ledger_gaps")  # a store from before schema versions: upgraded on open
    wrong = [f"table {t} is missing" for t in wanted if t not in found]
    wrong += [f"table {t} lacks column {c}" for t in wanted if t in found for c in wanted[t] if c not in found[t]]
    check = [" ".join(str(row[0]).split()) for row in db.execute("PRAGMA quick_check(3)")]
    if check != ["ok"]:
        wrong += [line.replace("*** in database main ***", "").strip() for line in check]
    return version, wrong


def check(db: sqlite3.Connection, path: Path) -> None:
    """Raise StateError unless the open store is this version, whole and undamaged."""
    try:
        version, wrong = problems(db)
    except sqlite3.DatabaseError as exc:
        raise damaged(path, " ".join(str(exc).split())) from None
    if version > VERSION:
        raise StateError(
            f"{path}: the state database is of schema version {version}, and this briefing reads version "
            f"{VERSION}; run the briefing that wrote it, or 'briefing deliveries --repair' to convert it "
            "(subscribers, approvals and deliveries are kept)")
    if wrong:
        raise damaged(path, "; ".join(wrong[:3]))
    if version < VERSION:
        with transaction(db):
            db.execute(GAPS)
            db.execute(f"PRAGMA user_version = {VERSION}")


def connect(path: Path) -> sqlite3.Connection:
    """Open the state file (creating it only where none is); autocommit, durable on every commit."""
    if path.is_dir():
        raise StateError(f"{path}: is a folder, not the state database; set 'state' in briefing.toml to a file "
                         "path such as state/briefing.sqlite3")
    if path.with_name(path.name + REPAIR_MARK).exists():
        raise StateError(f"{path}: a repair of the state database was interrupted; run "
                         "'briefing deliveries --repair' again to finish it")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not os.path.lexists(path):
            create(path)
        elif path.stat().st_size == 0:
            raise damaged(path, "the file is empty")
        db = sqlite3.connect(path, isolation_level=None, timeout=30)
    except (OSError, sqlite3.OperationalError) as exc:
        raise StateError(
            f"{path}: cannot open the state database ({exc}); check the path 'state' in briefing.toml "
            "and that the folder is writable"
        ) from None
    check(db, path)
    try:
        _pragmas(db)
    except sqlite3.DatabaseError as exc:
        raise damaged(path, str(exc)) from None
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
