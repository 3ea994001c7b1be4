"""Subscribers: who receives the briefing, kept in the state database.

Each subscriber is an address, a name and a status (``active`` or
``unsubscribed``). Addresses are checked and normalised with
``email-validator`` (syntax only, no DNS look-up) and compared without
regard to case, so the same person is never stored twice. Removing a
subscriber marks them unsubscribed rather than deleting them, and an
unsubscribe always wins: a later import that lists the address as active does
not subscribe them again (only ``add --resubscribe`` does). Names are cleaned
on entry (one line, no control characters) and refused when too long, so no
name can break a message header.
"""

from __future__ import annotations

import csv
import io
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from . import state
from .errors import UsageError

STATUSES = ("active", "unsubscribed")
NAME_LIMIT = 200  # characters a subscriber's name may have
HEADER_NAME_LIMIT = 78  # characters of it put in the To: header


@dataclass(frozen=True)
class Subscriber:
    email: str
    name: str
    status: str


@dataclass(frozen=True)
class ImportResult:
    rows: int
    added: int
    updated: int
    unchanged: int
    merged: int  # rows that repeated an address already given earlier in the file
    kept_unsubscribed: int  # listed as active, but they had unsubscribed
    invalid: tuple[tuple[int, str], ...] = field(default=())  # (line, reason) of rows left out


