"""The delivery ledger: approvals, and one row per (week, subscriber, PDF) with its state.

The states and why they make delivery exactly-once are described in ``deliver``.
Every change is committed before its method returns, so a run killed at any
moment leaves each row as the server last saw it.
"""

from __future__ import annotations

import dataclasses
import getpass
import sqlite3
from dataclasses import dataclass

from . import dates, state
from .config import Config
from .errors import DeliveryError
from .message import Edition, load_edition

UNCONFIRMED_REPLY = ("connection lost after the end of the message was sent; the server may have accepted it "
                     "(check its log for the Message-ID, then 'briefing deliveries --confirm' or "
                     "'briefing send --resend-unconfirmed')")


# ---------------------------------------------------------------- approval

def approve(config: Config, week: str) -> tuple[Edition, str]:
    """Record the built PDF's hash as the one that may be sent; return it with the approver."""
    week = dates.parse_week(week)[0]
    edition = load_edition(config, week)
    approver = getpass.getuser()
    db = state.connect(config.state_path)
    with state.transaction(db):
        db.execute("INSERT OR REPLACE INTO approvals (week, sha256, file, approved, approver) VALUES (?, ?, ?, ?, ?)",
                   (week, edition.sha256, edition.pdf_path.name, state.now(), approver))
    return edition, approver


def check_approval(db: sqlite3.Connection, edition: Edition) -> None:
    row = db.execute("SELECT * FROM approvals WHERE week = ?", (edition.week,)).fetchone()
    if row is None:
        raise DeliveryError(f"week {edition.week}: {edition.pdf_path.name} is not approved; read it, then run "
                            f"'briefing approve --week {edition.week}' (or set mail.require_approval = false)")
    if row["sha256"] != edition.sha256:
        raise DeliveryError(
            f"{edition.pdf_path}: changed since it was approved at {row['approved']} by {row['approver']} "
            f"(sha256 now {edition.sha256[:12]}, approved {row['sha256'][:12]}); read it again, then run "
            f"'briefing approve --week {edition.week}'")


# ---------------------------------------------------------------- the ledger

@dataclass(frozen=True)
class Delivery:
    week: str
    email: str
    sha256: str
    status: str
    attempts: int
    reply: str
    message_id: str
    updated: str


class Ledger:
    """The delivery rows of one week and one PDF; every change is committed before it returns."""

    def __init__(self, db: sqlite3.Connection, week: str, sha256: str):
        self.db, self.week, self.sha256 = db, week, sha256

    def rows(self) -> dict[str, Delivery]:
        found = self.db.execute("SELECT * FROM deliveries WHERE week = ? AND sha256 = ?", (self.week, self.sha256))
        return {r["email"].lower(): Delivery(**dict(r)) for r in found}

    def plan(self, recipients: list[tuple[str, str]]) -> None:
        """Record the intent to send to each (email, message_id), all in one transaction."""
        with state.transaction(self.db):
            self.db.executemany(
                "INSERT OR IGNORE INTO deliveries (week, email, sha256, status, message_id, updated) "
                "VALUES (?, ?, ?, 'pending', ?, ?)",
                [(self.week, email, self.sha256, msgid, state.now()) for email, msgid in recipients])

    def _set(self, email: str, status: str, reply: str = "", attempt: bool = False, only_from: str = "") -> int:
        sql = ("UPDATE deliveries SET status = ?, reply = ?, updated = ?, attempts = attempts + ? "
               "WHERE week = ? AND email = ? AND sha256 = ?")
        args: list[object] = [status, reply, state.now(), int(attempt), self.week, email, self.sha256]
        if only_from:
            sql += " AND status = ?"
            args.append(only_from)
        try:
            return self.db.execute(sql, args).rowcount
        except sqlite3.Error as exc:
            raise DeliveryError(f"state database: cannot record {status!r} for {email} ({exc}); the run stopped "
                                "there and the ledger is consistent; free the disk or fix the file, then send again"
                                ) from None

    def sending(self, email: str) -> None:
        self._set(email, "sending", "end of message being sent", attempt=True)

    def sent(self, email: str, reply: str) -> None:
        self._set(email, "sent", reply)

    def deferred(self, email: str, reply: str, attempt: bool) -> None:
        self._set(email, "pending", reply, attempt=attempt)

    def failed(self, email: str, reply: str, attempt: bool) -> None:
        self._set(email, "failed", reply, attempt=attempt)

    def unconfirmed(self, email: str) -> None:
        self._set(email, "sending", UNCONFIRMED_REPLY)

    def uncertain(self, recipients: list[tuple[str, str]], reply: str) -> None:
        """Record as unconfirmed the (email, message_id) of a week whose ledger a repair could not read whole."""
        with state.transaction(self.db):
            self.db.executemany(
                "INSERT OR IGNORE INTO deliveries (week, email, sha256, status, reply, message_id, updated) "
                "VALUES (?, ?, ?, 'sending', ?, ?, ?)",
                [(self.week, email, self.sha256, reply, msgid, state.now()) for email, msgid in recipients])

    def gap(self) -> str:
        """When a repair noted this week's ledger as incomplete (its time), else ""."""
        row = self.db.execute("SELECT noted FROM ledger_gaps WHERE first <= ? AND ? <= last ORDER BY noted DESC",
                              (self.week, self.week)).fetchone()
        return row["noted"] if row else ""

    def drop(self, email: str) -> None:
        """Forget a pending row (the subscriber unsubscribed before their turn)."""
        self.db.execute("DELETE FROM deliveries WHERE week = ? AND email = ? AND sha256 = ? AND status = 'pending'",
                        (self.week, email, self.sha256))

    def confirm(self, email: str) -> bool:
        return self._set(email, "sent", "confirmed delivered by the operator", only_from="sending") == 1


def deliveries(config: Config, week: str) -> list[Delivery]:
    """Every ledger row of a week (all PDF versions), oldest first."""
    week = dates.parse_week(week)[0]
    db = state.connect(config.state_path)
    rows = db.execute("SELECT * FROM deliveries WHERE week = ? ORDER BY updated, email", (week,))
    return [Delivery(**dict(r)) for r in rows]


def confirm(config: Config, week: str, address: str) -> Delivery:
    """Mark an unconfirmed delivery as delivered, after checking the server's log."""
    week = dates.parse_week(week)[0]
    db = state.connect(config.state_path)
    email = address.strip()
    rows = [d for d in deliveries(config, week) if d.email.lower() == email.lower() and d.status == "sending"]
    if not rows:
        raise DeliveryError(f"{email}: no unconfirmed delivery in week {week}; "
                            f"'briefing deliveries --week {week}' lists the ledger")
    Ledger(db, week, rows[-1].sha256).confirm(rows[-1].email)
    return dataclasses.replace(rows[-1], status="sent")
