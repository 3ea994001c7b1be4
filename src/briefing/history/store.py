"""The history store: each built week's items, prices, key figures and companies, in SQLite.

One file (``history`` in briefing.toml, by default beside the subscribers in
``state/``), separate from the delivery ledger so that history can never
stand in the way of delivery. Rows are keyed by week; recording a week
replaces that week's rows in one transaction, so a rerun never doubles
anything and a build killed half-way leaves the store as it was. The schema
is versioned (``PRAGMA user_version``) and migrated on open; a file that is
not such a store, or of a newer version, is a one-line error naming it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from ..errors import StateError

VERSION = 1
BUSY_SECONDS = 30.0  # how long a build waits for another build's write to the store
# MIGRATIONS[n] takes a store of version n to version n + 1.
MIGRATIONS = (
    """
    CREATE TABLE weeks (week TEXT PRIMARY KEY, title TEXT NOT NULL, articles INTEGER NOT NULL,
                        items INTEGER NOT NULL);
    CREATE TABLE items (week TEXT NOT NULL, id TEXT NOT NULL, section TEXT NOT NULL, headline TEXT NOT NULL,
                        body TEXT NOT NULL, day TEXT, principal TEXT NOT NULL, figures TEXT NOT NULL,
                        companies TEXT NOT NULL, PRIMARY KEY (week, id));
    CREATE TABLE prices (week TEXT NOT NULL, product TEXT NOT NULL, unit TEXT NOT NULL, value REAL NOT NULL,
                         low REAL, high REAL, day TEXT, change TEXT NOT NULL, source TEXT NOT NULL);
    CREATE TABLE figures (week TEXT NOT NULL, measure TEXT NOT NULL, year INTEGER, unit TEXT NOT NULL,
                          value REAL NOT NULL, text TEXT NOT NULL);
    CREATE TABLE companies (week TEXT NOT NULL, company TEXT NOT NULL, mentions INTEGER NOT NULL,
                            PRIMARY KEY (week, company));
    CREATE INDEX prices_product ON prices (product, unit, week);
    """,
)
TABLES = ("weeks", "items", "prices", "figures", "companies")


def _fix(path: Path) -> str:
    return (f"move {path.name} aside (the history is rebuilt by building the past weeks again: "
            "'briefing build --weeks FIRST..LAST'), or set 'history' in briefing.toml to another file")


def _migrate(db: sqlite3.Connection, path: Path) -> None:
    """Bring the store to VERSION, under the write lock: two builds opening a new store at once create it once."""
    db.execute("BEGIN IMMEDIATE")
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > VERSION:
            raise StateError(f"{path}: the history store is of schema version {version} and this briefing reads "
                             f"version {VERSION}; run the briefing that wrote it, or {_fix(path)}")
        if version == 0 and db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise StateError(f"{path}: is an SQLite file but not a history store; {_fix(path)}")
        for step in range(version, VERSION):
            for statement in filter(str.strip, MIGRATIONS[step].split(";")):
                db.execute(statement)
        db.execute(f"PRAGMA user_version = {VERSION}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    names = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if missing := [t for t in TABLES if t not in names]:
        raise StateError(f"{path}: the history store lacks table {missing[0]}; {_fix(path)}")


@contextlib.contextmanager
def opened(path: Path) -> Iterator[sqlite3.Connection]:
    """The store at ``path``, created and migrated as needed; any SQLite fault is a one-line StateError."""
    if path.is_dir():
        raise StateError(f"{path}: is a folder, not the history store; set 'history' in briefing.toml to a file")
    db = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_SECONDS)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        _migrate(db, path)
        yield db
    except sqlite3.OperationalError as exc:
        raise StateError(f"{path}: cannot use the history store ({exc}); check that the folder is writable and "
                         "that no other program holds the file locked") from None
    except sqlite3.DatabaseError as exc:
        raise StateError(f"{path}: the history store is damaged ({exc}); {_fix(path)}") from None
    except OSError as exc:
        raise StateError(f"{path}: cannot open the history store ({exc.strerror or exc}); check the path "
                         "'history' in briefing.toml") from None
    finally:
        if db is not None:
            db.close()


def replace_week(db: sqlite3.Connection, week: str, rows: dict[str, list[tuple]]) -> None:
    """Replace every row of ``week`` with ``rows`` (table -> rows without the week), in one transaction."""
    db.execute("BEGIN IMMEDIATE")
    try:
        for table in TABLES:
            db.execute(f"DELETE FROM {table} WHERE week = ?", (week,))
        for table, values in rows.items():
            for row in values:
                marks = ", ".join("?" * (len(row) + 1))
                db.execute(f"INSERT INTO {table} VALUES ({marks})", (week, *row))
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def week_before(week: str, count: int) -> str:
    """The ISO week ``count`` weeks before ``week``: 2026-02, 3 -> 2025-51."""
    year, number = map(int, week.split("-"))
    day = dt.date.fromisocalendar(year, number, 1) - dt.timedelta(weeks=count)
    iso = day.isocalendar()
    return f"{iso[0]}-{iso[1]:02d}"


def earlier_weeks(db: sqlite3.Connection, week: str, count: int) -> list[str]:
    """The stored weeks among the ``count`` calendar weeks before ``week``, latest first."""
    return [r[0] for r in db.execute("SELECT week FROM weeks WHERE week < ? AND week >= ? ORDER BY week DESC",
                                     (week, week_before(week, count)))]


def rows(db: sqlite3.Connection, table: str, weeks: list[str]) -> list[sqlite3.Row]:
    """Every row of ``table`` of the given weeks, latest week first, in stored order within a week."""
    if not weeks:
        return []
    db.row_factory = sqlite3.Row
    marks = ", ".join("?" * len(weeks))
    return list(db.execute(f"SELECT * FROM {table} WHERE week IN ({marks}) ORDER BY week DESC, rowid", weeks))


def stored_weeks(db: sqlite3.Connection) -> list[sqlite3.Row]:
    db.row_factory = sqlite3.Row
    return list(db.execute("SELECT * FROM weeks ORDER BY week"))


def as_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