def normalize(address: str) -> str:
    """The address in its normal form, or ValueError saying what is wrong with it."""
    from email_validator import EmailNotValidError, validate_email

    try:
        checked = validate_email(address.strip(), check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError as exc:
        raise ValueError(f"{address.strip()!r} is not a valid email address: {str(exc).rstrip('.')}") from None
    return checked.ascii_email or checked.normalized


def clean_name(name: str) -> str:
    """The name as one line of text: line breaks, tabs and other control or format
    characters become spaces, runs of spaces one, no space at either end."""
    kept = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs") else c for c in name)
    return " ".join(kept.split())


def checked_name(name: str) -> str:
    """The cleaned name, or ValueError when it is too long to be a name."""
    cleaned = clean_name(name)
    if len(cleaned) > NAME_LIMIT:
        raise ValueError(f"name of {len(cleaned)} characters is longer than {NAME_LIMIT}: {cleaned[:40]!r}...")
    return cleaned


def header_name(name: str) -> str:
    """The name as the To: header shows it: cleaned, and cut at a word when long."""
    cleaned = clean_name(name)
    if len(cleaned) <= HEADER_NAME_LIMIT:
        return cleaned
    cut = cleaned[:HEADER_NAME_LIMIT]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip()


def _row(row: sqlite3.Row | None) -> Subscriber | None:
    return Subscriber(row["email"], row["name"], row["status"]) if row else None


def get(db: sqlite3.Connection, email: str) -> Subscriber | None:
    return _row(db.execute("SELECT * FROM subscribers WHERE email = ?", (email,)).fetchone())


def listing(db: sqlite3.Connection, status: str | None = None) -> list[Subscriber]:
    if status:
        rows = db.execute("SELECT * FROM subscribers WHERE status = ? ORDER BY email", (status,))
    else:
        rows = db.execute("SELECT * FROM subscribers ORDER BY email")
    return [Subscriber(r["email"], r["name"], r["status"]) for r in rows]


def is_active(db: sqlite3.Connection, email: str) -> bool:
    found = get(db, email)
    return found is not None and found.status == "active"


def _merge(db: sqlite3.Connection, email: str, name: str, status: str, resubscribe: bool) -> str:
    """Insert or update one subscriber (inside a transaction); return what happened."""
    old = get(db, email)
    stamp = state.now()
    if old is None:
        db.execute("INSERT INTO subscribers (email, name, status, created, updated) VALUES (?, ?, ?, ?, ?)",
                   (email, name, status, stamp, stamp))
        return "added"
    new_status = status
    if old.status == "unsubscribed" and status == "active" and not resubscribe:
        new_status = "unsubscribed"
    new_name = name or old.name
    if (new_name, new_status) == (old.name, old.status):
        return "kept unsubscribed" if new_status != status else "unchanged"
    db.execute("UPDATE subscribers SET name = ?, status = ?, updated = ? WHERE email = ?",
               (new_name, new_status, stamp, old.email))
    return "kept unsubscribed" if new_status != status else "updated"


def add(db: sqlite3.Connection, address: str, name: str = "", resubscribe: bool = False) -> tuple[Subscriber, str]:
    try:
        email = normalize(address)
    except ValueError as exc:
        raise UsageError(f"subscriber {exc}; give an address such as name@example.com") from None
    try:
        name = checked_name(name)
    except ValueError as exc:
        raise UsageError(f"subscriber {email}: {exc}; give the name as the greeting should show it") from None
    with state.transaction(db):
        change = _merge(db, email, name, "active", resubscribe)
    found = get(db, email)
    assert found is not None
    return found, change


def remove(db: sqlite3.Connection, address: str) -> Subscriber:
    """Mark a subscriber unsubscribed (kept, so they are never mailed again)."""
    try:
        email = normalize(address)
    except ValueError:
        email = address.strip()
    found = get(db, email)
    if found is None:
        raise UsageError(f"subscriber {address.strip()!r}: not in the list; "
                         "see 'briefing subscribers list' for the addresses it holds")
    with state.transaction(db):
        db.execute("UPDATE subscribers SET status = 'unsubscribed', updated = ? WHERE email = ?",
                   (state.now(), found.email))
    return Subscriber(found.email, found.name, "unsubscribed")


def read_csv(path: Path) -> tuple[list[tuple[int, str, str, str]], list[tuple[int, str]]]:
    """The rows of a subscriber CSV as (line, email, name, status), and the invalid rows."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UsageError(f"{path}: file not found; give the path of a CSV with a header line email,name,status") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read it as UTF-8 text ({exc}); save the CSV as UTF-8") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))  # a quoted name may hold a line break
    columns = {(c or "").strip().lower(): c for c in reader.fieldnames or ()}
    if "email" not in columns:
        raise UsageError(f"{path}: no 'email' column in the header line {reader.fieldnames or []}; "
                         "the first line must name the columns, e.g. email,name,status")
    rows, invalid = [], []
    for record in reader:
        line = reader.line_num
        cell = {key: (record.get(original) or "").strip() for key, original in columns.items()}
        status = cell.get("status", "").lower() or "active"
        if status not in STATUSES:
            invalid.append((line, f"status {status!r} is not one of {', '.join(STATUSES)}"))
            continue
        try:
            email = normalize(cell["email"])
            name = checked_name(cell.get("name", ""))
        except ValueError as exc:
            invalid.append((line, str(exc)))
            continue
        rows.append((line, email, name, status))
    return rows, invalid


def import_csv(db: sqlite3.Connection, path: Path, skip_invalid: bool = False) -> ImportResult:
    """Merge a CSV (columns email, name, status) into the list, all rows in one transaction."""
    rows, invalid = read_csv(path)
    if invalid and not skip_invalid:
        shown = "; ".join(f"line {line}: {reason}" for line, reason in invalid[:3])
        more = f" (and {len(invalid) - 3} more)" if len(invalid) > 3 else ""
        raise UsageError(f"{path}: {len(invalid)} invalid row{'s' if len(invalid) != 1 else ''}, nothing imported: "
                         f"{shown}{more}; fix them or pass --skip-invalid")
    merged: dict[str, tuple[str, str, str]] = {}  # lower-case address -> (email, name, status)
    for _line, email, name, status in rows:
        key = email.lower()
        if key in merged:  # the first spelling stays; a later name, and any unsubscribe, win
            email, old_name, old_status = merged[key]
            name = name or old_name
            status = "unsubscribed" if "unsubscribed" in (status, old_status) else "active"
        merged[key] = (email, name, status)
    counts = {"added": 0, "updated": 0, "unchanged": 0, "kept unsubscribed": 0}
    with state.transaction(db):
        for email, name, status in merged.values():
            counts[_merge(db, email, name, status, resubscribe=False)] += 1
    return ImportResult(rows=len(rows) + len(invalid), added=counts["added"], updated=counts["updated"],
                        unchanged=counts["unchanged"], merged=len(rows) - len(merged),
                        kept_unsubscribed=counts["kept unsubscribed"], invalid=tuple(invalid))
