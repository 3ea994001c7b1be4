"""Repair of a damaged state database: ``briefing deliveries --repair``.

A store missing a table, of another version, or with damaged pages is copied
aside untouched (``<state>.damaged-<time>``, with its WAL), every row that can
still be read is copied into a new store of this version, and the new store
replaces the old one with one rename. Nothing here can cause a second message:

- a delivery row read back keeps its status (``sent`` stays sent); a row with
  an unknown status becomes ``sending`` (unconfirmed: never resent unless asked);
- when the ledger could not be read whole, every week up to now (and up to the
  last week built or approved) is recorded as a gap: ``send`` then treats a
  subscriber without a row in such a week as unconfirmed, not as new;
- a subscriber whose status is unknown is kept ``unsubscribed``.

While it runs a mark file beside the store names the pristine copy; a repair
killed half-way is finished by running it again, and every other command
refuses the store until then.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import state
from .publish import sync
from .config import Config
from .errors import StateError
from .models import iso_week

_RANK = {"pending": 0, "failed": 1, "sending": 2, "sent": 3}  # a later, surer state wins a duplicate
_WEEK = re.compile(r"^\d{4}-\d{2}$")
UNKNOWN_STATUS = "status unreadable after a repair of the state database; may have been sent"


@dataclass(frozen=True)
class Salvage:
    """The rows read from a damaged store, and which tables were read whole."""

    rows: dict[str, list[dict]]
    whole: dict[str, bool]


def _read_table(db: sqlite3.Connection, table: str) -> tuple[list[dict], bool]:
    rows: list[dict] = []
    try:
        cursor = db.execute(f'SELECT * FROM "{table}"')
        names = [d[0] for d in cursor.description]
        for row in cursor:
            rows.append(dict(zip(names, row)))
        return rows, True
    except sqlite3.DatabaseError:
        return rows, False


def salvage(pristine: Path) -> Salvage:
    """Every readable row of ``pristine`` (read from a scratch copy, so the copy stays as it was)."""
    rows: dict[str, list[dict]] = {}
    whole: dict[str, bool] = {}
    with tempfile.TemporaryDirectory(dir=pristine.parent, prefix=".salvage-") as scratch:
        copy = Path(scratch) / "store.sqlite3"
        shutil.copyfile(pristine, copy)
        if os.path.exists(f"{pristine}-wal"):
            shutil.copyfile(f"{pristine}-wal", f"{copy}-wal")
        db = sqlite3.connect(copy)
        try:
            for table in state.TABLES:
                rows[table], whole[table] = _read_table(db, table)
        finally:
            db.close()
    whole["ledger_gaps"] = True  # a store without gaps is whole in that respect
    return Salvage(rows, whole)


def _text(row: dict, key: str, default: str = "") -> str:
    value = row.get(key)
    return default if value is None else str(value)


def _fill(db: sqlite3.Connection, found: Salvage) -> tuple[int, int, int]:
    """Copy the salvaged rows into the new store; return how many of each kind were kept."""
    now = state.now()
    for r in found.rows["subscribers"]:
        if not _text(r, "email").strip():
            continue
        status = _text(r, "status") if _text(r, "status") in ("active", "unsubscribed") else "unsubscribed"
        db.execute("INSERT INTO subscribers VALUES (?, ?, ?, ?, ?) ON CONFLICT (email) DO UPDATE SET "
                   "status = CASE WHEN excluded.status = 'unsubscribed' THEN 'unsubscribed' ELSE status END",
                   (_text(r, "email").strip(), _text(r, "name"), status, _text(r, "created", now),
                    _text(r, "updated", now)))
    for r in found.rows["approvals"]:
        db.execute("INSERT OR REPLACE INTO approvals VALUES (?, ?, ?, ?, ?)",
                   (_text(r, "week"), _text(r, "sha256"), _text(r, "file"), _text(r, "approved", now),
                    _text(r, "approver", "unknown")))
    ledger = sorted(found.rows["deliveries"], key=lambda r: _RANK.get(_text(r, "status"), 2))
    for r in ledger:
        if not (_text(r, "week") and _text(r, "email") and _text(r, "sha256")):
            continue
        status, reply = _text(r, "status"), _text(r, "reply")
        if status not in _RANK:
            status, reply = "sending", UNKNOWN_STATUS
        attempts = r.get("attempts") if isinstance(r.get("attempts"), int) else 0
        db.execute("INSERT OR REPLACE INTO deliveries VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   (_text(r, "week"), _text(r, "email"), _text(r, "sha256"), status, attempts, reply,
                    _text(r, "message_id"), _text(r, "updated", now)))
    for r in found.rows["ledger_gaps"]:
        db.execute("INSERT INTO ledger_gaps VALUES (?, ?, ?)",
                   (_text(r, "first"), _text(r, "last"), _text(r, "noted", now)))
    count = db.execute("SELECT (SELECT COUNT(*) FROM subscribers), (SELECT COUNT(*) FROM approvals), "
                       "(SELECT COUNT(*) FROM deliveries)").fetchone()
    return count[0], count[1], count[2]


def _last_week(config: Config, found: Salvage) -> str:
    """The latest week that may have been sent: now, or a later week built, approved or in the ledger."""
    weeks = {iso_week(dt.date.today())}
    weeks.update(_text(r, "week") for r in found.rows["approvals"] + found.rows["deliveries"])
    if config.output_dir.is_dir():
        weeks.update(p.name for p in config.output_dir.iterdir())
    return max(w for w in weeks if _WEEK.match(w))


def _healthy(path: Path) -> bool:
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            version, wrong = state.problems(db)
        finally:
            db.close()
    except sqlite3.DatabaseError:
        return False
    return version in (0, state.VERSION) and not wrong


def _set_aside(path: Path, mark: Path) -> Path:
    """Copy the damaged store (and its WAL) aside, then write the mark that names the copy."""
    pristine = path.with_name(f"{path.name}.damaged-{dt.datetime.now():%Y%m%dT%H%M%S}")
    shutil.copyfile(path, pristine)
    if os.path.exists(f"{path}-wal"):
        shutil.copyfile(f"{path}-wal", f"{pristine}-wal")
    temporary = mark.with_name(mark.name + ".tmp")
    temporary.write_text(pristine.name, encoding="utf-8")
    os.replace(temporary, mark)
    sync(path.parent)
    return pristine


def repair(config: Config) -> str:
    """Replace a damaged store by a sound one holding every row that could be read; return one summary line."""
    from .deliver import send_lock

    path = config.state_path
    mark = path.with_name(path.name + state.REPAIR_MARK)
    with send_lock(path):
        if mark.exists():
            pristine = path.with_name(mark.read_text(encoding="utf-8").strip())
        elif not path.is_file():
            raise StateError(f"{path}: no state database to repair; the first command that needs it creates it")
        elif _healthy(path):
            return f"{path}: the state database is sound; nothing to repair"
        else:
            pristine = _set_aside(path, mark)
        found = salvage(pristine)
        fresh = path.with_name(f".{path.name}.repaired-{os.getpid()}")
        fresh.unlink(missing_ok=True)
        state.create(fresh)
        db = sqlite3.connect(fresh, isolation_level=None)
        try:
            with state.transaction(db):
                counts = _fill(db, found)
                gap = "" if found.whole["deliveries"] else _last_week(config, found)
                if gap:
                    db.execute("INSERT INTO ledger_gaps VALUES ('0000-00', ?, ?)", (gap, state.now()))
        finally:
            db.close()
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)  # the old WAL must not be replayed into the new store
        os.replace(fresh, path)
        sync(path.parent)
        mark.unlink()
    return _summary(path, pristine, counts, found, gap)


def _summary(path: Path, pristine: Path, counts: tuple[int, int, int], found: Salvage, gap: str) -> str:
    line = (f"repaired {path}: kept {counts[0]} subscribers, {counts[1]} approvals and {counts[2]} deliveries; "
            f"the damaged file is kept as {pristine.name}")
    if gap:
        line += (f"; the ledger could not be read whole, so for weeks up to {gap} anyone without a record counts "
                 "as unconfirmed and is not mailed (check the mail server's log, then 'briefing deliveries "
                 "--confirm ADDRESS' or 'briefing send --resend-unconfirmed')")
    if not found.whole["subscribers"]:
        line += ("; some subscribers could not be read: import the list again ('briefing subscribers import'), "
                 "with those who unsubscribed marked so")
    if not found.whole["approvals"]:
        line += "; some approvals could not be read: approve those weeks again"
    return line
